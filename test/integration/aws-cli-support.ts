// Shared helpers of the AWS CLI tests: runs `aws --endpoint-url … --output json`
// with test credentials and no profile, config or pager from the machine, so the
// CLI talks only to the local server. Without the CLI on PATH the tests fail.

import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** The environment the CLI runs in: test credentials, us-east-1, no pager, no config/profile from the machine. */
export function cliEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		AWS_ACCESS_KEY_ID: 'test',
		AWS_SECRET_ACCESS_KEY: 'test',
		AWS_DEFAULT_REGION: 'us-east-1',
		AWS_REGION: 'us-east-1',
		AWS_PAGER: '',
		AWS_CONFIG_FILE: '/dev/null',
		AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
		...extra,
	};
	delete env['AWS_PROFILE'];
	delete env['AWS_SESSION_TOKEN'];
	return env;
}

/** The error a test fails with when the CLI is not installed. */
export function missingCli(): Error {
	return new Error('The AWS CLI ("aws") is not on PATH: install it (https://aws.amazon.com/cli/) to run this test.');
}

/** Runs one CLI command against the endpoint; resolves with its exit code and output, whether it succeeded or not. */
export function aws(endpoint: string, args: string[]): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		execFile('aws', ['--endpoint-url', endpoint, '--output', 'json', ...args], {env: cliEnvironment(), timeout: 60_000}, (error, stdout, stderr) => {
			if (error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT') {
				reject(missingCli());
				return;
			}
			const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
			resolve({code, stdout, stderr});
		});
	});
}

/** Runs one CLI command that must succeed and returns its JSON output ({} for a command that prints nothing). */
export async function awsJson(endpoint: string, args: string[]): Promise<Record<string, unknown>> {
	const result = await aws(endpoint, args);
	assert.equal(result.code, 0, `aws ${args.join(' ')} failed: ${result.stderr}`);
	return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
}
