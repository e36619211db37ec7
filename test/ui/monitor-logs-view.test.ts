// The Monitor tab's log view in an 80x24 terminal, against the local Lambda:
// a refused filter pattern explained in CloudWatch's words with what it would
// read (nothing sent, nothing typed lost), the window filled after a filter
// leaves fewer lines, a pretty-printed JSON line that does not follow its
// place into other lines, and a live tail that loses its connection (the
// local Lambda stops and starts again on the same port), says it reconnected,
// marks the gap, and goes on receiving lines.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {InvokeCommand} from '@aws-sdk/client-lambda';
import {after, before, describe, test} from 'node:test';
import {startLocalLambda, type LocalLambda} from '../../source/mock/server.js';
import {localLambdaForSuite, replace} from '../support/configuration-tab.js';
import {startTestLambda, type TestLambda} from '../support/local-lambda.js';
import {createNodeFunction, openTab} from '../support/test-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

const handler = `export const handler = async (event) => {
	console.log(JSON.stringify({level: 'INFO', order: event.order ?? 0}));
	return {ok: true, order: event.order};
};
`;

/** A row of a pretty-printed JSON object: the key alone on its row, indented. */
const prettyRow = /^\s+"order": \d+\s*$/m;

async function invoke(local: TestLambda, name: string, order: number): Promise<string> {
	const output = await local.clients.lambda.send(new InvokeCommand({FunctionName: name, Payload: Buffer.from(JSON.stringify({order}))}));
	return output.$metadata.requestId ?? '';
}

/** Opens the function's Monitor tab, its logs view, and waits for its lines. */
async function openLogs(ui: UiTerminal, name: string): Promise<void> {
	await openTab(ui, name, '4');
	await ui.press(']');
	await ui.waitForText(`/aws/lambda/${name} · since 1h`);
	await ui.waitForText('REPORT RequestId');
}

/** Sets the filter pattern with f, and waits until the lines it matched are read. */
async function filter(ui: UiTerminal, pattern: string, lines: number): Promise<void> {
	await ui.press('f');
	await ui.waitForText('CloudWatch filter pattern');
	await replace(ui, pattern);
	await ui.press(keys.enter);
	await ui.waitForNoText('CloudWatch filter pattern');
	await ui.waitForText(`${lines} lines`);
}

