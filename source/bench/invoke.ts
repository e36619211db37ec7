// The local Lambda running functions, measured through the SDK against
// `lambdash mock` in its own process (as other tools use it):
//   4. warm invoke latency p50/p99, beside the same handler called directly (the floor)
//   5. cold start of a Node.js function (as the caller sees it, and the REPORT's Init Duration)
//   6. throughput with 10 concurrent clients
//   7. the server's memory with 100 warm environments
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {CreateFunctionCommand, InvokeCommand, LambdaClient, waitUntilFunctionActiveV2} from '@aws-sdk/client-lambda';
import {zipFiles} from '../domain/code-package.js';
import {cliPath} from '../../test/support/pty-terminal.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const handlerSource = 'export const handler = async (event) => ({ok: true, id: event.id ?? null});\n';
const credentials = {accessKeyId: 'bench', secretAccessKey: 'bench'};

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface MockServer {
	endpoint: string;
	process: ChildProcess;
	stop(): Promise<void>;
}

export async function startMock(dataDir: string, extraArgs: readonly string[] = []): Promise<MockServer> {
	const child = spawn(process.execPath, [cliPath(), 'mock', '--port', '0', '--data-dir', dataDir, '--transition-delay-ms', '0', ...extraArgs], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const endpoint = await new Promise<string>((resolve, reject) => {
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
			if (match?.[1] !== undefined) resolve(match[1]);
		});
		child.once('exit', (code) => reject(new Error(`lambdash mock exited (${code}) before it listened: ${output}`)));
	});
	child.stdout?.resume();
	return {
		endpoint,
		process: child,
		stop: () =>
			new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}

function rssKb(pid: number): number {
	try {
		return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
	} catch {
		return 0;
	}
}

/** The resident memory of a process's children, summed (the execution environments). */
function childrenRssKb(parent: number): {count: number; kb: number} {
	let count = 0;
	let kb = 0;
	const visit = (pid: number): void => {
		let children: string[] = [];
		try {
			children = readdirSync(`/proc/${pid}/task`).flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
		} catch {
			return;
		}
		for (const child of children) {
			count += 1;
			kb += rssKb(Number(child));
			visit(Number(child));
		}
	};
	visit(parent);
	return {count, kb};
}

async function createFunction(client: LambdaClient, name: string): Promise<void> {
	await client.send(
		new CreateFunctionCommand({
			FunctionName: name,
			Runtime: 'nodejs22.x',
			Role: 'arn:aws:iam::123456789012:role/bench',
			Handler: 'index.handler',
			Code: {ZipFile: zipFiles({'index.mjs': handlerSource})},
		}),
	);
	await waitUntilFunctionActiveV2({client, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
}

async function invoke(client: LambdaClient, name: string, tail = false): Promise<{ms: number; log: string}> {
	const started = performance.now();
	const output = await client.send(
		new InvokeCommand({FunctionName: name, Payload: Buffer.from('{"id":1}'), ...(tail ? {LogType: 'Tail' as const} : {})}),
	);
	const ms = performance.now() - started;
	if (output.FunctionError !== undefined) throw new Error(`${name} failed: ${Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8')}`);
	return {ms, log: Buffer.from(output.LogResult ?? '', 'base64').toString('utf8')};
}

async function directFloor(dir: string): Promise<number[]> {
	const file = join(dir, 'direct-handler.mjs');
	writeFileSync(file, handlerSource);
	const module = (await import(pathToFileURL(file).href)) as {handler: (event: unknown) => Promise<unknown>};
	const times: number[] = [];
	for (let index = 0; index < 2000; index++) {
		const started = performance.now();
		// eslint-disable-next-line no-await-in-loop
		JSON.stringify(await module.handler(JSON.parse('{"id":1}')));
		times.push(performance.now() - started);
	}
	return times.slice(1000);
}

export async function benchInvoke(): Promise<void> {
	const dataDir = mkdtempSync(join(tmpdir(), 'lambdash-bench-invoke-'));
	const server = await startMock(dataDir);
	const client = new LambdaClient({endpoint: server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
	try {
		await createFunction(client, 'warm');
		for (let index = 0; index < 200; index++) await invoke(client, 'warm');
		const warm: number[] = [];
		for (let index = 0; index < 2000; index++) warm.push((await invoke(client, 'warm')).ms);
		const floor = await directFloor(dataDir);
		console.log(`\n4. Warm invoke latency through the SDK (2,000 sequential invokes)`);
		console.log(`   p50 ${percentile(warm, 50).toFixed(2)} ms, p99 ${percentile(warm, 99).toFixed(2)} ms (goal: p50 3 ms or less)`);
		console.log(`   the same handler called directly: p50 ${(percentile(floor, 50) * 1000).toFixed(1)} µs, p99 ${(percentile(floor, 99) * 1000).toFixed(1)} µs`);

		const cold: number[] = [];
		const init: number[] = [];
		for (let index = 0; index < 10; index++) {
			const name = `cold-${index}`;
			await createFunction(client, name);
			const result = await invoke(client, name, true);
			cold.push(result.ms);
			init.push(Number(/Init Duration: ([\d.]+) ms/.exec(result.log)?.[1] ?? Number.NaN));
		}
		console.log(`\n5. Cold start of a Node.js function (10 functions, median)`);
		console.log(`   invoke as the caller sees it: ${percentile(cold, 50).toFixed(0)} ms (goal: 150 ms or less); REPORT Init Duration ${percentile(init, 50).toFixed(1)} ms`);

		await createFunction(client, 'busy');
		const seconds = 5;
		const clients = Array.from({length: 10}, () => new LambdaClient({endpoint: server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1}));
		await Promise.all(clients.map((each) => invoke(each, 'busy')));
		let completed = 0;
		const deadline = performance.now() + seconds * 1000;
		await Promise.all(
			clients.map(async (each) => {
				while (performance.now() < deadline) {
					// eslint-disable-next-line no-await-in-loop
					await invoke(each, 'busy');
					completed += 1;
				}
			}),
		);
		for (const each of clients) each.destroy();
		console.log(`\n6. Throughput, 10 concurrent clients for ${seconds} s`);
		console.log(`   ${(completed / seconds).toFixed(0)} invokes/s (goal: 500 or more)`);

		const before = rssKb(server.process.pid ?? 0);
		const names = Array.from({length: 100}, (_, index) => `env-${String(index).padStart(3, '0')}`);
		for (const name of names) await createFunction(client, name);
		for (const name of names) await invoke(client, name);
		const after = rssKb(server.process.pid ?? 0);
		const environments = childrenRssKb(server.process.pid ?? 0);
		console.log(`\n7. Memory with 100 more warm environments (${environments.count} processes under the server)`);
		console.log(`   server process: ${(before / 1024).toFixed(0)} MB before, ${(after / 1024).toFixed(0)} MB after`);
		console.log(`   the environments: ${(environments.kb / 1024).toFixed(0)} MB in all, ${(environments.kb / 1024 / Math.max(1, environments.count)).toFixed(1)} MB each`);
	} finally {
		client.destroy();
		await server.stop();
		rmSync(dataDir, {recursive: true, force: true});
	}
}
