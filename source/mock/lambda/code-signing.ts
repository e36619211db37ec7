// Code signing on the local Lambda: the CodeSigningConfig operations (create,
// get, update, delete, list, and the functions that use one), a function's
// code signing configuration (put, get, delete), and the check Lambda runs on
// every deployment to a function that has one, enforced for real:
//
// - CreateFunction (its code and its layers), UpdateFunctionCode and the layers
//   UpdateFunctionConfiguration adds are checked against the function's
//   configuration, in Lambda's order: integrity, expiry, then whether the
//   signer is an allowed publisher (an unsigned package fails that one).
// - Integrity (a package changed since it was signed, a signature that does not
//   hold, a profile this data directory has no key for) always blocks:
//   InvalidCodeSignatureException, even under Warn, as Lambda does.
// - Expired, untrusted or unsigned: under Enforce, CodeVerificationFailedException;
//   under Warn the deployment goes on. Lambda records both cases as a
//   SignatureValidationErrors metric and in CloudTrail; this local Lambda writes
//   a line to its standard error (the function's log sink is not reachable
//   from here).
// - Code deployed with a valid signature shows SigningProfileVersionArn and
//   SigningJobArn in the function's configuration.
//
// Configurations are kept by code-signing-store.ts; a function's attachment in
// its record. Messages are Lambda's where they are known (see the tests).

import {readFileSync} from 'node:fs';
import {randomBytes} from 'node:crypto';
import {isExpired, parseSigningProfileVersionArn} from '../../domain/code-signature.js';
import {allowedPublishersMax} from '../../domain/limits.js';
import {checkDescription, checkTags, constraintProblem as constraint, type Problem} from '../../domain/validate.js';
import {checkPackageSignature} from '../signing/package-signature.js';
import {readSigningProfileSync} from '../signing/profiles.js';
import type {CodeSignatureRecord, FunctionRecord} from '../store/records.js';
import {CodeSigningConfigStore, type CodeSigningConfigRecord, type CodeSigningPolicy} from './code-signing-store.js';
import {LambdaError, throwProblems} from './errors.js';
import {optionalObject, optionalString, optionalStringMap, type JsonObject} from './input.js';
import type {LambdaService, Reply} from './service.js';

export const codeSigningConfigArnPattern =
	'arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:\\d{12}:code-signing-config:csc-[a-z0-9]{17}';
const codeSigningConfigArnRegex = new RegExp(`^${codeSigningConfigArnPattern}$`);
const codeSigningConfigArnMaxLength = 200;
/** The model's pattern of an AllowedPublishers ARN. */
export const publisherArnPattern = 'arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)';
const publisherArnRegex = new RegExp(`^${publisherArnPattern}$`);
const policies: readonly CodeSigningPolicy[] = ['Warn', 'Enforce'];
const listPageMax = 50;

/** Lambda's errors of code signing: the model names their message member "Message". */
class CodeSigningError extends LambdaError {
	private readonly typed: boolean;

	constructor(code: string, message: string, status: number, typed = true) {
		super(code, message, {status});
		this.typed = typed;
	}

	override body(): Record<string, string> {
		return this.typed ? {Type: 'User', Message: this.message} : {Message: this.message};
	}
}

/** GetCodeSigningConfig and the others, for a configuration that does not exist (Lambda sends no Type here). */
function configurationNotFound(arn: string): LambdaError {
	return new CodeSigningError('ResourceNotFoundException', `The Lambda code signing configuration ${arn} can not be found.`, 404, false);
}

/** PutFunctionCodeSigningConfig and CreateFunction, for a configuration that does not exist. */
function codeSigningConfigNotFound(arn: string): LambdaError {
	return new CodeSigningError(
		'CodeSigningConfigNotFoundException',
		`The code signing configuration cannot be found. Check that the provided configuration is not deleted: ${arn}.`,
		404,
	);
}

function verificationFailed(target: string): LambdaError {
	return new CodeSigningError(
		'CodeVerificationFailedException',
		`Lambda cannot deploy the function. The function or layer might be signed using a signature that the client is not configured to accept. Check the provided signature for ${target}.`,
		400,
	);
}

function integrityFailed(target: string, problem: string): LambdaError {
	return new CodeSigningError(
		'InvalidCodeSignatureException',
		`Lambda cannot deploy the function. The code signature failed the integrity check (${problem}). Check the provided signature for ${target}.`,
		400,
	);
}

// ---- state ------------------------------------------------------------------

const stores = new WeakMap<LambdaService, CodeSigningConfigStore>();

