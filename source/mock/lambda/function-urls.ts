// The function URL operations of the local Lambda: Create, Get, Update,
// Delete and List FunctionUrlConfig, for $LATEST (no Qualifier) or an alias,
// kept in the FunctionUrlStore and made durable before the answer, as Lambda
// answers them:
//
// - Qualifier is an alias: "$LATEST" and version numbers are a
//   ValidationException (the patterns Lambda names); a qualifier in the ARN
//   counts as given, and one that differs from Qualifier is refused.
// - The model's constraints come first, all at once (AuthType required on
//   create, AuthType and InvokeMode enums, Cors lists and MaxAge 0-86400);
//   then Lambda's rule on Cors.AllowMethods.
// - Create: "Function does not exist" (ResourceNotFoundException) for a
//   function or alias that is not there; a URL that exists already is a
//   ResourceConflictException "Failed to create function url config for
//   [functionArn = <ARN>]. Error message:  FunctionUrlConfig exists for this
//   Lambda function". 201, without LastModifiedTime.
// - Get and Delete of a URL that does not exist (or of a missing function):
//   ResourceNotFoundException "The resource you requested does not exist.".
// - Update changes what it is given (Cors is replaced as a whole); InvokeMode
//   defaults to BUFFERED on create.
// - List: every URL of the function, oldest first, MaxItems 1-10000 (at most
//   50 a page), with an opaque NextMarker.
// - A URL goes with its function (DeleteFunction) and its alias (DeleteAlias);
//   one whose function or alias is gone otherwise counts as gone.
//
// FunctionUrl is http://<url-id>.lambda-url.<region>.localhost:<port>/: the
// port is the one the API request reached (its Host header), so the URL works
// from where the caller stands; the server answers it by its Host header.

import {randomBytes} from 'node:crypto';
import {
	checkFunctionUrlAuthType,
	checkFunctionUrlCors,
	checkFunctionUrlInvokeMode,
	checkFunctionUrlQualifier,
	functionUrlHost,
	listFunctionUrlConfigsPageMax,
	type FunctionUrlAuthType,
	type FunctionUrlCors,
	type FunctionUrlInvokeMode,
} from '../../domain/function-url.js';
import {constraintProblem as constraint, functionNameOrArnPattern, parseFunctionReference, type Problem} from '../../domain/validate.js';
import type {FunctionRecord} from '../store/records.js';
import {LambdaError, throwProblems} from './errors.js';
import {FunctionUrlStore, type FunctionUrlRecord} from './function-url-store.js';
import {optionalBoolean, optionalInteger, optionalObject, optionalString, optionalStringList, parseJsonObject, type JsonObject} from './input.js';
import type {RequestHeaders} from './routes.js';
import type {LambdaService, Reply} from './service.js';

const stores = new WeakMap<LambdaService, FunctionUrlStore>();

/** The function URL store of this local Lambda, opened the first time it is needed. */
export function functionUrlsOf(service: LambdaService): FunctionUrlStore {
	let store = stores.get(service);
	if (store === undefined) {
		store = FunctionUrlStore.openSync(service.store.dataDir);
		stores.set(service, store);
	}
	return store;
}

const functionMissing = (): LambdaError => new LambdaError('ResourceNotFoundException', 'Function does not exist');
const resourceMissing = (): LambdaError => new LambdaError('ResourceNotFoundException', 'The resource you requested does not exist.');

/** What a request's FunctionName and Qualifier name. */
interface Target {
	name: string;
	/** An alias; undefined: $LATEST. */
	qualifier: string | undefined;
	/** undefined: no such function here (or in another region or account). */
	record: FunctionRecord | undefined;
	/** The function's ARN, with the alias when there is one. */
	arn: string;
}

function referenceProblems(reference: string): Problem[] {
	return parseFunctionReference(reference) === undefined
		? [constraint('functionName', reference, `Member must satisfy regular expression pattern: ${functionNameOrArnPattern}`)]
		: [];
}

/** The target of a request, with the model's checks of its name and qualifier (the caller throws them with its own). */
function locate(service: LambdaService, reference: string, qualifierParameter: string | undefined, problems: Problem[]): Target | undefined {
	problems.push(...referenceProblems(reference));
	const parsed = parseFunctionReference(reference);
	if (parsed === undefined) return undefined;
	const given = qualifierParameter === undefined || qualifierParameter === '' ? undefined : qualifierParameter;
	if (given !== undefined) problems.push(...checkFunctionUrlQualifier(given));
	else if (parsed.qualifier !== undefined) problems.push(...checkFunctionUrlQualifier(parsed.qualifier));
	const qualifier = given ?? parsed.qualifier;
	const elsewhere =
		(parsed.region !== undefined && parsed.region !== service.region) || (parsed.accountId !== undefined && parsed.accountId !== service.accountId);
	const record = elsewhere ? undefined : service.store.get(parsed.name);
	const target: Target = {name: parsed.name, qualifier, record, arn: `${service.arn(parsed.name)}${qualifier === undefined ? '' : `:${qualifier}`}`};
	if (given !== undefined && parsed.qualifier !== undefined && given !== parsed.qualifier && problems.length === 0) {
		throw new LambdaError('InvalidParameterValueException', 'The derived qualifier from the function name does not match the specified qualifier.');
	}
	return target;
}

