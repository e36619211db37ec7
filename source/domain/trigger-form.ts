// The console's "Add trigger" and "Edit trigger" forms, pure: which fields
// each source has (event source mappings and push sources), and reading what
// was typed into a request, with every problem named with its limit before
// anything is sent; the conflicts with the triggers there already.

import {parseDestination} from './async-config.js';
import {
	batchingWindowMax,
	batchingWindowMin,
	batchSizeMin,
	bootstrapServersMax,
	fifoBatchSizeMax,
	filterPatternMaxLength,
	filtersMax,
	isFifoQueue,
	isFilterPattern,
	problems as mappingProblems,
	sourceKindOf,
	sourceLimits,
	batchSizeWithoutWindowMax,
	collectionNameMaxLength,
	databaseNameMaxLength,
	isSecretArn,
	secretArnExample,
	type MappingInput,
	type SourceAccess,
	type SourceAccessType,
	type SourceKind,
	type StartingPosition,
} from './event-source-mapping.js';
import {checkPermissionForm, type PermissionRequest, type PermissionStatement} from './resource-policy.js';
import {parseSince} from './time-range.js';
import {mappingTrigger, pushServiceName, sourceNameOf, type TriggerMapping} from './triggers.js';

/** How a new mapping will be named in the list: "SQS orders". */
export function newMappingName(kind: SourceKind, request: Pick<MappingRequest, 'eventSourceArn' | 'bootstrapServers' | 'topic'>): string {
	const trigger = mappingTrigger({
		uuid: '',
		kind,
		eventSourceArn: request.eventSourceArn,
		bootstrapServers: request.bootstrapServers ?? [],
		state: '',
		enabled: undefined,
		topics: request.topic === undefined ? [] : [request.topic],
		queues: [],
		lastProcessingResult: undefined,
	});
	return `${trigger.service} ${trigger.name}`;
}

/** How a new push trigger will be named in the list: "S3 uploads". */
export function newPushName(request: Pick<PermissionRequest, 'principal' | 'sourceArn' | 'sourceAccount'>): string {
	const name = request.sourceArn !== undefined ? sourceNameOf(request.sourceArn) : request.sourceAccount !== undefined ? `account ${request.sourceAccount}` : 'any source';
	return `${pushServiceName(request.principal ?? '')} ${name}`;
}

// ---- the Add trigger form ---------------------------------------------------

export type PushSourceId = 's3' | 'sns' | 'events' | 'apigateway' | 'iot' | 'logs' | 'other';

export type TriggerSourceOption =
	| {origin: 'mapping'; id: SourceKind; label: string}
	| {origin: 'permission'; id: PushSourceId; label: string; principal: string | undefined; arnExample: string; arnService: string | undefined};

/** What "Add trigger" offers, in the console's order: the event source mappings, then the push sources. */
export const triggerSourceOptions: readonly TriggerSourceOption[] = [
	{origin: 'mapping', id: 'sqs', label: 'Amazon SQS'},
	{origin: 'mapping', id: 'kinesis', label: 'Amazon Kinesis'},
	{origin: 'mapping', id: 'dynamodb', label: 'Amazon DynamoDB Streams'},
	{origin: 'mapping', id: 'msk', label: 'Amazon MSK'},
	{origin: 'mapping', id: 'kafka', label: 'Self-managed Apache Kafka'},
	{origin: 'mapping', id: 'mq', label: 'Amazon MQ'},
	{origin: 'mapping', id: 'docdb', label: 'Amazon DocumentDB'},
	{origin: 'permission', id: 's3', label: 'Amazon S3 (push)', principal: 's3.amazonaws.com', arnExample: 'arn:aws:s3:::<bucket>', arnService: 's3'},
	{origin: 'permission', id: 'sns', label: 'Amazon SNS (push)', principal: 'sns.amazonaws.com', arnExample: 'arn:aws:sns:<region>:<account>:<topic>', arnService: 'sns'},
	{
		origin: 'permission',
		id: 'events',
		label: 'EventBridge rule (push)',
		principal: 'events.amazonaws.com',
		arnExample: 'arn:aws:events:<region>:<account>:rule/<rule>',
		arnService: 'events',
	},
	{
		origin: 'permission',
		id: 'apigateway',
		label: 'API Gateway (push)',
		principal: 'apigateway.amazonaws.com',
		arnExample: 'arn:aws:execute-api:<region>:<account>:<api-id>/*',
		arnService: 'execute-api',
	},
	{origin: 'permission', id: 'iot', label: 'AWS IoT rule (push)', principal: 'iot.amazonaws.com', arnExample: 'arn:aws:iot:<region>:<account>:rule/<rule>', arnService: 'iot'},
	{
		origin: 'permission',
		id: 'logs',
		label: 'CloudWatch Logs (push)',
		principal: 'logs.amazonaws.com',
		arnExample: 'arn:aws:logs:<region>:<account>:log-group:<name>:*',
		arnService: 'logs',
	},
	{origin: 'permission', id: 'other', label: 'Another service principal (push)', principal: undefined, arnExample: 'arn:aws:<service>:<region>:<account>:<resource>', arnService: undefined},
];

