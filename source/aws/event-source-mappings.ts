// A function's event source mappings (its triggers from SQS, Kinesis,
// DynamoDB Streams, Amazon MSK, self-managed Kafka, Amazon MQ and
// DocumentDB): listed, created, changed and deleted through the Lambda API,
// and mapped to a small plain type. Create, Update and Delete answer at once
// with a transitional State (Creating, Updating, Enabling, Disabling,
// Deleting); Lambda finishes the change a moment later, so a caller that
// wants the outcome lists again.
import {
	CreateEventSourceMappingCommand,
	DeleteEventSourceMappingCommand,
	ListEventSourceMappingsCommand,
	UpdateEventSourceMappingCommand,
	type CreateEventSourceMappingCommandInput,
	type EventSourceMappingConfiguration,
	type EventSourcePosition,
	type FullDocument,
	type FunctionResponseType,
	type SourceAccessConfiguration,
	type UpdateEventSourceMappingCommandInput,
} from '@aws-sdk/client-lambda';
import {sourceKindOf, type SourceAccess, type SourceAccessType, type SourceKind} from '../domain/event-source-mapping.js';
import {cleanText} from '../domain/sanitize.js';
import type {Clients} from './clients.js';

export interface EventSourceMapping {
	uuid: string;
	/** Derived from the event source ARN; 'kafka' for a self-managed cluster; undefined for a source this console does not know. */
	kind: SourceKind | undefined;
	eventSourceArn: string | undefined;
	/** Self-managed Kafka's bootstrap servers (empty otherwise). */
	bootstrapServers: string[];
	/** The function's ARN, with the version or alias the mapping names, if any. */
	functionArn: string;
	/** Creating, Enabling, Enabled, Disabling, Disabled, Updating or Deleting. */
	state: string;
	stateTransitionReason: string | undefined;
	batchSize: number | undefined;
	/** undefined: Lambda's default (500 ms for Kafka, MQ and DocumentDB, which the API does not show). */
	batchingWindowSeconds: number | undefined;
	startingPosition: string | undefined;
	startingPositionTimestamp: Date | undefined;
	/** FilterCriteria patterns, as JSON text. */
	filters: string[];
	onFailureDestination: string | undefined;
	/** true when Enabled or Enabling, false when Disabled or Disabling; undefined while the state does not tell (Creating, Updating, Deleting). */
	enabled: boolean | undefined;
	topics: string[];
	queues: string[];
	parallelizationFactor: number | undefined;
	maximumRetryAttempts: number | undefined;
	maximumRecordAgeSeconds: number | undefined;
	bisectBatchOnFunctionError: boolean | undefined;
	tumblingWindowSeconds: number | undefined;
	reportBatchItemFailures: boolean;
	lastProcessingResult: string | undefined;
	lastModified: Date | undefined;
	/** SourceAccessConfigurations: how Lambda authenticates to the broker or cluster (BASIC_AUTH and a secret ...), and its VPC. */
	sourceAccess: SourceAccess[];
	/** DocumentDB's DocumentDBEventSourceConfig; undefined for other sources. */
	documentDb: {databaseName: string | undefined; collectionName: string | undefined; fullDocument: string | undefined} | undefined;
}

/** DocumentDBEventSourceConfig of a new mapping. */
export interface NewDocumentDbConfig {
	databaseName: string;
	collectionName?: string;
	fullDocument?: FullDocument;
}

/** What a new mapping is made of; undefined members take Lambda's defaults. */
export interface NewMapping {
	functionName: string;
	eventSourceArn?: string;
	/** Self-managed Kafka, instead of an ARN. */
	bootstrapServers?: string[];
	enabled?: boolean;
	batchSize?: number;
	batchingWindowSeconds?: number;
	startingPosition?: EventSourcePosition;
	startingPositionTimestamp?: Date;
	filters?: string[];
	onFailureDestination?: string;
	topic?: string;
	queue?: string;
	parallelizationFactor?: number;
	maximumRetryAttempts?: number;
	maximumRecordAgeSeconds?: number;
	bisectBatchOnFunctionError?: boolean;
	tumblingWindowSeconds?: number;
	reportBatchItemFailures?: boolean;
	/** Amazon MQ and DocumentDB: BASIC_AUTH with the secret's ARN (required); Kafka: its authentication and VPC. */
	sourceAccessConfigurations?: SourceAccess<SourceAccessType>[];
	/** DocumentDB: the database (required) and collection to read. */
	documentDb?: NewDocumentDbConfig;
}

