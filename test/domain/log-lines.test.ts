import assert from 'node:assert/strict';
import {test} from 'node:test';
import {displayLines, endedMarker, matches, prettyJsonLine, reconnectedNote, reconnectMarker, requestIdOf, shortStreamName, type LogLine} from '../../source/domain/log-lines.js';

const id = '6f1c3d2a-1b2c-4d5e-8f90-123456789abc';
const line = (message: string): LogLine => ({timestamp: Date.UTC(2026, 10, 27, 7), message});

test("requestIdOf reads Lambda's own lines and the runtimes' formats", () => {
	assert.equal(requestIdOf(`START RequestId: ${id} Version: $LATEST\n`), id);
	assert.equal(requestIdOf(`END RequestId: ${id}\n`), id);
	assert.equal(requestIdOf(`REPORT RequestId: ${id}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`), id);
	assert.equal(requestIdOf(`2026-11-27T07:00:00.123Z\t${id}\tINFO\thello\n`), id, 'Node.js text format');
	assert.equal(requestIdOf(`2026-11-27T07:00:03.001Z ${id} Task timed out after 3.00 seconds\n`), id);
	assert.equal(requestIdOf(`[ERROR]\t2026-11-27T07:00:00.123Z\t${id}\tsomething failed\n`), id, 'Python text format');
	assert.equal(requestIdOf(JSON.stringify({timestamp: '2026-11-27T07:00:00Z', level: 'INFO', requestId: id, message: 'hi'})), id, 'JSON format');
	assert.equal(requestIdOf(JSON.stringify({time: '2026-11-27T07:00:00Z', type: 'platform.start', record: {requestId: id, version: '$LATEST'}})), id);
});

test('requestIdOf is undefined for lines that name no request', () => {
	assert.equal(requestIdOf('INIT_START Runtime Version: nodejs:22.v1\n'), undefined);
	assert.equal(requestIdOf('2026-11-27T07:00:00.123Z\tundefined\tINFO\tloaded outside a request\n'), undefined);
	assert.equal(requestIdOf('plain print output\n'), undefined);
	assert.equal(requestIdOf('{"level":"INFO","message":"no id"}'), undefined);
	assert.equal(requestIdOf('{not json'), undefined);
});

test('prettyJsonLine pretty-prints the object in a line, after a runtime prefix too', () => {
	assert.deepEqual(prettyJsonLine('{"a":1,"b":[true]}'), ['{', '  "a": 1,', '  "b": [', '    true', '  ]', '}']);
	assert.deepEqual(prettyJsonLine(`2026-11-27T07:00:00.123Z\t${id}\tINFO\tgot {"id":7}\n`), ['{', '  "id": 7', '}']);
	assert.deepEqual(prettyJsonLine('a {brace} then {"ok":"yes"}'), ['{', '  "ok": "yes"', '}'], 'the first brace that starts an object');
	assert.equal(prettyJsonLine('no object here'), undefined);
	assert.equal(prettyJsonLine('[1, 2, 3]'), undefined);
	assert.equal(prettyJsonLine('{"cut": '), undefined);
	const hostile = prettyJsonLine('{"x":"\\u001b[2J\\u202ered"}');
	assert.ok(hostile !== undefined);
	assert.ok(hostile.every((text) => !text.includes('\u202e')), 'no bidirectional override survives');
});

test('displayLines cuts one row with an ellipsis, or wraps every line of the message', () => {
	const long = line('0123456789abcdefghij\n');
	assert.deepEqual(displayLines(long, 10, false), ['012345678…']);
	assert.deepEqual(displayLines(long, 10, true), ['0123456789', 'abcdefghij']);
	assert.deepEqual(displayLines(line('short'), 10, false), ['short']);
	// Node.js and Python write a multi-line message as one event with \r between its lines.
	const multi = line('first\rsecond line\r\n');
	assert.deepEqual(displayLines(multi, 20, true), ['first', 'second line']);
	assert.deepEqual(displayLines(multi, 20, false), ['first second line']);
	assert.deepEqual(displayLines(line(''), 10, true), ['']);
});

test('displayLines strips control sequences and keeps wide characters whole', () => {
	const colored = line('\u001b[31mred\u001b[0m \u001b]0;title\u0007text\u0007');
	assert.deepEqual(displayLines(colored, 40, false), ['red text']);
	assert.deepEqual(displayLines(colored, 40, true), ['red text']);
	assert.deepEqual(displayLines(line('日本語のログ'), 5, true), ['日本', '語の', 'ログ']);
	assert.deepEqual(displayLines(line('日本語のログ'), 5, false), ['日本…']);
});

test('matches finds text in a message ignoring case, in what the line shows', () => {
	assert.ok(matches(line('Payment FAILED for order 7'), 'failed'));
	assert.ok(matches(line('anything'), ''));
	assert.ok(!matches(line('all good'), 'error'));
	assert.ok(matches(line('\u001b[1mERR\u001b[0mOR here'), 'error'));
});

test("shortStreamName keeps a Lambda stream's version and 8 hex digits", () => {
	assert.equal(shortStreamName('2026/11/27/[$LATEST]0123456789abcdef0123456789abcdef'), '[$LATEST]01234567');
	assert.equal(shortStreamName('2026/11/27/orders[3]fedcba9876543210fedcba9876543210'), 'orders[3]fedcba98');
	assert.equal(shortStreamName('my-own-stream'), 'my-own-stream');
	assert.equal(shortStreamName('evil\u001b[2Jstream'), 'evilstream');
});

test("a live tail's own lines: where it reconnected, and why it ended, name no request and are known as markers", () => {
	const at = new Date(Date.UTC(2026, 10, 27, 12, 3, 4, 567));
	assert.equal(reconnectedNote(at), 'reconnected 12:03:04: lines may be missing');
	const gap = reconnectMarker(at);
	assert.equal(gap.marker, 'gap');
	assert.equal(gap.timestamp, at.getTime());
	assert.match(gap.message, /reconnected: lines sent while disconnected may be missing/);
	assert.equal(requestIdOf(gap.message), undefined);
	assert.equal(prettyJsonLine(gap.message), undefined);
	// With the time in front (13 columns), it fits 80 columns.
	assert.ok(gap.message.length <= 80 - 13, gap.message);
	const ended = endedMarker(at, 'The log group /aws/lambda/x does not exist');
	assert.equal(ended.marker, 'ended');
	assert.equal(ended.message, '── the live tail ended: The log group /aws/lambda/x does not exist');
});