/** A field of a trigger form, in the shape the UI's Form takes. */
export interface TriggerField {
	id: string;
	label: string;
	value: string;
	hint: string;
	choices?: readonly string[];
}

const arnExamples: Readonly<Record<SourceKind, string>> = {
	sqs: 'arn:aws:sqs:<region>:<account>:<queue>',
	kinesis: 'arn:aws:kinesis:<region>:<account>:stream/<stream>',
	dynamodb: 'arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>',
	msk: 'arn:aws:kafka:<region>:<account>:cluster/<name>/<id>',
	kafka: '',
	mq: 'arn:aws:mq:<region>:<account>:broker:<name>:<id>',
	docdb: 'arn:aws:rds:<region>:<account>:cluster:<name>',
};

export const enabledChoices: readonly string[] = ['yes', 'no'];
/** The starting positions the form offers a source that takes no AT_TIMESTAMP (DynamoDB Streams). */
export const formStartingPositions: readonly StartingPosition[] = ['LATEST', 'TRIM_HORIZON'];

/** The starting positions the form offers a kind: AT_TIMESTAMP too for Kinesis, MSK, self-managed Kafka and DocumentDB (as Lambda allows). */
export function startingPositionChoices(kind: SourceKind): readonly StartingPosition[] {
	return sourceLimits[kind].atTimestamp ? ['LATEST', 'TRIM_HORIZON', 'AT_TIMESTAMP'] : formStartingPositions;
}

/** The authentication a self-managed Kafka form offers: none, or one with a Secrets Manager secret. */
export const kafkaAuthChoices: readonly string[] = ['none', 'BASIC_AUTH', 'SASL_SCRAM_256_AUTH', 'SASL_SCRAM_512_AUTH'];

/** The most fields a form holds in an 80x24 terminal (each takes two rows, with a title, a footer and a border). */
export const formFieldsMax = 8;
/** The optional fields an add form leaves out, in this order, when it would hold more than formFieldsMax; the edit form (e) sets them. */
const fieldsLeftOut: readonly string[] = ['window', 'filter', 'onFailure'];

const timestampHint = 'with AT_TIMESTAMP: 2h ago, or 2026-05-01 08:00 (UTC)';

function batchHint(kind: SourceKind): string {
	const limits = sourceLimits[kind];
	return `1-${limits.batchSizeMax}, empty: default ${limits.batchSizeDefault}${kind === 'sqs' ? ` (FIFO: 1-${fifoBatchSizeMax})` : ''}`;
}

function windowHint(kind: SourceKind): string {
	const fallback = sourceLimits[kind].batchingWindowDefault;
	return `${batchingWindowMin}-${batchingWindowMax} seconds, empty: ${fallback === undefined ? '0.5 s' : `${fallback} s`}`;
}

const filterHint = `optional JSON pattern, or [p1, p2] (up to ${filtersMax})`;

function onFailureHint(kind: SourceKind): string {
	return `optional: SQS, SNS or S3 ARN${kind === 'msk' || kind === 'kafka' ? ', or kafka://topic' : ''}`;
}

