// A function as an AWS SAM template, pure: from a complete description of the
// function (its configuration, reserved concurrency, event invoke config, URL,
// event source mappings, resource-based policy and tags, in the Lambda API's
// own terms) to the template object that the Lambda console's "Download AWS
// SAM file" gives: one AWS::Serverless::Function with CodeUri pointing at the
// code .zip written beside the template, Events for the event source mappings
// (SQS, Kinesis, DynamoDB, MSK, SelfManagedKafka, MQ, DocumentDB) and for SNS
// push triggers, and an AWS::Lambda::Permission for every other statement of
// the policy (an S3 event in SAM needs its bucket in the same template, and an
// EventBridge, IoT or API Gateway event would make a new rule or API, so the
// existing source is granted as it is).
//
// Like the console's export, the template always has MemorySize, Timeout,
// Architectures, EphemeralStorage and PackageType, and leaves out what is at
// Lambda's default and has no value: no environment, no layers, no VPC,
// PassThrough tracing, the Text log format with the default log group, no
// dead-letter queue, no tags. What cannot be said in a template (a policy
// statement with conditions SAM has no property for, a version or alias) is
// returned as notes, never dropped silently.

import {sourceKindOf} from './event-source-mapping.js';
import type {PermissionStatement} from './resource-policy.js';

/** A function's configuration, as GetFunction's Configuration holds it (the members the template needs). */
export interface FunctionConfigurationDescription {
	FunctionName: string;
	FunctionArn?: string;
	Description?: string;
	Runtime?: string;
	Handler?: string;
	MemorySize?: number;
	Timeout?: number;
	Role: string;
	Architectures?: string[];
	EphemeralStorage?: {Size: number};
	PackageType?: string;
	ImageUri?: string;
	Environment?: Record<string, string>;
	KMSKeyArn?: string;
	Layers?: string[];
	VpcConfig?: {SubnetIds: string[]; SecurityGroupIds: string[]; Ipv6AllowedForDualStack?: boolean};
	TracingMode?: string;
	LoggingConfig?: {LogFormat?: string; ApplicationLogLevel?: string; SystemLogLevel?: string; LogGroup?: string};
	DeadLetterTargetArn?: string;
	FileSystemConfigs?: Array<{Arn: string; LocalMountPath: string}>;
	CodeSigningConfigArn?: string;
}

export interface EventInvokeConfigDescription {
	MaximumRetryAttempts?: number;
	MaximumEventAgeInSeconds?: number;
	OnSuccess?: string;
	OnFailure?: string;
}

export interface UrlDescription {
	AuthType: string;
	InvokeMode?: string;
	Cors?: {
		AllowCredentials?: boolean;
		AllowHeaders?: string[];
		AllowMethods?: string[];
		AllowOrigins?: string[];
		ExposeHeaders?: string[];
		MaxAge?: number;
	};
}

/** An event source mapping, as ListEventSourceMappings gives it (StartingPositionTimestamp as an ISO time). */
export interface MappingDescription {
	EventSourceArn?: string;
	KafkaBootstrapServers?: string[];
	Enabled: boolean;
	BatchSize?: number;
	MaximumBatchingWindowInSeconds?: number;
	StartingPosition?: string;
	StartingPositionTimestamp?: string;
	FilterPatterns?: string[];
	OnFailureDestination?: string;
	Topics?: string[];
	Queues?: string[];
	ParallelizationFactor?: number;
	MaximumRetryAttempts?: number;
	MaximumRecordAgeInSeconds?: number;
	BisectBatchOnFunctionError?: boolean;
	TumblingWindowInSeconds?: number;
	FunctionResponseTypes?: string[];
	SourceAccessConfigurations?: Array<{Type: string; URI: string}>;
	DocumentDB?: {DatabaseName?: string; CollectionName?: string; FullDocument?: string};
	MaximumConcurrency?: number;
	ConsumerGroupId?: string;
}

/** Everything the template describes about one function. */
export interface FunctionDescription {
	configuration: FunctionConfigurationDescription;
	tags: Record<string, string>;
	/** undefined: no reservation. */
	reservedConcurrency: number | undefined;
	eventInvokeConfig: EventInvokeConfigDescription | undefined;
	url: UrlDescription | undefined;
	mappings: MappingDescription[];
	permissions: PermissionStatement[];
}

export type TemplateValue = string | number | boolean | TemplateValue[] | {[key: string]: TemplateValue};
export type TemplateObject = {[key: string]: TemplateValue};

