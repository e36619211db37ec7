// The shipped binary (dist/lambdash/cli.js) run as a child process by the
// end-to-end tests of its commands: with test credentials and region, and
// nothing from the machine's AWS configuration.
import {spawnSync, type SpawnSyncReturns} from 'node:child_process';
import {cliPath, packageRoot} from './pty-terminal.js';

/** Test credentials and region, nothing from the machine's AWS configuration. */
export function cliEnvironment(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		AWS_ACCESS_KEY_ID: 'test',
		AWS_SECRET_ACCESS_KEY: 'test',
		AWS_REGION: 'us-east-1',
		AWS_CONFIG_FILE: '/dev/null',
		AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
	};
	delete env.CI;
	delete env.AWS_PROFILE;
	delete env.AWS_SESSION_TOKEN;
	delete env.AWS_ENDPOINT_URL;
	delete env.AWS_ENDPOINT_URL_LAMBDA;
	return env;
}

/** Runs `lambdash ARGS` to its end and gives its exit status and output. */
export function runCli(args: readonly string[], timeoutMs = 60_000): SpawnSyncReturns<string> {
	return spawnSync(process.execPath, [cliPath(), ...args], {cwd: packageRoot(), env: cliEnvironment(), encoding: 'utf8', timeout: timeoutMs});
}
