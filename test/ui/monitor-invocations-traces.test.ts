// The Monitor tab's recent invocations and traces at their edges, against the
// local Lambda: a week of invocations (1,002 of them, over several days) shows
// each time with its date and stays within 80 columns; the selected one's
// error, long and full of control sequences, shows clean under the table, far
// beyond what the table's column holds; no
// invocations says so; a Lambda trace is labelled as the X-Ray console labels
// it (the service's segment, the function's, its subsegments under it); a
// timeline longer than the view scrolls; and a 40x10 terminal draws both
// views without breaking, the keys still answering once it is larger again.
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {InvokeCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2} from '@aws-sdk/client-lambda';
import {PutTraceSegmentsCommand} from '@aws-sdk/client-xray';
import {before, describe, test} from 'node:test';
import stringWidth from 'string-width';
import {localLambdaForSuite, replace} from '../support/configuration-tab.js';
import type {TestLambda} from '../support/local-lambda.js';
import {createNodeFunction, openTab} from '../support/test-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';
import {formatGbSeconds, gbSeconds} from '../../source/domain/invocation-reports.js';
import {invocationDetailLines, invocationHeader, invocationRowText} from '../../source/ui/tabs/monitor/invocations-view.js';

const handler = `export const handler = async () => ({ok: true});
`;

const hour = 60 * 60 * 1000;
const day = 24 * hour;

function report(requestId: string, figures: {duration: number; billed: number; size: number; used: number}): string {
	return `REPORT RequestId: ${requestId}\tDuration: ${figures.duration.toFixed(2)} ms\tBilled Duration: ${figures.billed} ms\tMemory Size: ${figures.size} MB\tMax Memory Used: ${figures.used} MB\t\n`;
}

/** Writes lines into a function's log group (made when missing), one PutLogEvents per batch (each within a day, oldest first). */
async function writeLogs(local: TestLambda, functionName: string, batches: Array<Array<{timestamp: number; message: string}>>): Promise<void> {
	const logs = await local.clients.logs();
	const group = `/aws/lambda/${functionName}`;
	await logs.send(new CreateLogGroupCommand({logGroupName: group})).catch((error: unknown) => {
		if (!(error instanceof Error) || error.name !== 'ResourceAlreadyExistsException') throw error;
	});
	let index = 0;
	for (const batch of batches) {
		const stream = `2026/11/27/[$LATEST]${randomUUID().replace(/-/g, '')}`;
		index += 1;
		// eslint-disable-next-line no-await-in-loop
		await logs.send(new CreateLogStreamCommand({logGroupName: group, logStreamName: stream}));
		// eslint-disable-next-line no-await-in-loop
		await logs.send(new PutLogEventsCommand({logGroupName: group, logStreamName: stream, logEvents: batch}));
	}
	assert.equal(index, batches.length);
}

/** The lines of the screen between the table's header and its footer. */
function tableRows(screen: string): string[] {
	const lines = screen.split('\n');
	const header = lines.findIndex((line) => /^time +request/.test(line));
	return header < 0 ? [] : lines.slice(header + 1).filter((line) => /^\d\d[:-]\d\d[ :]/.test(line));
}

