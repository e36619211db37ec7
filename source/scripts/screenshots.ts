// `npm run screenshots`: runs the real console in a pseudo-terminal at 80x24
// against the local Lambda (a fresh data directory, so the demo functions) and
// writes a PNG of each screen into screenshots/.
//
// To add a screen, add a step: the keys that lead to it from the previous
// step's screen, and what must be on screen before the picture is taken.
//
//   node dist/source/scripts/screenshots.js [--out DIR] [--scale N] [--only NAME]
// --only NAME passes through the screens before NAME and writes NAME alone.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {pathToFileURL} from 'node:url';
import {InvokeCommand, LambdaClient} from '@aws-sdk/client-lambda';
import {demoFunctions} from '../demo/index.js';
import {systemClock, type Clock} from '../mock/clock.js';
import {startLocalLambda} from '../mock/server.js';
import {keySequence, packageRoot, PtyTerminal} from '../../test/support/pty-terminal.js';
import type {PtyKey, PtyTerminalOptions} from '../../test/support/pty-terminal.js';
import {terminalToPng} from './terminal-png.js';

/** A key to type: a named key ({key: 'enter'}) or raw text ('T', 'j', '/web'). */
export type StepKey = string | {key: PtyKey};

export interface ScreenshotStep {
	/** File name of the PNG, relative to the output directory. */
	file: string;
	/** Keys typed one after another, from the screen the previous step left. */
	keys: StepKey[];
	/** What the screen must show before the picture is taken. */
	waitFor: string | RegExp | ((screen: string) => boolean);
	/** How long the app must stay quiet before the picture (ms). Default 250. */
	settleMs?: number;
	/** False to only pass through this screen without writing its PNG. Default true. */
	capture?: boolean;
}

export interface ScreenshotRun {
	terminal: PtyTerminalOptions;
	steps: ScreenshotStep[];
	outDir: string;
	scale?: number;
	/** Keys that end the program after the last step; it is killed if it has not exited 5 s later. */
	quitKeys?: StepKey[];
	timeoutMs?: number;
	log?: (line: string) => void;
}