function aliasExists(record: FunctionRecord, qualifier: string | undefined): boolean {
	return qualifier === undefined || record.aliases?.some((alias) => alias.name === qualifier) === true;
}

/** The URL of a target, if its function (and alias) still exist. */
function findUrl(service: LambdaService, target: Target): FunctionUrlRecord | undefined {
	if (target.record === undefined || !aliasExists(target.record, target.qualifier)) return undefined;
	return functionUrlsOf(service).find(target.name, target.qualifier);
}

/** The function (and alias) a URL invokes, if they still exist. */
export function urlTargetExists(service: LambdaService, url: FunctionUrlRecord): boolean {
	const record = service.store.get(url.functionName);
	return record !== undefined && aliasExists(record, url.qualifier);
}

/** The port of the Host header a request came with ("" when it names none). */
function portOf(headers: RequestHeaders): string {
	const host = headers['host'];
	const value = Array.isArray(host) ? host[0] : host;
	const match = /:(\d+)$/.exec(value ?? '');
	return match === null ? '' : `:${match[1] ?? ''}`;
}

export function functionUrlOf(service: LambdaService, url: FunctionUrlRecord, headers: RequestHeaders): string {
	return `http://${functionUrlHost(url.urlId, service.region, 'localhost')}${portOf(headers)}/`;
}

function corsShape(cors: FunctionUrlCors): Record<string, unknown> {
	const shape: Record<string, unknown> = {};
	if (cors.allowCredentials !== undefined) shape['AllowCredentials'] = cors.allowCredentials;
	if (cors.allowHeaders !== undefined) shape['AllowHeaders'] = cors.allowHeaders;
	if (cors.allowMethods !== undefined) shape['AllowMethods'] = cors.allowMethods;
	if (cors.allowOrigins !== undefined) shape['AllowOrigins'] = cors.allowOrigins;
	if (cors.exposeHeaders !== undefined) shape['ExposeHeaders'] = cors.exposeHeaders;
	if (cors.maxAge !== undefined) shape['MaxAge'] = cors.maxAge;
	return shape;
}

function shape(service: LambdaService, url: FunctionUrlRecord, headers: RequestHeaders, withLastModified = true): Record<string, unknown> {
	const body: Record<string, unknown> = {
		FunctionUrl: functionUrlOf(service, url, headers),
		FunctionArn: `${service.arn(url.functionName)}${url.qualifier === undefined ? '' : `:${url.qualifier}`}`,
		AuthType: url.authType,
	};
	if (url.cors !== undefined) body['Cors'] = corsShape(url.cors);
	body['CreationTime'] = url.creationTime;
	if (withLastModified) body['LastModifiedTime'] = url.lastModifiedTime;
	body['InvokeMode'] = url.invokeMode;
	return body;
}

interface RequestedSettings {
	authType?: string;
	invokeMode?: string;
	cors?: FunctionUrlCors;
}

function readCors(body: JsonObject): FunctionUrlCors | undefined {
	const cors = optionalObject(body, 'Cors');
	if (cors === undefined) return undefined;
	const result: FunctionUrlCors = {};
	const credentials = optionalBoolean(cors, 'AllowCredentials');
	const allowHeaders = optionalStringList(cors, 'AllowHeaders');
	const allowMethods = optionalStringList(cors, 'AllowMethods');
	const allowOrigins = optionalStringList(cors, 'AllowOrigins');
	const exposeHeaders = optionalStringList(cors, 'ExposeHeaders');
	const maxAge = optionalInteger(cors, 'MaxAge');
	if (credentials !== undefined) result.allowCredentials = credentials;
	if (allowHeaders !== undefined) result.allowHeaders = allowHeaders;
	if (allowMethods !== undefined) result.allowMethods = allowMethods;
	if (allowOrigins !== undefined) result.allowOrigins = allowOrigins;
	if (exposeHeaders !== undefined) result.exposeHeaders = exposeHeaders;
	if (maxAge !== undefined) result.maxAge = maxAge;
	return result;
}

