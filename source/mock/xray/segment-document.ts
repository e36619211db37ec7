// X-Ray segment documents (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html):
// reading one (as PutTraceSegments and the store get them, JSON text) into
// the fields the local X-Ray indexes and filters on, with the checks X-Ray
// makes on the required fields: name, id (16 hex digits), trace_id
// ("1-<8 hex epoch seconds>-<24 hex>"), start_time, and end_time or
// in_progress; a subsegment sent on its own also has type "subsegment" and
// parent_id. The document itself is kept as it came.

export type JsonObject = Record<string, unknown>;

export const traceIdPattern = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
export const segmentIdPattern = /^[0-9a-f]{16}$/;

export interface ExceptionFacts {
	type: string;
	message: string;
}

/** What the local X-Ray reads from a segment or subsegment (and from its nested subsegments). */
export interface SegmentFacts {
	id: string;
	name: string;
	/** Epoch seconds. */
	start: number;
	/** Epoch seconds; undefined while in progress. */
	end: number | undefined;
	error: boolean;
	fault: boolean;
	throttle: boolean;
	/** The nested subsegments, as far as they are readable. */
	children: SegmentFacts[];
	exceptions: ExceptionFacts[];
}

export interface SegmentRecord extends SegmentFacts {
	traceId: string;
	/** Set for a subsegment sent as its own document. */
	parentId: string | undefined;
	isSubsegment: boolean;
	origin: string | undefined;
	resourceArn: string | undefined;
	accountId: string | undefined;
	user: string | undefined;
	http: {status?: number; method?: string; url?: string; userAgent?: string; clientIp?: string};
	annotations: Record<string, string | number | boolean>;
	/** The document as it was sent. */
	document: string;
}

export function objectOf(value: unknown): JsonObject | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

function finite(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function exceptionsOf(fields: JsonObject): ExceptionFacts[] {
	const cause = objectOf(fields['cause']);
	const list = cause?.['exceptions'];
	if (!Array.isArray(list)) return [];
	const exceptions: ExceptionFacts[] = [];
	for (const entry of list) {
		const exception = objectOf(entry);
		if (exception === undefined) continue;
		exceptions.push({type: text(exception['type']) ?? '', message: text(exception['message']) ?? ''});
	}
	return exceptions;
}

/** The facts of a (sub)segment object; undefined when it lacks a name or a start time. */
function factsOf(fields: JsonObject): SegmentFacts | undefined {
	const name = text(fields['name']);
	const start = finite(fields['start_time']);
	if (name === undefined || start === undefined) return undefined;
	const end = finite(fields['end_time']);
	const children: SegmentFacts[] = [];
	const subsegments = fields['subsegments'];
	if (Array.isArray(subsegments)) {
		for (const subsegment of subsegments) {
			const child = objectOf(subsegment);
			const facts = child === undefined ? undefined : factsOf(child);
			if (facts !== undefined) children.push(facts);
		}
	}
	return {
		id: text(fields['id']) ?? '',
		name,
		start,
		end: end !== undefined && end >= start ? end : undefined,
		error: fields['error'] === true,
		fault: fields['fault'] === true,
		throttle: fields['throttle'] === true,
		children,
		exceptions: exceptionsOf(fields),
	};
}

function annotationsOf(fields: JsonObject): Record<string, string | number | boolean> {
	const annotations: Record<string, string | number | boolean> = {};
	const given = objectOf(fields['annotations']);
	if (given === undefined) return annotations;
	for (const [key, value] of Object.entries(given)) {
		if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) annotations[key] = value;
	}
	return annotations;
}

export type SegmentReading = {ok: true; segment: SegmentRecord} | {ok: false; id: string | undefined; message: string};

/** Reads one segment document (JSON text), checking the fields X-Ray requires. */
export function readSegmentDocument(document: string): SegmentReading {
	let value: unknown;
	try {
		value = JSON.parse(document);
	} catch (error) {
		return {ok: false, id: undefined, message: `The segment document is not valid JSON: ${(error as Error).message}`};
	}
	const fields = objectOf(value);
	if (fields === undefined) return {ok: false, id: undefined, message: 'The segment document is not a JSON object'};
	const id = text(fields['id']);
	const problem = (message: string): SegmentReading => ({ok: false, id, message});
	if (id === undefined || !segmentIdPattern.test(id)) return problem('The segment id must be 16 hexadecimal digits');
	const name = text(fields['name']);
	if (name === undefined || name.length === 0 || name.length > 200) return problem('The segment name must be 1 to 200 characters');
	const traceId = text(fields['trace_id']);
	if (traceId === undefined || !traceIdPattern.test(traceId)) return problem('The trace_id must be of the form 1-<8 hex digits>-<24 hex digits>');
	if (finite(fields['start_time']) === undefined) return problem('The segment has no start_time');
	if (finite(fields['end_time']) === undefined && fields['in_progress'] !== true) return problem('The segment has neither end_time nor in_progress');
	const isSubsegment = fields['type'] === 'subsegment';
	const parentId = text(fields['parent_id']);
	if (isSubsegment && (parentId === undefined || !segmentIdPattern.test(parentId))) return problem('A subsegment needs the parent_id of its segment');
	const facts = factsOf(fields);
	if (facts === undefined) return problem('The segment has no start_time');
	const http = objectOf(fields['http']);
	const request = objectOf(http?.['request']);
	const response = objectOf(http?.['response']);
	const aws = objectOf(fields['aws']);
	const httpFacts: SegmentRecord['http'] = {};
	const status = finite(response?.['status']);
	if (status !== undefined) httpFacts.status = status;
	const method = text(request?.['method']);
	if (method !== undefined) httpFacts.method = method;
	const url = text(request?.['url']);
	if (url !== undefined) httpFacts.url = url;
	const userAgent = text(request?.['user_agent']);
	if (userAgent !== undefined) httpFacts.userAgent = userAgent;
	const clientIp = text(request?.['client_ip']);
	if (clientIp !== undefined) httpFacts.clientIp = clientIp;
	return {
		ok: true,
		segment: {
			...facts,
			traceId,
			parentId,
			isSubsegment,
			origin: text(fields['origin']),
			resourceArn: text(fields['resource_arn']) ?? text(aws?.['function_arn']),
			accountId: text(aws?.['account_id']),
			user: text(fields['user']),
			http: httpFacts,
			annotations: annotationsOf(fields),
			document,
		},
	};
}

/** Epoch seconds of a trace id's first part. */
export function traceIdEpochSeconds(traceId: string): number {
	return Number.parseInt(traceId.slice(2, 10), 16);
}
