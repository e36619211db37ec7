// The console rendered in-process into an emulated 80x24 terminal (a headless
// xterm), driven by keys as a person types them, and read back as a screen.
import {EventEmitter} from 'node:events';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import xterm from '@xterm/headless';
import {createClients, type Clients} from '../../source/aws/clients.js';
import type {Session} from '../../source/session.js';
import {runConsole} from '../../source/ui/run.js';
import {themeFor, type Theme} from '../../source/ui/theme.js';

const {Terminal} = xterm;

class FakeStdin extends EventEmitter {
	isTTY = true;
	private chunks: string[] = [];
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
	read(): string | null {
		return this.chunks.shift() ?? null;
	}
	type(data: string): void {
		this.chunks.push(data);
		this.emit('readable');
	}
}

class FakeStdout extends EventEmitter {
	isTTY = true;
	bytes = 0;
	constructor(
		public columns: number,
		public rows: number,
		private readonly sink: (data: string) => void,
	) {
		super();
	}
	write(data: string | Uint8Array): boolean {
		const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
		this.bytes += Buffer.byteLength(text);
		this.sink(text);
		return true;
	}
}

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	backspace: '\u007F',
	ctrlC: '\u0003',
} as const;

export class UiTerminal {
	readonly terminal: InstanceType<typeof Terminal>;
	private readonly stdin = new FakeStdin();
	private readonly stdout: FakeStdout;
	private readonly stderr: FakeStdout;
	private pending = Promise.resolve();
	readonly done: Promise<void>;
	readonly clients: Clients;
	/** The console's settings (private test events) live here: a new directory for each terminal unless one is given. */
	readonly configDir: string;

	private constructor(session: Session, columns: number, rows: number, theme: Theme, configDir: string | undefined) {
		this.terminal = new Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0});
		this.stdout = new FakeStdout(columns, rows, (data) => this.feed(data));
		this.stderr = new FakeStdout(columns, rows, () => undefined);
		this.clients = createClients(session);
		this.configDir = configDir ?? mkdtempSync(join(tmpdir(), 'lambdash-config-'));
		this.done = runConsole(
			session,
			this.clients,
			{
				stdin: this.stdin as unknown as NodeJS.ReadStream,
				stdout: this.stdout as unknown as NodeJS.WriteStream,
				stderr: this.stderr as unknown as NodeJS.WriteStream,
			},
			theme,
			this.configDir,
		);
	}

	static start(session: Session, options: {columns?: number; rows?: number; env?: NodeJS.ProcessEnv; configDir?: string} = {}): UiTerminal {
		return new UiTerminal(session, options.columns ?? 80, options.rows ?? 24, themeFor(options.env ?? {}), options.configDir);
	}

	private feed(data: string): void {
		this.pending = this.pending.then(() => new Promise<void>((resolve) => this.terminal.write(data, resolve)));
	}

	/** Every byte the console has written so far. */
	get bytesWritten(): number {
		return this.stdout.bytes;
	}

	/** Wait until the emulator has drawn everything written so far. */
	async settle(): Promise<void> {
		let seen: Promise<void> | undefined;
		while (seen !== this.pending) {
			seen = this.pending;
			// eslint-disable-next-line no-await-in-loop
			await seen;
		}
	}

	screen(): string {
		const buffer = this.terminal.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < this.terminal.rows; y++) {
			lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		}
		return lines.join('\n');
	}

	/** The row (0-based) whose text contains `text`, or -1. */
	rowOf(text: string): number {
		return this.screen().split('\n').findIndex((line) => line.includes(text));
	}

	/** Cell attributes at a row and column, to check what stands out (inverse, bold, colour). */
	cell(row: number, column: number): {char: string; inverse: boolean; bold: boolean; fg: number; fgDefault: boolean} {
		const buffer = this.terminal.buffer.active;
		const cell = buffer.getLine(buffer.viewportY + row)?.getCell(column);
		return {
			char: cell?.getChars() ?? '',
			inverse: Boolean(cell?.isInverse()),
			bold: Boolean(cell?.isBold()),
			fg: cell?.getFgColor() ?? -1,
			fgDefault: Boolean(cell?.isFgDefault()),
		};
	}

	isAlternateScreen(): boolean {
		return this.terminal.buffer.active.type === 'alternate';
	}

	/** Output written when keys were last typed: quiet() first waits for the console to answer them. */
	private bytesAtType = 0;

	type(data: string): void {
		this.bytesAtType = this.stdout.bytes;
		this.stdin.type(data);
	}

	/** Press keys one at a time, as a person does, each once the console has drawn what the last one did. */
	async press(...sequence: string[]): Promise<void> {
		for (const data of sequence) {
			this.type(data);
			// eslint-disable-next-line no-await-in-loop
			await this.quiet();
		}
	}

	/** Wait until the console has written nothing for `quietMs` (it has drawn all it is going to). */
	async quiet(quietMs = 30, timeoutMs = 2000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		// A loaded machine may take a while to start drawing what a key did (a key
		// that changes nothing draws nothing: then this gives up after a moment).
		const answerBy = Date.now() + 250;
		while (this.stdout.bytes === this.bytesAtType && Date.now() < answerBy) {
			// eslint-disable-next-line no-await-in-loop
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		let seen = -1;
		while (seen !== this.stdout.bytes && Date.now() < deadline) {
			seen = this.stdout.bytes;
			// eslint-disable-next-line no-await-in-loop
			await new Promise((resolve) => setTimeout(resolve, quietMs));
		}
		await this.settle();
	}

	async waitFor(predicate: (screen: string) => boolean, description: string, timeoutMs = 5000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			// eslint-disable-next-line no-await-in-loop
			await this.settle();
			const screen = this.screen();
			if (predicate(screen)) return;
			if (Date.now() > deadline) throw new Error(`Timed out waiting for ${description}. Screen:\n${screen}`);
			// eslint-disable-next-line no-await-in-loop
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}

	async waitForText(text: string | RegExp, timeoutMs = 5000): Promise<void> {
		await this.waitFor(
			(screen) => (typeof text === 'string' ? screen.includes(text) : text.test(screen)),
			JSON.stringify(String(text)),
			timeoutMs,
		);
	}

	async waitForNoText(text: string, timeoutMs = 5000): Promise<void> {
		await this.waitFor((screen) => !screen.includes(text), `"${text}" to go`, timeoutMs);
	}

	resize(columns: number, rows: number): void {
		this.terminal.resize(columns, rows);
		this.stdout.columns = columns;
		this.stdout.rows = rows;
		this.stdout.emit('resize');
	}

	/** Quit with q and wait for the console to end. */
	async quit(): Promise<void> {
		this.type('q');
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error(`q did not quit within 5 s. Screen:\n${this.screen()}`)), 5000);
		});
		try {
			await Promise.race([this.done, timeout]);
		} finally {
			clearTimeout(timer);
		}
		await this.settle();
		this.clients.destroy();
	}
}
