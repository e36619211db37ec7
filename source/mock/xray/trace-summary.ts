// What X-Ray derives from a trace's segment documents: the facts filter
// expressions look at, and the TraceSummary GetTraceSummaries returns (the
// API reference's TraceSummary: Id, StartTime, Duration, ResponseTime, the
// Has* flags, Http of the root segment, ServiceIds, ResourceARNs, EntryPoint,
// Users, Annotations, and the fault and error root causes).
//
// The root segment is the segment no other segment is the parent of (the
// earliest if there are several). HasFault and HasError are set when any
// segment or subsegment of the trace has the flag, as X-Ray's trace list
// shows a Lambda function error (fault on the function segment, behind the
// Lambda service's 200 response); HasThrottle when any has a throttle;
// IsPartial when one is still in progress. Times are epoch seconds.

import type {TraceFacts} from './filter-expression.js';
import type {JsonObject, SegmentFacts, SegmentRecord} from './segment-document.js';
import type {StoredTrace} from './trace-store.js';

export interface TraceView {
	id: string;
	/** Epoch seconds: the earliest start. */
	start: number;
	/** Epoch seconds: the last end (or start, while in progress). */
	end: number;
	/** Epoch ms: when a segment of it last arrived. */
	updatedAt: number;
	/** Epoch seconds: when each of its segments ended. */
	segmentEnds: number[];
	root: SegmentRecord;
	facts: TraceFacts;
	/** The segments (not subsegments sent on their own). */
	segments: SegmentRecord[];
}

function eachFacts(facts: SegmentFacts, visit: (facts: SegmentFacts) => void): void {
	visit(facts);
	for (const child of facts.children) eachFacts(child, visit);
}

function rootOf(segments: readonly SegmentRecord[]): SegmentRecord | undefined {
	const top = segments.filter((segment) => !segment.isSubsegment);
	const ids = new Set(top.map((segment) => segment.id));
	const roots = top.filter((segment) => segment.parentId === undefined || !ids.has(segment.parentId));
	const candidates = roots.length > 0 ? roots : top;
	return [...candidates].sort((left, right) => left.start - right.start)[0];
}

/** The view of a trace, or undefined when it holds no segment yet (only subsegments). */
export function viewOf(trace: StoredTrace): TraceView | undefined {
	const root = rootOf(trace.segments);
	if (root === undefined) return undefined;
	let start = Number.POSITIVE_INFINITY;
	let end = Number.NEGATIVE_INFINITY;
	let hasFault = false;
	let hasError = false;
	let hasThrottle = false;
	let isPartial = false;
	const annotations: TraceFacts['annotations'] = [];
	for (const segment of trace.segments) {
		eachFacts(segment, (facts) => {
			start = Math.min(start, facts.start);
			end = Math.max(end, facts.end ?? facts.start);
			hasFault ||= facts.fault;
			hasError ||= facts.error;
			hasThrottle ||= facts.throttle;
		});
		if (segment.end === undefined) isPartial = true;
		for (const [key, value] of Object.entries(segment.annotations)) annotations.push({key, value});
	}
	const segments = trace.segments.filter((segment) => !segment.isSubsegment);
	const services: TraceFacts['services'] = [];
	for (const segment of segments) {
		if (!services.some((service) => service.name === segment.name && service.type === segment.origin)) services.push({name: segment.name, type: segment.origin});
	}
	const facts: TraceFacts = {
		hasFault,
		hasError,
		hasThrottle,
		isPartial,
		responseTime: root.end === undefined ? undefined : root.end - root.start,
		duration: end - start,
		http: root.http,
		services,
		resourceArns: [...new Set(trace.segments.flatMap((segment) => (segment.resourceArn === undefined ? [] : [segment.resourceArn])))],
		users: [...new Set(trace.segments.flatMap((segment) => (segment.user === undefined ? [] : [segment.user])))],
		annotations,
	};
	return {
		id: trace.id,
		start,
		end,
		updatedAt: trace.updatedAt,
		segmentEnds: trace.segments.map((segment) => segment.end ?? segment.start),
		root,
		facts,
		segments,
	};
}

