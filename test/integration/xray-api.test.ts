// The local X-Ray API through the real @aws-sdk/client-xray: PutTraceSegments
// (valid and refused documents, a segment completed later, subsegments sent on
// their own), GetTraceSummaries (pages newest first, time range types,
// filters), BatchGetTraces (limits, unknown ids), X-Ray's error shapes, the
// console's listTraces over several pages, and persistence across a restart.

import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {BatchGetTracesCommand, GetTraceSummariesCommand, PutTraceSegmentsCommand, XRayClient, type TraceSummary} from '@aws-sdk/client-xray';
import {getTimeline, listTraces} from '../../source/aws/traces.js';
import {credentials, rejectsWith, startHarness, type Harness} from './harness.js';

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
const traceIdAt = (epochSeconds: number): string => `1-${Math.floor(epochSeconds).toString(16).padStart(8, '0')}-${hex(12)}`;

const now = Date.now() / 1000;
/** The batch of traces: an hour ago, one a second. */
const batchStart = Math.floor(now) - 3600;
const batchSize = 250;

interface BatchTrace {
	id: string;
	start: number;
	coldStart: boolean;
	/** Its segment says ColdStart in an annotation (as Powertools does): no trace needs reading. */
	annotated: boolean;
}

/** Trace i of the batch: a function segment of "batch", cold (Initialization) when i % 3 = 0, with a ColdStart annotation on even i saying i % 4 = 0. */
function batchTrace(index: number): {trace: BatchTrace; document: string} {
	const start = batchStart + index;
	const id = traceIdAt(start);
	const subsegments = [
		...(index % 3 === 0 ? [{id: hex(8), name: 'Initialization', start_time: start, end_time: start + 0.2}] : []),
		{id: hex(8), name: 'Invocation', start_time: start + 0.2, end_time: start + 0.3},
	];
	const segment: Record<string, unknown> = {
		id: hex(8),
		trace_id: id,
		name: 'batch',
		origin: 'AWS::Lambda::Function',
		start_time: start,
		end_time: start + 0.3,
		subsegments,
	};
	if (index % 2 === 0) segment['annotations'] = {ColdStart: index % 4 === 0};
	return {trace: {id, start, coldStart: index % 2 === 0 ? index % 4 === 0 : index % 3 === 0, annotated: index % 2 === 0}, document: JSON.stringify(segment)};
}

