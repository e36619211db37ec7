// The event source mapping operations of the local Lambda: Create, Get,
// Update, Delete and List, kept in their own store (event-source-mapping-store.ts)
// and made durable before the answer, as Lambda answers them:
//
// - The model's constraints come first, all at once (ValidationException);
//   then Lambda's rules for the kind of source (domain/event-source-mapping.ts),
//   the first that fails (InvalidParameterValueException); then the function
//   (and the version or alias it names) must exist (ResourceNotFoundException);
//   a second mapping of the same source to the same function is a
//   ResourceConflictException naming the existing mapping's UUID.
// - Create, Update and Delete answer 202 with the mapping in a transitional
//   state (Creating; Updating, or Enabling/Disabling when Enabled changes;
//   Deleting), which ends after the service's transition delay: Enabled or
//   Disabled, or gone. The state is derived from the stored due time, so a
//   restarted server continues where it stopped. Update and Delete of a
//   mapping in a transitional state: ResourceInUseException.
// - Nothing polls a real queue or stream (the local Lambda has none):
//   LastProcessingResult stays "No records processed".
// - List: every mapping (or a function's, or an event source's), oldest
//   first, MaxItems 1-10000 with at most 100 a page and an opaque NextMarker.

import {randomUUID} from 'node:crypto';
import {
	constraintProblems,
	listMappingsMaxItems,
	listMappingsPageMax,
	mappingKindOf,
	ruleProblems,
	sourceLimits,
	updateOnlyProblems,
	type DocumentDbSettings,
	type MappingInput,
	type MappingSettings,
	type MappingState,
} from '../../domain/event-source-mapping.js';
import {checkTags, constraintProblem, parseFunctionReference, type Problem} from '../../domain/validate.js';
import type {EventSourceMappingRecord} from './event-source-mapping-store.js';
import {EventSourceMappingStore} from './event-source-mapping-store.js';
import {LambdaError, badContent, throwProblems} from './errors.js';
import {optionalBoolean, optionalInteger, optionalObject, optionalString, optionalStringList, optionalStringMap, parseJsonObject, type JsonObject} from './input.js';
import type {LambdaService, Reply} from './service.js';

const stores = new WeakMap<LambdaService, EventSourceMappingStore>();

/** The mappings of this local Lambda, loaded from its data directory the first time they are needed. */
function mappingsOf(service: LambdaService): EventSourceMappingStore {
	let store = stores.get(service);
	if (store === undefined) {
		store = EventSourceMappingStore.openSync(service.store.dataDir);
		stores.set(service, store);
	}
	return store;
}

const transitional: ReadonlySet<MappingState> = new Set(['Creating', 'Enabling', 'Disabling', 'Updating', 'Deleting']);

function notFound(): LambdaError {
	return new LambdaError('ResourceNotFoundException', 'The resource you requested does not exist.');
}

/**
 * The mapping as it stands at `now`: a transition that is due has ended
 * (Enabled or Disabled, LastModified its end), and a mapping whose deletion
 * ended is gone (its file is removed in the background).
 */
function view(store: EventSourceMappingStore, record: EventSourceMappingRecord, now: number): EventSourceMappingRecord | undefined {
	const due = record.transitionDueAt;
	if (due === undefined || now < due) return record;
	if (record.state === 'Deleting') {
		store.delete(record.uuid);
		store.persist(record.uuid).catch((error: unknown) => {
			process.stderr.write(`local Lambda: could not remove event source mapping ${record.uuid}: ${(error as Error).message}\n`);
		});
		return undefined;
	}
	const settled: EventSourceMappingRecord = {...record, state: record.enabled ? 'Enabled' : 'Disabled', lastModified: due};
	delete settled.transitionDueAt;
	return settled;
}

function find(service: LambdaService, uuid: string, now: number): EventSourceMappingRecord {
	const store = mappingsOf(service);
	const record = store.get(uuid);
	const current = record === undefined ? undefined : view(store, record, now);
	if (current === undefined) throw notFound();
	return current;
}

// ---- reading a request ---------------------------------------------------

function optionalNumber(object: JsonObject, key: string): number | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value)) throw badContent(`Cannot deserialize member '${key}': expected a timestamp`);
	return value;
}

function objectList(object: JsonObject, key: string): JsonObject[] | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'object' || entry === null || Array.isArray(entry))) {
		throw badContent(`Cannot deserialize member '${key}': expected a list of objects`);
	}
	return value as JsonObject[];
}

