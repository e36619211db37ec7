// Event source mappings, pure: which kind of source an ARN names, what each
// kind takes (batch sizes and their defaults, starting positions, the stream
// and Kafka error handling settings ...), and the problems of a request in
// Lambda's words. The local Lambda answers with them; the console runs the
// same checks to refuse bad input before it calls.
//
// Lambda checks the constraints of its service model first and reports all
// of them at once (ValidationException); then its own rules per kind of
// source, answering with the first that fails (InvalidParameterValueException).

import {destinationArnMaxLength, parseDestination} from './async-config.js';
import {constraintProblem as constraint, parameterProblem as parameter, type Problem} from './validate.js';

export type SourceKind = 'sqs' | 'kinesis' | 'dynamodb' | 'msk' | 'kafka' | 'mq' | 'docdb';
export const sourceKinds: readonly SourceKind[] = ['sqs', 'kinesis', 'dynamodb', 'msk', 'kafka', 'mq', 'docdb'];

export type StartingPosition = 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';
export const startingPositions: readonly StartingPosition[] = ['LATEST', 'AT_TIMESTAMP', 'TRIM_HORIZON'];

/** SourceAccessConfiguration.Type: how Lambda reaches and authenticates to a broker or cluster. */
export const sourceAccessTypes = [
	'BASIC_AUTH',
	'VPC_SUBNET',
	'VPC_SECURITY_GROUP',
	'SASL_SCRAM_512_AUTH',
	'SASL_SCRAM_256_AUTH',
	'VIRTUAL_HOST',
	'CLIENT_CERTIFICATE_TLS_AUTH',
	'SERVER_ROOT_CA_CERTIFICATE',
	'OAUTHBEARER_AUTH',
	'OAUTHBEARER_SCOPE',
	'OAUTHBEARER_AUDIENCE',
	'OAUTHBEARER_LOGICAL_CLUSTER',
	'OAUTHBEARER_IDENTITY_POOL',
	'IAM_AUTH',
	'IAM_OAUTHBEARER_AUTH',
] as const;
export type SourceAccessType = (typeof sourceAccessTypes)[number];

/** One of SourceAccessConfigurations: a type and its URI (a secret ARN, subnet:ID, security_group:ID, a virtual host ...; none for IAM_AUTH). */
export interface SourceAccess<T extends string = string> {
	type: T;
	uri?: string;
}

/** DocumentDBEventSourceConfig. */
export interface DocumentDbSettings {
	databaseName?: string;
	collectionName?: string;
	fullDocument?: string;
}

export const fullDocumentValues = ['UpdateLookup', 'Default'] as const;

/** The types of SourceAccessConfigurations each kind of source takes (none for SQS, Kinesis and DynamoDB Streams). */
export const sourceAccessTypesOf: Readonly<Record<SourceKind, readonly SourceAccessType[]>> = {
	sqs: [],
	kinesis: [],
	dynamodb: [],
	msk: ['SASL_SCRAM_512_AUTH', 'CLIENT_CERTIFICATE_TLS_AUTH'],
	kafka: [
		'BASIC_AUTH',
		'SASL_SCRAM_256_AUTH',
		'SASL_SCRAM_512_AUTH',
		'VPC_SUBNET',
		'VPC_SECURITY_GROUP',
		'CLIENT_CERTIFICATE_TLS_AUTH',
		'SERVER_ROOT_CA_CERTIFICATE',
		'OAUTHBEARER_AUTH',
		'OAUTHBEARER_SCOPE',
		'OAUTHBEARER_AUDIENCE',
		'OAUTHBEARER_LOGICAL_CLUSTER',
		'OAUTHBEARER_IDENTITY_POOL',
		'IAM_AUTH',
		'IAM_OAUTHBEARER_AUTH',
	],
	mq: ['BASIC_AUTH', 'VIRTUAL_HOST'],
	docdb: ['BASIC_AUTH'],
};

/** The types that authenticate: a mapping takes at most one of them. */
export const authenticationTypes: readonly SourceAccessType[] = [
	'BASIC_AUTH',
	'SASL_SCRAM_256_AUTH',
	'SASL_SCRAM_512_AUTH',
	'CLIENT_CERTIFICATE_TLS_AUTH',
	'OAUTHBEARER_AUTH',
	'IAM_AUTH',
	'IAM_OAUTHBEARER_AUTH',
];

/** The types whose URI is a Secrets Manager secret's ARN. */
export const secretAccessTypes: readonly SourceAccessType[] = [
	'BASIC_AUTH',
	'SASL_SCRAM_256_AUTH',
	'SASL_SCRAM_512_AUTH',
	'CLIENT_CERTIFICATE_TLS_AUTH',
	'SERVER_ROOT_CA_CERTIFICATE',
	'OAUTHBEARER_AUTH',
];

export function isSourceAccessType(value: string): value is SourceAccessType {
	return (sourceAccessTypes as readonly string[]).includes(value);
}

