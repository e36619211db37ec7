// The Test tab's event templates, like the Lambda console's "Template" list:
// one ready-to-send event per common trigger, in the exact shape each AWS
// service sends it (as AWS documents and `sam local generate-event` produces),
// filled with realistic, consistent values (account 123456789012, us-east-1,
// March 2026). Encoded fields are real: Kinesis data decodes to JSON, the
// CloudWatch Logs payload gunzips, SQS md5OfBody is the body's MD5.
import {createHash} from 'node:crypto';
import {gzipSync} from 'node:zlib';

export interface TestEventTemplate {
	/** Kebab-case and unique, e.g. 'apigateway-rest'. */
	id: string;
	/** What the picker shows: at most 34 characters. */
	title: string;
	/** The name a saved event gets by default: a valid test event name (<= 25 of letters, digits, '.', '-', '_'). */
	eventName: string;
	/** The event, as a JSON value. */
	event: unknown;
}

const account = '123456789012';
const region = 'us-east-1';

function base64Json(value: unknown): string {
	return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

function md5Hex(text: string): string {
	return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The same headers as API Gateway REST and ALB multi-value events carry them. */
function multiValue(values: Readonly<Record<string, string>>): Record<string, string[]> {
	return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, [value]]));
}

const browserAgent = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Safari/537.36';
const clientIp = '203.0.113.42';

// Hello world: the console's default event.

const helloWorld = {key1: 'value1', key2: 'value2', key3: 'value3'};

// API Gateway REST API, Lambda proxy integration (payload 1.0).

const restApiId = 'r7k3m9x2qp';
const restDomain = `${restApiId}.execute-api.${region}.amazonaws.com`;
const restBody = JSON.stringify({items: [{sku: 'TSHIRT-BLK-M', quantity: 2}, {sku: 'MUG-WHT-11OZ', quantity: 1}], currency: 'USD'});
const restHeaders = {
	accept: 'application/json',
	'content-type': 'application/json',
	'content-length': String(Buffer.byteLength(restBody, 'utf8')),
	Host: restDomain,
	'User-Agent': browserAgent,
	'X-Amzn-Trace-Id': 'Root=1-69b529dd-55cda8851b062aac64a04c32',
	'X-Forwarded-For': clientIp,
	'X-Forwarded-Port': '443',
	'X-Forwarded-Proto': 'https',
};
const restQuery = {source: 'web', notify: 'true'};

const apiGatewayRest = {
	resource: '/customers/{customerId}/orders',
	path: '/customers/cus-4821/orders',
	httpMethod: 'POST',
	headers: restHeaders,
	multiValueHeaders: multiValue(restHeaders),
	queryStringParameters: restQuery,
	multiValueQueryStringParameters: multiValue(restQuery),
	pathParameters: {customerId: 'cus-4821'},
	stageVariables: null,
	requestContext: {
		resourceId: 'x9k2lb',
		resourcePath: '/customers/{customerId}/orders',
		httpMethod: 'POST',
		extendedRequestId: 'Lm0ALhBBoAMEVzg=',
		requestTime: '14/Mar/2026:09:26:53 +0000',
		path: '/prod/customers/cus-4821/orders',
		accountId: account,
		protocol: 'HTTP/1.1',
		stage: 'prod',
		domainPrefix: restApiId,
		requestTimeEpoch: 1773480413589,
		requestId: 'c8348404-af4e-4537-9815-c868bd50f55c',
		identity: {
			cognitoIdentityPoolId: null,
			accountId: null,
			cognitoIdentityId: null,
			caller: null,
			sourceIp: clientIp,
			principalOrgId: null,
			accessKey: null,
			cognitoAuthenticationType: null,
			cognitoAuthenticationProvider: null,
			userArn: null,
			userAgent: browserAgent,
			user: null,
		},
		domainName: restDomain,
		deploymentId: 'q8w2e4',
		apiId: restApiId,
	},
	body: restBody,
	isBase64Encoded: false,
};

// API Gateway HTTP API (payload format 2.0).

const httpApiId = 'h4t8p2w6zd';
const httpDomain = `${httpApiId}.execute-api.${region}.amazonaws.com`;
const httpBody = JSON.stringify({sku: 'HOODIE-GRY-L', quantity: 1});

