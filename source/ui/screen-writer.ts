// What reaches the terminal. Ink renders each frame as a whole (its debug mode)
// into a stand-in stdout; the ScreenWriter compares the frame with the screen it
// last drew and rewrites only the rows that changed, each addressed absolutely.
//
// Why not Ink's own incremental renderer: in Ink 6.8 it moves the cursor one
// row too few when the frame ends with a newline (any frame shorter than the
// terminal), so every update lands a row low. Absolute addressing cannot drift,
// and a resize simply repaints the whole screen.
import {EventEmitter} from 'node:events';

const esc = '\u001B[';
const beginSynchronized = `${esc}?2026h`;
const endSynchronized = `${esc}?2026l`;
const hideCursor = `${esc}?25l`;
const clearScreen = `${esc}2J`;
const eraseToEndOfLine = `${esc}K`;
const resetStyle = `${esc}0m`;

const moveTo = (row: number): string => `${esc}${row + 1}H`;

/** The stdout Ink renders into: the real terminal's size, every write a full frame. */
export class FrameSink extends EventEmitter {
	readonly isTTY = true;
	constructor(
		public columns: number,
		public rows: number,
		private readonly onFrame: (frame: string) => void,
	) {
		super();
	}
	write(data: string | Uint8Array, callback?: () => void): boolean {
		this.onFrame(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
		callback?.();
		return true;
	}
}

export interface Terminal {
	columns?: number;
	rows?: number;
	write(data: string): unknown;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
}

/**
 * Draws frames into a terminal, row by row, only where they changed. Frames
 * that arrive in the same turn of the event loop are drawn once, the latest.
 */
export class ScreenWriter {
	readonly sink: FrameSink;
	private drawn: string[] = [];
	private pending: string | undefined;
	private scheduled = false;
	private repaint = true;
	private closed = false;

	constructor(private readonly terminal: Terminal) {
		this.sink = new FrameSink(terminal.columns || 80, terminal.rows || 24, (frame) => this.frame(frame));
		terminal.on('resize', this.onResize);
		terminal.write(hideCursor);
	}

	private readonly onResize = () => {
		this.sink.columns = this.terminal.columns || 80;
		this.sink.rows = this.terminal.rows || 24;
		// The terminal may have reflowed or cut what was on it: draw it all again.
		this.repaint = true;
		this.sink.emit('resize');
	};

	private frame(frame: string): void {
		if (this.closed) return;
		this.pending = frame;
		if (this.scheduled) return;
		this.scheduled = true;
		setImmediate(() => {
			this.scheduled = false;
			this.flush();
		});
	}

	/** Draw the latest frame now. */
	flush(): void {
		const frame = this.pending;
		this.pending = undefined;
		if (frame === undefined || this.closed) return;
		const rows = this.sink.rows;
		const lines = frame.split('\n').slice(0, rows);
		const previous = this.repaint ? [] : this.drawn;
		let out = this.repaint ? resetStyle + clearScreen : '';
		const height = Math.max(lines.length, previous.length);
		for (let row = 0; row < height; row++) {
			const line = lines[row] ?? '';
			if (line === (previous[row] ?? (this.repaint ? '' : undefined))) continue;
			out += moveTo(row) + line + resetStyle + eraseToEndOfLine;
		}
		this.repaint = false;
		this.drawn = lines;
		if (out === '') return;
		this.terminal.write(beginSynchronized + out + endSynchronized);
	}

	/** Stop drawing; frames Ink writes while it unmounts are dropped. */
	close(): void {
		this.closed = true;
		this.terminal.off('resize', this.onResize);
	}
}
