// A SAM (or plain CloudFormation) template read into what `lambdash deploy`
// does on the local Lambda, pure: the layers to publish, the functions to
// create or update (code from CodeUri: a .zip or a directory, relative to the
// template) with their reserved concurrency, event invoke config, URL, event
// source mappings and permissions. Ref, Fn::GetAtt, Fn::Sub, Fn::Join,
// Fn::Select, Fn::Split, Fn::If (with Conditions), Fn::FindInMap and the
// pseudo parameters are resolved; Parameters take their overrides, then their
// defaults. Globals.Function applies to every AWS::Serverless::Function.
//
// What the local Lambda cannot do (an S3 bucket, an IAM role, an API, a
// schedule, a subscription) is listed as skipped with the reason, never
// dropped silently; a resource of another service that the functions refer to
// (a queue, a stream, a topic, a bucket, a role) gets the ARN or name
// CloudFormation would give it, so the functions still deploy.

import {parseDocument, type Tags} from 'yaml';
import type {EventInvokeConfigDescription, FunctionConfigurationDescription, MappingDescription, UrlDescription} from './sam-template.js';

export type CodeSource = {kind: 'zip'; path: string} | {kind: 'directory'; path: string} | {kind: 'image'; uri: string} | {kind: 'inline'; code: string};

/** A layer in a function's Layers: an ARN, or a layer this plan publishes. */
export type LayerReference = {arn: string} | {layer: string};

export interface PermissionStep {
	statementId: string;
	action: string;
	principal: string;
	sourceArn?: string;
	sourceAccount?: string;
	principalOrgId?: string;
	eventSourceToken?: string;
	functionUrlAuthType?: string;
}

export interface FunctionStep {
	logicalId: string;
	name: string;
	code: CodeSource;
	/** Everything the function's configuration should be; members left out take Lambda's defaults. */
	configuration: Omit<FunctionConfigurationDescription, 'Layers' | 'FunctionName'>;
	layers: LayerReference[];
	tags: Record<string, string>;
	reservedConcurrency: number | undefined;
	eventInvokeConfig: EventInvokeConfigDescription | undefined;
	url: UrlDescription | undefined;
	mappings: MappingDescription[];
	permissions: PermissionStep[];
}

export interface LayerStep {
	logicalId: string;
	name: string;
	content: CodeSource;
	description?: string;
	compatibleRuntimes?: string[];
	compatibleArchitectures?: string[];
	licenseInfo?: string;
}

export interface SkippedResource {
	/** The logical ID, with the event's name for an event ("Orders/Api"). */
	logicalId: string;
	type: string;
	reason: string;
}

export interface DeployPlan {
	layers: LayerStep[];
	functions: FunctionStep[];
	skipped: SkippedResource[];
	/** Mistakes in the template: nothing is deployed while there is one. */
	problems: string[];
}

export interface PlanContext {
	region: string;
	accountId: string;
	/** --parameter-overrides: Parameters' values over their defaults. */
	parameters?: Record<string, string>;
	stackName?: string;
}

// ---- reading the YAML ---------------------------------------------------------

const functionNames = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'If', 'Equals', 'And', 'Or', 'Not', 'GetAtt', 'ToJsonString', 'Length'];

function plain(value: unknown): unknown {
	if (value !== null && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') return (value as {toJSON(): unknown}).toJSON();
	return value;
}

/** CloudFormation's short forms (!Ref, !Sub, !GetAtt ...) as YAML tags that read into the long forms. */
export const cloudFormationTags: Tags = [
	{tag: '!Ref', resolve: (value: string) => ({Ref: value})},
	{tag: '!Condition', resolve: (value: string) => ({Condition: value})},
	{tag: '!GetAtt', resolve: (value: string) => ({'Fn::GetAtt': value.split('.').length > 1 ? [value.slice(0, value.indexOf('.')), value.slice(value.indexOf('.') + 1)] : [value]})},
	...functionNames.flatMap((name) => [
		{tag: `!${name}`, resolve: (value: string) => ({[`Fn::${name}`]: value})},
		{tag: `!${name}`, collection: 'seq' as const, resolve: (value: unknown) => ({[`Fn::${name}`]: plain(value)})},
		{tag: `!${name}`, collection: 'map' as const, resolve: (value: unknown) => ({[`Fn::${name}`]: plain(value)})},
	]),
];

/** A template's text (YAML or JSON) as an object; an Error naming the line when it is not one. */
export function parseTemplate(text: string): Record<string, unknown> {
	const document = parseDocument(text, {customTags: cloudFormationTags, prettyErrors: true, uniqueKeys: false});
	const first = document.errors[0];
	if (first !== undefined) throw new Error(`The template is not valid YAML: ${first.message.split('\n')[0] ?? first.message}`);
	const value: unknown = document.toJS({maxAliasCount: 1000});
	if (!isObject(value)) throw new Error('The template is not a YAML map with Resources.');
	return value;
}

// ---- resolving intrinsic functions ----------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Unresolvable extends Error {
	override name = 'Unresolvable';
}

/** Marks AWS::NoValue: the member is left out. */
const noValue = Symbol('AWS::NoValue');

interface Resource {
	Type: string;
	Properties: Record<string, unknown>;
	Condition?: string;
}

