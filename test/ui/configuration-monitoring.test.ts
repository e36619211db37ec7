// The Configuration tab's Monitoring section in an 80x24 terminal, against
// the local Lambda: the log format, log levels (JSON only, and said so), log
// group and X-Ray tracing read; one form edits them and what was saved reads
// back through the SDK (JSON with levels, then back to Text without them);
// log levels with the Text format, a JSON format without levels and a bad log
// group refused with what is allowed named and the input kept; read-only mode.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {GetFunctionConfigurationCommand} from '@aws-sdk/client-lambda';
import {localLambdaForSuite, openSection, replace} from '../support/configuration-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

describe('the Configuration tab\'s Monitoring section in an 80x24 terminal', () => {
	const local = localLambdaForSuite();

	const configuration = async (name: string) => local().clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}));

	test('reads the settings, saves JSON with levels, a log group and active tracing, then back to Text, and reads them back through the SDK', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'web-app-node', 'Monitoring', {paneText: 'Monitoring and operations tools'});
		await ui.waitForText(/Log format +Text/);
		const screen = ui.screen();
		assert.match(screen, /Application level +- \(only with the JSON format\)/);
		assert.match(screen, /System level +- \(only with the JSON format\)/);
		assert.match(screen, /Log group +\/aws\/lambda\/web-app-node/);
		assert.match(screen, /Active tracing +off \(PassThrough\)/);

		await ui.press('e');
		await ui.waitForText('Edit monitoring and operations tools: web-app-node');
		assert.match(ui.screen(), /Log format +‹ Text ›/);
		await ui.press(keys.right);
		assert.match(ui.screen(), /Log format +‹ JSON ›/);
		await ui.press(keys.tab, keys.right, keys.right);
		assert.match(ui.screen(), /Application level +‹ DEBUG ›/);
		await ui.press(keys.tab, keys.right, keys.right, keys.right);
		assert.match(ui.screen(), /System level +‹ WARN ›/);
		await ui.press(keys.tab);
		await replace(ui, '/custom/web-app');
		await ui.press(keys.tab, keys.right);
		assert.match(ui.screen(), /X-Ray tracing +‹ Active ›/);
		await ui.press(keys.enter);
		await ui.waitForText('Saved log format JSON, application log level DEBUG, system log level WARN', 10_000);
		await ui.waitForNoText('Edit monitoring');
		await ui.waitForText(/Log format +JSON/);
		const shown = ui.screen();
		assert.match(shown, /Application level +DEBUG/);
		assert.match(shown, /System level +WARN/);
		assert.match(shown, /Log group +\/custom\/web-app/);
		assert.match(shown, /Active tracing +on \(Active\)/);
		const saved = await configuration('web-app-node');
		assert.deepEqual(saved.LoggingConfig, {LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG', SystemLogLevel: 'WARN', LogGroup: '/custom/web-app'});
		assert.equal(saved.TracingConfig?.Mode, 'Active');

		// Back to Text: the levels go (each set to -), the log group and tracing stay as they are.
		await ui.press('e');
		await ui.waitForText('Edit monitoring and operations tools');
		await ui.press(keys.left, keys.tab, keys.left, keys.left, keys.tab, keys.left, keys.left, keys.left, keys.enter);
		await ui.waitForText('Saved log format Text for web-app-node.', 10_000);
		await ui.waitForText(/Log format +Text/);
		const text = await configuration('web-app-node');
		assert.deepEqual(text.LoggingConfig, {LogFormat: 'Text', LogGroup: '/custom/web-app'});
		assert.equal(text.TracingConfig?.Mode, 'Active');
		await ui.quit();
	});

	test('refuses log levels with Text, JSON without levels and a bad log group, naming what is allowed and keeping the input', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'web-app-python', 'Monitoring', {paneText: 'Monitoring and operations tools'});
		await ui.waitForText(/Log format +Text/);
		await ui.press('e');
		await ui.waitForText('Edit monitoring and operations tools');
		await ui.press(keys.tab, keys.right);
		assert.match(ui.screen(), /Application level +‹ TRACE ›/);
		await ui.press(keys.tab, keys.tab);
		await replace(ui, 'my logs!');
		await ui.press(keys.enter);
		await ui.waitForText('Log levels need the JSON format: set JSON, or - (none) with Text');
		const screen = ui.screen();
		assert.match(screen, /Application level +‹ TRACE ›/, 'the choice is kept');
		assert.match(screen, /1-512 characters: letters, digits and \. - _ \/ #/);
		assert.match(screen, /Log group +my logs!/, 'what was typed is kept');

		// JSON, but the system level left at - (none).
		await ui.press(keys.shiftTab, keys.right);
		assert.match(ui.screen(), /Log format +‹ JSON ›/);
		await ui.press(keys.tab, keys.tab, keys.tab);
		await replace(ui, '/custom/python');
		await ui.press(keys.enter);
		await ui.waitForText('With JSON, choose DEBUG, INFO or WARN');
		assert.match(ui.screen(), /System level +‹ - ›/);

		const unchanged = await configuration('web-app-python');
		assert.deepEqual(unchanged.LoggingConfig, {LogFormat: 'Text', LogGroup: '/aws/lambda/web-app-python'}, 'nothing was sent');
		await ui.press(keys.escape);
		await ui.waitForNoText('Edit monitoring');
		await ui.quit();
	});

	test('read-only mode refuses to edit, before any form opens', async () => {
		const ui = UiTerminal.start(local().readOnlySession);
		await openSection(ui, 'iot-backend-node', 'Monitoring', {paneText: 'Monitoring and operations tools'});
		await ui.waitForText(/Log format +Text/);
		await ui.press('e');
		await ui.waitForText('Read-only mode: changes are off');
		assert.ok(!ui.screen().includes('Edit monitoring'));
		await ui.quit();
	});
});
