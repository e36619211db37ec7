// lambdash invoke NAME: one invocation from a shell or a runbook. The response
// goes to standard output (so it can be piped to jq), the log tail and
// messages to standard error; the exit status is 1 when the function failed.
import {readFile} from 'node:fs/promises';
import {describeAwsError} from '../aws/errors.js';
import {createInvokeClient, invokeFunction} from '../aws/invoke.js';
import {cleanLines} from '../domain/sanitize.js';
import type {Session} from '../session.js';
import type {InvokeOptions} from './args.js';

async function readPayload(option: string | undefined): Promise<{payload: string} | {problem: string}> {
	if (option === undefined) return {payload: '{}'};
	let text = option;
	if (option.startsWith('@')) {
		const path = option.slice(1);
		try {
			text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
		} catch (error) {
			return {problem: `cannot read the payload file ${path}: ${(error as Error).message}`};
		}
	}
	try {
		JSON.parse(text);
	} catch (error) {
		return {problem: `the payload must be JSON (${(error as Error).message}); give it inline, e.g. --payload '{"id": 1}', or from a file with --payload @event.json`};
	}
	return {payload: text};
}

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export async function runInvokeCommand(session: Session, name: string, options: InvokeOptions): Promise<number> {
	if (options.async && session.target.kind === 'local') {
		process.stderr.write(
			'lambdash: --async with --local would lose the event: the local Lambda in this process stops when the command ends. Start it on its own (lambdash mock) and pass its address with --endpoint-url.\n',
		);
		return 2;
	}
	const read = await readPayload(options.payload);
	if ('problem' in read) {
		process.stderr.write(`lambdash: ${read.problem}\n`);
		return 2;
	}
	const client = createInvokeClient(session);
	try {
		const result = await invokeFunction(client, {
			functionName: name,
			payload: read.payload,
			qualifier: options.qualifier,
			async: options.async,
			tail: options.tail,
		});
		if (options.async) {
			process.stderr.write(`Queued: Lambda accepted the event for ${name} (status ${result.statusCode}, request ${result.requestId ?? '?'})\n`);
			return 0;
		}
		// The log is the function's output: stripped of terminal control sequences before it reaches the terminal.
		if (result.log !== undefined) process.stderr.write(`${cleanLines(result.log.replace(/\n$/, '')).join('\n')}\n`);
		process.stdout.write(result.payload.endsWith('\n') ? result.payload : `${result.payload}\n`);
		if (result.functionError !== undefined) {
			process.stderr.write(`lambdash: ${name} failed (${result.functionError}, version ${result.executedVersion ?? '?'}); the error document is above\n`);
			return 1;
		}
		return 0;
	} catch (error) {
		process.stderr.write(`lambdash: could not invoke ${name}: ${describeAwsError(error, session.target.endpoint, 'command')}\n`);
		return 1;
	} finally {
		client.destroy();
	}
}
