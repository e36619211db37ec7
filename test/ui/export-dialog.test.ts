// The function detail's Download (D) in an 80x24 terminal, against the local
// Lambda: choose code and template, a directory, Enter writes NAME.zip and
// template.yaml and lists their paths; a second download into the same
// directory asks before overwriting, and n goes back to the form.
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, test} from 'node:test';
import {localLambdaForSuite, replace} from '../support/configuration-tab.js';
import {openTab} from '../support/test-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

describe('the Download dialog (D) in an 80x24 terminal', () => {
	const local = localLambdaForSuite();
	const directory = mkdtempSync(join(tmpdir(), 'lambdash-ui-export-'));
	after(() => rmSync(directory, {recursive: true, force: true}));

	test('writes the code and the template, then asks before overwriting them', async () => {
		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'web-app-node', '1');
		await ui.press('D');
		await ui.waitForText('Download web-app-node');
		assert.match(ui.screen(), /‹ Code \(\.zip\) and SAM template ›/);
		await ui.press(keys.tab);
		await replace(ui, directory);
		await ui.press(keys.enter);
		await ui.waitForText('Written:', 10_000);
		const zip = join(directory, 'web-app-node.zip');
		const template = join(directory, 'template.yaml');
		assert.match(ui.screen(), new RegExp(zip.replace(/[.]/g, '\\.')));
		assert.match(ui.screen(), new RegExp(template.replace(/[.]/g, '\\.')));
		assert.ok(existsSync(zip));
		assert.match(readFileSync(template, 'utf8'), /FunctionName: web-app-node/);

		await ui.press(keys.enter);
		await ui.waitForNoText('Written:');
		await ui.press('D');
		await ui.waitForText('Download web-app-node');
		await ui.press(keys.tab);
		await replace(ui, directory);
		await ui.press(keys.enter);
		await ui.waitForText('already there. Overwrite?');
		assert.match(ui.screen(), /template\.yaml/);
		await ui.press('n');
		await ui.waitForText('Tab/↓ next · Enter saves · Esc cancels');
		await ui.press(keys.enter);
		await ui.waitForText('already there. Overwrite?');
		await ui.press('y');
		await ui.waitForText('Written:', 10_000);
		await ui.press(keys.escape);
		await ui.waitForNoText('Written:');
		await ui.quit();
	});
});
