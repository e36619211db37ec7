// The command line `:` opens, in an 80x24 terminal: a name that is not a
// screen is refused with the names that are, keeping what was typed; a screen's
// name goes there; Esc closes it with nothing changed.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {commandScreen} from '../../source/ui/components/CommandLine.js';
import {localLambdaForSuite} from '../support/configuration-tab.js';
import {openTab} from '../support/test-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

describe('the command line', () => {
	test('names a screen by its name or a short one, with or without the colon, in any case', () => {
		assert.equal(commandScreen('layers'), 'layers');
		assert.equal(commandScreen(' :Layer '), 'layers');
		assert.equal(commandScreen('functions'), 'functions');
		assert.equal(commandScreen('fn'), 'functions');
		assert.equal(commandScreen('lambdas please'), undefined);
		assert.equal(commandScreen(''), undefined);
	});

	const local = localLambdaForSuite();

	test(': from a function\'s detail: a wrong name is refused and kept; functions goes back to the list', async () => {
		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'web-app-node', '1');
		await ui.waitForText('web-app-node');
		await ui.press(':');
		await ui.waitForText('Go to');
		ui.type('lambdas');
		await ui.press(keys.enter);
		await ui.waitForText('"lambdas" is not a screen: type functions or layers');
		assert.match(ui.screen(), /Screen +lambdas/, 'what was typed is still there');
		ui.type('\u0015');
		await ui.quiet();
		ui.type('functions');
		await ui.press(keys.enter);
		await ui.waitForText('Functions (');
		assert.doesNotMatch(ui.screen(), /Go to/);

		await ui.press(':');
		await ui.waitForText('Go to');
		await ui.press(keys.escape);
		await ui.waitForNoText('Go to');
		assert.match(ui.screen(), /Functions \(/);
		await ui.quit();
	});
});