export interface SamExport {
	/** The template, as an object to write as YAML. */
	template: TemplateObject;
	/** The comment that heads the file. */
	header: string;
	/** What the template could not say, each a sentence. */
	notes: string[];
	/** The code file CodeUri names (relative to the template); undefined for a container image. */
	codeFile: string | undefined;
}

export const templateFileName = 'template.yaml';

/** The code .zip's file name, as the console names its download. */
export function codeFileName(functionName: string): string {
	return `${functionName}.zip`;
}

/** The function's logical ID, as the console makes it: the name without what CloudFormation refuses. */
export function logicalIdOf(functionName: string): string {
	const id = functionName.replace(/[^A-Za-z0-9]/g, '');
	return id === '' ? 'Function' : /^[0-9]/.test(id) ? `Function${id}` : id;
}

/** Tags that Lambda, SAM or CloudFormation set themselves and a template may not name. */
export function isReservedTag(key: string): boolean {
	return key.startsWith('aws:') || key === 'lambda:createdBy';
}

const header = [
	"This AWS SAM template has been generated from your function's configuration by lambdash.",
	"If your function has triggers, the resources they come from (queues, streams, buckets) are not",
	'in this template: they are referred to by ARN. Deploy it with `sam deploy --guided`, or run it',
	'on the local Lambda with `lambdash deploy template.yaml`.',
].join('\n');

function destinationType(arn: string): string | undefined {
	const service = arn.split(':')[2];
	switch (service) {
		case 'sqs':
			return 'SQS';
		case 'sns':
			return 'SNS';
		case 'lambda':
			return 'Lambda';
		case 'events':
			return 'EventBridge';
		case 's3':
			return 'S3Bucket';
		default:
			return undefined;
	}
}

function destination(arn: string): TemplateObject {
	const type = destinationType(arn);
	return type === undefined ? {Destination: arn} : {Type: type, Destination: arn};
}

function put(target: TemplateObject, key: string, value: TemplateValue | undefined): void {
	if (value !== undefined) target[key] = value;
}

function nonEmpty<T>(values: readonly T[] | undefined): values is readonly T[] {
	return values !== undefined && values.length > 0;
}

const eventTypes: Record<string, string> = {
	sqs: 'SQS',
	kinesis: 'Kinesis',
	dynamodb: 'DynamoDB',
	msk: 'MSK',
	kafka: 'SelfManagedKafka',
	mq: 'MQ',
	docdb: 'DocumentDB',
};

