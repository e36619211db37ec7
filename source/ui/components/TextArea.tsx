// A multi-line text editor's view (the Test tab's event): line numbers in a
// gutter, the rows in view from buffer.top, and the cursor drawn in inverse
// video as form fields draw theirs. Long lines are cut, not wrapped: the view
// scrolls sideways so the cursor stays visible, and every row shows the same
// columns so the text keeps its shape. Never wider than `width` nor taller
// than `height`; wide characters count as the columns they take.
import {Box, Text} from 'ink';
import React from 'react';
import stringWidth from 'string-width';
import type {TextBuffer} from '../../domain/text-buffer.js';
import type {Theme} from '../theme.js';

interface Props {
	buffer: TextBuffer;
	width: number;
	height: number;
	theme: Theme;
	/** 1-based line of a JSON mistake: its number is drawn in the danger colour. */
	errorLine?: number;
	/** Draws the cursor; on unless false. */
	focused?: boolean;
}

// Controls (C0 but tab, DEL, C1) and bidirectional overrides must not reach the terminal.
// eslint-disable-next-line no-control-regex
const control = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A character as drawn, and the columns it takes. */
function cellOf(character: string): {shown: string; width: number} {
	const code = character.charCodeAt(0);
	if (code >= 0x20 && code < 0x7f) return {shown: character, width: 1};
	if (character === '\t') return {shown: ' ', width: 1};
	if (control.test(character)) return {shown: '?', width: 1};
	return {shown: character, width: stringWidth(character)};
}

/** Columns from the start of the line to the cursor, and the columns the cursor's cell takes. */
function cursorPlace(line: string, column: number): {x: number; width: number} {
	let x = 0;
	let index = 0;
	for (const character of line) {
		if (index === column) return {x, width: Math.max(1, cellOf(character).width)};
		x += cellOf(character).width;
		index += 1;
	}
	return {x, width: 1};
}

/** The first column shown: 0 while the cursor fits, then in steps of half the room so typing does not shift the view on every key. */
function horizontalOffset(x: number, cursorWidth: number, room: number): number {
	if (x + cursorWidth <= room) return 0;
	const step = Math.max(1, Math.floor(room / 2));
	return Math.min(x, Math.ceil((x + cursorWidth - room) / step) * step);
}

interface Cut {
	before: string;
	at: string;
	after: string;
}

/**
 * The columns [left, left + room) of a line, exactly `room` wide: split at the
 * cursor when `cursor` is given (the cell under the cursor is `at`, a space
 * past the end of the line). A wide character cut by an edge becomes spaces.
 */
function cutLine(line: string, left: number, room: number, cursor: number | undefined): Cut {
	const parts: Cut = {before: '', at: '', after: ''};
	let used = 0;
	const add = (text: string, columns: number, part: keyof Cut) => {
		parts[part] += text;
		used += columns;
	};
	let x = 0;
	let index = 0;
	const end = left + room;
	for (const character of line) {
		if (x >= end && (cursor === undefined || index > cursor)) break;
		const cell = cellOf(character);
		const part: keyof Cut = cursor === undefined || index < cursor ? 'before' : index === cursor ? 'at' : 'after';
		if (part === 'at') {
			// The cursor must show even on a zero-width character, and on a wide one in a one-column view.
			const shown = cell.width === 0 || cell.width > room ? ' ' : cell.shown;
			const columns = cell.width === 0 || cell.width > room ? 1 : cell.width;
			add(shown, columns, part);
			x += columns;
		} else {
			const start = x;
			x += cell.width;
			if (x <= left || start >= end) {
				// Out of view (or zero-width before the view).
			} else if (start < left || x > end) {
				add(' '.repeat(Math.min(x, end) - Math.max(start, left)), Math.min(x, end) - Math.max(start, left), part);
			} else {
				add(cell.shown, cell.width, part);
			}
		}
		index += 1;
	}
	if (cursor !== undefined && index <= cursor) add(' ', 1, 'at');
	parts.after += ' '.repeat(Math.max(0, room - used));
	return parts;
}

export function TextArea({buffer, width, height, theme, errorLine, focused = true}: Props) {
	const columns = Math.max(0, Math.floor(width));
	const rows = Math.max(0, Math.floor(height));
	const total = Math.max(1, buffer.lines.length);
	const digits = String(total).length;
	// The gutter only when at least two columns of text are left beside it.
	const gutter = columns >= digits + 3 ? digits + 1 : 0;
	const room = columns - gutter;
	const row = Math.min(Math.max(0, buffer.row), total - 1);
	let top = Math.min(Math.max(0, buffer.top), total - 1);
	if (row < top) top = row;
	if (rows > 0 && row >= top + rows) top = row - rows + 1;
	const cursorLine = buffer.lines[row] ?? '';
	const place = cursorPlace(cursorLine, Math.max(0, buffer.column));
	const left = room > 0 ? horizontalOffset(place.x, place.width, room) : 0;

	if (columns === 0 || rows === 0) return null;
	const drawn: React.ReactElement[] = [];
	for (let offset = 0; offset < rows; offset++) {
		const index = top + offset;
		const line = buffer.lines[index];
		if (line === undefined) {
			drawn.push(<Text key={offset}>{' '.repeat(columns)}</Text>);
			continue;
		}
		const error = errorLine === index + 1;
		const number = String(index + 1).padStart(digits);
		const numberColour = error ? theme.danger : index === row ? theme.accent : theme.muted;
		const cursor = focused && index === row ? Math.max(0, buffer.column) : undefined;
		const cut = cutLine(line, left, room, cursor);
		drawn.push(
			<Text key={offset}>
				{gutter > 0 && (
					<Text color={numberColour} inverse={error && !theme.colour} bold={index === row}>
						{number}
					</Text>
				)}
				{gutter > 0 && ' '}
				{cut.before}
				{cursor !== undefined && <Text inverse>{cut.at}</Text>}
				{cut.after}
			</Text>,
		);
	}
	return (
		<Box flexDirection="column" width={columns} height={rows} overflow="hidden">
			{drawn}
		</Box>
	);
}