function readSettings(body: Buffer): RequestedSettings {
	const object = body.length === 0 ? {} : parseJsonObject(body);
	const settings: RequestedSettings = {};
	const authType = optionalString(object, 'AuthType');
	const invokeMode = optionalString(object, 'InvokeMode');
	const cors = readCors(object);
	if (authType !== undefined) settings.authType = authType;
	if (invokeMode !== undefined) settings.invokeMode = invokeMode;
	if (cors !== undefined) settings.cors = cors;
	return settings;
}

/** Cors as Lambda keeps it: empty members (and an empty Cors) are no settings. */
function storedCors(cors: FunctionUrlCors | undefined): FunctionUrlCors | undefined {
	if (cors === undefined) return undefined;
	const kept: FunctionUrlCors = {...cors};
	return Object.keys(kept).length === 0 ? undefined : kept;
}

/** A new url id: 32 lower-case letters and digits, unused. */
function newUrlId(store: FunctionUrlStore): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	for (;;) {
		const bytes = randomBytes(32);
		let id = '';
		for (const byte of bytes) id += alphabet[byte % alphabet.length] ?? 'a';
		if (store.get(id) === undefined) return id;
	}
}

function timestamp(): string {
	return new Date().toISOString();
}

async function save(store: FunctionUrlStore, next: FunctionUrlRecord | undefined, previous: FunctionUrlRecord | undefined, urlId: string): Promise<void> {
	if (next === undefined) store.delete(urlId);
	else store.set(next);
	try {
		await store.persist(urlId);
	} catch (error) {
		if (previous === undefined) store.delete(urlId);
		else store.set(previous);
		await store.persist(urlId).catch(() => undefined);
		throw new LambdaError('ServiceException', `The local Lambda could not save the function URL: ${(error as Error).message}`);
	}
}

/** The function a Create or Update names, once the request is checked: every problem is reported at once, as Lambda does. */
function checkedRequest(service: LambdaService, reference: string, qualifier: string | undefined, settings: ReturnType<typeof readSettings>, authTypeRequired: boolean): ReturnType<typeof locate> {
	const problems: Problem[] = [];
	const target = locate(service, reference, qualifier, problems);
	problems.push(
		...checkFunctionUrlAuthType(settings.authType, authTypeRequired),
		...checkFunctionUrlInvokeMode(settings.invokeMode),
		...checkFunctionUrlCors(settings.cors),
	);
	throwProblems(problems);
	return target;
}

/** CreateFunctionUrlConfig. */
export async function createFunctionUrl(
	service: LambdaService,
	reference: string,
	qualifier: string | undefined,
	body: Buffer,
	headers: RequestHeaders,
): Promise<Reply> {
	const settings = readSettings(body);
	const target = checkedRequest(service, reference, qualifier, settings, true);
	if (target?.record === undefined) throw functionMissing();
	const existing = findUrl(service, target);
	if (existing !== undefined) {
		throw new LambdaError(
			'ResourceConflictException',
			`Failed to create function url config for [functionArn = ${target.arn}]. Error message:  FunctionUrlConfig exists for this Lambda function`,
		);
	}
	if (!aliasExists(target.record, target.qualifier)) throw functionMissing();
	const store = functionUrlsOf(service);
	// A URL left behind by an alias or function that is gone makes way.
	const stale = store.find(target.name, target.qualifier);
	if (stale !== undefined) await save(store, undefined, stale, stale.urlId);
	const now = timestamp();
	const url: FunctionUrlRecord = {
		format: 1,
		urlId: newUrlId(store),
		functionName: target.name,
		authType: settings.authType as FunctionUrlAuthType,
		invokeMode: (settings.invokeMode ?? 'BUFFERED') as FunctionUrlInvokeMode,
		creationTime: now,
		lastModifiedTime: now,
		createdAt: Date.now(),
	};
	if (target.qualifier !== undefined) url.qualifier = target.qualifier;
	const cors = storedCors(settings.cors);
	if (cors !== undefined) url.cors = cors;
	await save(store, url, undefined, url.urlId);
	return {status: 201, body: shape(service, url, headers, false)};
}

export function getFunctionUrl(service: LambdaService, reference: string, qualifier: string | undefined, headers: RequestHeaders): Reply {
	const problems: Problem[] = [];
	const target = locate(service, reference, qualifier, problems);
	throwProblems(problems);
	const url = target === undefined ? undefined : findUrl(service, target);
	if (url === undefined) throw resourceMissing();
	return {status: 200, body: shape(service, url, headers)};
}

