// Active tracing on the local Lambda, read through the real @aws-sdk/client-xray:
// each invocation of a function with TracingConfig Active is a trace (an
// AWS::Lambda segment and an AWS::Lambda::Function segment with
// Initialization on a cold start, Invocation and Overhead), under the trace id
// the runtime got; its timings agree with the REPORT line; a function error
// is a fault, a throttle a 429; PassThrough records nothing; the traces
// survive a restart; and the console's listTraces/getTimeline read them.

import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {CreateFunctionCommand, InvokeCommand, PutFunctionConcurrencyCommand, waitUntilFunctionActiveV2, type InvokeCommandOutput} from '@aws-sdk/client-lambda';
import {BatchGetTracesCommand, GetTraceSummariesCommand, XRayClient, type Trace, type TraceSummary} from '@aws-sdk/client-xray';
import {getTimeline, listTraces} from '../../source/aws/traces.js';
import {parseReport, type ReportFigures} from '../../source/domain/report-line.js';
import {credentials, makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const handler = `
export const handler = async (event) => {
	console.log('trace header', process.env._X_AMZN_TRACE_ID);
	if (event.fail) throw new RangeError('the basket is empty');
	return 'ok';
};
`;

interface Segment {
	id: string;
	name: string;
	trace_id: string;
	start_time: number;
	end_time: number;
	parent_id?: string;
	origin?: string;
	fault?: boolean;
	error?: boolean;
	throttle?: boolean;
	http?: {response?: {status?: number}};
	aws?: {request_id?: string; function_arn?: string};
	resource_arn?: string;
	cause?: {exceptions?: Array<{type?: string; message?: string}>};
	subsegments?: Segment[];
}

interface Invoked {
	requestId: string;
	traceHeader: string | undefined;
	report: ReportFigures;
	functionError: string | undefined;
}

/** Root, Parent and Sampled of a trace header. */
function headerParts(header: string | undefined): Record<string, string> {
	const parts: Record<string, string> = {};
	for (const part of (header ?? '').split(';')) {
		const [key, value] = part.split('=');
		if (key !== undefined && value !== undefined) parts[key] = value;
	}
	return parts;
}

function segmentsOf(trace: Trace | undefined): Segment[] {
	return (trace?.Segments ?? []).map((segment) => JSON.parse(segment.Document ?? '{}') as Segment);
}

const ms = (segment: Segment | undefined): number => ((segment?.end_time ?? 0) - (segment?.start_time ?? 0)) * 1000;

describe('X-Ray traces of the local Lambda through the SDK', () => {
	let harness: Harness;
	let dataDir: string;
	let xray: XRayClient;
	const since = new Date(Date.now() - 60_000);
	const invoked: Invoked[] = [];

	const connect = (): XRayClient => new XRayClient({endpoint: harness.server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1});

	const invoke = async (name: string, event: unknown): Promise<Invoked> => {
		const output: InvokeCommandOutput = await harness.lambda.send(
			new InvokeCommand({FunctionName: name, Payload: Buffer.from(JSON.stringify(event)), LogType: 'Tail'}),
		);
		const log = Buffer.from(output.LogResult ?? '', 'base64').toString('utf8');
		const report = parseReport(log);
		assert.ok(report !== undefined, 'a REPORT line');
		assert.equal(output.$metadata.httpStatusCode, 200);
		// What the function saw in _X_AMZN_TRACE_ID, as it logged it.
		const traceHeader = /trace header (Root=\S+)/.exec(log)?.[1];
		return {requestId: report.requestId, traceHeader, report, functionError: output.FunctionError};
	};

	const summaries = async (filter: string, client = xray): Promise<TraceSummary[]> => {
		const output = await client.send(new GetTraceSummariesCommand({StartTime: since, EndTime: new Date(Date.now() + 60_000), FilterExpression: filter}));
		return output.TraceSummaries ?? [];
	};

	const traceOf = async (id: string, client = xray): Promise<Segment[]> => {
		const output = await client.send(new BatchGetTracesCommand({TraceIds: [id]}));
		assert.deepEqual(output.UnprocessedTraceIds, []);
		return segmentsOf(output.Traces?.[0]);
	};

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-xray-'));
		harness = await startHarness({dataDir, transitionDelayMs: 50});
		xray = connect();
		const create = (name: string, mode: 'Active' | 'PassThrough'): Promise<unknown> =>
			harness.lambda.send(
				new CreateFunctionCommand({
					FunctionName: name,
					Runtime: 'nodejs22.x',
					Role: role,
					Handler: 'index.handler',
					Code: {ZipFile: makeZip({'index.mjs': handler})},
					TracingConfig: {Mode: mode},
				}),
			);
		await Promise.all([create('traced', 'Active'), create('untraced', 'PassThrough'), create('held', 'Active')]);
		for (const name of ['traced', 'untraced', 'held']) {
			await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
		}
		invoked.push(await invoke('traced', {}));
		invoked.push(await invoke('traced', {}));
		invoked.push(await invoke('traced', {fail: true}));
	});
	after(async () => {
		xray.destroy();
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('gives the runtime a sampled trace header, one trace per invocation, newest first', async () => {
		const roots = invoked.map((invocation) => headerParts(invocation.traceHeader));
		for (const root of roots) {
			assert.match(root['Root'] ?? '', /^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
			assert.match(root['Parent'] ?? '', /^[0-9a-f]{16}$/);
			assert.equal(root['Sampled'], '1');
		}
		const found = await summaries('service("traced")');
		assert.deepEqual(
			found.map((summary) => summary.Id),
			[...roots].reverse().map((root) => root['Root']),
		);
		for (const summary of found) {
			assert.equal(summary.Http?.HttpStatus, 200);
			assert.ok((summary.Duration ?? 0) > 0);
			assert.ok((summary.ResponseTime ?? 0) > 0);
			assert.deepEqual(
				summary.ServiceIds?.map((service) => [service.Name, service.Type]),
				[
					['traced', 'AWS::Lambda'],
					['traced', 'AWS::Lambda::Function'],
				],
			);
			assert.deepEqual(summary.ResourceARNs, [{ARN: 'arn:aws:lambda:us-east-1:123456789012:function:traced'}]);
		}
	});

	it('records a cold start with Initialization, Invocation and Overhead, timed as the REPORT line says', async () => {
		const cold = invoked[0];
		assert.ok(cold?.report.initDurationMs !== undefined, 'the first invocation is a cold start');
		const parts = headerParts(cold.traceHeader);
		const segments = await traceOf(parts['Root'] ?? '');
		assert.deepEqual(
			segments.map((segment) => segment.origin),
			['AWS::Lambda', 'AWS::Lambda::Function'],
		);
		const [service, fn] = segments;
		assert.equal(service?.name, 'traced');
		assert.equal(service?.http?.response?.status, 200);
		assert.equal(service?.aws?.request_id, cold.requestId);
		assert.equal(fn?.name, 'traced');
		assert.equal(fn?.parent_id, service?.id);
		assert.deepEqual(
			fn?.subsegments?.map((subsegment) => subsegment.name),
			['Initialization', 'Invocation', 'Overhead'],
		);
		const [initialization, invocation, overhead] = fn?.subsegments ?? [];
		// The runtime's trace header names the Invocation subsegment, so the function's own subsegments nest under it.
		assert.equal(invocation?.id, parts['Parent']);
		// REPORT rounds to hundredths of a millisecond; segments keep microseconds.
		assert.ok(Math.abs(ms(invocation) - cold.report.durationMs) <= 0.01, `Invocation ${ms(invocation)} ms, REPORT Duration ${cold.report.durationMs} ms`);
		assert.ok(Math.abs(ms(initialization) - (cold.report.initDurationMs ?? 0)) <= 0.01, `Initialization ${ms(initialization)} ms, REPORT Init Duration ${cold.report.initDurationMs} ms`);
		// One after the other, all inside the function segment, itself inside the service's.
		assert.ok((initialization?.end_time ?? 0) <= (invocation?.start_time ?? 0));
		assert.ok((invocation?.end_time ?? 0) <= (overhead?.start_time ?? 0) + 1e-6);
		assert.ok((fn?.start_time ?? 0) <= (initialization?.start_time ?? 0) && (overhead?.end_time ?? 0) <= (fn?.end_time ?? 0) + 1e-6);
		assert.ok((service?.start_time ?? 0) <= (fn?.start_time ?? 0) && (fn?.end_time ?? 0) <= (service?.end_time ?? 0) + 1e-6);
		assert.equal(fn?.fault, undefined);
	});

	it('records a warm invocation without Initialization', async () => {
		const warm = invoked[1];
		assert.equal(warm?.report.initDurationMs, undefined, 'the second invocation is warm');
		const segments = await traceOf(headerParts(warm?.traceHeader)['Root'] ?? '');
		const fn = segments.find((segment) => segment.origin === 'AWS::Lambda::Function');
		assert.deepEqual(
			fn?.subsegments?.map((subsegment) => subsegment.name),
			['Invocation', 'Overhead'],
		);
		const invocation = fn?.subsegments?.[0];
		assert.ok(Math.abs(ms(invocation) - (warm?.report.durationMs ?? 0)) <= 0.01, `Invocation ${ms(invocation)} ms, REPORT Duration ${warm?.report.durationMs} ms`);
	});

	it('marks a function error as a fault of the function, the service answering 200', async () => {
		const failed = invoked[2];
		assert.equal(failed?.functionError, 'Unhandled');
		const id = headerParts(failed?.traceHeader)['Root'] ?? '';
		const [summary] = await summaries('service("traced") AND fault');
		assert.equal(summary?.Id, id);
		assert.equal(summary?.HasFault, true);
		assert.equal(summary?.HasError, false);
		assert.equal(summary?.HasThrottle, false);
		assert.equal(summary?.Http?.HttpStatus, 200);
		assert.deepEqual(summary?.FaultRootCauses?.[0]?.Services?.[0]?.EntityPath?.[1], {Name: 'Invocation', Exceptions: [{Name: 'RangeError', Message: 'the basket is empty'}]});
		const segments = await traceOf(id);
		const [service, fn] = segments;
		assert.equal(service?.fault, undefined);
		assert.equal(service?.http?.response?.status, 200);
		assert.equal(fn?.fault, true);
		const invocation = fn?.subsegments?.find((subsegment) => subsegment.name === 'Invocation');
		assert.equal(invocation?.fault, true);
		assert.deepEqual(
			invocation?.cause?.exceptions?.map((exception) => [exception.type, exception.message]),
			[['RangeError', 'the basket is empty']],
		);
		assert.deepEqual(await summaries('service("traced") AND error'), []);
		assert.equal((await summaries('service("traced") AND ok')).length, 2);
		assert.equal((await summaries('service("traced") AND responsetime > 0 AND !fault')).length, 2);
	});

	it('records a throttled request as a 429 of the Lambda service, with no function segment', async () => {
		await harness.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'held', ReservedConcurrentExecutions: 0}));
		await rejectsWith(harness.lambda.send(new InvokeCommand({FunctionName: 'held', Payload: Buffer.from('{}')})), 'TooManyRequestsException', /Rate Exceeded/, 429);
		const [summary] = await summaries('service("held")');
		assert.equal(summary?.HasThrottle, true);
		assert.equal(summary?.HasError, true);
		assert.equal(summary?.Http?.HttpStatus, 429);
		const segments = await traceOf(summary?.Id ?? '');
		assert.deepEqual(
			segments.map((segment) => [segment.origin, segment.http?.response?.status, segment.throttle, segment.error]),
			[['AWS::Lambda', 429, true, true]],
		);
	});

	it('records nothing for a function with PassThrough tracing', async () => {
		const plain = await invoke('untraced', {});
		assert.equal(headerParts(plain.traceHeader)['Sampled'], '0');
		assert.deepEqual(await summaries('service("untraced")'), []);
		const everything = await summaries('');
		assert.ok(everything.every((summary) => summary.ServiceIds?.every((service) => service.Name !== 'untraced')));
		const unknown = await xray.send(new BatchGetTracesCommand({TraceIds: [headerParts(plain.traceHeader)['Root'] ?? '1-00000000-000000000000000000000000']}));
		assert.deepEqual(unknown.Traces, []);
		assert.equal(unknown.UnprocessedTraceIds?.length, 1);
	});

	it('lists the traces and draws a timeline with the console code', async () => {
		const rows = await listTraces(xray, 'traced', {start: since, end: new Date(Date.now() + 60_000)});
		assert.deepEqual(
			rows.map((row) => [row.id, row.status, row.httpStatus, row.coldStart]),
			[...invoked].reverse().map((invocation, index) => [headerParts(invocation.traceHeader)['Root'], index === 0 ? 'fault' : 'ok', 200, index === 2]),
		);
		for (const row of rows) {
			assert.ok(row.durationMs > 0 && row.responseTimeMs !== undefined && row.responseTimeMs > 0);
			assert.ok(row.startTime.getTime() >= since.getTime());
		}
		const cold = rows[2];
		const timeline = await getTimeline(xray, cold?.id ?? '');
		assert.deepEqual(
			timeline.map((row) => [row.depth, row.name, row.origin]),
			[
				[0, 'traced', 'AWS::Lambda'],
				[0, 'traced', 'AWS::Lambda::Function'],
				[1, 'Initialization', undefined],
				[1, 'Invocation', undefined],
				[1, 'Overhead', undefined],
			],
		);
		assert.equal(timeline[0]?.startMs, 0);
		assert.ok(Math.abs((timeline[3]?.durationMs ?? 0) - (invoked[0]?.report.durationMs ?? 0)) <= 0.01);
		const failed = await getTimeline(xray, rows[0]?.id ?? '');
		assert.deepEqual(
			failed.map((row) => row.status),
			['ok', 'fault', 'fault', 'ok'],
		);
		assert.deepEqual(await listTraces(xray, 'untraced', {start: since, end: new Date(Date.now() + 60_000)}), []);
	});

	it('keeps the traces across a restart', async () => {
		const before = await summaries('service("traced")');
		const documents = await traceOf(before[0]?.Id ?? '');
		xray.destroy();
		await harness.close();
		harness = await startHarness({dataDir, transitionDelayMs: 50});
		xray = connect();
		const after = await summaries('service("traced")');
		assert.deepEqual(
			after.map((summary) => [summary.Id, summary.HasFault, summary.Duration]),
			before.map((summary) => [summary.Id, summary.HasFault, summary.Duration]),
		);
		assert.deepEqual(await traceOf(before[0]?.Id ?? ''), documents);
	});
});
