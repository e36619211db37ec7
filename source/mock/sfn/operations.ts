// The Step Functions operations of the local Lambda: state machines (create,
// describe, list, update, delete) and their tags, with the validation and the
// exceptions of the service model. State machines are kept, never run.

import {randomUUID} from 'node:crypto';
import {definitionProblem} from '../../domain/state-machine-definition.js';
import type {Clock} from '../clock.js';
import {invalidDefinition, invalidToken, resourceNotFound, SfnError, stateMachineAlreadyExists, stateMachineDoesNotExist} from './errors.js';
import {checkName, checkRoleArn, parseStateMachineArn, readEnum, readInteger, readString, readTags, type JsonObject, type Tag} from './input.js';
import {recordKey, stateMachineTypes, type StateMachineRecord, type StateMachineStore} from './state-machine-store.js';

export interface SfnContext {
	store: StateMachineStore;
	region: string;
	accountId: string;
	clock: Clock;
}

export type Operation = (input: JsonObject, context: SfnContext) => JsonObject | Promise<JsonObject>;

const arnRules = {required: true, min: 1, max: 256};
const definitionRules = {required: true, min: 1, max: 1_048_576, sensitive: true};
/** ListStateMachines' page when maxResults is absent or 0. */
const defaultPageSize = 100;
export const tagsPerResourceMax = 50;

const seconds = (epochMs: number): number => epochMs / 1000;

export function stateMachineArn(context: SfnContext, name: string): string {
	return `arn:aws:states:${context.region}:${context.accountId}:stateMachine:${name}`;
}

/** The state machine an ARN names in this region and account; undefined when there is none (a version or alias ARN included). */
function stateMachineAt(context: SfnContext, arn: string): StateMachineRecord | undefined {
	const parts = parseStateMachineArn(arn);
	if (parts.qualifier !== undefined || parts.region !== context.region || parts.accountId !== context.accountId) return undefined;
	return context.store.byName(parts.name);
}

/** The state machine an ARN names; StateMachineDoesNotExist when there is none. */
function findStateMachine(context: SfnContext, arn: string): StateMachineRecord {
	const record = stateMachineAt(context, arn);
	if (record === undefined) throw stateMachineDoesNotExist(arn);
	return record;
}

function checkDefinition(definition: string): void {
	const problem = definitionProblem(definition);
	if (problem !== undefined) throw invalidDefinition(problem);
}

function checkTagCount(tags: readonly Tag[], name: string): void {
	if (tags.length > tagsPerResourceMax) {
		throw new SfnError('TooManyTags', `Too many tags: ${name} would have ${tags.length}, and a resource may have at most ${tagsPerResourceMax}.`);
	}
}

/** `tags` with `added` put in: a key given again takes the new value. */
function mergeTags(tags: readonly Tag[], added: readonly Tag[]): Tag[] {
	const merged = new Map(tags.map((tag) => [tag.key, tag.value]));
	for (const tag of added) merged.set(tag.key, tag.value);
	return [...merged].map(([key, value]) => ({key, value}));
}

export async function createStateMachine(input: JsonObject, context: SfnContext): Promise<JsonObject> {
	const name = readString(input, 'name', {required: true, min: 1, max: 80}) ?? '';
	const definition = readString(input, 'definition', definitionRules) ?? '';
	const roleArn = readString(input, 'roleArn', arnRules) ?? '';
	const type = readEnum(input, 'type', stateMachineTypes) ?? 'STANDARD';
	const tags = readTags(input, 'tags') ?? [];
	checkName(name);
	checkRoleArn(roleArn);
	checkDefinition(definition);
	checkTagCount(mergeTags([], tags), name);
	const arn = stateMachineArn(context, name);
	const existing = context.store.byName(name);
	if (existing !== undefined) {
		// Idempotent: the same name, definition and type is the state machine already made (its role and tags stay as they were).
		if (existing.definition === definition && existing.type === type) return {stateMachineArn: existing.arn, creationDate: seconds(existing.creationDate)};
		throw stateMachineAlreadyExists(arn);
	}
	const record: StateMachineRecord = {
		format: 1,
		name,
		arn,
		type,
		definition,
		roleArn,
		creationDate: context.clock.now(),
		revisionId: randomUUID(),
		tags: mergeTags([], tags),
	};
	context.store.set(record);
	await context.store.persist(recordKey(record.name));
	return {stateMachineArn: arn, creationDate: seconds(record.creationDate)};
}

export function describeStateMachine(input: JsonObject, context: SfnContext): JsonObject {
	const record = findStateMachine(context, readString(input, 'stateMachineArn', arnRules) ?? '');
	return {
		stateMachineArn: record.arn,
		name: record.name,
		status: 'ACTIVE',
		definition: record.definition,
		roleArn: record.roleArn,
		type: record.type,
		creationDate: seconds(record.creationDate),
		loggingConfiguration: {level: 'OFF', includeExecutionData: false},
		tracingConfiguration: {enabled: false},
		revisionId: record.revisionId,
	};
}