describe('the log view of the Monitor tab in an 80x24 terminal', () => {
	const local = localLambdaForSuite();
	const invocations = 8;
	before(async () => {
		await createNodeFunction(local(), 'logged', handler);
		for (let order = 1; order <= invocations; order++) await invoke(local(), 'logged', order);
	});

	test("a bad filter pattern gets CloudWatch's reason and what it would read; nothing is sent and what was typed stays", async () => {
		const ui = UiTerminal.start(local().session);
		await openLogs(ui, 'logged');
		await ui.press('f');
		await ui.waitForText('CloudWatch filter pattern');
		ui.type('foo:bar');
		await ui.press(keys.enter);
		await ui.waitForText(`Invalid character(s) in term ':': quote such a term, "foo:bar"`);
		assert.match(ui.screen(), /CloudWatch filter pattern/, 'the form stays open');
		assert.match(ui.screen(), /Pattern +foo:bar/, 'with what was typed');
		assert.doesNotMatch(ui.screen(), /filter foo:bar/, 'and nothing was read with it');

		// Quoted, as the message says, it is read.
		await replace(ui, '"foo:bar"');
		await ui.press(keys.enter);
		await ui.waitForText('filter "foo:bar"');
		await ui.waitForText('No lines in this range');

		await ui.press('f');
		await replace(ui, '{ $.level = "INFO"');
		await ui.press(keys.enter);
		await ui.waitForText('Not a pattern CloudWatch reads: no closing }. Try { $.level = "ERROR" }');
		await ui.press(keys.escape);
		await ui.waitForText('filter "foo:bar"');
		await ui.quit();
	});

	test('a filter that leaves fewer lines than fill the screen shows them all, ending at the cursor', async () => {
		const ui = UiTerminal.start(local().session);
		await openLogs(ui, 'logged');
		// Every line of the invocations: more than the screen holds; the view starts at the newest.
		await ui.waitForText(/\d+ lines · f filter/);
		const total = Number(/(\d+) lines · f filter/.exec(ui.screen())?.[1]);
		assert.ok(total >= invocations * 4, `every line is read: ${total}`);
		assert.ok(ui.screen().split('\n').filter((row) => /^\d\d:\d\d:\d\d\.\d{3} /.test(row)).length < total, 'the lines do not all fit');

		await filter(ui, 'REPORT', invocations);
		const reports = ui.screen().split('\n').filter((row) => /^\d\d:\d\d:\d\d\.\d{3} REPORT RequestId/.test(row));
		assert.equal(reports.length, invocations, `all ${invocations} REPORT lines show:\n${ui.screen()}`);
		// The cursor stays on the newest line, the last one shown.
		const last = ui.rowOf(reports.at(-1) ?? '?');
		assert.ok(ui.cell(last, 0).inverse, `the cursor is on the last line:\n${ui.screen()}`);
		await ui.quit();
	});

	test('a pretty-printed JSON line stays that line: other lines read in its place are not expanded', async () => {
		const ui = UiTerminal.start(local().session);
		await openLogs(ui, 'logged');
		await ui.press('g');
		const cursorRow = (): string => ui.screen().split('\n').find((_, row) => ui.cell(row, 0).inverse) ?? '';
		// The function's own line (the runtime's "TIME\tID\tINFO\t" and the JSON object, cut at the screen's edge).
		for (let presses = 0; !/Z [0-9a-f-]{36} INFO/.test(cursorRow()); presses++) {
			assert.ok(presses < 10, `no JSON line near the top:\n${ui.screen()}`);
			// eslint-disable-next-line no-await-in-loop
			await ui.press('j');
		}
		await ui.press('J');
		await ui.waitFor((screen) => prettyRow.test(screen), 'the line pretty-printed');

		// Read again with a filter, only JSON lines: the expanded line's place now holds another line, shown as it is.
		await filter(ui, '"order"', invocations);
		assert.doesNotMatch(ui.screen(), prettyRow, `nothing is expanded in the new lines:\n${ui.screen()}`);
		assert.equal(ui.screen().split('\n').filter((row) => / INFO/.test(row)).length, invocations);
		// J works on these lines afresh.
		await ui.press('J');
		await ui.waitFor((screen) => prettyRow.test(screen), 'the line under the cursor pretty-printed');
		await ui.quit();
	});

	test('a live tail that cannot start says why in full, in its last line', async () => {
		await createNodeFunction(local(), 'silent', handler);
		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'silent', '4');
		await ui.press(']');
		await ui.waitFor((screen) => screen.replace(/\s+/g, ' ').includes('the function has not been invoked yet'), 'the missing group explained');
		await ui.press('F');
		await ui.waitForText('live tail: ended');
		await ui.waitFor(
			(screen) => /── the live tail ended: The log group \/aws\/lambda\/silent does not exist: the function has not been invoked yet .*role may not write logs/.test(screen.replace(/\s+/g, ' ')),
			'the whole reason, wrapped',
		);
		await ui.quit();
	});
});

describe('a live tail whose connection drops, in an 80x24 terminal', () => {
	let first: TestLambda | undefined;
	let second: LocalLambda | undefined;
	before(async () => {
		// Its own data directory: the local Lambda starts again on it.
		first = await startTestLambda({dataDir: mkdtempSync(join(tmpdir(), 'lambdash-tail-ui-'))});
		await createNodeFunction(first, 'tailed', handler);
		await invoke(first, 'tailed', 1);
	});
	after(async () => {
		first?.clients.destroy();
		await first?.lambda.close();
		await second?.close();
		if (first) rmSync(first.dataDir, {recursive: true, force: true});
	});

	test('says it is reconnecting, then that it reconnected and lines may be missing, marks the gap, and later lines still arrive', async () => {
		const local = first ?? assert.fail('the local Lambda is started');
		const ui = UiTerminal.start(local.session);
		await openLogs(ui, 'tailed');
		await ui.press('F');
		await ui.waitForText('live tail: live', 10_000);
		const before = await invoke(local, 'tailed', 2);
		await ui.waitForText(`START RequestId: ${before}`, 10_000);

		// The local Lambda goes away: the tail's stream ends.
		await local.lambda.close();
		await ui.waitForText('live tail: reconnecting (attempt', 10_000);
		// And comes back where it was.
		second = await startLocalLambda({dataDir: local.dataDir, port: local.lambda.port, transitionDelayMs: 50});
		await ui.waitForText(/live tail: reconnected \d\d:\d\d:\d\d: lines may be missing/, 30_000);
		await ui.waitForText('reconnected: lines sent while disconnected may be missing');

		const afterwards = await invoke(local, 'tailed', 3);
		await ui.waitForText(`START RequestId: ${afterwards}`, 10_000);
		const screen = ui.screen();
		assert.ok(screen.indexOf('lines sent while disconnected') < screen.indexOf(`START RequestId: ${afterwards}`), `the gap is marked before the later lines:\n${screen}`);
		assert.match(screen, /live tail: reconnected/, 'the note stays while lines come');
		await ui.quit();
	});
});
