import assert from 'node:assert/strict';
import {test} from 'node:test';
import {errorOfLine, formatGbSeconds, formatTableTime, gbSeconds, invocationRows, sortRows, timesNeedDate, type InvocationRow} from '../../source/domain/invocation-reports.js';
import type {LogLine} from '../../source/domain/log-lines.js';

const t0 = Date.UTC(2026, 10, 27, 7, 0, 0);
const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'] as const;
const streamA = '2026/11/27/[$LATEST]aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const streamB = '2026/11/27/[$LATEST]bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

function report(id: string, figures: string): string {
	return `REPORT RequestId: ${id}\t${figures}\t\n`;
}

function at(offsetMs: number, message: string, stream = streamA, eventId?: string): LogLine {
	return {timestamp: t0 + offsetMs, message, stream, ...(eventId === undefined ? {} : {id: eventId})};
}

test('gbSeconds is billed seconds times memory in GB', () => {
	assert.equal(gbSeconds(1000, 1024), 1);
	assert.equal(gbSeconds(100, 128), 0.0125);
	assert.equal(gbSeconds(0, 512), 0);
});

test('one row per REPORT, newest first, with its figures and cost', () => {
	const rows = invocationRows([
		at(0, report(ids[0], 'Duration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 67 MB\tInit Duration: 153.20 ms')),
		at(5000, report(ids[1], 'Duration: 2.50 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 68 MB')),
		at(1000, `2026-11-27T07:00:01.000Z\t${ids[1]}\tINFO\tnot a report\n`),
	]);
	assert.deepEqual(rows, [
		{
			time: new Date(t0 + 5000),
			requestId: ids[1],
			durationMs: 2.5,
			billedDurationMs: 3,
			memorySizeMb: 128,
			maxMemoryUsedMb: 68,
			gbSeconds: gbSeconds(3, 128),
		},
		{
			time: new Date(t0),
			requestId: ids[0],
			durationMs: 12.34,
			billedDurationMs: 13,
			memorySizeMb: 128,
			maxMemoryUsedMb: 67,
			initDurationMs: 153.2,
			gbSeconds: gbSeconds(13, 128),
		},
	]);
});

test('the JSON log format: platform.report records and error records', () => {
	const rows = invocationRows([
		at(10, JSON.stringify({timestamp: '2026-11-27T07:00:00.010Z', level: 'ERROR', requestId: ids[0], message: {errorType: 'TypeError', errorMessage: 'x is undefined'}})),
		at(
			20,
			JSON.stringify({
				time: '2026-11-27T07:00:00.020Z',
				type: 'platform.report',
				record: {requestId: ids[0], metrics: {durationMs: 5.5, billedDurationMs: 6, memorySizeMB: 256, maxMemoryUsedMB: 80}, status: 'success'},
			}),
		),
	]);
	assert.equal(rows.length, 1);
	assert.equal(rows[0]?.durationMs, 5.5);
	assert.equal(rows[0]?.memorySizeMb, 256);
	assert.equal(rows[0]?.error, 'TypeError: x is undefined');
});

test("an invocation's error: the Node.js Invoke Error line, the REPORT's status, a timeout, Python's unnamed error line", () => {
	const rows = invocationRows([
		// Node.js: the handler threw.
		at(0, `START RequestId: ${ids[0]} Version: $LATEST\n`),
		at(1, `2026-11-27T07:00:00.001Z\t${ids[0]}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"cannot do 3","stack":["Error: cannot do 3"]}\n`),
		at(2, report(ids[0], 'Duration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB')),
		// A runtime that exited: the REPORT says so.
		at(10, report(ids[1], 'Duration: 40.00 ms\tBilled Duration: 40 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tStatus: error\tError Type: Runtime.ExitError'), streamB),
		// Python in another stream: the error line names no request; it is the next REPORT's of its stream.
		at(20, '[ERROR] ValueError: bad input\rTraceback (most recent call last):\r  File "/var/task/app.py", line 3\n', streamA),
		at(21, report(ids[2], 'Duration: 9.00 ms\tBilled Duration: 9 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB'), streamA),
	]);
	const errors = Object.fromEntries(rows.map((row) => [row.requestId, row.error]));
	assert.deepEqual(errors, {[ids[0]]: 'Error: cannot do 3', [ids[1]]: 'Runtime.ExitError', [ids[2]]: 'ValueError: bad input'});
});

test('a timeout shows the line that says how long, over the bare status', () => {
	const [row] = invocationRows([
		at(3000, `2026-11-27T07:00:03.000Z ${ids[0]} Task timed out after 3.00 seconds\n`),
		at(3001, report(ids[0], 'Duration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tStatus: timeout')),
	]);
	assert.equal(row?.error, 'Task timed out after 3.00 seconds');
	const [bare] = invocationRows([at(0, report(ids[1], 'Duration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tStatus: timeout'))]);
	assert.equal(bare?.error, 'timeout');
});

test("a console.error line is not an invocation's error; a line read twice is one line", () => {
	const reportLine = at(5, report(ids[0], 'Duration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB'), streamA, 'event-5');
	const rows = invocationRows([at(1, `2026-11-27T07:00:00.001Z\t${ids[0]}\tERROR\tjust logging a problem\n`), reportLine, {...reportLine}]);
	assert.equal(rows.length, 1);
	assert.equal(rows[0]?.error, undefined);
});