const apiGatewayHttp = {
	version: '2.0',
	routeKey: 'POST /carts/{cartId}/items',
	rawPath: '/carts/crt-7f3a9c/items',
	rawQueryString: 'currency=USD',
	cookies: ['session=8f14e45fceea167a5a36dedd4bea2543', 'theme=dark'],
	headers: {
		accept: 'application/json',
		'content-length': String(Buffer.byteLength(httpBody, 'utf8')),
		'content-type': 'application/json',
		host: httpDomain,
		'user-agent': browserAgent,
		'x-amzn-trace-id': 'Root=1-69b52adb-c9e3e03d1fd76ead2d003a72',
		'x-forwarded-for': clientIp,
		'x-forwarded-port': '443',
		'x-forwarded-proto': 'https',
	},
	queryStringParameters: {currency: 'USD'},
	requestContext: {
		accountId: account,
		apiId: httpApiId,
		domainName: httpDomain,
		domainPrefix: httpApiId,
		http: {
			method: 'POST',
			path: '/carts/crt-7f3a9c/items',
			protocol: 'HTTP/1.1',
			sourceIp: clientIp,
			userAgent: browserAgent,
		},
		requestId: 'Lm3xdgvSoAMEbWg=',
		routeKey: 'POST /carts/{cartId}/items',
		stage: '$default',
		time: '14/Mar/2026:09:31:07 +0000',
		timeEpoch: 1773480667412,
	},
	pathParameters: {cartId: 'crt-7f3a9c'},
	body: httpBody,
	isBase64Encoded: false,
};

// Lambda function URL (payload 2.0 as function URLs send it; auth type NONE, so accountId is 'anonymous').

const urlId = 'n4vq7xk2lr6tb3wy8pzc5dm1hj9sgfea';
const urlDomain = `${urlId}.lambda-url.${region}.on.aws`;
const urlBody = JSON.stringify({type: 'payment.succeeded', paymentId: 'pay_3Kq9VxT2mW', amount: 4999, currency: 'usd'});
const webhookAgent = 'PaymentsWebhook/2.1';

const functionUrl = {
	version: '2.0',
	routeKey: '$default',
	rawPath: '/webhooks/payments',
	rawQueryString: '',
	headers: {
		'content-length': String(Buffer.byteLength(urlBody, 'utf8')),
		'content-type': 'application/json',
		host: urlDomain,
		'user-agent': webhookAgent,
		'x-amzn-tls-cipher-suite': 'ECDHE-RSA-AES128-GCM-SHA256',
		'x-amzn-tls-version': 'TLSv1.2',
		'x-amzn-trace-id': 'Root=1-69b53245-694942b9c88c7a521c780573',
		'x-forwarded-for': '198.51.100.7',
		'x-forwarded-port': '443',
		'x-forwarded-proto': 'https',
	},
	requestContext: {
		accountId: 'anonymous',
		apiId: urlId,
		domainName: urlDomain,
		domainPrefix: urlId,
		http: {
			method: 'POST',
			path: '/webhooks/payments',
			protocol: 'HTTP/1.1',
			sourceIp: '198.51.100.7',
			userAgent: webhookAgent,
		},
		requestId: 'ca090dc4-627d-4371-b928-09d9abb7ea3f',
		routeKey: '$default',
		stage: '$default',
		time: '14/Mar/2026:10:02:45 +0000',
		timeEpoch: 1773482565118,
	},
	body: urlBody,
	isBase64Encoded: false,
};

// Application Load Balancer (multi-value headers off).

const applicationLoadBalancer = {
	requestContext: {
		elb: {
			targetGroupArn: `arn:aws:elasticloadbalancing:${region}:${account}:targetgroup/orders-lambda-tg/6d0ecf831eec9f09`,
		},
	},
	httpMethod: 'GET',
	path: '/orders',
	queryStringParameters: {status: 'shipped', limit: '20'},
	headers: {
		accept: 'application/json',
		'accept-encoding': 'gzip, deflate, br',
		'accept-language': 'en-US,en;q=0.9',
		connection: 'keep-alive',
		host: 'orders-alb-1234567890.us-east-1.elb.amazonaws.com',
		'user-agent': browserAgent,
		'x-amzn-trace-id': 'Root=1-69b53536-6c924925571890270789046a',
		'x-forwarded-for': clientIp,
		'x-forwarded-port': '443',
		'x-forwarded-proto': 'https',
	},
	body: '',
	isBase64Encoded: false,
};