/** The configurations of this local Lambda, loaded from its data directory the first time they are needed. */
function configsOf(service: LambdaService): CodeSigningConfigStore {
	let store = stores.get(service);
	if (store === undefined) {
		store = CodeSigningConfigStore.openSync(service.store.dataDir);
		stores.set(service, store);
	}
	return store;
}

function lambdaTimestamp(date: Date = new Date()): string {
	return date.toISOString().replace('Z', '+0000');
}

function configArn(service: LambdaService, id: string): string {
	return `arn:aws:lambda:${service.region}:${service.accountId}:code-signing-config:${id}`;
}

function shape(config: CodeSigningConfigRecord): Record<string, unknown> {
	return {
		CodeSigningConfigId: config.id,
		CodeSigningConfigArn: config.arn,
		Description: config.description,
		AllowedPublishers: {SigningProfileVersionArns: [...config.signingProfileVersionArns]},
		CodeSigningPolicies: {UntrustedArtifactOnDeployment: config.untrustedArtifactOnDeployment},
		LastModified: config.lastModified,
	};
}

async function persist(service: LambdaService, config: CodeSigningConfigRecord, previous: CodeSigningConfigRecord | undefined): Promise<void> {
	const store = configsOf(service);
	try {
		await store.persist(config.id);
	} catch (error) {
		if (previous === undefined) store.delete(config.id);
		else store.set(previous);
		await store.persist(config.id).catch(() => undefined);
		throw new LambdaError('ServiceException', `The local Lambda could not save the code signing configuration: ${(error as Error).message}`);
	}
}

// ---- input ------------------------------------------------------------------


function arnProblems(arn: string | undefined, member = 'codeSigningConfigArn'): Problem[] {
	if (arn === undefined) return [constraint(member, undefined, 'Member must not be null')];
	const problems: Problem[] = [];
	if (arn.length > codeSigningConfigArnMaxLength) {
		problems.push(constraint(member, arn, `Member must have length less than or equal to ${codeSigningConfigArnMaxLength}`));
	}
	if (!codeSigningConfigArnRegex.test(arn)) {
		problems.push(constraint(member, arn, `Member must satisfy regular expression pattern: ${codeSigningConfigArnPattern}`));
	}
	return problems;
}

/** AllowedPublishers.SigningProfileVersionArns as the request gives it; undefined when AllowedPublishers is absent. */
function readPublishers(body: JsonObject, required: boolean, problems: Problem[]): string[] | undefined {
	const publishers = optionalObject(body, 'AllowedPublishers');
	if (publishers === undefined) {
		if (required) problems.push(constraint('allowedPublishers', undefined, 'Member must not be null'));
		return undefined;
	}
	const member = 'allowedPublishers.signingProfileVersionArns';
	const value = publishers['SigningProfileVersionArns'];
	if (value === undefined || value === null) {
		problems.push(constraint(member, undefined, 'Member must not be null'));
		return undefined;
	}
	if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
		throw new LambdaError(
			'InvalidRequestContentException',
			"Could not parse request body into json: Cannot deserialize member 'AllowedPublishers.SigningProfileVersionArns': expected a list of strings",
		);
	}
	const arns = value as string[];
	const shown = `[${arns.join(', ')}]`;
	if (arns.length < 1) problems.push(constraint(member, shown, 'Member must have length greater than or equal to 1'));
	if (arns.length > allowedPublishersMax) {
		problems.push(constraint(member, shown, `Member must have length less than or equal to ${allowedPublishersMax}`));
	}
	if (arns.some((arn) => !publisherArnRegex.test(arn))) {
		problems.push(constraint(member, shown, `Member must satisfy constraint: [Member must satisfy regular expression pattern: ${publisherArnPattern}]`));
	}
	return arns;
}

function readPolicy(body: JsonObject, problems: Problem[]): CodeSigningPolicy | undefined {
	const policiesObject = optionalObject(body, 'CodeSigningPolicies');
	if (policiesObject === undefined) return undefined;
	const value = optionalString(policiesObject, 'UntrustedArtifactOnDeployment');
	if (value === undefined) return undefined;
	const policy = policies.find((entry) => entry === value);
	if (policy === undefined) {
		problems.push(
			constraint('codeSigningPolicies.untrustedArtifactOnDeployment', value, `Member must satisfy enum value set: [${policies.join(', ')}]`),
		);
	}
	return policy;
}