describe('recent invocations and traces at their edges', () => {
	const local = localLambdaForSuite();
	const costly = randomUUID();
	const evil = 'Bad\u001b[2J\u001b]0;owned\u0007Thing\r\n\tat handler (index.mjs:1:1)';

	before(async () => {
		await createNodeFunction(local(), 'ledger', handler);
		const now = Date.now();
		// 1,000 invocations over three days, and one in the last hour.
		const batches: Array<Array<{timestamp: number; message: string}>> = [];
		for (const daysBack of [3, 2, 1]) {
			const start = now - daysBack * day;
			const count = daysBack === 1 ? 334 : 333;
			batches.push(
				Array.from({length: count}, (_, index) => ({
					timestamp: start + index * 60_000,
					message: report(randomUUID(), {duration: 10 + (index % 50), billed: 11 + (index % 50), size: 128, used: 60 + (index % 9)}),
				})),
			);
		}
		// The most expensive (15 minutes at 10,240 MB), and it failed with a long error full of control sequences.
		const failedAt = now - 2 * day + 12 * hour;
		batches.push([
			{timestamp: failedAt, message: `START RequestId: ${costly} Version: $LATEST\n`},
			{
				timestamp: failedAt + 1,
				message: `2026-11-25T07:00:00.001Z\t${costly}\tERROR\tInvoke Error \t${JSON.stringify({errorType: 'Error', errorMessage: `${evil} ${'z'.repeat(400)}`})}\n`,
			},
			{timestamp: failedAt + 2, message: report(costly, {duration: 900_000, billed: 900_000, size: 10_240, used: 2000})},
		]);
		batches.push([{timestamp: now - 60_000, message: report(randomUUID(), {duration: 3.5, billed: 4, size: 128, used: 61})}]);
		await writeLogs(local(), 'ledger', batches);
		// A function whose log group has lines, none of them a REPORT.
		await createNodeFunction(local(), 'idle', handler);
		await writeLogs(local(), 'idle', [[{timestamp: now - 60_000, message: 'INFO nothing to see here\n'}]]);
	});

	test('a row is never wider than the table, with or without the date, and keeps every figure whole', () => {
		const row = {
			time: new Date(Date.UTC(2026, 10, 26, 14, 3, 22)),
			requestId: costly,
			durationMs: 900_000,
			billedDurationMs: 900_000,
			memorySizeMb: 10_240,
			maxMemoryUsedMb: 10_240,
			initDurationMs: 9999.9,
			error: 'Runtime.ExitError',
			gbSeconds: gbSeconds(900_000, 10_240),
		};
		const sameDay = invocationRowText(row, 80);
		const withDate = invocationRowText(row, 80, true);
		assert.match(sameDay, /^14:03:22 [0-9a-f]{8} 900000\.00 900000 10240\/10240  9999\.9 9000\.00 Runtime\.ExitError$/);
		assert.match(withDate, /^11-26 14:03:22 [0-9a-f]{8} 900000\.00 900000 10240\/10240  9999\.9 9000\.00 Runtime\.Ex…$/);
		assert.equal(formatGbSeconds(row.gbSeconds), '9000.00');
		for (const width of [1, 10, 40, 64, 80, 132]) {
			for (const text of [invocationRowText(row, width), invocationRowText(row, width, true), invocationHeader(width), invocationHeader(width, true), ...invocationDetailLines(row, width, 2)]) {
				assert.equal(stringWidth(text), width, `width ${width}: "${text}"`);
			}
		}
		// The header's columns line up with the rows'.
		assert.equal(invocationHeader(80, true).indexOf('request'), withDate.indexOf(costly.slice(0, 8)));
		assert.equal(invocationHeader(80).indexOf('request'), sameDay.indexOf(costly.slice(0, 8)));
		assert.equal(invocationHeader(80, true).indexOf('error'), withDate.indexOf('Runtime'));
	});

	test('a week of invocations shows their dates; the costly one shows its error under the table; the table scrolls', async () => {
		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'ledger', '4');
		await ui.press(']', ']');
		// The last 3 hours, one invocation: its time of day says it.
		await ui.waitForText('1 invocation since 3h');
		assert.equal(tableRows(ui.screen()).length, 1);
		assert.match(tableRows(ui.screen())[0] ?? '', /^\d\d:\d\d:\d\d [0-9a-f]{8} +3\.50 +4 +61\/128 /);

		await ui.press('t');
		await ui.waitForText('Invocations since');
		await replace(ui, '1w');
		await ui.press(keys.enter);
		await ui.waitForText('1002 invocations since 1w', 10_000);
		const screen = ui.screen();
		assert.match(screen, /^time {11}request +ms +billed +MB used +init +GB-s error/m);
		const rows = tableRows(screen);
		assert.ok(rows.length >= 10, `a screenful of rows:\n${screen}`);
		for (const row of rows) assert.match(row, /^\d\d-\d\d \d\d:\d\d:\d\d [0-9a-f]{8} /);
		for (const line of screen.split('\n')) assert.ok(stringWidth(line) <= 80);

		// The most expensive first: the failed one, every figure whole, its error cut in the table and whole below it.
		await ui.press('c');
		await ui.waitForText('sorted by cost ↓');
		const top = tableRows(ui.screen())[0] ?? '';
		assert.match(top, new RegExp(`^\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ${costly.slice(0, 8)} 900000\\.00 +900000 +2000/10240 +9000\\.00 Error: Bad`));
		const lines = ui.screen().split('\n');
		const detailRow = lines.findIndex((line) => line.startsWith(costly));
		const detail = lines.slice(detailRow, detailRow + 2).join(' ').replace(/\s+/g, ' ');
		assert.match(detail, new RegExp(`^${costly} · Error: BadThing at handler \\(index\\.mjs:1:1\\) z{30,}…$`));
		assert.doesNotMatch(ui.screen(), /owned/);
		assert.match(lines[detailRow + 2] ?? '', /^s sort · S reverse · c most expensive/, 'the keys right under it');

		// Down the table: the selected row stays in view, the title and the keys in their place.
		for (let step = 0; step < 30; step++) await ui.press('j');
		const scrolled = ui.screen().split('\n');
		const selectedRow = scrolled.findIndex((_, row) => ui.cell(row, 0).inverse && /^\d\d-\d\d/.test(scrolled[row] ?? ''));
		assert.ok(selectedRow > 0, `the selected row is in view:\n${ui.screen()}`);
		assert.doesNotMatch(ui.screen(), new RegExp(costly.slice(0, 8)), 'the first row has scrolled away');
		assert.match(ui.screen(), /1002 invocations since 1w/);
		assert.match(ui.screen(), /s sort · S reverse/);

		// A page, the end, and back to the top.
		const beforePage = tableRows(ui.screen());
		await ui.press(keys.pageDown);
		await ui.quiet();
		assert.notDeepEqual(tableRows(ui.screen()), beforePage, 'a page down shows other rows');
		await ui.press('G');
		await ui.quiet();
		const atEnd = ui.screen().split('\n');
		const lastRow = atEnd.findIndex((_, row) => ui.cell(row, 0).inverse && /^\d\d-\d\d/.test(atEnd[row] ?? ''));
		assert.equal(atEnd[lastRow], tableRows(ui.screen()).at(-1), `G selects the last row, at the bottom of the table:\n${ui.screen()}`);
		await ui.press('g');
		await ui.waitForText(new RegExp(`^\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ${costly.slice(0, 8)} `, 'm'));
		await ui.quit();
	});

	test('no invocations in the range says so', async () => {
		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'idle', '4');
		await ui.press(']', ']');
		await ui.waitForText('0 invocations since 3h');
		await ui.waitForText('No invocations in this range: t reads further back.');
		await ui.press('j', 'k', 's', keys.enter);
		await ui.waitForText('0 invocations since 3h · sorted by duration');
		await ui.press(']');
		await ui.waitForText('Active tracing is off for this function');
		await ui.quit();
	});

	test('a Lambda trace is labelled by origin with its subsegments under the function; a long timeline scrolls; a 40x10 terminal breaks nothing', async () => {
		await createNodeFunction(local(), 'spans', handler);
		await local().clients.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'spans', TracingConfig: {Mode: 'Active'}}));
		await waitUntilFunctionUpdatedV2({client: local().clients.lambda, maxWaitTime: 20}, {FunctionName: 'spans'});
		await local().clients.lambda.send(new InvokeCommand({FunctionName: 'spans', Payload: Buffer.from('{}')}));
		// A trace of 41 rows: a function segment with 40 subsegments, one name full of control sequences.
		const start = Date.now() / 1000 - 2;
		const traceId = `1-${Math.floor(start).toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)}`;
		const subsegments = Array.from({length: 40}, (_, index) => ({
			id: (index + 1).toString(16).padStart(16, 'a'),
			name: index === 0 ? 'evil\u001b[2Jstep' : `step ${index + 1}`,
			start_time: start + index * 0.01,
			end_time: start + index * 0.01 + 0.005,
		}));
		const segment = {id: 'f'.repeat(16), name: 'spans', trace_id: traceId, start_time: start, end_time: start + 0.5, origin: 'AWS::Lambda::Function', subsegments};
		await (await local().clients.xray()).send(new PutTraceSegmentsCommand({TraceSegmentDocuments: [JSON.stringify(segment)]}));

		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'spans', '4');
		await ui.press('[');
		await ui.waitForText('2 traces since 1h', 10_000);
		assert.match(ui.screen(), /^time +trace +duration status/m);
		const traceRows = ui.screen().split('\n').filter((line) => /^\d\d:\d\d:\d\d 1-[0-9a-f]{8}-/.test(line));
		assert.equal(traceRows.length, 2);
		const cold = traceRows.findIndex((line) => line.includes('cold start'));
		const long = traceRows.findIndex((line) => line.includes(traceId));
		for (let step = 0; step < cold; step++) await ui.press('j');
		await ui.press(keys.enter);
		await ui.waitForText('Initialization');
		const timeline = ui.screen().split('\n');
		const at = (pattern: RegExp): number => timeline.findIndex((line) => pattern.test(line));
		const service = at(/^spans \(Lambda\) +\d/);
		const fn = at(/^spans \(Function\) +\d/);
		assert.ok(service > 0 && fn === service + 1, `the service's segment, then the function's:\n${timeline.join('\n')}`);
		assert.deepEqual(
			timeline.slice(fn + 1, fn + 4).map((line) => line.slice(0, 16).trimEnd()),
			['  Initialization', '  Invocation', '  Overhead'],
		);
		await ui.press(keys.escape);
		await ui.waitForText('2 traces since 1h');

		// The long one: 41 rows do not fit; j scrolls to the last.
		for (let step = 0; step < Math.abs(long - cold); step++) await ui.press(long > cold ? 'j' : 'k');
		await ui.press(keys.enter);
		await ui.waitForText(/rows 1-\d+ of 41 · j\/k PgDn\/PgUp scroll/);
		assert.match(ui.screen(), /^spans \(Function\) /m);
		assert.match(ui.screen(), /^ {2}evilstep /m);
		assert.doesNotMatch(ui.screen(), /step 40 /);
		for (let step = 0; step < 45; step++) await ui.press('j');
		await ui.waitForText(/rows \d+-41 of 41/);
		assert.match(ui.screen(), /^ {2}step 40 /m);
		await ui.press('g');
		await ui.waitForText(/rows 1-\d+ of 41/);
		await ui.press('G');
		await ui.waitForText(/rows \d+-41 of 41/);

		// A 40x10 terminal: the timeline, the list, the recent invocations, and the range form, drawn within it.
		ui.resize(40, 10);
		await ui.quiet();
		const fits = (): void => {
			for (const line of ui.screen().split('\n')) assert.ok(stringWidth(line) <= 40, line);
		};
		await ui.waitForText(/rows \d+-\d+ of 41/);
		fits();
		await ui.press(keys.escape);
		await ui.waitForText('2 traces');
		fits();
		await ui.press('[');
		await ui.waitForText('1 invocation');
		fits();
		await ui.press('t');
		await ui.quiet();
		fits();
		await ui.press(keys.escape);
		await ui.quiet();
		// Larger again: it answers keys as before.
		ui.resize(80, 24);
		await ui.quiet();
		await ui.press('c');
		await ui.waitForText('1 invocation since 3h · sorted by cost ↓');
		await ui.quit();
	});
});
