// The Concurrency forms, checked before anything is sent: whole numbers only,
// reserved concurrency within what the account leaves, and provisioned
// concurrency within the function's reservation or the unreserved pool, the
// range named in each refusal.

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {provisionedProblem, provisionedRangeFor, reservedConcurrencyProblem, wholeNumber} from '../../source/domain/concurrency-form.js';

test('a whole number, spaces around allowed', () => {
	assert.equal(wholeNumber(' 25 '), 25);
	assert.equal(wholeNumber('0'), 0);
	for (const text of ['', '2.5', '-1', '1e3', 'ten', '1234567890']) assert.equal(wholeNumber(text), undefined, text);
});

test('reserved concurrency is 0 up to what leaves the account 100 unreserved', () => {
	assert.equal(reservedConcurrencyProblem('0', 0, 1000), undefined);
	assert.equal(reservedConcurrencyProblem('900', 0, 1000), undefined);
	assert.equal(reservedConcurrencyProblem('901', 0, 1000), 'A whole number from 0 to 900: the account keeps 100 unreserved');
	assert.equal(reservedConcurrencyProblem('700', 250, 1000), 'A whole number from 0 to 650: the account keeps 100 unreserved');
	assert.equal(reservedConcurrencyProblem('lots', 0, 1000), 'A whole number from 0 to 900: the account keeps 100 unreserved');
});

test('provisioned concurrency fits the reservation, or the unreserved pool', () => {
	const pool = {otherProvisionedOfFunction: 0, reservedTotal: 200, otherUnreservedProvisioned: 50, accountLimit: 1000};
	assert.deepEqual(provisionedRangeFor(pool), {max: 650, text: 'A whole number from 1 to 650: the account keeps 100 unreserved'});
	assert.equal(provisionedProblem('650', pool), undefined);
	assert.equal(provisionedProblem('651', pool), 'A whole number from 1 to 650: the account keeps 100 unreserved');
	assert.equal(provisionedProblem('0', pool), 'A whole number from 1 to 650: the account keeps 100 unreserved');

	const reserved = {reservedConcurrency: 20, otherProvisionedOfFunction: 5, reservedTotal: 20, otherUnreservedProvisioned: 0};
	assert.deepEqual(provisionedRangeFor(reserved), {max: 15, text: 'A whole number from 1 to 15: within the reserved 20'});
	assert.equal(provisionedProblem('16', reserved), 'A whole number from 1 to 15: within the reserved 20');
	assert.equal(provisionedRangeFor({...reserved, otherProvisionedOfFunction: 20}).text, 'Nothing fits the reserved 20: raise the reservation first');
	assert.equal(provisionedRangeFor({...pool, reservedTotal: 900}).text, 'Nothing fits: the account keeps 100 unreserved');
});