/** What Ref and GetAtt give for a resource this plan does not create, as CloudFormation would name it. */
function otherResourceValue(id: string, resource: Resource, attribute: string | undefined, context: PlanContext): string | undefined {
	const {region, accountId} = context;
	const properties = resource.Properties;
	const named = (key: string): string => (typeof properties[key] === 'string' ? (properties[key] as string) : id);
	switch (resource.Type) {
		case 'AWS::SQS::Queue': {
			const name = named('QueueName');
			if (attribute === undefined) return `https://sqs.${region}.amazonaws.com/${accountId}/${name}`;
			if (attribute === 'Arn') return `arn:aws:sqs:${region}:${accountId}:${name}`;
			if (attribute === 'QueueName') return name;
			return undefined;
		}
		case 'AWS::SNS::Topic': {
			const arn = `arn:aws:sns:${region}:${accountId}:${named('TopicName')}`;
			return attribute === undefined || attribute === 'TopicArn' ? arn : attribute === 'TopicName' ? named('TopicName') : undefined;
		}
		case 'AWS::Kinesis::Stream':
			return attribute === undefined ? named('Name') : attribute === 'Arn' ? `arn:aws:kinesis:${region}:${accountId}:stream/${named('Name')}` : undefined;
		case 'AWS::DynamoDB::Table':
			if (attribute === undefined) return named('TableName');
			if (attribute === 'Arn') return `arn:aws:dynamodb:${region}:${accountId}:table/${named('TableName')}`;
			if (attribute === 'StreamArn') return `arn:aws:dynamodb:${region}:${accountId}:table/${named('TableName')}/stream/1970-01-01T00:00:00.000`;
			return undefined;
		case 'AWS::S3::Bucket': {
			const name = named('BucketName').toLowerCase();
			return attribute === undefined ? name : attribute === 'Arn' ? `arn:aws:s3:::${name}` : undefined;
		}
		case 'AWS::IAM::Role':
			return attribute === undefined ? named('RoleName') : attribute === 'Arn' ? `arn:aws:iam::${accountId}:role/${named('RoleName')}` : undefined;
		case 'AWS::Events::EventBus':
			return attribute === undefined || attribute === 'Name' ? named('Name') : attribute === 'Arn' ? `arn:aws:events:${region}:${accountId}:event-bus/${named('Name')}` : undefined;
		case 'AWS::Logs::LogGroup':
			return attribute === undefined ? named('LogGroupName') : attribute === 'Arn' ? `arn:aws:logs:${region}:${accountId}:log-group:${named('LogGroupName')}:*` : undefined;
		default:
			return undefined;
	}
}

class Resolver {
	readonly conditionValues = new Map<string, boolean>();

	constructor(
		private readonly template: Record<string, unknown>,
		private readonly resources: Record<string, Resource>,
		private readonly parameters: Record<string, string | string[]>,
		private readonly context: PlanContext,
		/** Ref of a resource this plan makes: its name (a function), or a marker (a layer, whose ARN comes when it is published). */
		private readonly made: (id: string, attribute: string | undefined) => string | undefined,
	) {}

	private pseudo(name: string): string | typeof noValue | undefined {
		switch (name) {
			case 'AWS::Region':
				return this.context.region;
			case 'AWS::AccountId':
				return this.context.accountId;
			case 'AWS::Partition':
				return 'aws';
			case 'AWS::URLSuffix':
				return 'amazonaws.com';
			case 'AWS::StackName':
				return this.context.stackName ?? 'lambdash-local';
			case 'AWS::StackId':
				return `arn:aws:cloudformation:${this.context.region}:${this.context.accountId}:stack/${this.context.stackName ?? 'lambdash-local'}/local`;
			case 'AWS::NoValue':
				return noValue;
			case 'AWS::NotificationARNs':
				return undefined;
			default:
				return undefined;
		}
	}

	ref(name: string, attribute?: string): string | string[] | typeof noValue {
		if (attribute === undefined) {
			const pseudo = this.pseudo(name);
			if (pseudo !== undefined) return pseudo;
			const parameter = this.parameters[name];
			if (parameter !== undefined) return parameter;
		}
		const made = this.made(name, attribute);
		if (made !== undefined) return made;
		const resource = this.resources[name];
		if (resource !== undefined) {
			const value = otherResourceValue(name, resource, attribute, this.context);
			if (value !== undefined) return value;
			throw new Unresolvable(`${attribute === undefined ? `Ref ${name}` : `Fn::GetAtt ${name}.${attribute}`}: the local Lambda does not make ${resource.Type}`);
		}
		throw new Unresolvable(`${attribute === undefined ? 'Ref' : 'Fn::GetAtt'} ${name}${attribute === undefined ? '' : `.${attribute}`}: no such parameter or resource`);
	}

	condition(name: string): boolean {
		const known = this.conditionValues.get(name);
		if (known !== undefined) return known;
		const conditions = isObject(this.template['Conditions']) ? this.template['Conditions'] : {};
		if (!(name in conditions)) throw new Unresolvable(`the condition ${name} is not in Conditions`);
		const value = this.truth(conditions[name]);
		this.conditionValues.set(name, value);
		return value;
	}

	private truth(value: unknown): boolean {
		if (typeof value === 'boolean') return value;
		if (value === 'true' || value === 'false') return value === 'true';
		if (isObject(value)) {
			const [key] = Object.keys(value);
			const argument = key === undefined ? undefined : value[key];
			if (key === 'Condition' && typeof argument === 'string') return this.condition(argument);
			if (key === 'Fn::Equals' && Array.isArray(argument) && argument.length === 2) {
				return JSON.stringify(this.resolve(argument[0])) === JSON.stringify(this.resolve(argument[1]));
			}
			if (key === 'Fn::Not' && Array.isArray(argument) && argument.length === 1) return !this.truth(argument[0]);
			if (key === 'Fn::And' && Array.isArray(argument)) return argument.every((each) => this.truth(each));
			if (key === 'Fn::Or' && Array.isArray(argument)) return argument.some((each) => this.truth(each));
		}
		throw new Unresolvable(`a condition that is not Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition: ${JSON.stringify(value)}`);
	}