/** The shape of a Secrets Manager secret's ARN: arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME. */
export const secretArnExample = 'arn:aws:secretsmanager:<region>:<account>:secret:<name>';
const secretArnRegex = /^arn:aws[a-zA-Z-]*:secretsmanager:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;

export function isSecretArn(text: string): boolean {
	return secretArnRegex.test(text);
}

export type MappingState = 'Creating' | 'Enabling' | 'Enabled' | 'Disabling' | 'Disabled' | 'Updating' | 'Deleting';

/** What a kind of source takes. */
export interface SourceLimits {
	/** Shown in messages and forms: "Amazon SQS". */
	label: string;
	batchSizeDefault: number;
	batchSizeMax: number;
	/** Lambda's default batching window in seconds; undefined: 500 ms, which the API does not show. */
	batchingWindowDefault: number | undefined;
	/** 'required' for streams and Kafka, 'refused' for queues and brokers. */
	startingPosition: 'required' | 'refused';
	atTimestamp: boolean;
	/** OnFailure destination, MaximumRecordAgeInSeconds, MaximumRetryAttempts, BisectBatchOnFunctionError. */
	errorHandling: boolean;
	/** ParallelizationFactor and TumblingWindowInSeconds (Kinesis and DynamoDB Streams). */
	shardSettings: boolean;
	/** FunctionResponseTypes (ReportBatchItemFailures). */
	functionResponseTypes: boolean;
	/** Topics (exactly one), for Kafka; Queues (exactly one), for Amazon MQ. */
	topics: boolean;
	queues: boolean;
	/** ScalingConfig.MaximumConcurrency (SQS). */
	scaling: boolean;
}

const streamLimits = {
	batchSizeDefault: 100,
	batchSizeMax: 10_000,
	batchingWindowDefault: 0,
	startingPosition: 'required',
	errorHandling: true,
	shardSettings: true,
	functionResponseTypes: true,
	topics: false,
	queues: false,
	scaling: false,
} as const;

const kafkaLimits = {
	batchSizeDefault: 100,
	batchSizeMax: 10_000,
	batchingWindowDefault: undefined,
	startingPosition: 'required',
	atTimestamp: true,
	errorHandling: true,
	shardSettings: false,
	functionResponseTypes: true,
	topics: true,
	queues: false,
	scaling: false,
} as const;

export const sourceLimits: Readonly<Record<SourceKind, SourceLimits>> = {
	sqs: {
		label: 'Amazon SQS',
		batchSizeDefault: 10,
		batchSizeMax: 10_000,
		batchingWindowDefault: 0,
		startingPosition: 'refused',
		atTimestamp: false,
		errorHandling: false,
		shardSettings: false,
		functionResponseTypes: true,
		topics: false,
		queues: false,
		scaling: true,
	},
	kinesis: {label: 'Amazon Kinesis', ...streamLimits, atTimestamp: true},
	dynamodb: {label: 'Amazon DynamoDB Streams', ...streamLimits, atTimestamp: false},
	msk: {label: 'Amazon MSK', ...kafkaLimits},
	kafka: {label: 'Self-managed Apache Kafka', ...kafkaLimits},
	mq: {
		label: 'Amazon MQ',
		batchSizeDefault: 100,
		batchSizeMax: 10_000,
		batchingWindowDefault: undefined,
		startingPosition: 'refused',
		atTimestamp: false,
		errorHandling: false,
		shardSettings: false,
		functionResponseTypes: false,
		topics: false,
		queues: true,
		scaling: false,
	},
	docdb: {
		label: 'Amazon DocumentDB',
		batchSizeDefault: 100,
		batchSizeMax: 10_000,
		batchingWindowDefault: undefined,
		startingPosition: 'required',
		atTimestamp: true,
		errorHandling: false,
		shardSettings: false,
		functionResponseTypes: false,
		topics: false,
		queues: false,
		scaling: false,
	},
};

