// The trace timeline: segment documents (as BatchGetTraces returns them) read
// into rows, nested and in start order, and drawn as bars on one time axis.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import stringWidth from 'string-width';
import {formatTraceDuration, originLabel, statusOf, timelineBars, timelineLabel, timelineOf, type TimelineRow} from '../../source/domain/trace-timeline.js';

const traceId = '1-5f000000-0123456789abcdef01234567';
const t0 = 1_600_000_000;

/** A Lambda trace: the service segment (0-100 ms) and the function segment (10-100 ms) with its subsegments given out of order. */
function lambdaTrace(): string[] {
	const service = {id: 'aaaaaaaaaaaaaaaa', name: 'orders', trace_id: traceId, start_time: t0, end_time: t0 + 0.1, origin: 'AWS::Lambda', http: {response: {status: 200}}};
	const fn = {
		id: 'bbbbbbbbbbbbbbbb',
		name: 'orders',
		trace_id: traceId,
		parent_id: 'aaaaaaaaaaaaaaaa',
		start_time: t0 + 0.01,
		end_time: t0 + 0.1,
		origin: 'AWS::Lambda::Function',
		fault: true,
		subsegments: [
			{id: 'cccccccccccccccc', name: 'Overhead', start_time: t0 + 0.09, end_time: t0 + 0.1},
			{
				id: 'dddddddddddddddd',
				name: 'Invocation',
				start_time: t0 + 0.05,
				end_time: t0 + 0.09,
				fault: true,
				subsegments: [{id: 'eeeeeeeeeeeeeeee', name: 'DynamoDB', namespace: 'aws', start_time: t0 + 0.06, end_time: t0 + 0.07, error: true, throttle: true}],
			},
			{id: 'ffffffffffffffff', name: 'Initialization', start_time: t0 + 0.01, end_time: t0 + 0.05},
		],
	};
	// The function segment first: segments are ordered by their start, not as given.
	return [JSON.stringify(fn), JSON.stringify(service)];
}

describe('timelineOf', () => {
	it('lists segments and their nested subsegments depth first, in start order, from the trace start', () => {
		const rows = timelineOf(lambdaTrace());
		assert.deepEqual(
			rows.map((row) => [row.depth, row.name, row.origin, row.startMs, row.durationMs, row.status]),
			[
				[0, 'orders', 'AWS::Lambda', 0, 100, 'ok'],
				[0, 'orders', 'AWS::Lambda::Function', 10, 90, 'fault'],
				[1, 'Initialization', undefined, 10, 40, 'ok'],
				[1, 'Invocation', undefined, 50, 40, 'fault'],
				[2, 'DynamoDB', undefined, 60, 10, 'throttle'],
				[1, 'Overhead', undefined, 90, 10, 'ok'],
			],
		);
	});

	it('puts a subsegment sent on its own under the (sub)segment its parent_id names', () => {
		const detached = {id: '1111111111111111', type: 'subsegment', parent_id: 'dddddddddddddddd', trace_id: traceId, name: 'S3', start_time: t0 + 0.052, end_time: t0 + 0.055};
		const orphan = {id: '2222222222222222', type: 'subsegment', parent_id: '9999999999999999', trace_id: traceId, name: 'lost', start_time: t0 + 0.2, end_time: t0 + 0.3};
		const rows = timelineOf([JSON.stringify(detached), JSON.stringify(orphan), ...lambdaTrace()]);
		const names = rows.map((row) => `${row.depth}:${row.name}`);
		assert.deepEqual(names, ['0:orders', '0:orders', '1:Initialization', '1:Invocation', '2:S3', '2:DynamoDB', '1:Overhead', '0:lost']);
		const s3 = rows.find((row) => row.name === 'S3');
		assert.equal(s3?.startMs, 52);
		assert.equal(s3?.durationMs, 3);
	});

	it('skips what is not a segment and runs an in-progress one to the trace end', () => {
		const inProgress = {id: '3333333333333333', name: 'slow', trace_id: traceId, start_time: t0 + 0.02, in_progress: true};
		const rows = timelineOf(['not json', '{"name": "no start"}', '[]', JSON.stringify(inProgress), ...lambdaTrace()]);
		assert.equal(rows.length, 7);
		const slow = rows.find((row) => row.name === 'slow');
		assert.deepEqual([slow?.startMs, slow?.durationMs], [20, 80]);
		assert.deepEqual(timelineOf([]), []);
	});

	it('strips terminal control sequences from names', () => {
		const segment = {id: '4444444444444444', name: 'evil\u001b[31mname', trace_id: traceId, start_time: t0, end_time: t0 + 1};
		assert.equal(timelineOf([JSON.stringify(segment)])[0]?.name, 'evilname');
		const origin = {...segment, name: 'orders', origin: 'AWS::\u001b]0;owned\u0007Lambda'};
		assert.equal(timelineOf([JSON.stringify(origin)])[0]?.origin, 'AWS::Lambda');
	});
});