	private text(value: unknown, what: string): string {
		const resolved = this.resolve(value);
		if (typeof resolved === 'string') return resolved;
		if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
		throw new Unresolvable(`${what} needs a string, got ${JSON.stringify(resolved)}`);
	}

	private sub(template: string, variables: Record<string, unknown>): string {
		return template.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
			if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
			const name = inner.trim();
			if (name in variables) return this.text(variables[name], `Fn::Sub \${${name}}`);
			const dot = name.indexOf('.');
			const value = dot > 0 && !name.startsWith('AWS::') ? this.ref(name.slice(0, dot), name.slice(dot + 1)) : this.ref(name);
			if (value === noValue || Array.isArray(value)) throw new Unresolvable(`Fn::Sub ${whole}: not a string`);
			return value;
		});
	}

	/** The value with every intrinsic function worked out; an Unresolvable when one cannot be. */
	resolve(value: unknown): unknown {
		if (Array.isArray(value)) return value.map((each) => this.resolve(each)).filter((each) => each !== noValue);
		if (!isObject(value)) return value;
		const keys = Object.keys(value);
		const key = keys[0];
		if (keys.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::') || key === 'Condition')) {
			const argument = value[key];
			switch (key) {
				case 'Ref':
					if (typeof argument !== 'string') throw new Unresolvable('Ref needs a name');
					return this.ref(argument);
				case 'Condition':
					if (typeof argument === 'string' && isObject(this.template['Conditions']) && argument in this.template['Conditions']) return this.condition(argument);
					break;
				case 'Fn::GetAtt': {
					const parts = typeof argument === 'string' ? argument.split('.') : Array.isArray(argument) ? argument.map((each) => this.text(each, 'Fn::GetAtt')) : [];
					const [id, ...attribute] = parts;
					if (id === undefined || attribute.length === 0) throw new Unresolvable(`Fn::GetAtt needs RESOURCE.ATTRIBUTE, got ${JSON.stringify(argument)}`);
					return this.ref(id, attribute.join('.'));
				}
				case 'Fn::Sub': {
					if (typeof argument === 'string') return this.sub(argument, {});
					if (Array.isArray(argument) && typeof argument[0] === 'string') return this.sub(argument[0], isObject(argument[1]) ? argument[1] : {});
					throw new Unresolvable('Fn::Sub needs a string, or [string, {variables}]');
				}
				case 'Fn::Join': {
					if (!Array.isArray(argument) || argument.length !== 2) throw new Unresolvable('Fn::Join needs [delimiter, [values]]');
					const list = this.resolve(argument[1]);
					if (!Array.isArray(list)) throw new Unresolvable('Fn::Join needs a list of values');
					return list.map((each) => this.text(each, 'Fn::Join')).join(this.text(argument[0], 'Fn::Join'));
				}
				case 'Fn::Select': {
					if (!Array.isArray(argument) || argument.length !== 2) throw new Unresolvable('Fn::Select needs [index, [values]]');
					const list = this.resolve(argument[1]);
					const index = Number(this.resolve(argument[0]));
					if (!Array.isArray(list) || !Number.isInteger(index) || index < 0 || index >= list.length) throw new Unresolvable('Fn::Select: the index is not in the list');
					return list[index];
				}
				case 'Fn::Split': {
					if (!Array.isArray(argument) || argument.length !== 2) throw new Unresolvable('Fn::Split needs [delimiter, string]');
					return this.text(argument[1], 'Fn::Split').split(this.text(argument[0], 'Fn::Split'));
				}
				case 'Fn::If': {
					if (!Array.isArray(argument) || argument.length !== 3 || typeof argument[0] !== 'string') throw new Unresolvable('Fn::If needs [condition, then, else]');
					return this.resolve(this.condition(argument[0]) ? argument[1] : argument[2]);
				}
				case 'Fn::FindInMap': {
					if (!Array.isArray(argument) || argument.length < 3) throw new Unresolvable('Fn::FindInMap needs [map, key, key]');
					const [map, first, second] = argument.slice(0, 3).map((each) => this.text(each, 'Fn::FindInMap'));
					const mappings = isObject(this.template['Mappings']) ? this.template['Mappings'] : {};
					const top = mappings[map ?? ''];
					const row = isObject(top) ? top[first ?? ''] : undefined;
					const found = isObject(row) ? row[second ?? ''] : undefined;
					if (found === undefined) throw new Unresolvable(`Fn::FindInMap: ${map}/${first}/${second} is not in Mappings`);
					return this.resolve(found);
				}
				case 'Fn::Base64':
					return Buffer.from(this.text(argument, 'Fn::Base64')).toString('base64');
				case 'Fn::GetAZs':
					return ['a', 'b', 'c'].map((zone) => `${this.context.region}${zone}`);
				case 'Fn::ToJsonString':
					return JSON.stringify(this.resolve(argument));
				case 'Fn::Length': {
					const list = this.resolve(argument);
					if (!Array.isArray(list)) throw new Unresolvable('Fn::Length needs a list');
					return list.length;
				}
				default:
					throw new Unresolvable(`${key} cannot be worked out locally`);
			}
		}
		const out: Record<string, unknown> = {};
		for (const [member, entry] of Object.entries(value)) {
			const resolved = this.resolve(entry);
			if (resolved !== noValue) out[member] = resolved;
		}
		return out;
	}
}

// ---- reading properties ---------------------------------------------------------

