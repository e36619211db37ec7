#!/usr/bin/env node
// lambdash: flags and subcommands; builds the Session, then opens the console
// or runs a command. Heavy modules (Ink, the local Lambda) load only when used.
import {readFileSync} from 'node:fs';
import {parseInvocation, usage, UsageError, type ConnectionFlags} from './commands/args.js';
import type {Session} from './session.js';

// The SDK warns at the first client that its releases after January 2027 need
// Node.js 22; lambdash supports Node.js 20 and says so in package.json.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

function version(): string {
	const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string};
	return packageJson.version;
}

export interface Connection {
	session: Session;
	close(): Promise<void>;
}

/** Where to connect: the local Lambda started in this process, or AWS (or an endpoint) through the SDK's chain. */
export async function connect(flags: ConnectionFlags): Promise<Connection> {
	if (flags.local) {
		const [{startLocalLambda}, {defaultDataDir}, {localSession}] = await Promise.all([
			import('./mock/server.js'),
			import('./mock/data-dir.js'),
			import('./session.js'),
		]);
		const dataDir = flags.dataDir ?? defaultDataDir();
		const region = flags.region ?? 'us-east-1';
		const local = await startLocalLambda({dataDir, port: 0, region});
		return {session: localSession(local.endpoint, dataDir, region, flags.readOnly), close: () => local.close()};
	}
	const {resolveRegion} = await import('./aws/region.js');
	const region = flags.region ?? (await resolveRegion(flags.profile));
	if (!region) {
		throw new UsageError(
			'No AWS region. Pass --region (e.g. --region eu-west-1), set AWS_REGION, or set a region in your profile (aws configure). To try lambdash without AWS: lambdash --local',
		);
	}
	return {
		session: {target: {kind: 'aws', profile: flags.profile, endpoint: flags.endpointUrl}, region, readOnly: flags.readOnly},
		close: async () => undefined,
	};
}

/** Runs a command with the session the flags name; the local Lambda it may have started is closed after. */
async function withSession(flags: ConnectionFlags, run: (session: Session) => Promise<number>): Promise<number> {
	const connection = await connect(flags);
	try {
		return await run(connection.session);
	} finally {
		await connection.close();
	}
}

async function main(argv: string[]): Promise<number> {
	const invocation = parseInvocation(argv);
	switch (invocation.command) {
		case 'help':
			console.log(usage);
			return 0;
		case 'version':
			console.log(version());
			return 0;
		case 'mock': {
			const {runMockCommand} = await import('./commands/mock.js');
			return runMockCommand({
				port: invocation.port,
				dataDir: invocation.dataDir,
				region: invocation.region,
				transitionDelayMs: invocation.transitionDelayMs,
				idleTimeoutSeconds: invocation.idleTimeoutSeconds,
				accountConcurrency: invocation.accountConcurrency,
				liveTailEventsPerSecond: invocation.liveTailEventsPerSecond,
			});
		}
		case 'sign': {
			const {runSignCommand} = await import('./commands/sign.js');
			return runSignCommand(invocation.options);
		}
		case 'throttle':
		case 'unthrottle': {
			const {runThrottleCommand} = await import('./commands/throttle.js');
			return withSession(invocation.flags, (session) => runThrottleCommand(session, invocation.command, invocation.functionName));
		}
		case 'invoke': {
			const {runInvokeCommand} = await import('./commands/invoke.js');
			return withSession(invocation.flags, (session) => runInvokeCommand(session, invocation.functionName, invocation.options));
		}
		case 'export': {
			const {runExportCommand} = await import('./commands/export.js');
			return withSession(invocation.flags, (session) => runExportCommand(session, invocation.functionName, invocation.options));
		}
		case 'deploy': {
			const {deployConnection, deployTargetProblem, runDeployCommand} = await import('./commands/deploy.js');
			const problem = deployTargetProblem(invocation.flags);
			if (problem !== undefined) throw new UsageError(problem);
			return withSession(deployConnection(invocation.flags), (session) => runDeployCommand(session, invocation.options));
		}
		case 'logs': {
			const {runLogsCommand} = await import('./commands/logs.js');
			return withSession(invocation.flags, (session) => runLogsCommand(session, invocation.functionName, invocation.options));
		}
		case 'console': {
			if (!process.stdin.isTTY || !process.stdout.isTTY) {
				console.error(
					'lambdash: the console needs an interactive terminal (stdin and stdout must be a TTY).\nFor scripts and pipes use the commands: lambdash invoke NAME, lambdash logs NAME, lambdash throttle NAME, lambdash unthrottle NAME, lambdash export NAME, lambdash deploy TEMPLATE, lambdash mock. See lambdash --help.',
				);
				return 2;
			}
			// Ink draws nothing while it thinks it runs in CI (it reads this as it
			// loads); this is an interactive terminal.
			delete process.env.CI;
			delete process.env.CONTINUOUS_INTEGRATION;
			// Load the UI while the connection is made: the first frame waits for neither alone.
			const ui = import('./ui/run.js');
			ui.catch(() => undefined);
			const connection = await connect(invocation.flags);
			try {
				const {createClients} = await import('./aws/clients.js');
				const clients = createClients(connection.session);
				if (connection.session.target.kind === 'aws') {
					const {checkCredentials} = await import('./aws/account.js');
					await checkCredentials(clients).catch((error: unknown) => {
						throw new UsageError(
							`No usable AWS credentials (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Configure them (aws configure, aws sso login, or AWS_PROFILE / --profile), or try lambdash --local.`,
						);
					});
				}
				const {runConsole} = await ui;
				await runConsole(connection.session, clients);
				clients.destroy();
				return 0;
			} finally {
				await connection.close();
			}
		}
	}
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		if (error instanceof UsageError) {
			console.error(`lambdash: ${error.message}`);
			process.exitCode = 2;
		} else {
			console.error(`lambdash: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
			process.exitCode = 1;
		}
	},
);