/** One event source mapping as a SAM event: [its type, its properties]; undefined for a source SAM has no event for. */
export function mappingEvent(mapping: MappingDescription): {Type: string; Properties: TemplateObject} | undefined {
	const kind = mapping.KafkaBootstrapServers !== undefined && mapping.KafkaBootstrapServers.length > 0 ? 'kafka' : mapping.EventSourceArn === undefined ? undefined : sourceKindOf(mapping.EventSourceArn);
	if (kind === undefined) return undefined;
	const type = eventTypes[kind];
	if (type === undefined) return undefined;
	const properties: TemplateObject = {};
	const arn = mapping.EventSourceArn ?? '';
	switch (kind) {
		case 'sqs':
			properties['Queue'] = arn;
			break;
		case 'kinesis':
		case 'dynamodb':
		case 'msk':
			properties['Stream'] = arn;
			break;
		case 'kafka':
			properties['KafkaBootstrapServers'] = [...(mapping.KafkaBootstrapServers ?? [])];
			break;
		case 'mq':
			properties['Broker'] = arn;
			break;
		case 'docdb':
			properties['Cluster'] = arn;
			break;
	}
	if (nonEmpty(mapping.Topics) && (kind === 'msk' || kind === 'kafka')) properties['Topics'] = [...mapping.Topics];
	if (nonEmpty(mapping.Queues) && kind === 'mq') properties['Queues'] = [...mapping.Queues];
	if (kind === 'docdb' && mapping.DocumentDB !== undefined) {
		put(properties, 'DatabaseName', mapping.DocumentDB.DatabaseName);
		put(properties, 'CollectionName', mapping.DocumentDB.CollectionName);
		put(properties, 'FullDocument', mapping.DocumentDB.FullDocument);
	}
	put(properties, 'BatchSize', mapping.BatchSize);
	if (!mapping.Enabled) properties['Enabled'] = false;
	put(properties, 'MaximumBatchingWindowInSeconds', mapping.MaximumBatchingWindowInSeconds);
	if (kind !== 'sqs' && kind !== 'mq') {
		put(properties, 'StartingPosition', mapping.StartingPosition);
		if (mapping.StartingPositionTimestamp !== undefined) {
			const seconds = Date.parse(mapping.StartingPositionTimestamp) / 1000;
			if (Number.isFinite(seconds)) properties['StartingPositionTimestamp'] = seconds;
		}
	}
	if (nonEmpty(mapping.FilterPatterns)) properties['FilterCriteria'] = {Filters: mapping.FilterPatterns.map((pattern) => ({Pattern: pattern}))};
	if (mapping.OnFailureDestination !== undefined && mapping.OnFailureDestination !== '') {
		properties['DestinationConfig'] = {OnFailure: destination(mapping.OnFailureDestination)};
	}
	if (kind === 'kinesis' || kind === 'dynamodb') {
		put(properties, 'ParallelizationFactor', mapping.ParallelizationFactor);
		put(properties, 'MaximumRetryAttempts', mapping.MaximumRetryAttempts);
		put(properties, 'MaximumRecordAgeInSeconds', mapping.MaximumRecordAgeInSeconds);
		put(properties, 'BisectBatchOnFunctionError', mapping.BisectBatchOnFunctionError);
		put(properties, 'TumblingWindowInSeconds', mapping.TumblingWindowInSeconds);
	}
	if (nonEmpty(mapping.FunctionResponseTypes)) properties['FunctionResponseTypes'] = [...mapping.FunctionResponseTypes];
	if (nonEmpty(mapping.SourceAccessConfigurations)) properties['SourceAccessConfigurations'] = mapping.SourceAccessConfigurations.map((each) => ({Type: each.Type, URI: each.URI}));
	if (mapping.MaximumConcurrency !== undefined && kind === 'sqs') properties['ScalingConfig'] = {MaximumConcurrency: mapping.MaximumConcurrency};
	if (mapping.ConsumerGroupId !== undefined && (kind === 'msk' || kind === 'kafka')) properties['ConsumerGroupId'] = mapping.ConsumerGroupId;
	return {Type: type, Properties: properties};
}

/** The principal of a statement as AWS::Lambda::Permission takes it; undefined when it has none it can say. */
function permissionPrincipal(statement: PermissionStatement): string | undefined {
	if (statement.principals.length !== 1) return undefined;
	const [principal] = statement.principals;
	switch (principal?.kind) {
		case 'anyone':
			return '*';
		case 'service':
			return principal.service;
		case 'account':
			return principal.accountId;
		case 'arn':
			return principal.arn;
		default:
			return undefined;
	}
}

/** Whether a statement is the one SAM writes itself for the function's URL (FunctionUrlConfig makes it). */
function isUrlStatement(statement: PermissionStatement, url: UrlDescription | undefined): boolean {
	return url !== undefined && (statement.functionUrlAuthType !== undefined || statement.invokedViaFunctionUrl === true) && permissionPrincipal(statement) === '*';
}

/** An SNS topic's invoke permission, said as an SNS event (SAM subscribes the function to the topic and grants it). */
function isSnsStatement(statement: PermissionStatement): boolean {
	return (
		permissionPrincipal(statement) === 'sns.amazonaws.com' &&
		statement.actions.length === 1 &&
		statement.actions[0] === 'lambda:InvokeFunction' &&
		statement.sourceArn !== undefined &&
		/^arn:aws[a-zA-Z-]*:sns:[^:]+:\d{12}:[^:*]+$/.test(statement.sourceArn) &&
		statement.sourceAccount === undefined &&
		statement.principalOrgId === undefined &&
		statement.eventSourceToken === undefined &&
		statement.otherConditions.length === 0
	);
}

