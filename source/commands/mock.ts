// `lambdash mock`: the local Lambda alone, in the foreground, until SIGINT or SIGTERM.

import {defaultDataDir} from '../mock/data-dir.js';
import {startLocalLambda} from '../mock/server.js';

export interface MockCommandOptions {
	port?: number;
	dataDir?: string;
	region?: string;
	transitionDelayMs?: number;
	idleTimeoutSeconds?: number;
	accountConcurrency?: number;
	liveTailEventsPerSecond?: number;
}

export async function runMockCommand(options: MockCommandOptions): Promise<number> {
	const dataDir = options.dataDir ?? defaultDataDir();
	let server;
	try {
		server = await startLocalLambda({
			dataDir,
			...(options.port === undefined ? {} : {port: options.port}),
			...(options.region === undefined ? {} : {region: options.region}),
			...(options.transitionDelayMs === undefined ? {} : {transitionDelayMs: options.transitionDelayMs}),
			...(options.idleTimeoutSeconds === undefined ? {} : {idleTimeoutMs: options.idleTimeoutSeconds * 1000}),
			...(options.accountConcurrency === undefined ? {} : {accountConcurrency: options.accountConcurrency}),
			...(options.liveTailEventsPerSecond === undefined ? {} : {liveTailEventsPerSecond: options.liveTailEventsPerSecond}),
		});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason =
			code === 'EADDRINUSE'
				? `port ${options.port ?? 0} is already in use (choose another with --port, or 0 for a free one)`
				: error instanceof Error
					? error.message
					: String(error);
		process.stderr.write(`lambdash mock: could not start the local Lambda: ${reason}\n`);
		return 1;
	}
	process.stdout.write(`Local Lambda listening on ${server.endpoint} (data: ${dataDir})\n`);
	process.stdout.write(
		`Try: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url ${server.endpoint} --region ${server.region} lambda list-functions\n`,
	);
	const running = server;
	return new Promise<number>((resolve) => {
		const stop = (signal: NodeJS.Signals): void => {
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			process.stdout.write(`Local Lambda stopping (${signal})\n`);
			running.close().then(
				() => resolve(0),
				(error: unknown) => {
					process.stderr.write(`lambdash mock: error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
					resolve(1);
				},
			);
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
}
