// How a request's LoggingConfig changes a function's logging settings, and Lambda's checks of it.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {effectiveLogFormat, mergeLoggingConfig} from '../../source/domain/logging-config.js';
import {checkLoggingConfig} from '../../source/domain/validate.js';

const text = {LogFormat: 'Text', LogGroup: '/aws/lambda/f'};

describe('logging configuration', () => {
	it('JSON gets INFO and INFO when no levels are given; given levels win; Text drops them', () => {
		assert.deepEqual(mergeLoggingConfig(text, {LogFormat: 'JSON'}), {LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO', LogGroup: '/aws/lambda/f'});
		const json = mergeLoggingConfig(text, {LogFormat: 'JSON', ApplicationLogLevel: 'ERROR'});
		assert.equal(json.ApplicationLogLevel, 'ERROR');
		assert.equal(mergeLoggingConfig(json, {SystemLogLevel: 'WARN'}).ApplicationLogLevel, 'ERROR', 'levels left out are kept');
		assert.deepEqual(mergeLoggingConfig(json, {LogFormat: 'Text'}), text);
		assert.deepEqual(mergeLoggingConfig(text, {LogGroup: '/shop/orders'}), {LogFormat: 'Text', LogGroup: '/shop/orders'});
		assert.equal(effectiveLogFormat(json, {}), 'JSON');
		assert.equal(effectiveLogFormat(json, {LogFormat: 'Text'}), 'Text');
	});

	it('levels only with JSON, in Lambda\'s words; enums and the log group name as the model says', () => {
		assert.deepEqual(checkLoggingConfig({LogFormat: 'JSON', ApplicationLogLevel: 'TRACE', SystemLogLevel: 'DEBUG', LogGroup: '/a/b_c.d-e#f'}), []);
		assert.equal(
			checkLoggingConfig({LogFormat: 'Text', SystemLogLevel: 'WARN'})[0]?.message,
			'LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change the LogFormat to "Json" and try again.',
		);
		assert.match(checkLoggingConfig({LogFormat: 'XML'})[0]?.message ?? '', /Member must satisfy enum value set: \[JSON, Text\]/);
		assert.match(checkLoggingConfig({LogFormat: 'JSON', SystemLogLevel: 'ERROR'})[0]?.message ?? '', /enum value set: \[DEBUG, INFO, WARN\]/);
		assert.match(checkLoggingConfig({LogGroup: ''})[0]?.message ?? '', /length greater than or equal to 1/);
		assert.match(checkLoggingConfig({LogGroup: 'g'.repeat(513)})[0]?.message ?? '', /length less than or equal to 512/);
		assert.equal(checkLoggingConfig({LogGroup: 'has space'})[0]?.code, 'ValidationException');
	});
});