// Amazon S3 event notifications.

const bucket = `example-invoices-${account}`;
const s3Bucket = {
	name: bucket,
	ownerIdentity: {principalId: 'A2Q9XKWHF1Q7WP'},
	arn: `arn:aws:s3:::${bucket}`,
};
const uploaderPrincipal = 'AWS:AROAXYKJUPL3NKCPQVWRA:invoice-uploader';

const s3Put = {
	Records: [
		{
			eventVersion: '2.1',
			eventSource: 'aws:s3',
			awsRegion: region,
			eventTime: '2026-03-14T10:15:32.204Z',
			eventName: 'ObjectCreated:Put',
			userIdentity: {principalId: uploaderPrincipal},
			requestParameters: {sourceIPAddress: clientIp},
			responseElements: {
				'x-amz-request-id': '950E6DA28D8CB486',
				'x-amz-id-2': 'WeSeUg2OAueeciaSiUpGmPlaJLae0NUnaGJ5+6oG/wMdrHN8B1+nZMDq+snRkV0ut1v4sVc+ZtY=',
			},
			s3: {
				s3SchemaVersion: '1.0',
				configurationId: 'invoice-uploaded',
				bucket: s3Bucket,
				object: {
					key: 'uploads/2026/03/invoice-1001.pdf',
					size: 48213,
					eTag: '266e8e2eb3f4efd5f3c3be94265b44d8',
					sequencer: '0069B536E43C1D7A52',
				},
			},
		},
	],
};

const s3Delete = {
	Records: [
		{
			eventVersion: '2.1',
			eventSource: 'aws:s3',
			awsRegion: region,
			eventTime: '2026-03-14T10:17:03.871Z',
			eventName: 'ObjectRemoved:Delete',
			userIdentity: {principalId: uploaderPrincipal},
			requestParameters: {sourceIPAddress: clientIp},
			responseElements: {
				'x-amz-request-id': '32058AB6B271D284',
				'x-amz-id-2': 'O8KLOtcd/esC76lTn06GeM2nnV56tDbr/f4QWCmwr3pf5bV3SLkRE9rlrGxcGgK6CjfUh2cZjOw=',
			},
			s3: {
				s3SchemaVersion: '1.0',
				configurationId: 'invoice-removed',
				bucket: s3Bucket,
				object: {
					key: 'uploads/2026/03/invoice-1001.pdf',
					sequencer: '0069B5373FA8E02C19',
				},
			},
		},
	],
};

// Amazon SQS: a batch of two messages.

const queueArn = `arn:aws:sqs:${region}:${account}:order-events`;

function sqsRecord(messageId: string, receiptHandle: string, body: string, sentAt: number, receivedAt: number): Record<string, unknown> {
	return {
		messageId,
		receiptHandle,
		body,
		attributes: {
			ApproximateReceiveCount: '1',
			SentTimestamp: String(sentAt),
			SenderId: 'AROAXYKJUPL3NKCPQVWRA:order-service',
			ApproximateFirstReceiveTimestamp: String(receivedAt),
		},
		messageAttributes: {},
		md5OfBody: md5Hex(body),
		eventSource: 'aws:sqs',
		eventSourceARN: queueArn,
		awsRegion: region,
	};
}

const sqs = {
	Records: [
		sqsRecord(
			'51afb528-6b2a-4ee7-a6d6-0c839f5c0f15',
			'AQEBQpk5hew2tiv9bp3l6KYzk0w/pWtieMPPlSXykS/NEj8nph9RNZF97BSevMsKRJg7i6hVUvsC9IcwyWvEymSW31EDOTbUKx6NdkjzHMUDxnkMm9krSNtqkE7hBLH/',
			JSON.stringify({orderId: 'ord-1001', customerId: 'cus-4821', total: 59.97, currency: 'USD'}),
			1773483118204,
			1773483118231,
		),
		sqsRecord(
			'1f12779d-1bb0-400e-ae98-b017254acc97',
			'AQEBReqWJ2iXHO2nCXlRNq84kLRk5Y4a9dri8mdhk+AWodQPiKqILVyjrQ+LA4da2SoX+vm+TaWgPR7vIl6dcVF2r2mamXnD8YHS34/kmn+GCILTbDCLUgzfyMCVJuGu',
			JSON.stringify({orderId: 'ord-1002', customerId: 'cus-0937', total: 24.5, currency: 'USD'}),
			1773483119570,
			1773483119588,
		),
	],
};

