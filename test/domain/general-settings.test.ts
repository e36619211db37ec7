import assert from 'node:assert/strict';
import {test} from 'node:test';
import {generalFormChecks, parseGeneralForm, runtimeChoices, runtimeNote, runtimeOfChoice, type GeneralSettings} from '../../source/domain/general-settings.js';

const at = new Date('2026-11-27T12:00:00Z');

test('the runtime choices are the SDK\'s runtimes Lambda still updates functions to, deprecated ones marked', () => {
	const choices = runtimeChoices('nodejs22.x', at);
	assert.ok(choices.includes('nodejs22.x'));
	assert.ok(choices.includes('python3.13'));
	assert.ok(choices.includes('nodejs20.x (deprecated)'), 'past its deprecation date, still updatable until March 2027');
	assert.ok(!choices.some((choice) => runtimeOfChoice(choice) === 'nodejs12.x'), 'blocked runtimes are not offered');
	assert.ok(runtimeChoices('nodejs12.x', at).includes('nodejs12.x (deprecated)'), 'but a function keeps its own');
	assert.equal(runtimeOfChoice('nodejs20.x (deprecated)'), 'nodejs20.x');
	assert.match(runtimeNote('nodejs20.x', at) ?? '', /^deprecated: move to nodejs/);
	assert.equal(runtimeNote('nodejs22.x', at), undefined);
	assert.match(generalFormChecks.runtime('nodejs12.x', at) ?? '', /^Lambda no longer updates functions to nodejs12\.x/);
});

test('the form\'s values become a change of only what differs, with a label', () => {
	const detail: GeneralSettings = {description: 'orders', memoryMb: 128, ephemeralStorageMb: 512, timeoutSeconds: 3, handler: 'index.handler', runtime: 'nodejs22.x'};
	const same = parseGeneralForm(
		{description: 'orders', memory: '128', ephemeral: '512', timeout: '3s', handler: 'index.handler', runtime: 'nodejs22.x'},
		detail,
	);
	assert.equal(same.changes, 0);
	const changed = parseGeneralForm(
		{description: 'orders', memory: '1GB', ephemeral: '512', timeout: '1m30s', handler: 'index.handler', runtime: 'nodejs24.x'},
		detail,
	);
	assert.deepEqual(changed.change, {memoryMb: 1024, timeoutSeconds: 90, runtime: 'nodejs24.x'});
	assert.equal(changed.label, 'memory 1024 MB, timeout 90 s, runtime nodejs24.x');
	assert.match(generalFormChecks.memory('99999') ?? '', /from 128 to 10240 MB/);
	assert.match(generalFormChecks.timeout('16m') ?? '', /1 second and 15 minutes/);
	assert.equal(generalFormChecks.timeout('15m'), undefined);
});