interface ParsedRequest {
	input: MappingInput;
	enabled?: boolean;
	tags?: Record<string, string>;
	/** DestinationConfig.OnFailure was given (without a destination: remove it). */
	onFailureGiven: boolean;
	/** FilterCriteria was given (without filters: remove them). */
	filtersGiven: boolean;
}

function readRequest(body: JsonObject, operation: 'create' | 'update'): ParsedRequest {
	const input: MappingInput = {};
	const functionName = optionalString(body, 'FunctionName');
	if (functionName !== undefined) input.functionName = functionName;
	const integers = [
		['BatchSize', 'batchSize'],
		['MaximumBatchingWindowInSeconds', 'maximumBatchingWindowInSeconds'],
		['ParallelizationFactor', 'parallelizationFactor'],
		['MaximumRecordAgeInSeconds', 'maximumRecordAgeInSeconds'],
		['MaximumRetryAttempts', 'maximumRetryAttempts'],
		['TumblingWindowInSeconds', 'tumblingWindowInSeconds'],
	] as const;
	for (const [key, member] of integers) {
		const value = optionalInteger(body, key);
		if (value !== undefined) input[member] = value;
	}
	const bisect = optionalBoolean(body, 'BisectBatchOnFunctionError');
	if (bisect !== undefined) input.bisectBatchOnFunctionError = bisect;
	const responseTypes = optionalStringList(body, 'FunctionResponseTypes');
	if (responseTypes !== undefined) input.functionResponseTypes = responseTypes;
	const scaling = optionalObject(body, 'ScalingConfig');
	const concurrency = scaling === undefined ? undefined : optionalInteger(scaling, 'MaximumConcurrency');
	if (concurrency !== undefined) input.maximumConcurrency = concurrency;
	const parsed: ParsedRequest = {input, onFailureGiven: false, filtersGiven: false};
	const enabled = optionalBoolean(body, 'Enabled');
	if (enabled !== undefined) parsed.enabled = enabled;
	const criteria = optionalObject(body, 'FilterCriteria');
	if (criteria !== undefined) {
		parsed.filtersGiven = true;
		input.filters = (objectList(criteria, 'Filters') ?? []).map((filter) => optionalString(filter, 'Pattern') ?? '');
	}
	const destinations = optionalObject(body, 'DestinationConfig');
	if (destinations !== undefined) {
		const onFailure = optionalObject(destinations, 'OnFailure');
		if (onFailure !== undefined) {
			parsed.onFailureGiven = true;
			input.onFailureDestination = optionalString(onFailure, 'Destination') ?? '';
		}
		const onSuccess = optionalObject(destinations, 'OnSuccess');
		if (onSuccess !== undefined) input.onSuccessDestination = optionalString(onSuccess, 'Destination') ?? '';
	}
	const access = objectList(body, 'SourceAccessConfigurations');
	if (access !== undefined) {
		input.sourceAccessConfigurations = access.map((entry) => {
			const uri = optionalString(entry, 'URI');
			return uri === undefined ? {type: optionalString(entry, 'Type') ?? ''} : {type: optionalString(entry, 'Type') ?? '', uri};
		});
	}
	const documentDb = optionalObject(body, 'DocumentDBEventSourceConfig');
	if (documentDb !== undefined) {
		const config: DocumentDbSettings = {};
		const database = optionalString(documentDb, 'DatabaseName');
		const collection = optionalString(documentDb, 'CollectionName');
		const fullDocument = optionalString(documentDb, 'FullDocument');
		if (database !== undefined) config.databaseName = database;
		if (collection !== undefined) config.collectionName = collection;
		if (fullDocument !== undefined) config.fullDocument = fullDocument;
		input.documentDb = config;
	}
	if (operation === 'create') {
		const arn = optionalString(body, 'EventSourceArn');
		if (arn !== undefined) input.eventSourceArn = arn;
		const position = optionalString(body, 'StartingPosition');
		if (position !== undefined) input.startingPosition = position;
		const timestamp = optionalNumber(body, 'StartingPositionTimestamp');
		if (timestamp !== undefined) input.startingPositionTimestamp = timestamp;
		const topics = optionalStringList(body, 'Topics');
		if (topics !== undefined) input.topics = topics;
		const queues = optionalStringList(body, 'Queues');
		if (queues !== undefined) input.queues = queues;
		const selfManaged = optionalObject(body, 'SelfManagedEventSource');
		if (selfManaged !== undefined) {
			const endpoints = optionalObject(selfManaged, 'Endpoints') ?? {};
			input.bootstrapServers = optionalStringList(endpoints, 'KAFKA_BOOTSTRAP_SERVERS') ?? [];
		}
		const tags = optionalStringMap(body, 'Tags');
		if (tags !== undefined) parsed.tags = tags;
	}
	return parsed;
}

