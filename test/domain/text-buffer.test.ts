import assert from 'node:assert/strict';
import {test} from 'node:test';
import {bufferOf, editBuffer, moveTo, textOf, type TextBuffer} from '../../source/domain/text-buffer.js';

const page = 5;

/** Keys as the dispatcher names them; a printable key's input is itself. */
const press = (buffer: TextBuffer, ...names: string[]): TextBuffer =>
	names.reduce((current, name) => editBuffer(current, name, Array.from(name).length === 1 ? name : '', page), buffer);

/** Where the cursor is, as [row, column]. */
const cursor = (buffer: TextBuffer): [number, number] => [buffer.row, buffer.column];

const at = (text: string, row: number, column: number, top = 0): TextBuffer => ({lines: text.split('\n'), row, column, top});

test('bufferOf splits lines (Windows line ends too) with the cursor at the start; textOf joins them', () => {
	assert.deepEqual(bufferOf('{\n  "a": 1\n}'), {lines: ['{', '  "a": 1', '}'], row: 0, column: 0, top: 0});
	assert.deepEqual(bufferOf('a\r\nb'), {lines: ['a', 'b'], row: 0, column: 0, top: 0});
	assert.deepEqual(bufferOf(''), {lines: [''], row: 0, column: 0, top: 0});
	assert.equal(textOf(bufferOf('{\n  "a": 1\n}\n')), '{\n  "a": 1\n}\n');
});

test('typing inserts at the cursor; wide characters and emoji count as one column', () => {
	let buffer = press(bufferOf(''), '{', '"', 'é', '😀');
	assert.equal(textOf(buffer), '{"é😀');
	assert.deepEqual(cursor(buffer), [0, 4]);
	buffer = press(buffer, 'left', 'left', '日');
	assert.equal(textOf(buffer), '{"日é😀');
	assert.deepEqual(cursor(buffer), [0, 3]);
});

test('keys that are not text change nothing', () => {
	const buffer = at('ab\ncd', 1, 1);
	for (const name of ['escape', 'shift+tab', 'ctrl+x', 'f1']) assert.equal(editBuffer(buffer, name, '', page), buffer, name);
	assert.equal(editBuffer(buffer, 'ctrl+x', 'x', page), buffer);
});

test('left and right move within a line and across line ends', () => {
	const text = 'ab\ncd';
	assert.deepEqual(cursor(press(at(text, 1, 0), 'left')), [0, 2]);
	assert.deepEqual(cursor(press(at(text, 0, 2), 'right')), [1, 0]);
	assert.deepEqual(cursor(press(at(text, 0, 0), 'left')), [0, 0]);
	assert.deepEqual(cursor(press(at(text, 1, 2), 'right')), [1, 2]);
	assert.deepEqual(cursor(press(at(text, 0, 1), 'right')), [0, 2]);
});

test('up and down keep the column they started from while passing shorter lines', () => {
	const text = 'abcdefgh\nab\n\nabcdefghij';
	let buffer = press(at(text, 0, 6), 'down');
	assert.deepEqual(cursor(buffer), [1, 2]);
	buffer = press(buffer, 'down');
	assert.deepEqual(cursor(buffer), [2, 0]);
	buffer = press(buffer, 'down');
	assert.deepEqual(cursor(buffer), [3, 6], 'back at column 6 on a line long enough');
	buffer = press(buffer, 'up', 'up', 'up');
	assert.deepEqual(cursor(buffer), [0, 6]);
	// Any other key forgets the goal column.
	buffer = press(at(text, 0, 6), 'down', 'left', 'down', 'down');
	assert.deepEqual(cursor(buffer), [3, 1]);
	assert.equal(press(at(text, 0, 6), 'down', 'x').goal, undefined);
});

test('up on the first line goes to its start, down on the last line to its end', () => {
	assert.deepEqual(cursor(press(at('abc\ndef', 0, 2), 'up')), [0, 0]);
	assert.deepEqual(cursor(press(at('abc\ndef', 1, 1), 'down')), [1, 3]);
});

test('Home/Ctrl-A and End/Ctrl-E go to the ends of the line', () => {
	const buffer = at('one\n  two\nthree', 1, 3);
	assert.deepEqual(cursor(press(buffer, 'home')), [1, 0]);
	assert.deepEqual(cursor(press(buffer, 'ctrl+a')), [1, 0]);
	assert.deepEqual(cursor(press(buffer, 'end')), [1, 5]);
	assert.deepEqual(cursor(press(buffer, 'ctrl+e')), [1, 5]);
});

test('PgDn and PgUp move a page, scroll the view with the cursor and keep the column', () => {
	const text = Array.from({length: 20}, (_, index) => `line ${index + 1}`).join('\n');
	let buffer = press(at(text, 1, 6), 'pagedown');
	assert.deepEqual([buffer.row, buffer.column, buffer.top], [6, 6, 5]);
	buffer = press(buffer, 'pagedown', 'pagedown');
	assert.deepEqual([buffer.row, buffer.column, buffer.top], [16, 6, 15]);
	buffer = press(buffer, 'pagedown');
	assert.deepEqual([buffer.row, buffer.column, buffer.top], [19, 6, 15], 'the last line; the view stops at the end');
	buffer = press(buffer, 'pagedown');
	assert.deepEqual(cursor(buffer), [19, 7], 'PgDn on the last line goes to its end');
	buffer = press(buffer, 'pageup');
	assert.deepEqual([buffer.row, buffer.column, buffer.top], [14, 7, 10]);
	buffer = press(buffer, 'pageup', 'pageup', 'pageup');
	assert.deepEqual([buffer.row, buffer.column, buffer.top], [0, 6, 0], 'line 1 is shorter: the column is cut to it');
	assert.deepEqual(cursor(press(buffer, 'pageup')), [0, 0]);
});