/** The fields of the add form for a source of an event source mapping. */
export function mappingFormFields(kind: SourceKind): TriggerField[] {
	const limits = sourceLimits[kind];
	const fields: TriggerField[] = [];
	if (kind === 'kafka') {
		fields.push({id: 'servers', label: 'Bootstrap servers', value: '', hint: `host:port, up to ${bootstrapServersMax}, comma separated`});
	} else {
		fields.push({id: 'source', label: 'Source ARN', value: '', hint: arnExamples[kind]});
	}
	if (limits.topics) fields.push({id: 'topic', label: 'Topic', value: '', hint: 'the Kafka topic to read'});
	if (limits.queues) fields.push({id: 'queue', label: 'Queue', value: '', hint: 'the broker queue to read'});
	if (kind === 'docdb') {
		fields.push({id: 'database', label: 'Database', value: '', hint: `the database to read, up to ${databaseNameMaxLength} characters`});
		fields.push({id: 'collection', label: 'Collection', value: '', hint: 'optional: one collection; empty: all of them'});
	}
	if (kind === 'kafka') {
		fields.push({id: 'auth', label: 'Authentication', value: 'none', hint: '←/→: none, BASIC_AUTH (SASL/PLAIN) or SASL/SCRAM', choices: kafkaAuthChoices});
		fields.push({id: 'secret', label: 'Secret ARN', value: '', hint: `optional: ${secretArnExample}`});
	}
	if (kind === 'mq' || kind === 'docdb') fields.push({id: 'secret', label: 'Secret ARN', value: '', hint: `BASIC_AUTH: ${secretArnExample}`});
	fields.push({id: 'batchSize', label: 'Batch size', value: '', hint: batchHint(kind)});
	fields.push({id: 'window', label: 'Batching window', value: '', hint: windowHint(kind)});
	if (limits.startingPosition === 'required') {
		const choices = startingPositionChoices(kind);
		fields.push({id: 'startingPosition', label: 'Starting position', value: 'LATEST', hint: `←/→: ${choices.join(', ')}`, choices});
		if (limits.atTimestamp) fields.push({id: 'timestamp', label: 'Timestamp', value: '', hint: timestampHint});
	}
	fields.push({id: 'filter', label: 'Filter pattern', value: '', hint: filterHint});
	if (limits.errorHandling) fields.push({id: 'onFailure', label: 'On-failure dest.', value: '', hint: onFailureHint(kind)});
	fields.push({id: 'enabled', label: 'Enabled', value: 'yes', hint: '←/→: start reading at once, or not', choices: enabledChoices});
	let shown = fields;
	for (const id of fieldsLeftOut) {
		if (shown.length <= formFieldsMax) break;
		shown = shown.filter((field) => field.id !== id);
	}
	return shown;
}

/** The statement ID the console gives a push trigger's permission: lambda- and a UUID. */
export function generatedStatementId(uuid: string): string {
	return `lambda-${uuid}`;
}

/** The fields of the add form for a push source. */
export function pushFormFields(option: Extract<TriggerSourceOption, {origin: 'permission'}>, statementId: string): TriggerField[] {
	const fields: TriggerField[] = [];
	if (option.principal === undefined) fields.push({id: 'principal', label: 'Principal', value: '', hint: 'the service, like states.amazonaws.com'});
	fields.push({id: 'sourceArn', label: 'Source ARN', value: '', hint: option.principal === undefined ? `optional: ${option.arnExample}` : option.arnExample});
	fields.push({id: 'sourceAccount', label: 'Source account', value: '', hint: 'optional: the 12-digit account that owns it'});
	fields.push({id: 'sid', label: 'Statement ID', value: statementId, hint: 'letters, digits, - and _, up to 100'});
	return fields;
}

/** A new event source mapping as the form gives it (aws/event-source-mappings.ts's NewMapping has these members). */
export interface MappingRequest {
	functionName: string;
	eventSourceArn?: string;
	bootstrapServers?: string[];
	enabled?: boolean;
	batchSize?: number;
	batchingWindowSeconds?: number;
	startingPosition?: StartingPosition;
	/** With AT_TIMESTAMP: where to start, to the second. */
	startingPositionTimestamp?: Date;
	filters?: string[];
	onFailureDestination?: string;
	topic?: string;
	queue?: string;
	/** BASIC_AUTH (Amazon MQ, DocumentDB) or the Kafka authentication chosen, with the secret's ARN. */
	sourceAccessConfigurations?: SourceAccess<SourceAccessType>[];
	/** DocumentDB: the database and collection to read. */
	documentDb?: {databaseName: string; collectionName?: string};
}

export interface FormReading<T> {
	/** The request; only to be sent when there are no problems. */
	request: T;
	/** Each says what is wrong and what is allowed. */
	problems: string[];
}

/** A whole number typed into a field: undefined when empty, NaN when not a whole number. */
function wholeNumber(text: string): number | undefined {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A filter field: one JSON pattern, or a JSON list of them; empty: no filters. */
export function parseFilters(text: string): {filters: string[]; problem: string | undefined} {
	const trimmed = text.trim();
	if (trimmed === '') return {filters: [], problem: undefined};
	const example = 'write a JSON event pattern like {"body": {"type": ["order"]}}';
	let patterns: string[];
	if (trimmed.startsWith('[')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(trimmed);
		} catch {
			return {filters: [], problem: `The filters are not a JSON list of patterns: ${example}, or several as [p1, p2].`};
		}
		if (!Array.isArray(parsed)) return {filters: [], problem: `The filters are not a JSON list of patterns: ${example}.`};
		patterns = parsed.map((item) => JSON.stringify(item));
	} else {
		patterns = [trimmed];
	}
	if (patterns.length > filtersMax) return {filters: patterns, problem: `At most ${filtersMax} filters per trigger: this has ${patterns.length}.`};
	const long = patterns.find((pattern) => pattern.length > filterPatternMaxLength);
	if (long !== undefined) return {filters: patterns, problem: `A filter pattern is at most ${filterPatternMaxLength} characters: this one has ${long.length}.`};
	const bad = patterns.find((pattern) => !isFilterPattern(pattern));
	if (bad !== undefined) return {filters: patterns, problem: `${bad} is not a filter pattern: ${example}.`};
	return {filters: patterns, problem: undefined};
}