// ---- the function --------------------------------------------------------

/** The ARN the mapping shows for the function a request names (with its version or alias); ResourceNotFoundException when it does not exist. */
function functionArnOf(service: LambdaService, reference: string): {arn: string; name: string} {
	const parsed = parseFunctionReference(reference);
	if (parsed === undefined) throw new LambdaError('ResourceNotFoundException', `Function not found: ${reference}`);
	const qualified = service.resolveQualified(reference);
	const arn = service.arn(qualified.record.name);
	return {arn: qualified.qualifier === undefined ? arn : `${arn}:${qualified.qualifier}`, name: qualified.record.name};
}

function functionNameOfArn(arn: string): string {
	return arn.split(':')[6] ?? arn;
}

function sameSource(left: EventSourceMappingRecord, right: {eventSourceArn?: string; bootstrapServers?: string[]; topics?: string[]}): boolean {
	if (left.eventSourceArn !== undefined || right.eventSourceArn !== undefined) {
		if (left.eventSourceArn !== right.eventSourceArn) return false;
	} else if (!(left.bootstrapServers ?? []).some((server) => (right.bootstrapServers ?? []).includes(server))) return false;
	if (left.kind === 'msk' || left.kind === 'kafka') return (left.settings.topics ?? []).some((topic) => (right.topics ?? []).includes(topic));
	return true;
}

function checkDuplicate(
	service: LambdaService,
	candidate: {uuid?: string; functionArn: string; kind: EventSourceMappingRecord['kind']; eventSourceArn?: string; bootstrapServers?: string[]; topics?: string[]},
	now: number,
): void {
	const store = mappingsOf(service);
	for (const stored of store.all()) {
		const existing = view(store, stored, now);
		if (existing === undefined || existing.uuid === candidate.uuid || existing.functionArn !== candidate.functionArn) continue;
		if (!sameSource(existing, candidate)) continue;
		const name = functionNameOfArn(candidate.functionArn);
		const suffix = `Please update or delete the existing mapping with UUID ${existing.uuid}`;
		if (existing.kind === 'sqs') {
			throw new LambdaError('ResourceConflictException', `An event source mapping with SQS arn (" ${existing.eventSourceArn ?? ''} ") and function (" ${name} ") already exists. ${suffix}`);
		}
		if (existing.kind === 'msk' || existing.kind === 'kafka') {
			const sources = existing.eventSourceArn ?? (candidate.bootstrapServers ?? []).join(',');
			throw new LambdaError(
				'ResourceConflictException',
				`An event source mapping with event source ("${sources}"), function ("${candidate.functionArn}"), topics ("${(candidate.topics ?? []).join(',')}") already exists. ${suffix}`,
			);
		}
		throw new LambdaError('ResourceConflictException', `The event source arn (" ${existing.eventSourceArn ?? ''} ") and function (" ${name} ") provided mapping already exists. ${suffix}`);
	}
}

// ---- shapes --------------------------------------------------------------

