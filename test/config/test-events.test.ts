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
