// The segments the local Lambda records for a traced invocation, checked
// against what Lambda records ("Visualize Lambda function invocations using
// AWS X-Ray"): two segments, both named after the function, one of origin
// AWS::Lambda (the service) and one of origin AWS::Lambda::Function (the
// function, a child of the first) with the subsegments Initialization (cold
// starts only), Invocation and Overhead; and how the Monitor tab's timeline
// labels them.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {timelineBars, timelineOf} from '../../source/domain/trace-timeline.js';
import {lambdaSegmentDocuments, type LambdaInvocationTrace} from '../../source/mock/xray/lambda-segments.js';
import {readSegmentDocument} from '../../source/mock/xray/segment-document.js';

const at = Date.UTC(2026, 10, 27, 7, 0, 0);

function trace(run: LambdaInvocationTrace['run'], status = 200): LambdaInvocationTrace {
	return {
		traceId: '1-6927f5b0-0123456789abcdef01234567',
		invocationId: '0123456789abcdef',
		functionName: 'orders',
		functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
		executedArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
		accountId: '123456789012',
		requestId: 'c0ffee00-0000-4000-8000-000000000000',
		service: {start: at, end: at + 120},
		status,
		...(run === undefined ? {} : {run}),
	};
}

const cold: LambdaInvocationTrace['run'] = {
	init: {start: at + 5, end: at + 80, failed: false},
	invocation: {start: at + 80, end: at + 110},
	overhead: {start: at + 110, end: at + 112},
};

interface Document {
	id?: string;
	name?: string;
	origin?: string;
	parent_id?: string;
	fault?: boolean;
	error?: boolean;
	throttle?: boolean;
	subsegments?: Document[];
}

const parse = (documents: string[]): Document[] => documents.map((text) => JSON.parse(text) as Document);

describe('the segments of a traced invocation on the local Lambda', () => {
	it('are the service segment and the function segment, both named after the function, told apart by origin', () => {
		const documents = lambdaSegmentDocuments(trace(cold));
		for (const document of documents) assert.equal(readSegmentDocument(document).ok, true, 'X-Ray accepts it');
		const [service, fn] = parse(documents);
		assert.deepEqual([service?.name, service?.origin], ['orders', 'AWS::Lambda']);
		assert.deepEqual([fn?.name, fn?.origin], ['orders', 'AWS::Lambda::Function']);
		assert.equal(fn?.parent_id, service?.id);
		assert.deepEqual(
			fn?.subsegments?.map((subsegment) => subsegment.name),
			['Initialization', 'Invocation', 'Overhead'],
		);
		assert.equal(fn?.subsegments?.[1]?.id, '0123456789abcdef', 'the Invocation is the parent the runtime is given');
		assert.equal(service?.subsegments, undefined);
	});

	it('are drawn as the X-Ray console lists them: "orders (Lambda)", "orders (Function)", its subsegments indented under it', () => {
		const rows = timelineOf(lambdaSegmentDocuments(trace(cold)));
		assert.deepEqual(
			rows.map((row) => [row.depth, row.name, row.origin]),
			[
				[0, 'orders', 'AWS::Lambda'],
				[0, 'orders', 'AWS::Lambda::Function'],
				[1, 'Initialization', undefined],
				[1, 'Invocation', undefined],
				[1, 'Overhead', undefined],
			],
		);
		const labels = timelineBars(rows, 80).map((line) => line.slice(0, 18).trimEnd());
		assert.deepEqual(labels, ['orders (Lambda)', 'orders (Function)', '  Initialization', '  Invocation', '  Overhead']);
	});

	it('have no Initialization when warm; a function error is a fault of the function and its Invocation, the service answering 200', () => {
		const [service, fn] = parse(
			lambdaSegmentDocuments(trace({invocation: {start: at + 2, end: at + 10}, overhead: {start: at + 10, end: at + 11}, error: {type: 'RangeError', message: 'empty'}})),
		);
		assert.deepEqual(
			fn?.subsegments?.map((subsegment) => [subsegment.name, subsegment.fault]),
			[
				['Invocation', true],
				['Overhead', undefined],
			],
		);
		assert.equal(fn?.fault, true);
		assert.equal(service?.fault, undefined);
		const labels = timelineBars(timelineOf(lambdaSegmentDocuments(trace({invocation: {start: at + 2, end: at + 10}, overhead: {start: at + 10, end: at + 11}, error: {type: 'E', message: 'm'}}))), 80);
		assert.match(labels[1] ?? '', /^orders \(Function\) fault /);
		assert.match(labels[2] ?? '', /^ {2}Invocation fault /);
	});

	it('are only the service segment, a throttle, when the function did not run', () => {
		const documents = parse(lambdaSegmentDocuments(trace(undefined, 429)));
		assert.deepEqual(
			documents.map((document) => [document.origin, document.error, document.throttle]),
			[['AWS::Lambda', true, true]],
		);
		assert.match(timelineBars(timelineOf(lambdaSegmentDocuments(trace(undefined, 429))), 80)[0] ?? '', /^orders \(Lambda\) throttle /);
	});
});
