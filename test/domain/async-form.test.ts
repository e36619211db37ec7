// The Asynchronous invocation form, read and checked before anything is sent:
// the maximum event age as a person types it ("90m", "6h", "1h30m"), refused
// with the range named; retry attempts; the dead-letter queue and the
// destinations, refused with what is allowed; and the change the form makes.

import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {effectiveAsyncSettings} from '../../source/domain/async-config.js';
import {deadLetterProblem, destinationProblem, eventAgeField, formatEventAge, parseAsyncForm, parseEventAge, regionOf, retriesProblem} from '../../source/domain/async-form.js';

const functionArn = 'arn:aws:lambda:us-east-1:123456789012:function:orders';
const queue = 'arn:aws:sqs:us-east-1:123456789012:failed-orders';

describe('the maximum event age', () => {
	test('reads seconds, minutes, hours and both, with spaces and upper case', () => {
		const ages: ReadonlyArray<[string, number]> = [
			['90m', 5400],
			['6h', 21_600],
			['1h30m', 5400],
			['1 h 30 min', 5400],
			['3600', 3600],
			['3600s', 3600],
			[' 90 MIN ', 5400],
			['1h0m5s', 3605],
			['60', 60],
		];
		for (const [text, seconds] of ages) assert.deepEqual(parseEventAge(text), {ok: true, value: seconds}, text);
	});

	test('refuses what is not a duration, naming the forms and the range', () => {
		const expected = 'Not a duration: write seconds, 90m, 6h or 1h30m; 1 min to 6 h (60-21600 s)';
		for (const text of ['', 'soon', '1h30', '90 minutes', '-5m', '1.5h']) {
			assert.deepEqual(parseEventAge(text), {ok: false, message: expected}, text);
		}
	});

	test('refuses an age outside 1 min to 6 h, saying which way', () => {
		assert.deepEqual(parseEventAge('30s'), {ok: false, message: 'Event age is 1 min to 6 h (60-21600 s); 30 s is too short'});
		assert.deepEqual(parseEventAge('0'), {ok: false, message: 'Event age is 1 min to 6 h (60-21600 s); 0 s is too short'});
		assert.deepEqual(parseEventAge('7h'), {ok: false, message: 'Event age is 1 min to 6 h (60-21600 s); 7 h is too long'});
		assert.deepEqual(parseEventAge('6h1s'), {ok: false, message: 'Event age is 1 min to 6 h (60-21600 s); 6 h 1 s is too long'});
	});

	test('is shown as hours, minutes and seconds, and the field holds a form it reads back', () => {
		assert.equal(formatEventAge(21_600), '6 h');
		assert.equal(formatEventAge(5400), '1 h 30 min');
		assert.equal(formatEventAge(125), '2 min 5 s');
		assert.equal(formatEventAge(3605), '1 h 5 s');
		assert.equal(formatEventAge(0), '0 s');
		assert.equal(eventAgeField(21_600), '6h');
		assert.equal(eventAgeField(5400), '1h30m');
		assert.equal(eventAgeField(90), '1m30s');
		assert.equal(eventAgeField(0), '0s');
		for (const seconds of [60, 61, 90, 3599, 3605, 5400, 21_600]) {
			assert.deepEqual(parseEventAge(eventAgeField(seconds)), {ok: true, value: seconds}, eventAgeField(seconds));
		}
	});
});

test('retry attempts are 0, 1 or 2', () => {
	for (const text of ['0', '1', '2']) assert.equal(retriesProblem(text), undefined);
	for (const text of ['3', '-1', 'two', '1.5']) assert.equal(retriesProblem(text), 'Retry attempts are 0, 1 or 2', text);
});

test('the region of a function ARN', () => {
	assert.equal(regionOf(functionArn), 'us-east-1');
	assert.equal(regionOf('orders'), undefined);
	assert.equal(regionOf('arn:aws:s3:::bucket'), undefined);
});