function str(value: unknown): string | undefined {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function num(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return undefined;
}

function bool(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	return undefined;
}

function strings(value: unknown): string[] | undefined {
	if (typeof value === 'string') return [value];
	return Array.isArray(value) ? value.map(str).filter((each): each is string => each !== undefined) : undefined;
}

function record(value: unknown): Record<string, string> {
	if (!isObject(value)) return {};
	const out: Record<string, string> = {};
	for (const [key, entry] of Object.entries(value)) {
		const text = str(entry) ?? (typeof entry === 'boolean' ? String(entry) : undefined);
		if (text !== undefined) out[key] = text;
	}
	return out;
}

/** CloudFormation's [{Key, Value}] tags, or SAM's map. */
function tagsOf(value: unknown): Record<string, string> {
	if (Array.isArray(value)) {
		const out: Record<string, string> = {};
		for (const entry of value) if (isObject(entry) && str(entry['Key']) !== undefined) out[str(entry['Key']) ?? ''] = str(entry['Value']) ?? '';
		return out;
	}
	return record(value);
}

/** Members of Globals.Function under the function's own: maps merged, everything else the function's. */
function withGlobals(properties: Record<string, unknown>, globals: Record<string, unknown>): Record<string, unknown> {
	const merged: Record<string, unknown> = {...globals};
	for (const [key, value] of Object.entries(properties)) {
		const global = merged[key];
		if (isObject(global) && isObject(value)) {
			const inner: Record<string, unknown> = {...global};
			for (const [innerKey, innerValue] of Object.entries(value)) {
				const globalInner = inner[innerKey];
				inner[innerKey] = isObject(globalInner) && isObject(innerValue) ? {...globalInner, ...innerValue} : innerValue;
			}
			merged[key] = inner;
		} else merged[key] = value;
	}
	return merged;
}

function codeSource(value: unknown, what: string): CodeSource {
	if (typeof value === 'string' && value.trim() !== '') {
		if (/^s3:\/\//.test(value)) throw new Unresolvable(`${what} ${value}: code in S3 cannot be read locally; point it at a .zip or a directory`);
		return /\.(zip|jar)$/i.test(value) ? {kind: 'zip', path: value} : {kind: 'directory', path: value};
	}
	if (isObject(value)) throw new Unresolvable(`${what}: code in S3 (Bucket and Key) cannot be read locally; point it at a .zip or a directory`);
	return {kind: 'directory', path: '.'};
}

function destinationArn(value: unknown): string | undefined {
	return isObject(value) ? str(value['Destination']) : undefined;
}

function eventInvokeConfigOf(value: unknown, skip: (reason: string) => void): EventInvokeConfigDescription | undefined {
	if (!isObject(value)) return undefined;
	const config: EventInvokeConfigDescription = {};
	const retries = num(value['MaximumRetryAttempts']);
	const age = num(value['MaximumEventAgeInSeconds']);
	if (retries !== undefined) config.MaximumRetryAttempts = retries;
	if (age !== undefined) config.MaximumEventAgeInSeconds = age;
	const destinations = isObject(value['DestinationConfig']) ? value['DestinationConfig'] : {};
	for (const condition of ['OnSuccess', 'OnFailure'] as const) {
		const entry = destinations[condition];
		if (entry === undefined) continue;
		const arn = destinationArn(entry);
		if (arn === undefined) skip(`its ${condition} destination has no Destination ARN (SAM would make a queue or topic for it, which the local Lambda cannot)`);
		else config[condition] = arn;
	}
	return config;
}

function urlOf(value: unknown): UrlDescription | undefined {
	if (!isObject(value)) return undefined;
	const url: UrlDescription = {AuthType: str(value['AuthType']) ?? 'AWS_IAM'};
	const mode = str(value['InvokeMode']);
	if (mode !== undefined) url.InvokeMode = mode;
	const cors = value['Cors'];
	if (isObject(cors)) {
		const out: NonNullable<UrlDescription['Cors']> = {};
		const credentials = bool(cors['AllowCredentials']);
		if (credentials !== undefined) out.AllowCredentials = credentials;
		for (const key of ['AllowHeaders', 'AllowMethods', 'AllowOrigins', 'ExposeHeaders'] as const) {
			const list = strings(cors[key]);
			if (list !== undefined) out[key] = list;
		}
		const maxAge = num(cors['MaxAge']);
		if (maxAge !== undefined) out.MaxAge = maxAge;
		url.Cors = out;
	}
	return url;
}

/** AWS::Lambda::EventSourceMapping properties (or a SAM event's, translated first) as a mapping. */
function mappingOf(properties: Record<string, unknown>): MappingDescription {
	const mapping: MappingDescription = {Enabled: bool(properties['Enabled']) ?? true};
	const arn = str(properties['EventSourceArn']);
	if (arn !== undefined) mapping.EventSourceArn = arn;
	const selfManaged = properties['SelfManagedEventSource'];
	if (isObject(selfManaged) && isObject(selfManaged['Endpoints'])) {
		const servers = strings(selfManaged['Endpoints']['KafkaBootstrapServers']);
		if (servers !== undefined) mapping.KafkaBootstrapServers = servers;
	}
	const numbers = ['BatchSize', 'MaximumBatchingWindowInSeconds', 'ParallelizationFactor', 'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'TumblingWindowInSeconds'] as const;
	for (const key of numbers) {
		const value = num(properties[key]);
		if (value !== undefined) mapping[key] = value;
	}
	const position = str(properties['StartingPosition']);
	if (position !== undefined) mapping.StartingPosition = position;
	const timestamp = num(properties['StartingPositionTimestamp']);
	if (timestamp !== undefined) mapping.StartingPositionTimestamp = new Date(timestamp * 1000).toISOString();
	const bisect = bool(properties['BisectBatchOnFunctionError']);
	if (bisect !== undefined) mapping.BisectBatchOnFunctionError = bisect;
	const filters = isObject(properties['FilterCriteria']) ? properties['FilterCriteria']['Filters'] : undefined;
	if (Array.isArray(filters)) {
		mapping.FilterPatterns = filters.map((each) => (isObject(each) ? each['Pattern'] : undefined)).map((pattern) => (typeof pattern === 'string' ? pattern : JSON.stringify(pattern)));
	}
	const destination = isObject(properties['DestinationConfig']) ? destinationArn(properties['DestinationConfig']['OnFailure']) : undefined;
	if (destination !== undefined) mapping.OnFailureDestination = destination;
	const topics = strings(properties['Topics']);
	if (topics !== undefined) mapping.Topics = topics;
	const queues = strings(properties['Queues']);
	if (queues !== undefined) mapping.Queues = queues;
	const responses = strings(properties['FunctionResponseTypes']);
	if (responses !== undefined) mapping.FunctionResponseTypes = responses;
	const access = properties['SourceAccessConfigurations'];
	if (Array.isArray(access)) {
		mapping.SourceAccessConfigurations = access.filter(isObject).map((each) => ({Type: str(each['Type']) ?? '', URI: str(each['URI']) ?? ''}));
	}
	const documentDb = properties['DocumentDBEventSourceConfig'];
	if (isObject(documentDb)) {
		const config: NonNullable<MappingDescription['DocumentDB']> = {};
		for (const key of ['DatabaseName', 'CollectionName', 'FullDocument'] as const) {
			const value = str(documentDb[key]);
			if (value !== undefined) config[key] = value;
		}
		mapping.DocumentDB = config;
	}
	const scaling = properties['ScalingConfig'];
	if (isObject(scaling) && num(scaling['MaximumConcurrency']) !== undefined) mapping.MaximumConcurrency = num(scaling['MaximumConcurrency']);
	for (const key of ['AmazonManagedKafkaEventSourceConfig', 'SelfManagedKafkaEventSourceConfig']) {
		const config = properties[key];
		if (isObject(config) && str(config['ConsumerGroupId']) !== undefined) mapping.ConsumerGroupId = str(config['ConsumerGroupId']);
	}
	return mapping;
}

/** A SAM event of a polled source, as AWS::Lambda::EventSourceMapping's properties. */
function eventMappingProperties(type: string, properties: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {...properties};
	const source = type === 'SQS' ? 'Queue' : type === 'MQ' ? 'Broker' : type === 'DocumentDB' ? 'Cluster' : type === 'SelfManagedKafka' ? undefined : 'Stream';
	if (source !== undefined) {
		out['EventSourceArn'] = properties[source];
		delete out[source];
	}
	if (type === 'SelfManagedKafka') out['SelfManagedEventSource'] = {Endpoints: {KafkaBootstrapServers: properties['KafkaBootstrapServers']}};
	if (type === 'DocumentDB') {
		out['DocumentDBEventSourceConfig'] = {DatabaseName: properties['DatabaseName'], CollectionName: properties['CollectionName'], FullDocument: properties['FullDocument']};
	}
	if (properties['ConsumerGroupId'] !== undefined) {
		out[type === 'MSK' ? 'AmazonManagedKafkaEventSourceConfig' : 'SelfManagedKafkaEventSourceConfig'] = {ConsumerGroupId: properties['ConsumerGroupId']};
	}
	return out;
}

const mappingEventTypes = new Set(['SQS', 'Kinesis', 'DynamoDB', 'MSK', 'SelfManagedKafka', 'MQ', 'DocumentDB']);

const skippedEventReasons: Record<string, string> = {
	Api: 'the local Lambda has no API Gateway: call the function, or give it a FunctionUrlConfig',
	HttpApi: 'the local Lambda has no API Gateway: call the function, or give it a FunctionUrlConfig',
	Schedule: 'the local Lambda has no EventBridge scheduler: invoke the function yourself',
	ScheduleV2: 'the local Lambda has no EventBridge Scheduler: invoke the function yourself',
	CloudWatchEvent: 'the local Lambda has no EventBridge rules',
	EventBridgeRule: 'the local Lambda has no EventBridge rules',
	CloudWatchLogs: 'the local Lambda makes no subscription filters',
	IoTRule: 'the local Lambda has no IoT rules',
	AlexaSkill: 'the local Lambda has no Alexa skills',
	Cognito: 'the local Lambda has no Cognito user pools',
};

function permissionOf(statementId: string, properties: Record<string, unknown>): PermissionStep {
	const step: PermissionStep = {statementId, action: str(properties['Action']) ?? 'lambda:InvokeFunction', principal: str(properties['Principal']) ?? ''};
	const members = [
		['SourceArn', 'sourceArn'],
		['SourceAccount', 'sourceAccount'],
		['PrincipalOrgID', 'principalOrgId'],
		['EventSourceToken', 'eventSourceToken'],
		['FunctionUrlAuthType', 'functionUrlAuthType'],
	] as const;
	for (const [from, to] of members) {
		const value = str(properties[from]);
		if (value !== undefined) step[to] = value;
	}
	return step;
}

// ---- the plan ---------------------------------------------------------------------

const functionTypes = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);
const layerTypes = new Set(['AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion']);
const attachedTypes = new Set(['AWS::Lambda::Permission', 'AWS::Lambda::EventSourceMapping', 'AWS::Lambda::Url', 'AWS::Lambda::EventInvokeConfig']);

function reasonFor(type: string): string {
	if (type === 'AWS::IAM::Role' || type === 'AWS::IAM::Policy' || type === 'AWS::IAM::ManagedPolicy') return 'the local Lambda does not check IAM: a function runs with whatever role ARN it names';
	if (type === 'AWS::Lambda::Version' || type === 'AWS::Lambda::Alias') return 'lambdash deploy updates $LATEST only: publish versions and aliases in the console';
	if (type === 'AWS::Logs::LogGroup') return 'the local Lambda makes a log group when a function first writes to it';
	if (type.startsWith('AWS::Serverless::')) return `lambdash deploy does not make ${type}`;
	return `the local Lambda serves Lambda only, not ${type.split('::')[1] ?? type}`;
}

function layerPlaceholder(id: string): string {
	return `lambdash-layer:${id}`;
}

/** The layer a Layers entry names: a layer this plan publishes (by its placeholder), or an ARN. */
function layerReference(value: string): LayerReference {
	return value.startsWith('lambdash-layer:') ? {layer: value.slice('lambdash-layer:'.length)} : {arn: value};
}

/** What deploying the template does on the local Lambda. */
export function deployPlan(template: Record<string, unknown>, context: PlanContext): DeployPlan {
	const plan: DeployPlan = {layers: [], functions: [], skipped: [], problems: []};
	const rawResources = template['Resources'];
	if (!isObject(rawResources) || Object.keys(rawResources).length === 0) {
		plan.problems.push('The template has no Resources.');
		return plan;
	}
	const resources: Record<string, Resource> = {};
	for (const [id, value] of Object.entries(rawResources)) {
		if (!isObject(value) || typeof value['Type'] !== 'string') {
			plan.problems.push(`The resource ${id} has no Type.`);
			continue;
		}
		resources[id] = {
			Type: value['Type'],
			Properties: isObject(value['Properties']) ? value['Properties'] : {},
			...(typeof value['Condition'] === 'string' ? {Condition: value['Condition']} : {}),
		};
	}
	// Parameters: the override, then the default; a parameter with neither is a problem.
	const parameters: Record<string, string | string[]> = {};
	const declared = isObject(template['Parameters']) ? template['Parameters'] : {};
	for (const [name, definition] of Object.entries(declared)) {
		const override = context.parameters?.[name];
		const fallback = isObject(definition) ? definition['Default'] : undefined;
		const value = override ?? (fallback === undefined ? undefined : String(fallback));
		if (value === undefined) {
			plan.problems.push(`The parameter ${name} has no default: give it with --parameter-overrides ${name}=VALUE.`);
			continue;
		}
		const type = isObject(definition) ? str(definition['Type']) : undefined;
		parameters[name] = type !== undefined && (type.startsWith('List<') || type === 'CommaDelimitedList') ? value.split(',').map((each) => each.trim()) : value;
	}
	for (const name of Object.keys(context.parameters ?? {})) {
		if (!(name in declared)) plan.problems.push(`--parameter-overrides names ${name}, which is not in the template's Parameters.`);
	}
	// A function's name may itself be worked out (!Sub name-${Stage}): resolved once, when first asked for.
	const names = new Map<string, string>();
	let resolveName: (value: unknown) => unknown = (value) => value;
	const functionNameOf = (id: string): string | undefined => {
		const resource = resources[id];
		if (resource === undefined || !functionTypes.has(resource.Type)) return undefined;
		const known = names.get(id);
		if (known !== undefined) return known;
		const raw = resource.Properties['FunctionName'];
		const name = raw === undefined ? id : resolveName(raw);
		if (typeof name !== 'string') throw new Unresolvable(`the FunctionName of ${id} is not a string`);
		names.set(id, name);
		return name;
	};
	const made = (id: string, attribute: string | undefined): string | undefined => {
		const resource = resources[id];
		if (resource === undefined) return undefined;
		if (functionTypes.has(resource.Type)) {
			const name = functionNameOf(id) ?? id;
			if (attribute === undefined) return name;
			if (attribute === 'Arn') return `arn:aws:lambda:${context.region}:${context.accountId}:function:${name}`;
			return undefined;
		}
		if (layerTypes.has(resource.Type) && attribute === undefined) return layerPlaceholder(id);
		return undefined;
	};
	const resolver = new Resolver(template, resources, parameters, context, made);
	resolveName = (value) => resolver.resolve(value);
	const resolve = (value: unknown): unknown => resolver.resolve(value);
	const skip = (logicalId: string, type: string, reason: string): void => {
		plan.skipped.push({logicalId, type, reason});
	};
	const included = (id: string, resource: Resource): boolean => {
		if (resource.Condition === undefined) return true;
		try {
			if (resolver.condition(resource.Condition)) return true;
			skip(id, resource.Type, `its condition ${resource.Condition} is false`);
		} catch (error) {
			plan.problems.push(`${id}: ${(error as Error).message}`);
		}
		return false;
	};
	const globals = isObject(template['Globals']) && isObject(template['Globals']['Function']) ? template['Globals']['Function'] : {};
	const byName = new Map<string, FunctionStep>();

	for (const [id, resource] of Object.entries(resources)) {
		if (!layerTypes.has(resource.Type) || !included(id, resource)) continue;
		try {
			const properties = resolve(resource.Properties) as Record<string, unknown>;
			const serverless = resource.Type === 'AWS::Serverless::LayerVersion';
			const layer: LayerStep = {
				logicalId: id,
				name: str(properties['LayerName']) ?? id,
				content: codeSource(serverless ? properties['ContentUri'] : properties['Content'], serverless ? 'ContentUri' : 'Content'),
			};
			const description = str(properties['Description']);
			if (description !== undefined) layer.description = description;
			const runtimes = strings(properties['CompatibleRuntimes']);
			if (runtimes !== undefined) layer.compatibleRuntimes = runtimes;
			const architectures = strings(properties['CompatibleArchitectures']);
			if (architectures !== undefined) layer.compatibleArchitectures = architectures;
			const license = str(properties['LicenseInfo']);
			if (license !== undefined) layer.licenseInfo = license;
			plan.layers.push(layer);
		} catch (error) {
			if (!(error instanceof Unresolvable)) throw error;
			plan.problems.push(`The layer ${id}: ${error.message}.`);
		}
	}

	for (const [id, resource] of Object.entries(resources)) {
		if (!functionTypes.has(resource.Type) || !included(id, resource)) continue;
		const serverless = resource.Type === 'AWS::Serverless::Function';
		try {
			const properties = resolve(serverless ? withGlobals(resource.Properties, globals) : resource.Properties) as Record<string, unknown>;
			const name = str(properties['FunctionName']) ?? id;
			const image = str(properties['PackageType']) === 'Image' || properties['ImageUri'] !== undefined || (isObject(properties['Code']) && properties['Code']['ImageUri'] !== undefined);
			let code: CodeSource;
			if (serverless) {
				code = image
					? {kind: 'image', uri: str(properties['ImageUri']) ?? ''}
					: properties['InlineCode'] !== undefined
						? {kind: 'inline', code: str(properties['InlineCode']) ?? ''}
						: codeSource(properties['CodeUri'], 'CodeUri');
			} else {
				const raw = properties['Code'];
				code =
					isObject(raw) && typeof raw['ZipFile'] === 'string'
						? {kind: 'inline', code: raw['ZipFile']}
						: isObject(raw) && typeof raw['ImageUri'] === 'string'
							? {kind: 'image', uri: raw['ImageUri']}
							: codeSource(raw, 'Code');
			}
			const configuration: FunctionStep['configuration'] = {
				Role: str(properties['Role']) ?? `arn:aws:iam::${context.accountId}:role/${id}Role`,
				PackageType: image ? 'Image' : 'Zip',
			};
			if (str(properties['Role']) === undefined) {
				skip(id, 'AWS::IAM::Role', `SAM would make ${id}Role for it: the local Lambda does not check IAM, the function names ${configuration.Role}`);
			}
			const put = <K extends keyof FunctionStep['configuration']>(key: K, value: FunctionStep['configuration'][K] | undefined): void => {
				if (value !== undefined) configuration[key] = value;
			};
			put('Description', str(properties['Description']));
			if (!image) {
				put('Runtime', str(properties['Runtime']));
				put('Handler', str(properties['Handler']));
			}
			put('MemorySize', num(properties['MemorySize']));
			put('Timeout', num(properties['Timeout']));
			put('Architectures', strings(properties['Architectures']));
			const ephemeral = isObject(properties['EphemeralStorage']) ? num(properties['EphemeralStorage']['Size']) : undefined;
			if (ephemeral !== undefined) configuration.EphemeralStorage = {Size: ephemeral};
			if (image) put('ImageUri', code.kind === 'image' ? code.uri : undefined);
			const environment = isObject(properties['Environment']) ? record(properties['Environment']['Variables']) : {};
			if (Object.keys(environment).length > 0) configuration.Environment = environment;
			put('KMSKeyArn', str(properties['KmsKeyArn']));
			const vpc = properties['VpcConfig'];
			if (isObject(vpc)) {
				configuration.VpcConfig = {SubnetIds: strings(vpc['SubnetIds']) ?? [], SecurityGroupIds: strings(vpc['SecurityGroupIds']) ?? []};
				const ipv6 = bool(vpc['Ipv6AllowedForDualStack']);
				if (ipv6 !== undefined) configuration.VpcConfig.Ipv6AllowedForDualStack = ipv6;
			}
			const tracing = serverless ? str(properties['Tracing']) : isObject(properties['TracingConfig']) ? str(properties['TracingConfig']['Mode']) : undefined;
			put('TracingMode', tracing === 'Disabled' ? 'PassThrough' : tracing);
			const logging = properties['LoggingConfig'];
			if (isObject(logging)) {
				const config: NonNullable<FunctionStep['configuration']['LoggingConfig']> = {};
				for (const key of ['LogFormat', 'ApplicationLogLevel', 'SystemLogLevel', 'LogGroup'] as const) {
					const value = str(logging[key]);
					if (value !== undefined) config[key] = value;
				}
				configuration.LoggingConfig = config;
			}
			const deadLetter = serverless
				? isObject(properties['DeadLetterQueue'])
					? str(properties['DeadLetterQueue']['TargetArn'])
					: undefined
				: isObject(properties['DeadLetterConfig'])
					? str(properties['DeadLetterConfig']['TargetArn'])
					: undefined;
			put('DeadLetterTargetArn', deadLetter);
			const fileSystems = properties['FileSystemConfigs'];
			if (Array.isArray(fileSystems)) {
				configuration.FileSystemConfigs = fileSystems.filter(isObject).map((each) => ({Arn: str(each['Arn']) ?? '', LocalMountPath: str(each['LocalMountPath']) ?? ''}));
			}
			put('CodeSigningConfigArn', str(properties['CodeSigningConfigArn']));
			const step: FunctionStep = {
				logicalId: id,
				name,
				code,
				configuration,
				layers: (strings(properties['Layers']) ?? []).map(layerReference),
				tags: tagsOf(properties['Tags']),
				reservedConcurrency: num(properties['ReservedConcurrentExecutions']),
				eventInvokeConfig: serverless ? eventInvokeConfigOf(properties['EventInvokeConfig'], (reason) => skip(`${id}/EventInvokeConfig`, 'EventInvokeConfig', reason)) : undefined,
				url: serverless ? urlOf(properties['FunctionUrlConfig']) : undefined,
				mappings: [],
				permissions: [],
			};
			if (step.url?.AuthType === 'NONE') {
				step.permissions.push({statementId: 'FunctionURLAllowPublicAccess', action: 'lambda:InvokeFunctionUrl', principal: '*', functionUrlAuthType: 'NONE'});
			}
			for (const key of ['AutoPublishAlias', 'DeploymentPreference', 'ProvisionedConcurrencyConfig', 'SnapStart']) {
				if (properties[key] !== undefined) skip(`${id}/${key}`, key, 'lambdash deploy updates $LATEST only: publish versions and aliases in the console');
			}
			const events = serverless && isObject(properties['Events']) ? properties['Events'] : {};
			for (const [eventName, event] of Object.entries(events)) {
				const type = isObject(event) ? str(event['Type']) : undefined;
				const eventProperties = isObject(event) && isObject(event['Properties']) ? event['Properties'] : {};
				const where = `${id}/${eventName}`;
				if (type === undefined) {
					plan.problems.push(`The event ${where} has no Type.`);
				} else if (mappingEventTypes.has(type)) {
					step.mappings.push(mappingOf(eventMappingProperties(type, eventProperties)));
				} else if (type === 'SNS') {
					const topic = str(eventProperties['Topic']);
					if (topic === undefined) plan.problems.push(`The SNS event ${where} has no Topic.`);
					else {
						step.permissions.push({statementId: `${id}${eventName}Permission`, action: 'lambda:InvokeFunction', principal: 'sns.amazonaws.com', sourceArn: topic});
						skip(where, 'SNS', `the function may be invoked by ${topic}, but the local Lambda has no SNS to subscribe it to`);
					}
				} else if (type === 'S3') {
					const bucket = str(eventProperties['Bucket']);
					if (bucket === undefined) plan.problems.push(`The S3 event ${where} has no Bucket.`);
					else {
						step.permissions.push({
							statementId: `${id}${eventName}Permission`,
							action: 'lambda:InvokeFunction',
							principal: 's3.amazonaws.com',
							sourceArn: `arn:aws:s3:::${bucket}`,
							sourceAccount: context.accountId,
						});
						skip(where, 'S3', `the function may be invoked by the bucket ${bucket}, but the local Lambda has no S3 to send it notifications`);
					}
				} else {
					skip(where, type, skippedEventReasons[type] ?? `the local Lambda has no event source of type ${type}`);
				}
			}
			plan.functions.push(step);
			byName.set(name, step);
			byName.set(`arn:aws:lambda:${context.region}:${context.accountId}:function:${name}`, step);
		} catch (error) {
			if (!(error instanceof Unresolvable)) throw error;
			plan.problems.push(`The function ${id}: ${error.message}.`);
		}
	}

	for (const [id, resource] of Object.entries(resources)) {
		if (functionTypes.has(resource.Type) || layerTypes.has(resource.Type)) continue;
		if (!attachedTypes.has(resource.Type)) {
			skip(id, resource.Type, reasonFor(resource.Type));
			continue;
		}
		if (!included(id, resource)) continue;
		try {
			const properties = resolve(resource.Properties) as Record<string, unknown>;
			const target = str(resource.Type === 'AWS::Lambda::Url' ? properties['TargetFunctionArn'] : properties['FunctionName']);
			const step = target === undefined ? undefined : byName.get(target);
			if (step === undefined) {
				skip(id, resource.Type, `it is about ${target ?? 'no function'}, which is not a function of this template`);
				continue;
			}
			const qualifier = str(properties['Qualifier']);
			if (qualifier !== undefined && qualifier !== '$LATEST') {
				skip(id, resource.Type, `it is about the version or alias ${qualifier}: lambdash deploy updates $LATEST only`);
				continue;
			}
			switch (resource.Type) {
				case 'AWS::Lambda::Permission':
					step.permissions.push(permissionOf(id, properties));
					break;
				case 'AWS::Lambda::EventSourceMapping':
					step.mappings.push(mappingOf(properties));
					break;
				case 'AWS::Lambda::Url':
					step.url = urlOf(properties);
					break;
				case 'AWS::Lambda::EventInvokeConfig':
					step.eventInvokeConfig = eventInvokeConfigOf(properties, (reason) => skip(id, resource.Type, reason));
					break;
			}
		} catch (error) {
			if (!(error instanceof Unresolvable)) throw error;
			plan.problems.push(`${id}: ${error.message}.`);
		}
	}
	for (const step of plan.functions) {
		for (const layer of step.layers) {
			if ('layer' in layer && !plan.layers.some((each) => each.logicalId === layer.layer)) {
				plan.problems.push(`The function ${step.logicalId} uses the layer ${layer.layer}, which is not deployed.`);
			}
		}
	}
	return plan;
}

/** --parameter-overrides: KEY=VALUE words (or ParameterKey=K,ParameterValue=V as the AWS CLI writes them). */
export function parseParameterOverrides(words: readonly string[]): {parameters: Record<string, string>} | {problem: string} {
	const parameters: Record<string, string> = {};
	for (const word of words) {
		const cli = /^ParameterKey=([^,]+),ParameterValue=(.*)$/.exec(word);
		const simple = /^([A-Za-z0-9]+)=(.*)$/.exec(word);
		const match = cli ?? simple;
		if (match === null || match[1] === undefined) return {problem: `--parameter-overrides takes KEY=VALUE (letters and digits before the =), got "${word}"`};
		parameters[match[1]] = match[2] ?? '';
	}
	return {parameters};
}
