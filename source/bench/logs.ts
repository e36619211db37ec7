// npm run bench -- logs: the Monitor tab's live tail under a flood. A local
// Lambda (its own process, without CloudWatch's 500-a-second sampling)
// receives 10,000 log lines a second into a demo function's log group through
// PutLogEvents, and passes every one to the live tail; the real console, in a
// pseudo-terminal at 80x24, follows the group with live tail. Meanwhile `?`
// opens and Esc closes the help, and the time from each key to the frame that
// shows its effect is measured: the keys must still answer within 50 ms.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {availableParallelism, tmpdir} from 'node:os';
import {join} from 'node:path';
import {CloudWatchLogsClient, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {cliPath, PtyTerminal} from '../../test/support/pty-terminal.js';
import {percentile, startMock} from './invoke.js';

const credentials = {AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1'};
const linesPerSecond = 10_000;
const batchesPerSecond = 10;
const group = '/aws/lambda/file-processor-node';
const stream = '2026/11/27/[$LATEST]bench0000000000000000000000000000';

/** CPU seconds (user and system) a process has used, from /proc; undefined where there is no /proc. */
function cpuSecondsOf(pid: number): number | undefined {
	try {
		// Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return undefined;
	}
}

/** Writes `linesPerSecond` lines a second until stopped; resolves to how many were written. */
function flood(client: CloudWatchLogsClient): {stop(): Promise<number>} {
	let written = 0;
	let running = true;
	let sequence = 0;
	const loop = (async () => {
		const perBatch = linesPerSecond / batchesPerSecond;
		const started = performance.now();
		for (let batch = 0; running; batch++) {
			const now = Date.now();
			const logEvents = Array.from({length: perBatch}, (_, index) => ({
				timestamp: now,
				message: `${new Date(now).toISOString()}\tbench-${String(sequence + index).padStart(8, '0')}\tINFO\tline ${sequence + index} of the flood {"level":"INFO","n":${sequence + index}}`,
			}));
			sequence += perBatch;
			// eslint-disable-next-line no-await-in-loop
			await client.send(new PutLogEventsCommand({logGroupName: group, logStreamName: stream, logEvents}));
			written += perBatch;
			// Keep to the rate: wait until this batch's slot has passed.
			const due = started + ((batch + 1) * 1000) / batchesPerSecond;
			const wait = due - performance.now();
			// eslint-disable-next-line no-await-in-loop
			if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		}
	})();
	return {
		async stop() {
			running = false;
			await loop;
			return written;
		},
	};
}

export async function benchLogs(): Promise<void> {
	const dataDir = mkdtempSync(join(tmpdir(), 'lambdash-bench-logs-'));
	// CloudWatch samples a live tail down to 500 events a second; the local Lambda does too, unless asked
	// otherwise: here every line is delivered, so the console itself takes 10,000 a second.
	const mock = await startMock(dataDir, ['--live-tail-events', String(linesPerSecond * 2)]);
	const client = new CloudWatchLogsClient({endpoint: mock.endpoint, region: 'us-east-1', credentials: {accessKeyId: 'bench', secretAccessKey: 'bench'}});
	try {
		const {CreateLogGroupCommand, CreateLogStreamCommand} = await import('@aws-sdk/client-cloudwatch-logs');
		await client.send(new CreateLogGroupCommand({logGroupName: group})).catch(() => undefined);
		await client.send(new CreateLogStreamCommand({logGroupName: group, logStreamName: stream}));
		// BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the console while it tails.
		const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
		const terminal = PtyTerminal.start({command: process.execPath, args: [...nodeArgs, cliPath(), '--endpoint-url', mock.endpoint, '--region', 'us-east-1'], env: credentials});
		await terminal.waitForText('file-processor-node', 30_000);
		terminal.write('\r');
		await terminal.waitForText('4 Monitor');
		terminal.write('4');
		await terminal.waitForText('[ ] switch');
		terminal.write(']');
		await terminal.waitForText(group);
		terminal.write('F');
		await terminal.waitForText('live tail: live', 10_000);

		const writer = flood(client);
		const floodStarted = performance.now();
		const cpuBefore = cpuSecondsOf(terminal.pid);
		const mockCpuBefore = cpuSecondsOf(mock.process.pid ?? 0);
		const benchCpuBefore = process.cpuUsage();
		// Let the flood reach full speed before measuring.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const latencies: number[] = [];
		for (let press = 0; press < 100; press++) {
			const opening = press % 2 === 0;
			const shows = (): boolean => terminal.screen().includes('Esc or ? closes this help');
			const sent = performance.now();
			terminal.write(opening ? '?' : '\u001B');
			// eslint-disable-next-line no-await-in-loop
			await terminal.waitFor(() => shows() === opening, opening ? 'the help' : 'the help to close', 5000);
			latencies.push(performance.now() - sent);
			// eslint-disable-next-line no-await-in-loop
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const cpuAfter = cpuSecondsOf(terminal.pid);
		const mockCpuAfter = cpuSecondsOf(mock.process.pid ?? 0);
		const benchCpu = process.cpuUsage(benchCpuBefore);
		const cpuWindow = (performance.now() - floodStarted) / 1000;
		const written = await writer.stop();
		const seconds = (performance.now() - floodStarted) / 1000;
		await terminal.settle(300, 5000);
		const header = terminal.screen().split('\n').find((line) => line.includes('live tail')) ?? '';
		const dropped = Number(/(\d+) older lines dropped/.exec(header)?.[1] ?? 0);
		const shownLines = /(\d+) lines/.exec(terminal.screen())?.[1] ?? '?';
		terminal.write('q');
		await terminal.waitForExit(10_000).catch(() => terminal.kill());

		console.log(`\n8. Live tail under a flood (${(written / seconds).toFixed(0)} lines/s written for ${seconds.toFixed(1)} s)`);
		const worst = latencies.reduce((most, latency) => Math.max(most, latency), 0);
		console.log(`   keys while tailing: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${worst.toFixed(1)} ms (goal: 50 ms or less: ${worst <= 50 ? 'met' : 'not met'})`);
		if (cpuBefore !== undefined && cpuAfter !== undefined) {
			// Where the time goes: the console's own share of a CPU, beside the local Lambda and this
			// process's terminal emulator, which share the machine's CPUs with it.
			const share = (used: number): string => `${((used / cpuWindow) * 100).toFixed(0)}%`;
			const mockShare = mockCpuBefore !== undefined && mockCpuAfter !== undefined ? share(mockCpuAfter - mockCpuBefore) : '?';
			const benchShare = share((benchCpu.user + benchCpu.system) / 1e6);
			console.log(`   CPU while tailing, as a share of one CPU (${availableParallelism()} CPUs here): the console ${share(cpuAfter - cpuBefore)}, the local Lambda ${mockShare}, this bench's writer and terminal emulator ${benchShare}`);
		}
		console.log(`   the view held ${shownLines} lines (a 10,000-line buffer) and had dropped ${dropped} older ones`);
	} finally {
		client.destroy();
		await mock.stop();
		rmSync(dataDir, {recursive: true, force: true});
	}
}
