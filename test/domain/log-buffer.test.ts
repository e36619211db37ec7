import assert from 'node:assert/strict';
import {test} from 'node:test';
import {LogBuffer} from '../../source/domain/log-buffer.js';

const range = (from: number, count: number): number[] => Array.from({length: count}, (_, index) => from + index);

test('keeps the newest lines, oldest first, and counts the ones pushed out', () => {
	const buffer = new LogBuffer<number>(5);
	assert.deepEqual(buffer.items, []);
	buffer.push([1, 2, 3]);
	assert.deepEqual(buffer.items, [1, 2, 3]);
	assert.equal(buffer.dropped, 0);
	buffer.push([4, 5, 6, 7]);
	assert.deepEqual(buffer.items, [3, 4, 5, 6, 7]);
	assert.equal(buffer.dropped, 2);
	assert.equal(buffer.length, 5);
	assert.equal(buffer.at(0), 3);
	assert.equal(buffer.at(4), 7);
	assert.equal(buffer.at(5), undefined);
});

test('a push larger than the capacity keeps its newest lines and counts everything else as dropped', () => {
	const buffer = new LogBuffer<number>(4);
	buffer.push([1, 2]);
	buffer.push(range(10, 10));
	assert.deepEqual(buffer.items, [16, 17, 18, 19]);
	assert.equal(buffer.dropped, 8);
});

test('stays right across many pushes of one line, past several compactions', () => {
	const buffer = new LogBuffer<number>(100);
	for (let line = 0; line < 1234; line += 1) buffer.push([line]);
	assert.deepEqual(buffer.items, range(1134, 100));
	assert.equal(buffer.dropped, 1134);
});

test('version changes on every push and clear; items is the same array until then', () => {
	const buffer = new LogBuffer<string>(3);
	const first = buffer.version;
	buffer.push(['a']);
	assert.notEqual(buffer.version, first);
	const items = buffer.items;
	assert.equal(buffer.items, items, 'read twice, the same array');
	assert.ok(Object.isFrozen(items), 'nobody can change the buffer through it');
	const second = buffer.version;
	buffer.push([]);
	assert.notEqual(buffer.version, second);
	buffer.push(['b']);
	assert.deepEqual(items, ['a'], 'an earlier read does not change');
	assert.deepEqual(buffer.items, ['a', 'b']);
	const third = buffer.version;
	buffer.push(['c', 'd']);
	buffer.clear();
	assert.notEqual(buffer.version, third);
	assert.deepEqual(buffer.items, []);
	assert.equal(buffer.dropped, 0, 'clear starts the count again');
	buffer.push(['e', 'f', 'g', 'h']);
	assert.equal(buffer.dropped, 1);
});

test('refuses a capacity that holds nothing', () => {
	assert.throws(() => new LogBuffer(0), RangeError);
	assert.throws(() => new LogBuffer(2.5), RangeError);
});

test('each line keeps its sequence number while older ones are dropped, so a mark on it stays on it', () => {
	const buffer = new LogBuffer<string>(3);
	assert.equal(buffer.firstSequence, 0);
	buffer.push(['a', 'b', 'c']);
	// The view marks "b" (a pretty-printed JSON line, or the cursor) by its sequence number.
	const b = buffer.firstSequence + 1;
	assert.equal(buffer.indexOf(b), 1);
	buffer.push(['d']);
	assert.deepEqual(buffer.items, ['b', 'c', 'd']);
	assert.equal(buffer.firstSequence, 1);
	assert.equal(buffer.indexOf(b), 0, '"b" moved up one place as "a" went');
	assert.equal(buffer.at(buffer.indexOf(b) ?? -1), 'b');
	buffer.push(['e', 'f', 'g', 'h', 'i']);
	assert.equal(buffer.indexOf(b), undefined, 'a dropped line is nowhere');
	assert.equal(buffer.firstSequence, 6);
	assert.equal(buffer.at(0), 'g');
	assert.equal(buffer.indexOf(8), 2);
	assert.equal(buffer.indexOf(9), undefined, 'not pushed yet');
});

test('sequence numbers stay right across compactions, and a clear never hands one out again', () => {
	const buffer = new LogBuffer<number>(10);
	for (let line = 0; line < 57; line += 1) buffer.push([line]);
	// Line n was the n-th pushed: its sequence number is n wherever it is held.
	assert.equal(buffer.firstSequence, 47);
	for (let index = 0; index < buffer.length; index += 1) assert.equal(buffer.at(index), buffer.firstSequence + index);
	buffer.clear();
	assert.equal(buffer.firstSequence, 57, 'the next line pushed gets 57');
	assert.equal(buffer.indexOf(50), undefined);
	buffer.push([100, 101]);
	assert.equal(buffer.indexOf(57), 0);
	assert.equal(buffer.indexOf(58), 1);
});