/** The token of a page that starts after the state machine named `name`. */
function pageToken(name: string): string {
	return Buffer.from(JSON.stringify({after: name}), 'utf8').toString('base64');
}

function readPageToken(token: string): string {
	try {
		const value: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
		if (typeof value === 'object' && value !== null && typeof (value as {after?: unknown}).after === 'string') return (value as {after: string}).after;
	} catch {
		// Falls through to InvalidToken.
	}
	throw invalidToken(token);
}

export function listStateMachines(input: JsonObject, context: SfnContext): JsonObject {
	const maxResults = readInteger(input, 'maxResults', 0, 1000);
	const token = readString(input, 'nextToken', {min: 1, max: 1024});
	const pageSize = maxResults === undefined || maxResults === 0 ? defaultPageSize : maxResults;
	const all = context.store.sorted();
	const after = token === undefined ? undefined : readPageToken(token);
	const start = after === undefined ? 0 : all.findIndex((record) => record.name > after);
	const rest = start < 0 ? [] : all.slice(start);
	const page = rest.slice(0, pageSize);
	const last = page.at(-1);
	return {
		stateMachines: page.map((record) => ({stateMachineArn: record.arn, name: record.name, type: record.type, creationDate: seconds(record.creationDate)})),
		...(rest.length > pageSize && last !== undefined ? {nextToken: pageToken(last.name)} : {}),
	};
}

export async function updateStateMachine(input: JsonObject, context: SfnContext): Promise<JsonObject> {
	const arn = readString(input, 'stateMachineArn', arnRules) ?? '';
	const definition = readString(input, 'definition', {...definitionRules, required: false});
	const roleArn = readString(input, 'roleArn', {...arnRules, required: false});
	const configurations = ['loggingConfiguration', 'tracingConfiguration', 'encryptionConfiguration'].some((member) => input[member] !== undefined && input[member] !== null);
	if (definition === undefined && roleArn === undefined && !configurations) {
		throw new SfnError(
			'MissingRequiredParameter',
			'Either the definition, the role ARN, the LoggingConfiguration, the EncryptionConfiguration or the TracingConfiguration must be specified',
		);
	}
	if (roleArn !== undefined) checkRoleArn(roleArn);
	const record = findStateMachine(context, arn);
	if (definition !== undefined) checkDefinition(definition);
	const updated: StateMachineRecord = {
		...record,
		definition: definition ?? record.definition,
		roleArn: roleArn ?? record.roleArn,
		revisionId: randomUUID(),
	};
	context.store.set(updated);
	await context.store.persist(recordKey(updated.name));
	return {updateDate: seconds(context.clock.now()), revisionId: updated.revisionId};
}

/** Deleting a state machine that is not there succeeds, as in Step Functions. */
export async function deleteStateMachine(input: JsonObject, context: SfnContext): Promise<JsonObject> {
	const record = stateMachineAt(context, readString(input, 'stateMachineArn', arnRules) ?? '');
	if (record !== undefined) {
		const key = recordKey(record.name);
		context.store.delete(key);
		await context.store.persist(key);
	}
	return {};
}

/** The state machine a tagging operation names; ResourceNotFound when there is none. */
function taggedStateMachine(context: SfnContext, arn: string): StateMachineRecord {
	try {
		return findStateMachine(context, arn);
	} catch (error) {
		if (error instanceof SfnError && error.code === 'StateMachineDoesNotExist') throw resourceNotFound(arn);
		throw error;
	}
}

export async function tagResource(input: JsonObject, context: SfnContext): Promise<JsonObject> {
	const record = taggedStateMachine(context, readString(input, 'resourceArn', arnRules) ?? '');
	const tags = mergeTags(record.tags, readTags(input, 'tags') ?? []);
	checkTagCount(tags, record.name);
	context.store.set({...record, tags});
	await context.store.persist(recordKey(record.name));
	return {};
}

export async function untagResource(input: JsonObject, context: SfnContext): Promise<JsonObject> {
	const record = taggedStateMachine(context, readString(input, 'resourceArn', arnRules) ?? '');
	const keys = input['tagKeys'];
	if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) {
		throw new SfnError('ValidationException', "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
	}
	context.store.set({...record, tags: record.tags.filter((tag) => !keys.includes(tag.key))});
	await context.store.persist(recordKey(record.name));
	return {};
}

export function listTagsForResource(input: JsonObject, context: SfnContext): JsonObject {
	const record = taggedStateMachine(context, readString(input, 'resourceArn', arnRules) ?? '');
	return {tags: record.tags.map((tag) => ({key: tag.key, value: tag.value}))};
}

export const operations: Record<string, Operation> = {
	CreateStateMachine: createStateMachine,
	DescribeStateMachine: describeStateMachine,
	ListStateMachines: listStateMachines,
	UpdateStateMachine: updateStateMachine,
	DeleteStateMachine: deleteStateMachine,
	TagResource: tagResource,
	UntagResource: untagResource,
	ListTagsForResource: listTagsForResource,
};
