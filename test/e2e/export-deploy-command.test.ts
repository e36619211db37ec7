// `lambdash export` and `lambdash deploy` as shipped (dist/lambdash/cli.js):
// a demo function exported from a running `lambdash mock` into a directory,
// refused the second time without --force, and its template deployed into
// another running `lambdash mock` with --endpoint-url (a second deploy
// changes nothing); a real AWS target is refused with a pointer to sam deploy.

import assert from 'node:assert/strict';
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {DeleteEventSourceMappingCommand, DeleteFunctionCommand, LambdaClient, ListEventSourceMappingsCommand} from '@aws-sdk/client-lambda';
import {cliEnvironment, runCli} from '../support/cli-process.js';
import {cliPath, packageRoot} from '../support/pty-terminal.js';

/** `lambdash mock` on a free port; resolves with its endpoint once it listens. */
async function startMock(dataDir: string): Promise<{endpoint: string; child: ChildProcessWithoutNullStreams}> {
	const child = spawn(process.execPath, [cliPath(), 'mock', '--port', '0', '--data-dir', dataDir, '--transition-delay-ms', '50'], {cwd: packageRoot(), env: cliEnvironment()});
	let output = '';
	const endpoint = await new Promise<string>((resolve, reject) => {
		const look = (chunk: Buffer): void => {
			output += chunk.toString('utf8');
			const found = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
			if (found) resolve(found[0]);
		};
		child.stdout.on('data', look);
		child.stderr.on('data', look);
		child.on('exit', () => reject(new Error(`lambdash mock exited:\n${output}`)));
	});
	return {endpoint, child};
}

describe('lambdash export and deploy, the real binary', () => {
	let work: string;
	let source: {endpoint: string; child: ChildProcessWithoutNullStreams};
	let target: {endpoint: string; child: ChildProcessWithoutNullStreams};
	before(async () => {
		work = mkdtempSync(join(tmpdir(), 'lambdash-e2e-export-'));
		source = await startMock(join(work, 'source-data'));
		target = await startMock(join(work, 'target-data'));
		// The target starts with the demo functions too: without this one, so that deploy creates it.
		const lambda = new LambdaClient({endpoint: target.endpoint, region: 'us-east-1', credentials: {accessKeyId: 'test', secretAccessKey: 'test'}});
		const mappings = await lambda.send(new ListEventSourceMappingsCommand({FunctionName: 'file-processor-node'}));
		// A new data directory's mappings are Creating for a moment, and Lambda deletes none while it is.
		for (const mapping of mappings.EventSourceMappings ?? []) {
			for (let attempt = 0; ; attempt++) {
				try {
					await lambda.send(new DeleteEventSourceMappingCommand({UUID: mapping.UUID}));
					break;
				} catch (error) {
					if ((error as Error).name !== 'ResourceInUseException' || attempt >= 100) throw error;
					await new Promise((resolve) => setTimeout(resolve, 100));
				}
			}
		}
		await lambda.send(new DeleteFunctionCommand({FunctionName: 'file-processor-node'}));
		lambda.destroy();
	});
	after(() => {
		source?.child.kill('SIGKILL');
		target?.child.kill('SIGKILL');
		rmSync(work, {recursive: true, force: true});
	});

	test('exports a function with its code and template, and refuses to overwrite without --force', () => {
		const out = join(work, 'out');
		const exported = runCli(['export', 'file-processor-node', '--out', out, '--endpoint-url', source.endpoint], 120_000);
		assert.equal(exported.status, 0, exported.stderr);
		assert.deepEqual(exported.stdout.trim().split('\n'), [join(out, 'file-processor-node.zip'), join(out, 'template.yaml')]);
		assert.ok(existsSync(join(out, 'file-processor-node.zip')));
		assert.match(readFileSync(join(out, 'template.yaml'), 'utf8'), /Queue: arn:aws:sqs:us-east-1:123456789012:file-retries/);
		const again = runCli(['export', 'file-processor-node', '--out', out, '--what', 'template', '--endpoint-url', source.endpoint], 120_000);
		assert.equal(again.status, 1);
		assert.match(again.stderr, /template\.yaml already exists: pass --force to replace, or --out another directory/);
		const forced = runCli(['export', 'file-processor-node', '--out', out, '--what', 'template', '--force', '--endpoint-url', source.endpoint], 120_000);
		assert.equal(forced.status, 0, forced.stderr);
		assert.deepEqual(forced.stdout.trim().split('\n'), [join(out, 'template.yaml')]);
	});

	test('deploys the template into another local Lambda, and a second deploy changes nothing', () => {
		const template = join(work, 'out', 'template.yaml');
		const first = runCli(['deploy', template, '--endpoint-url', target.endpoint], 120_000);
		assert.equal(first.status, 0, first.stderr);
		assert.match(first.stdout, /function file-processor-node: created/);
		assert.match(first.stdout, /trigger arn:aws:sqs:us-east-1:123456789012:file-retries created/);
		const second = runCli(['deploy', template, '--endpoint-url', target.endpoint], 120_000);
		assert.equal(second.status, 0, second.stderr);
		assert.match(second.stdout, /Nothing to change/);
		const invoked = runCli(['invoke', 'file-processor-node', '--endpoint-url', target.endpoint, '--payload', '{"Records": []}'], 120_000);
		assert.notEqual(invoked.stdout, '', invoked.stderr);
	});

	test('refuses a real AWS target and bad flags, saying what to do', () => {
		const aws = runCli(['deploy', 'template.yaml', '--profile', 'prod'], 120_000);
		assert.equal(aws.status, 2);
		assert.match(aws.stderr, /To deploy to AWS, use sam deploy/);
		const remote = runCli(['deploy', 'template.yaml', '--endpoint-url', 'https://lambda.us-east-1.amazonaws.com'], 120_000);
		assert.equal(remote.status, 2);
		assert.match(remote.stderr, /not on this machine\. To deploy to AWS, use sam deploy/);
		const what = runCli(['export', 'web-app-node', '--what', 'everything', '--local'], 120_000);
		assert.equal(what.status, 2);
		assert.match(what.stderr, /--what must be code, template or both, got "everything"/);
	});
});
