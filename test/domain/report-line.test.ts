import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseReport} from '../../source/domain/report-line.js';

test('a cold start REPORT line gives every figure, the init duration too', () => {
	const log = [
		'START RequestId: 6f1c3d2a-1b2c-4d5e-8f90-123456789abc Version: $LATEST',
		'2026-11-27T07:00:00.000Z\t6f1c3d2a-1b2c-4d5e-8f90-123456789abc\tINFO\thello',
		'END RequestId: 6f1c3d2a-1b2c-4d5e-8f90-123456789abc',
		'REPORT RequestId: 6f1c3d2a-1b2c-4d5e-8f90-123456789abc\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 67 MB\tInit Duration: 153.20 ms\t',
		'',
	].join('\n');
	assert.deepEqual(parseReport(log), {
		requestId: '6f1c3d2a-1b2c-4d5e-8f90-123456789abc',
		durationMs: 12.34,
		billedDurationMs: 13,
		memorySizeMb: 128,
		maxMemoryUsedMb: 67,
		initDurationMs: 153.2,
	});
});

test('a warm REPORT line has no init duration; a timeout names its status', () => {
	const warm = parseReport('REPORT RequestId: abc\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 256 MB\tMax Memory Used: 80 MB\t\n');
	assert.equal(warm?.initDurationMs, undefined);
	assert.equal(warm?.memorySizeMb, 256);
	const timedOut = parseReport('REPORT RequestId: abc\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tStatus: timeout\n');
	assert.equal(timedOut?.status, 'timeout');
	assert.equal(timedOut?.durationMs, 3000);
});

test('the JSON log format\'s platform.report record gives the same figures', () => {
	const record = {
		time: '2026-11-27T07:00:00.000Z',
		type: 'platform.report',
		record: {requestId: 'r-1', metrics: {durationMs: 4.5, billedDurationMs: 5, memorySizeMB: 512, maxMemoryUsedMB: 90, initDurationMs: 80.25}, status: 'success'},
	};
	assert.deepEqual(parseReport(`${JSON.stringify({type: 'platform.start'})}\n${JSON.stringify(record)}\n`), {
		requestId: 'r-1',
		durationMs: 4.5,
		billedDurationMs: 5,
		memorySizeMb: 512,
		maxMemoryUsedMb: 90,
		initDurationMs: 80.25,
	});
});

test('a log without a report (cut off, or async) gives nothing', () => {
	assert.equal(parseReport('START RequestId: x\nhello\n'), undefined);
	assert.equal(parseReport(''), undefined);
	assert.equal(parseReport('{"type":"platform.report","record":"broken"}'), undefined);
});