/** The filter field's text for a mapping's filters (one pattern, or a JSON list of several). */
export function filtersText(filters: readonly string[]): string {
	if (filters.length === 0) return '';
	if (filters.length === 1) return filters[0] ?? '';
	return `[${filters.join(', ')}]`;
}

interface BatchSettings {
	kind: SourceKind;
	fifo: boolean;
	batchSizeText: string;
	windowText: string;
}

/** The batch size and window typed, with what is wrong with them named with their limits. */
function readBatch({kind, fifo, batchSizeText, windowText}: BatchSettings): {batchSize: number | undefined; window: number | undefined; problems: string[]} {
	const limits = sourceLimits[kind];
	const max = fifo ? fifoBatchSizeMax : limits.batchSizeMax;
	const where = `${limits.label}${fifo ? ' FIFO queues' : ''}`;
	const problems: string[] = [];
	const batchSize = wholeNumber(batchSizeText);
	if (batchSize !== undefined) {
		if (Number.isNaN(batchSize)) problems.push(`Batch size is a whole number from ${batchSizeMin} to ${max} for ${where}: '${batchSizeText.trim()}' is not one.`);
		else if (batchSize > max) problems.push(`Batch size ${batchSize} is over the limit of ${max} for ${where}: use ${batchSizeMin} to ${max} (default ${limits.batchSizeDefault}).`);
		else if (batchSize < batchSizeMin) problems.push(`Batch size is at least ${batchSizeMin}: use ${batchSizeMin} to ${max} (default ${limits.batchSizeDefault}).`);
	}
	const window = wholeNumber(windowText);
	if (window !== undefined) {
		if (Number.isNaN(window)) problems.push(`Batching window is a whole number of seconds from ${batchingWindowMin} to ${batchingWindowMax}: '${windowText.trim()}' is not one.`);
		else if (window > batchingWindowMax || window < batchingWindowMin) {
			problems.push(`Batching window ${window} s is outside the limit: use ${batchingWindowMin} to ${batchingWindowMax} seconds.`);
		} else if (fifo && window > 0) problems.push('FIFO queues take no batching window: leave it empty or 0.');
	}
	const size = batchSize ?? limits.batchSizeDefault;
	if (problems.length === 0 && kind === 'sqs' && !fifo && size > batchSizeWithoutWindowMax && (window ?? 0) === 0) {
		problems.push(`A batch size over ${batchSizeWithoutWindowMax} needs a batching window of at least 1 second for ${limits.label}: set one from 1 to ${batchingWindowMax}.`);
	}
	return {batchSize: Number.isNaN(batchSize) ? undefined : batchSize, window: Number.isNaN(window) ? undefined : window, problems};
}

function onFailureProblem(kind: SourceKind, destination: string): string | undefined {
	const kafka = kind === 'msk' || kind === 'kafka';
	if (kafka && /^kafka:\/\/[^.][a-zA-Z0-9\-_.]{0,248}$/.test(destination)) return undefined;
	const target = parseDestination(destination);
	if (target !== undefined && ['sqs', 'sns', 's3'].includes(target.service)) return undefined;
	return `'${destination}' is not an on-failure destination: give an SQS queue, SNS topic or S3 bucket ARN${kafka ? ', or kafka://<topic>' : ''}.`;
}

/** The problems Lambda itself would find, in its words, once the form's own checks pass. */
function lambdaProblems(input: MappingInput, now: number, operation: 'create' | 'update'): string[] {
	return mappingProblems(input, now, operation).map((problem) => problem.message);
}

/**
 * The secret, authentication and DocumentDB database typed, into the
 * request: Amazon MQ and DocumentDB need BASIC_AUTH with a secret; Kafka
 * takes one authentication with its secret, or none.
 */
