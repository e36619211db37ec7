// The local X-Ray's filter expressions: what they select, and that what it
// cannot read or does not support is an InvalidRequestException naming it.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {XRayError} from '../../source/mock/xray/errors.js';
import {parseFilterExpression, type TraceFacts} from '../../source/mock/xray/filter-expression.js';

function facts(overrides: Partial<TraceFacts> = {}): TraceFacts {
	return {
		hasFault: false,
		hasError: false,
		hasThrottle: false,
		isPartial: false,
		responseTime: 0.25,
		duration: 0.3,
		http: {status: 200, method: 'POST', url: 'https://api.example.com/orders'},
		services: [
			{name: 'orders', type: 'AWS::Lambda'},
			{name: 'orders', type: 'AWS::Lambda::Function'},
		],
		resourceArns: ['arn:aws:lambda:us-east-1:123456789012:function:orders'],
		users: ['alice'],
		annotations: [
			{key: 'ColdStart', value: true},
			{key: 'tenant', value: 'acme'},
			{key: 'items', value: 3},
		],
		...overrides,
	};
}

const ok = facts();
const faulted = facts({hasFault: true, responseTime: 2.5, duration: 2.6, services: [{name: 'billing', type: 'AWS::Lambda'}]});
const throttled = facts({hasError: true, hasThrottle: true, http: {status: 429}, responseTime: 0.001, annotations: []});

function selects(expression: string): boolean[] {
	const predicate = parseFilterExpression(expression);
	return [ok, faulted, throttled].map(predicate);
}

function refuses(expression: string, message: RegExp): void {
	assert.throws(
		() => parseFilterExpression(expression),
		(error: unknown) => error instanceof XRayError && error.code === 'InvalidRequestException' && error.status === 400 && message.test(error.message),
	);
}

describe('filter expressions', () => {
	it('selects every trace when empty', () => {
		assert.deepEqual(selects(''), [true, true, true]);
		assert.deepEqual(selects('   '), [true, true, true]);
	});

	it('selects by service name, or by name and type', () => {
		assert.deepEqual(selects('service("orders")'), [true, false, true]);
		assert.deepEqual(selects('service("Orders")'), [false, false, false]);
		assert.deepEqual(selects('service(id(name: "billing", type: "AWS::Lambda"))'), [false, true, false]);
		assert.deepEqual(selects('service(id(type: "AWS::Lambda::Function"))'), [true, false, true]);
		assert.deepEqual(selects('id(name: "orders")'), [true, false, true]);
		assert.deepEqual(selects('service()'), [true, true, true]);
	});

	it('selects by status keywords', () => {
		assert.deepEqual(selects('ok'), [true, false, false]);
		assert.deepEqual(selects('fault'), [false, true, false]);
		assert.deepEqual(selects('error'), [false, false, true]);
		assert.deepEqual(selects('throttle'), [false, false, true]);
		assert.deepEqual(selects('partial'), [false, false, false]);
	});

	it('compares response time and duration in seconds, and the HTTP status', () => {
		assert.deepEqual(selects('responsetime > 1'), [false, true, false]);
		assert.deepEqual(selects('responsetime <= 0.25'), [true, false, true]);
		assert.deepEqual(selects('duration >= 2.6'), [false, true, false]);
		assert.deepEqual(selects('http.status = 429'), [false, false, true]);
		assert.deepEqual(selects('http.status != 429'), [true, true, false]);
	});

	it('combines with AND, OR, NOT, their symbols and parentheses, keywords in any case', () => {
		assert.deepEqual(selects('service("orders") and responsetime > 0.1'), [true, false, false]);
		assert.deepEqual(selects('service("orders") AND error'), [false, false, true]);
		assert.deepEqual(selects('fault OR throttle'), [false, true, true]);
		assert.deepEqual(selects('fault || throttle && responsetime > 1'), [false, true, false]);
		assert.deepEqual(selects('(fault || throttle) && responsetime < 1'), [false, false, true]);
		assert.deepEqual(selects('NOT fault'), [true, false, true]);
		assert.deepEqual(selects('!ok and !fault'), [false, false, true]);
		assert.deepEqual(selects('Service("orders") And ResponseTime > 0.1'), [true, false, false]);
	});

	it('compares strings, resource ARNs, users and annotations', () => {
		assert.deepEqual(selects('resource.arn ENDSWITH ":function:orders"'), [true, true, true]);
		assert.deepEqual(selects('http.url CONTAINS "/orders"'), [true, true, false]);
		assert.deepEqual(selects('http.method = "POST"'), [true, true, false]);
		assert.deepEqual(selects('user BEGINSWITH "ali"'), [true, true, true]);
		assert.deepEqual(selects('annotation.tenant = "acme"'), [true, true, false]);
		assert.deepEqual(selects('annotation.items > 2'), [true, true, false]);
		assert.deepEqual(selects('annotation.ColdStart = true'), [true, true, false]);
		assert.deepEqual(selects('annotation.ColdStart != true'), [false, false, false]);
		assert.deepEqual(selects('annotation.tenant = 3'), [false, false, false]);
	});

	it('refuses what it does not support, naming it', () => {
		refuses('edge("a", "b")', /Unsupported filter expression keyword "edge"/);
		refuses('service("orders") AND group.name = "x"', /Unsupported filter expression keyword "group.name"/);
		refuses('rootcause.fault.service.name = "x"', /"rootcause.fault.service.name"/);
		refuses('service("orders") { fault }', /service-scoped/);
	});

	it('refuses what it cannot read, saying where', () => {
		refuses('responsetime >', /expected a number after responsetime > at position 14/);
		refuses('responsetime > "slow"', /expected a number/);
		refuses('http.url > "x"', /expected an operator/);
		refuses('service("orders"', /expected "\)"/);
		refuses('service("orders) and ok', /closing quote/);
		refuses('fault fault', /expected AND, OR or the end of the expression at position 6/);
		refuses('(fault', /expected "\)"/);
		refuses('responsetime ~ 2', /not "~"/);
	});
});