// Amazon SNS.

const topicArn = `arn:aws:sns:${region}:${account}:order-events`;
const subscriptionArn = `${topicArn}:694a650d-7e3e-4aaa-9627-d75c15cd223d`;

const sns = {
	Records: [
		{
			EventSource: 'aws:sns',
			EventVersion: '1.0',
			EventSubscriptionArn: subscriptionArn,
			Sns: {
				Type: 'Notification',
				MessageId: 'e95f15d4-cb50-48b3-8d2b-251d8787445c',
				TopicArn: topicArn,
				Subject: 'Order shipped',
				Message: JSON.stringify({orderId: 'ord-1001', status: 'SHIPPED', carrier: 'UPS', trackingNumber: '1Z999AA10123456784'}),
				Timestamp: '2026-03-14T10:30:12.486Z',
				SignatureVersion: '1',
				Signature: 'yjCD4MLiplXP7qJUluBpwD+/MyBAplOaV6ORWA56AlGtVyeGIc/gy0Pa0qmSDz+s9GtWVcohjq1MfU8hZ5xrVNhfVO9kDjN6rGc1Km2M2Sfkq/EElXpyHUSipM4HRlnCx+T8yKZfAM+kgTnGzjMRyNq5SJGrvcVCLVtpJgYrFPbCxUuUfRpRKp++HQ2RPGz0bTk9gxW4Ig7Tih2iJD34GIjlIzRR8QKuWi1FmtRKLshJcrr2shghtYT2la5cqly4tpVrKpwhSGfj0i6zttRKqG0RnUoAOzWNyyHd+4A4U8VgPNX459/ruP7hNdkHHCL6PwoFPeGsbkCcXtNR/rcp+A==',
				SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-1b06d99492fe5804c6c96ba5983b681c.pem',
				UnsubscribeUrl: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
				MessageAttributes: {
					eventType: {Type: 'String', Value: 'OrderShipped'},
				},
			},
		},
	],
};

// Kinesis Data Streams: two records whose data is base64 of JSON.

const streamArn = `arn:aws:kinesis:${region}:${account}:stream/clickstream`;

function kinesisRecord(partitionKey: string, sequenceNumber: string, data: unknown, arrivedAt: number): Record<string, unknown> {
	return {
		kinesis: {
			kinesisSchemaVersion: '1.0',
			partitionKey,
			sequenceNumber,
			data: base64Json(data),
			approximateArrivalTimestamp: arrivedAt,
		},
		eventSource: 'aws:kinesis',
		eventVersion: '1.0',
		eventID: `shardId-000000000000:${sequenceNumber}`,
		eventName: 'aws:kinesis:record',
		invokeIdentityArn: `arn:aws:iam::${account}:role/clickstream-processor-role`,
		awsRegion: region,
		eventSourceARN: streamArn,
	};
}

const kinesis = {
	Records: [
		kinesisRecord(
			'cus-4821',
			'49651505085739424282347553331460231169401242215490699266',
			{event: 'page_view', customerId: 'cus-4821', page: '/products/TSHIRT-BLK-M', at: '2026-03-14T10:40:34.567Z'},
			1773484834.567,
		),
		kinesisRecord(
			'cus-0937',
			'49651505085739424282347553331461440095221856844665405442',
			{event: 'add_to_cart', customerId: 'cus-0937', sku: 'MUG-WHT-11OZ', quantity: 1, at: '2026-03-14T10:40:35.102Z'},
			1773484835.102,
		),
	],
};

// DynamoDB Streams (NEW_AND_OLD_IMAGES): an insert, a modify and a remove.

