import assert from 'node:assert/strict';
import {test} from 'node:test';
import React from 'react';
import stringWidth from 'string-width';
import {bufferOf, editBuffer, moveTo, type TextBuffer} from '../../source/domain/text-buffer.js';
import {themeFor} from '../../source/ui/theme.js';

// The cursor is inverse video, which Ink draws only when colour is on. The
// test runner sets FORCE_COLOR; set it here too, before Ink (and its chalk)
// load, so the file also passes when run on its own with `node --test`.
process.env.FORCE_COLOR = '1';
const {render} = await import('ink-testing-library');
const {TextArea} = await import('../../source/ui/components/TextArea.js');

const theme = themeFor({});

// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\u001B\[[0-9;]*m/g, '');

/** The frame's rows, as styled text. */
function draw(buffer: TextBuffer, width: number, height: number, extra: {errorLine?: number; focused?: boolean; noColour?: boolean} = {}): string[] {
	const {lastFrame, unmount} = render(
		<TextArea
			buffer={buffer}
			width={width}
			height={height}
			theme={extra.noColour ? themeFor({NO_COLOR: '1'}) : theme}
			errorLine={extra.errorLine}
			focused={extra.focused}
		/>,
	);
	const frame = lastFrame() ?? '';
	unmount();
	return frame.split('\n');
}