/** The configuration an ARN names in this region and account, or undefined. */
function findConfig(service: LambdaService, arn: string): CodeSigningConfigRecord | undefined {
	const id = arn.slice(arn.lastIndexOf(':') + 1);
	const config = configsOf(service).get(id);
	return config !== undefined && config.arn === arn ? config : undefined;
}

/** The configuration a path's CodeSigningConfigArn names: checked, then ResourceNotFoundException when it does not exist. */
function existingConfig(service: LambdaService, arn: string): CodeSigningConfigRecord {
	throwProblems(arnProblems(arn));
	const config = findConfig(service, arn);
	if (config === undefined) throw configurationNotFound(arn);
	return config;
}

function pageSize(query: URLSearchParams): number {
	const text = query.get('MaxItems');
	if (text === null) return listPageMax;
	if (!/^-?\d+$/.test(text)) throw new LambdaError('InvalidRequestContentException', `Could not parse the query parameter MaxItems: '${text}' is not an integer`);
	const value = Number(text);
	if (value < 1) throwProblems([constraint('maxItems', text, 'Member must have value greater than or equal to 1')]);
	if (value > 10_000) throwProblems([constraint('maxItems', text, 'Member must have value less than or equal to 10000')]);
	return Math.min(value, listPageMax);
}

function encodeMarker(key: string): string {
	return Buffer.from(`v1:${key}`, 'utf8').toString('base64url');
}

function decodeMarker(marker: string, operation: string): string {
	const decoded = Buffer.from(marker, 'base64url').toString('utf8');
	if (!decoded.startsWith('v1:') || decoded.length <= 3) {
		throw new LambdaError('InvalidParameterValueException', `Invalid Marker: pass the NextMarker of a previous ${operation} response.`);
	}
	return decoded.slice(3);
}

/** A page of `keys` (in order) after the request's Marker, and the NextMarker when more follow. */
function page<T>(items: readonly T[], keyOf: (item: T) => string, query: URLSearchParams, operation: string): {items: T[]; nextMarker?: string} {
	const size = pageSize(query);
	let start = 0;
	const marker = query.get('Marker');
	if (marker !== null && marker !== '') {
		const after = decodeMarker(marker, operation);
		const index = items.findIndex((item) => keyOf(item) === after);
		if (index === -1) throw new LambdaError('InvalidParameterValueException', `Invalid Marker: pass the NextMarker of a previous ${operation} response.`);
		start = index + 1;
	}
	const selected = items.slice(start, start + size);
	const last = selected[selected.length - 1];
	return start + size < items.length && last !== undefined ? {items: selected, nextMarker: encodeMarker(keyOf(last))} : {items: selected};
}

// ---- the CodeSigningConfig operations ----------------------------------------

export async function createCodeSigningConfig(service: LambdaService, body: JsonObject): Promise<Reply> {
	const problems: Problem[] = [];
	const description = optionalString(body, 'Description') ?? '';
	const publishers = readPublishers(body, true, problems);
	const policy = readPolicy(body, problems);
	problems.push(...checkDescription(description));
	throwProblems(problems);
	const tags = optionalStringMap(body, 'Tags') ?? {};
	throwProblems(checkTags(tags));
	const store = configsOf(service);
	let id: string;
	do id = `csc-${randomBytes(9).toString('hex').slice(0, 17)}`;
	while (store.get(id) !== undefined);
	const now = new Date();
	// Creation times order ListCodeSigningConfigs: strictly increasing, even within a millisecond.
	const createdAt = Math.max(now.getTime(), ...store.all().map((config) => config.createdAt + 1));
	const config: CodeSigningConfigRecord = {
		format: 1,
		id,
		arn: configArn(service, id),
		description,
		signingProfileVersionArns: publishers ?? [],
		untrustedArtifactOnDeployment: policy ?? 'Warn',
		lastModified: lambdaTimestamp(now),
		createdAt,
		tags,
	};
	store.set(config);
	await persist(service, config, undefined);
	return {status: 201, body: {CodeSigningConfig: shape(config)}};
}

export function getCodeSigningConfig(service: LambdaService, arn: string): Reply {
	return {status: 200, body: {CodeSigningConfig: shape(existingConfig(service, arn))}};
}