describe('statusOf', () => {
	it('says fault before throttle before error', () => {
		assert.equal(statusOf({fault: true, throttle: true, error: true}), 'fault');
		assert.equal(statusOf({throttle: true, error: true}), 'throttle');
		assert.equal(statusOf({error: true}), 'error');
		assert.equal(statusOf({}), 'ok');
	});
});

describe('timelineBars', () => {
	it('labels the two segments of a Lambda trace by origin, as the X-Ray console does, with the subsegments under the function', () => {
		const lines = timelineBars(timelineOf(lambdaTrace()), 80);
		// The label column is as wide as the widest label (23), 7 of duration, 48 cells of bar: 100 ms is 384 eighths.
		assert.deepEqual(lines, [
			'orders (Lambda)         100.0ms ████████████████████████████████████████████████',
			'orders (Function) fault  90.0ms     ████████████████████████████████████████████',
			'  Initialization         40.0ms     ████████████████████',
			'  Invocation fault       40.0ms                         ███████████████████▎',
			'    DynamoDB throttle    10.0ms                             █████▋',
			'  Overhead               10.0ms                                            █████',
		]);
	});

	it('draws every row on one axis at width 40, ending to the eighth of a cell, the origin kept when a name is cut', () => {
		const lines = timelineBars(timelineOf(lambdaTrace()), 40);
		// 18 columns of label (45%), 7 of duration, 13 cells of bar: 100 ms is 104 eighths.
		assert.deepEqual(lines, [
			'orders (Lambda)    100.0ms █████████████',
			'orders (Function)…  90.0ms  ████████████',
			'  Initialization    40.0ms  █████▌',
			'  Invocation fault  40.0ms       █████▊',
			'    Dyna… throttle  10.0ms        ██▏',
			'  Overhead          10.0ms            ██',
		]);
		for (const line of lines) assert.ok(stringWidth(line) <= 40, line);
	});

	it('never draws a line wider than the width, and shows even the shortest row', () => {
		const rows: TimelineRow[] = [
			{depth: 0, name: 'a-very-long-segment-name-indeed', origin: 'AWS::Lambda', startMs: 0, durationMs: 12_345, status: 'ok'},
			{depth: 3, name: 'tiny', origin: undefined, startMs: 6000, durationMs: 0.01, status: 'error'},
		];
		for (const width of [1, 5, 10, 17, 20, 25, 40, 80, 132]) {
			const lines = timelineBars(rows, width);
			assert.equal(lines.length, 2);
			for (const line of lines) assert.ok(stringWidth(line) <= width, `width ${width}: "${line}"`);
		}
		// 0.01 ms of 12.3 s starts 66 eighths in: its bar runs from the cell it starts in to one eighth past its start.
		const [, tiny] = timelineBars(rows, 40);
		assert.equal(tiny, '      tiny error     0.0ms       ▌');
		assert.deepEqual(timelineBars(rows, 0), ['', '']);
	});

	it('fills the whole axis when the trace has no length', () => {
		const lines = timelineBars([{depth: 0, name: 'instant', origin: undefined, startMs: 0, durationMs: 0, status: 'ok'}], 40);
		assert.equal(lines[0], `instant   0.0ms ${'█'.repeat(24)}`);
	});
});

describe('timelineLabel', () => {
	const row = (fields: Partial<TimelineRow>): TimelineRow => ({depth: 0, name: 'orders', origin: undefined, startMs: 0, durationMs: 1, status: 'ok', ...fields});

	it('tells the service segment from the function segment by origin; any other origin without "AWS::"', () => {
		assert.equal(originLabel('AWS::Lambda'), 'Lambda');
		assert.equal(originLabel('AWS::Lambda::Function'), 'Function');
		assert.equal(originLabel('AWS::EC2::Instance'), 'EC2::Instance');
		assert.equal(originLabel('custom'), 'custom');
		assert.equal(timelineLabel(row({origin: 'AWS::Lambda'}), 20), 'orders (Lambda)     ');
		assert.equal(timelineLabel(row({origin: 'AWS::Lambda::Function'}), 20), 'orders (Function)   ');
		assert.equal(timelineLabel(row({depth: 1, name: 'Invocation'}), 20), '  Invocation        ');
	});

	it('cuts the name, not the origin or the status, and is always exactly as wide as asked', () => {
		const long = row({name: 'a-function-with-a-very-long-name', origin: 'AWS::Lambda::Function', status: 'fault'});
		assert.equal(timelineLabel(long, 30), 'a-function-w… (Function) fault');
		assert.equal(timelineLabel(long, 12), 'a-function-…');
		for (const columns of [0, 1, 2, 5, 17, 30, 60]) assert.equal(stringWidth(timelineLabel(long, columns)), columns);
	});
});

describe('formatTraceDuration', () => {
	it('fits in 7 columns', () => {
		assert.equal(formatTraceDuration(0.42), '0.4ms');
		assert.equal(formatTraceDuration(812.34), '812.3ms');
		assert.equal(formatTraceDuration(1250), '1.25s');
		assert.equal(formatTraceDuration(123_400), '123.4s');
		assert.equal(formatTraceDuration(1_234_000), '1234s');
	});
});
