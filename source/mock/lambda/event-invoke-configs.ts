// The EventInvokeConfig operations of the local Lambda: Put (replaces),
// Update (merges), Get, Delete and List, for $LATEST, a version or an alias,
// kept in the function's record (FunctionRecord.eventInvokeConfigs) and made
// durable before the answer, as Lambda answers them:
//
// - An unqualified request means $LATEST: its FunctionArn ends in ":$LATEST",
//   and Qualifier=$LATEST names the same configuration.
// - A setting that was not given is left out of the answer (Lambda's default
//   applies: 2 retries, 6 hours); DestinationConfig always shows OnSuccess and
//   OnFailure, empty ({}) when not set. LastModified is epoch seconds.
// - Update changes only what it is given: MaximumRetryAttempts,
//   MaximumEventAgeInSeconds, and each of DestinationConfig.OnSuccess and
//   .OnFailure on its own ("" removes a destination).
// - The model's constraints come first, all at once (ValidationException);
//   then "You must specify at least one of error handling or destination
//   setting."; then the function, version or alias must exist ("The function
//   doesn't exist."); then the destinations: a kind asynchronous invocation does
//   not send to, or S3 on success ("The provided destination config ... is
//   invalid."), the function itself, and a Lambda function that does not exist
//   in this local Lambda ("The destination ARN ... is invalid.").
// - Get, Update and Delete of a configuration that does not exist:
//   ResourceNotFoundException "The function <ARN>:<qualifier> doesn't have an
//   EventInvokeConfig". A configuration whose version or alias was deleted
//   counts as gone.
// - List returns the function's configurations in the order they were first
//   put, MaxItems 1-50 a page (default 50), with an opaque NextMarker.

import {
	checkDestinationArn,
	checkDestinationConfig,
	checkEventInvokeQualifier,
	checkMaximumEventAge,
	checkMaximumRetryAttempts,
	effectiveAsyncSettings,
	listEventInvokeConfigsPageMax,
	parseDestination,
	type EffectiveAsyncSettings,
} from '../../domain/async-config.js';
import {constraintProblem as constraint, functionNameOrArnPattern, parseFunctionReference, type Problem} from '../../domain/validate.js';
import type {EventInvokeConfigRecord, FunctionRecord} from '../store/records.js';
import {LambdaError, throwProblems} from './errors.js';
import {optionalInteger, optionalObject, optionalString, parseJsonObject, type JsonObject} from './input.js';
import type {LambdaService, Reply} from './service.js';

/** What a request's FunctionName and Qualifier name. */
interface Target {
	name: string;
	/** "$LATEST" when the request names no qualifier. */
	qualifier: string;
	/** undefined: no such function in this local Lambda (or another region or account). */
	record: FunctionRecord | undefined;
	/** The function's ARN with the qualifier. */
	arn: string;
}

/** The settings a request's body carries; undefined members were not given. */
interface RequestedSettings {
	maximumRetryAttempts?: number;
	maximumEventAgeInSeconds?: number;
	/** DestinationConfig was given. */
	destinationGiven: boolean;
	/** Each destination: undefined when its member (OnSuccess, OnFailure) was not given; "" when it was given without a destination. */
	onSuccess?: string;
	onFailure?: string;
}


function referenceProblems(reference: string, qualifier: string | undefined): Problem[] {
	const problems: Problem[] = [];
	if (parseFunctionReference(reference) === undefined) {
		problems.push(constraint('functionName', reference, `Member must satisfy regular expression pattern: ${functionNameOrArnPattern}`));
	}
	if (qualifier !== undefined) problems.push(...checkEventInvokeQualifier(qualifier));
	return problems;
}

/** The target of a request whose reference and qualifier satisfy the model. */
function locate(service: LambdaService, reference: string, qualifierParameter: string | undefined): Target {
	const parsed = parseFunctionReference(reference);
	if (parsed === undefined) throw new LambdaError('ResourceNotFoundException', "The function doesn't exist.");
	const given = qualifierParameter === undefined || qualifierParameter === '' ? undefined : qualifierParameter;
	if (given !== undefined && parsed.qualifier !== undefined && given !== parsed.qualifier) {
		throw new LambdaError('InvalidParameterValueException', 'The derived qualifier from the function name does not match the specified qualifier.');
	}
	const qualifier = given ?? parsed.qualifier ?? '$LATEST';
	const elsewhere =
		(parsed.region !== undefined && parsed.region !== service.region) || (parsed.accountId !== undefined && parsed.accountId !== service.accountId);
	const record = elsewhere ? undefined : service.store.get(parsed.name);
	return {name: parsed.name, qualifier, record, arn: `${service.arn(parsed.name)}:${qualifier}`};
}

