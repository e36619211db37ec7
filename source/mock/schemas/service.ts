// The EventBridge Schemas API of the local Lambda (restJson1, paths under
// /v1/), served on the local Lambda's HTTP server: the part of the schema
// registry the Lambda console's shareable test events use (registries,
// schemas and their versions, GetDiscoveredSchema). State lives in memory and
// under <dataDir>/schemas (see schema-store.ts).

import type {Clock} from '../clock.js';
import {SchemasError} from './errors.js';
import type {SchemasContext} from './registry-operations.js';
import {routeSchemas} from './routes.js';
import {SchemaStore} from './schema-store.js';

export interface SchemasServiceOptions {
	dataDir: string;
	region: string;
	accountId: string;
	clock: Clock;
}

/** The HTTP answer to one request; the server adds x-amzn-RequestId and Content-Length. */
export interface SchemasHttpReply {
	status: number;
	headers: Record<string, string>;
	body?: string;
}

/** True for the paths this service answers (the Lambda API's paths start with a date). */
export function isSchemasPath(pathname: string): boolean {
	return pathname === '/v1' || pathname.startsWith('/v1/');
}

function errorReply(error: SchemasError): SchemasHttpReply {
	return {
		status: error.status,
		headers: {'Content-Type': 'application/json', 'x-amzn-ErrorType': error.code},
		body: JSON.stringify(error.body()),
	};
}

export class SchemasService {
	private readonly context: SchemasContext;

	private constructor(private readonly store: SchemaStore, options: SchemasServiceOptions) {
		this.context = {store, region: options.region, accountId: options.accountId, now: () => options.clock.now()};
	}

	static async open(options: SchemasServiceOptions): Promise<SchemasService> {
		return new SchemasService(await SchemaStore.open(options.dataDir), options);
	}

	/** Answers one request under /v1/ whose body was read whole. */
	async handle(method: string, url: URL, body: Buffer): Promise<SchemasHttpReply> {
		try {
			const reply = await routeSchemas(method, url).run(this.context, body);
			if (reply.body === undefined) return {status: reply.status, headers: {}};
			return {status: reply.status, headers: {'Content-Type': 'application/json'}, body: JSON.stringify(reply.body)};
		} catch (error) {
			if (error instanceof SchemasError) return errorReply(error);
			process.stderr.write(`local EventBridge Schemas: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
			return errorReply(new SchemasError('InternalServerErrorException', 'The local EventBridge Schemas API hit an internal error.'));
		}
	}

	/** The answer to a request whose body is larger than `limit` bytes. */
	tooLarge(limit: number): SchemasHttpReply {
		return errorReply(new SchemasError('BadRequestException', `The request body must be smaller than ${limit} bytes.`));
	}

	/** Resolves when every write acknowledged so far is on disk. */
	async close(): Promise<void> {
		await this.store.flush();
	}
}