/** UpdateFunctionUrlConfig: changes what is given. */
export async function updateFunctionUrl(
	service: LambdaService,
	reference: string,
	qualifier: string | undefined,
	body: Buffer,
	headers: RequestHeaders,
): Promise<Reply> {
	const settings = readSettings(body);
	const target = checkedRequest(service, reference, qualifier, settings, false);
	if (target?.record === undefined || !aliasExists(target.record, target.qualifier)) throw functionMissing();
	const existing = findUrl(service, target);
	if (existing === undefined) throw resourceMissing();
	const next: FunctionUrlRecord = {...existing, lastModifiedTime: timestamp()};
	if (settings.authType !== undefined) next.authType = settings.authType as FunctionUrlAuthType;
	if (settings.invokeMode !== undefined) next.invokeMode = settings.invokeMode as FunctionUrlInvokeMode;
	if (settings.cors !== undefined) {
		const cors = storedCors(settings.cors);
		if (cors === undefined) delete next.cors;
		else next.cors = cors;
	}
	await save(functionUrlsOf(service), next, existing, existing.urlId);
	return {status: 200, body: shape(service, next, headers)};
}

export async function deleteFunctionUrl(service: LambdaService, reference: string, qualifier: string | undefined): Promise<Reply> {
	const problems: Problem[] = [];
	const target = locate(service, reference, qualifier, problems);
	throwProblems(problems);
	const url = target === undefined ? undefined : findUrl(service, target);
	if (url === undefined) throw resourceMissing();
	await save(functionUrlsOf(service), undefined, url, url.urlId);
	return {status: 204};
}

/** Removes the URLs of a function that was deleted (alias undefined), or of one of its aliases. */
export async function dropFunctionUrls(service: LambdaService, functionName: string, alias?: string): Promise<void> {
	const store = functionUrlsOf(service);
	for (const url of store.ofFunction(functionName)) {
		if (alias !== undefined && url.qualifier !== alias) continue;
		store.delete(url.urlId);
		await store.persist(url.urlId).catch((error: unknown) => {
			process.stderr.write(`local Lambda: could not remove the function URL ${url.urlId}: ${(error as Error).message}\n`);
		});
	}
}

function encodeMarker(urlId: string): string {
	return Buffer.from(`url1:${urlId}`, 'utf8').toString('base64url');
}

function decodeMarker(marker: string): string {
	const decoded = Buffer.from(marker, 'base64url').toString('utf8');
	if (!decoded.startsWith('url1:') || decoded.length <= 'url1:'.length) {
		throw new LambdaError('InvalidParameterValueException', 'Invalid Marker: pass the NextMarker of a previous ListFunctionUrlConfigs response.');
	}
	return decoded.slice('url1:'.length);
}

function pageSize(query: URLSearchParams): number {
	const text = query.get('MaxItems');
	if (text === null) return listFunctionUrlConfigsPageMax;
	if (!/^-?\d+$/.test(text)) throw new LambdaError('InvalidRequestContentException', `Could not parse the query parameter MaxItems: '${text}' is not an integer`);
	const value = Number(text);
	const problems: Problem[] = [];
	if (value < 1) problems.push(constraint('maxItems', value, 'Member must have value greater than or equal to 1'));
	if (value > 10_000) problems.push(constraint('maxItems', value, 'Member must have value less than or equal to 10000'));
	throwProblems(problems);
	return Math.min(value, listFunctionUrlConfigsPageMax);
}

export function listFunctionUrls(service: LambdaService, reference: string, query: URLSearchParams, headers: RequestHeaders): Reply {
	throwProblems(referenceProblems(reference));
	const size = pageSize(query);
	const parsed = parseFunctionReference(reference);
	const elsewhere =
		parsed === undefined ||
		(parsed.region !== undefined && parsed.region !== service.region) ||
		(parsed.accountId !== undefined && parsed.accountId !== service.accountId);
	const record = elsewhere ? undefined : service.store.get(parsed.name);
	if (record === undefined) throw functionMissing();
	const urls = functionUrlsOf(service)
		.ofFunction(record.name)
		.filter((url) => aliasExists(record, url.qualifier));
	let start = 0;
	const marker = query.get('Marker');
	if (marker !== null && marker !== '') {
		const after = decodeMarker(marker);
		const index = urls.findIndex((url) => url.urlId === after);
		start = index === -1 ? urls.length : index + 1;
	}
	const page = urls.slice(start, start + size);
	const body: Record<string, unknown> = {FunctionUrlConfigs: page.map((url) => shape(service, url, headers))};
	const last = page[page.length - 1];
	if (start + size < urls.length && last !== undefined) body['NextMarker'] = encodeMarker(last.urlId);
	return {status: 200, body};
}
