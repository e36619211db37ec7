// A function's X-Ray traces, for the Monitor tab: the list (GetTraceSummaries
// with a filter on the function's service, every page, newest first) and one
// trace's timeline (BatchGetTraces, drawn by domain/trace-timeline.ts). The
// X-Ray SDK module is loaded on first use.
//
// A summary does not say whether the invocation was a cold start: the
// Powertools annotation ColdStart says so when the function sets it;
// otherwise the traces are read (BatchGetTraces, 5 at a time, as X-Ray
// allows) and a cold start is one whose function segment has an
// Initialization subsegment, as Lambda records it.

import type {TraceSummary, XRayClient} from '@aws-sdk/client-xray';
import {statusOf, timelineOf, type TimelineRow, type TraceSummaryRow} from '../domain/trace-timeline.js';
import {loadSdk} from './clients.js';

const sdk = (): Promise<typeof import('@aws-sdk/client-xray')> => loadSdk(import('@aws-sdk/client-xray'));

/** The traces listed at most (the newest pages are read first). */
const summariesMax = 1000;
/** Traces read for their Initialization subsegment (cold start) when no annotation says it: the newest. */
const coldStartLookupsMax = 50;
/** BatchGetTraces takes at most this many trace ids. */
const batchMax = 5;
/** Batches read at once. */
const batchesInFlight = 4;

/** The filter expression that selects a function's traces: the service named after it (its AWS::Lambda and AWS::Lambda::Function segments). */
export function functionFilter(functionName: string): string {
	return `service(${JSON.stringify(functionName)})`;
}

function coldStartAnnotation(summary: TraceSummary): boolean | undefined {
	for (const value of summary.Annotations?.['ColdStart'] ?? []) {
		const annotation = value.AnnotationValue;
		if (annotation?.BooleanValue !== undefined) return annotation.BooleanValue;
	}
	return undefined;
}

/** Whether the trace's segments (BatchGetTraces' documents) hold a function segment with an Initialization subsegment. */
export function hasInitialization(documents: readonly string[]): boolean {
	const rows = timelineOf(documents);
	return rows.some((row, index) => {
		if (row.origin !== 'AWS::Lambda::Function') return false;
		for (const child of rows.slice(index + 1)) {
			if (child.depth === 0) break;
			if (child.depth === 1 && child.name === 'Initialization') return true;
		}
		return false;
	});
}

/** The trace ids among `ids` that were cold starts. */
async function coldStarts(client: XRayClient, ids: readonly string[], signal?: AbortSignal): Promise<Set<string>> {
	const {BatchGetTracesCommand} = await sdk();
	const batches: string[][] = [];
	for (let index = 0; index < ids.length; index += batchMax) batches.push(ids.slice(index, index + batchMax));
	const cold = new Set<string>();
	const readBatch = async (batch: string[]): Promise<void> => {
		let nextToken: string | undefined;
		do {
			const output = await client.send(new BatchGetTracesCommand({TraceIds: batch, NextToken: nextToken}), {abortSignal: signal});
			for (const trace of output.Traces ?? []) {
				const documents = (trace.Segments ?? []).flatMap((segment) => (segment.Document === undefined ? [] : [segment.Document]));
				if (trace.Id !== undefined && hasInitialization(documents)) cold.add(trace.Id);
			}
			nextToken = output.NextToken;
		} while (nextToken !== undefined && nextToken !== '');
	};
	for (let index = 0; index < batches.length; index += batchesInFlight) {
		await Promise.all(batches.slice(index, index + batchesInFlight).map(readBatch));
	}
	return cold;
}

function rowOf(summary: TraceSummary & {Id: string}, coldStart: boolean): TraceSummaryRow {
	return {
		id: summary.Id,
		startTime: summary.StartTime ?? new Date(0),
		durationMs: (summary.Duration ?? 0) * 1000,
		responseTimeMs: summary.ResponseTime === undefined ? undefined : summary.ResponseTime * 1000,
		status: statusOf({fault: summary.HasFault, throttle: summary.HasThrottle, error: summary.HasError}),
		httpStatus: summary.Http?.HttpStatus,
		coldStart,
	};
}

/** The function's traces that started in the range, every page, newest first. */
export async function listTraces(client: XRayClient, functionName: string, range: {start: Date; end: Date}, signal?: AbortSignal): Promise<TraceSummaryRow[]> {
	const {GetTraceSummariesCommand} = await sdk();
	const summaries: Array<TraceSummary & {Id: string}> = [];
	const seen = new Set<string>();
	let nextToken: string | undefined;
	do {
		const output = await client.send(
			new GetTraceSummariesCommand({
				StartTime: range.start,
				EndTime: range.end,
				TimeRangeType: 'TraceId',
				FilterExpression: functionFilter(functionName),
				NextToken: nextToken,
			}),
			{abortSignal: signal},
		);
		for (const summary of output.TraceSummaries ?? []) {
			const id = summary.Id;
			if (id === undefined || seen.has(id)) continue;
			seen.add(id);
			summaries.push({...summary, Id: id});
		}
		nextToken = output.NextToken;
	} while (nextToken !== undefined && nextToken !== '' && summaries.length < summariesMax);
	// Reading traces costs calls (and, in AWS, money): only the newest are looked into for a cold start.
	const newest = [...summaries].sort((left, right) => (right.StartTime?.getTime() ?? 0) - (left.StartTime?.getTime() ?? 0)).slice(0, coldStartLookupsMax);
	const unknown = newest.filter((summary) => coldStartAnnotation(summary) === undefined).map((summary) => summary.Id);
	const cold = unknown.length === 0 ? new Set<string>() : await coldStarts(client, unknown, signal);
	return summaries
		.map((summary) => rowOf(summary, coldStartAnnotation(summary) ?? cold.has(summary.Id)))
		.sort((left, right) => right.startTime.getTime() - left.startTime.getTime() || (left.id < right.id ? 1 : left.id > right.id ? -1 : 0));
}

/** One trace's timeline: its segments and their subsegments, depth first in start order. */
export async function getTimeline(client: XRayClient, traceId: string, signal?: AbortSignal): Promise<TimelineRow[]> {
	const {BatchGetTracesCommand} = await sdk();
	const documents: string[] = [];
	let nextToken: string | undefined;
	do {
		const output = await client.send(new BatchGetTracesCommand({TraceIds: [traceId], NextToken: nextToken}), {abortSignal: signal});
		for (const trace of output.Traces ?? []) {
			for (const segment of trace.Segments ?? []) if (segment.Document !== undefined) documents.push(segment.Document);
		}
		nextToken = output.NextToken;
	} while (nextToken !== undefined && nextToken !== '');
	return timelineOf(documents);
}