/** Whether $LATEST, a version or an alias of this name exists. */
export function qualifierExists(record: FunctionRecord, qualifier: string): boolean {
	if (qualifier === '$LATEST') return true;
	if (/^[0-9]+$/.test(qualifier)) return record.versions?.some((version) => version.version === qualifier) === true;
	return record.aliases?.some((alias) => alias.name === qualifier) === true;
}

/** The configuration of a qualifier, if it has one and the qualifier still exists. */
function findConfig(record: FunctionRecord | undefined, qualifier: string): EventInvokeConfigRecord | undefined {
	if (record === undefined || !qualifierExists(record, qualifier)) return undefined;
	return record.eventInvokeConfigs?.find((config) => config.qualifier === qualifier);
}

/** The settings an asynchronous invocation of this function and qualifier (undefined: unqualified) is handled with. */
export function eventInvokeSettings(record: FunctionRecord | undefined, qualifier: string | undefined): EffectiveAsyncSettings {
	return effectiveAsyncSettings(findConfig(record, qualifier ?? '$LATEST'));
}

function noConfig(target: Target): LambdaError {
	return new LambdaError('ResourceNotFoundException', `The function ${target.arn} doesn't have an EventInvokeConfig`);
}

function readDestination(config: JsonObject | undefined, key: 'OnSuccess' | 'OnFailure'): string | undefined {
	if (config === undefined) return undefined;
	const member = optionalObject(config, key);
	if (member === undefined) return undefined;
	return optionalString(member, 'Destination') ?? '';
}

function readSettings(body: JsonObject): RequestedSettings {
	const destination = optionalObject(body, 'DestinationConfig');
	const settings: RequestedSettings = {destinationGiven: destination !== undefined};
	const retries = optionalInteger(body, 'MaximumRetryAttempts');
	const age = optionalInteger(body, 'MaximumEventAgeInSeconds');
	const onSuccess = readDestination(destination, 'OnSuccess');
	const onFailure = readDestination(destination, 'OnFailure');
	if (retries !== undefined) settings.maximumRetryAttempts = retries;
	if (age !== undefined) settings.maximumEventAgeInSeconds = age;
	if (onSuccess !== undefined) settings.onSuccess = onSuccess;
	if (onFailure !== undefined) settings.onFailure = onFailure;
	return settings;
}

function settingsProblems(settings: RequestedSettings): Problem[] {
	return [
		...(settings.maximumRetryAttempts === undefined ? [] : checkMaximumRetryAttempts(settings.maximumRetryAttempts)),
		...(settings.maximumEventAgeInSeconds === undefined ? [] : checkMaximumEventAge(settings.maximumEventAgeInSeconds)),
		...(settings.onSuccess === undefined ? [] : checkDestinationArn(settings.onSuccess, 'destinationConfig.onSuccess.destination')),
		...(settings.onFailure === undefined ? [] : checkDestinationArn(settings.onFailure, 'destinationConfig.onFailure.destination')),
	];
}

/** Lambda's rules on destinations, then that a Lambda function destination exists here. */
function checkDestinations(service: LambdaService, functionName: string, onSuccess: string | undefined, onFailure: string | undefined): void {
	throwProblems(checkDestinationConfig(onSuccess, onFailure, functionName));
	for (const arn of [onFailure, onSuccess]) {
		if (arn === undefined || arn === '') continue;
		const target = parseDestination(arn);
		if (target?.service !== 'lambda') continue;
		const record = target.region === service.region && target.accountId === service.accountId ? service.store.get(target.name) : undefined;
		if (record === undefined || (target.qualifier !== undefined && !qualifierExists(record, target.qualifier))) {
			throw new LambdaError('InvalidParameterValueException', `The destination ARN ${arn} is invalid.`);
		}
	}
}

