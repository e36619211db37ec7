// The X-Ray operations the local X-Ray answers (restJson1, as in the API
// reference): GetTraceSummaries (POST /TraceSummaries), BatchGetTraces
// (POST /Traces) and PutTraceSegments (POST /TraceSegments). Timestamps are
// epoch seconds on the wire, both ways.
//
// GetTraceSummaries: StartTime and EndTime are required; TimeRangeType picks
// what falls in the range (TraceId, the default: the trace's start; Event:
// when a segment of it last arrived; Service: when one of its segments
// ended); FilterExpression as filter-expression.ts reads it; Sampling and
// SamplingStrategy are accepted and ignored (every trace is returned). Pages
// hold the newest traces first, `pageSize` at most, with a NextToken for the
// rest.
//
// BatchGetTraces: 1 to 5 trace ids (as AWS limits), each 1 to 35 characters;
// an id with no trace is listed in UnprocessedTraceIds. A subsegment sent on
// its own document is returned inside the segment it belongs to.

import {jsonObjectOf} from '../json-body.js';
import {invalidRequest} from './errors.js';
import {parseFilterExpression} from './filter-expression.js';
import {objectOf, readSegmentDocument, type JsonObject, type SegmentRecord} from './segment-document.js';
import {summaryOf, viewOf, type TraceView} from './trace-summary.js';
import type {StoredTrace, TraceStore} from './trace-store.js';

export interface XRayContext {
	store: TraceStore;
	/** Epoch ms. */
	now(): number;
	/** Trace summaries per page. */
	pageSize: number;
}

export interface XRayReply {
	status: number;
	body: JsonObject;
}

const timeRangeTypes = ['TraceId', 'Event', 'Service'];
const batchTraceIdsMax = 5;
const traceIdLengthMax = 35;
const segmentDocumentsMax = 1000;

export function parseRequest(body: Buffer): JsonObject {
	return jsonObjectOf(body, (problem) =>
		invalidRequest(problem.kind === 'syntax' ? `Could not parse the request body as JSON: ${problem.detail}` : 'The request body must be a JSON object'),
	);
}

function requiredTime(request: JsonObject, member: string, wire: string): number {
	const value = request[member];
	if (value === undefined || value === null) {
		throw invalidRequest(`1 validation error detected: Value null at '${wire}' failed to satisfy constraint: Member must not be null`);
	}
	if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidRequest(`${member} must be a timestamp in epoch seconds`);
	return value;
}

function optionalString(request: JsonObject, member: string): string | undefined {
	const value = request[member];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw invalidRequest(`${member} must be a string`);
	return value;
}

interface PageToken {
	/** The start of the last trace of the previous page, and its id. */
	start: number;
	id: string;
}

function encodeToken(token: PageToken): string {
	return Buffer.from(JSON.stringify([token.start, token.id]), 'utf8').toString('base64');
}

function decodeToken(text: string): PageToken {
	try {
		const value: unknown = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
		if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'string') return {start: value[0], id: value[1]};
	} catch {
		// Reported below.
	}
	throw invalidRequest('The NextToken is not valid');
}

/** Newest first; traces that started at the same time by id. */
function newestFirst(left: TraceView, right: TraceView): number {
	if (left.start !== right.start) return right.start - left.start;
	return left.id < right.id ? 1 : left.id > right.id ? -1 : 0;
}

function inRange(view: TraceView, type: string, start: number, end: number): boolean {
	switch (type) {
		case 'Event':
			return view.updatedAt / 1000 >= start && view.updatedAt / 1000 <= end;
		case 'Service':
			return view.segmentEnds.some((segmentEnd) => segmentEnd >= start && segmentEnd <= end);
		default:
			return view.start >= start && view.start <= end;
	}
}

export function getTraceSummaries(context: XRayContext, body: Buffer): XRayReply {
	const request = parseRequest(body);
	const start = requiredTime(request, 'StartTime', 'startTime');
	const end = requiredTime(request, 'EndTime', 'endTime');
	const timeRangeType = optionalString(request, 'TimeRangeType') ?? 'TraceId';
	if (!timeRangeTypes.includes(timeRangeType)) {
		throw invalidRequest(
			`1 validation error detected: Value '${timeRangeType}' at 'timeRangeType' failed to satisfy constraint: Member must satisfy enum value set: [${timeRangeTypes.join(', ')}]`,
		);
	}
	if (start > end) throw invalidRequest('The start time must not be after the end time');
	const predicate = parseFilterExpression(optionalString(request, 'FilterExpression') ?? '');
	const nextToken = optionalString(request, 'NextToken');
	const after = nextToken === undefined || nextToken === '' ? undefined : decodeToken(nextToken);
	const views: TraceView[] = [];
	for (const trace of context.store.all()) {
		const view = viewOf(trace);
		if (view !== undefined && inRange(view, timeRangeType, start, end)) views.push(view);
	}
	const matching = views.filter((view) => predicate(view.facts)).sort(newestFirst);
	const remaining =
		after === undefined
			? matching
			: matching.filter((view) => view.start < after.start || (view.start === after.start && view.id < after.id));
	const page = remaining.slice(0, context.pageSize);
	const reply: JsonObject = {
		TraceSummaries: page.map(summaryOf),
		ApproximateTime: after?.start ?? end,
		TracesProcessedCount: views.length,
	};
	const last = page[page.length - 1];
	if (remaining.length > page.length && last !== undefined) reply['NextToken'] = encodeToken({start: last.start, id: last.id});
	return {status: 200, body: reply};
}

