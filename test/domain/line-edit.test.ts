import assert from 'node:assert/strict';
import {test} from 'node:test';
import {editLine, lineAt, visibleLine, type LineEdit} from '../../source/domain/line-edit.js';

const press = (edit: LineEdit, ...names: string[]): LineEdit =>
	names.reduce((current, name) => editLine(current, name, name.length === 1 ? name : ''), edit);

test('typing inserts at the cursor, arrows and Home/End move it', () => {
	let edit = press(lineAt(''), '2', '5', '6');
	assert.deepEqual(edit, {text: '256', cursor: 3});
	edit = press(edit, 'left', 'left', '1');
	assert.deepEqual(edit, {text: '2156', cursor: 2});
	edit = press(edit, 'home', '9');
	assert.deepEqual(edit, {text: '92156', cursor: 1});
	edit = press(edit, 'end', 'right');
	assert.deepEqual(edit, {text: '92156', cursor: 5});
});

test('Backspace, Ctrl-D, Ctrl-U, Ctrl-K and Ctrl-W delete as in a shell', () => {
	assert.deepEqual(press(lineAt('abc'), 'backspace'), {text: 'ab', cursor: 2});
	assert.deepEqual(press({text: 'abc', cursor: 0}, 'backspace'), {text: 'abc', cursor: 0});
	assert.deepEqual(press({text: 'abc', cursor: 1}, 'ctrl+d'), {text: 'ac', cursor: 1});
	assert.deepEqual(press({text: 'hello world', cursor: 6}, 'ctrl+u'), {text: 'world', cursor: 0});
	assert.deepEqual(press({text: 'hello world', cursor: 5}, 'ctrl+k'), {text: 'hello', cursor: 5});
	assert.deepEqual(press(lineAt('log level debug'), 'ctrl+w'), {text: 'log level ', cursor: 10});
});

test('keys that are not text change nothing; wide characters count as one', () => {
	assert.deepEqual(editLine(lineAt('x'), 'enter', '\r'), lineAt('x'));
	assert.deepEqual(editLine(lineAt('x'), 'tab', '\t'), lineAt('x'));
	assert.deepEqual(press(lineAt('日本'), 'left', 'backspace'), {text: '本', cursor: 0});
});

test('characters outside the BMP (surrogate pairs) are one character to every key', () => {
	// 'a😀b': four UTF-16 units, three characters.
	assert.deepEqual(press({text: 'a😀b', cursor: 2}, 'backspace'), {text: 'ab', cursor: 1});
	assert.deepEqual(press({text: 'a😀b', cursor: 1}, 'ctrl+d'), {text: 'ab', cursor: 1});
	assert.deepEqual(press({text: 'a😀b', cursor: 2}, 'x'), {text: 'a😀xb', cursor: 3});
	assert.deepEqual(press({text: 'a😀b', cursor: 0}, 'end'), {text: 'a😀b', cursor: 3});
	assert.deepEqual(press({text: 'a😀b', cursor: 3}, 'right'), {text: 'a😀b', cursor: 3});
	assert.deepEqual(press({text: 'go 😀😀', cursor: 5}, 'ctrl+w'), {text: 'go ', cursor: 3});
	assert.deepEqual(press({text: 'a😀b', cursor: 2}, 'ctrl+k'), {text: 'a😀', cursor: 2});
	assert.deepEqual(editLine({text: 'a😀b', cursor: 99}, '😀', '😀'), {text: 'a😀b😀', cursor: 4});
});

test('an edit in a very long line is made where the cursor is', () => {
	const long = 'x'.repeat(7_000_000);
	const edited = press({text: long, cursor: 3}, '{');
	assert.equal(edited.cursor, 4);
	assert.equal(edited.text.length, 7_000_001);
	assert.equal(edited.text.slice(0, 5), 'xxx{x');
});

test('a long line shows the part around the cursor', () => {
	const edit = {text: 'abcdefghijklmnopqrstuvwxyz', cursor: 20};
	const shown = visibleLine(edit, 10);
	assert.equal(shown.at, 'u');
	assert.ok((shown.before + shown.at + shown.after).length <= 10);
	assert.ok(shown.before.endsWith('t'));
	assert.deepEqual(visibleLine(lineAt('ab'), 10), {before: 'ab', at: ' ', after: ''});
});