function shape(service: LambdaService, record: EventSourceMappingRecord): Record<string, unknown> {
	const limits = sourceLimits[record.kind];
	const settings = record.settings;
	const body: Record<string, unknown> = {UUID: record.uuid};
	if (limits.startingPosition === 'required' && settings.startingPosition !== undefined) {
		body['StartingPosition'] = settings.startingPosition;
		if (settings.startingPositionTimestamp !== undefined) body['StartingPositionTimestamp'] = settings.startingPositionTimestamp;
	}
	body['BatchSize'] = settings.batchSize ?? limits.batchSizeDefault;
	const window = settings.maximumBatchingWindowInSeconds ?? limits.batchingWindowDefault;
	if (window !== undefined) body['MaximumBatchingWindowInSeconds'] = window;
	if (limits.shardSettings) body['ParallelizationFactor'] = settings.parallelizationFactor ?? 1;
	if (record.eventSourceArn !== undefined) body['EventSourceArn'] = record.eventSourceArn;
	if (settings.filters !== undefined && settings.filters.length > 0) body['FilterCriteria'] = {Filters: settings.filters.map((pattern) => ({Pattern: pattern}))};
	body['FunctionArn'] = record.functionArn;
	body['LastModified'] = record.lastModified / 1000;
	if (record.kind !== 'sqs') body['LastProcessingResult'] = 'No records processed';
	body['State'] = record.state;
	body['StateTransitionReason'] = 'USER_INITIATED';
	if (limits.errorHandling) {
		body['DestinationConfig'] = {OnFailure: settings.onFailureDestination === undefined ? {} : {Destination: settings.onFailureDestination}};
	}
	if (settings.topics !== undefined) body['Topics'] = settings.topics;
	if (settings.queues !== undefined) body['Queues'] = settings.queues;
	if (record.sourceAccessConfigurations !== undefined && record.sourceAccessConfigurations.length > 0) {
		body['SourceAccessConfigurations'] = record.sourceAccessConfigurations.map((entry) => (entry.uri === undefined ? {Type: entry.type} : {Type: entry.type, URI: entry.uri}));
	}
	if (record.kind === 'docdb') {
		const documentDb = settings.documentDb ?? {};
		const config: Record<string, string> = {};
		if (documentDb.collectionName !== undefined) config['CollectionName'] = documentDb.collectionName;
		if (documentDb.databaseName !== undefined) config['DatabaseName'] = documentDb.databaseName;
		config['FullDocument'] = documentDb.fullDocument ?? 'Default';
		body['DocumentDBEventSourceConfig'] = config;
	}
	if (record.bootstrapServers !== undefined) body['SelfManagedEventSource'] = {Endpoints: {KAFKA_BOOTSTRAP_SERVERS: record.bootstrapServers}};
	if (limits.errorHandling) {
		body['MaximumRecordAgeInSeconds'] = settings.maximumRecordAgeInSeconds ?? -1;
		body['BisectBatchOnFunctionError'] = settings.bisectBatchOnFunctionError ?? false;
		body['MaximumRetryAttempts'] = settings.maximumRetryAttempts ?? -1;
	}
	if (limits.shardSettings) body['TumblingWindowInSeconds'] = settings.tumblingWindowInSeconds ?? 0;
	if (limits.functionResponseTypes) body['FunctionResponseTypes'] = settings.functionResponseTypes ?? [];
	if (settings.maximumConcurrency !== undefined) body['ScalingConfig'] = {MaximumConcurrency: settings.maximumConcurrency};
	body['EventSourceMappingArn'] = `arn:aws:lambda:${service.region}:${service.accountId}:event-source-mapping:${record.uuid}`;
	return body;
}

async function save(service: LambdaService, record: EventSourceMappingRecord, previous: EventSourceMappingRecord | undefined): Promise<void> {
	const store = mappingsOf(service);
	store.set(record);
	try {
		await store.persist(record.uuid);
	} catch (error) {
		if (previous === undefined) store.delete(record.uuid);
		else store.set(previous);
		await store.persist(record.uuid).catch(() => undefined);
		throw new LambdaError('ServiceException', `The local Lambda could not save the event source mapping: ${(error as Error).message}`);
	}
}

/** The settings a mapping keeps: the members the input gives. */
function settingsOf(input: MappingInput): MappingSettings {
	const settings: MappingSettings = {};
	const keys: (keyof MappingSettings)[] = [
		'batchSize',
		'maximumBatchingWindowInSeconds',
		'startingPosition',
		'startingPositionTimestamp',
		'filters',
		'onFailureDestination',
		'parallelizationFactor',
		'maximumRecordAgeInSeconds',
		'maximumRetryAttempts',
		'bisectBatchOnFunctionError',
		'tumblingWindowInSeconds',
		'functionResponseTypes',
		'topics',
		'queues',
		'maximumConcurrency',
		'documentDb',
	];
	for (const key of keys) {
		if (input[key] !== undefined) Object.assign(settings, {[key]: input[key]});
	}
	if (settings.onFailureDestination === '') delete settings.onFailureDestination;
	if (settings.filters !== undefined && settings.filters.length === 0) delete settings.filters;
	return settings;
}

// ---- operations ----------------------------------------------------------

