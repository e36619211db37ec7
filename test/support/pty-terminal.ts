// The real binary in a pseudo-terminal (node-pty), read back as a screen by a
// headless xterm of the same size that is fed everything the program writes.
//
//   const t = PtyTerminal.start({args: ['--local', '--data-dir', dir]});
//   await t.waitForText('demo-');
//   t.press('down');
//   await t.waitForText(/Throttle .*\?/);
//   t.screen();  // the 24 rows, right-trimmed, joined by '\n'
//   t.kill();
//
// xterm parses written data asynchronously. screen(), row() and the other
// readers show what the emulator has parsed; every wait*() method and flush()
// resolve only once everything the program wrote until then is parsed, so
// after `await t.flush()` (or any wait) they reflect all output so far.
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import xtermHeadless from '@xterm/headless';
import type {Terminal as XtermTerminal} from '@xterm/headless';
import * as nodePty from 'node-pty';
import type {IPty} from 'node-pty';

export interface PtyTerminalOptions {
	args: string[];
	/** Default 80. */
	cols?: number;
	/** Default 24. */
	rows?: number;
	/**
	 * Variables set on top of the default environment: this process's, less CI
	 * and CONTINUOUS_INTEGRATION (Ink draws nothing interactive under CI), with
	 * TERM=xterm-256color.
	 */
	env?: Record<string, string>;
	/** Default: the package root. */
	cwd?: string;
	/**
	 * The program to run. Default process.execPath, with `args` prefixed by the
	 * CLI as shipped, dist/lambdash/cli.js under the package root.
	 */
	command?: string;
}

export type PtyKey =
	| 'up'
	| 'down'
	| 'left'
	| 'right'
	| 'home'
	| 'end'
	| 'enter'
	| 'escape'
	| 'pageup'
	| 'pagedown'
	| 'tab'
	| 'shift-tab'
	| 'backspace'
	| 'delete'
	| 'space'
	| 'ctrl-c'
	| 'ctrl-d';

export interface PtyExit {
	exitCode: number;
	signal?: number;
}

const keySequences: Record<PtyKey, string> = {
	up: '\x1b[A',
	down: '\x1b[B',
	right: '\x1b[C',
	left: '\x1b[D',
	home: '\x1b[H',
	end: '\x1b[F',
	enter: '\r',
	escape: '\x1b',
	pageup: '\x1b[5~',
	pagedown: '\x1b[6~',
	tab: '\t',
	'shift-tab': '\x1b[Z',
	backspace: '\x7f',
	delete: '\x1b[3~',
	space: ' ',
	'ctrl-c': '\x03',
	'ctrl-d': '\x04',
};

const applicationCursorKeys: Partial<Record<PtyKey, string>> = {
	up: '\x1bOA',
	down: '\x1bOB',
	right: '\x1bOC',
	left: '\x1bOD',
	home: '\x1bOH',
	end: '\x1bOF',
};

/** The bytes xterm sends for a named key (in application cursor key mode when asked). */
export function keySequence(key: PtyKey, applicationCursorKeysMode = false): string {
	return (applicationCursorKeysMode ? applicationCursorKeys[key] : undefined) ?? keySequences[key];
}

let cachedRoot: string | undefined;

/** The directory holding lambdash's package.json, found upwards from this file. */
export function packageRoot(): string {
	if (cachedRoot) return cachedRoot;
	let dir = dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest)) {
			const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
			if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === 'lambdash') {
				cachedRoot = dir;
				return dir;
			}
		}
		const parent = dirname(dir);
		if (parent === dir) throw new Error('cannot find the lambdash package root');
		dir = parent;
	}
}

/** The binary as shipped (the bundle `npm run build` makes), which the default command runs. */
export function cliPath(): string {
	return join(packageRoot(), 'dist', 'lambdash', 'cli.js');
}

/**
 * process.env less CI variables, with TERM=xterm-256color and a new, empty
 * settings directory (so no run reads or writes the user's own test events),
 * then `extra` on top.
 */
export function terminalEnv(extra: Record<string, string> = {}): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && key !== 'CI' && key !== 'CONTINUOUS_INTEGRATION') env[key] = value;
	}
	env.TERM = 'xterm-256color';
	env.LAMBDASH_CONFIG_DIR = mkdtempSync(join(tmpdir(), 'lambdash-config-'));
	return {...env, ...extra};
}

function describe(text: string | RegExp): string {
	return typeof text === 'string' ? JSON.stringify(text) : String(text);
}