function serviceId(segment: SegmentRecord): JsonObject {
	const id: JsonObject = {Name: segment.name, Names: [segment.name]};
	if (segment.accountId !== undefined) id['AccountId'] = segment.accountId;
	if (segment.origin !== undefined) id['Type'] = segment.origin;
	return id;
}

/** The path from a segment down to the deepest (sub)segment with the flag, each with the exceptions it recorded. */
function entityPath(segment: SegmentFacts, flagged: (facts: SegmentFacts) => boolean): JsonObject[] {
	const path: JsonObject[] = [];
	let current: SegmentFacts | undefined = segment;
	while (current !== undefined) {
		const entity: JsonObject = {Name: current.name};
		if (current.exceptions.length > 0) entity['Exceptions'] = current.exceptions.map((exception) => ({Name: exception.type, Message: exception.message}));
		path.push(entity);
		current = current.children.find(flagged);
	}
	return path;
}

function rootCauses(view: TraceView, flagged: (facts: SegmentFacts) => boolean): JsonObject[] {
	const causes: JsonObject[] = [];
	for (const segment of view.segments) {
		let any = false;
		eachFacts(segment, (facts) => {
			any ||= flagged(facts);
		});
		if (!any) continue;
		causes.push({
			Services: [{...serviceId(segment), EntityPath: entityPath(segment, (facts) => {
				let inside = false;
				eachFacts(facts, (nested) => {
					inside ||= flagged(nested);
				});
				return inside;
			}), Inferred: false}],
			ClientImpacting: segment === view.root,
		});
	}
	return causes;
}

/** The TraceSummary of a trace, as GetTraceSummaries returns it. */
export function summaryOf(view: TraceView): JsonObject {
	const {facts, root} = view;
	const http: JsonObject = {};
	if (facts.http.url !== undefined) http['HttpURL'] = facts.http.url;
	if (facts.http.status !== undefined) http['HttpStatus'] = facts.http.status;
	if (facts.http.method !== undefined) http['HttpMethod'] = facts.http.method;
	if (facts.http.userAgent !== undefined) http['UserAgent'] = facts.http.userAgent;
	if (facts.http.clientIp !== undefined) http['ClientIp'] = facts.http.clientIp;
	const annotations: Record<string, JsonObject[]> = {};
	for (const {key, value} of facts.annotations) {
		const annotationValue = typeof value === 'string' ? {StringValue: value} : typeof value === 'number' ? {NumberValue: value} : {BooleanValue: value};
		(annotations[key] ??= []).push({AnnotationValue: annotationValue, ServiceIds: [serviceId(root)]});
	}
	const summary: JsonObject = {
		Id: view.id,
		StartTime: view.start,
		Duration: round(facts.duration),
		HasFault: facts.hasFault,
		HasError: facts.hasError,
		HasThrottle: facts.hasThrottle,
		IsPartial: facts.isPartial,
		Http: http,
		Annotations: annotations,
		Users: facts.users.map((user) => ({UserName: user, ServiceIds: [serviceId(root)]})),
		ServiceIds: view.segments
			.filter((segment, index, all) => all.findIndex((other) => other.name === segment.name && other.origin === segment.origin) === index)
			.map(serviceId),
		ResourceARNs: facts.resourceArns.map((arn) => ({ARN: arn})),
		InstanceIds: [],
		AvailabilityZones: [],
		EntryPoint: serviceId(root),
		FaultRootCauses: rootCauses(view, (segment) => segment.fault),
		ErrorRootCauses: rootCauses(view, (segment) => segment.error && !segment.throttle),
		ResponseTimeRootCauses: [],
		Revision: view.segments.length,
	};
	if (facts.responseTime !== undefined) summary['ResponseTime'] = round(facts.responseTime);
	return summary;
}

/** Seconds to the microsecond, as X-Ray reports them. */
function round(seconds: number): number {
	return Math.round(seconds * 1e6) / 1e6;
}