describe('the local X-Ray API through the SDK', () => {
	let harness: Harness;
	let dataDir: string;
	let xray: XRayClient;
	const batch: BatchTrace[] = [];

	const connect = (): XRayClient => new XRayClient({endpoint: harness.server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1});

	const allPages = async (input: {StartTime: Date; EndTime: Date; TimeRangeType?: 'TraceId' | 'Event' | 'Service'; FilterExpression?: string}): Promise<{pages: number; summaries: TraceSummary[]}> => {
		const summaries: TraceSummary[] = [];
		let pages = 0;
		let token: string | undefined;
		do {
			const output = await xray.send(new GetTraceSummariesCommand({...input, NextToken: token}));
			pages += 1;
			summaries.push(...(output.TraceSummaries ?? []));
			token = output.NextToken;
		} while (token !== undefined);
		return {pages, summaries};
	};

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-xray-api-'));
		harness = await startHarness({dataDir});
		xray = connect();
		const documents: string[] = [];
		for (let index = 0; index < batchSize; index += 1) {
			const {trace, document} = batchTrace(index);
			batch.push(trace);
			documents.push(document);
		}
		const output = await xray.send(new PutTraceSegmentsCommand({TraceSegmentDocuments: documents}));
		assert.deepEqual(output.UnprocessedTraceSegments, []);
	});
	after(async () => {
		xray.destroy();
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('pages the summaries newest first, 100 to a page', async () => {
		const {pages, summaries} = await allPages({StartTime: new Date((batchStart - 10) * 1000), EndTime: new Date(Date.now() + 60_000)});
		assert.equal(pages, 3);
		assert.deepEqual(
			summaries.map((summary) => summary.Id),
			[...batch].reverse().map((trace) => trace.id),
		);
		const first = summaries[0];
		assert.equal(first?.StartTime?.getTime(), (batchStart + batchSize - 1) * 1000);
		assert.ok(Math.abs((first?.Duration ?? 0) - 0.3) < 1e-6);
		assert.equal(first?.HasFault, false);
		assert.deepEqual(first?.EntryPoint, {Name: 'batch', Names: ['batch'], Type: 'AWS::Lambda::Function'});
	});

	it('selects by time range: the trace start, or when its segments arrived or ended', async () => {
		const lastTen = await allPages({StartTime: new Date((batchStart + batchSize - 10) * 1000), EndTime: new Date((batchStart + batchSize) * 1000)});
		assert.equal(lastTen.summaries.length, 10);
		const recent = {StartTime: new Date(Date.now() - 300_000), EndTime: new Date(Date.now() + 60_000)};
		assert.equal((await allPages(recent)).summaries.length, 0);
		assert.equal((await allPages({...recent, TimeRangeType: 'Event'})).summaries.length, batchSize);
		const ended = await allPages({StartTime: new Date((batchStart + 0.25) * 1000), EndTime: new Date((batchStart + 0.35) * 1000), TimeRangeType: 'Service'});
		assert.deepEqual(
			ended.summaries.map((summary) => summary.Id),
			[batch[0]?.id],
		);
	});

	it('filters by annotation and service', async () => {
		const range = {StartTime: new Date((batchStart - 10) * 1000), EndTime: new Date(Date.now() + 60_000)};
		assert.equal((await allPages({...range, FilterExpression: 'annotation.ColdStart = true'})).summaries.length, Math.ceil(batchSize / 4));
		assert.equal((await allPages({...range, FilterExpression: 'service("batch") AND duration > 1'})).summaries.length, 0);
		assert.equal((await allPages({...range, FilterExpression: 'service(id(name: "batch", type: "AWS::Lambda::Function"))'})).summaries.length, batchSize);
	});

	it('lists every page with the console code; the cold starts of the newest 50 are found, older ones are not read', async () => {
		const rows = await listTraces(xray, 'batch', {start: new Date((batchStart - 10) * 1000), end: new Date(Date.now() + 60_000)});
		assert.deepEqual(
			rows.map((row) => [row.id, row.coldStart, row.status]),
			[...batch].reverse().map((trace, index) => [trace.id, trace.annotated || index < 50 ? trace.coldStart : false, 'ok']),
		);
		assert.ok([...batch].reverse().slice(50).some((trace) => !trace.annotated && trace.coldStart), 'an older cold start without an annotation is not looked for');
	});

	it('keeps a segment sent in progress until it is sent complete', async () => {
		const id = traceIdAt(now);
		const segment = {id: hex(8), trace_id: id, name: 'checkout', start_time: now, in_progress: true};
		await xray.send(new PutTraceSegmentsCommand({TraceSegmentDocuments: [JSON.stringify(segment)]}));
		const range = {StartTime: new Date((now - 1) * 1000), EndTime: new Date((now + 60) * 1000), FilterExpression: 'service("checkout")'};
		let [summary] = (await allPages(range)).summaries;
		assert.equal(summary?.IsPartial, true);
		assert.equal(summary?.ResponseTime, undefined);
		await xray.send(
			new PutTraceSegmentsCommand({TraceSegmentDocuments: [JSON.stringify({...segment, in_progress: undefined, end_time: now + 1.5, http: {response: {status: 503}}, fault: true})]}),
		);
		[summary] = (await allPages(range)).summaries;
		assert.equal(summary?.IsPartial, false);
		assert.equal(summary?.ResponseTime, 1.5);
		assert.equal(summary?.HasFault, true);
		assert.equal(summary?.Http?.HttpStatus, 503);
		const traces = await xray.send(new BatchGetTracesCommand({TraceIds: [id]}));
		assert.equal(traces.Traces?.[0]?.Segments?.length, 1);
	});

	it('puts a subsegment sent on its own inside its parent', async () => {
		const id = traceIdAt(now);
		const work = hex(8);
		const segment = {id: hex(8), trace_id: id, name: 'worker', start_time: now, end_time: now + 1, subsegments: [{id: work, name: 'work', start_time: now + 0.1, end_time: now + 0.9}]};
		const detached = {id: hex(8), type: 'subsegment', parent_id: work, trace_id: id, name: 'db', namespace: 'aws', start_time: now + 0.2, end_time: now + 0.4, error: true};
		await xray.send(new PutTraceSegmentsCommand({TraceSegmentDocuments: [JSON.stringify(detached), JSON.stringify(segment)]}));
		const output = await xray.send(new BatchGetTracesCommand({TraceIds: [id]}));
		const segments = output.Traces?.[0]?.Segments ?? [];
		assert.equal(segments.length, 1);
		const document = JSON.parse(segments[0]?.Document ?? '{}') as {subsegments?: Array<{subsegments?: Array<{name?: string; error?: boolean; type?: string}>}>};
		assert.deepEqual(document.subsegments?.[0]?.subsegments?.map((subsegment) => [subsegment.name, subsegment.error, subsegment.type]), [['db', true, undefined]]);
		const timeline = await getTimeline(xray, id);
		assert.deepEqual(
			timeline.map((row) => [row.depth, row.name, row.startMs, row.durationMs, row.status]),
			[
				[0, 'worker', 0, 1000, 'ok'],
				[1, 'work', 100, 800, 'ok'],
				[2, 'db', 200, 200, 'error'],
			],
		);
	});

	it('reports the documents it refuses, and takes the rest', async () => {
		const id = traceIdAt(now);
		const good = {id: hex(8), trace_id: id, name: 'mixed', start_time: now, end_time: now + 0.1};
		const noTrace = {id: 'abcdefabcdefabcd', name: 'lost', start_time: now, end_time: now + 0.1};
		const noEnd = {id: '0123456789abcdef', trace_id: id, name: 'open', start_time: now};
		const output = await xray.send(new PutTraceSegmentsCommand({TraceSegmentDocuments: ['{not json', JSON.stringify(noTrace), JSON.stringify(noEnd), JSON.stringify(good)]}));
		assert.deepEqual(
			output.UnprocessedTraceSegments?.map((entry) => [entry.Id, entry.ErrorCode, entry.Message]),
			[
				[undefined, 'InvalidSegment', output.UnprocessedTraceSegments?.[0]?.Message],
				['abcdefabcdefabcd', 'InvalidSegment', 'The trace_id must be of the form 1-<8 hex digits>-<24 hex digits>'],
				['0123456789abcdef', 'InvalidSegment', 'The segment has neither end_time nor in_progress'],
			],
		);
		assert.match(output.UnprocessedTraceSegments?.[0]?.Message ?? '', /not valid JSON/);
		const traces = await xray.send(new BatchGetTracesCommand({TraceIds: [id]}));
		assert.deepEqual(
			traces.Traces?.[0]?.Segments?.map((segment) => segment.Id),
			[good.id],
		);
	});

	it('answers BatchGetTraces for up to 5 ids, listing the unknown ones', async () => {
		const unknown = traceIdAt(now);
		const output = await xray.send(new BatchGetTracesCommand({TraceIds: [batch[0]?.id ?? '', unknown, batch[1]?.id ?? '']}));
		assert.deepEqual(
			output.Traces?.map((trace) => [trace.Id, trace.Duration, trace.LimitExceeded]),
			[
				[batch[0]?.id, 0.3, false],
				[batch[1]?.id, 0.3, false],
			],
		);
		assert.deepEqual(output.UnprocessedTraceIds, [unknown]);
		const six = batch.slice(0, 6).map((trace) => trace.id);
		await rejectsWith(xray.send(new BatchGetTracesCommand({TraceIds: six})), 'InvalidRequestException', /Member must have length less than or equal to 5/, 400);
		await rejectsWith(xray.send(new BatchGetTracesCommand({TraceIds: []})), 'InvalidRequestException', /greater than or equal to 1/, 400);
		await rejectsWith(xray.send(new BatchGetTracesCommand({TraceIds: ['x'.repeat(36)]})), 'InvalidRequestException', /less than or equal to 35/, 400);
	});

	it('refuses bad GetTraceSummaries requests with InvalidRequestException', async () => {
		const range = {StartTime: new Date(Date.now() - 60_000), EndTime: new Date()};
		await rejectsWith(xray.send(new GetTraceSummariesCommand({...range, FilterExpression: 'edge("a", "b")'})), 'InvalidRequestException', /Unsupported filter expression keyword "edge"/, 400);
		await rejectsWith(xray.send(new GetTraceSummariesCommand({...range, FilterExpression: 'responsetime >'})), 'InvalidRequestException', /Invalid filter expression/, 400);
		await rejectsWith(
			xray.send(new GetTraceSummariesCommand({StartTime: range.EndTime, EndTime: range.StartTime})),
			'InvalidRequestException',
			'The start time must not be after the end time',
			400,
		);
		await rejectsWith(
			xray.send(new GetTraceSummariesCommand({...range, TimeRangeType: 'Bogus' as 'Event'})),
			'InvalidRequestException',
			/Member must satisfy enum value set: \[TraceId, Event, Service\]/,
			400,
		);
		await rejectsWith(xray.send(new GetTraceSummariesCommand({...range, NextToken: 'nonsense'})), 'InvalidRequestException', 'The NextToken is not valid', 400);
		const ignored = await xray.send(new GetTraceSummariesCommand({...range, Sampling: true, SamplingStrategy: {Name: 'FixedRate', Value: 0.1}}));
		assert.equal(ignored.$metadata.httpStatusCode, 200);
	});

	it('keeps what it was sent across a restart', async () => {
		xray.destroy();
		await harness.close();
		harness = await startHarness({dataDir});
		xray = connect();
		const {summaries} = await allPages({StartTime: new Date((batchStart - 10) * 1000), EndTime: new Date((batchStart + batchSize) * 1000), FilterExpression: 'service("batch")'});
		assert.deepEqual(
			summaries.map((summary) => summary.Id),
			[...batch].reverse().map((trace) => trace.id),
		);
	});
});