/** The screens the README shows, in the order a person reaches them. */
export const appSteps: ScreenshotStep[] = [
	{
		file: 'function-list.png',
		keys: [],
		// The list has loaded: a count in the title and no loading line.
		waitFor: (screen) => /Functions \([1-9]/.test(screen) && !/loading/i.test(screen),
	},
	{
		file: 'overview-diagram.png',
		// The first function, the file processor: two triggers and two destinations in the demo.
		keys: [{key: 'enter'}],
		waitFor: (screen) => /Overview/.test(screen) && /┌ SQS · Enabled/.test(screen) && /┌ On failure/.test(screen) && !/Loading/.test(screen),
	},
	{
		file: 'throttle-confirm.png',
		keys: ['T'],
		waitFor: /Throttle .+\?/,
	},
	{
		file: 'configuration-general.png',
		// n answers the throttle question; 5 opens the Configuration tab.
		keys: ['n', '5'],
		waitFor: (screen) => /General configuration/.test(screen) && /Memory +\d+ MB/.test(screen),
	},
	{
		file: 'configuration-general-edit.png',
		keys: ['e', {key: 'down'}, '\u0015', '9', '9', '9', '9', '9', {key: 'enter'}],
		waitFor: /Memory must be|memory must be/,
	},
	{
		file: 'configuration-environment.png',
		// Environment is the seventh section (General, Triggers, Permissions, Destinations, Function URL, Layers, Environment).
		keys: [{key: 'escape'}, 'j', 'j', 'j', 'j', 'j', 'j', {key: 'enter'}, 'v'],
		waitFor: (screen) => /Environment variables \(\d+\)/.test(screen) && /of 4096 bytes/.test(screen),
	},
	{
		file: 'test-success.png',
		// The Test tab; n, the S3 Put template (the sixth), saved as s3-put, the editor closed, invoked.
		keys: [{key: 'escape'}, '3', 'n', 'j', 'j', 'j', 'j', 'j', {key: 'enter'}, {key: 'enter'}, {key: 'escape'}, {key: 'enter'}],
		waitFor: (screen) => /✔ Succeeded \(200\)/.test(screen) && /"processed"/.test(screen),
	},
	{
		file: 'test-failure.png',
		// A second event, outside-bucket, written by the editor script (screenshotEditor): an S3 key
		// that leaves the bucket, which the demo function refuses with its own error.
		keys: ['n', {key: 'enter'}, '\u0015', ...'outside-bucket', {key: 'enter'}, {key: 'escape'}, 'E', {key: 'enter'}],
		waitFor: (screen) => /✘ Failed: MalformedObjectError/.test(screen) && /Stack:/.test(screen),
	},
	{
		file: 'monitor-metrics.png',
		// Three more invocations of s3-put (j selects it: the list is by name), then the Monitor tab's charts.
		keys: ['j', {key: 'enter'}, {key: 'enter'}, {key: 'enter'}, '4'],
		waitFor: (screen) => /Invocations/.test(screen) && /Success rate/.test(screen) && /[\u2801-\u28FF]/.test(screen),
		settleMs: 500,
	},
	{
		file: 'monitor-logs.png',
		keys: [']'],
		waitFor: (screen) => /REPORT RequestId/.test(screen) && /lines · f filter/.test(screen),
	},
	{
		file: 'code-tab.png',
		// The Code tab; j and Enter open index.mjs (under the sample-objects folder).
		keys: ['2', 'j', {key: 'enter'}],
		waitFor: (screen) => /index\.mjs · /.test(screen) && /lines 1-/.test(screen),
	},
	{
		file: 'create-function.png',
		// Back to the list (Esc closes the file, Esc leaves the detail); c, Author from scratch, a name.
		keys: [{key: 'escape'}, {key: 'escape'}, 'c', {key: 'enter'}, ...'orders-api'],
		waitFor: (screen) => /orders-api/.test(screen) && /Runtime/.test(screen) && /arn:aws:iam::/.test(screen),
	},
	{
		file: 'layers-published.png',
		capture: false,
		// Out of the form and the create screen; :layers; a version published from the yaml package's folder.
		keys: [
			{key: 'escape'},
			{key: 'escape'},
			':',
			...'layers',
			{key: 'enter'},
			'p',
			...'yaml-lib',
			{key: 'tab'},
			...'The yaml package for Node.js',
			{key: 'tab'},
			...'node_modules/yaml',
			{key: 'tab'},
			...'nodejs22.x, nodejs20.x',
			{key: 'tab'},
			...'x86_64, arm64',
			{key: 'enter'},
		],
		waitFor: /Published yaml-lib version 1/,
	},
	{
		file: 'layers-screen.png',
		// From the new version back to the list of layers.
		keys: [{key: 'escape'}],
		waitFor: (screen) => /Layers \(1\)/.test(screen) && /yaml-lib +1 /.test(screen),
		settleMs: 500,
	},
];

/** An "editor" for the screenshots: it writes the failing event into the file it is given. */
export function screenshotEditor(directory: string): string {
	const event = {Records: [{eventSource: 'aws:s3', s3: {bucket: {name: 'lambdash-demo-uploads'}, object: {key: '../../private/keys.json'}}}]};
	const content = join(directory, 'outside-bucket.json');
	writeFileSync(content, `${JSON.stringify(event, null, 2)}\n`);
	const script = join(directory, 'editor.sh');
	writeFileSync(script, `#!/bin/sh\ncat "${content}" > "$1"\n`, {mode: 0o755});
	return script;
}

function typeOf(key: StepKey): string {
	return typeof key === 'string' ? key : keySequence(key.key);
}

function describeWait(waitFor: ScreenshotStep['waitFor']): string {
	if (typeof waitFor === 'function') return 'the expected screen';
	return typeof waitFor === 'string' ? JSON.stringify(waitFor) : String(waitFor);
}

/** Runs the steps against one program and writes their PNGs; returns the files written. */
export async function takeScreenshots(run: ScreenshotRun): Promise<string[]> {
	const log = run.log ?? ((line: string) => console.log(line));
	const timeoutMs = run.timeoutMs ?? 30_000;
	mkdirSync(run.outDir, {recursive: true});
	const term = PtyTerminal.start(run.terminal);
	const written: string[] = [];
	try {
		for (const step of run.steps) {
			for (const key of step.keys) {
				term.write(typeOf(key));
				// One key at a time, as typed: the app sees separate keypresses.
				await new Promise((resolve) => setTimeout(resolve, 60));
			}
			const waitFor = step.waitFor;
			const predicate =
				typeof waitFor === 'function'
					? () => waitFor(term.screen())
					: typeof waitFor === 'string'
						? () => term.screen().includes(waitFor)
						: () => waitFor.test(term.screen());
			await term.waitFor(predicate, `${describeWait(waitFor)} for ${step.file}`, timeoutMs);
			if (!(await term.settle(step.settleMs ?? 250, 5000))) {
				log(`note: the screen for ${step.file} was still changing; taking it as it is`);
			}
			if (step.capture === false) continue;
			const file = join(run.outDir, step.file);
			writeFileSync(file, terminalToPng(term.terminal, {scale: run.scale ?? 1}));
			written.push(file);
			const shown = relative(process.cwd(), file);
			log(`wrote ${shown && !shown.startsWith('..') ? shown : file}`);
		}
		if (run.quitKeys && !term.hasExited()) {
			for (const key of run.quitKeys) {
				if (term.hasExited()) break;
				term.write(typeOf(key));
				await new Promise((resolve) => setTimeout(resolve, 60));
			}
			await term.waitForExit(5000).catch(() => undefined);
		}
	} finally {
		if (!term.hasExited()) {
			term.kill();
			await term.waitForExit(5000).catch(() => undefined);
		}
	}
	return written;
}

/** The demo function the Monitor tab's screenshots show. */
const monitoredDemo = 'file-processor-node';

/**
 * Three hours of traffic for the Monitor tab's screenshots, made before the
 * console starts: the local Lambda runs on a clock set back in time, and the
 * demo function is really invoked every three minutes, a few times (now and
 * then with an object key that leaves the bucket, which it refuses), so its
 * metrics, logs and REPORT lines are spread over the charts' range instead of
 * being one point at the right edge. Nothing about the function is made up.
 */
async function recordPastTraffic(dataDir: string): Promise<void> {
	let backMs = 0;
	const clock: Clock = {now: () => Date.now() - backMs, setTimer: systemClock.setTimer};
	const lambda = await startLocalLambda({dataDir, port: 0, clock});
	const client = new LambdaClient({endpoint: lambda.endpoint, region: lambda.region, credentials: {accessKeyId: 'screenshots', secretAccessKey: 'screenshots'}});
	try {
		const sample = demoFunctions().find((demo) => demo.name === monitoredDemo)?.sampleEvent;
		if (sample === undefined) throw new Error(`the demo has no ${monitoredDemo} with a sample event`);
		const refused = {Records: [{eventSource: 'aws:s3', s3: {bucket: {name: 'lambdash-demo-uploads'}, object: {key: '../../private/keys.json'}}}]};
		const invoke = (event: unknown) => client.send(new InvokeCommand({FunctionName: monitoredDemo, Payload: Buffer.from(JSON.stringify(event))}));
		// A cold start four hours back, out of the range, so its init time does not set the Duration scale.
		backMs = 4 * 60 * 60 * 1000;
		await invoke(sample);
		for (let minutes = 177; minutes >= 3; minutes -= 3) {
			backMs = minutes * 60 * 1000;
			// A daily-looking rise and fall: one to six calls a step.
			const calls = 1 + Math.round(2.5 + 2.5 * Math.sin(minutes / 25));
			// eslint-disable-next-line no-await-in-loop
			for (let call = 0; call < calls; call++) await invoke(sample);
			// eslint-disable-next-line no-await-in-loop
			if (minutes % 27 === 0) await invoke(refused);
		}
	} finally {
		client.destroy();
		await lambda.close();
	}
}

function flag(args: string[], name: string): string | undefined {
	const index = args.indexOf(name);
	return index >= 0 ? args[index + 1] : undefined;
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const root = packageRoot();
	const outDir = flag(args, '--out') ?? join(root, 'screenshots');
	const scale = Number(flag(args, '--scale') ?? 1);
	if (!Number.isInteger(scale) || scale < 1 || scale > 8) throw new Error('--scale takes a whole number from 1 to 8');
	const only = flag(args, '--only');
	// Screenshots show colour whatever the caller's terminal prefers.
	delete process.env.NO_COLOR;
	const dataDir = mkdtempSync(join(tmpdir(), 'lambdash-screenshots-'));
	const editorDir = mkdtempSync(join(tmpdir(), 'lambdash-screenshots-editor-'));
	try {
		await recordPastTraffic(dataDir);
		let steps = appSteps;
		if (only) {
			// Keep the steps up to and including the one asked for: it needs their keys.
			const last = steps.findIndex((step) => step.file === only || step.file === `${only}.png`);
			if (last < 0) throw new Error(`no screenshot step ${only}; steps: ${steps.map((s) => s.file).join(', ')}`);
			steps = steps.slice(0, last + 1).map((step, index) => (index < last ? {...step, capture: false} : step));
		}
		await takeScreenshots({
			terminal: {args: ['--local', '--data-dir', dataDir], cols: 80, rows: 24, cwd: root, env: {VISUAL: screenshotEditor(editorDir)}},
			steps,
			outDir,
			scale,
			quitKeys: [{key: 'escape'}, {key: 'escape'}, 'q'],
		});
	} finally {
		rmSync(dataDir, {recursive: true, force: true});
		rmSync(editorDir, {recursive: true, force: true});
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