function functionProperties(description: FunctionDescription, codeFile: string | undefined): TemplateObject {
	const configuration = description.configuration;
	const properties: TemplateObject = {FunctionName: configuration.FunctionName};
	const image = configuration.PackageType === 'Image';
	if (image) {
		put(properties, 'ImageUri', configuration.ImageUri);
	} else {
		put(properties, 'CodeUri', codeFile);
		put(properties, 'Handler', configuration.Handler);
		put(properties, 'Runtime', configuration.Runtime);
	}
	if (configuration.Description !== undefined && configuration.Description !== '') properties['Description'] = configuration.Description;
	properties['MemorySize'] = configuration.MemorySize ?? 128;
	properties['Timeout'] = configuration.Timeout ?? 3;
	properties['Role'] = configuration.Role;
	properties['Architectures'] = [...(configuration.Architectures ?? ['x86_64'])];
	properties['EphemeralStorage'] = {Size: configuration.EphemeralStorage?.Size ?? 512};
	properties['PackageType'] = image ? 'Image' : 'Zip';
	const variables = configuration.Environment ?? {};
	if (Object.keys(variables).length > 0) properties['Environment'] = {Variables: {...variables}};
	if (configuration.KMSKeyArn !== undefined && configuration.KMSKeyArn !== '') properties['KmsKeyArn'] = configuration.KMSKeyArn;
	if (nonEmpty(configuration.Layers)) properties['Layers'] = [...configuration.Layers];
	const vpc = configuration.VpcConfig;
	if (vpc !== undefined && (vpc.SubnetIds.length > 0 || vpc.SecurityGroupIds.length > 0)) {
		const vpcConfig: TemplateObject = {SecurityGroupIds: [...vpc.SecurityGroupIds], SubnetIds: [...vpc.SubnetIds]};
		if (vpc.Ipv6AllowedForDualStack === true) vpcConfig['Ipv6AllowedForDualStack'] = true;
		properties['VpcConfig'] = vpcConfig;
	}
	if (nonEmpty(configuration.FileSystemConfigs)) {
		properties['FileSystemConfigs'] = configuration.FileSystemConfigs.map((each) => ({Arn: each.Arn, LocalMountPath: each.LocalMountPath}));
	}
	if (configuration.TracingMode === 'Active') properties['Tracing'] = 'Active';
	const logging = configuration.LoggingConfig;
	if (logging !== undefined) {
		const defaultGroup = `/aws/lambda/${configuration.FunctionName}`;
		const json = logging.LogFormat === 'JSON';
		const customGroup = logging.LogGroup !== undefined && logging.LogGroup !== '' && logging.LogGroup !== defaultGroup;
		if (json || customGroup) {
			const loggingConfig: TemplateObject = {LogFormat: json ? 'JSON' : 'Text'};
			if (json) {
				put(loggingConfig, 'ApplicationLogLevel', logging.ApplicationLogLevel);
				put(loggingConfig, 'SystemLogLevel', logging.SystemLogLevel);
			}
			if (customGroup) put(loggingConfig, 'LogGroup', logging.LogGroup);
			properties['LoggingConfig'] = loggingConfig;
		}
	}
	const deadLetter = configuration.DeadLetterTargetArn;
	if (deadLetter !== undefined && deadLetter !== '') {
		properties['DeadLetterQueue'] = {Type: deadLetter.split(':')[2] === 'sns' ? 'SNS' : 'SQS', TargetArn: deadLetter};
	}
	if (configuration.CodeSigningConfigArn !== undefined && configuration.CodeSigningConfigArn !== '') properties['CodeSigningConfigArn'] = configuration.CodeSigningConfigArn;
	if (description.reservedConcurrency !== undefined) properties['ReservedConcurrentExecutions'] = description.reservedConcurrency;
	const invoke = description.eventInvokeConfig;
	if (invoke !== undefined) {
		const eventInvokeConfig: TemplateObject = {};
		put(eventInvokeConfig, 'MaximumEventAgeInSeconds', invoke.MaximumEventAgeInSeconds);
		put(eventInvokeConfig, 'MaximumRetryAttempts', invoke.MaximumRetryAttempts);
		if (invoke.OnSuccess !== undefined || invoke.OnFailure !== undefined) {
			const destinationConfig: TemplateObject = {};
			if (invoke.OnSuccess !== undefined) destinationConfig['OnSuccess'] = destination(invoke.OnSuccess);
			if (invoke.OnFailure !== undefined) destinationConfig['OnFailure'] = destination(invoke.OnFailure);
			eventInvokeConfig['DestinationConfig'] = destinationConfig;
		}
		properties['EventInvokeConfig'] = eventInvokeConfig;
	}
	const url = description.url;
	if (url !== undefined) {
		const urlConfig: TemplateObject = {AuthType: url.AuthType};
		if (url.InvokeMode !== undefined && url.InvokeMode !== 'BUFFERED') urlConfig['InvokeMode'] = url.InvokeMode;
		if (url.Cors !== undefined) {
			const cors: TemplateObject = {};
			put(cors, 'AllowCredentials', url.Cors.AllowCredentials);
			if (nonEmpty(url.Cors.AllowHeaders)) cors['AllowHeaders'] = [...url.Cors.AllowHeaders];
			if (nonEmpty(url.Cors.AllowMethods)) cors['AllowMethods'] = [...url.Cors.AllowMethods];
			if (nonEmpty(url.Cors.AllowOrigins)) cors['AllowOrigins'] = [...url.Cors.AllowOrigins];
			if (nonEmpty(url.Cors.ExposeHeaders)) cors['ExposeHeaders'] = [...url.Cors.ExposeHeaders];
			put(cors, 'MaxAge', url.Cors.MaxAge);
			if (Object.keys(cors).length > 0) urlConfig['Cors'] = cors;
		}
		properties['FunctionUrlConfig'] = urlConfig;
	}
	const tags = Object.entries(description.tags).filter(([key]) => !isReservedTag(key));
	if (tags.length > 0) properties['Tags'] = Object.fromEntries(tags.sort(([a], [b]) => a.localeCompare(b)));
	return properties;
}

