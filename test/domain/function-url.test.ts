// The pure checks of function URLs the local Lambda and the console share:
// AuthType, InvokeMode, the alias-only Qualifier, the model's limits on Cors
// and Lambda's rule on Cors.AllowMethods, in Lambda's words, and how a
// function URL's host reads.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
	checkFunctionUrlAuthType,
	checkFunctionUrlCors,
	checkFunctionUrlInvokeMode,
	checkFunctionUrlQualifier,
	corsAllows,
	parseFunctionUrlHost,
} from '../../source/domain/function-url.js';
import {summarizeProblems} from '../../source/domain/validate.js';

describe('function URL validation', () => {
	it('AuthType: required on create, NONE or AWS_IAM', () => {
		assert.deepEqual(checkFunctionUrlAuthType('NONE', true), []);
		assert.deepEqual(checkFunctionUrlAuthType(undefined, false), []);
		assert.equal(summarizeProblems(checkFunctionUrlAuthType(undefined, true))?.message, "1 validation error detected: Value null at 'authType' failed to satisfy constraint: Member must not be null");
		assert.match(summarizeProblems(checkFunctionUrlAuthType('none', true))?.message ?? '', /Member must satisfy enum value set: \[NONE, AWS_IAM\]/);
	});

	it('InvokeMode: BUFFERED or RESPONSE_STREAM', () => {
		assert.deepEqual(checkFunctionUrlInvokeMode('RESPONSE_STREAM'), []);
		assert.match(summarizeProblems(checkFunctionUrlInvokeMode('STREAM'))?.message ?? '', /\[BUFFERED, RESPONSE_STREAM\]/);
	});

	it('Qualifier: an alias; a version number and $LATEST are refused', () => {
		assert.deepEqual(checkFunctionUrlQualifier('live'), []);
		assert.deepEqual(checkFunctionUrlQualifier('v2'), []);
		assert.match(checkFunctionUrlQualifier('7')[0]?.message ?? '', /^Value '7' at 'qualifier'/);
		assert.match(checkFunctionUrlQualifier('$LATEST')[0]?.message ?? '', /regular expression pattern/);
		assert.match(checkFunctionUrlQualifier('a'.repeat(129))[0]?.message ?? '', /length less than or equal to 128/);
	});

	it('Cors: the model\'s limits all at once, then the methods a URL answers', () => {
		assert.deepEqual(checkFunctionUrlCors({allowOrigins: ['*'], allowMethods: ['get', '*'], maxAge: 86_400}), []);
		const problems = checkFunctionUrlCors({allowOrigins: [''], allowHeaders: ['x'.repeat(1025)], maxAge: -1});
		assert.equal(
			summarizeProblems(problems)?.message,
			"3 validation errors detected: Value '' at 'cors.allowOrigins.member' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				`Value '${'x'.repeat(1025)}' at 'cors.allowHeaders.member' failed to satisfy constraint: Member must have length less than or equal to 1024; ` +
				"Value '-1' at 'cors.maxAge' failed to satisfy constraint: Member must have value greater than or equal to 0",
		);
		const methods = summarizeProblems(checkFunctionUrlCors({allowMethods: ['OPTIONS']}));
		assert.equal(methods?.code, 'ValidationException', 'OPTIONS is 7 characters: the model refuses it first');
		const unknown = summarizeProblems(checkFunctionUrlCors({allowMethods: ['TRACE']}));
		assert.equal(unknown?.code, 'InvalidParameterValueException');
		assert.match(unknown?.message ?? '', /GET, PUT, HEAD, POST, PATCH, DELETE, \*/);
	});

	it('corsAllows: exact values or the wildcard', () => {
		assert.equal(corsAllows(['https://a.example'], 'https://a.example'), true);
		assert.equal(corsAllows(['https://a.example'], 'https://b.example'), false);
		assert.equal(corsAllows(['*'], 'https://b.example'), true);
		assert.equal(corsAllows(['get'], 'GET', true), true);
		assert.equal(corsAllows(undefined, 'GET'), false);
	});

	it('reads a function URL\'s host, with or without a port', () => {
		const id = 'abcdefghijklmnopqrstuvwxyz012345';
		assert.deepEqual(parseFunctionUrlHost(`${id}.lambda-url.eu-west-1.localhost:4566`), {urlId: id, region: 'eu-west-1'});
		assert.deepEqual(parseFunctionUrlHost(`${id}.lambda-url.us-east-1.on.aws`), {urlId: id, region: 'us-east-1'});
		assert.equal(parseFunctionUrlHost('127.0.0.1:4566'), undefined);
		assert.equal(parseFunctionUrlHost('short.lambda-url.us-east-1.localhost'), undefined);
	});
});
