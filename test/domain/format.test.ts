import assert from 'node:assert/strict';
import {test} from 'node:test';
import {breakLines, fit, formatAge, formatBytes, formatTimeout, formatTimeoutShort, parseLambdaTimestamp, truncate} from '../../source/domain/format.js';
import {filterFunctions, stateLabel} from '../../source/domain/function-list.js';
import type {FunctionSummary} from '../../source/domain/function-model.js';
import {cleanLines, cleanText} from '../../source/domain/sanitize.js';
import {concurrencyLabel, decodeRestore, encodeRestore} from '../../source/domain/throttle.js';

test('sizes, timeouts and ages read as the console writes them', () => {
	assert.equal(formatBytes(512), '512 B');
	assert.equal(formatBytes(1536), '1.5 KB');
	assert.equal(formatBytes(50 * 1024 * 1024), '50 MB');
	assert.equal(formatBytes(1020 * 1024), '1.0 MB', 'never four digits');
	assert.equal(formatBytes(999 * 1024), '999 KB');
	assert.equal(formatBytes(250 * 1024 * 1024), '250 MB');
	assert.equal(formatTimeout(3), '3 s');
	assert.equal(formatTimeout(90), '1 min 30 s');
	assert.equal(formatTimeout(900), '15 min');
	assert.equal(formatTimeoutShort(900), '15m');
	assert.equal(formatTimeoutShort(90), '90s');
	const now = new Date('2026-11-26T12:00:00Z');
	assert.equal(formatAge(new Date('2026-11-26T11:59:30Z'), now), 'now');
	assert.equal(formatAge(new Date('2026-11-26T11:15:00Z'), now), '45m ago');
	assert.equal(formatAge(new Date('2026-11-20T12:00:00Z'), now), '6d ago');
	assert.equal(formatAge(new Date('2024-01-31T12:00:00Z'), now), 'Jan 2024');
});

test("Lambda's LastModified format parses", () => {
	assert.equal(parseLambdaTimestamp('2024-01-31T12:34:56.789+0000')?.toISOString(), '2024-01-31T12:34:56.789Z');
	assert.equal(parseLambdaTimestamp('2024-01-31T14:34:56.789+0200')?.toISOString(), '2024-01-31T12:34:56.789Z');
	assert.equal(parseLambdaTimestamp('yesterday'), undefined);
});

test('cells are cut with an ellipsis and padded to their width, wide characters counted', () => {
	assert.equal(truncate('stream-processor-python', 10), 'stream-pr…');
	assert.equal(fit('abc', 5), 'abc  ');
	assert.equal(fit('abc', 5, 'right'), '  abc');
	assert.equal(fit('日本語テキスト', 6), '日本… ', 'two wide characters, the ellipsis and one space make 6 columns');
});

test('control sequences from outside are stripped before drawing', () => {
	assert.equal(cleanText('evil\u001B[2J\u001B[31mred\u001B[0m'), 'evilred');
	assert.equal(cleanText('title\u001B]0;pwned\u0007 done'), 'title done');
	assert.equal(cleanText('bell\u0007 and\ttab\nnewline\u009B31m'), 'bell and tab newline');
	assert.equal(cleanText('\u202Egnp.exe'), 'gnp.exe');
	assert.deepEqual(cleanLines('one\r\ntwo\u001B[1A\tx'), ['one', 'two    x']);
});

test('the throttle restore point survives a round trip through its tag', () => {
	assert.deepEqual(decodeRestore(encodeRestore(undefined)), {kind: 'unreserved'});
	assert.deepEqual(decodeRestore(encodeRestore(25)), {kind: 'reserved', value: 25});
	assert.deepEqual(decodeRestore(undefined), {kind: 'unreserved'});
	assert.deepEqual(decodeRestore('0'), {kind: 'unreserved'}, 'restoring to 0 would leave it throttled');
	assert.deepEqual(decodeRestore('junk'), {kind: 'unreserved'});
	assert.equal(concurrencyLabel(0), 'throttled');
	assert.equal(concurrencyLabel(undefined), '-');
	assert.equal(concurrencyLabel(12), '12');
});

test('the filter matches every word in name, runtime or description', () => {
	const fn = (name: string, runtime: string, description: string): FunctionSummary => ({
		name,
		runtime,
		description,
		arn: '',
		handler: '',
		memoryMb: 128,
		timeoutSeconds: 3,
		codeSize: 0,
		lastModified: undefined,
		state: 'Active',
		lastUpdateStatus: 'Successful',
		packageType: 'Zip',
		architectures: ['x86_64'],
	});
	const all = [fn('orders-api', 'nodejs22.x', 'REST API'), fn('thumbs', 'python3.12', 'S3 thumbnails'), fn('Billing', 'java21', '')];
	assert.deepEqual(filterFunctions(all, 'PY').map((f) => f.name), ['thumbs']);
	assert.deepEqual(filterFunctions(all, 'api node').map((f) => f.name), ['orders-api']);
	assert.deepEqual(filterFunctions(all, 'bill').map((f) => f.name), ['Billing']);
	assert.equal(filterFunctions(all, '  ').length, 3);
	assert.equal(stateLabel({state: 'Active', lastUpdateStatus: 'InProgress'}), 'Updating');
});

test('a long name breaks after the characters given, and a part longer than a line is cut', () => {
	assert.deepEqual(breakLines('arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0', 30, ':/'), [
		'arn:aws:elasticfilesystem:',
		'us-east-1:123456789012:',
		'access-point/',
		'fsap-0123456789abcdef0',
	]);
	assert.deepEqual(breakLines('abcdefghij', 4, ':'), ['abcd', 'efgh', 'ij']);
	assert.deepEqual(breakLines('a-b]c', 2, ']-'), ['a-', 'b]', 'c']);
});
