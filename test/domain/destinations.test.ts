// A function's destinations as one list (asynchronous on success and on
// failure, then each stream mapping's on failure), each on one line; and the
// "Add destination" form's checks: which source takes which condition and
// type, FIFO queues and topics, S3 on success, the function itself, a
// destination that is there already, each refused with what is allowed.

import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	allowedTypes,
	checkDestinationEdit,
	checkDestinationForm,
	describeLink,
	destinationsOf,
	mappingChoices,
	mappingLabel,
	sourceNameOf,
	streamMappings,
	type DestinationContext,
	type DestinationMapping,
} from '../../source/domain/destinations.js';

const queue = 'arn:aws:sqs:us-east-1:123456789012:orders-dlq';
const topic = 'arn:aws:sns:us-east-1:123456789012:alerts';
const bus = 'arn:aws:events:us-east-1:123456789012:event-bus/default';
const bucket = 'arn:aws:s3:::orders-archive';
const audit = 'arn:aws:lambda:us-east-1:123456789012:function:audit:live';

const kinesis: DestinationMapping = {
	uuid: '11111111-aaaa-bbbb-cccc-000000000001',
	kind: 'kinesis',
	eventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks',
	onFailureDestination: topic,
};
const dynamodb: DestinationMapping = {
	uuid: '22222222-aaaa-bbbb-cccc-000000000002',
	kind: 'dynamodb',
	eventSourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000',
	onFailureDestination: undefined,
};
const kafka: DestinationMapping = {uuid: '33333333-aaaa-bbbb-cccc-000000000003', kind: 'kafka', eventSourceArn: undefined, onFailureDestination: undefined};
const sqsTrigger: DestinationMapping = {
	uuid: '44444444-aaaa-bbbb-cccc-000000000004',
	kind: 'sqs',
	eventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:jobs',
	onFailureDestination: undefined,
};

const form = (values: Partial<Record<'source' | 'mapping' | 'condition' | 'type' | 'arn', string>>): Record<string, string> => ({
	source: 'Asynchronous invocation',
	mapping: '',
	condition: 'On success',
	type: 'SQS queue',
	arn: queue,
	...values,
});

const context: DestinationContext = {functionName: 'orders', mappings: [kinesis, dynamodb, kafka, sqsTrigger], links: []};