const tableStreamArn = `arn:aws:dynamodb:${region}:${account}:table/Orders/stream/2026-01-20T08:15:42.117`;

const dynamodbStreams = {
	Records: [
		{
			eventID: '8c298e54af448000135b92186ef207c1',
			eventName: 'INSERT',
			eventVersion: '1.1',
			eventSource: 'aws:dynamodb',
			awsRegion: region,
			dynamodb: {
				ApproximateCreationDateTime: 1773485101,
				Keys: {orderId: {S: 'ord-1003'}},
				NewImage: {
					orderId: {S: 'ord-1003'},
					customerId: {S: 'cus-4821'},
					status: {S: 'PLACED'},
					total: {N: '42.00'},
				},
				SequenceNumber: '1405400000000002063282832',
				SizeBytes: 72,
				StreamViewType: 'NEW_AND_OLD_IMAGES',
			},
			eventSourceARN: tableStreamArn,
		},
		{
			eventID: '266e8e2eb3f4efd5f3c3be94265b44d8',
			eventName: 'MODIFY',
			eventVersion: '1.1',
			eventSource: 'aws:dynamodb',
			awsRegion: region,
			dynamodb: {
				ApproximateCreationDateTime: 1773485162,
				Keys: {orderId: {S: 'ord-1001'}},
				NewImage: {
					orderId: {S: 'ord-1001'},
					customerId: {S: 'cus-4821'},
					status: {S: 'SHIPPED'},
					total: {N: '59.97'},
				},
				OldImage: {
					orderId: {S: 'ord-1001'},
					customerId: {S: 'cus-4821'},
					status: {S: 'PLACED'},
					total: {N: '59.97'},
				},
				SequenceNumber: '1405500000000002063283017',
				SizeBytes: 139,
				StreamViewType: 'NEW_AND_OLD_IMAGES',
			},
			eventSourceARN: tableStreamArn,
		},
		{
			eventID: '1b06d99492fe5804c6c96ba5983b681c',
			eventName: 'REMOVE',
			eventVersion: '1.1',
			eventSource: 'aws:dynamodb',
			awsRegion: region,
			dynamodb: {
				ApproximateCreationDateTime: 1773485230,
				Keys: {orderId: {S: 'ord-0999'}},
				OldImage: {
					orderId: {S: 'ord-0999'},
					customerId: {S: 'cus-0937'},
					status: {S: 'CANCELLED'},
					total: {N: '18.00'},
				},
				SequenceNumber: '1405600000000002063283240',
				SizeBytes: 75,
				StreamViewType: 'NEW_AND_OLD_IMAGES',
			},
			eventSourceARN: tableStreamArn,
		},
	],
};

// Amazon EventBridge.

const scheduledEvent = {
	version: '0',
	id: '6de8f576-2608-42d3-83b8-98b6b73e1772',
	'detail-type': 'Scheduled Event',
	source: 'aws.events',
	account,
	time: '2026-03-15T00:00:00Z',
	region,
	resources: [`arn:aws:events:${region}:${account}:rule/nightly-report`],
	detail: {},
};

const customEvent = {
	version: '0',
	id: 'dcdb2a63-22a8-49fb-a99b-df0916fa7436',
	'detail-type': 'OrderPlaced',
	source: 'com.example.orders',
	account,
	time: '2026-03-14T11:42:18Z',
	region,
	resources: [],
	detail: {
		orderId: 'ord-1004',
		customerId: 'cus-4821',
		items: [
			{sku: 'TSHIRT-BLK-M', quantity: 2, unitPrice: 19.99},
			{sku: 'MUG-WHT-11OZ', quantity: 1, unitPrice: 19.99},
		],
		total: 59.97,
		currency: 'USD',
	},
};

// CloudWatch Logs subscription filter: awslogs.data is base64 of the gzipped JSON payload.