export class PtyTerminal {
	readonly terminal: XtermTerminal;
	private readonly pty: IPty;
	private readonly chunks: Buffer[] = [];
	private bytes = 0;
	private pending = 0;
	private cursorHidden = false;
	private exitInfo: PtyExit | undefined;
	private readonly exited: Promise<PtyExit>;
	/** Called after each parsed chunk and on exit; used by the waits. */
	private readonly listeners = new Set<() => void>();
	/** Called as soon as bytes arrive, before the emulator parses them; for timing. */
	private readonly outputListeners = new Set<(at: number) => void>();

	private constructor(options: PtyTerminalOptions) {
		const cols = options.cols ?? 80;
		const rows = options.rows ?? 24;
		const command = options.command ?? process.execPath;
		const args = options.command === undefined ? [cliPath(), ...options.args] : options.args;
		this.terminal = new xtermHeadless.Terminal({cols, rows, allowProposedApi: true, scrollback: 1000});
		this.trackCursorVisibility();
		this.pty = nodePty.spawn(command, args, {
			name: 'xterm-256color',
			cols,
			rows,
			cwd: options.cwd ?? packageRoot(),
			env: terminalEnv(options.env),
			// Raw bytes: bytesWritten() counts what the program wrote, and the
			// emulator decodes UTF-8 split across chunks itself.
			encoding: null,
		});
		// node-pty's typings say string; with encoding null it delivers Buffers.
		this.pty.onData((data: string | Uint8Array) => this.receive(data));
		// Answers to the terminal's queries (cursor position, device attributes).
		this.terminal.onData((reply) => {
			if (!this.exitInfo) this.pty.write(reply);
		});
		this.exited = new Promise<PtyExit>((resolve) => {
			this.pty.onExit(({exitCode, signal}) => {
				const info: PtyExit = signal ? {exitCode, signal} : {exitCode};
				// Let the emulator parse the last output before anyone looks.
				void this.flush().then(() => {
					this.exitInfo = info;
					resolve(info);
					this.notify();
				});
			});
		});
	}

	static start(options: PtyTerminalOptions): PtyTerminal {
		return new PtyTerminal(options);
	}

	private receive(data: string | Uint8Array): void {
		const at = performance.now();
		for (const listener of [...this.outputListeners]) listener(at);
		const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
		this.chunks.push(chunk);
		this.bytes += chunk.length;
		this.pending++;
		this.terminal.write(chunk, () => {
			this.pending--;
			this.notify();
		});
	}

	private notify(): void {
		for (const listener of [...this.listeners]) listener();
	}

	private trackCursorVisibility(): void {
		// DECTCEM (CSI ? 25 h / l) is not exposed by xterm's public API, so watch
		// for it; returning false lets xterm handle the sequence as usual.
		const watch = (hidden: boolean) => (params: (number | number[])[]) => {
			if (params.includes(25)) this.cursorHidden = hidden;
			return false;
		};
		this.terminal.parser.registerCsiHandler({prefix: '?', final: 'h'}, watch(false));
		this.terminal.parser.registerCsiHandler({prefix: '?', final: 'l'}, watch(true));
		// Full reset (RIS) and soft reset (DECSTR) show the cursor again.
		this.terminal.parser.registerEscHandler({final: 'c'}, () => {
			this.cursorHidden = false;
			return false;
		});
		this.terminal.parser.registerCsiHandler({intermediates: '!', final: 'p'}, () => {
			this.cursorHidden = false;
			return false;
		});
	}

	/** Call `listener` with performance.now() whenever the program writes; returns a function that stops it. */
	onOutput(listener: (at: number) => void): () => void {
		this.outputListeners.add(listener);
		return () => this.outputListeners.delete(listener);
	}

	/** The process ID of the program, e.g. to read its memory use. */
	get pid(): number {
		return this.pty.pid;
	}

	/** Resolves once everything the program has written so far has been parsed. */
	flush(): Promise<void> {
		return new Promise((resolve) => this.terminal.write('', resolve));
	}

	/** The visible screen: rows joined with '\n', each right-trimmed. */
	screen(): string {
		const lines: string[] = [];
		for (let n = 0; n < this.terminal.rows; n++) lines.push(this.row(n));
		return lines.join('\n');
	}

	/** Visible row n (0 = top), right-trimmed. */
	row(n: number): string {
		const buffer = this.terminal.buffer.active;
		return buffer.getLine(buffer.viewportY + n)?.translateToString(true) ?? '';
	}