test('the view follows the cursor: top moves only as far as needed', () => {
	const text = Array.from({length: 12}, (_, index) => `${index}`).join('\n');
	let buffer = at(text, 0, 0);
	buffer = press(buffer, 'down', 'down', 'down', 'down');
	assert.deepEqual([buffer.row, buffer.top], [4, 0]);
	buffer = press(buffer, 'down');
	assert.deepEqual([buffer.row, buffer.top], [5, 1]);
	buffer = press(buffer, 'up', 'up', 'up', 'up');
	assert.deepEqual([buffer.row, buffer.top], [1, 1]);
	buffer = press(buffer, 'up');
	assert.deepEqual([buffer.row, buffer.top], [0, 0]);
});

test('Enter splits the line and keeps its indentation', () => {
	let buffer = press(at('{\n  "a": 1}', 1, 8), 'enter');
	assert.equal(textOf(buffer), '{\n  "a": 1\n  }');
	assert.deepEqual(cursor(buffer), [2, 2]);
	buffer = press(at('\t"x"', 0, 4), 'enter');
	assert.deepEqual(buffer.lines, ['\t"x"', '\t']);
	buffer = press(at('  "x"', 0, 0), 'enter');
	assert.deepEqual(buffer.lines, ['', '  "x"'], 'at the start of the line nothing is added');
	assert.deepEqual(cursor(buffer), [1, 0]);
});

test('Enter on the last row of the view scrolls it down', () => {
	const buffer = press(at('1\n2\n3\n4\n5', 4, 1), 'enter');
	assert.deepEqual([buffer.row, buffer.top], [5, 1]);
});

test('Backspace deletes before the cursor and joins lines at column 0', () => {
	assert.deepEqual(press(at('ab\ncd', 1, 1), 'backspace'), {lines: ['ab', 'd'], row: 1, column: 0, top: 0});
	assert.deepEqual(press(at('ab\ncd', 1, 0), 'backspace'), {lines: ['abcd'], row: 0, column: 2, top: 0});
	assert.deepEqual(cursor(press(at('ab', 0, 0), 'backspace')), [0, 0]);
	assert.deepEqual(press(at('😀x', 0, 1), 'backspace').lines, ['x']);
});

test('Ctrl-D deletes forward and joins with the next line at the end of one', () => {
	assert.deepEqual(press(at('ab\ncd', 0, 0), 'ctrl+d'), {lines: ['b', 'cd'], row: 0, column: 0, top: 0});
	assert.deepEqual(press(at('ab\ncd', 0, 2), 'ctrl+d'), {lines: ['abcd'], row: 0, column: 2, top: 0});
	assert.deepEqual(press(at('ab\ncd', 1, 2), 'ctrl+d').lines, ['ab', 'cd']);
});

test('Tab inserts two spaces', () => {
	const buffer = press(at('{\n}', 1, 0), 'tab');
	assert.deepEqual(buffer.lines, ['{', '  }']);
	assert.deepEqual(cursor(buffer), [1, 2]);
});

test('Ctrl-K deletes to the end of the line (joining the next at the end); Ctrl-U to its start', () => {
	assert.deepEqual(press(at('"a": 1,\nx', 0, 4), 'ctrl+k').lines, ['"a":', 'x']);
	assert.deepEqual(press(at('"a":\n 1', 0, 4), 'ctrl+k').lines, ['"a": 1']);
	const buffer = press(at('ab\n  "a": 1', 1, 6), 'ctrl+u');
	assert.deepEqual(buffer.lines, ['ab', ' 1']);
	assert.deepEqual(cursor(buffer), [1, 0]);
});

test('a paste, one character at a time with Enter for each newline, builds the lines', () => {
	let buffer = bufferOf('');
	for (const character of '{\n"a": [1,\n2]\n}') buffer = character === '\n' ? press(buffer, 'enter') : press(buffer, character);
	assert.equal(textOf(buffer), '{\n"a": [1,\n2]\n}');
	assert.deepEqual(cursor(buffer), [3, 1]);
});

test('moveTo puts the cursor on a 1-based line and column, centring the line when it was out of view', () => {
	const text = Array.from({length: 30}, (_, index) => `line ${index + 1}`).join('\n');
	let buffer = moveTo(bufferOf(text), 20, 3, 10);
	assert.deepEqual([buffer.row, buffer.column, buffer.top], [19, 2, 14]);
	buffer = moveTo(buffer, 22, 1, 10);
	assert.deepEqual([buffer.row, buffer.column, buffer.top], [21, 0, 14], 'already in view: the view stays');
	buffer = moveTo(buffer, 30, 99, 10);
	assert.deepEqual([buffer.row, buffer.column, buffer.top], [29, 7, 20], 'clamped to the text, the view not past its end');
	buffer = moveTo(buffer, 0, 0, 10);
	assert.deepEqual([buffer.row, buffer.column, buffer.top], [0, 0, 0]);
	assert.deepEqual(cursor(moveTo(bufferOf('"😀😀x'), 1, 4, 10)), [0, 3], 'columns are characters');
});