const logsPayload = {
	messageType: 'DATA_MESSAGE',
	owner: account,
	logGroup: '/aws/lambda/checkout-service',
	logStream: '2026/03/14/[$LATEST]8c298e54af448000135b92186ef207c1',
	subscriptionFilters: ['errors-to-alerting'],
	logEvents: [
		{
			id: '38946286743018371402851385733486118217416345231459106816',
			timestamp: 1773488712345,
			message: '2026-03-14T11:45:12.345Z\tcb2f45ac-0706-4f64-aa52-dacf4e15c1f1\tERROR\tPayment declined for order ord-1004: card_declined\n',
		},
		{
			id: '38946286743307442155374837512766693082432018427340292097',
			timestamp: 1773488712358,
			message: '2026-03-14T11:45:12.358Z\tcb2f45ac-0706-4f64-aa52-dacf4e15c1f1\tERROR\tInvoke Error \t{"errorType":"PaymentError","errorMessage":"card_declined"}\n',
		},
	],
};

const cloudwatchLogs = {
	awslogs: {
		data: gzipSync(Buffer.from(JSON.stringify(logsPayload), 'utf8')).toString('base64'),
	},
};

// AWS IoT: a topic rule's payload (SELECT *, topic() AS topic, timestamp() AS timestamp) and an IoT button click.

const iotRule = {
	deviceId: 'thermostat-42',
	temperature: 21.7,
	humidity: 43,
	battery: 87,
	firmware: '2.4.1',
	topic: 'devices/thermostat-42/telemetry',
	timestamp: 1773489011250,
};

const iotButton = {
	serialNumber: 'G030PM0412345678',
	clickType: 'SINGLE',
	batteryVoltage: '1705 mV',
};

// Amazon Cognito user pool triggers.

const userPoolId = 'us-east-1_aB3cD4eF5';
const cognitoCaller = {awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '3n4b5urk1ft4fl3mg5e62d9ado'};
const cognitoSub = '4dbc5760-1a52-4da0-b172-7512e2c5d631';

const cognitoPreSignUp = {
	version: '1',
	triggerSource: 'PreSignUp_SignUp',
	region,
	userPoolId,
	userName: cognitoSub,
	callerContext: cognitoCaller,
	request: {
		userAttributes: {
			email: 'jane.doe@example.com',
			name: 'Jane Doe',
		},
		validationData: null,
	},
	response: {
		autoConfirmUser: false,
		autoVerifyEmail: false,
		autoVerifyPhone: false,
	},
};

const cognitoPostConfirmation = {
	version: '1',
	triggerSource: 'PostConfirmation_ConfirmSignUp',
	region,
	userPoolId,
	userName: cognitoSub,
	callerContext: cognitoCaller,
	request: {
		userAttributes: {
			sub: cognitoSub,
			'cognito:user_status': 'CONFIRMED',
			email_verified: 'true',
			name: 'Jane Doe',
			email: 'jane.doe@example.com',
		},
	},
	response: {},
};

// CloudFront Lambda@Edge.

const distributionDomain = 'd111111abcdef8.cloudfront.net';
const distributionId = 'E2QWRUHAPOMQZL';

