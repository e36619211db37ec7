// The local CloudWatch Logs store (mock/logs/log-store.ts, log-files.ts): what
// it keeps when its caps are reached, that its files stay bounded and survive
// a torn write, and the event stream framing Live Tail is sent in.

import assert from 'node:assert/strict';
import {appendFile, mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import * as zlib from 'node:zlib';
import {after, before, describe, it} from 'node:test';
import {crc32, encodeEvent, encodeEventStreamMessage} from '../../source/mock/logs/event-stream.js';
import {LogStore, logLimits, type LogLimits} from '../../source/mock/logs/log-store.js';

const start = Date.UTC(2026, 0, 1);

let scratch: string;
before(async () => {
	scratch = await mkdtemp(join(tmpdir(), 'lambdash-logstore-'));
});
after(() => rm(scratch, {recursive: true, force: true}));

let counter = 0;
async function openStore(limits: Partial<LogLimits> = {}, root?: string): Promise<{store: LogStore; root: string}> {
	counter += 1;
	const directory = root ?? join(scratch, `store-${counter}`);
	return {store: await LogStore.open(directory, {...logLimits, ...limits}), root: directory};
}

function messages(store: LogStore, group: string, stream: string): string[] {
	return (store.groups.get(group)?.streams.get(stream)?.events ?? []).map((event) => event.message);
}

const lines = (prefix: string, count: number, from = 0): Array<{timestamp: number; message: string}> =>
	Array.from({length: count}, (_, index) => ({timestamp: start + (from + index) * 1000, message: `${prefix} ${from + index}`}));

describe('what the store keeps', () => {
	it('keeps the newest events of a stream, dropping to 10% under the cap', async () => {
		const {store} = await openStore({eventsPerStream: 10});
		store.append('g', 's', lines('e', 10), start);
		assert.equal(messages(store, 'g', 's').length, 10);
		store.append('g', 's', lines('e', 1, 10), start);
		assert.deepEqual(messages(store, 'g', 's'), lines('e', 9, 2).map((line) => line.message));
	});

	it("drops a group's oldest events across its streams when the group is over its event or byte cap", async () => {
		const {store} = await openStore({eventsPerGroup: 10});
		store.append('g', 'a', [0, 2, 4, 6, 8].map((index) => ({timestamp: start + index, message: `a${index}`})), start);
		store.append('g', 'b', [1, 3, 5, 7, 9].map((index) => ({timestamp: start + index, message: `b${index}`})), start);
		store.append('g', 'b', [{timestamp: start + 10, message: 'b10'}], start);
		// 11 events over a cap of 10: down to 9, the two oldest go.
		assert.deepEqual(messages(store, 'g', 'a'), ['a2', 'a4', 'a6', 'a8']);
		assert.deepEqual(messages(store, 'g', 'b'), ['b3', 'b5', 'b7', 'b9', 'b10']);
		assert.equal(store.groups.get('g')?.eventCount, 9);

		const small = (await openStore({bytesPerGroup: 100})).store;
		small.append('g', 's', Array.from({length: 11}, (_, index) => ({timestamp: start + index, message: 'x'.repeat(10)})), start);
		assert.equal(small.groups.get('g')?.bytes, 90);
		assert.equal(messages(small, 'g', 's').length, 9);
	});

	it('keeps at most so many streams in a group, dropping the ones written to least recently', async () => {
		const {store} = await openStore({streamsPerGroup: 3});
		store.append('g', 'one', lines('1', 1), start);
		store.append('g', 'two', lines('2', 1), start + 1);
		store.append('g', 'three', lines('3', 1), start + 2);
		store.append('g', 'one', lines('1', 1, 1), start + 3);
		store.append('g', 'four', lines('4', 1), start + 4);
		// 4 streams over a cap of 3: down to 2, "two" and "three" were written to longest ago.
		assert.deepEqual([...(store.groups.get('g')?.streams.keys() ?? [])].sort(), ['four', 'one']);
		assert.equal(store.groups.get('g')?.eventCount, 3);
	});

	it('shares a service-wide byte cap between groups, oldest events first', async () => {
		const {store} = await openStore({totalBytes: 200});
		store.append('a', 's', Array.from({length: 10}, (_, index) => ({timestamp: start + index, message: 'a'.repeat(10)})), start);
		store.append('b', 's', Array.from({length: 11}, (_, index) => ({timestamp: start + index, message: 'b'.repeat(10)})), start);
		const a = store.groups.get('a')?.bytes ?? 0;
		const b = store.groups.get('b')?.bytes ?? 0;
		assert.ok(a + b <= 180, `${a} + ${b} bytes kept`);
		assert.ok(a > 0 && b > 0, 'both groups keep their newest events');
		assert.equal(messages(store, 'b', 's').length, b / 10);
	});

	it('cuts messages longer than 256 KiB without splitting a character', async () => {
		const {store} = await openStore();
		const long = `${'é'.repeat(200_000)}`;
		const [event] = store.append('g', 's', [{timestamp: start, message: long}], start);
		assert.ok(event !== undefined);
		assert.equal(event.bytes, 256 * 1024);
		assert.equal(event.message, 'é'.repeat(128 * 1024));
	});
});

describe('the files of the store', () => {
	it('stays bounded: a stream file is rewritten once dropped events make up most of it', async () => {
		const {store, root} = await openStore({eventsPerStream: 10});
		for (let index = 0; index < 3000; index += 1) {
			store.append('g', 's', [{timestamp: start + index, message: `line ${index}`}], start);
			if (index % 100 === 99) await store.flush();
		}
		// A late event is the oldest, so it is dropped at once: the highest sequence number is not among the kept events.
		const [late] = store.append('g', 's', [{timestamp: start - 1, message: 'late'}], start);
		assert.equal(late?.sequence, 3001);
		assert.ok(!messages(store, 'g', 's').includes('late'));
		await store.flush();
		const [folder] = await readdir(root);
		assert.ok(folder !== undefined);
		const files = (await readdir(join(root, folder))).filter((file) => file.endsWith('.jsonl'));
		assert.equal(files.length, 1);
		const text = await readFile(join(root, folder, files[0] ?? ''), 'utf8');
		const count = text.split('\n').filter((line) => line !== '').length;
		assert.ok(count <= 1 + 2 * 10 + 1000, `${count} lines in the file`);
		const reopened = (await openStore({eventsPerStream: 10}, root)).store;
		assert.deepEqual(messages(reopened, 'g', 's'), messages(store, 'g', 's'));
		// Sequence numbers go on from the highest ever used, not from the highest kept.
		const [next] = reopened.append('g', 's', [{timestamp: start + 5000, message: 'after the restart'}], start);
		assert.equal(next?.sequence, 3002);
	});

	it('survives a torn last line and repairs the file', async () => {
		const {store, root} = await openStore();
		store.append('/aws/lambda/f', '2026/01/01/[$LATEST]abcd', lines('e', 3), start);
		await store.flush();
		const [folder] = await readdir(root);
		const file = (await readdir(join(root, folder ?? ''))).find((name) => name.endsWith('.jsonl')) ?? '';
		await appendFile(join(root, folder ?? '', file), '[1767225600000,176722');

		const second = (await openStore({}, root)).store;
		assert.deepEqual(messages(second, '/aws/lambda/f', '2026/01/01/[$LATEST]abcd'), ['e 0', 'e 1', 'e 2']);
		second.append('/aws/lambda/f', '2026/01/01/[$LATEST]abcd', lines('e', 1, 3), start);
		await second.flush();
		const third = (await openStore({}, root)).store;
		assert.deepEqual(messages(third, '/aws/lambda/f', '2026/01/01/[$LATEST]abcd'), ['e 0', 'e 1', 'e 2', 'e 3']);
		const sequences = third.groups.get('/aws/lambda/f')?.streams.get('2026/01/01/[$LATEST]abcd')?.events.map((event) => event.sequence);
		assert.deepEqual(sequences, [1, 2, 3, 4]);
	});

	it('removes the files of deleted groups and streams', async () => {
		const {store, root} = await openStore();
		store.append('keep', 'a', lines('k', 1), start);
		store.append('keep', 'b', lines('k', 1), start);
		store.append('drop', 's', lines('d', 1), start);
		await store.flush();
		assert.equal((await readdir(root)).length, 2);
		const drop = store.groups.get('drop');
		const b = store.groups.get('keep')?.streams.get('b');
		assert.ok(drop !== undefined && b !== undefined);
		store.deleteGroup(drop);
		store.deleteStream(b);
		store.append('drop', 's', lines('new', 1), start);
		await store.flush();
		const reopened = (await openStore({}, root)).store;
		assert.deepEqual([...reopened.groups.keys()].sort(), ['drop', 'keep']);
		assert.deepEqual([...(reopened.groups.get('keep')?.streams.keys() ?? [])], ['a']);
		assert.deepEqual(messages(reopened, 'drop', 's'), ['new 0']);
	});
});

describe('event stream framing', () => {
	it('computes the IEEE CRC32', () => {
		assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
		assert.equal(crc32(Buffer.alloc(0)), 0);
		const zlibCrc = (zlib as {crc32?: (data: Uint8Array) => number}).crc32;
		if (zlibCrc !== undefined) {
			const bytes = Buffer.from(Array.from({length: 1000}, (_, index) => (index * 31) % 256));
			assert.equal(crc32(bytes), zlibCrc(bytes));
		}
	});

	it('frames a message: lengths, prelude CRC, string headers, payload, message CRC', () => {
		const payload = Buffer.from('{"a":1}');
		const message = encodeEventStreamMessage({':event-type': 'sessionUpdate'}, payload);
		const headerBytes = 1 + ':event-type'.length + 1 + 2 + 'sessionUpdate'.length;
		assert.equal(message.readUInt32BE(0), message.length);
		assert.equal(message.length, 12 + headerBytes + payload.length + 4);
		assert.equal(message.readUInt32BE(4), headerBytes);
		assert.equal(message.readUInt32BE(8), crc32(message, 0, 8));
		assert.equal(message.readUInt8(12), ':event-type'.length);
		assert.equal(message.subarray(13, 24).toString(), ':event-type');
		assert.equal(message.readUInt8(24), 7);
		assert.equal(message.readUInt16BE(25), 'sessionUpdate'.length);
		assert.equal(message.subarray(27, 40).toString(), 'sessionUpdate');
		assert.equal(message.subarray(40, 40 + payload.length).toString(), '{"a":1}');
		assert.equal(message.readUInt32BE(message.length - 4), crc32(message, 0, message.length - 4));
	});

	it('marks events with their type, JSON content and the event message type', () => {
		const message = encodeEvent('sessionStart', {sessionId: 'x'});
		const text = message.toString('latin1');
		for (const part of [':event-type', 'sessionStart', ':content-type', 'application/json', ':message-type', 'event', '{"sessionId":"x"}']) {
			assert.ok(text.includes(part), part);
		}
	});
});
