// Nothing acknowledged is lost: the local Lambda runs in its own process, takes
// writes, is SIGKILLed right after the last response, and on restart on the
// same data directory every acknowledged write is there.

import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {after, describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';
import {
	CreateFunctionCommand,
	DeleteFunctionCommand,
	GetFunctionCommand,
	GetFunctionConfigurationCommand,
	LambdaClient,
	ListFunctionsCommand,
	PutFunctionConcurrencyCommand,
	TagResourceCommand,
	UntagResourceCommand,
	UpdateFunctionCodeCommand,
	UpdateFunctionConfigurationCommand,
	waitUntilFunctionActiveV2,
	waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import {credentials, makeZip, role} from '../integration/harness.js';

const runner = fileURLToPath(new URL('./runner.js', import.meta.url));

interface Running {
	child: ChildProcess;
	endpoint: string;
	client: LambdaClient;
}

const started = new Set<ChildProcess>();

async function start(dataDir: string, delayMs: number, seed = false): Promise<Running> {
	const child = spawn(process.execPath, [runner, dataDir, String(delayMs), seed ? 'seed' : 'no-seed'], {stdio: ['ignore', 'pipe', 'inherit']});
	started.add(child);
	const lines = createInterface({input: child.stdout!});
	const endpoint = await new Promise<string>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`the local Lambda exited early (${code})`)));
		lines.once('line', (line) => resolve((JSON.parse(line) as {endpoint: string}).endpoint));
	});
	const client = new LambdaClient({endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
	return {child, endpoint, client};
}

async function kill(running: Running): Promise<void> {
	running.client.destroy();
	const exited = new Promise((resolve) => running.child.once('exit', resolve));
	running.child.kill('SIGKILL');
	await exited;
}

const arn = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

describe('persistence of the local Lambda', () => {
	const dirs: string[] = [];
	after(async () => {
		for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		for (const dir of dirs) await rm(dir, {recursive: true, force: true});
	});

	it('keeps every acknowledged write across a SIGKILL', async () => {
		const dataDir = await mkdtemp(join(tmpdir(), 'lambdash-persist-'));
		dirs.push(dataDir);
		const first = await start(dataDir, 100);
		const {client} = first;
		const create = (name: string, extra: Record<string, unknown> = {}) =>
			client.send(new CreateFunctionCommand({FunctionName: name, Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip()}, ...extra}));
		await create('keep-config', {Environment: {Variables: {ALPHA: '1'}}});
		await create('keep-tags', {Tags: {owner: 'ops'}});
		await create('keep-throttled');
		await create('keep-code');
		await create('gone');
		for (const name of ['keep-config', 'keep-code']) await waitUntilFunctionActiveV2({client, maxWaitTime: 20, minDelay: 1, maxDelay: 1}, {FunctionName: name});
		await client.send(new UpdateFunctionConfigurationCommand({FunctionName: 'keep-config', MemorySize: 2048, Timeout: 77, Environment: {Variables: {ALPHA: '2', BETA: 'x'}}}));
		const newZip = makeZip({'index.mjs': 'export const handler = async () => 42;\n'});
		const codeUpdate = await client.send(new UpdateFunctionCodeCommand({FunctionName: 'keep-code', ZipFile: newZip}));
		await client.send(new TagResourceCommand({Resource: arn('keep-tags'), Tags: {team: 'blue', tier: 'gold'}}));
		await client.send(new UntagResourceCommand({Resource: arn('keep-tags'), TagKeys: ['owner']}));
		await client.send(new PutFunctionConcurrencyCommand({FunctionName: 'keep-throttled', ReservedConcurrentExecutions: 0}));
		await client.send(new DeleteFunctionCommand({FunctionName: 'gone'}));
		const lastAcknowledged = await client.send(new GetFunctionConfigurationCommand({FunctionName: 'keep-config'}));
		await kill(first); // immediately after the last acknowledged response

		const second = await start(dataDir, 100);
		try {
			const listed = await second.client.send(new ListFunctionsCommand({}));
			assert.deepEqual(listed.Functions?.map((fn) => fn.FunctionName), ['keep-code', 'keep-config', 'keep-tags', 'keep-throttled']);
			const config = await second.client.send(new GetFunctionConfigurationCommand({FunctionName: 'keep-config'}));
			assert.equal(config.MemorySize, 2048);
			assert.equal(config.Timeout, 77);
			assert.deepEqual(config.Environment?.Variables, {ALPHA: '2', BETA: 'x'});
			assert.equal(config.RevisionId === lastAcknowledged.RevisionId || config.LastUpdateStatus === 'Successful', true);
			await waitUntilFunctionUpdatedV2({client: second.client, maxWaitTime: 20, minDelay: 1, maxDelay: 1}, {FunctionName: 'keep-config'});
			const code = await second.client.send(new GetFunctionCommand({FunctionName: 'keep-code'}));
			assert.equal(code.Configuration?.CodeSha256, codeUpdate.CodeSha256);
			const zip = new Uint8Array(await (await fetch(code.Code?.Location ?? '')).arrayBuffer());
			assert.deepEqual(zip, newZip);
			const tagged = await second.client.send(new GetFunctionCommand({FunctionName: 'keep-tags'}));
			assert.deepEqual(tagged.Tags, {team: 'blue', tier: 'gold'});
			const throttled = await second.client.send(new GetFunctionCommand({FunctionName: 'keep-throttled'}));
			assert.equal(throttled.Concurrency?.ReservedConcurrentExecutions, 0);
			// The deleted function's code is not kept; only the two packages in use are.
			const blobs = (await readdir(join(dataDir, 'code'))).filter((file) => file.endsWith('.zip'));
			assert.equal(blobs.length, 2);
		} finally {
			await kill(second);
		}
	});

	it('completes a transition that was in flight when it was killed', async () => {
		const dataDir = await mkdtemp(join(tmpdir(), 'lambdash-persist-'));
		dirs.push(dataDir);
		const first = await start(dataDir, 1500);
		const created = await first.client.send(
			new CreateFunctionCommand({FunctionName: 'in-flight', Runtime: 'python3.12', Role: role, Handler: 'app.handler', Code: {ZipFile: makeZip()}}),
		);
		assert.equal(created.State, 'Pending');
		await kill(first);

		const second = await start(dataDir, 1500);
		try {
			const right = await second.client.send(new GetFunctionConfigurationCommand({FunctionName: 'in-flight'}));
			assert.ok(right.State === 'Pending' || right.State === 'Active');
			await waitUntilFunctionActiveV2({client: second.client, maxWaitTime: 20, minDelay: 1, maxDelay: 1}, {FunctionName: 'in-flight'});
			const active = await second.client.send(new GetFunctionConfigurationCommand({FunctionName: 'in-flight'}));
			assert.equal(active.State, 'Active');
			assert.equal(active.LastUpdateStatus, 'Successful');
		} finally {
			await kill(second);
		}
	});

	it('seeds the demo functions once: a restart does not bring deleted ones back', async () => {
		const dataDir = await mkdtemp(join(tmpdir(), 'lambdash-persist-'));
		dirs.push(dataDir);
		const first = await start(dataDir, 100, true);
		const seeded = await first.client.send(new ListFunctionsCommand({}));
		const names = (seeded.Functions ?? []).map((fn) => fn.FunctionName ?? '');
		assert.ok(names.length >= 5, `demo functions: ${names.join(', ')}`);
		const state = await first.client.send(new GetFunctionConfigurationCommand({FunctionName: names[0]}));
		assert.equal(state.State, 'Active', 'seeded functions start Active');
		await first.client.send(new DeleteFunctionCommand({FunctionName: names[0]}));
		await kill(first);
		const second = await start(dataDir, 100, true);
		try {
			const after = await second.client.send(new ListFunctionsCommand({}));
			assert.deepEqual(after.Functions?.map((fn) => fn.FunctionName), names.slice(1));
		} finally {
			await kill(second);
		}
	});
});