function shape(target: Target, config: EventInvokeConfigRecord): Record<string, unknown> {
	const body: Record<string, unknown> = {LastModified: config.lastModified / 1000, FunctionArn: target.arn};
	if (config.maximumRetryAttempts !== undefined) body['MaximumRetryAttempts'] = config.maximumRetryAttempts;
	if (config.maximumEventAgeInSeconds !== undefined) body['MaximumEventAgeInSeconds'] = config.maximumEventAgeInSeconds;
	body['DestinationConfig'] = {
		OnSuccess: config.onSuccess === undefined ? {} : {Destination: config.onSuccess},
		OnFailure: config.onFailure === undefined ? {} : {Destination: config.onFailure},
	};
	return body;
}

/** The record with this configuration stored: in place of the qualifier's old one, or added. */
async function store(service: LambdaService, record: FunctionRecord, config: EventInvokeConfigRecord): Promise<void> {
	const configs = record.eventInvokeConfigs ?? [];
	const index = configs.findIndex((entry) => entry.qualifier === config.qualifier);
	const next = index === -1 ? [...configs, config] : configs.map((entry, position) => (position === index ? config : entry));
	await service.save({...record, eventInvokeConfigs: next}, record);
}

function existingTarget(service: LambdaService, reference: string, qualifier: string | undefined): Target & {record: FunctionRecord} {
	const target = locate(service, reference, qualifier);
	const record = target.record;
	if (record === undefined || !qualifierExists(record, target.qualifier)) {
		throw new LambdaError('ResourceNotFoundException', "The function doesn't exist.");
	}
	return {...target, record};
}

function checkSomethingGiven(settings: RequestedSettings): void {
	if (settings.maximumRetryAttempts === undefined && settings.maximumEventAgeInSeconds === undefined && !settings.destinationGiven) {
		throw new LambdaError('InvalidParameterValueException', 'You must specify at least one of error handling or destination setting.');
	}
}

/** PutFunctionEventInvokeConfig: the qualifier's configuration becomes exactly what is given. */
export async function putEventInvokeConfig(service: LambdaService, reference: string, qualifier: string | undefined, body: Buffer): Promise<Reply> {
	const settings = readSettings(parseJsonObject(body));
	throwProblems([...referenceProblems(reference, qualifier), ...settingsProblems(settings)]);
	checkSomethingGiven(settings);
	const target = existingTarget(service, reference, qualifier);
	checkDestinations(service, target.name, settings.onSuccess, settings.onFailure);
	const config: EventInvokeConfigRecord = {qualifier: target.qualifier, lastModified: Date.now()};
	if (settings.maximumRetryAttempts !== undefined) config.maximumRetryAttempts = settings.maximumRetryAttempts;
	if (settings.maximumEventAgeInSeconds !== undefined) config.maximumEventAgeInSeconds = settings.maximumEventAgeInSeconds;
	if (settings.onSuccess !== undefined && settings.onSuccess !== '') config.onSuccess = settings.onSuccess;
	if (settings.onFailure !== undefined && settings.onFailure !== '') config.onFailure = settings.onFailure;
	await store(service, target.record, config);
	return {status: 200, body: shape(target, config)};
}

/** UpdateFunctionEventInvokeConfig: changes only the settings given, of a configuration that exists. */
export async function updateEventInvokeConfig(service: LambdaService, reference: string, qualifier: string | undefined, body: Buffer): Promise<Reply> {
	const settings = readSettings(parseJsonObject(body));
	throwProblems([...referenceProblems(reference, qualifier), ...settingsProblems(settings)]);
	checkSomethingGiven(settings);
	const target = existingTarget(service, reference, qualifier);
	const existing = findConfig(target.record, target.qualifier);
	if (existing === undefined) throw noConfig(target);
	const config: EventInvokeConfigRecord = {...existing, lastModified: Date.now()};
	if (settings.maximumRetryAttempts !== undefined) config.maximumRetryAttempts = settings.maximumRetryAttempts;
	if (settings.maximumEventAgeInSeconds !== undefined) config.maximumEventAgeInSeconds = settings.maximumEventAgeInSeconds;
	if (settings.onSuccess !== undefined) {
		if (settings.onSuccess === '') delete config.onSuccess;
		else config.onSuccess = settings.onSuccess;
	}
	if (settings.onFailure !== undefined) {
		if (settings.onFailure === '') delete config.onFailure;
		else config.onFailure = settings.onFailure;
	}
	checkDestinations(service, target.name, settings.onSuccess, settings.onFailure);
	await store(service, target.record, config);
	return {status: 200, body: shape(target, config)};
}

