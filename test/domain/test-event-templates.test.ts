// The Test tab's event templates: each one is valid JSON a function can be
// invoked with, named so the console can save it, and carries the fields its
// AWS source really sends (decoded where the source encodes them).
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {test} from 'node:test';
import {gunzipSync} from 'node:zlib';
import {templateById, templateText, testEventTemplates, type TestEventTemplate} from '../../source/domain/test-event-templates.js';
import {payloadSizeProblem, testEventNameProblem} from '../../source/domain/test-events.js';

/** The value at a path of object keys and array indexes; undefined where the path leads nowhere. */
function at(value: unknown, ...path: Array<string | number>): unknown {
	let current = value;
	for (const step of path) {
		if (typeof step === 'number') {
			if (!Array.isArray(current)) return undefined;
			current = current[step];
		} else {
			if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
			current = (current as Record<string, unknown>)[step];
		}
	}
	return current;
}

function template(id: string): TestEventTemplate {
	const found = templateById(id);
	assert.ok(found, `template ${id}`);
	return found;
}

/** The event as a function receives it: parsed back from the text the editor shows. */
function eventOf(id: string): unknown {
	return JSON.parse(templateText(template(id)));
}

function records(event: unknown): unknown[] {
	const list = at(event, 'Records');
	assert.ok(Array.isArray(list), 'Records is a list');
	return list;
}

function text(value: unknown): string {
	assert.ok(typeof value === 'string', `${String(value)} is a string`);
	return value;
}

function num(value: unknown): number {
	assert.ok(typeof value === 'number', `${String(value)} is a number`);
	return value;
}

/** Every string anywhere in a JSON value. */
function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

test('the first template is the console default, hello world', () => {
	const first = testEventTemplates[0];
	assert.ok(first);
	assert.equal(first.id, 'hello-world');
	assert.deepEqual(JSON.parse(templateText(first)), {key1: 'value1', key2: 'value2', key3: 'value3'});
	assert.equal(templateText(first), '{\n  "key1": "value1",\n  "key2": "value2",\n  "key3": "value3"\n}');
});

test('every template serialises to JSON indented by two spaces and parses back to the same event', () => {
	assert.ok(testEventTemplates.length >= 20);
	for (const each of testEventTemplates) {
		const json = templateText(each);
		assert.equal(json, JSON.stringify(each.event, null, 2), each.id);
		assert.deepEqual(JSON.parse(json), each.event, each.id);
		assert.equal(payloadSizeProblem(json, true), undefined, `${each.id} fits an asynchronous invocation`);
	}
});

