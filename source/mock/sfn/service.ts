// The Step Functions API of the local Lambda (awsJson1_0, X-Amz-Target:
// AWSStepFunctions.<Operation>, Content-Type application/x-amz-json-1.0), served
// on the local Lambda's HTTP server: state machines (CreateStateMachine,
// DescribeStateMachine, ListStateMachines, UpdateStateMachine,
// DeleteStateMachine) and their tags (TagResource, UntagResource,
// ListTagsForResource), kept under <dataDir>/state-machines. Definitions are
// checked and stored, not run: there are no executions.

import type {ServerResponse} from 'node:http';
import type {Clock} from '../clock.js';
import {SfnError} from './errors.js';
import {parseBody, type JsonObject} from './input.js';
import {createStateMachine, operations, type SfnContext} from './operations.js';
import {StateMachineStore} from './state-machine-store.js';

export interface SfnServiceOptions {
	dataDir: string;
	region: string;
	accountId: string;
	clock: Clock;
}

export const sfnTargetPrefix = 'AWSStepFunctions.';

function send(response: ServerResponse, status: number, requestId: string, body: JsonObject): void {
	if (response.headersSent || response.destroyed) return;
	const payload = Buffer.from(JSON.stringify(body), 'utf8');
	response.writeHead(status, {
		'Content-Type': 'application/x-amz-json-1.0',
		'Content-Length': String(payload.length),
		'x-amzn-RequestId': requestId,
		...(status >= 400 && typeof body['__type'] === 'string' ? {'x-amzn-ErrorType': body['__type']} : {}),
	});
	response.end(payload);
}

export class SfnService {
	private readonly context: SfnContext;

	private constructor(store: StateMachineStore, options: SfnServiceOptions) {
		this.context = {store, region: options.region, accountId: options.accountId, clock: options.clock};
	}

	static async open(options: SfnServiceOptions): Promise<SfnService> {
		return new SfnService(StateMachineStore.openSync(options.dataDir), options);
	}

	/** Creates a state machine exactly as CreateStateMachine would (same checks, same persistence); resolves to its ARN. */
	async create(request: JsonObject): Promise<string> {
		const output = await createStateMachine(request, this.context);
		return String(output['stateMachineArn']);
	}

	/** Answers one request whose X-Amz-Target starts with "AWSStepFunctions.": writes the whole response. */
	async handle(target: string, body: Buffer, response: ServerResponse, requestId: string): Promise<void> {
		const name = target.startsWith(sfnTargetPrefix) ? target.slice(sfnTargetPrefix.length) : target;
		try {
			const operation = operations[name];
			if (operation === undefined) throw new SfnError('UnknownOperationException', `The local Step Functions does not serve ${name}.`);
			send(response, 200, requestId, await operation(parseBody(body), this.context));
		} catch (error) {
			if (error instanceof SfnError) {
				send(response, error.status, requestId, error.body());
				return;
			}
			process.stderr.write(`local Step Functions: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
			send(response, 500, requestId, {__type: 'InternalFailure', message: 'The local Step Functions hit an internal error.'});
		}
	}

	/** Resolves once every change acknowledged so far is on disk. */
	async close(): Promise<void> {
		await this.context.store.flush();
	}
}