export async function updateCodeSigningConfig(service: LambdaService, arn: string, body: JsonObject): Promise<Reply> {
	const problems: Problem[] = [...arnProblems(arn)];
	const description = optionalString(body, 'Description');
	const publishers = readPublishers(body, false, problems);
	const policy = readPolicy(body, problems);
	if (description !== undefined) problems.push(...checkDescription(description));
	throwProblems(problems);
	const previous = findConfig(service, arn);
	if (previous === undefined) throw configurationNotFound(arn);
	const config: CodeSigningConfigRecord = {...previous, lastModified: lambdaTimestamp()};
	if (description !== undefined) config.description = description;
	if (publishers !== undefined) config.signingProfileVersionArns = publishers;
	if (policy !== undefined) config.untrustedArtifactOnDeployment = policy;
	configsOf(service).set(config);
	await persist(service, config, previous);
	return {status: 200, body: {CodeSigningConfig: shape(config)}};
}

function functionsUsing(service: LambdaService, arn: string): FunctionRecord[] {
	return service.store
		.names()
		.map((name) => service.store.get(name))
		.filter((record): record is FunctionRecord => record !== undefined && record.codeSigningConfigArn === arn);
}

export async function deleteCodeSigningConfig(service: LambdaService, arn: string): Promise<Reply> {
	const config = existingConfig(service, arn);
	const users = functionsUsing(service, arn);
	if (users.length > 0) {
		throw new LambdaError(
			'ResourceConflictException',
			`The code signing configuration ${arn} cannot be deleted because it is used by the following functions: [${users.map((record) => record.name).join(', ')}]. Remove it from them first (DeleteFunctionCodeSigningConfig).`,
		);
	}
	configsOf(service).delete(config.id);
	await persist(service, config, config);
	return {status: 204};
}

export function listCodeSigningConfigs(service: LambdaService, query: URLSearchParams): Reply {
	const selected = page(configsOf(service).all(), (config) => config.id, query, 'ListCodeSigningConfigs');
	const body: Record<string, unknown> = {CodeSigningConfigs: selected.items.map(shape)};
	if (selected.nextMarker !== undefined) body['NextMarker'] = selected.nextMarker;
	return {status: 200, body};
}

export function listFunctionsByCodeSigningConfig(service: LambdaService, arn: string, query: URLSearchParams): Reply {
	existingConfig(service, arn);
	const selected = page(functionsUsing(service, arn), (record) => record.name, query, 'ListFunctionsByCodeSigningConfig');
	const body: Record<string, unknown> = {FunctionArns: selected.items.map((record) => service.arn(record.name))};
	if (selected.nextMarker !== undefined) body['NextMarker'] = selected.nextMarker;
	return {status: 200, body};
}

// ---- a function's code signing configuration ---------------------------------

export async function putFunctionCodeSigningConfig(service: LambdaService, reference: string, request: JsonObject): Promise<Reply> {
	const arn = optionalString(request, 'CodeSigningConfigArn');
	throwProblems(arnProblems(arn));
	const config = findConfig(service, arn ?? '');
	if (config === undefined) throw codeSigningConfigNotFound(arn ?? '');
	const record = service.resolve(reference);
	if (record.codeSigningConfigArn !== config.arn) await service.save({...record, codeSigningConfigArn: config.arn}, record);
	return {status: 200, body: {CodeSigningConfigArn: config.arn, FunctionName: record.name}};
}

export function getFunctionCodeSigningConfig(service: LambdaService, reference: string): Reply {
	const record = service.resolve(reference);
	if (record.codeSigningConfigArn === undefined) return {status: 200, body: {}};
	return {status: 200, body: {CodeSigningConfigArn: record.codeSigningConfigArn, FunctionName: record.name}};
}

export async function deleteFunctionCodeSigningConfig(service: LambdaService, reference: string): Promise<Reply> {
	const record = service.resolve(reference);
	if (record.codeSigningConfigArn !== undefined) {
		const next: FunctionRecord = {...record};
		delete next.codeSigningConfigArn;
		await service.save(next, record);
	}
	return {status: 204};
}

// ---- the deployment check ----------------------------------------------------

type Verdict =
	| {kind: 'trusted'; signature: CodeSignatureRecord}
	/** Fails the expiry or publisher check: the policy decides. */
	| {kind: 'untrusted'; reason: string; signature?: CodeSignatureRecord}
	/** Fails the integrity check: always blocked. */
	| {kind: 'invalid'; problem: string};

