// Several lines of text being edited (the Test tab's event editor): the lines,
// the cursor, the first row in view, and what each editing key does to them.
// Pure, like line-edit.ts, whose one-line edits it reuses inside a line.
import {codePointLength, codePointOffset, editLine} from './line-edit.js';

export interface TextBuffer {
	lines: string[];
	row: number;
	/** Cursor position in the row, in code points (0 … the line's length). */
	column: number;
	/** The first visible row. */
	top: number;
	/**
	 * The column ↑/↓ and PgUp/PgDn aim for while they pass shorter lines; set by
	 * those keys only, absent after every other key.
	 */
	goal?: number;
}

/** Length of a line in code points. */
const lengthOf = codePointLength;

function clamp(value: number, low: number, high: number): number {
	return Math.min(Math.max(value, low), high);
}

/** A cursor at (row, column) with `top` moved only as far as needed to keep the row in `pageHeight` rows. */
function place(lines: string[], row: number, column: number, top: number, pageHeight: number, goal?: number): TextBuffer {
	const page = Math.max(1, Math.floor(pageHeight));
	const last = Math.max(0, lines.length - 1);
	const at = clamp(row, 0, last);
	// Walks the line only up to the column: a cursor near the start of a 7 MB line costs little.
	const shown = codePointOffset(lines[at] ?? '', Math.max(0, column)).cursor;
	let first = clamp(top, 0, last);
	if (at < first) first = at;
	if (at >= first + page) first = at - page + 1;
	const buffer: TextBuffer = {lines, row: at, column: shown, top: first};
	if (goal !== undefined) buffer.goal = goal;
	return buffer;
}

/** The text in a buffer with the cursor at its start. Windows line ends become plain newlines. */
export function bufferOf(text: string): TextBuffer {
	return {lines: text.split(/\r?\n/), row: 0, column: 0, top: 0};
}

export function textOf(buffer: TextBuffer): string {
	return buffer.lines.join('\n');
}

/** Lines with the row at `row` replaced by `replacement` (any number of lines). */
function replaced(lines: string[], row: number, count: number, ...replacement: string[]): string[] {
	const next = lines.slice();
	next.splice(row, count, ...replacement);
	return next;
}

/** The code points of a line before `column`, and from it. */
function split(line: string, column: number): [string, string] {
	const {index} = codePointOffset(line, column);
	return [line.slice(0, index), line.slice(index)];
}

/** The buffer after one key press; the same buffer when the key means nothing to it (Esc, Shift-Tab …). */
export function editBuffer(buffer: TextBuffer, name: string, input: string, pageHeight: number): TextBuffer {
	const {lines, top} = buffer;
	const page = Math.max(1, Math.floor(pageHeight));
	const last = Math.max(0, lines.length - 1);
	const row = clamp(buffer.row, 0, last);
	const line = lines[row] ?? '';
	const column = codePointOffset(line, Math.max(0, buffer.column)).cursor;
	// The line's length is counted only for the keys that need it (a whole 7 MB line, otherwise, on every key).
	const lengthOfLine = (): number => lengthOf(line);
	const goal = buffer.goal ?? column;
	/** One edit inside the current line, done by line-edit. */
	const inLine = (key: string, typed: string): TextBuffer => {
		const edited = editLine({text: line, cursor: column}, key, typed);
		if (edited.text === line && edited.cursor === column) return buffer;
		return place(edited.text === line ? lines : replaced(lines, row, 1, edited.text), row, edited.cursor, top, page);
	};

	switch (name) {
		case 'up':
			if (row === 0) return place(lines, 0, 0, top, page);
			return place(lines, row - 1, goal, top, page, goal);
		case 'down':
			if (row === last) return place(lines, last, lengthOf(lines[last] ?? ''), top, page);
			return place(lines, row + 1, goal, top, page, goal);
		case 'pageup':
			if (row === 0) return place(lines, 0, 0, top, page);
			return place(lines, row - page, goal, top - page, page, goal);
		case 'pagedown': {
			if (row === last) return place(lines, last, lengthOf(lines[last] ?? ''), top, page);
			const furthestTop = Math.max(0, lines.length - page);
			return place(lines, row + page, goal, Math.min(top + page, furthestTop), page, goal);
		}
		case 'left':
			if (column > 0) return place(lines, row, column - 1, top, page);
			if (row > 0) return place(lines, row - 1, lengthOf(lines[row - 1] ?? ''), top, page);
			return place(lines, 0, 0, top, page);
		case 'right': {
			const length = lengthOfLine();
			if (column < length) return place(lines, row, column + 1, top, page);
			if (row < last) return place(lines, row + 1, 0, top, page);
			return place(lines, row, length, top, page);
		}
		case 'home':
		case 'ctrl+a':
			return place(lines, row, 0, top, page);
		case 'end':
		case 'ctrl+e':
			return place(lines, row, lengthOfLine(), top, page);
		case 'enter': {
			const [before, after] = split(line, column);
			const indent = /^[ \t]*/.exec(before)?.[0] ?? '';
			return place(replaced(lines, row, 1, before, indent + after), row + 1, lengthOf(indent), top, page);
		}
		case 'backspace':
			if (column > 0) return inLine('backspace', '');
			if (row === 0) return place(lines, 0, 0, top, page);
			return joinWithNext(lines, row - 1, top, page);
		case 'ctrl+d':
		case 'ctrl+k':
			if (column < lengthOfLine()) return inLine(name, '');
			if (row === last) return place(lines, row, column, top, page);
			return joinWithNext(lines, row, top, page);
		case 'ctrl+u':
		case 'ctrl+w':
			return inLine(name, '');
		case 'tab':
			return inLine('  ', '  ');
		default:
			return inLine(name, input);
	}
}

/** The line at `row` and the one after it made one, the cursor where they meet. */
function joinWithNext(lines: string[], row: number, top: number, page: number): TextBuffer {
	const first = lines[row] ?? '';
	return place(replaced(lines, row, 2, first + (lines[row + 1] ?? '')), row, lengthOf(first), top, page);
}

/**
 * The cursor at a 1-based line and column, as checkJson reports a mistake
 * (clamped to the text). When that line is out of view it is brought to the
 * middle of the page, so the lines around the mistake show too.
 */
export function moveTo(buffer: TextBuffer, line: number, column: number, pageHeight: number): TextBuffer {
	const page = Math.max(1, Math.floor(pageHeight));
	const last = Math.max(0, buffer.lines.length - 1);
	const row = clamp(Math.floor(line) - 1, 0, last);
	let top = clamp(buffer.top, 0, last);
	if (row < top || row >= top + page) top = clamp(row - Math.floor(page / 2), 0, Math.max(0, buffer.lines.length - page));
	return place(buffer.lines, row, Math.floor(column) - 1, top, page);
}