describe('the dead-letter queue', () => {
	test('takes an SQS queue or SNS topic of the function\'s region, or nothing', () => {
		assert.equal(deadLetterProblem('', functionArn), undefined);
		assert.equal(deadLetterProblem(`  ${queue} `, functionArn), undefined);
		assert.equal(deadLetterProblem('arn:aws:sns:us-east-1:123456789012:alerts', functionArn), undefined);
	});

	test('refuses another region, a FIFO queue and anything else, saying what to use', () => {
		assert.equal(
			deadLetterProblem('arn:aws:sqs:eu-west-1:123456789012:failed-orders', functionArn),
			"Use an SQS queue or SNS topic in the function's region (us-east-1)",
		);
		assert.equal(deadLetterProblem(`${queue}.fifo`, functionArn), 'A FIFO queue or topic cannot be a dead-letter queue: use a standard one');
		assert.equal(deadLetterProblem('arn:aws:s3:::bucket', functionArn), 'Use an SQS queue or SNS topic ARN: arn:aws:sqs:REGION:ACCOUNT:NAME');
		assert.equal(deadLetterProblem('failed-orders', functionArn), 'Use an SQS queue or SNS topic ARN: arn:aws:sqs:REGION:ACCOUNT:NAME');
	});
});

describe('the destinations', () => {
	const bucket = 'arn:aws:s3:::order-records';
	const bus = 'arn:aws:events:us-east-1:123456789012:event-bus/default';

	test('take SQS, SNS, EventBridge and Lambda on success, S3 as well on failure, or nothing', () => {
		for (const arn of ['', queue, bus, 'arn:aws:sns:us-east-1:123456789012:alerts', 'arn:aws:lambda:us-east-1:123456789012:function:audit:live']) {
			assert.equal(destinationProblem(arn, 'success', 'orders'), undefined, arn);
			assert.equal(destinationProblem(arn, 'failure', 'orders'), undefined, arn);
		}
		assert.equal(destinationProblem(bucket, 'failure', 'orders'), undefined);
	});

	test('refuse S3 on success, other kinds, and the function itself, saying what to use', () => {
		assert.equal(destinationProblem(bucket, 'success', 'orders'), 'Use an SQS, SNS, EventBridge or Lambda ARN (S3: on failure only)');
		assert.equal(destinationProblem('orders-dlq', 'success', 'orders'), 'Use an SQS, SNS, EventBridge or Lambda ARN (S3: on failure only)');
		assert.equal(destinationProblem('arn:aws:dynamodb:us-east-1:123456789012:table/t', 'failure', 'orders'), 'Use an SQS, SNS, EventBridge, S3 or Lambda ARN');
		assert.equal(destinationProblem(functionArn, 'failure', 'orders'), 'A function cannot be its own destination: use another');
		assert.equal(destinationProblem(`${functionArn}:live`, 'success', 'orders'), 'A function cannot be its own destination: use another');
	});
});

describe('the change the form makes', () => {
	const current = effectiveAsyncSettings({maximumRetryAttempts: 1, onFailure: queue});
	const unchanged = {retries: '1', age: '6h', deadLetter: '', onSuccess: '', onFailure: queue};

	test('is nothing when nothing differs from what Lambda has', () => {
		assert.deepEqual(parseAsyncForm(unchanged, current, ''), {settings: {}, deadLetterLabel: '', settingsLabel: ''});
		assert.deepEqual(parseAsyncForm({...unchanged, age: '360m', onFailure: ` ${queue} `}, current, ''), {settings: {}, deadLetterLabel: '', settingsLabel: ''});
	});

	test('holds only what changed, labelled for the message', () => {
		const change = parseAsyncForm(
			{retries: '0', age: '1h30m', deadLetter: queue, onSuccess: 'arn:aws:events:us-east-1:123456789012:event-bus/default', onFailure: ''},
			current,
			'',
		);
		assert.deepEqual(change, {
			deadLetterTargetArn: queue,
			deadLetterLabel: 'dead-letter queue',
			settings: {maximumRetryAttempts: 0, maximumEventAgeInSeconds: 5400, onSuccess: 'arn:aws:events:us-east-1:123456789012:event-bus/default', onFailure: ''},
			settingsLabel: 'retries 0, maximum event age 1 h 30 min, on-success destination, no on-failure destination',
		});
		const removed = parseAsyncForm({...unchanged, deadLetter: ''}, current, queue);
		assert.equal(removed.deadLetterTargetArn, '');
		assert.equal(removed.deadLetterLabel, 'no dead-letter queue');
		assert.deepEqual(removed.settings, {});
	});
});