test('ids are unique kebab-case and templateById finds each one', () => {
	const ids = testEventTemplates.map((each) => each.id);
	assert.equal(new Set(ids).size, ids.length);
	for (const each of testEventTemplates) {
		assert.match(each.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
		assert.equal(templateById(each.id), each);
	}
	assert.equal(templateById('no-such-template'), undefined);
	assert.equal(templateById(''), undefined);
});

test('titles fit the picker and event names are names the console accepts', () => {
	const titles = testEventTemplates.map((each) => each.title);
	const names = testEventTemplates.map((each) => each.eventName);
	assert.equal(new Set(titles).size, titles.length);
	assert.equal(new Set(names).size, names.length);
	for (const each of testEventTemplates) {
		assert.ok(each.title.length > 0 && each.title.length <= 34, `${each.title} is ${each.title.length} characters`);
		assert.equal(testEventNameProblem(each.eventName, [], 'private'), undefined, each.eventName);
	}
});

test('the templates cover every trigger the Test tab offers', () => {
	for (const id of [
		'apigateway-rest', 'apigateway-http', 'function-url', 'alb', 's3-put', 's3-delete', 'sqs', 'sns', 'kinesis',
		'dynamodb-streams', 'eventbridge-scheduled', 'eventbridge-custom', 'cloudwatch-logs', 'iot-rule', 'iot-button',
		'cognito-pre-sign-up', 'cognito-post-confirmation', 'cloudfront-viewer-request', 'cloudfront-origin-response',
	]) {
		assert.ok(templateById(id), id);
	}
});

test('API Gateway REST proxy event: v1 shape with a request context, headers both ways, query, path parameters and body', () => {
	const event = eventOf('apigateway-rest');
	assert.equal(at(event, 'httpMethod'), 'POST');
	assert.equal(at(event, 'resource'), '/customers/{customerId}/orders');
	assert.equal(at(event, 'path'), '/customers/cus-4821/orders');
	assert.deepEqual(at(event, 'pathParameters'), {customerId: 'cus-4821'});
	assert.equal(at(event, 'queryStringParameters', 'source'), 'web');
	assert.deepEqual(at(event, 'multiValueQueryStringParameters', 'source'), ['web']);
	assert.equal(at(event, 'headers', 'content-type'), 'application/json');
	assert.deepEqual(at(event, 'multiValueHeaders', 'content-type'), ['application/json']);
	const body = text(at(event, 'body'));
	assert.equal(at(event, 'headers', 'content-length'), String(Buffer.byteLength(body)));
	assert.equal(typeof JSON.parse(body), 'object');
	assert.equal(at(event, 'isBase64Encoded'), false);
	assert.equal(at(event, 'requestContext', 'accountId'), '123456789012');
	assert.equal(at(event, 'requestContext', 'resourcePath'), at(event, 'resource'));
	assert.equal(at(event, 'requestContext', 'httpMethod'), 'POST');
	assert.equal(at(event, 'requestContext', 'path'), `/${text(at(event, 'requestContext', 'stage'))}/customers/cus-4821/orders`);
	assert.equal(at(event, 'requestContext', 'identity', 'sourceIp'), '203.0.113.42');
	assert.equal(at(event, 'version'), undefined, 'REST API events carry no payload version');
	const epoch = num(at(event, 'requestContext', 'requestTimeEpoch'));
	assert.equal(at(event, 'requestContext', 'requestTime'), apiGatewayTime(epoch));
});

test('API Gateway HTTP API event: payload format 2.0 with its route key', () => {
	const event = eventOf('apigateway-http');
	assert.equal(at(event, 'version'), '2.0');
	assert.equal(at(event, 'routeKey'), 'POST /carts/{cartId}/items');
	assert.equal(at(event, 'requestContext', 'routeKey'), at(event, 'routeKey'));
	assert.equal(at(event, 'requestContext', 'http', 'method'), 'POST');
	assert.equal(at(event, 'requestContext', 'http', 'path'), at(event, 'rawPath'));
	assert.equal(at(event, 'requestContext', 'stage'), '$default');
	assert.match(text(at(event, 'requestContext', 'domainName')), /^[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/);
	assert.deepEqual(at(event, 'pathParameters'), {cartId: 'crt-7f3a9c'});
	assert.equal(at(event, 'rawQueryString'), 'currency=USD');
	assert.equal(at(event, 'multiValueHeaders'), undefined, 'payload 2.0 has no multi-value headers');
	assert.ok(Array.isArray(at(event, 'cookies')));
	const epoch = num(at(event, 'requestContext', 'timeEpoch'));
	assert.equal(at(event, 'requestContext', 'time'), apiGatewayTime(epoch));
});

test('function URL event: payload 2.0 as a function URL sends it, on a lambda-url domain', () => {
	const event = eventOf('function-url');
	assert.equal(at(event, 'version'), '2.0');
	assert.equal(at(event, 'routeKey'), '$default');
	assert.equal(at(event, 'requestContext', 'routeKey'), '$default');
	assert.equal(at(event, 'requestContext', 'stage'), '$default');
	const domain = text(at(event, 'requestContext', 'domainName'));
	assert.match(domain, /^[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws$/);
	const urlId = domain.split('.')[0];
	assert.equal(at(event, 'requestContext', 'apiId'), urlId);
	assert.equal(at(event, 'requestContext', 'domainPrefix'), urlId);
	assert.equal(at(event, 'headers', 'host'), domain);
	assert.equal(at(event, 'requestContext', 'http', 'method'), 'POST');
	assert.equal(typeof JSON.parse(text(at(event, 'body'))), 'object');
	const epoch = num(at(event, 'requestContext', 'timeEpoch'));
	assert.equal(at(event, 'requestContext', 'time'), apiGatewayTime(epoch));
});

test('Application Load Balancer event: the target group and the HTTP request', () => {
	const event = eventOf('alb');
	assert.match(text(at(event, 'requestContext', 'elb', 'targetGroupArn')), /^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/[\w-]+\/[0-9a-f]{16}$/);
	assert.equal(at(event, 'httpMethod'), 'GET');
	assert.equal(at(event, 'path'), '/orders');
	assert.equal(at(event, 'queryStringParameters', 'status'), 'shipped');
	assert.match(text(at(event, 'headers', 'host')), /\.elb\.amazonaws\.com$/);
	assert.equal(at(event, 'isBase64Encoded'), false);
});

test('S3 events: ObjectCreated:Put with size and eTag, ObjectRemoved:Delete without', () => {
	const put = records(eventOf('s3-put'))[0];
	assert.equal(at(put, 'eventSource'), 'aws:s3');
	assert.equal(at(put, 'eventName'), 'ObjectCreated:Put');
	assert.equal(at(put, 'awsRegion'), 'us-east-1');
	assert.equal(at(put, 's3', 's3SchemaVersion'), '1.0');
	const bucket = text(at(put, 's3', 'bucket', 'name'));
	assert.equal(at(put, 's3', 'bucket', 'arn'), `arn:aws:s3:::${bucket}`);
	assert.equal(typeof at(put, 's3', 'object', 'key'), 'string');
	assert.equal(typeof at(put, 's3', 'object', 'size'), 'number');
	assert.match(text(at(put, 's3', 'object', 'eTag')), /^[0-9a-f]{32}$/);
	const remove = records(eventOf('s3-delete'))[0];
	assert.equal(at(remove, 'eventSource'), 'aws:s3');
	assert.equal(at(remove, 'eventName'), 'ObjectRemoved:Delete');
	assert.equal(at(remove, 's3', 'object', 'size'), undefined);
	assert.equal(typeof at(remove, 's3', 'object', 'sequencer'), 'string');
});

test('SQS event: two messages from the queue, each md5OfBody the MD5 of its body', () => {
	const list = records(eventOf('sqs'));
	assert.equal(list.length, 2);
	const ids = new Set<unknown>();
	for (const record of list) {
		assert.equal(at(record, 'eventSource'), 'aws:sqs');
		assert.equal(at(record, 'eventSourceARN'), 'arn:aws:sqs:us-east-1:123456789012:order-events');
		const body = text(at(record, 'body'));
		assert.equal(at(record, 'md5OfBody'), createHash('md5').update(body).digest('hex'));
		assert.equal(typeof JSON.parse(body), 'object');
		assert.match(text(at(record, 'attributes', 'SentTimestamp')), /^\d{13}$/);
		ids.add(at(record, 'messageId'));
	}
	assert.equal(ids.size, 2);
});

test('SNS event: a notification from the topic the subscription belongs to', () => {
	const record = records(eventOf('sns'))[0];
	assert.equal(at(record, 'EventSource'), 'aws:sns');
	assert.equal(at(record, 'EventVersion'), '1.0');
	assert.equal(at(record, 'Sns', 'Type'), 'Notification');
	const topic = text(at(record, 'Sns', 'TopicArn'));
	assert.equal(topic, 'arn:aws:sns:us-east-1:123456789012:order-events');
	assert.ok(text(at(record, 'EventSubscriptionArn')).startsWith(`${topic}:`));
	assert.equal(typeof at(record, 'Sns', 'Message'), 'string');
});

test('Kinesis event: each record\'s data base64-decodes to JSON', () => {
	const list = records(eventOf('kinesis'));
	assert.ok(list.length >= 1);
	for (const record of list) {
		assert.equal(at(record, 'eventSource'), 'aws:kinesis');
		assert.equal(at(record, 'eventName'), 'aws:kinesis:record');
		const data = text(at(record, 'kinesis', 'data'));
		const decoded: unknown = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
		assert.equal(typeof at(decoded, 'event'), 'string');
		assert.equal(at(record, 'eventID'), `shardId-000000000000:${text(at(record, 'kinesis', 'sequenceNumber'))}`);
	}
});

test('DynamoDB Streams event: INSERT with a new image, MODIFY with both, REMOVE with the old one', () => {
	const list = records(eventOf('dynamodb-streams'));
	assert.deepEqual(list.map((record) => at(record, 'eventName')), ['INSERT', 'MODIFY', 'REMOVE']);
	for (const record of list) {
		assert.equal(at(record, 'eventSource'), 'aws:dynamodb');
		assert.match(text(at(record, 'eventSourceARN')), /^arn:aws:dynamodb:us-east-1:123456789012:table\/Orders\/stream\//);
		assert.equal(at(record, 'dynamodb', 'StreamViewType'), 'NEW_AND_OLD_IMAGES');
		assert.equal(typeof at(record, 'dynamodb', 'Keys', 'orderId', 'S'), 'string');
	}
	const [insert, modify, remove] = list;
	assert.ok(at(insert, 'dynamodb', 'NewImage'));
	assert.equal(at(insert, 'dynamodb', 'OldImage'), undefined);
	assert.equal(at(modify, 'dynamodb', 'OldImage', 'status', 'S'), 'PLACED');
	assert.equal(at(modify, 'dynamodb', 'NewImage', 'status', 'S'), 'SHIPPED');
	assert.equal(at(remove, 'dynamodb', 'NewImage'), undefined);
	assert.ok(at(remove, 'dynamodb', 'OldImage'));
});

test('EventBridge events: a scheduled rule and a custom OrderPlaced event', () => {
	const scheduled = eventOf('eventbridge-scheduled');
	assert.equal(at(scheduled, 'source'), 'aws.events');
	assert.equal(at(scheduled, 'detail-type'), 'Scheduled Event');
	assert.deepEqual(at(scheduled, 'detail'), {});
	assert.match(text(at(scheduled, 'resources', 0)), /^arn:aws:events:us-east-1:123456789012:rule\//);
	const custom = eventOf('eventbridge-custom');
	assert.equal(at(custom, 'source'), 'com.example.orders');
	assert.equal(at(custom, 'detail-type'), 'OrderPlaced');
	assert.equal(at(custom, 'account'), '123456789012');
	assert.equal(at(custom, 'region'), 'us-east-1');
	assert.equal(typeof at(custom, 'detail', 'orderId'), 'string');
});

test('CloudWatch Logs event: awslogs.data gunzips to the subscription payload with its log events', () => {
	const data = text(at(eventOf('cloudwatch-logs'), 'awslogs', 'data'));
	const payload: unknown = JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8'));
	assert.equal(at(payload, 'messageType'), 'DATA_MESSAGE');
	assert.equal(at(payload, 'owner'), '123456789012');
	assert.equal(at(payload, 'logGroup'), '/aws/lambda/checkout-service');
	assert.match(text(at(payload, 'logStream')), /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
	const events = at(payload, 'logEvents');
	assert.ok(Array.isArray(events) && events.length > 0);
	for (const logEvent of events) {
		assert.equal(typeof at(logEvent, 'id'), 'string');
		assert.equal(typeof at(logEvent, 'timestamp'), 'number');
		assert.equal(typeof at(logEvent, 'message'), 'string');
	}
});

test('IoT events: a rule\'s telemetry payload and a button click', () => {
	const telemetry = eventOf('iot-rule');
	assert.equal(typeof at(telemetry, 'deviceId'), 'string');
	assert.equal(typeof at(telemetry, 'temperature'), 'number');
	assert.equal(at(telemetry, 'topic'), `devices/${text(at(telemetry, 'deviceId'))}/telemetry`);
	const button = eventOf('iot-button');
	assert.equal(at(button, 'clickType'), 'SINGLE');
	assert.equal(typeof at(button, 'serialNumber'), 'string');
});

test('Cognito triggers: pre sign-up and post confirmation with the common parameters', () => {
	const preSignUp = eventOf('cognito-pre-sign-up');
	const postConfirmation = eventOf('cognito-post-confirmation');
	assert.equal(at(preSignUp, 'triggerSource'), 'PreSignUp_SignUp');
	assert.deepEqual(at(preSignUp, 'response'), {autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false});
	assert.equal(at(postConfirmation, 'triggerSource'), 'PostConfirmation_ConfirmSignUp');
	assert.equal(at(postConfirmation, 'request', 'userAttributes', 'cognito:user_status'), 'CONFIRMED');
	assert.deepEqual(at(postConfirmation, 'response'), {});
	for (const event of [preSignUp, postConfirmation]) {
		assert.equal(at(event, 'version'), '1');
		assert.equal(at(event, 'region'), 'us-east-1');
		assert.match(text(at(event, 'userPoolId')), /^us-east-1_[A-Za-z0-9]+$/);
		assert.equal(typeof at(event, 'callerContext', 'clientId'), 'string');
		assert.equal(typeof at(event, 'request', 'userAttributes', 'email'), 'string');
	}
});

test('CloudFront Lambda@Edge events: a viewer request and an origin response', () => {
	const viewer = records(eventOf('cloudfront-viewer-request'))[0];
	assert.equal(at(viewer, 'cf', 'config', 'eventType'), 'viewer-request');
	assert.match(text(at(viewer, 'cf', 'config', 'distributionDomainName')), /\.cloudfront\.net$/);
	assert.equal(at(viewer, 'cf', 'request', 'method'), 'GET');
	assert.deepEqual(at(viewer, 'cf', 'request', 'headers', 'host', 0, 'key'), 'Host');
	assert.equal(at(viewer, 'cf', 'response'), undefined);
	const origin = records(eventOf('cloudfront-origin-response'))[0];
	assert.equal(at(origin, 'cf', 'config', 'eventType'), 'origin-response');
	assert.equal(at(origin, 'cf', 'response', 'status'), '200');
	assert.equal(at(origin, 'cf', 'response', 'statusDescription'), 'OK');
	assert.equal(at(origin, 'cf', 'request', 'origin', 'custom', 'protocol'), 'https');
});

test('values are consistent: every ARN names account 123456789012 and us-east-1, every date is in 2026', () => {
	for (const each of testEventTemplates) {
		for (const value of strings(each.event)) {
			for (const arn of value.match(/arn:aws:[a-z0-9-]+:[a-z0-9-]*:\d*:/g) ?? []) {
				const [, , service, arnRegion, arnAccount] = arn.split(':');
				if (service === 's3') continue;
				assert.equal(arnAccount, '123456789012', `${each.id}: ${arn}`);
				if (service !== 'iam') assert.equal(arnRegion, 'us-east-1', `${each.id}: ${arn}`);
			}
			for (const year of value.match(/\b\d{4}(?=-\d{2}-\d{2}T)/g) ?? []) assert.equal(year, '2026', `${each.id}: ${value}`);
		}
	}
});

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's request time, dd/Mon/yyyy:HH:mm:ss +0000, for epoch milliseconds. */
function apiGatewayTime(epochMs: number): string {
	const date = new Date(epochMs);
	const two = (n: number): string => String(n).padStart(2, '0');
	return `${two(date.getUTCDate())}/${months[date.getUTCMonth()] ?? ''}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}
