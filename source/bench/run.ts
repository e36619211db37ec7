// npm run bench: the figures the issues ask for, measured on the real binary
// in a pseudo-terminal against the local Lambda.
//   1. time to first frame with 1,000 functions, beside `aws lambda list-functions`
//   2. bytes written to the terminal per cursor move in the list at 80x24
//   3. keypress-to-frame latency (p50, p99) and resident memory with 10,000 functions
//   4-7. running functions: see source/bench/invoke.ts
//   8. the Monitor tab's live tail under 10,000 lines a second: see source/bench/logs.ts
// `npm run bench -- console`, `-- invoke` or `-- logs` runs one part.
import {execFile, execFileSync} from 'node:child_process';
import {promisify} from 'node:util';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {zipSync, strToU8} from 'fflate';
import {startLocalLambda, type LocalLambda} from '../mock/server.js';
import {PtyTerminal} from '../../test/support/pty-terminal.js';
import {benchInvoke, percentile} from './invoke.js';
import {benchLogs} from './logs.js';

const execFileAsync = promisify(execFile);
const credentials = {AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: ''};
const zip = Buffer.from(zipSync({'index.mjs': strToU8('export const handler = async () => ({ok: true});\n')})).toString('base64');

async function addFunctions(lambda: LocalLambda, from: number, to: number): Promise<void> {
	const batch: Array<Promise<void>> = [];
	for (let index = from; index < to; index++) {
		batch.push(
			lambda.createFunction({
				FunctionName: `bench-fn-${String(index).padStart(5, '0')}`,
				Runtime: index % 2 ? 'python3.12' : 'nodejs22.x',
				Role: `arn:aws:iam::${lambda.accountId}:role/bench`,
				Handler: 'index.handler',
				Code: {ZipFile: zip},
				MemorySize: 128 + (index % 8) * 128,
				Timeout: 3 + (index % 10),
				Description: `benchmark function ${index}`,
			}),
		);
		if (batch.length >= 50) {
			// eslint-disable-next-line no-await-in-loop
			await Promise.all(batch.splice(0));
		}
	}
	await Promise.all(batch);
}

function consoleArgs(lambda: LocalLambda): string[] {
	return ['--endpoint-url', lambda.endpoint, '--region', 'us-east-1'];
}

async function timeToFirstFrame(lambda: LocalLambda): Promise<number> {
	const started = performance.now();
	const terminal = PtyTerminal.start({args: consoleArgs(lambda), env: credentials});
	await terminal.waitForText(/bench-fn-00000 /, 30_000);
	const elapsed = performance.now() - started;
	terminal.write('q');
	await terminal.waitForExit(10_000);
	return elapsed;
}

/** The AWS CLI as a second client; asynchronous, since the local Lambda answers from this process. */
async function awsCliListFunctions(lambda: LocalLambda): Promise<number> {
	const started = performance.now();
	const {stdout} = await execFileAsync('aws', ['--endpoint-url', lambda.endpoint, 'lambda', 'list-functions', '--output', 'json'], {
		env: {...process.env, ...credentials},
		maxBuffer: 256 * 1024 * 1024,
	});
	const elapsed = performance.now() - started;
	const count = (JSON.parse(stdout) as {Functions: unknown[]}).Functions.length;
	if (count < 1000) throw new Error(`aws lambda list-functions returned ${count} functions`);
	return elapsed;
}

async function bytesPerMove(lambda: LocalLambda): Promise<{within: number[]; scrolling: number[]}> {
	const terminal = PtyTerminal.start({args: consoleArgs(lambda), env: credentials});
	await terminal.waitForText(/Functions \(1000\)/, 60_000);
	await terminal.settle(500, 10_000);
	const within: number[] = [];
	const scrolling: number[] = [];
	for (let move = 0; move < 40; move++) {
		const before = terminal.bytesWritten();
		terminal.write('j');
		// eslint-disable-next-line no-await-in-loop
		await terminal.settle(150, 5_000);
		(move < 20 ? within : scrolling).push(terminal.bytesWritten() - before);
	}
	terminal.write('q');
	await terminal.waitForExit(10_000);
	return {within, scrolling};
}