export function getEventInvokeConfig(service: LambdaService, reference: string, qualifier: string | undefined): Reply {
	throwProblems(referenceProblems(reference, qualifier));
	const target = locate(service, reference, qualifier);
	const config = findConfig(target.record, target.qualifier);
	if (config === undefined) throw noConfig(target);
	return {status: 200, body: shape(target, config)};
}

export async function deleteEventInvokeConfig(service: LambdaService, reference: string, qualifier: string | undefined): Promise<Reply> {
	throwProblems(referenceProblems(reference, qualifier));
	const target = locate(service, reference, qualifier);
	const record = target.record;
	const config = findConfig(record, target.qualifier);
	if (record === undefined || config === undefined) throw noConfig(target);
	await service.save({...record, eventInvokeConfigs: (record.eventInvokeConfigs ?? []).filter((entry) => entry !== config)}, record);
	return {status: 204};
}

function encodeMarker(qualifier: string): string {
	return Buffer.from(`eic1:${qualifier}`, 'utf8').toString('base64url');
}

function decodeMarker(marker: string): string {
	const decoded = Buffer.from(marker, 'base64url').toString('utf8');
	if (!decoded.startsWith('eic1:') || decoded.length <= 'eic1:'.length) {
		throw new LambdaError('InvalidParameterValueException', 'Invalid Marker: pass the NextMarker of a previous ListFunctionEventInvokeConfigs response.');
	}
	return decoded.slice('eic1:'.length);
}

function pageSize(query: URLSearchParams): number {
	const text = query.get('MaxItems');
	if (text === null) return listEventInvokeConfigsPageMax;
	if (!/^-?\d+$/.test(text)) throw new LambdaError('InvalidRequestContentException', `Could not parse the query parameter MaxItems: '${text}' is not an integer`);
	const value = Number(text);
	const problems: Problem[] = [];
	if (value < 1) problems.push(constraint('maxItems', value, 'Member must have value greater than or equal to 1'));
	if (value > listEventInvokeConfigsPageMax) {
		problems.push(constraint('maxItems', value, `Member must have value less than or equal to ${listEventInvokeConfigsPageMax}`));
	}
	throwProblems(problems);
	return value;
}

/** ListFunctionEventInvokeConfigs: every configuration of the function, a page at a time. */
export function listEventInvokeConfigs(service: LambdaService, reference: string, query: URLSearchParams): Reply {
	throwProblems(referenceProblems(reference, undefined));
	const size = pageSize(query);
	const target = locate(service, reference, undefined);
	const record = target.record;
	if (record === undefined) throw new LambdaError('ResourceNotFoundException', "The function doesn't exist.");
	const configs = (record.eventInvokeConfigs ?? []).filter((config) => qualifierExists(record, config.qualifier));
	let start = 0;
	const marker = query.get('Marker');
	if (marker !== null && marker !== '') {
		const after = decodeMarker(marker);
		const index = (record.eventInvokeConfigs ?? []).findIndex((config) => config.qualifier === after);
		// The configurations stored after the marker's; none when that one was deleted since.
		const remaining = index === -1 ? [] : (record.eventInvokeConfigs ?? []).slice(index + 1);
		start = configs.findIndex((config) => remaining.includes(config));
		if (start === -1) start = configs.length;
	}
	const page = configs.slice(start, start + size);
	const body: Record<string, unknown> = {
		FunctionEventInvokeConfigs: page.map((config) =>
			shape({name: record.name, qualifier: config.qualifier, record, arn: `${service.arn(record.name)}:${config.qualifier}`}, config),
		),
	};
	const last = page[page.length - 1];
	if (start + size < configs.length && last !== undefined) body['NextMarker'] = encodeMarker(last.qualifier);
	return {status: 200, body};
}