describe('the destinations of a function', () => {
	test('lists asynchronous on success, on failure, then each mapping with a destination, with service and short name', () => {
		const links = destinationsOf({onSuccess: bus, onFailure: audit}, [kinesis, dynamodb]);
		assert.deepEqual(links, [
			{id: 'async:success', origin: 'asynchronous', condition: 'success', arn: bus, service: 'EventBridge', name: 'default'},
			{id: 'async:failure', origin: 'asynchronous', condition: 'failure', arn: audit, service: 'Lambda', name: 'audit:live'},
			{
				id: `mapping:${kinesis.uuid}:failure`,
				origin: 'mapping',
				condition: 'failure',
				arn: topic,
				service: 'SNS',
				name: 'alerts',
				mappingUuid: kinesis.uuid,
				sourceName: 'clicks',
			},
		]);
	});

	test('leaves out what is empty, and names a Kafka topic or an unknown ARN by its service and last part', () => {
		assert.deepEqual(destinationsOf(undefined, []), []);
		assert.deepEqual(destinationsOf({onSuccess: '', onFailure: undefined}, [{...dynamodb, onFailureDestination: ''}]), []);
		const [kafkaLink] = destinationsOf(undefined, [{...kafka, onFailureDestination: 'kafka://failed-orders'}]);
		assert.equal(kafkaLink?.service, 'Kafka');
		assert.equal(kafkaLink?.name, 'failed-orders');
		assert.equal(kafkaLink?.sourceName, undefined, 'self-managed Kafka has no ARN to name it by');
		const [other] = destinationsOf({onFailure: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/logs'}, []);
		assert.equal(other?.service, 'firehose');
		assert.equal(other?.name, 'logs');
	});

	test('reads each line as the list shows it', () => {
		const mappings = [kinesis, {...dynamodb, onFailureDestination: queue}];
		const lines = destinationsOf({onFailure: queue, onSuccess: bucket}, mappings).map((link) => describeLink(link, mappings));
		assert.deepEqual(lines, [
			'Asynchronous · on success → S3 orders-archive',
			'Asynchronous · on failure → SQS orders-dlq',
			'Kinesis clicks · on failure → SNS alerts',
			'DynamoDB orders · on failure → SQS orders-dlq',
		]);
	});

	test('names a mapping by its kind and source (stream, table), or its uuid without an ARN', () => {
		assert.equal(sourceNameOf(kinesis), 'clicks');
		assert.equal(sourceNameOf({kind: 'kinesis', eventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks/consumer/app:1'}), 'clicks');
		assert.equal(sourceNameOf(dynamodb), 'orders');
		assert.equal(mappingLabel({kind: 'msk', uuid: 'x', eventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/events/abc-1'}), 'MSK events');
		assert.equal(mappingLabel(kafka), 'Kafka 33333333');
	});

	test('offers only stream and Kafka mappings in the form, two alike told apart by their uuid', () => {
		assert.deepEqual(
			streamMappings(context.mappings).map((mapping) => mapping.kind),
			['kinesis', 'dynamodb', 'kafka'],
			'an SQS trigger takes no destination',
		);
		const twin = {...kinesis, uuid: '99999999-aaaa-bbbb-cccc-000000000009'};
		assert.deepEqual(
			mappingChoices([kinesis, twin, sqsTrigger]).map((choice) => choice.label),
			['Kinesis clicks (11111111)', 'Kinesis clicks (99999999)'],
		);
	});

	test('knows which types each source and condition take, as the service model says', () => {
		assert.deepEqual(allowedTypes('asynchronous', 'success', undefined), ['sqs', 'sns', 'lambda', 'events']);
		assert.deepEqual(allowedTypes('asynchronous', 'failure', undefined), ['sqs', 'sns', 'lambda', 'events', 's3']);
		assert.deepEqual(allowedTypes('mapping', 'failure', 'kinesis'), ['sqs', 'sns', 's3']);
		assert.deepEqual(allowedTypes('mapping', 'failure', 'msk'), ['sqs', 'sns', 's3', 'kafka']);
		assert.deepEqual(allowedTypes('mapping', 'success', 'kafka'), [], 'OnSuccess is not supported for a mapping');
	});
});

describe('the Add destination form', () => {
	test('makes the request of an asynchronous destination', () => {
		assert.deepEqual(checkDestinationForm(form({arn: ` ${queue} `}), context), {
			problems: {},
			request: {origin: 'asynchronous', condition: 'success', arn: queue, id: 'async:success', label: 'on-success destination'},
		});
		const failure = checkDestinationForm(form({condition: 'On failure', type: 'S3 bucket', arn: bucket}), context);
		assert.equal(failure.request?.id, 'async:failure');
	});

	test("makes the request of a mapping's on-failure destination", () => {
		const check = checkDestinationForm(form({source: 'Event source mapping invocation', mapping: 'Kinesis clicks', condition: 'On failure', type: 'S3 bucket', arn: bucket}), {
			...context,
			mappings: [{...kinesis, onFailureDestination: undefined}],
		});
		assert.deepEqual(check, {
			problems: {},
			request: {
				origin: 'mapping',
				condition: 'failure',
				arn: bucket,
				id: `mapping:${kinesis.uuid}:failure`,
				mappingUuid: kinesis.uuid,
				label: 'on-failure destination of Kinesis clicks',
			},
		});
		const kafkaTopic = checkDestinationForm(
			form({source: 'Event source mapping invocation', mapping: 'Kafka 33333333', condition: 'On failure', type: 'Kafka topic', arn: 'kafka://failed'}),
			context,
		);
		assert.equal(kafkaTopic.request?.arn, 'kafka://failed');
	});

	test('refuses a FIFO queue or topic, S3 on success, and the function itself', () => {
		assert.deepEqual(checkDestinationForm(form({arn: `${queue}.fifo`}), context).problems, {arn: 'A FIFO queue cannot be a destination: use a standard queue'});
		assert.deepEqual(checkDestinationForm(form({type: 'SNS topic', arn: `${topic}.fifo`}), context).problems, {
			arn: 'A FIFO topic cannot be a destination: use a standard topic',
		});
		assert.deepEqual(checkDestinationForm(form({type: 'S3 bucket', arn: bucket}), context).problems, {
			type: 'S3 is only for on failure: choose On failure, or another type',
		});
		assert.deepEqual(
			checkDestinationForm(form({type: 'Lambda function', arn: 'arn:aws:lambda:us-east-1:123456789012:function:orders'}), context).problems,
			{arn: 'A function cannot be its own destination: use another'},
		);
	});

	test('refuses an ARN that is not of the type, or none, naming what is expected', () => {
		assert.deepEqual(checkDestinationForm(form({arn: ''}), context).problems, {arn: 'Give an ARN: arn:aws:sqs:REGION:ACCOUNT:QUEUE'});
		assert.deepEqual(checkDestinationForm(form({arn: 'orders-dlq'}), context).problems, {arn: 'Not an SQS ARN: arn:aws:sqs:REGION:ACCOUNT:QUEUE'});
		assert.deepEqual(checkDestinationForm(form({arn: topic}), context).problems, {arn: 'The ARN is an SNS topic; the type says SQS queue'});
		assert.deepEqual(checkDestinationForm(form({type: 'EventBridge event bus', arn: 'arn:aws:events:us-east-1:123456789012:rule/x'}), context).problems, {
			arn: 'Not an EventBridge ARN: arn:aws:events:REGION:ACCOUNT:event-bus/NAME',
		});
		assert.deepEqual(checkDestinationForm(form({arn: `arn:aws:sqs:us-east-1:123456789012:${'q'.repeat(400)}`}), context).problems, {
			arn: 'A destination is at most 350 characters; this has 435',
		});
	});

	test('refuses on success, Lambda, EventBridge and Kafka topics for a stream mapping, and a mapping where there is none', () => {
		const mapping = {source: 'Event source mapping invocation', mapping: 'DynamoDB orders'};
		assert.deepEqual(checkDestinationForm(form({...mapping}), context).problems, {condition: 'A mapping sends only failed batches: choose On failure'});
		assert.deepEqual(checkDestinationForm(form({...mapping, condition: 'On failure', type: 'Lambda function', arn: audit}), context).problems, {
			type: 'A mapping sends failed batches to SQS, SNS or S3 only',
		});
		assert.deepEqual(checkDestinationForm(form({...mapping, condition: 'On failure', type: 'Kafka topic', arn: 'kafka://x'}), context).problems, {
			type: "A Kafka topic is only for a Kafka mapping's failed batches",
		});
		assert.deepEqual(checkDestinationForm(form({...mapping, mapping: '(none)', condition: 'On failure'}), {...context, mappings: [sqsTrigger]}).problems, {
			source: 'No Kinesis, DynamoDB Streams or Kafka mapping: add a trigger first',
		});
		assert.deepEqual(checkDestinationForm(form({type: 'Kafka topic', arn: 'kafka://x'}), context).problems, {
			type: "A Kafka topic is only for a Kafka mapping's failed batches",
		});
	});

	test('refuses a destination where there is one already, pointing to e and d', () => {
		const links = destinationsOf({onSuccess: bus}, context.mappings);
		assert.deepEqual(checkDestinationForm(form({}), {...context, links}).problems, {condition: 'It has one already (EventBridge default): e edits it, d removes it'});
		const onKinesis = form({source: 'Event source mapping invocation', mapping: 'Kinesis clicks', condition: 'On failure'});
		assert.deepEqual(checkDestinationForm(onKinesis, {...context, links}).problems, {condition: 'It has one already (SNS alerts): e edits it, d removes it'});
	});

	test("every refusal fits the form's message row (74 columns at 80x24)", () => {
		const messages = [
			checkDestinationForm(form({type: 'EventBridge event bus', arn: topic}), context).problems.arn,
			checkDestinationForm(form({source: 'Event source mapping invocation', mapping: 'Kafka 33333333', condition: 'On failure', type: 'Lambda function'}), context).problems.type,
			checkDestinationForm(form({type: 'EventBridge event bus', arn: 'x'}), context).problems.arn,
			checkDestinationForm(form({type: 'Lambda function', arn: 'x'}), context).problems.arn,
		];
		for (const message of messages) {
			assert.ok(message !== undefined);
			assert.ok(message.length <= 74, message);
		}
	});
});

describe('editing a destination', () => {
	const [success, failure, onKinesis] = destinationsOf({onSuccess: bus, onFailure: queue}, [kinesis]);

	test('takes an ARN of any type the link allows', () => {
		assert.ok(success !== undefined && failure !== undefined && onKinesis !== undefined);
		assert.equal(checkDestinationEdit(success, topic, context), undefined);
		assert.equal(checkDestinationEdit(failure, bucket, context), undefined);
		assert.equal(checkDestinationEdit(onKinesis, bucket, context), undefined);
	});

	test('refuses what the link does not allow, nothing, and a FIFO queue', () => {
		assert.ok(success !== undefined && onKinesis !== undefined);
		assert.equal(checkDestinationEdit(success, bucket, context), 'S3 is only for on failure: give another ARN');
		assert.equal(checkDestinationEdit(onKinesis, bus, context), 'A mapping sends failed batches to SQS, SNS or S3 only');
		assert.equal(checkDestinationEdit(success, '', context), 'Give an ARN: d removes the destination instead');
		assert.equal(checkDestinationEdit(success, 'nonsense', context), 'Not an ARN of SQS, SNS, Lambda or EventBridge');
		assert.equal(checkDestinationEdit(onKinesis, `${queue}.fifo`, context), 'A FIFO queue cannot be a destination: use a standard queue');
	});
});