/** What to change in a mapping; undefined members stay as they are. filters [] removes the filters, onFailureDestination '' the destination. */
export interface MappingChanges {
	functionName?: string;
	enabled?: boolean;
	batchSize?: number;
	batchingWindowSeconds?: number;
	filters?: string[];
	onFailureDestination?: string;
	parallelizationFactor?: number;
	maximumRetryAttempts?: number;
	maximumRecordAgeSeconds?: number;
	bisectBatchOnFunctionError?: boolean;
	tumblingWindowSeconds?: number;
	reportBatchItemFailures?: boolean;
}

type LambdaClients = Pick<Clients, 'lambda'>;

const enabledStates = new Set(['Enabled', 'Enabling']);
const disabledStates = new Set(['Disabled', 'Disabling']);

function clean(text: string | undefined): string | undefined {
	return text === undefined ? undefined : cleanText(text);
}

export function toMapping(output: EventSourceMappingConfiguration): EventSourceMapping {
	const arn = clean(output.EventSourceArn);
	const servers = (output.SelfManagedEventSource?.Endpoints?.['KAFKA_BOOTSTRAP_SERVERS'] ?? []).map(cleanText);
	const state = clean(output.State) ?? '';
	return {
		uuid: output.UUID ?? '',
		kind: arn === undefined ? (servers.length > 0 ? 'kafka' : undefined) : sourceKindOf(arn),
		eventSourceArn: arn,
		bootstrapServers: servers,
		functionArn: clean(output.FunctionArn) ?? '',
		state,
		stateTransitionReason: clean(output.StateTransitionReason),
		batchSize: output.BatchSize,
		batchingWindowSeconds: output.MaximumBatchingWindowInSeconds,
		startingPosition: output.StartingPosition,
		startingPositionTimestamp: output.StartingPositionTimestamp,
		filters: (output.FilterCriteria?.Filters ?? []).map((filter) => cleanText(filter.Pattern ?? '')),
		onFailureDestination: clean(output.DestinationConfig?.OnFailure?.Destination),
		enabled: enabledStates.has(state) ? true : disabledStates.has(state) ? false : undefined,
		topics: (output.Topics ?? []).map(cleanText),
		queues: (output.Queues ?? []).map(cleanText),
		parallelizationFactor: output.ParallelizationFactor,
		maximumRetryAttempts: output.MaximumRetryAttempts,
		maximumRecordAgeSeconds: output.MaximumRecordAgeInSeconds,
		bisectBatchOnFunctionError: output.BisectBatchOnFunctionError,
		tumblingWindowSeconds: output.TumblingWindowInSeconds,
		reportBatchItemFailures: (output.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
		lastProcessingResult: clean(output.LastProcessingResult),
		lastModified: output.LastModified,
		sourceAccess: (output.SourceAccessConfigurations ?? []).map((entry) => {
			const access: SourceAccess = {type: cleanText(entry.Type ?? '')};
			if (entry.URI !== undefined) access.uri = cleanText(entry.URI);
			return access;
		}),
		documentDb:
			output.DocumentDBEventSourceConfig === undefined
				? undefined
				: {
						databaseName: clean(output.DocumentDBEventSourceConfig.DatabaseName),
						collectionName: clean(output.DocumentDBEventSourceConfig.CollectionName),
						fullDocument: clean(output.DocumentDBEventSourceConfig.FullDocument),
					},
	};
}

function accessConfigurations(access: readonly SourceAccess<SourceAccessType>[]): SourceAccessConfiguration[] {
	return access.map((entry) => (entry.uri === undefined ? {Type: entry.type} : {Type: entry.type, URI: entry.uri}));
}

function responseTypes(report: boolean | undefined): FunctionResponseType[] | undefined {
	if (report === undefined) return undefined;
	return report ? ['ReportBatchItemFailures'] : [];
}

/** The function's mappings (every version and alias of it), oldest first, all pages. */
export async function listMappings(clients: LambdaClients, functionName: string, signal?: AbortSignal): Promise<EventSourceMapping[]> {
	const mappings: EventSourceMapping[] = [];
	let marker: string | undefined;
	do {
		const output = await clients.lambda.send(
			new ListEventSourceMappingsCommand({FunctionName: functionName, ...(marker === undefined ? {} : {Marker: marker})}),
			{abortSignal: signal},
		);
		for (const mapping of output.EventSourceMappings ?? []) mappings.push(toMapping(mapping));
		marker = output.NextMarker;
	} while (marker !== undefined && marker !== '');
	return mappings;
}

export async function createMapping(clients: LambdaClients, input: NewMapping): Promise<EventSourceMapping> {
	const request: CreateEventSourceMappingCommandInput = {FunctionName: input.functionName};
	if (input.eventSourceArn !== undefined) request.EventSourceArn = input.eventSourceArn;
	if (input.bootstrapServers !== undefined) request.SelfManagedEventSource = {Endpoints: {KAFKA_BOOTSTRAP_SERVERS: input.bootstrapServers}};
	if (input.enabled !== undefined) request.Enabled = input.enabled;
	if (input.batchSize !== undefined) request.BatchSize = input.batchSize;
	if (input.batchingWindowSeconds !== undefined) request.MaximumBatchingWindowInSeconds = input.batchingWindowSeconds;
	if (input.startingPosition !== undefined) request.StartingPosition = input.startingPosition;
	if (input.startingPositionTimestamp !== undefined) request.StartingPositionTimestamp = input.startingPositionTimestamp;
	if (input.filters !== undefined && input.filters.length > 0) request.FilterCriteria = {Filters: input.filters.map((pattern) => ({Pattern: pattern}))};
	if (input.onFailureDestination !== undefined && input.onFailureDestination !== '') {
		request.DestinationConfig = {OnFailure: {Destination: input.onFailureDestination}};
	}
	if (input.topic !== undefined) request.Topics = [input.topic];
	if (input.queue !== undefined) request.Queues = [input.queue];
	if (input.parallelizationFactor !== undefined) request.ParallelizationFactor = input.parallelizationFactor;
	if (input.maximumRetryAttempts !== undefined) request.MaximumRetryAttempts = input.maximumRetryAttempts;
	if (input.maximumRecordAgeSeconds !== undefined) request.MaximumRecordAgeInSeconds = input.maximumRecordAgeSeconds;
	if (input.bisectBatchOnFunctionError !== undefined) request.BisectBatchOnFunctionError = input.bisectBatchOnFunctionError;
	if (input.tumblingWindowSeconds !== undefined) request.TumblingWindowInSeconds = input.tumblingWindowSeconds;
	const types = responseTypes(input.reportBatchItemFailures);
	if (types !== undefined && types.length > 0) request.FunctionResponseTypes = types;
	if (input.sourceAccessConfigurations !== undefined && input.sourceAccessConfigurations.length > 0) {
		request.SourceAccessConfigurations = accessConfigurations(input.sourceAccessConfigurations);
	}
	if (input.documentDb !== undefined) {
		request.DocumentDBEventSourceConfig = {DatabaseName: input.documentDb.databaseName};
		if (input.documentDb.collectionName !== undefined) request.DocumentDBEventSourceConfig.CollectionName = input.documentDb.collectionName;
		if (input.documentDb.fullDocument !== undefined) request.DocumentDBEventSourceConfig.FullDocument = input.documentDb.fullDocument;
	}
	return toMapping(await clients.lambda.send(new CreateEventSourceMappingCommand(request)));
}

export async function updateMapping(clients: LambdaClients, uuid: string, changes: MappingChanges): Promise<EventSourceMapping> {
	const request: UpdateEventSourceMappingCommandInput = {UUID: uuid};
	if (changes.functionName !== undefined) request.FunctionName = changes.functionName;
	if (changes.enabled !== undefined) request.Enabled = changes.enabled;
	if (changes.batchSize !== undefined) request.BatchSize = changes.batchSize;
	if (changes.batchingWindowSeconds !== undefined) request.MaximumBatchingWindowInSeconds = changes.batchingWindowSeconds;
	if (changes.filters !== undefined) request.FilterCriteria = {Filters: changes.filters.map((pattern) => ({Pattern: pattern}))};
	if (changes.onFailureDestination !== undefined) {
		request.DestinationConfig = {OnFailure: changes.onFailureDestination === '' ? {} : {Destination: changes.onFailureDestination}};
	}
	if (changes.parallelizationFactor !== undefined) request.ParallelizationFactor = changes.parallelizationFactor;
	if (changes.maximumRetryAttempts !== undefined) request.MaximumRetryAttempts = changes.maximumRetryAttempts;
	if (changes.maximumRecordAgeSeconds !== undefined) request.MaximumRecordAgeInSeconds = changes.maximumRecordAgeSeconds;
	if (changes.bisectBatchOnFunctionError !== undefined) request.BisectBatchOnFunctionError = changes.bisectBatchOnFunctionError;
	if (changes.tumblingWindowSeconds !== undefined) request.TumblingWindowInSeconds = changes.tumblingWindowSeconds;
	const types = responseTypes(changes.reportBatchItemFailures);
	if (types !== undefined) request.FunctionResponseTypes = types;
	return toMapping(await clients.lambda.send(new UpdateEventSourceMappingCommand(request)));
}

/** Starts deleting the mapping: it answers in state Deleting and is gone a moment later. */
export async function deleteMapping(clients: LambdaClients, uuid: string): Promise<EventSourceMapping> {
	return toMapping(await clients.lambda.send(new DeleteEventSourceMappingCommand({UUID: uuid})));
}
