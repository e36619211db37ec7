import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
	eventLineCount,
	eventPreviewLines,
	payloadSizeProblem,
	privateCountProblem,
	privateEventsFull,
	sortedEvents,
	testEventNameProblem,
	type TestEvent,
} from '../../source/domain/test-events.js';

const event = (name: string, sharing: TestEvent['sharing'] = 'private'): TestEvent => ({name, json: '{}', sharing});

test('event names follow the console: up to 25 letters, digits, dots, hyphens and underscores', () => {
	assert.equal(testEventNameProblem('order-created_v1.2', [], 'private'), undefined);
	assert.match(testEventNameProblem('', [], 'private') ?? '', /Give the event a name/);
	assert.match(testEventNameProblem('a'.repeat(26), [], 'private') ?? '', /26 characters long: at most 25/);
	assert.match(testEventNameProblem('has space', [], 'private') ?? '', /only letters, digits, dots/);
});

test('a name is taken only within the same sharing, and renaming to itself is allowed', () => {
	const events = [event('hello'), event('shared', 'shareable')];
	assert.match(testEventNameProblem('hello', events, 'private') ?? '', /already a private event named hello/);
	assert.equal(testEventNameProblem('hello', events, 'shareable'), undefined);
	assert.equal(testEventNameProblem('hello', events, 'private', {name: 'hello', sharing: 'private'}), undefined);
	assert.match(testEventNameProblem('shared', events, 'shareable', {name: 'hello', sharing: 'private'}) ?? '', /shareable event named shared/);
});

test('ten private events at most; shareable ones do not count', () => {
	const ten = Array.from({length: 10}, (_, index) => event(`e${index}`));
	assert.match(privateCountProblem(ten, true) ?? '', /10 private events is the most: delete one, or make this one shareable\./);
	assert.equal(privateCountProblem(ten, false), undefined);
	assert.equal(privateCountProblem([...ten.slice(1), event('s', 'shareable')], true), undefined);
});

test('an event over 6 MB (synchronous) or 1 MB (asynchronous) is refused with the limit named', () => {
	const oneAndABitMb = `"${'x'.repeat(1_048_577)}"`;
	assert.equal(payloadSizeProblem(oneAndABitMb, false), undefined);
	assert.match(payloadSizeProblem(oneAndABitMb, true) ?? '', /an asynchronous invocation takes at most 1048576 bytes \(1\.0 MB\)/);
	const overSix = `"${'x'.repeat(6_291_456)}"`;
	assert.match(payloadSizeProblem(overSix, false) ?? '', /a synchronous invocation takes at most 6291456 bytes \(6\.0 MB\)/);
});

test('events are listed by name, private before shareable', () => {
	const sorted = sortedEvents([event('b'), event('a', 'shareable'), event('a')]);
	assert.deepEqual(sorted.map((each) => `${each.name}:${each.sharing}`), ['a:private', 'a:shareable', 'b:private']);
});

test('the limit is known before a new event is begun, and its message fits a form at 80 columns', () => {
	const nine = Array.from({length: 9}, (_, index) => event(`e${index}`));
	assert.equal(privateEventsFull(nine), false);
	assert.equal(privateEventsFull([...nine, event('s', 'shareable')]), false);
	assert.equal(privateEventsFull([...nine, event('e9')]), true);
	const message = privateCountProblem([...nine, event('e9')], true) ?? '';
	assert.ok(message.length <= 74, `${message.length} characters`);
});

test('a preview reads only the lines it shows, each cut and cleaned; the line count needs no copy', () => {
	assert.equal(eventLineCount('{}'), 1);
	assert.equal(eventLineCount('{\n  "a": 1\n}\n'), 4);
	const big = JSON.stringify({items: Array.from({length: 100_000}, (_, index) => ({index}))}, null, 2);
	assert.equal(eventLineCount(big), big.split('\n').length);
	assert.deepEqual(eventPreviewLines(big, 3, 100), ['{', '  "items": [', '    {']);
	assert.deepEqual(eventPreviewLines(`"${'y'.repeat(7_000_000)}"`, 5, 10), [`"${'y'.repeat(9)}`]);
	assert.deepEqual(eventPreviewLines('{\r\n"a\u001B[31m":\t1\u202E}', 9, 80), ['{', '"a":    1}']);
});
