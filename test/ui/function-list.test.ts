import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {GetFunctionConcurrencyCommand, PutFunctionConcurrencyCommand} from '@aws-sdk/client-lambda';
import {startTestLambda, type TestLambda} from '../support/local-lambda.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

const demoNames = [
	'file-processor-node',
	'file-processor-python',
	'iot-backend-node',
	'iot-backend-python',
	'mobile-backend-node',
	'mobile-backend-python',
	'stream-processor-node',
	'stream-processor-python',
	'web-app-node',
	'web-app-python',
];

describe('function list in an 80x24 terminal', () => {
	let local: TestLambda;
	before(async () => {
		local = await startTestLambda();
	});
	after(async () => {
		await local.stop();
	});

	test('the first frame lists the demo functions, with where we are in the status bar', async () => {
		const ui = UiTerminal.start(local.session);
		await ui.waitForText('web-app-python');
		const screen = ui.screen();
		for (const name of demoNames) assert.match(screen, new RegExp(`${name} +(nodejs22\\.x|python3\\.12)`));
		const top = screen.split('\n');
		assert.match(top[0]!, /^Functions \(10\)/, 'the title is on the first row, with nothing stale around it');
		assert.ok(!screen.includes('loading'), 'no trace of the loading frame is left');
		assert.match(screen, /NAME +RUNTIME +MEM +TMO +CODE +MODIFIED +STATE +RESERVED/);
		const lines = screen.split('\n');
		assert.equal(lines.length, 24);
		assert.match(lines[22]!, /LOCAL/);
		assert.ok(lines[22]!.includes(local.lambda.endpoint), 'status bar names the endpoint');
		assert.equal(lines[23], '', 'the frame is one row shorter than the terminal');
		assert.ok(ui.isAlternateScreen());
		await ui.quit();
		assert.ok(!ui.isAlternateScreen(), 'quitting leaves the alternate screen');
	});

	test('j/k, G/g and PgDn move the selection, shown in inverse video', async () => {
		const ui = UiTerminal.start(local.session);
		await ui.waitForText('web-app-python');
		const row = (name: string) => ui.rowOf(name);
		const selected = (name: string) => ui.cell(row(name), 0).inverse;
		assert.ok(selected('file-processor-node'));
		await ui.press('j', 'j');
		assert.ok(selected('iot-backend-node'));
		assert.ok(!selected('file-processor-node'));
		await ui.press('k');
		assert.ok(selected('file-processor-python'));
		await ui.press('G');
		assert.ok(selected('web-app-python'));
		await ui.press('g');
		assert.ok(selected('file-processor-node'));
		await ui.press(keys.pageDown);
		assert.ok(selected('web-app-python'), 'a page down past the end stops at the last');
		await ui.press(keys.up);
		assert.ok(selected('web-app-node'));
		await ui.quit();
	});

	test('the state of each visible function, which ListFunctions leaves out, is read and shown', async () => {
		const ui = UiTerminal.start(local.session);
		await ui.waitForText('web-app-python');
		await ui.waitFor((screen) => screen.split('\n').slice(2, 12).every((line) => / Active +-$/.test(line)), 'Active on every row');
		await ui.quit();
	});

	test('keys that arrive together are each handled, in order', async () => {
		const ui = UiTerminal.start(local.session);
		await ui.waitForText('web-app-python');
		ui.type('jjT');
		await ui.waitForText('Throttle iot-backend-node?');
		ui.type('n/web\r');
		await ui.waitForText('Functions (2 of 10)');
		assert.ok(ui.cell(ui.rowOf('web-app-node'), 0).inverse, 'Enter ended the filter on the first match');
		ui.type('\r');
		await ui.waitForText('1 Overview');
		// Esc and j typed together reach Ink as Alt-j: back to the list, then down one.
		ui.type('\u001Bj');
		await ui.waitForText('Functions (2 of 10)');
		await ui.waitFor(() => ui.cell(ui.rowOf('web-app-python'), 0).inverse, 'web-app-python selected');
		await ui.quit();
	});

	test('/ filters as you type, Esc clears', async () => {
		const ui = UiTerminal.start(local.session);
		await ui.waitForText('web-app-python');
		await ui.press('/', 'p', 'y', 't');
		await ui.waitForText('Functions (5 of 10)');
		let screen = ui.screen();
		assert.ok(screen.includes('/pyt'));
		assert.ok(!screen.includes('web-app-node'));
		assert.ok(screen.includes('web-app-python'));
		await ui.press('h', 'o', 'n', ' ', 'w', 'e', 'b');
		await ui.waitForText('Functions (1 of 10)');
		await ui.press(keys.backspace, keys.backspace, keys.backspace, keys.backspace);
		await ui.waitForText('Functions (5 of 10)');
		await ui.press('q');
		assert.ok(ui.screen().includes('/pythonq'), 'q is typed into the filter, not quitting');
		await ui.press('x', 'y', 'z');
		await ui.waitForText('No function matches');
		await ui.press(keys.escape);
		await ui.waitForText('Functions (10)');
		screen = ui.screen();
		assert.ok(screen.includes('web-app-node'));
		assert.ok(!screen.includes('filter:'));
		await ui.quit();
	});

	test('Enter opens the detail on the Overview tab; Esc goes back to the same row', async () => {
		const ui = UiTerminal.start(local.session);
		await ui.waitForText('web-app-python');
		await ui.press('j', 'j', 'j', keys.enter);
		await ui.waitForText('arn:aws:lambda:');
		const screen = ui.screen();
		assert.match(screen, /iot-backend-python/);
		assert.match(screen, /1 Overview/);
		assert.match(screen, /ARN +arn:aws:lambda:us-east-1:\d{12}:function:iot-backend-python/);
		assert.match(screen, /Runtime +python3\.12 · handler lambda_function\.lambda_handler · x86_64/);
		assert.match(screen, /Memory +\d+ MB · ephemeral storage 512 MB · timeout \d+/);
		assert.match(screen, /Role +arn:aws:iam::\d{12}:role\//);
		assert.match(screen, /State +Active · last update/);
		assert.match(screen, /Code +[\d.]+ (B|KB) zip · SHA-256 [A-Za-z0-9+/]{43}=/);
		assert.match(screen, /Layers +none/);
		assert.match(screen, /Concurrency +none reserved: uses the unreserved pool \(\d+ of 1000 free\)/);
		assert.match(screen, /Environment +\d+ variables?/);
		assert.match(screen, /Tags +\d+ tags?: /);
		await ui.press(keys.escape);
		await ui.waitForText('Functions (10)');
		assert.ok(ui.cell(ui.rowOf('iot-backend-python'), 0).inverse, 'the same row is still selected');
		await ui.quit();
	});

	test('? shows the keys of the current screen from the keymap; Esc closes it', async () => {
		const ui = UiTerminal.start(local.session);
		await ui.waitForText('web-app-python');
		await ui.press('?');
		await ui.waitForText('Keys');
		let screen = ui.screen();
		assert.match(screen, /Function list/);
		assert.match(screen, /T +Throttle the function, or unthrottle it \(asks first\)/);
		assert.match(screen, /\/ +Filter by name/);
		assert.match(screen, /Ctrl-C +Quit from anywhere/);
		await ui.press(keys.escape);
		await ui.waitForNoText('Quit from anywhere');
		await ui.press(keys.enter);
		await ui.waitForText('1 Overview');
		await ui.press('?');
		await ui.waitForText('Function detail');
		screen = ui.screen();
		assert.match(screen, /Esc ← +Back to the function list/);
		await ui.press('?');
		await ui.waitForNoText('Back to the function list');
		await ui.quit();
	});

	test('T throttles after asking, the row stands out at once, and T again unthrottles', async () => {
		const ui = UiTerminal.start(local.session);
		await ui.waitForText('web-app-python');
		await ui.press('G');
		await ui.waitFor((screen) => /web-app-python.* -\s*$/m.test(screen), 'concurrency of the visible rows');
		await ui.press('T');
		await ui.waitForText('Throttle web-app-python?');
		assert.ok(ui.screen().includes('Every invocation will be rejected.'));
		await ui.press('n');
		await ui.waitForText('Nothing changed.');
		let reserved = await local.clients.lambda.send(new GetFunctionConcurrencyCommand({FunctionName: 'web-app-python'}));
		assert.equal(reserved.ReservedConcurrentExecutions, undefined, 'n changes nothing');

		await ui.press('T');
		await ui.waitForText('Throttle web-app-python?');
		await ui.press('y');
		await ui.waitForText('Throttled web-app-python');
		const row = ui.rowOf('web-app-python');
		assert.match(ui.screen().split('\n')[row]!, /throttled\s*$/);
		const throttledColumn = ui.screen().split('\n')[row]!.indexOf('throttled');
		assert.ok(ui.cell(row, throttledColumn).bold, 'throttled is bold');
		assert.ok(!ui.cell(row, throttledColumn).fgDefault, 'throttled is coloured');
		reserved = await local.clients.lambda.send(new GetFunctionConcurrencyCommand({FunctionName: 'web-app-python'}));
		assert.equal(reserved.ReservedConcurrentExecutions, 0);

		await ui.press('T');
		await ui.waitForText('Unthrottle web-app-python?');
		await ui.press('y');
		await ui.waitForText('Unthrottled web-app-python: back to no reservation');
		assert.match(ui.screen().split('\n')[ui.rowOf('web-app-python')]!, / -\s*$/);
		reserved = await local.clients.lambda.send(new GetFunctionConcurrencyCommand({FunctionName: 'web-app-python'}));
		assert.equal(reserved.ReservedConcurrentExecutions, undefined);
		await ui.quit();
	});

	test('unthrottle restores an earlier reservation, also when another machine unthrottles', async () => {
		await local.clients.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'iot-backend-node', ReservedConcurrentExecutions: 7}));
		const ui = UiTerminal.start(local.session);
		await ui.waitForText('web-app-python');
		await ui.press('j', 'j');
		await ui.waitFor((screen) => /iot-backend-node.* 7\s*$/m.test(screen), 'reserved 7 shown');
		await ui.press(keys.enter);
		await ui.waitForText('7 reserved');
		await ui.press('T', 'y');
		await ui.waitForText('Throttled iot-backend-node: reserved concurrency 0 (was reserved concurrency 7)');
		await ui.waitForText('THROTTLED');
		await ui.press('T', 'y');
		await ui.waitForText('Unthrottled iot-backend-node: reserved concurrency 7 restored');
		await ui.waitForText('7 reserved');

		// Throttled here, unthrottled by someone else with their own client: the console shows 7 on refresh.
		await ui.press('T', 'y');
		await ui.waitForText('THROTTLED');
		const {unthrottleFunction} = await import('../../source/aws/concurrency.js');
		const {createClients} = await import('../../source/aws/clients.js');
		const elsewhere = createClients(local.session);
		const outcome = await unthrottleFunction(elsewhere, 'iot-backend-node');
		elsewhere.destroy();
		assert.equal(outcome.reservedConcurrency, 7);
		await ui.press('r');
		await ui.waitForText('7 reserved');
		await ui.press(keys.escape, 'r');
		await ui.waitFor((screen) => /iot-backend-node.* 7\s*$/m.test(screen), 'the list shows 7 after refresh');
		await ui.quit();
		const reserved = await local.clients.lambda.send(new GetFunctionConcurrencyCommand({FunctionName: 'iot-backend-node'}));
		assert.equal(reserved.ReservedConcurrentExecutions, 7);
	});

	test('read-only refuses to throttle and says why', async () => {
		const ui = UiTerminal.start(local.readOnlySession);
		await ui.waitForText('web-app-python');
		assert.match(ui.screen().split('\n')[22]!, /READ-ONLY/);
		await ui.press('T');
		await ui.waitForText('Read-only mode: throttling is off');
		assert.ok(!ui.screen().includes('Every invocation will be rejected'));
		await ui.press('?');
		await ui.waitForText('(off: read-only)');
		await ui.press(keys.escape);
		await ui.quit();
		const reserved = await local.clients.lambda.send(new GetFunctionConcurrencyCommand({FunctionName: 'file-processor-node'}));
		assert.equal(reserved.ReservedConcurrentExecutions, undefined);
	});

	test('redraws on resize, and says so when the terminal is too small', async () => {
		const ui = UiTerminal.start(local.session);
		await ui.waitForText('web-app-python');
		ui.resize(120, 30);
		await ui.waitFor((screen) => screen.split('\n')[28]!.includes('LOCAL'), 'status bar on row 29 of 30');
		ui.resize(60, 20);
		await ui.waitFor((screen) => screen.split('\n')[18]!.includes('LOCAL'), 'status bar on row 19 of 20');
		assert.ok(ui.screen().split('\n').every((line) => line.length <= 60));
		assert.match(ui.screen(), /NAME .* STATE +RESERVED/, 'a narrow terminal drops the least needed columns, not the reservation');
		assert.doesNotMatch(ui.screen(), /MODIFIED/);
		ui.resize(40, 12);
		await ui.waitFor((screen) => screen.split('\n')[10]!.includes('LOCAL'), 'status bar on row 11 of 12');
		assert.match(ui.screen(), /^NAME +STATE +RESERVED$/m);
		assert.match(ui.screen(), /^file-processor-node +Active +-$/m);
		ui.resize(30, 8);
		await ui.waitForText('Terminal too small');
		ui.resize(80, 24);
		await ui.waitFor((screen) => screen.split('\n')[22]!.includes('LOCAL') && screen.includes('web-app-python'), 'back to 80x24');
		await ui.quit();
	});

	test('NO_COLOR draws no colour, and throttled still stands out in bold', async () => {
		await local.clients.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'mobile-backend-node', ReservedConcurrentExecutions: 0}));
		const ui = UiTerminal.start(local.session, {env: {NO_COLOR: '1'}});
		await ui.waitFor((screen) => /mobile-backend-node.*throttled/.test(screen), 'throttled shown');
		const rows = ui.screen().split('\n');
		for (let row = 0; row < 23; row++) {
			for (let column = 0; column < 80; column++) {
				assert.ok(ui.cell(row, column).fgDefault, `no colour at ${row},${column}: ${rows[row]}`);
			}
		}
		const row = ui.rowOf('mobile-backend-node');
		assert.ok(ui.cell(row, rows[row]!.indexOf('throttled')).bold);
		await ui.quit();
		await local.clients.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'mobile-backend-node', ReservedConcurrentExecutions: 3}));
	});
});