function readAccess(kind: SourceKind, value: (id: string) => string, request: MappingRequest): string[] {
	const problems: string[] = [];
	const label = sourceLimits[kind].label;
	if (kind === 'docdb') {
		const database = value('database');
		const collection = value('collection');
		if (database === '') problems.push(`Give the database to read: ${label} needs one (up to ${databaseNameMaxLength} characters, without spaces, /, ., $ or ").`);
		else if (database.length > databaseNameMaxLength || !/^[^ /.$"]+$/.test(database)) {
			problems.push(`'${database}' is not a database name: up to ${databaseNameMaxLength} characters, without spaces, /, ., $ or ".`);
		}
		if (collection !== '' && (collection.length > collectionNameMaxLength || !/^(?!system\.)[_a-zA-Z0-9][^$]*$/.test(collection))) {
			problems.push(`'${collection}' is not a collection name: up to ${collectionNameMaxLength} characters, starting with a letter, digit or _, without $, not system.*; or leave it empty for all.`);
		}
		request.documentDb = collection === '' ? {databaseName: database} : {databaseName: database, collectionName: collection};
	}
	if (kind !== 'mq' && kind !== 'docdb' && kind !== 'kafka') return problems;
	const secret = value('secret');
	const chosen = kind === 'kafka' ? value('auth') : 'BASIC_AUTH';
	const type = kafkaAuthChoices.includes(chosen) && chosen !== 'none' ? authType(chosen) : undefined;
	if (kind === 'kafka' && type === undefined) {
		if (chosen !== 'none' && chosen !== '') problems.push(`The authentication is ${kafkaAuthChoices.join(', ')}.`);
		else if (secret !== '') problems.push(`A secret is read only with an authentication: choose BASIC_AUTH, SASL_SCRAM_256_AUTH or SASL_SCRAM_512_AUTH, or clear the Secret ARN.`);
		return problems;
	}
	if (secret === '') {
		problems.push(
			kind === 'kafka'
				? `Give the Secret ARN for ${chosen}: ${secretArnExample}.`
				: `Give the Secret ARN of the credentials: ${label} needs BASIC_AUTH with a Secrets Manager secret, ${secretArnExample}.`,
		);
	} else if (!isSecretArn(secret)) {
		problems.push(`'${secret}' is not a Secret ARN: write ${secretArnExample}.`);
	}
	if (type !== undefined) request.sourceAccessConfigurations = [{type, uri: secret}];
	return problems;
}

function authType(choice: string): SourceAccessType | undefined {
	switch (choice) {
		case 'BASIC_AUTH':
		case 'SASL_SCRAM_256_AUTH':
		case 'SASL_SCRAM_512_AUTH':
			return choice;
		default:
			return undefined;
	}
}

/** The timestamp typed for AT_TIMESTAMP: required with it, refused without it, in the past, to the second. */
function readTimestamp(position: StartingPosition | undefined, text: string, now: number): {at?: Date; problem?: string} {
	const forms = '2h ago, 30m, 2026-05-01 08:00 (UTC) or 2026-05-01T08:00:00+02:00';
	if (position !== 'AT_TIMESTAMP') {
		return text === '' ? {} : {problem: 'A timestamp is read only with AT_TIMESTAMP: choose AT_TIMESTAMP as the starting position, or clear the timestamp.'};
	}
	if (text === '') return {problem: `AT_TIMESTAMP needs a timestamp: where to start reading, like ${forms}.`};
	if (text.includes('..') || /\s+to\s+/i.test(text)) return {problem: `The timestamp is one time, not a range: write it like ${forms}.`};
	const parsed = parseSince(text, new Date(now));
	if ('problem' in parsed) {
		return {problem: parsed.problem.includes('in the future') ? `Timestamp: ${parsed.problem}.` : `'${text}' is not a timestamp: write it like ${forms}.`};
	}
	return {at: new Date(Math.floor(parsed.start.getTime() / 1000) * 1000)};
}

/** Reads the add form of an event source mapping into a request, with every problem. `now`: epoch ms. */
export function readMappingForm(kind: SourceKind, values: Readonly<Record<string, string>>, functionName: string, now: number): FormReading<MappingRequest> {
	const limits = sourceLimits[kind];
	const value = (id: string): string => (values[id] ?? '').trim();
	const request: MappingRequest = {functionName};
	const problems: string[] = [];
	if (kind === 'kafka') {
		const servers = value('servers')
			.split(/[\s,]+/)
			.filter((server) => server !== '');
		if (servers.length === 0) problems.push(`Give the bootstrap servers: host:port, up to ${bootstrapServersMax}, separated by commas.`);
		else if (servers.length > bootstrapServersMax) problems.push(`At most ${bootstrapServersMax} bootstrap servers: this has ${servers.length}.`);
		else {
			const bad = servers.find((server) => !/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?:\d{1,5}$/.test(server));
			if (bad !== undefined) problems.push(`'${bad}' is not a bootstrap server: write host:port, like b-1.kafka.example.com:9092.`);
		}
		request.bootstrapServers = servers;
	} else {
		const arn = value('source');
		if (arn === '') problems.push(`Give the source ARN: ${arnExamples[kind]}.`);
		else if (sourceKindOf(arn) !== kind) problems.push(`'${arn}' is not an ${limits.label} ARN: write ${arnExamples[kind]}.`);
		request.eventSourceArn = arn;
	}
	if (limits.topics) {
		const topic = value('topic');
		if (topic === '') problems.push('Give the Kafka topic to read (letters, digits, ., _ and -, up to 249).');
		request.topic = topic;
	}
	if (limits.queues) {
		const queue = value('queue');
		if (queue === '') problems.push('Give the name of the broker queue to read (up to 1000 characters).');
		request.queue = queue;
	}
	const fifo = request.eventSourceArn !== undefined && isFifoQueue(request.eventSourceArn);
	const batch = readBatch({kind, fifo, batchSizeText: value('batchSize'), windowText: value('window')});
	problems.push(...batch.problems);
	if (batch.batchSize !== undefined) request.batchSize = batch.batchSize;
	if (batch.window !== undefined) request.batchingWindowSeconds = batch.window;
	problems.push(...readAccess(kind, value, request));
	if (limits.startingPosition === 'required') {
		const position = value('startingPosition');
		const choices = startingPositionChoices(kind);
		const known = choices.find((each) => each === position);
		const words = `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1] ?? ''}`;
		if (known === undefined) {
			problems.push(
				position === 'AT_TIMESTAMP'
					? `${limits.label} takes no AT_TIMESTAMP: the starting position is ${words}.`
					: `The starting position is ${words}.`,
			);
		} else {
			request.startingPosition = known;
			const timestamp = readTimestamp(known, value('timestamp'), now);
			if (timestamp.problem !== undefined) problems.push(timestamp.problem);
			if (timestamp.at !== undefined) request.startingPositionTimestamp = timestamp.at;
		}
	}
	const filters = parseFilters(values['filter'] ?? '');
	if (filters.problem !== undefined) problems.push(filters.problem);
	if (filters.filters.length > 0) request.filters = filters.filters;
	if (limits.errorHandling) {
		const destination = value('onFailure');
		if (destination !== '') {
			const problem = onFailureProblem(kind, destination);
			if (problem !== undefined) problems.push(problem);
			request.onFailureDestination = destination;
		}
	}
	const enabled = value('enabled');
	request.enabled = enabled !== 'no';
	if (problems.length > 0) return {request, problems};
	const input: MappingInput = {functionName};
	if (request.eventSourceArn !== undefined) input.eventSourceArn = request.eventSourceArn;
	if (request.bootstrapServers !== undefined) input.bootstrapServers = request.bootstrapServers;
	if (request.batchSize !== undefined) input.batchSize = request.batchSize;
	if (request.batchingWindowSeconds !== undefined) input.maximumBatchingWindowInSeconds = request.batchingWindowSeconds;
	if (request.startingPosition !== undefined) input.startingPosition = request.startingPosition;
	if (request.startingPositionTimestamp !== undefined) input.startingPositionTimestamp = request.startingPositionTimestamp.getTime() / 1000;
	if (request.sourceAccessConfigurations !== undefined) input.sourceAccessConfigurations = request.sourceAccessConfigurations;
	if (request.documentDb !== undefined) input.documentDb = request.documentDb;
	if (request.filters !== undefined) input.filters = request.filters;
	if (request.onFailureDestination !== undefined) input.onFailureDestination = request.onFailureDestination;
	if (request.topic !== undefined) input.topics = [request.topic];
	if (request.queue !== undefined) input.queues = [request.queue];
	return {request, problems: lambdaProblems(input, now, 'create')};
}

/** Reads the add form of a push trigger into an AddPermission request (action lambda:InvokeFunction), with every problem. */
export function readPushForm(option: Extract<TriggerSourceOption, {origin: 'permission'}>, values: Readonly<Record<string, string>>): FormReading<PermissionRequest> {
	const value = (id: string): string => (values[id] ?? '').trim();
	const principal = option.principal ?? value('principal');
	const request: PermissionRequest = {statementId: value('sid'), action: 'lambda:InvokeFunction', principal};
	const sourceArn = value('sourceArn');
	const sourceAccount = value('sourceAccount');
	if (sourceArn !== '') request.sourceArn = sourceArn;
	if (sourceAccount !== '') request.sourceAccount = sourceAccount;
	const problems: string[] = [];
	let principalProblem = false;
	if (option.principal === undefined && principal === '') {
		problems.push('Give the service principal that invokes, like states.amazonaws.com.');
		principalProblem = true;
	} else if (option.principal === undefined && !/\.(amazonaws\.com(\.cn)?|amazon\.com)$/.test(principal)) {
		problems.push(`'${principal}' is not a service principal: write the service's, like states.amazonaws.com (accounts and roles belong in Permissions).`);
		principalProblem = true;
	}
	if (option.arnService !== undefined) {
		if (sourceArn === '') problems.push(`Give the source ARN, so only that source may invoke: ${option.arnExample}.`);
		else if (sourceArn.split(':')[2] !== option.arnService) problems.push(`'${sourceArn}' is not an ARN of ${option.label.replace(' (push)', '')}: write ${option.arnExample}.`);
	}
	// The form check's own words about the principal would repeat the one above.
	const formProblems = checkPermissionForm(request).filter((problem) => !principalProblem || !(problem.includes('principal') || problem.startsWith('Say who')));
	return {request, problems: [...problems, ...formProblems]};
}

// ---- access, written out ------------------------------------------------------

/**
 * How a mapping reaches its source, as the detail shows it: 'Auth' (the
 * authentication and its secret's name), 'VPC' (subnets and security
 * groups), 'Virtual host'; and DocumentDB's 'Database' (with the collection,
 * or all of them, and FullDocument).
 */
export function accessLines(
	access: readonly SourceAccess[],
	documentDb: {databaseName: string | undefined; collectionName: string | undefined; fullDocument: string | undefined} | undefined,
): Array<[string, string]> {
	const lines: Array<[string, string]> = [];
	const secretName = (uri: string | undefined): string => {
		if (uri === undefined) return '';
		const at = uri.indexOf(':secret:');
		return at < 0 ? ` ${uri}` : ` (secret ${uri.slice(at + ':secret:'.length)})`;
	};
	const auth = access.filter((entry) => !['VPC_SUBNET', 'VPC_SECURITY_GROUP', 'VIRTUAL_HOST'].includes(entry.type));
	if (auth.length > 0) lines.push(['Auth', auth.map((entry) => `${entry.type}${secretName(entry.uri)}`).join(', ')]);
	const vpc = access.filter((entry) => entry.type === 'VPC_SUBNET' || entry.type === 'VPC_SECURITY_GROUP').map((entry) => (entry.uri ?? '').replace(/^(subnet|security_group):/, ''));
	if (vpc.length > 0) lines.push(['VPC', vpc.join(', ')]);
	const host = access.find((entry) => entry.type === 'VIRTUAL_HOST');
	if (host !== undefined) lines.push(['Virtual host', host.uri ?? '']);
	if (documentDb !== undefined) {
		const collection = documentDb.collectionName === undefined ? 'all collections' : `collection ${documentDb.collectionName}`;
		const full = documentDb.fullDocument === undefined ? '' : ` · ${documentDb.fullDocument}`;
		lines.push(['Database', `${documentDb.databaseName ?? '-'} · ${collection}${full}`]);
	}
	return lines;
}

// ---- conflicts ---------------------------------------------------------------

/** Another trigger of the function that reads the same source; a message naming it, or undefined. */
export function mappingConflict(existing: readonly TriggerMapping[], request: Pick<MappingRequest, 'eventSourceArn' | 'bootstrapServers' | 'topic'>): string | undefined {
	const same = existing.find((mapping) => {
		if (request.eventSourceArn !== undefined) return mapping.eventSourceArn === request.eventSourceArn;
		const servers = request.bootstrapServers ?? [];
		return (
			mapping.kind === 'kafka' &&
			mapping.bootstrapServers.some((server) => servers.includes(server)) &&
			(request.topic === undefined || mapping.topics.includes(request.topic))
		);
	});
	if (same === undefined) return undefined;
	return `This function already has a trigger from that source (${same.uuid}, ${same.state}): edit it with e, or delete it first.`;
}

/** A push trigger's statement ID that the policy already holds; a message, or undefined. */
export function statementConflict(statements: readonly PermissionStatement[], statementId: string): string | undefined {
	return statements.some((statement) => statement.sid === statementId)
		? `The statement ID ${statementId} is taken in the function's policy: choose another.`
		: undefined;
}

// ---- the Edit trigger form ---------------------------------------------------

/** What the edit form of a mapping reads (aws/event-source-mappings.ts's EventSourceMapping has them all). */
export interface EditableMapping extends TriggerMapping {
	batchSize: number | undefined;
	batchingWindowSeconds: number | undefined;
	startingPosition: string | undefined;
	startingPositionTimestamp: Date | undefined;
	filters: string[];
	onFailureDestination: string | undefined;
	/** How it reaches its source (BASIC_AUTH for Amazon MQ and DocumentDB ...): Lambda checks the mapping with it. */
	sourceAccess?: SourceAccess[];
	documentDb?: {databaseName: string | undefined; collectionName: string | undefined; fullDocument: string | undefined} | undefined;
}

/** The fields of a mapping's edit form, holding its settings. */
export function editFormFields(mapping: EditableMapping): TriggerField[] {
	const kind = mapping.kind ?? 'sqs';
	const limits = sourceLimits[kind];
	const fields: TriggerField[] = [
		{id: 'batchSize', label: 'Batch size', value: mapping.batchSize === undefined ? '' : String(mapping.batchSize), hint: batchHint(kind)},
		{id: 'window', label: 'Batching window', value: mapping.batchingWindowSeconds === undefined ? '' : String(mapping.batchingWindowSeconds), hint: windowHint(kind)},
		{id: 'filter', label: 'Filter pattern', value: filtersText(mapping.filters), hint: `JSON pattern or [p1, p2], up to ${filtersMax}; empty: none`},
	];
	if (limits.errorHandling) fields.push({id: 'onFailure', label: 'On-failure dest.', value: mapping.onFailureDestination ?? '', hint: `${onFailureHint(kind)}; empty: none`});
	return fields;
}

/** What an edit changes (aws/event-source-mappings.ts's MappingChanges has these members); only what differs from the mapping. */
export interface MappingEdit {
	batchSize?: number;
	batchingWindowSeconds?: number;
	filters?: string[];
	onFailureDestination?: string;
}

/** Reads a mapping's edit form into the changes to send, with every problem. `now`: epoch ms. */
export function readEditForm(mapping: EditableMapping, values: Readonly<Record<string, string>>, now: number): FormReading<MappingEdit> {
	const request: MappingEdit = {};
	if (mapping.kind === undefined) return {request, problems: ['This console does not know this kind of source: change it with the AWS CLI.']};
	const kind = mapping.kind;
	const limits = sourceLimits[kind];
	const fifo = mapping.eventSourceArn !== undefined && isFifoQueue(mapping.eventSourceArn);
	const batch = readBatch({kind, fifo, batchSizeText: values['batchSize'] ?? '', windowText: values['window'] ?? ''});
	const problems = [...batch.problems];
	if (batch.batchSize !== undefined && batch.batchSize !== mapping.batchSize) request.batchSize = batch.batchSize;
	if (batch.window !== undefined && batch.window !== mapping.batchingWindowSeconds) request.batchingWindowSeconds = batch.window;
	const filters = parseFilters(values['filter'] ?? '');
	if (filters.problem !== undefined) problems.push(filters.problem);
	if (JSON.stringify(filters.filters) !== JSON.stringify(mapping.filters)) request.filters = filters.filters;
	if (limits.errorHandling) {
		const destination = (values['onFailure'] ?? '').trim();
		if (destination !== '') {
			const problem = onFailureProblem(kind, destination);
			if (problem !== undefined) problems.push(problem);
		}
		if (destination !== (mapping.onFailureDestination ?? '')) request.onFailureDestination = destination;
	}
	if (problems.length > 0) return {request, problems};
	// Lambda checks the mapping as it would be: its source and starting position, with the new settings.
	const input: MappingInput = {filters: filters.filters};
	if (mapping.eventSourceArn !== undefined) input.eventSourceArn = mapping.eventSourceArn;
	else input.bootstrapServers = mapping.bootstrapServers;
	const batchSize = batch.batchSize ?? mapping.batchSize;
	const window = batch.window ?? mapping.batchingWindowSeconds;
	if (batchSize !== undefined) input.batchSize = batchSize;
	if (window !== undefined) input.maximumBatchingWindowInSeconds = window;
	if (mapping.startingPosition !== undefined) input.startingPosition = mapping.startingPosition;
	if (mapping.startingPositionTimestamp !== undefined) input.startingPositionTimestamp = Math.floor(mapping.startingPositionTimestamp.getTime() / 1000);
	if (limits.errorHandling && (values['onFailure'] ?? '').trim() !== '') input.onFailureDestination = (values['onFailure'] ?? '').trim();
	if (limits.topics) input.topics = mapping.topics;
	if (limits.queues) input.queues = mapping.queues;
	if (mapping.sourceAccess !== undefined && mapping.sourceAccess.length > 0) input.sourceAccessConfigurations = mapping.sourceAccess;
	if (mapping.documentDb?.databaseName !== undefined) input.documentDb = {databaseName: mapping.documentDb.databaseName};
	return {request, problems: lambdaProblems(input, now, 'update')};
}
