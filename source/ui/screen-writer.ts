// What reaches the terminal. Ink renders each frame as a whole (its debug mode)
// into a stand-in stdout; the ScreenWriter compares the frame with the screen it
// last drew and rewrites only the rows that changed, each addressed absolutely.
//
// Why not Ink's own incremental renderer: in Ink 6.8 it moves the cursor one
// row too few when the frame ends with a newline (any frame shorter than the
// terminal), so every update lands a row low. Absolute addressing cannot drift,
// and a resize simply repaints the whole screen.
//
// When rows have moved up or down (a list scrolled by a line), the terminal is
// asked to scroll that region (DECSTBM and SU/SD) and only the new rows are
// written: a few dozen bytes instead of a screenful, which matters on a slow link.
import {EventEmitter} from 'node:events';

const esc = '\u001B[';
const beginSynchronized = `${esc}?2026h`;
const endSynchronized = `${esc}?2026l`;
const hideCursor = `${esc}?25l`;
const clearScreen = `${esc}2J`;
// Erased before it is written: erasing after would take the last column's
// character with it when the line fills the row (autowrap is off, see run.tsx).
const eraseLine = `${esc}2K`;
const resetStyle = `${esc}0m`;

const moveTo = (row: number): string => `${esc}${row + 1}H`;
const maximumShift = 3;

interface Scroll {
	/** The escape sequence that scrolls the region. */
	sequence: string;
	/** What the screen holds after it. */
	screen: string[];
}

/** Bytes needed to bring `screen` to `lines` row by row. */
function diffCost(screen: readonly string[], lines: readonly string[]): number {
	let cost = 0;
	const height = Math.max(lines.length, screen.length);
	for (let row = 0; row < height; row++) {
		const line = lines[row] ?? '';
		if (line !== (screen[row] ?? '')) cost += line.length + 12;
	}
	return cost;
}

/**
 * The cheapest scroll of a region of the screen that brings it closer to
 * `lines`: for each shift, the longest run of rows that the shift would put in
 * place; undefined when scrolling does not save bytes.
 */
export function planScroll(screen: readonly string[], lines: readonly string[]): Scroll | undefined {
	let best: Scroll | undefined;
	let bestCost = diffCost(screen, lines);
	const height = Math.min(screen.length, lines.length);
	for (let shift = -maximumShift; shift <= maximumShift; shift++) {
		if (shift === 0) continue;
		// The longest run of rows r with lines[r] === screen[r + shift], ignoring blank rows.
		let runStart = 0;
		let bestStart = 0;
		let bestLength = 0;
		for (let row = 0; row <= height; row++) {
			const from = row + shift;
			const matches = row < height && from >= 0 && from < height && lines[row] === screen[from] && lines[row] !== '';
			if (!matches) {
				runStart = row + 1;
				continue;
			}
			if (row - runStart + 1 > bestLength) {
				bestLength = row - runStart + 1;
				bestStart = runStart;
			}
		}
		if (bestLength < 2) continue;
		const first = bestStart;
		const last = bestStart + bestLength - 1;
		const after = [...screen];
		let sequence: string;
		if (shift > 0) {
			// Rows first+shift..last+shift move up to first..last; the region's last rows are left blank.
			for (let row = first; row <= last; row++) after[row] = screen[row + shift] ?? '';
			for (let row = last + 1; row <= last + shift; row++) after[row] = '';
			sequence = `${esc}${first + 1};${last + shift + 1}r${esc}${shift}S${esc}r`;
		} else {
			const down = -shift;
			for (let row = last; row >= first; row--) after[row] = screen[row - down] ?? '';
			for (let row = first - down; row < first; row++) after[row] = '';
			sequence = `${esc}${first - down + 1};${last + 1}r${esc}${down}T${esc}r`;
		}
		const cost = sequence.length + diffCost(after, lines);
		if (cost < bestCost) {
			bestCost = cost;
			best = {sequence, screen: after};
		}
	}
	return best;
}

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
	private paused = false;

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
		if (this.scheduled || this.paused) return;
		this.scheduled = true;
		setImmediate(() => {
			this.scheduled = false;
			this.flush();
		});
	}

	/** Draw the latest frame now. */
	flush(): void {
		if (this.paused) return;
		const frame = this.pending;
		this.pending = undefined;
		if (frame === undefined || this.closed) return;
		const rows = this.sink.rows;
		const lines = frame.split('\n').slice(0, rows);
		let previous = this.repaint ? [] : this.drawn;
		let out = this.repaint ? resetStyle + clearScreen : '';
		const scroll = this.repaint ? undefined : planScroll(previous, lines);
		if (scroll) {
			out += scroll.sequence;
			previous = scroll.screen;
		}
		const height = Math.max(lines.length, previous.length);
		for (let row = 0; row < height; row++) {
			const line = lines[row] ?? '';
			// Rows past the last frame are blank: cleared by a repaint or erased since.
			if (line === (previous[row] ?? '')) continue;
			out += moveTo(row) + eraseLine + line + resetStyle;
		}
		this.repaint = false;
		this.drawn = lines;
		if (out === '') return;
		this.terminal.write(beginSynchronized + out + endSynchronized);
	}

	/** Draw nothing while another program (an $EDITOR) has the terminal; the latest frame is kept. */
	pause(): void {
		this.paused = true;
	}

	/** The terminal is ours again: draw the latest frame over whatever the other program left. */
	resume(): void {
		this.paused = false;
		this.repaint = true;
		this.terminal.write(hideCursor);
		this.pending ??= this.drawn.join('\n');
		this.flush();
	}

	/** Stop drawing; frames Ink writes while it unmounts are dropped. */
	close(): void {
		this.closed = true;
		this.terminal.off('resize', this.onResize);
	}
}
