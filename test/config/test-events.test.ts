import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {openPrivateTestEvents} from '../../source/config/test-events.js';

test('private events are kept per function in the settings file and survive reopening', async () => {
	const directory = await mkdtemp(join(tmpdir(), 'lambdash-config-test-'));
	try {
		const store = await openPrivateTestEvents(directory);
		store.save('arn:aws:lambda:us-east-1:123456789012:function:a', {name: 'first', json: '{"a":1}'});
		store.save('arn:aws:lambda:us-east-1:123456789012:function:b', {name: 'other', json: '{}'});
		store.save('arn:aws:lambda:us-east-1:123456789012:function:a', {name: 'renamed', json: '{"a":2}'}, 'first');
		const reopened = await openPrivateTestEvents(directory);
		assert.deepEqual(reopened.list('arn:aws:lambda:us-east-1:123456789012:function:a'), [{name: 'renamed', json: '{"a":2}', sharing: 'private'}]);
		assert.equal(reopened.list('arn:aws:lambda:us-east-1:123456789012:function:b').length, 1);
		reopened.remove('arn:aws:lambda:us-east-1:123456789012:function:b', 'other');
		assert.deepEqual(reopened.list('arn:aws:lambda:us-east-1:123456789012:function:b'), []);
		const file = JSON.parse(await readFile(store.path, 'utf8')) as {testEvents: Record<string, unknown>};
		assert.deepEqual(Object.keys(file.testEvents), ['arn:aws:lambda:us-east-1:123456789012:function:a']);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
});

test('a scope with dots in it (a data directory path) is one key, not a path', async () => {
	const directory = await mkdtemp(join(tmpdir(), 'lambdash-config-test-'));
	try {
		const store = await openPrivateTestEvents(directory);
		store.save('local:/home/me/.local/share/lambdash:hello.world', {name: 'e', json: '1'});
		assert.deepEqual(store.list('local:/home/me/.local/share/lambdash:hello.world'), [{name: 'e', json: '1', sharing: 'private'}]);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
});

test('events named __proto__ and constructor are kept like any other: saved, listed, renamed and deleted', async () => {
	const directory = await mkdtemp(join(tmpdir(), 'lambdash-config-test-'));
	const scope = 'arn:aws:lambda:us-east-1:123456789012:function:a';
	try {
		const store = await openPrivateTestEvents(directory);
		store.save(scope, {name: '__proto__', json: '{"p":1}'});
		store.save(scope, {name: 'constructor', json: '{"c":1}'});
		store.save(scope, {name: 'toString', json: '{"t":1}'}, 'no-such-event');
		const byName = (events: ReturnType<typeof store.list>) => events.map((event) => `${event.name}=${event.json}`).sort();
		assert.deepEqual(byName(store.list(scope)), ['__proto__={"p":1}', 'constructor={"c":1}', 'toString={"t":1}']);
		// A scope that was never written has no events, whatever its name.
		assert.deepEqual(store.list('constructor'), []);
		assert.deepEqual(store.list('__proto__'), []);

		const reopened = await openPrivateTestEvents(directory);
		assert.deepEqual(byName(reopened.list(scope)), ['__proto__={"p":1}', 'constructor={"c":1}', 'toString={"t":1}']);
		reopened.save(scope, {name: 'renamed', json: '{"p":2}'}, '__proto__');
		assert.deepEqual(byName(reopened.list(scope)), ['constructor={"c":1}', 'renamed={"p":2}', 'toString={"t":1}']);
		reopened.save(scope, {name: '__proto__', json: '{"p":3}'}, 'renamed');
		reopened.remove(scope, 'constructor');
		reopened.remove(scope, 'toString');
		assert.deepEqual(byName(reopened.list(scope)), ['__proto__={"p":3}']);
		reopened.remove(scope, '__proto__');
		assert.deepEqual(reopened.list(scope), []);
		const file = JSON.parse(await readFile(store.path, 'utf8')) as {testEvents: Record<string, unknown>};
		assert.deepEqual(Object.keys(file.testEvents), []);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
});

test('a scope named __proto__ or constructor keeps its events too', async () => {
	const directory = await mkdtemp(join(tmpdir(), 'lambdash-config-test-'));
	try {
		const store = await openPrivateTestEvents(directory);
		store.save('__proto__', {name: 'e', json: '1'});
		store.save('constructor', {name: 'f', json: '2'});
		const reopened = await openPrivateTestEvents(directory);
		assert.deepEqual(reopened.list('__proto__'), [{name: 'e', json: '1', sharing: 'private'}]);
		assert.deepEqual(reopened.list('constructor'), [{name: 'f', json: '2', sharing: 'private'}]);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
});