// The service model's constraints.
export const batchSizeMin = 1;
export const batchSizeMax = 10_000;
/** An SQS FIFO queue takes batches of at most 10, and no batching window. */
export const fifoBatchSizeMax = 10;
/** Above this batch size, an SQS queue needs a batching window of at least 1 second. */
export const batchSizeWithoutWindowMax = 10;
export const batchingWindowMin = 0;
export const batchingWindowMax = 300;
export const parallelizationFactorMin = 1;
export const parallelizationFactorMax = 10;
export const maximumRecordAgeMin = -1;
export const maximumRecordAgeMax = 604_800;
/** Lambda's own rule: -1 (infinite), or at least a minute. */
export const maximumRecordAgeFiniteMin = 60;
export const maximumRetryAttemptsMin = -1;
export const maximumRetryAttemptsMax = 10_000;
export const tumblingWindowMin = 0;
export const tumblingWindowMax = 900;
export const maximumConcurrencyMin = 2;
export const maximumConcurrencyMax = 1000;
export const filterPatternMaxLength = 4096;
/** Lambda's quota of filters per event source mapping. */
export const filtersMax = 5;
export const topicMaxLength = 249;
export const queueMaxLength = 1000;
export const bootstrapServersMax = 10;
/** ListEventSourceMappings: MaxItems 1-10000 (MaxListItems), at most 100 a page. */
export const listMappingsMaxItems = 10_000;
export const listMappingsPageMax = 100;
/** SourceAccessConfigurations: at most 22; each URI 1-200 characters of [a-zA-Z0-9-/*:_+=.@]. */
export const sourceAccessConfigurationsMax = 22;
export const sourceAccessUriMaxLength = 200;
export const sourceAccessUriPattern = '[a-zA-Z0-9-\\/*:_+=.@-]*';
const sourceAccessUriRegex = /^[a-zA-Z0-9\-/*:_+=.@]*$/;
/** DocumentDBEventSourceConfig: DatabaseName 1-63, CollectionName 1-57, with their patterns. */
export const databaseNameMaxLength = 63;
export const databaseNamePattern = '[^ /\\.$\\x22]*';
const databaseNameRegex = /^[^ /.$"]*$/;
export const collectionNameMaxLength = 57;
export const collectionNamePattern = '(^(?!(system\\x2e)))(^[_a-zA-Z0-9])([^$]*)';
const collectionNameRegex = /^(?!system\.)[_a-zA-Z0-9][^$]*$/;

export const functionResponseTypeValues = ['ReportBatchItemFailures'] as const;

/** The Arn shape of the service model (EventSourceArn). */
export const eventSourceArnPattern = 'arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)';
const eventSourceArnRegex = new RegExp(`^${eventSourceArnPattern}$`, 's');
/** NamespacedFunctionName of the service model (1-256 characters). */
export const mappingFunctionNamePattern =
	'^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?$';
const mappingFunctionNameRegex = new RegExp(mappingFunctionNamePattern);
export const mappingFunctionNameMaxLength = 256;
export const topicPattern = '^[^.]([a-zA-Z0-9\\-_.]+)';
const topicRegex = /^[^.]([a-zA-Z0-9\-_.]+)/;
export const endpointPattern = '^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])\\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9\\-]*[A-Za-z0-9]):[0-9]{1,5}';
const endpointRegex = /^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]):[0-9]{1,5}/;
const destinationArnRegex =
	/^(?:|kafka:\/\/([^.]([a-zA-Z0-9\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*))$/s;

/**
 * The kind of source an event source ARN names: an SQS queue, a Kinesis
 * stream (or stream consumer), a DynamoDB stream, an MSK cluster, an Amazon
 * MQ broker or a DocumentDB cluster (rds). Undefined for anything else
 * (self-managed Kafka has no ARN: its mapping names bootstrap servers).
 */
export function sourceKindOf(arn: string): SourceKind | undefined {
	const parts = arn.split(':');
	if (parts[0] !== 'arn' || parts.length < 6) return undefined;
	const service = parts[2];
	const resource = parts.slice(5).join(':');
	switch (service) {
		case 'sqs':
			return resource === '' ? undefined : 'sqs';
		case 'kinesis':
			return resource.startsWith('stream/') ? 'kinesis' : undefined;
		case 'dynamodb':
			return /^table\/[^/]+\/stream\/.+/.test(resource) ? 'dynamodb' : undefined;
		case 'kafka':
			return resource.startsWith('cluster/') || resource.startsWith('vpc-connection/') ? 'msk' : undefined;
		case 'mq':
			return resource.startsWith('broker:') ? 'mq' : undefined;
		case 'rds':
			return resource.startsWith('cluster:') ? 'docdb' : undefined;
		default:
			return undefined;
	}
}

export function isFifoQueue(arn: string): boolean {
	return sourceKindOf(arn) === 'sqs' && arn.endsWith('.fifo');
}

/** A mapping's settings as a request gives them; a member that is undefined was not given. */
export interface MappingSettings {
	batchSize?: number;
	maximumBatchingWindowInSeconds?: number;
	startingPosition?: string;
	/** Epoch seconds. */
	startingPositionTimestamp?: number;
	/** FilterCriteria.Filters[].Pattern */
	filters?: string[];
	/** DestinationConfig.OnFailure.Destination ("" removes it on update). */
	onFailureDestination?: string;
	/** DestinationConfig.OnSuccess.Destination: never allowed for a mapping. */
	onSuccessDestination?: string;
	parallelizationFactor?: number;
	maximumRecordAgeInSeconds?: number;
	maximumRetryAttempts?: number;
	bisectBatchOnFunctionError?: boolean;
	tumblingWindowInSeconds?: number;
	functionResponseTypes?: string[];
	topics?: string[];
	queues?: string[];
	/** ScalingConfig.MaximumConcurrency */
	maximumConcurrency?: number;
	/** DocumentDBEventSourceConfig (DocumentDB only). */
	documentDb?: DocumentDbSettings;
}

/** A mapping to check: its source, and its settings. */
export interface MappingInput extends MappingSettings {
	eventSourceArn?: string;
	/** SelfManagedEventSource.Endpoints.KAFKA_BOOTSTRAP_SERVERS */
	bootstrapServers?: string[];
	functionName?: string;
	/** SourceAccessConfigurations, as given. */
	sourceAccessConfigurations?: SourceAccess[];
}

/** The kind of source a mapping reads from; undefined when there is none Lambda recognises. */
export function mappingKindOf(input: Pick<MappingInput, 'eventSourceArn' | 'bootstrapServers'>): SourceKind | undefined {
	if (input.eventSourceArn !== undefined) return sourceKindOf(input.eventSourceArn);
	return input.bootstrapServers === undefined ? undefined : 'kafka';
}

function range(member: string, value: number | undefined, min: number, max: number): Problem[] {
	if (value === undefined) return [];
	if (value < min) return [constraint(member, value, `Member must have value greater than or equal to ${min}`)];
	if (value > max) return [constraint(member, value, `Member must have value less than or equal to ${max}`)];
	return [];
}

function listLength(member: string, list: readonly string[] | undefined, min: number, max: number): Problem[] {
	if (list === undefined) return [];
	const shown = `[${list.join(', ')}]`;
	if (list.length < min) return [constraint(member, shown, `Member must have length greater than or equal to ${min}`)];
	if (list.length > max) return [constraint(member, shown, `Member must have length less than or equal to ${max}`)];
	return [];
}

/** The service model's constraints on a request's members, all of them. */
export function constraintProblems(input: MappingInput, operation: 'create' | 'update' = 'create'): Problem[] {
	const problems: Problem[] = [];
	if (input.functionName === undefined) {
		if (operation === 'create') problems.push(constraint('functionName', undefined, 'Member must not be null'));
	} else {
		if (input.functionName.length < 1) problems.push(constraint('functionName', input.functionName, 'Member must have length greater than or equal to 1'));
		if (input.functionName.length > mappingFunctionNameMaxLength) {
			problems.push(constraint('functionName', input.functionName, `Member must have length less than or equal to ${mappingFunctionNameMaxLength}`));
		}
		if (!mappingFunctionNameRegex.test(input.functionName)) {
			problems.push(constraint('functionName', input.functionName, `Member must satisfy regular expression pattern: ${mappingFunctionNamePattern}`));
		}
	}
	if (input.eventSourceArn !== undefined && !eventSourceArnRegex.test(input.eventSourceArn)) {
		problems.push(constraint('eventSourceArn', input.eventSourceArn, `Member must satisfy regular expression pattern: ${eventSourceArnPattern}`));
	}
	problems.push(...range('batchSize', input.batchSize, batchSizeMin, batchSizeMax));
	problems.push(...range('maximumBatchingWindowInSeconds', input.maximumBatchingWindowInSeconds, batchingWindowMin, batchingWindowMax));
	problems.push(...range('parallelizationFactor', input.parallelizationFactor, parallelizationFactorMin, parallelizationFactorMax));
	problems.push(...range('maximumRecordAgeInSeconds', input.maximumRecordAgeInSeconds, maximumRecordAgeMin, maximumRecordAgeMax));
	problems.push(...range('maximumRetryAttempts', input.maximumRetryAttempts, maximumRetryAttemptsMin, maximumRetryAttemptsMax));
	problems.push(...range('tumblingWindowInSeconds', input.tumblingWindowInSeconds, tumblingWindowMin, tumblingWindowMax));
	problems.push(...range('scalingConfig.maximumConcurrency', input.maximumConcurrency, maximumConcurrencyMin, maximumConcurrencyMax));
	if (input.startingPosition !== undefined && !(startingPositions as readonly string[]).includes(input.startingPosition)) {
		problems.push(
			constraint('startingPosition', input.startingPosition, `Member must satisfy enum value set: [${startingPositions.join(', ')}]`),
		);
	}
	for (const [index, pattern] of (input.filters ?? []).entries()) {
		if (pattern.length > filterPatternMaxLength) {
			problems.push(
				constraint(`filterCriteria.filters.${index + 1}.member.pattern`, pattern, `Member must have length less than or equal to ${filterPatternMaxLength}`),
			);
		}
	}
	for (const [member, destination] of [
		['destinationConfig.onFailure.destination', input.onFailureDestination],
		['destinationConfig.onSuccess.destination', input.onSuccessDestination],
	] as const) {
		if (destination === undefined) continue;
		if (destination.length > destinationArnMaxLength) {
			problems.push(constraint(member, destination, `Member must have length less than or equal to ${destinationArnMaxLength}`));
		}
		if (!destinationArnRegex.test(destination)) {
			problems.push(
				constraint(
					member,
					destination,
					'Member must satisfy regular expression pattern: ^$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)$',
				),
			);
		}
	}
	problems.push(...listLength('functionResponseTypes', input.functionResponseTypes, 0, 1));
	for (const [index, type] of (input.functionResponseTypes ?? []).entries()) {
		if (!(functionResponseTypeValues as readonly string[]).includes(type)) {
			problems.push(
				constraint(`functionResponseTypes.${index + 1}.member`, type, `Member must satisfy enum value set: [${functionResponseTypeValues.join(', ')}]`),
			);
		}
	}
	problems.push(...listLength('topics', input.topics, 1, 1));
	for (const [index, topic] of (input.topics ?? []).entries()) {
		const member = `topics.${index + 1}.member`;
		if (topic.length < 1 || topic.length > topicMaxLength) {
			problems.push(constraint(member, topic, `Member must have length between 1 and ${topicMaxLength}`));
		} else if (!topicRegex.test(topic)) problems.push(constraint(member, topic, `Member must satisfy regular expression pattern: ${topicPattern}`));
	}
	problems.push(...listLength('queues', input.queues, 1, 1));
	for (const [index, queue] of (input.queues ?? []).entries()) {
		if (queue.length < 1 || queue.length > queueMaxLength) {
			problems.push(constraint(`queues.${index + 1}.member`, queue, `Member must have length between 1 and ${queueMaxLength}`));
		}
	}
	if (input.sourceAccessConfigurations !== undefined) {
		const access = input.sourceAccessConfigurations;
		if (access.length > sourceAccessConfigurationsMax) {
			problems.push(
				constraint('sourceAccessConfigurations', `[${access.map((entry) => entry.type).join(', ')}]`, `Member must have length less than or equal to ${sourceAccessConfigurationsMax}`),
			);
		}
		for (const [index, entry] of access.entries()) {
			const member = `sourceAccessConfigurations.${index + 1}.member`;
			if (!isSourceAccessType(entry.type)) {
				problems.push(constraint(`${member}.type`, entry.type, `Member must satisfy enum value set: [${sourceAccessTypes.join(', ')}]`));
			}
			if (entry.uri === undefined) continue;
			if (entry.uri.length < 1 || entry.uri.length > sourceAccessUriMaxLength) {
				problems.push(constraint(`${member}.uRI`, entry.uri, `Member must have length between 1 and ${sourceAccessUriMaxLength}`));
			} else if (!sourceAccessUriRegex.test(entry.uri)) {
				problems.push(constraint(`${member}.uRI`, entry.uri, `Member must satisfy regular expression pattern: ${sourceAccessUriPattern}`));
			}
		}
	}
	const documentDb = input.documentDb;
	if (documentDb !== undefined) {
		const database = documentDb.databaseName;
		if (database !== undefined) {
			if (database.length < 1 || database.length > databaseNameMaxLength) {
				problems.push(constraint('documentDBEventSourceConfig.databaseName', database, `Member must have length between 1 and ${databaseNameMaxLength}`));
			} else if (!databaseNameRegex.test(database)) {
				problems.push(constraint('documentDBEventSourceConfig.databaseName', database, `Member must satisfy regular expression pattern: ${databaseNamePattern}`));
			}
		}
		const collection = documentDb.collectionName;
		if (collection !== undefined) {
			if (collection.length < 1 || collection.length > collectionNameMaxLength) {
				problems.push(constraint('documentDBEventSourceConfig.collectionName', collection, `Member must have length between 1 and ${collectionNameMaxLength}`));
			} else if (!collectionNameRegex.test(collection)) {
				problems.push(constraint('documentDBEventSourceConfig.collectionName', collection, `Member must satisfy regular expression pattern: ${collectionNamePattern}`));
			}
		}
		if (documentDb.fullDocument !== undefined && !(fullDocumentValues as readonly string[]).includes(documentDb.fullDocument)) {
			problems.push(
				constraint('documentDBEventSourceConfig.fullDocument', documentDb.fullDocument, `Member must satisfy enum value set: [${fullDocumentValues.join(', ')}]`),
			);
		}
	}
	if (input.bootstrapServers !== undefined) {
		const member = 'selfManagedEventSource.endpoints.KAFKA_BOOTSTRAP_SERVERS';
		problems.push(...listLength(member, input.bootstrapServers, 1, bootstrapServersMax));
		for (const server of input.bootstrapServers) {
			if (!endpointRegex.test(server) || server.length > 300) {
				problems.push(constraint(`${member}.member`, server, `Member must satisfy regular expression pattern: ${endpointPattern}`));
			}
		}
	}
	return problems;
}

function unsupported(member: string): Problem {
	return parameter(member, `Unsupported ${member} parameter for given event source mapping type.`);
}

/**
 * Whether a filter's pattern is an event pattern Lambda takes: a JSON object
 * whose every field is either an object of the same kind or a non-empty list
 * of values (strings, numbers, booleans, null) and matchers ({"prefix": ...},
 * {"numeric": [...]}, {"exists": true} ...).
 */
export function isFilterPattern(pattern: string): boolean {
	let value: unknown;
	try {
		value = JSON.parse(pattern);
	} catch {
		return false;
	}
	const isObject = (candidate: unknown): candidate is Record<string, unknown> =>
		typeof candidate === 'object' && candidate !== null && !Array.isArray(candidate);
	const valid = (node: unknown, depth: number): boolean => {
		if (depth > 20 || !isObject(node)) return false;
		const entries = Object.entries(node);
		if (entries.length === 0) return depth > 0 ? false : true;
		return entries.every(([, field]) => {
			if (Array.isArray(field)) {
				return field.length > 0 && field.every((item) => item === null || ['string', 'number', 'boolean'].includes(typeof item) || isObject(item));
			}
			return valid(field, depth + 1);
		});
	};
	return valid(value, 0);
}

/**
 * Lambda's own rules for a mapping of this kind, in the order it checks
 * them. `now` (epoch ms) is for "StartingPositionTimestamp cannot be in the future".
 */
export function ruleProblems(input: MappingInput, now: number = Date.now()): Problem[] {
	const kind = mappingKindOf(input);
	if (kind === undefined) return [parameter('eventSourceArn', 'Unrecognized event source.')];
	const limits = sourceLimits[kind];
	const problems: Problem[] = [];
	if (input.onSuccessDestination !== undefined && input.onSuccessDestination !== '') problems.push(unsupported('DestinationConfig'));
	if (kind === 'sqs' && (input.startingPosition !== undefined || input.startingPositionTimestamp !== undefined)) {
		problems.push(parameter('startingPosition', 'StartingPosition is not valid for SQS event sources.'));
	}
	if (limits.startingPosition === 'refused' && kind !== 'sqs') {
		if (input.startingPosition !== undefined) problems.push(unsupported('StartingPosition'));
		if (input.startingPositionTimestamp !== undefined) problems.push(unsupported('StartingPositionTimestamp'));
	}
	if (limits.startingPosition === 'required') {
		if (input.startingPosition === undefined) {
			problems.push(parameter('startingPosition', "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null."));
		} else if (input.startingPosition === 'AT_TIMESTAMP' && !limits.atTimestamp) {
			problems.push(parameter('startingPosition', `Unsupported starting position for arn type: ${input.eventSourceArn ?? ''}`));
		} else if (input.startingPosition === 'AT_TIMESTAMP' && input.startingPositionTimestamp === undefined) {
			problems.push(parameter('startingPositionTimestamp', 'Need to specify a timestamp'));
		} else if (input.startingPosition !== 'AT_TIMESTAMP' && input.startingPositionTimestamp !== undefined) {
			problems.push(parameter('startingPositionTimestamp', 'Timestamp only valid with StartingPosition AT_TIMESTAMP'));
		} else if (input.startingPositionTimestamp !== undefined && input.startingPositionTimestamp * 1000 > now) {
			problems.push(parameter('startingPositionTimestamp', 'StartingPositionTimestamp cannot be in the future.'));
		}
	}
	if (!limits.errorHandling) {
		if (input.onFailureDestination !== undefined && input.onFailureDestination !== '') problems.push(unsupported('DestinationConfig'));
		if (input.maximumRecordAgeInSeconds !== undefined) problems.push(unsupported('MaximumRecordAgeInSeconds'));
		if (input.maximumRetryAttempts !== undefined) problems.push(unsupported('MaximumRetryAttempts'));
		if (input.bisectBatchOnFunctionError !== undefined) problems.push(unsupported('BisectBatchOnFunctionError'));
	}
	if (!limits.shardSettings) {
		if (input.parallelizationFactor !== undefined) problems.push(unsupported('ParallelizationFactor'));
		if (input.tumblingWindowInSeconds !== undefined) problems.push(unsupported('TumblingWindowInSeconds'));
	}
	if (!limits.functionResponseTypes && (input.functionResponseTypes ?? []).length > 0) problems.push(unsupported('FunctionResponseTypes'));
	if (!limits.scaling && input.maximumConcurrency !== undefined) problems.push(unsupported('ScalingConfig'));
	if (limits.topics && input.topics === undefined) problems.push(parameter('topics', "Required 'topics' parameter is missing."));
	if (!limits.topics && input.topics !== undefined) problems.push(unsupported('Topics'));
	if (limits.queues && input.queues === undefined) problems.push(parameter('queues', "Required 'queues' parameter is missing."));
	if (!limits.queues && input.queues !== undefined) problems.push(unsupported('Queues'));
	problems.push(...accessProblems(kind, input));
	const fifo = input.eventSourceArn !== undefined && isFifoQueue(input.eventSourceArn);
	const batchSize = input.batchSize ?? limits.batchSizeDefault;
	const window = input.maximumBatchingWindowInSeconds ?? 0;
	if (fifo && batchSize > fifoBatchSizeMax) {
		problems.push(parameter('batchSize', `Maximum batch size must be between ${batchSizeMin} and ${fifoBatchSizeMax} inclusive`));
	} else if (fifo && window > 0) {
		problems.push(parameter('maximumBatchingWindowInSeconds', 'Batching window is not supported for FIFO queues'));
	} else if (kind === 'sqs' && batchSize > batchSizeWithoutWindowMax && window === 0) {
		problems.push(
			parameter(
				'maximumBatchingWindowInSeconds',
				`Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than ${batchSizeWithoutWindowMax}`,
			),
		);
	} else if (batchSize > limits.batchSizeMax) {
		problems.push(parameter('batchSize', `Maximum batch size must be between ${batchSizeMin} and ${limits.batchSizeMax} inclusive`));
	}
	const age = input.maximumRecordAgeInSeconds;
	if (limits.errorHandling && age !== undefined && age !== -1 && age < maximumRecordAgeFiniteMin) {
		problems.push(
			parameter(
				'maximumRecordAgeInSeconds',
				`MaximumRecordAgeInSeconds must be -1 (infinite) or between ${maximumRecordAgeFiniteMin} and ${maximumRecordAgeMax}.`,
			),
		);
	}
	if (limits.errorHandling && input.onFailureDestination !== undefined && input.onFailureDestination !== '') {
		problems.push(...onFailureProblems(kind, input.onFailureDestination));
	}
	const filters = input.filters ?? [];
	if (filters.length > filtersMax) {
		problems.push(parameter('filterCriteria', `The filter criteria can have at most ${filtersMax} filters; this one has ${filters.length}.`));
	}
	if (filters.some((pattern) => !isFilterPattern(pattern))) problems.push(parameter('filterCriteria', 'Invalid filter pattern definition.'));
	return problems;
}

/**
 * SourceAccessConfigurations and DocumentDBEventSourceConfig: which types
 * the kind takes, at most one way to authenticate, a secret's ARN where a
 * type names a secret; Amazon MQ and DocumentDB need BASIC_AUTH, DocumentDB
 * a database; a VPC needs both subnets and security groups.
 */
function accessProblems(kind: SourceKind, input: MappingInput): Problem[] {
	const problems: Problem[] = [];
	const access = input.sourceAccessConfigurations ?? [];
	const allowed = sourceAccessTypesOf[kind];
	const label = sourceLimits[kind].label;
	if (access.length > 0 && allowed.length === 0) problems.push(unsupported('SourceAccessConfigurations'));
	if (input.documentDb !== undefined && kind !== 'docdb') problems.push(unsupported('DocumentDBEventSourceConfig'));
	if (problems.length > 0) return problems;
	const refused = access.find((entry) => !(allowed as readonly string[]).includes(entry.type));
	if (refused !== undefined) {
		return [parameter('sourceAccessConfigurations', `Unsupported source access configuration type ${refused.type} for ${label}: use ${allowed.join(', ')}.`)];
	}
	const types = access.map((entry) => entry.type);
	const repeated = types.find((type, index) => type !== 'VPC_SUBNET' && type !== 'VPC_SECURITY_GROUP' && types.indexOf(type) !== index);
	if (repeated !== undefined) return [parameter('sourceAccessConfigurations', `Duplicate source access configuration type ${repeated}: give it once.`)];
	const authentications = types.filter((type) => (authenticationTypes as readonly string[]).includes(type));
	if (authentications.length > 1) {
		return [parameter('sourceAccessConfigurations', `Only one authentication type may be given: ${authentications.join(', ')} were.`)];
	}
	for (const entry of access) {
		const uri = entry.uri ?? '';
		if ((secretAccessTypes as readonly string[]).includes(entry.type) && !isSecretArn(uri)) {
			return [parameter('sourceAccessConfigurations', `The URI of ${entry.type} must be the ARN of a Secrets Manager secret (${secretArnExample}): '${uri}' is not one.`)];
		}
		if (entry.type === 'VPC_SUBNET' && !/^subnet:subnet-[0-9a-z]+$/.test(uri)) {
			return [parameter('sourceAccessConfigurations', `The URI of VPC_SUBNET must be subnet:<subnet-id>: '${uri}' is not one.`)];
		}
		if (entry.type === 'VPC_SECURITY_GROUP' && !/^security_group:sg-[0-9a-z]+$/.test(uri)) {
			return [parameter('sourceAccessConfigurations', `The URI of VPC_SECURITY_GROUP must be security_group:<security-group-id>: '${uri}' is not one.`)];
		}
		if (entry.type === 'IAM_AUTH' || entry.type === 'IAM_OAUTHBEARER_AUTH') {
			if (entry.uri !== undefined) return [parameter('sourceAccessConfigurations', `${entry.type} takes no URI.`)];
		} else if (entry.uri === undefined) {
			return [parameter('sourceAccessConfigurations', `${entry.type} needs a URI.`)];
		}
	}
	if (types.includes('VPC_SUBNET') !== types.includes('VPC_SECURITY_GROUP')) {
		return [parameter('sourceAccessConfigurations', 'A VPC needs both VPC_SUBNET and VPC_SECURITY_GROUP source access configurations.')];
	}
	if ((kind === 'mq' || kind === 'docdb') && !types.includes('BASIC_AUTH')) {
		return [
			parameter(
				'sourceAccessConfigurations',
				`${label} event source mappings require a BASIC_AUTH source access configuration whose URI is the ARN of the Secrets Manager secret with the credentials.`,
			),
		];
	}
	if (kind === 'docdb' && (input.documentDb?.databaseName ?? '') === '') {
		return [parameter('documentDBEventSourceConfig', "Required 'DocumentDBEventSourceConfig.DatabaseName' parameter is missing.")];
	}
	return problems;
}

/**
 * What UpdateEventSourceMapping refuses outright: a DocumentDB mapping's
 * database and collection (Lambda: "Invalid parameters: collectionName,
 * databaseName"), and a virtual host.
 */
export function updateOnlyProblems(input: MappingInput): Problem[] {
	const problems: Problem[] = [];
	const names = [
		input.documentDb?.collectionName === undefined ? undefined : 'collectionName',
		input.documentDb?.databaseName === undefined ? undefined : 'databaseName',
	].filter((name): name is string => name !== undefined);
	if (names.length > 0) problems.push(parameter('documentDBEventSourceConfig', `Invalid parameters: ${names.join(', ')}`));
	if ((input.sourceAccessConfigurations ?? []).some((entry) => entry.type === 'VIRTUAL_HOST')) {
		problems.push(parameter('sourceAccessConfigurations', 'VIRTUAL_HOST cannot be changed: it is set when the event source mapping is created.'));
	}
	return problems;
}

/** An OnFailure destination: an SQS queue, an SNS topic or an S3 bucket; for Kafka also a Kafka topic (kafka://topic). */
function onFailureProblems(kind: SourceKind, destination: string): Problem[] {
	if (destination.startsWith('kafka://')) {
		return kind === 'msk' || kind === 'kafka' ? [] : [invalidDestination(destination)];
	}
	const target = parseDestination(destination);
	if (target === undefined || !['sqs', 'sns', 's3'].includes(target.service)) return [invalidDestination(destination)];
	return [];
}

function invalidDestination(destination: string): Problem {
	return parameter(
		'destinationConfig',
		`The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination=${destination})) is invalid.`,
	);
}

/** Every problem of a mapping: the model's constraints, then Lambda's rules. Lambda answers with the constraints, else the first rule. */
export function problems(input: MappingInput, now: number = Date.now(), operation: 'create' | 'update' = 'create'): Problem[] {
	const constraints = constraintProblems(input, operation);
	return constraints.length > 0 ? constraints : ruleProblems(input, now);
}

/** What a person can set for a kind of source, in words: "Batch size 1-10000 (default 100)". */
export function describeLimits(kind: SourceKind, fifo = false): string[] {
	const limits = sourceLimits[kind];
	const lines = [`Batch size ${batchSizeMin}-${fifo ? fifoBatchSizeMax : limits.batchSizeMax} (default ${limits.batchSizeDefault})`];
	lines.push(fifo ? 'No batching window (FIFO queue)' : `Batching window ${batchingWindowMin}-${batchingWindowMax} s`);
	if (limits.startingPosition === 'required') {
		lines.push(`Starting position required: ${limits.atTimestamp ? 'LATEST, TRIM_HORIZON or AT_TIMESTAMP (with a timestamp)' : 'LATEST or TRIM_HORIZON'}`);
	}
	if (limits.errorHandling) {
		lines.push(`On-failure destination: SQS queue, SNS topic or S3 bucket${kind === 'msk' || kind === 'kafka' ? ', or kafka://topic' : ''}`);
		lines.push(`Retry attempts ${maximumRetryAttemptsMin}-${maximumRetryAttemptsMax} (-1: until the record expires)`);
		lines.push(`Maximum record age -1 or ${maximumRecordAgeFiniteMin}-${maximumRecordAgeMax} s`);
	}
	if (limits.shardSettings) {
		lines.push(`Parallelization factor ${parallelizationFactorMin}-${parallelizationFactorMax}`);
		lines.push(`Tumbling window ${tumblingWindowMin}-${tumblingWindowMax} s`);
	}
	lines.push(`Up to ${filtersMax} filters, each a JSON event pattern`);
	return lines;
}