/** The text drawn in inverse video on each row ('' where there is none). */
function inverse(rows: string[]): string[] {
	// eslint-disable-next-line no-control-regex
	return rows.map((row) => [...row.matchAll(/\u001B\[7m(.*?)\u001B\[27m/g)].map((match) => plain(match[1] ?? '')).join(''));
}

/** The row that holds the cursor, and the cursor's text. */
function cursorOf(rows: string[]): {row: number; text: string} {
	const found = inverse(rows);
	const row = found.findIndex((text) => text !== '');
	assert.equal(found.filter((text) => text !== '').length, 1, 'exactly one cursor is drawn');
	return {row, text: found[row] ?? ''};
}

function assertBounds(rows: string[], width: number, height: number): void {
	assert.ok(rows.length <= height, `${rows.length} rows in a height of ${height}`);
	for (const row of rows) assert.ok(stringWidth(plain(row)) <= width, `${JSON.stringify(plain(row))} fits ${width} columns`);
}

const event = '{\n  "key1": "value1",\n  "key2": "value2"\n}';

test('line numbers in a gutter and the cursor in inverse video on its character', () => {
	const rows = draw({...bufferOf(event), row: 1, column: 3}, 40, 6);
	assert.deepEqual(rows.map((row) => plain(row).trimEnd()), ['1 {', '2   "key1": "value1",', '3   "key2": "value2"', '4 }', '', '']);
	assert.deepEqual(cursorOf(rows), {row: 1, text: 'k'});
	assertBounds(rows, 40, 6);
});

test('the cursor past the end of a line is an inverse space; without focus there is no cursor', () => {
	const rows = draw({...bufferOf(event), row: 3, column: 1}, 40, 6);
	assert.deepEqual(cursorOf(rows), {row: 3, text: ' '});
	assert.deepEqual(inverse(draw({...bufferOf(event), row: 3, column: 1}, 40, 6, {focused: false})), ['', '', '', '', '', '']);
});

test('the gutter is as wide as the largest line number plus one', () => {
	const text = Array.from({length: 120}, (_, index) => `line ${index + 1}`).join('\n');
	let rows = draw(bufferOf(text), 30, 3).map((row) => plain(row).trimEnd());
	assert.deepEqual(rows, ['  1 line 1', '  2 line 2', '  3 line 3']);
	rows = draw(moveTo(bufferOf(text), 119, 1, 3), 30, 3).map((row) => plain(row).trimEnd());
	assert.deepEqual(rows, ['118 line 118', '119 line 119', '120 line 120']);
});

test('moving the cursor past the bottom scrolls the rows to keep it in view', () => {
	const text = Array.from({length: 30}, (_, index) => `"row ${index + 1}"`).join('\n');
	const height = 5;
	let buffer = bufferOf(text);
	for (let press = 0; press < 12; press++) buffer = editBuffer(buffer, 'down', '', height);
	let rows = draw(buffer, 20, height);
	assert.deepEqual(rows.map((row) => plain(row).trimEnd()), [' 9 "row 9"', '10 "row 10"', '11 "row 11"', '12 "row 12"', '13 "row 13"']);
	assert.deepEqual(cursorOf(rows), {row: 4, text: '"'});
	// A buffer whose top was left behind is still drawn with its cursor in view.
	rows = draw({...bufferOf(text), row: 20, column: 2, top: 0}, 20, height);
	assert.equal(plain(rows[4] ?? '').trimEnd(), '21 "row 21"');
	assert.deepEqual(cursorOf(rows), {row: 4, text: 'o'});
	assertBounds(rows, 20, height);
});

test('a cursor past the right edge scrolls the view sideways, and every row shows the same columns', () => {
	const long = 'abcdefghijklmnopqrstuvwxyz0123456789';
	const buffer: TextBuffer = {lines: [long, long, 'short'], row: 0, column: 30, top: 0};
	const rows = draw(buffer, 20, 3);
	assertBounds(rows, 20, 3);
	const shown = rows.map((row) => plain(row).trimEnd());
	// 18 columns of text beside a 2-column gutter; the cursor (on "4") stays in them.
	assert.deepEqual(cursorOf(rows), {row: 0, text: '4'});
	assert.equal(shown[0], '1 stuvwxyz0123456789');
	assert.equal(shown[1], '2 stuvwxyz0123456789');
	assert.equal(shown[2], '3', 'a short line has nothing in these columns');
	// At the start of the line the view is back at column 0.
	assert.equal(plain(draw({...buffer, column: 0}, 20, 3)[1] ?? ''), '2 abcdefghijklmnopqr');
	// At the very end the cursor is a space after the last character.
	const end = draw({...buffer, column: long.length}, 20, 3);
	assert.deepEqual(cursorOf(end), {row: 0, text: ' '});
	assert.match(plain(end[0] ?? ''), /^1 .*789 ?$/);
});

test('never more than the width, with wide characters and emoji anywhere under the cursor', () => {
	const lines = ['{"名前": "日本語のテキストがここに入ります", "emoji": "😀😀😀😀😀😀😀😀😀😀😀😀"}', 'ascii line that is rather long too, longer than twenty', '日本'];
	for (const [row, line] of lines.entries()) {
		const count = Array.from(line).length;
		for (let column = 0; column <= count; column++) {
			const rows = draw({lines, row, column, top: 0}, 20, 3);
			assertBounds(rows, 20, 3);
			const cursor = cursorOf(rows);
			assert.equal(cursor.row, row);
			assert.equal(cursor.text, Array.from(line)[column] ?? ' ', `the cursor at column ${column} of line ${row + 1} shows its character`);
		}
	}
});

test('the line with the JSON mistake has its number in the danger colour, or inverse without colour', () => {
	const rows = draw(bufferOf(event), 40, 4, {errorLine: 3});
	assert.ok((rows[2] ?? '').startsWith('\u001B[31m3'), `line 3's number is red: ${JSON.stringify(rows[2])}`);
	assert.ok(!(rows[1] ?? '').includes('\u001B[31m'), 'other numbers are not');
	const bare = draw({...bufferOf(event), row: 0, column: 0}, 40, 4, {errorLine: 3, noColour: true});
	assert.deepEqual(inverse(bare), ['{', '', '3', '']);
});

test('control characters in the text are drawn as ? and cannot reach the terminal', () => {
	const rows = draw(bufferOf('"\u001B[2Jred\u0007\tx"'), 30, 1);
	assert.equal(plain(rows[0] ?? '').trimEnd(), '1 "?[2Jred? x"');
	assert.ok(!plain(rows.join('\n')).includes('\u001B'));
	assert.ok(!rows.join('\n').includes('\u0007'));
});
