// The X-Ray API of the local Lambda (restJson1), served on the local Lambda's
// HTTP server: GetTraceSummaries, BatchGetTraces and PutTraceSegments (see
// operations.ts), over the traces the local Lambda records for functions with
// active tracing (it is their TraceSink) and the segments clients send.
// State lives in memory and under <dataDir>/xray (see trace-store.ts).

import type {Clock} from '../clock.js';
import {XRayError} from './errors.js';
import {batchGetTraces, getTraceSummaries, putTraceSegments, type XRayContext, type XRayReply} from './operations.js';
import {readSegmentDocument, type SegmentRecord} from './segment-document.js';
import type {TraceSink} from './trace-sink.js';
import {TraceStore} from './trace-store.js';

export interface XRayServiceOptions {
	dataDir: string;
	clock: Clock;
	/** Trace summaries per GetTraceSummaries page; default 100. */
	pageSize?: number;
}

/** The HTTP answer to one request; the server adds x-amzn-RequestId and Content-Length. */
export interface XRayHttpReply {
	status: number;
	headers: Record<string, string>;
	body: string;
}

type Operation = (context: XRayContext, body: Buffer) => XRayReply | Promise<XRayReply>;

const operations: Record<string, Operation> = {
	'/TraceSummaries': getTraceSummaries,
	'/Traces': batchGetTraces,
	'/TraceSegments': putTraceSegments,
};

/** True for the paths this service answers. */
export function isXRayPath(pathname: string): boolean {
	return Object.hasOwn(operations, pathname);
}

function errorReply(error: XRayError): XRayHttpReply {
	return {
		status: error.status,
		headers: {'Content-Type': 'application/json', 'x-amzn-ErrorType': error.code},
		body: JSON.stringify(error.body()),
	};
}

export class XRayService implements TraceSink {
	private readonly context: XRayContext;
	private readonly pending = new Set<Promise<void>>();

	private constructor(
		private readonly store: TraceStore,
		private readonly clock: Clock,
		pageSize: number,
	) {
		this.context = {store, now: () => clock.now(), pageSize};
	}

	static async open(options: XRayServiceOptions): Promise<XRayService> {
		return new XRayService(await TraceStore.open(options.dataDir, options.clock), options.clock, options.pageSize ?? 100);
	}

	/** Answers one request to an X-Ray path whose body was read whole. */
	async handle(method: string, pathname: string, body: Buffer): Promise<XRayHttpReply> {
		try {
			const operation = operations[pathname];
			if (method !== 'POST' || operation === undefined) throw new XRayError('UnknownOperationException', `The local X-Ray does not serve ${method} ${pathname}`);
			const reply = await operation(this.context, body);
			return {status: reply.status, headers: {'Content-Type': 'application/json'}, body: JSON.stringify(reply.body)};
		} catch (error) {
			if (error instanceof XRayError) return errorReply(error);
			process.stderr.write(`local X-Ray: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
			return errorReply(new XRayError('InternalFailure', 'The local X-Ray hit an internal error.'));
		}
	}

	/** The answer to a request whose body is larger than `limit` bytes. */
	tooLarge(limit: number): XRayHttpReply {
		return errorReply(new XRayError('RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes`));
	}

	putDocuments(documents: readonly string[]): void {
		const segments: SegmentRecord[] = [];
		for (const document of documents) {
			const reading = readSegmentDocument(document);
			if (reading.ok) segments.push(reading.segment);
			else process.stderr.write(`local X-Ray: dropping a segment: ${reading.message}\n`);
		}
		if (segments.length === 0) return;
		const write = this.store.put(segments, this.clock.now()).catch((error: unknown) => {
			process.stderr.write(`local X-Ray: could not save a trace: ${error instanceof Error ? error.message : String(error)}\n`);
		});
		this.pending.add(write);
		void write.then(() => this.pending.delete(write));
	}

	/** Resolves when every trace recorded so far is on disk. */
	async close(): Promise<void> {
		await Promise.all(this.pending);
		await this.store.flush();
	}
}