function rssOf(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function latencyWith10k(lambda: LocalLambda): Promise<{latencies: number[]; rss: number}> {
	const terminal = PtyTerminal.start({args: consoleArgs(lambda), env: credentials});
	await terminal.waitFor(() => /^Functions \(10000\)\s*$/m.test(terminal.screen()), 'all 10,000 functions listed', 120_000);
	// Let the state and concurrency of the visible rows arrive and the screen go quiet.
	await terminal.settle(1000, 30_000);
	let waiting: ((at: number) => void) | undefined;
	const stop = terminal.onOutput((at) => {
		const resolve = waiting;
		waiting = undefined;
		resolve?.(at);
	});
	const latencies: number[] = [];
	const keys = ['j', 'j', 'j', 'k', 'j', 'G', 'g'];
	for (let press = 0; press < 300; press++) {
		const key = press % 50 === 49 ? keys[Math.floor(press / 50) % keys.length]! : 'j';
		const frame = new Promise<number>((resolve) => {
			waiting = resolve;
		});
		const sent = performance.now();
		terminal.write(key);
		// eslint-disable-next-line no-await-in-loop
		const at = await Promise.race([frame, new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 2000))]);
		if (!Number.isNaN(at)) latencies.push(at - sent);
		// Quiet time between presses, so each frame is one key's work (a person types ~10 keys a second at most).
		// eslint-disable-next-line no-await-in-loop
		await terminal.settle(40, 2000);
	}
	stop();
	const rss = rssOf(terminal.pid);
	terminal.write('q');
	await terminal.waitForExit(10_000).catch(() => terminal.kill());
	return {latencies, rss};
}

async function main(): Promise<void> {
	const only = process.argv[2];
	if (only === undefined || only === 'console') await benchConsole();
	if (only === undefined || only === 'invoke') await benchInvoke();
	if (only === undefined || only === 'logs') await benchLogs();
}

async function benchConsole(): Promise<void> {
	const dataDir = mkdtempSync(join(tmpdir(), 'lambdash-bench-'));
	const lambda = await startLocalLambda({dataDir, port: 0, seed: false, transitionDelayMs: 0});
	try {
		console.log('Creating 1,000 functions in the local Lambda…');
		await addFunctions(lambda, 0, 1000);

		const console1 = [];
		const cli = [];
		for (let run = 0; run < 5; run++) {
			// eslint-disable-next-line no-await-in-loop
			console1.push(await timeToFirstFrame(lambda));
			cli.push(await awsCliListFunctions(lambda));
		}
		const awsVersion = execFileSync('aws', ['--version']).toString().trim();
		const first = percentile(console1, 50);
		const listing = percentile(cli, 50);
		console.log(`\n1. Time to first frame, 1,000 functions (median of 5)`);
		console.log(`   lambdash first frame:            ${first.toFixed(0)} ms`);
		console.log(`   aws lambda list-functions:       ${listing.toFixed(0)} ms   (${awsVersion.split(' ')[0]})`);
		console.log(`   ratio:                           ${(first / listing).toFixed(2)} (goal: under 0.5)`);

		const moves = await bytesPerMove(lambda);
		console.log(`\n2. Bytes written per cursor move at 80x24 (1,000 functions)`);
		console.log(`   within the page: mean ${(moves.within.reduce((a, b) => a + b, 0) / moves.within.length).toFixed(0)}, max ${Math.max(...moves.within)} bytes`);
		console.log(`   scrolling:       mean ${(moves.scrolling.reduce((a, b) => a + b, 0) / moves.scrolling.length).toFixed(0)}, max ${Math.max(...moves.scrolling)} bytes (goal: 300 or fewer)`);

		console.log('\nCreating 9,000 more functions (10,000 in all)…');
		await addFunctions(lambda, 1000, 10_000);
		const {latencies, rss} = await latencyWith10k(lambda);
		console.log(`\n3. Keypress to frame, 10,000 functions (${latencies.length} key presses)`);
		console.log(`   p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (goal: p99 16 ms or less)`);
		console.log(`   resident memory of the console: ${(rss / 1024 / 1024).toFixed(0)} MB (goal: 150 MB or less)`);
	} finally {
		await lambda.close();
		rmSync(dataDir, {recursive: true, force: true});
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
