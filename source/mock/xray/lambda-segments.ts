// The segments Lambda records for a traced invocation (active tracing,
// "Visualize Lambda function invocations using AWS X-Ray"): a segment for the
// Lambda service (origin AWS::Lambda: from the request's arrival to its
// response, with the HTTP status Lambda answered) and, when the function
// ran, a segment for the function (origin AWS::Lambda::Function, a child of
// the first) with the subsegments Initialization (cold starts only),
// Invocation (the handler; its id is the Parent of the trace header the
// runtime gets, so the function's own subsegments nest under it) and
// Overhead (the platform's work after the response). Both segments are named
// after the function.
//
// A function error (the function's own, a timeout, a crash) marks the
// function segment and its Invocation subsegment as a fault, with the error
// type and message as the cause, while the service's status stays 200, as
// Invoke answers. A throttled request records only the service segment, with
// status 429, error and throttle.

import {randomBytes} from 'node:crypto';
import type {JsonObject} from './segment-document.js';

/** Epoch milliseconds. */
export interface Span {
	start: number;
	end: number;
}

export interface LambdaInvocationTrace {
	/** "1-<8 hex>-<24 hex>" */
	traceId: string;
	/** The id of the Invocation subsegment: the Parent in the runtime's trace header. */
	invocationId: string;
	functionName: string;
	/** The function's ARN, unqualified. */
	functionArn: string;
	/** The ARN of what ran: qualified with the version, unless $LATEST. */
	executedArn: string;
	accountId: string;
	requestId: string;
	/** The Lambda service: from the request's arrival to the response. */
	service: Span;
	/** 200, or 429 when throttled. */
	status: number;
	/** Absent when the function did not run (throttled). */
	run?: {
		/** Cold starts only; failed when the runtime's init failed (Lambda then ran it again inside the invocation). */
		init?: Span & {failed: boolean};
		invocation: Span;
		overhead: Span;
		/** A function error: its type and message. */
		error?: {type: string; message: string};
	};
}

export function segmentId(): string {
	return randomBytes(8).toString('hex');
}

/** Epoch ms as X-Ray's epoch seconds, to the microsecond. */
function seconds(ms: number): number {
	return Math.round(ms * 1000) / 1e6;
}

function cause(error: {type: string; message: string}): JsonObject {
	return {working_directory: '/var/task', exceptions: [{id: segmentId(), message: error.message, type: error.type}]};
}

/** The segment documents (JSON text) Lambda sends for one invocation. */
export function lambdaSegmentDocuments(trace: LambdaInvocationTrace): string[] {
	const serviceSegment: JsonObject = {
		id: segmentId(),
		name: trace.functionName,
		start_time: seconds(trace.service.start),
		trace_id: trace.traceId,
		end_time: seconds(Math.max(trace.service.end, trace.service.start)),
		http: {response: {status: trace.status}},
		aws: {request_id: trace.requestId, account_id: trace.accountId},
		origin: 'AWS::Lambda',
		resource_arn: trace.functionArn,
	};
	if (trace.status === 429) {
		serviceSegment['error'] = true;
		serviceSegment['throttle'] = true;
	} else if (trace.status >= 500) {
		serviceSegment['fault'] = true;
	} else if (trace.status >= 400) {
		serviceSegment['error'] = true;
	}
	const documents = [JSON.stringify(serviceSegment)];
	const run = trace.run;
	if (run === undefined) return documents;
	const functionAws = {function_arn: trace.executedArn, resource_names: [trace.functionName], account_id: trace.accountId};
	const subsegments: JsonObject[] = [];
	if (run.init !== undefined) {
		const initialization: JsonObject = {
			id: segmentId(),
			name: 'Initialization',
			start_time: seconds(run.init.start),
			end_time: seconds(run.init.end),
			aws: {function_arn: trace.executedArn},
		};
		if (run.init.failed) initialization['fault'] = true;
		subsegments.push(initialization);
	}
	const invocation: JsonObject = {
		id: trace.invocationId,
		name: 'Invocation',
		start_time: seconds(run.invocation.start),
		end_time: seconds(run.invocation.end),
		aws: {function_arn: trace.executedArn},
	};
	if (run.error !== undefined) {
		invocation['fault'] = true;
		invocation['cause'] = cause(run.error);
	}
	subsegments.push(invocation);
	subsegments.push({
		id: segmentId(),
		name: 'Overhead',
		start_time: seconds(run.overhead.start),
		end_time: seconds(run.overhead.end),
		aws: {function_arn: trace.executedArn},
	});
	const functionSegment: JsonObject = {
		id: segmentId(),
		name: trace.functionName,
		start_time: seconds(run.init?.start ?? run.invocation.start),
		trace_id: trace.traceId,
		end_time: seconds(run.overhead.end),
		parent_id: serviceSegment['id'],
		aws: functionAws,
		origin: 'AWS::Lambda::Function',
		subsegments,
	};
	if (run.error !== undefined) functionSegment['fault'] = true;
	documents.push(JSON.stringify(functionSegment));
	return documents;
}
