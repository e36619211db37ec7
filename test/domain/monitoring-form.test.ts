// The Monitoring and operations tools form, checked before anything is sent:
// log levels only with the JSON format (and then required), the allowed
// levels named; the log group's rules; the tracing mode; and the change the
// form's values make to the function's logging and tracing settings.

import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {logGroupProblem, logLevelProblem, noLevel, parseMonitoringForm, tracingProblem, type MonitoringSettings} from '../../source/domain/monitoring-form.js';

describe('the log levels', () => {
	test('are required with JSON, naming the levels of each kind', () => {
		assert.equal(logLevelProblem(noLevel, 'JSON', 'application'), 'With JSON, choose TRACE, DEBUG, INFO, WARN, ERROR or FATAL');
		assert.equal(logLevelProblem(noLevel, 'JSON', 'system'), 'With JSON, choose DEBUG, INFO or WARN');
		assert.equal(logLevelProblem('TRACE', 'JSON', 'application'), undefined);
		assert.equal(logLevelProblem('WARN', 'JSON', 'system'), undefined);
	});

	test('are refused with Text, which takes none', () => {
		assert.equal(logLevelProblem(noLevel, 'Text', 'application'), undefined);
		assert.equal(logLevelProblem(noLevel, 'Text', 'system'), undefined);
		assert.equal(logLevelProblem('DEBUG', 'Text', 'application'), 'Log levels need the JSON format: set JSON, or - (none) with Text');
		assert.equal(logLevelProblem('INFO', 'Text', 'system'), 'Log levels need the JSON format: set JSON, or - (none) with Text');
	});

	test('a level of the other kind is refused with the allowed ones', () => {
		assert.equal(logLevelProblem('TRACE', 'JSON', 'system'), 'Choose DEBUG, INFO or WARN');
		assert.equal(logLevelProblem('LOUD', 'JSON', 'application'), 'Choose TRACE, DEBUG, INFO, WARN, ERROR or FATAL');
	});
});

test('a log group is 1-512 letters, digits and . - _ / #', () => {
	const rule = '1-512 characters: letters, digits and . - _ / #';
	assert.equal(logGroupProblem('/aws/lambda/orders'), undefined);
	assert.equal(logGroupProblem('  shared/app-logs#1  '), undefined);
	assert.equal(logGroupProblem(''), rule);
	assert.equal(logGroupProblem('my logs'), rule);
	assert.equal(logGroupProblem('logs:orders'), rule);
	assert.equal(logGroupProblem('a'.repeat(512)), undefined);
	assert.equal(logGroupProblem('a'.repeat(513)), rule);
});

test('tracing is Active or PassThrough', () => {
	assert.equal(tracingProblem('Active'), undefined);
	assert.equal(tracingProblem('PassThrough'), undefined);
	assert.equal(tracingProblem('On'), 'Choose Active or PassThrough');
});

describe('the change the form makes', () => {
	const text: MonitoringSettings = {
		logging: {format: 'Text', applicationLogLevel: '', systemLogLevel: '', logGroup: '/aws/lambda/orders'},
		tracingMode: 'PassThrough',
	};
	const json: MonitoringSettings = {
		logging: {format: 'JSON', applicationLogLevel: 'INFO', systemLogLevel: 'WARN', logGroup: '/aws/lambda/orders'},
		tracingMode: 'Active',
	};

	test('is nothing when nothing differs', () => {
		const values = {format: 'Text', application: noLevel, system: noLevel, group: ' /aws/lambda/orders ', tracing: 'PassThrough'};
		assert.deepEqual(parseMonitoringForm(values, text), {change: {}, label: ''});
		assert.deepEqual(parseMonitoringForm({format: 'JSON', application: 'INFO', system: 'WARN', group: '/aws/lambda/orders', tracing: 'Active'}, json), {
			change: {},
			label: '',
		});
	});

	test('switching to JSON sends the format with both levels, and tracing', () => {
		const values = {format: 'JSON', application: 'DEBUG', system: 'INFO', group: '/aws/lambda/orders', tracing: 'Active'};
		assert.deepEqual(parseMonitoringForm(values, text), {
			change: {logging: {format: 'JSON', applicationLogLevel: 'DEBUG', systemLogLevel: 'INFO'}, tracingMode: 'Active'},
			label: 'log format JSON, application log level DEBUG, system log level INFO, tracing Active',
		});
	});

	test('one level changed under JSON sends that level only', () => {
		const values = {format: 'JSON', application: 'ERROR', system: 'WARN', group: '/aws/lambda/orders', tracing: 'Active'};
		assert.deepEqual(parseMonitoringForm(values, json), {
			change: {logging: {format: 'JSON', applicationLogLevel: 'ERROR'}},
			label: 'application log level ERROR',
		});
	});

	test('switching back to Text sends no levels; a new log group is sent trimmed', () => {
		const values = {format: 'Text', application: 'INFO', system: 'WARN', group: ' shared/orders ', tracing: 'Active'};
		assert.deepEqual(parseMonitoringForm(values, json), {
			change: {logging: {format: 'Text', logGroup: 'shared/orders'}},
			label: 'log format Text, log group shared/orders',
		});
	});
});