/** The subsegment object with this id in a segment object's subsegments, at any depth. */
function findSubsegment(parent: JsonObject, id: string): JsonObject | undefined {
	if (parent['id'] === id) return parent;
	const children = parent['subsegments'];
	if (!Array.isArray(children)) return undefined;
	for (const child of children) {
		const object = objectOf(child);
		const found = object === undefined ? undefined : findSubsegment(object, id);
		if (found !== undefined) return found;
	}
	return undefined;
}

/** A trace as BatchGetTraces returns it: its segments, with the subsegments sent on their own put inside them. */
function traceOf(trace: StoredTrace, view: TraceView | undefined): JsonObject {
	const segments = trace.segments.filter((segment) => !segment.isSubsegment);
	const detached = trace.segments.filter((segment) => segment.isSubsegment);
	const documents = new Map<SegmentRecord, string>(segments.map((segment) => [segment, segment.document]));
	if (detached.length > 0) {
		const objects = new Map<SegmentRecord, JsonObject>();
		for (const segment of segments) {
			const object = objectOf(JSON.parse(segment.document));
			if (object !== undefined) objects.set(segment, object);
		}
		const changed = new Set<SegmentRecord>();
		for (const subsegment of detached) {
			for (const [segment, object] of objects) {
				const parent = subsegment.parentId === undefined ? undefined : findSubsegment(object, subsegment.parentId);
				if (parent === undefined) continue;
				const child = objectOf(JSON.parse(subsegment.document));
				if (child === undefined) break;
				delete child['type'];
				delete child['parent_id'];
				delete child['trace_id'];
				const list = Array.isArray(parent['subsegments']) ? parent['subsegments'] : [];
				parent['subsegments'] = [...list, child];
				changed.add(segment);
				break;
			}
		}
		for (const segment of changed) documents.set(segment, JSON.stringify(objects.get(segment)));
	}
	return {
		Id: trace.id,
		Duration: view === undefined ? 0 : Math.round((view.end - view.start) * 1e6) / 1e6,
		LimitExceeded: false,
		Segments: segments.map((segment) => ({Id: segment.id, Document: documents.get(segment) ?? segment.document})),
	};
}

export function batchGetTraces(context: XRayContext, body: Buffer): XRayReply {
	const request = parseRequest(body);
	const ids = request['TraceIds'];
	if (ids === undefined || ids === null) {
		throw invalidRequest(`1 validation error detected: Value null at 'traceIds' failed to satisfy constraint: Member must not be null`);
	}
	if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string')) throw invalidRequest('TraceIds must be a list of strings');
	if (ids.length < 1 || ids.length > batchTraceIdsMax) {
		throw invalidRequest(
			`1 validation error detected: Value '[${ids.join(', ')}]' at 'traceIds' failed to satisfy constraint: Member must have length ${ids.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${batchTraceIdsMax}`}`,
		);
	}
	const tooLong = ids.find((id) => id.length < 1 || id.length > traceIdLengthMax);
	if (tooLong !== undefined) {
		throw invalidRequest(
			`1 validation error detected: Value '[${ids.join(', ')}]' at 'traceIds' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to ${traceIdLengthMax}, Member must have length greater than or equal to 1]`,
		);
	}
	const traces: JsonObject[] = [];
	const unprocessed: string[] = [];
	for (const id of new Set(ids)) {
		const trace = context.store.get(id);
		const view = trace === undefined ? undefined : viewOf(trace);
		if (trace === undefined || view === undefined) unprocessed.push(id);
		else traces.push(traceOf(trace, view));
	}
	return {status: 200, body: {Traces: traces, UnprocessedTraceIds: unprocessed}};
}

export async function putTraceSegments(context: XRayContext, body: Buffer): Promise<XRayReply> {
	const request = parseRequest(body);
	const documents = request['TraceSegmentDocuments'];
	if (documents === undefined || documents === null) {
		throw invalidRequest(`1 validation error detected: Value null at 'traceSegmentDocuments' failed to satisfy constraint: Member must not be null`);
	}
	if (!Array.isArray(documents) || !documents.every((document): document is string => typeof document === 'string')) {
		throw invalidRequest('TraceSegmentDocuments must be a list of strings');
	}
	if (documents.length > segmentDocumentsMax) throw invalidRequest(`At most ${segmentDocumentsMax} segment documents can be sent at once`);
	const accepted: SegmentRecord[] = [];
	const unprocessed: JsonObject[] = [];
	for (const document of documents) {
		const reading = readSegmentDocument(document);
		if (reading.ok) {
			accepted.push(reading.segment);
			continue;
		}
		const entry: JsonObject = {ErrorCode: 'InvalidSegment', Message: reading.message};
		if (reading.id !== undefined) entry['Id'] = reading.id;
		unprocessed.push(entry);
	}
	if (accepted.length > 0) await context.store.put(accepted, context.now());
	return {status: 200, body: {UnprocessedTraceSegments: unprocessed}};
}