/** The template of one function, with the notes on what it could not say. */
export function samTemplate(description: FunctionDescription): SamExport {
	const name = description.configuration.FunctionName;
	const id = logicalIdOf(name);
	const image = description.configuration.PackageType === 'Image';
	const codeFile = image ? undefined : codeFileName(name);
	const notes: string[] = [];
	const properties = functionProperties(description, codeFile);
	const events: TemplateObject = {};
	const counts = new Map<string, number>();
	const eventName = (type: string): string => {
		const count = (counts.get(type) ?? 0) + 1;
		counts.set(type, count);
		return `${type}${count}`;
	};
	for (const mapping of description.mappings) {
		const event = mappingEvent(mapping);
		if (event === undefined) {
			notes.push(`The event source mapping from ${mapping.EventSourceArn ?? 'an unknown source'} has no SAM event type: it is not in the template.`);
			continue;
		}
		events[eventName(event.Type)] = {Type: event.Type, Properties: event.Properties};
	}
	const resources: TemplateObject = {};
	const permissions: TemplateObject = {};
	let permissionCount = 0;
	for (const statement of description.permissions) {
		if (isUrlStatement(statement, description.url)) continue;
		if (isSnsStatement(statement) && statement.sourceArn !== undefined) {
			events[eventName('SNS')] = {Type: 'SNS', Properties: {Topic: statement.sourceArn}};
			continue;
		}
		const principal = permissionPrincipal(statement);
		const why =
			statement.effect !== 'Allow'
				? 'it denies'
				: principal === undefined
					? 'its principal cannot be said in AWS::Lambda::Permission'
					: statement.actions.length !== 1
						? 'it names several actions'
						: statement.otherConditions.length > 0
							? `its conditions (${statement.otherConditions.join('; ')}) have no property in AWS::Lambda::Permission`
							: statement.resource.split(':').length > 7
								? 'it is about a version or alias'
								: undefined;
		if (why !== undefined || principal === undefined) {
			notes.push(`The policy statement ${statement.sid} is not in the template: ${why ?? 'it cannot be said'}.`);
			continue;
		}
		permissionCount += 1;
		const permission: TemplateObject = {
			Action: statement.actions[0] ?? 'lambda:InvokeFunction',
			FunctionName: {Ref: id},
			Principal: principal,
		};
		put(permission, 'SourceArn', statement.sourceArn);
		put(permission, 'SourceAccount', statement.sourceAccount);
		put(permission, 'PrincipalOrgID', statement.principalOrgId);
		put(permission, 'EventSourceToken', statement.eventSourceToken);
		if (statement.functionUrlAuthType !== undefined) permission['FunctionUrlAuthType'] = statement.functionUrlAuthType;
		permissions[`${id}Permission${permissionCount}`] = {Type: 'AWS::Lambda::Permission', Properties: permission};
	}
	if (Object.keys(events).length > 0) properties['Events'] = events;
	resources[id] = {Type: 'AWS::Serverless::Function', Properties: properties};
	Object.assign(resources, permissions);
	const template: TemplateObject = {
		AWSTemplateFormatVersion: '2010-09-09',
		Transform: 'AWS::Serverless-2016-10-31',
		Description: `An AWS Serverless Application Model template describing the function ${name}.`,
		Resources: resources,
	};
	return {template, header, notes, codeFile};
}
