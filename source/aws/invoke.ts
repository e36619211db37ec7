// Invoking a function: one synchronous or asynchronous Invoke, and what came back.
import {InvokeCommand, LambdaClient} from '@aws-sdk/client-lambda';
import type {Session} from '../session.js';
import type {InvocationResponse} from '../domain/invocation-result.js';
import {clientConfig} from './clients.js';

/** Lambda's longest timeout is 900 s: a synchronous invoke may take that long before it answers. */
const invokeRequestTimeoutMs = 910_000;

/**
 * A client for invocations: no retries (a throttled or failed invoke is
 * reported, not repeated behind the user's back) and a request timeout longer
 * than any function's.
 */
export function createInvokeClient(session: Session): LambdaClient {
	return new LambdaClient({
		...clientConfig(session),
		maxAttempts: 1,
		requestHandler: {connectionTimeout: 5000, requestTimeout: invokeRequestTimeoutMs},
	});
}

export interface InvokeInput {
	functionName: string;
	/** The event, as JSON text. */
	payload: string;
	qualifier?: string | undefined;
	/** Event (queued) instead of RequestResponse. */
	async?: boolean;
	/** Ask for the end of the invocation's log (synchronous only). */
	tail?: boolean;
	/** JSON object text passed to the function as its client context. */
	clientContext?: string;
}

/** What Invoke answered: the response (or error document), the log tail, the executed version. */
export type InvokeResult = InvocationResponse;

export async function invokeFunction(client: LambdaClient, input: InvokeInput): Promise<InvokeResult> {
	const output = await client.send(
		new InvokeCommand({
			FunctionName: input.functionName,
			Payload: Buffer.from(input.payload, 'utf8'),
			InvocationType: input.async === true ? 'Event' : 'RequestResponse',
			LogType: input.tail === true && input.async !== true ? 'Tail' : 'None',
			...(input.qualifier === undefined ? {} : {Qualifier: input.qualifier}),
			...(input.clientContext === undefined ? {} : {ClientContext: Buffer.from(input.clientContext, 'utf8').toString('base64')}),
		}),
	);
	return {
		statusCode: output.StatusCode ?? 0,
		requestId: output.$metadata.requestId,
		payload: output.Payload == null ? '' : Buffer.from(output.Payload).toString('utf8'),
		functionError: output.FunctionError,
		log: output.LogResult == null ? undefined : Buffer.from(output.LogResult, 'base64').toString('utf8'),
		executedVersion: output.ExecutedVersion,
	};
}
