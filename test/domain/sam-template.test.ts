// The SAM template of a function, pure: what the console's export always
// says, what it leaves out at Lambda's defaults, the events of each kind of
// event source mapping, SNS push triggers as events and other policy
// statements as AWS::Lambda::Permission, and notes for what it cannot say.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {codeFileName, logicalIdOf, mappingEvent, samTemplate, type FunctionDescription, type TemplateObject} from '../../source/domain/sam-template.js';

function description(extra: Partial<FunctionDescription> = {}, configuration: Partial<FunctionDescription['configuration']> = {}): FunctionDescription {
	return {
		configuration: {FunctionName: 'orders-api', Role: 'arn:aws:iam::123456789012:role/orders', Runtime: 'nodejs22.x', Handler: 'index.handler', MemorySize: 256, Timeout: 10, ...configuration},
		tags: {},
		reservedConcurrency: undefined,
		eventInvokeConfig: undefined,
		url: undefined,
		mappings: [],
		permissions: [],
		...extra,
	};
}

function properties(template: TemplateObject, id = 'ordersapi'): TemplateObject {
	const resources = template['Resources'] as TemplateObject;
	return (resources[id] as TemplateObject)['Properties'] as TemplateObject;
}

describe('samTemplate', () => {
	test('names the resource and the code file as the console does', () => {
		assert.equal(logicalIdOf('orders-api'), 'ordersapi');
		assert.equal(logicalIdOf('9lives'), 'Function9lives');
		assert.equal(codeFileName('orders-api'), 'orders-api.zip');
	});

	test('always says memory, timeout, architectures, /tmp and package type; leaves out what is at its default', () => {
		const exported = samTemplate(description());
		assert.equal(exported.template['Transform'], 'AWS::Serverless-2016-10-31');
		assert.deepEqual(properties(exported.template), {
			FunctionName: 'orders-api',
			CodeUri: 'orders-api.zip',
			Handler: 'index.handler',
			Runtime: 'nodejs22.x',
			MemorySize: 256,
			Timeout: 10,
			Role: 'arn:aws:iam::123456789012:role/orders',
			Architectures: ['x86_64'],
			EphemeralStorage: {Size: 512},
			PackageType: 'Zip',
		});
		assert.deepEqual(exported.notes, []);
	});

	test('says everything else the function has', () => {
		const exported = samTemplate(
			description(
				{
					tags: {team: 'shop', 'aws:cloudformation:stack-name': 'x', 'lambda:createdBy': 'SAM'},
					reservedConcurrency: 5,
					eventInvokeConfig: {MaximumRetryAttempts: 0, OnFailure: 'arn:aws:sqs:us-east-1:123456789012:failed', OnSuccess: 'arn:aws:lambda:us-east-1:123456789012:function:next'},
					url: {AuthType: 'NONE', InvokeMode: 'BUFFERED', Cors: {AllowOrigins: ['*'], MaxAge: 60}},
				},
				{
					Environment: {MODE: 'on'},
					Layers: ['arn:aws:lambda:us-east-1:123456789012:layer:deps:3'],
					VpcConfig: {SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1']},
					TracingMode: 'Active',
					LoggingConfig: {LogFormat: 'JSON', ApplicationLogLevel: 'WARN', SystemLogLevel: 'INFO', LogGroup: '/aws/lambda/orders-api'},
					DeadLetterTargetArn: 'arn:aws:sns:us-east-1:123456789012:dead',
					EphemeralStorage: {Size: 2048},
					Architectures: ['arm64'],
				},
			),
		);
		const props = properties(exported.template);
		assert.deepEqual(props['Environment'], {Variables: {MODE: 'on'}});
		assert.deepEqual(props['Layers'], ['arn:aws:lambda:us-east-1:123456789012:layer:deps:3']);
		assert.deepEqual(props['VpcConfig'], {SecurityGroupIds: ['sg-1'], SubnetIds: ['subnet-1']});
		assert.equal(props['Tracing'], 'Active');
		assert.deepEqual(props['LoggingConfig'], {LogFormat: 'JSON', ApplicationLogLevel: 'WARN', SystemLogLevel: 'INFO'});
		assert.deepEqual(props['DeadLetterQueue'], {Type: 'SNS', TargetArn: 'arn:aws:sns:us-east-1:123456789012:dead'});
		assert.equal(props['ReservedConcurrentExecutions'], 5);
		assert.deepEqual(props['EventInvokeConfig'], {
			MaximumRetryAttempts: 0,
			DestinationConfig: {
				OnSuccess: {Type: 'Lambda', Destination: 'arn:aws:lambda:us-east-1:123456789012:function:next'},
				OnFailure: {Type: 'SQS', Destination: 'arn:aws:sqs:us-east-1:123456789012:failed'},
			},
		});
		assert.deepEqual(props['FunctionUrlConfig'], {AuthType: 'NONE', Cors: {AllowOrigins: ['*'], MaxAge: 60}});
		assert.deepEqual(props['Tags'], {team: 'shop'});
		assert.deepEqual(props['Architectures'], ['arm64']);
		assert.deepEqual(props['EphemeralStorage'], {Size: 2048});
	});

	test('gives each kind of event source mapping its SAM event', () => {
		assert.deepEqual(mappingEvent({EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:q', Enabled: false, BatchSize: 5, StartingPosition: 'LATEST'}), {
			Type: 'SQS',
			Properties: {Queue: 'arn:aws:sqs:us-east-1:123456789012:q', BatchSize: 5, Enabled: false},
		});
		const kinesis = mappingEvent({
			EventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks',
			Enabled: true,
			StartingPosition: 'AT_TIMESTAMP',
			StartingPositionTimestamp: '2024-01-01T00:00:00.000Z',
			OnFailureDestination: 'arn:aws:sns:us-east-1:123456789012:alerts',
			FilterPatterns: ['{"a":[1]}'],
		});
		assert.deepEqual(kinesis, {
			Type: 'Kinesis',
			Properties: {
				Stream: 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks',
				StartingPosition: 'AT_TIMESTAMP',
				StartingPositionTimestamp: 1_704_067_200,
				FilterCriteria: {Filters: [{Pattern: '{"a":[1]}'}]},
				DestinationConfig: {OnFailure: {Type: 'SNS', Destination: 'arn:aws:sns:us-east-1:123456789012:alerts'}},
			},
		});
		assert.equal(mappingEvent({EventSourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024', Enabled: true})?.Type, 'DynamoDB');
		assert.equal(mappingEvent({EventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/c/1', Enabled: true, Topics: ['t']})?.Type, 'MSK');
		assert.deepEqual(mappingEvent({KafkaBootstrapServers: ['b:9092'], Topics: ['t'], Enabled: true})?.Properties, {KafkaBootstrapServers: ['b:9092'], Topics: ['t']});
		assert.deepEqual(mappingEvent({EventSourceArn: 'arn:aws:mq:us-east-1:123456789012:broker:b:id', Queues: ['q'], Enabled: true})?.Properties, {Broker: 'arn:aws:mq:us-east-1:123456789012:broker:b:id', Queues: ['q']});
		assert.deepEqual(mappingEvent({EventSourceArn: 'arn:aws:rds:us-east-1:123456789012:cluster:docs', Enabled: true, DocumentDB: {DatabaseName: 'db'}})?.Properties, {
			Cluster: 'arn:aws:rds:us-east-1:123456789012:cluster:docs',
			DatabaseName: 'db',
		});
	});

	test('says an SNS trigger as an event, other statements as AWS::Lambda::Permission, drops the URL statement SAM writes, and notes what it cannot say', () => {
		const base = {effect: 'Allow' as const, resource: 'arn:aws:lambda:us-east-1:123456789012:function:orders-api', otherConditions: []};
		const exported = samTemplate(
			description({
				url: {AuthType: 'NONE'},
				permissions: [
					{...base, sid: 'sns', principals: [{kind: 'service', service: 'sns.amazonaws.com'}], actions: ['lambda:InvokeFunction'], sourceArn: 'arn:aws:sns:us-east-1:123456789012:orders'},
					{...base, sid: 's3', principals: [{kind: 'service', service: 's3.amazonaws.com'}], actions: ['lambda:InvokeFunction'], sourceArn: 'arn:aws:s3:::uploads', sourceAccount: '123456789012'},
					{...base, sid: 'FunctionURLAllowPublicAccess', principals: [{kind: 'anyone'}], actions: ['lambda:InvokeFunctionUrl'], functionUrlAuthType: 'NONE'},
					{...base, sid: 'odd', principals: [{kind: 'service', service: 'events.amazonaws.com'}], actions: ['lambda:InvokeFunction'], otherConditions: ['IpAddress aws:SourceIp 10.0.0.0/8']},
				],
			}),
		);
		assert.deepEqual(properties(exported.template)['Events'], {SNS1: {Type: 'SNS', Properties: {Topic: 'arn:aws:sns:us-east-1:123456789012:orders'}}});
		const resources = exported.template['Resources'] as TemplateObject;
		assert.deepEqual(Object.keys(resources), ['ordersapi', 'ordersapiPermission1']);
		assert.deepEqual((resources['ordersapiPermission1'] as TemplateObject)['Properties'], {
			Action: 'lambda:InvokeFunction',
			FunctionName: {Ref: 'ordersapi'},
			Principal: 's3.amazonaws.com',
			SourceArn: 'arn:aws:s3:::uploads',
			SourceAccount: '123456789012',
		});
		assert.equal(exported.notes.length, 1);
		assert.match(exported.notes[0] ?? '', /odd is not in the template: its conditions \(IpAddress aws:SourceIp/);
	});

	test('a container image has ImageUri and no code file', () => {
		const exported = samTemplate(description({}, {PackageType: 'Image', ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1', Runtime: undefined, Handler: undefined}));
		assert.equal(exported.codeFile, undefined);
		assert.equal(properties(exported.template)['ImageUri'], '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1');
		assert.equal(properties(exported.template)['CodeUri'], undefined);
	});
});