test('sortRows sorts by any column either way; rows without an init duration go last', () => {
	const row = (requestId: string, time: number, durationMs: number, billedDurationMs: number, maxMemoryUsedMb: number, initDurationMs?: number): InvocationRow => ({
		time: new Date(t0 + time),
		requestId,
		durationMs,
		billedDurationMs,
		memorySizeMb: 1024,
		maxMemoryUsedMb,
		...(initDurationMs === undefined ? {} : {initDurationMs}),
		gbSeconds: gbSeconds(billedDurationMs, 1024),
	});
	const rows = [row('a', 1, 10, 10, 70), row('b', 2, 30, 30, 60, 200), row('c', 3, 20, 20, 80, 100)];
	const order = (sorted: InvocationRow[]): string => sorted.map((sortedRow) => sortedRow.requestId).join('');
	assert.equal(order(sortRows(rows, 'time', true)), 'cba');
	assert.equal(order(sortRows(rows, 'time', false)), 'abc');
	assert.equal(order(sortRows(rows, 'duration', true)), 'bca');
	assert.equal(order(sortRows(rows, 'billed', false)), 'acb');
	assert.equal(order(sortRows(rows, 'memory', true)), 'cab');
	assert.equal(order(sortRows(rows, 'cost', true)), 'bca');
	assert.equal(order(sortRows(rows, 'init', true)), 'bca');
	assert.equal(order(sortRows(rows, 'init', false)), 'cba');
	assert.equal(order(rows), 'abc', 'the input is left as it was');
});

test('an error from outside is one line without control sequences, at most 200 characters, whichever line it came from', () => {
	const evil = 'Bad\u001b[2J\u001b]0;owned\u0007Thing\r\n\tat line 1';
	const rows = invocationRows([
		at(0, `INIT_REPORT Init Duration: 3000.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.\u001b[31mExit\u0007Error\n`, streamA),
		at(1, report(ids[0], 'Duration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB'), streamA),
		at(2, JSON.stringify({time: '2026-11-27T07:00:00.002Z', type: 'platform.initReport', record: {status: 'error', errorType: `x${'y'.repeat(500)}\u001b[1m`}}), streamB),
		at(3, report(ids[1], 'Duration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB'), streamB),
		at(4, `2026-11-27T07:00:00.004Z\t${ids[2]}\tERROR\tInvoke Error \t${JSON.stringify({errorType: 'Error', errorMessage: `${evil} ${'z'.repeat(1000)}`})}\n`),
		at(5, report(ids[2], 'Duration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB')),
	]);
	const errors = Object.fromEntries(rows.map((row) => [row.requestId, row.error ?? '']));
	assert.equal(errors[ids[0]], 'init Runtime.ExitError');
	for (const error of Object.values(errors)) {
		assert.doesNotMatch(error, /[\u0000-\u001f\u007f-\u009f]/, JSON.stringify(error));
		assert.ok(error.length <= 200, `${error.length} characters`);
	}
	assert.match(errors[ids[1]] ?? '', /^init xyyy.*…$/);
	assert.match(errors[ids[2]] ?? '', /^Error: BadThing at line 1 zzz.*…$/);
	assert.equal(errorOfLine(`[ERROR] KeyError: 'a\u001b[5m'\tmore`), "KeyError: 'a'");
});

test('times need their date when the invocations fall on two days, or the range is longer than a day', () => {
	const morning = new Date(Date.UTC(2026, 10, 26, 7, 0, 0));
	const evening = new Date(Date.UTC(2026, 10, 26, 23, 59, 59));
	const nextDay = new Date(Date.UTC(2026, 10, 27, 0, 0, 1));
	assert.equal(timesNeedDate([]), false);
	assert.equal(timesNeedDate([morning, evening]), false, 'one day: the time of day says it');
	assert.equal(timesNeedDate([evening, nextDay]), true, 'two seconds apart, across midnight UTC');
	assert.equal(timesNeedDate([morning], 3 * 60 * 60 * 1000), false, 'a range of 3 hours');
	assert.equal(timesNeedDate([morning], 24 * 60 * 60 * 1000), false, 'a range of exactly a day');
	assert.equal(timesNeedDate([morning], 24 * 60 * 60 * 1000 + 1), true, 'a range over a day, even with one invocation');
	assert.equal(timesNeedDate([], 7 * 24 * 60 * 60 * 1000), true);
	assert.equal(timesNeedDate([new Date(Number.NaN), morning]), false, 'a time that is not one is passed over');
});

test('a table time is UTC: the time of day, or the month-day and time', () => {
	const time = new Date(Date.UTC(2026, 10, 26, 14, 3, 22, 999));
	assert.equal(formatTableTime(time, false), '14:03:22');
	assert.equal(formatTableTime(time, true), '11-26 14:03:22');
	assert.equal(formatTableTime(new Date(Number.NaN), false), '--------');
	assert.equal(formatTableTime(new Date(Number.NaN), true).length, 14);
});

test('GB-seconds fit in 7 columns with as many decimals as there is room for', () => {
	assert.equal(formatGbSeconds(gbSeconds(100, 128)), '0.01250');
	assert.equal(formatGbSeconds(0), '0.00000');
	assert.equal(formatGbSeconds(12.345678), '12.3457');
	assert.equal(formatGbSeconds(9.999999), '10.0000');
	// The most one invocation can cost: 900 s at 10,240 MB.
	assert.equal(formatGbSeconds(gbSeconds(900_000, 10_240)), '9000.00');
	assert.equal(formatGbSeconds(1_234_567.8), '1234568');
	assert.equal(formatGbSeconds(Number.NaN), '-');
	for (const value of [0.000001, 0.5, 9.999996, 99.99999, 999.9999, 12_345.6]) assert.ok(formatGbSeconds(value).length <= 7, formatGbSeconds(value));
});