const cloudfrontViewerRequest = {
	Records: [
		{
			cf: {
				config: {
					distributionDomainName: distributionDomain,
					distributionId,
					eventType: 'viewer-request',
					requestId: '4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==',
				},
				request: {
					clientIp,
					headers: {
						host: [{key: 'Host', value: 'www.example.com'}],
						'user-agent': [{key: 'User-Agent', value: browserAgent}],
						accept: [{key: 'Accept', value: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'}],
						'accept-language': [{key: 'Accept-Language', value: 'en-US,en;q=0.9'}],
					},
					method: 'GET',
					querystring: 'utm_source=newsletter&size=M',
					uri: '/products/tshirt-black',
				},
			},
		},
	],
};

const cloudfrontOriginResponse = {
	Records: [
		{
			cf: {
				config: {
					distributionDomainName: distributionDomain,
					distributionId,
					eventType: 'origin-response',
					requestId: 'xGN7KWpVEmB9Dp7ctcVFQC4E-nrcOcEKS3QyAez--06dV7TEXAMPLE==',
				},
				request: {
					clientIp,
					headers: {
						'x-forwarded-for': [{key: 'X-Forwarded-For', value: clientIp}],
						'user-agent': [{key: 'User-Agent', value: 'Amazon CloudFront'}],
						via: [{key: 'Via', value: '2.0 8f22423015641505b8c857a37450d6c0.cloudfront.net (CloudFront)'}],
						host: [{key: 'Host', value: 'origin.example.com'}],
					},
					method: 'GET',
					origin: {
						custom: {
							customHeaders: {},
							domainName: 'origin.example.com',
							keepaliveTimeout: 5,
							path: '',
							port: 443,
							protocol: 'https',
							readTimeout: 30,
							sslProtocols: ['TLSv1.2'],
						},
					},
					querystring: '',
					uri: '/products/tshirt-black',
				},
				response: {
					headers: {
						'content-type': [{key: 'Content-Type', value: 'text/html; charset=UTF-8'}],
						'cache-control': [{key: 'Cache-Control', value: 'max-age=300'}],
						date: [{key: 'Date', value: 'Sat, 14 Mar 2026 12:05:41 GMT'}],
						etag: [{key: 'ETag', value: '"1b06d99492fe5804c6c96ba5983b681c"'}],
						'last-modified': [{key: 'Last-Modified', value: 'Fri, 13 Mar 2026 17:20:03 GMT'}],
						server: [{key: 'Server', value: 'nginx'}],
					},
					status: '200',
					statusDescription: 'OK',
				},
			},
		},
	],
};

/** Every template, in the order the picker lists them; the console's default first. */
export const testEventTemplates: readonly TestEventTemplate[] = [
	{id: 'hello-world', title: 'Hello world', eventName: 'hello-world', event: helloWorld},
	{id: 'apigateway-rest', title: 'API Gateway REST API (proxy)', eventName: 'apigw-rest-post', event: apiGatewayRest},
	{id: 'apigateway-http', title: 'API Gateway HTTP API (payload 2.0)', eventName: 'apigw-http-post', event: apiGatewayHttp},
	{id: 'function-url', title: 'Lambda function URL', eventName: 'function-url-post', event: functionUrl},
	{id: 'alb', title: 'Application Load Balancer', eventName: 'alb-get', event: applicationLoadBalancer},
	{id: 's3-put', title: 'S3 Put (ObjectCreated:Put)', eventName: 's3-put', event: s3Put},
	{id: 's3-delete', title: 'S3 Delete (ObjectRemoved:Delete)', eventName: 's3-delete', event: s3Delete},
	{id: 'sqs', title: 'SQS messages', eventName: 'sqs-messages', event: sqs},
	{id: 'sns', title: 'SNS notification', eventName: 'sns-notification', event: sns},
	{id: 'kinesis', title: 'Kinesis Data Streams', eventName: 'kinesis-records', event: kinesis},
	{id: 'dynamodb-streams', title: 'DynamoDB Streams', eventName: 'dynamodb-stream', event: dynamodbStreams},
	{id: 'eventbridge-scheduled', title: 'EventBridge scheduled event', eventName: 'scheduled-event', event: scheduledEvent},
	{id: 'eventbridge-custom', title: 'EventBridge custom event', eventName: 'order-placed', event: customEvent},
	{id: 'cloudwatch-logs', title: 'CloudWatch Logs subscription', eventName: 'cloudwatch-logs', event: cloudwatchLogs},
	{id: 'iot-rule', title: 'IoT rule (device telemetry)', eventName: 'iot-telemetry', event: iotRule},
	{id: 'iot-button', title: 'IoT button', eventName: 'iot-button-click', event: iotButton},
	{id: 'cognito-pre-sign-up', title: 'Cognito pre sign-up', eventName: 'cognito-pre-sign-up', event: cognitoPreSignUp},
	{id: 'cognito-post-confirmation', title: 'Cognito post confirmation', eventName: 'cognito-post-confirm', event: cognitoPostConfirmation},
	{id: 'cloudfront-viewer-request', title: 'CloudFront viewer request', eventName: 'cloudfront-viewer-req', event: cloudfrontViewerRequest},
	{id: 'cloudfront-origin-response', title: 'CloudFront origin response', eventName: 'cloudfront-origin-resp', event: cloudfrontOriginResponse},
];

/** The template's event as the editor shows it: JSON indented by two spaces. */
export function templateText(template: TestEventTemplate): string {
	return JSON.stringify(template.event, null, 2);
}

export function templateById(id: string): TestEventTemplate | undefined {
	return testEventTemplates.find((template) => template.id === id);
}