/** CreateEventSourceMapping: 202, State Creating. */
export async function createEventSourceMapping(service: LambdaService, body: Buffer): Promise<Reply> {
	const request = readRequest(parseJsonObject(body), 'create');
	const input = request.input;
	const now = Date.now();
	throwProblems(constraintProblems(input, 'create'));
	throwProblems(ruleProblems(input, now));
	const kind = mappingKindOf(input);
	if (kind === undefined) throw new LambdaError('InvalidParameterValueException', 'Unrecognized event source.');
	const target = functionArnOf(service, input.functionName ?? '');
	if (request.tags !== undefined) throwProblems(checkTags(request.tags));
	checkDuplicate(service, {functionArn: target.arn, kind, ...sourceOf(input), ...(input.topics === undefined ? {} : {topics: input.topics})}, now);
	const enabled = request.enabled ?? true;
	const record: EventSourceMappingRecord = {
		format: 1,
		uuid: randomUUID(),
		kind,
		functionArn: target.arn,
		settings: settingsOf(input),
		enabled,
		state: 'Creating',
		transitionDueAt: now + service.transitionDelayMs,
		lastModified: now,
		createdAt: now,
		tags: request.tags ?? {},
	};
	if (input.eventSourceArn !== undefined) record.eventSourceArn = input.eventSourceArn;
	if (input.bootstrapServers !== undefined) record.bootstrapServers = input.bootstrapServers;
	if (input.sourceAccessConfigurations !== undefined) record.sourceAccessConfigurations = input.sourceAccessConfigurations;
	await save(service, record, undefined);
	return {status: 202, body: shape(service, record)};
}

function sourceOf(input: MappingInput): {eventSourceArn?: string; bootstrapServers?: string[]} {
	if (input.eventSourceArn !== undefined) return {eventSourceArn: input.eventSourceArn};
	return input.bootstrapServers === undefined ? {} : {bootstrapServers: input.bootstrapServers};
}

export function getEventSourceMapping(service: LambdaService, uuid: string): Reply {
	return {status: 200, body: shape(service, find(service, uuid, Date.now()))};
}

function inUse(action: 'update' | 'delete', record: EventSourceMappingRecord): LambdaError {
	return new LambdaError(
		'ResourceInUseException',
		`Cannot ${action} the event source mapping because it is in use. Its state is ${record.state}; try again once it is Enabled or Disabled.`,
	);
}

/** UpdateEventSourceMapping: changes the settings given; 202, State Updating (Enabling or Disabling when Enabled changes). */
export async function updateEventSourceMapping(service: LambdaService, uuid: string, body: Buffer): Promise<Reply> {
	const request = readRequest(parseJsonObject(body), 'update');
	const now = Date.now();
	throwProblems(constraintProblems(request.input, 'update'));
	throwProblems(updateOnlyProblems(request.input));
	const current = find(service, uuid, now);
	if (transitional.has(current.state)) throw inUse('update', current);
	const changes = settingsOf(request.input);
	const settings: MappingSettings = {...current.settings, ...changes};
	if (changes.documentDb !== undefined) settings.documentDb = {...current.settings.documentDb, ...changes.documentDb};
	const access = request.input.sourceAccessConfigurations ?? current.sourceAccessConfigurations;
	if (request.onFailureGiven && (request.input.onFailureDestination ?? '') === '') delete settings.onFailureDestination;
	if (request.filtersGiven && (request.input.filters ?? []).length === 0) delete settings.filters;
	const merged: MappingInput = {...settings, ...sourceOf({...current})};
	if (access !== undefined) merged.sourceAccessConfigurations = access;
	if (request.input.onSuccessDestination !== undefined) merged.onSuccessDestination = request.input.onSuccessDestination;
	// The starting position was checked when the mapping was created (and its timestamp is in the past for good).
	throwProblems(ruleProblems(merged, Number.POSITIVE_INFINITY));
	let functionArn = current.functionArn;
	if (request.input.functionName !== undefined) {
		functionArn = functionArnOf(service, request.input.functionName).arn;
		checkDuplicate(service, {uuid: current.uuid, functionArn, kind: current.kind, ...sourceOf({...current}), ...(settings.topics === undefined ? {} : {topics: settings.topics})}, now);
	}
	const enabled = request.enabled ?? current.enabled;
	const state: MappingState = enabled === current.enabled ? 'Updating' : enabled ? 'Enabling' : 'Disabling';
	const next: EventSourceMappingRecord = {...current, functionArn, settings, enabled, state, transitionDueAt: now + service.transitionDelayMs, lastModified: now};
	if (access !== undefined) next.sourceAccessConfigurations = access;
	await save(service, next, mappingsOf(service).get(uuid));
	return {status: 202, body: shape(service, next)};
}