	/** Resolves when `predicate` holds after output is parsed; rejects on timeout or exit, with the screen. */
	async waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
		await this.flush();
		if (predicate()) return;
		await new Promise<void>((resolve, reject) => {
			const finish = (error?: Error): void => {
				clearTimeout(timer);
				this.listeners.delete(check);
				if (error) reject(error);
				else resolve();
			};
			const check = (): void => {
				if (this.pending > 0) return; // decide on a fully parsed screen
				if (predicate()) finish();
				else if (this.exitInfo) {
					finish(
						new Error(
							`program exited (code ${this.exitInfo.exitCode}) before ${what}; screen:\n${this.screen()}`,
						),
					);
				}
			};
			const timer = setTimeout(() => {
				finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen:\n${this.screen()}`));
			}, timeoutMs);
			this.listeners.add(check);
			check();
		});
	}

	/** Resolves when the screen contains `text` (a string, or a RegExp tested against screen()). */
	waitForText(text: string | RegExp, timeoutMs = 10_000): Promise<void> {
		const matches = (): boolean => {
			const screen = this.screen();
			return typeof text === 'string' ? screen.includes(text) : text.test(screen);
		};
		return this.waitFor(matches, describe(text), timeoutMs);
	}

	/** Resolves when the screen no longer contains `text`. */
	waitForNoText(text: string | RegExp, timeoutMs = 10_000): Promise<void> {
		const absent = (): boolean => {
			const screen = this.screen();
			return typeof text === 'string' ? !screen.includes(text) : !text.test(screen);
		};
		return this.waitFor(absent, `${describe(text)} to disappear`, timeoutMs);
	}

	/**
	 * Waits until the program has written nothing for `quietMs` (and all of it
	 * is parsed): the frame is complete. Resolves true then, or false when the
	 * output is still changing after `timeoutMs` (a spinner, a clock).
	 */
	async settle(quietMs = 150, timeoutMs = 5_000): Promise<boolean> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const before = this.bytes;
			await new Promise((resolve) => setTimeout(resolve, quietMs));
			await this.flush();
			if (this.bytes === before || this.exitInfo) return true;
			if (Date.now() > deadline) return false;
		}
	}

	/** Resolves with the exit status once the program has exited; rejects on timeout. */
	waitForExit(timeoutMs = 10_000): Promise<PtyExit> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				reject(new Error(`program did not exit within ${timeoutMs} ms; screen:\n${this.screen()}`));
			}, timeoutMs);
			void this.exited.then((info) => {
				clearTimeout(timer);
				resolve(info);
			});
		});
	}

	/** Whether the program has exited (and its last output been parsed). */
	hasExited(): boolean {
		return this.exitInfo !== undefined;
	}

	/** Raw keys, as a person would type them: 'j', '\r', '\x1b', '\x03'. */
	write(data: string): void {
		if (this.exitInfo) throw new Error(`cannot type ${JSON.stringify(data)}: the program has exited`);
		this.pty.write(data);
	}

	/** A named key, sent as xterm sends it (honouring application cursor key mode). */
	press(key: PtyKey): void {
		this.write(keySequence(key, this.terminal.modes.applicationCursorKeysMode));
	}

	/** Resizes the pseudo-terminal (the program gets SIGWINCH) and the emulator. */
	resize(cols: number, rows: number): void {
		this.terminal.resize(cols, rows);
		if (!this.exitInfo) this.pty.resize(cols, rows);
	}

	/** Total bytes the program has written to the terminal so far. */
	bytesWritten(): number {
		return this.bytes;
	}

	/** Everything the program wrote, escape sequences included. */
	rawOutput(): string {
		return Buffer.concat(this.chunks).toString('utf8');
	}

	/** Whether the program is in the alternate screen buffer. */
	isAlternateScreen(): boolean {
		return this.terminal.buffer.active.type === 'alternate';
	}

	/** Whether the cursor is shown (DECTCEM), as the program last set it. */
	cursorVisible(): boolean {
		return !this.cursorHidden;
	}

	/** Where the cursor is on the visible screen (0-based). */
	cursor(): {x: number; y: number} {
		const buffer = this.terminal.buffer.active;
		return {x: buffer.cursorX, y: buffer.baseY + buffer.cursorY - buffer.viewportY};
	}

	/** Ends the program (SIGHUP, as closing a terminal would) if it is still running. */
	kill(signal?: string): void {
		if (this.exitInfo) return;
		try {
			this.pty.kill(signal);
		} catch {
			// already gone
		}
	}
}