function verdictOf(service: LambdaService, config: CodeSigningConfigRecord, zip: Uint8Array): Verdict {
	const dataDir = service.store.dataDir;
	const checked = checkPackageSignature(zip, (name) => readSigningProfileSync(dataDir, name));
	if (checked.status === 'unsigned') return {kind: 'untrusted', reason: 'the package is not signed'};
	if (checked.status === 'invalid') return {kind: 'invalid', problem: checked.problem};
	const {document} = checked;
	const signature: CodeSignatureRecord = {signingProfileVersionArn: document.signingProfileVersionArn, signingJobArn: document.signingJobArn};
	if (isExpired(document, new Date())) {
		return {kind: 'untrusted', reason: `its signature expired at ${document.expiresAt}`, signature};
	}
	if (!config.signingProfileVersionArns.includes(document.signingProfileVersionArn)) {
		const profile = parseSigningProfileVersionArn(document.signingProfileVersionArn)?.name ?? document.signingProfileVersionArn;
		return {
			kind: 'untrusted',
			reason: `it is signed by ${document.signingProfileVersionArn} (signing profile ${profile}), not an allowed publisher of ${config.arn}`,
			signature,
		};
	}
	return {kind: 'trusted', signature};
}

function report(target: string, line: string): void {
	process.stderr.write(`local Lambda: code signing: ${target}: ${line}\n`);
}

/** Checks one package against a configuration: throws when Lambda blocks it; the signature to record otherwise. */
function enforce(config: CodeSigningConfigRecord, verdict: Verdict, target: string): CodeSignatureRecord | undefined {
	if (verdict.kind === 'trusted') return verdict.signature;
	if (verdict.kind === 'invalid') {
		report(target, `deployment blocked: the signature failed the integrity check (${verdict.problem})`);
		throw integrityFailed(target, verdict.problem);
	}
	if (config.untrustedArtifactOnDeployment === 'Enforce') {
		report(target, `deployment blocked by ${config.arn} (Enforce): ${verdict.reason}`);
		throw verificationFailed(target);
	}
	report(target, `warning: ${verdict.reason}; deployed anyway because ${config.arn} is set to Warn`);
	return verdict.signature;
}

function checkLayers(service: LambdaService, config: CodeSigningConfigRecord, arns: readonly string[]): void {
	for (const layer of service.layers.resolve(arns)) {
		let zip: Uint8Array;
		try {
			zip = readFileSync(layer.zipPath);
		} catch (error) {
			throw new LambdaError('ServiceException', `The local Lambda could not read the layer ${layer.arn}: ${(error as Error).message}`);
		}
		enforce(config, verdictOf(service, config, zip), layer.arn);
	}
}

export interface Deployment {
	/** The function's name. */
	functionName: string;
	/** CreateFunction's CodeSigningConfigArn, or the function's configuration for a code update. */
	codeSigningConfigArn: string | undefined;
	zip: Uint8Array;
	/** The layers CreateFunction gives (checked too). */
	layers?: readonly string[];
}

/** What a deployment leaves in the function's record. */
export type CodeSigningFields = Pick<FunctionRecord, 'codeSigningConfigArn' | 'codeSignature'>;

/**
 * The check of CreateFunction and UpdateFunctionCode: nothing without a code
 * signing configuration; otherwise the package (and CreateFunction's layers)
 * against it, throwing Lambda's exception when it blocks the deployment.
 */
export function checkCodeSigning(service: LambdaService, deployment: Deployment): CodeSigningFields {
	const arn = deployment.codeSigningConfigArn;
	if (arn === undefined) return {};
	throwProblems(arnProblems(arn));
	const config = findConfig(service, arn);
	if (config === undefined) throw codeSigningConfigNotFound(arn);
	const codeSignature = enforce(config, verdictOf(service, config, deployment.zip), deployment.functionName);
	if (deployment.layers !== undefined) checkLayers(service, config, deployment.layers);
	return codeSignature === undefined ? {codeSigningConfigArn: config.arn} : {codeSigningConfigArn: config.arn, codeSignature};
}

/** UpdateFunctionConfiguration's check of the layers it adds to a function that has a code signing configuration. */
export function checkAddedLayers(service: LambdaService, record: FunctionRecord, layers: readonly string[]): void {
	const arn = record.codeSigningConfigArn;
	if (arn === undefined) return;
	const config = findConfig(service, arn);
	if (config === undefined) throw codeSigningConfigNotFound(arn);
	checkLayers(
		service,
		config,
		layers.filter((layer) => !record.layers.includes(layer)),
	);
}

/** The configuration's SigningProfileVersionArn and SigningJobArn, for code deployed signed. */
export function signingFields(record: Pick<FunctionRecord, 'codeSignature'>): Record<string, string> {
	if (record.codeSignature === undefined) return {};
	return {SigningProfileVersionArn: record.codeSignature.signingProfileVersionArn, SigningJobArn: record.codeSignature.signingJobArn};
}