/** DeleteEventSourceMapping: 202, State Deleting; gone after the transition delay. */
export async function deleteEventSourceMapping(service: LambdaService, uuid: string): Promise<Reply> {
	const now = Date.now();
	const current = find(service, uuid, now);
	if (transitional.has(current.state)) throw inUse('delete', current);
	const next: EventSourceMappingRecord = {...current, state: 'Deleting', transitionDueAt: now + service.transitionDelayMs};
	await save(service, next, mappingsOf(service).get(uuid));
	return {status: 202, body: shape(service, next)};
}

function encodeMarker(uuid: string): string {
	return Buffer.from(`esm1:${uuid}`, 'utf8').toString('base64url');
}

function decodeMarker(marker: string): string {
	const decoded = Buffer.from(marker, 'base64url').toString('utf8');
	if (!decoded.startsWith('esm1:') || decoded.length <= 'esm1:'.length) {
		throw new LambdaError('InvalidParameterValueException', 'Invalid Marker: pass the NextMarker of a previous ListEventSourceMappings response.');
	}
	return decoded.slice('esm1:'.length);
}

function pageSize(query: URLSearchParams): number {
	const text = query.get('MaxItems');
	if (text === null) return listMappingsPageMax;
	if (!/^-?\d+$/.test(text)) throw new LambdaError('InvalidRequestContentException', `Could not parse the query parameter MaxItems: '${text}' is not an integer`);
	const value = Number(text);
	const problems: Problem[] = [];
	if (value < 1) problems.push(constraintProblem('maxItems', value, 'Member must have value greater than or equal to 1'));
	if (value > listMappingsMaxItems) problems.push(constraintProblem('maxItems', value, `Member must have value less than or equal to ${listMappingsMaxItems}`));
	throwProblems(problems);
	return Math.min(value, listMappingsPageMax);
}

/** Whether a mapping is one of the function's: the exact ARN when the reference names a version or alias, else any of the function's. */
function ofFunction(service: LambdaService, record: EventSourceMappingRecord, reference: string): boolean {
	const parsed = parseFunctionReference(reference);
	if (parsed === undefined) return false;
	if (parsed.region !== undefined && parsed.region !== service.region) return false;
	if (parsed.accountId !== undefined && parsed.accountId !== service.accountId) return false;
	const arn = service.arn(parsed.name);
	if (parsed.qualifier !== undefined) return record.functionArn === `${arn}:${parsed.qualifier}`;
	return record.functionArn === arn || record.functionArn.startsWith(`${arn}:`);
}

/** ListEventSourceMappings: ?FunctionName=&EventSourceArn=&Marker=&MaxItems= */
export function listEventSourceMappings(service: LambdaService, query: URLSearchParams): Reply {
	const functionName = query.get('FunctionName') ?? undefined;
	const eventSourceArn = query.get('EventSourceArn') ?? undefined;
	const filterInput: MappingInput = {};
	if (functionName !== undefined && functionName !== '') filterInput.functionName = functionName;
	if (eventSourceArn !== undefined && eventSourceArn !== '') filterInput.eventSourceArn = eventSourceArn;
	throwProblems(constraintProblems(filterInput, 'update'));
	const size = pageSize(query);
	const now = Date.now();
	const store = mappingsOf(service);
	const mappings: EventSourceMappingRecord[] = [];
	for (const stored of store.all()) {
		const current = view(store, stored, now);
		if (current === undefined) continue;
		if (filterInput.functionName !== undefined && !ofFunction(service, current, filterInput.functionName)) continue;
		if (filterInput.eventSourceArn !== undefined && current.eventSourceArn !== filterInput.eventSourceArn) continue;
		mappings.push(current);
	}
	let start = 0;
	const marker = query.get('Marker');
	if (marker !== null && marker !== '') {
		const after = store.get(decodeMarker(marker));
		// The mappings created after the marker's; none when that one is gone since.
		start = after === undefined ? mappings.length : mappings.findIndex((mapping) => mapping.createdAt > after.createdAt || (mapping.createdAt === after.createdAt && mapping.uuid > after.uuid));
		if (start === -1) start = mappings.length;
	}
	const page = mappings.slice(start, start + size);
	const body: Record<string, unknown> = {EventSourceMappings: page.map((mapping) => shape(service, mapping))};
	const last = page[page.length - 1];
	if (start + size < mappings.length && last !== undefined) body['NextMarker'] = encodeMarker(last.uuid);
	return {status: 200, body};
}
