// The ARNs of the Configuration forms (dead-letter queue, KMS key, signing
// profile versions), and the dead-letter and KMS checks the local Lambda makes.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {checkDeadLetterTargetInput, checkKmsKeyInput, checkSigningProfileVersionInput} from '../../source/domain/config-arns.js';
import {checkDeadLetterTargetArn, checkKmsKeyArn} from '../../source/domain/validate.js';

const queue = 'arn:aws:sqs:us-east-1:123456789012:failed-orders';
const topic = 'arn:aws:sns:us-east-1:123456789012:alerts';

describe('dead-letter queue', () => {
	it('the form takes an SQS queue or SNS topic ARN in the function\'s region, naming both forms otherwise', () => {
		assert.equal(checkDeadLetterTargetInput(queue), undefined);
		assert.equal(checkDeadLetterTargetInput(topic, 'us-east-1'), undefined);
		assert.equal(checkDeadLetterTargetInput('arn:aws-cn:sqs:cn-north-1:123456789012:q', 'cn-north-1'), undefined);
		assert.match(checkDeadLetterTargetInput('arn:aws:s3:::bucket') ?? '', /is not a dead-letter queue: give an SQS queue ARN \(arn:aws:sqs:.*\) or an SNS topic ARN \(arn:aws:sns:/);
		assert.match(checkDeadLetterTargetInput('failed-orders') ?? '', /is not a dead-letter queue/);
		assert.match(checkDeadLetterTargetInput(`${queue}.fifo`) ?? '', /is a FIFO queue or topic/);
		assert.equal(
			checkDeadLetterTargetInput(queue, 'eu-west-1'),
			`The dead-letter queue must be in the function's region (eu-west-1); '${queue}' is in us-east-1.`,
		);
	});
	it('the local Lambda answers as Lambda does', () => {
		assert.deepEqual(checkDeadLetterTargetArn(queue, 'us-east-1'), []);
		assert.deepEqual(checkDeadLetterTargetArn(topic, 'us-east-1'), []);
		assert.equal(checkDeadLetterTargetArn('queue', 'us-east-1')[0]?.code, 'ValidationException');
		assert.equal(checkDeadLetterTargetArn('', 'us-east-1')[0]?.message, "Invalid dead letter queue ARN: ARNs must start with 'arn:': ");
		assert.equal(
			checkDeadLetterTargetArn('arn:aws:lambda:us-east-1:123456789012:function:f', 'us-east-1')[0]?.message,
			'Invalid dead letter queue ARN: The service specified by the TargetArn is not supported for dead letter configuration.',
		);
		assert.match(checkDeadLetterTargetArn(queue, 'eu-west-1')[0]?.message ?? '', /must be in the same region as the Lambda function/);
		assert.match(checkDeadLetterTargetArn(`${queue}.fifo`, 'us-east-1')[0]?.message ?? '', /FIFO SQS queue is not supported/);
	});
});

describe('KMS key', () => {
	it('a key or alias ARN, or empty for Lambda\'s own key', () => {
		assert.equal(checkKmsKeyInput('arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'), undefined);
		assert.equal(checkKmsKeyInput('arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab'), undefined);
		assert.equal(checkKmsKeyInput('arn:aws:kms:us-east-1:123456789012:alias/lambda'), undefined);
		assert.equal(checkKmsKeyInput(''), undefined);
		assert.match(checkKmsKeyInput('alias/lambda') ?? '', /is not a KMS key ARN: give arn:aws:kms:REGION:ACCOUNT:key\/KEY-ID \(or alias\/NAME\), or leave it empty/);
		assert.deepEqual(checkKmsKeyArn(''), []);
		assert.equal(checkKmsKeyArn('my-key')[0]?.message, "Value 'my-key' at 'kMSKeyArn' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()");
	});
});

describe('signing profile versions', () => {
	it('arn:aws:signer:REGION:ACCOUNT:/signing-profiles/PROFILE/VERSION', () => {
		assert.equal(checkSigningProfileVersionInput('arn:aws:signer:us-east-1:123456789012:/signing-profiles/MyProfile_1/abcdef1234'), undefined);
		assert.match(checkSigningProfileVersionInput('arn:aws:signer:us-east-1:123456789012:/signing-profiles/MyProfile') ?? '', /give arn:aws:signer:REGION:ACCOUNT:\/signing-profiles\/PROFILE\/VERSION/);
		assert.notEqual(checkSigningProfileVersionInput('arn:aws:signer:us-east-1:123456789012:/signing-profiles/P/abcdef1234'), undefined, 'a profile name has 2 characters at least');
	});
});
