// A function's code: where GetFunction says the deployment package is
// (Code.Location, a presigned link that lasts ten minutes) or, for a
// container image function, its image and image configuration; the package
// downloaded with fetch and kept in a cache directory by its CodeSha256 (so
// opening the Code tab again costs one GetFunction); and a new package
// uploaded with UpdateFunctionCode and the RevisionId that was read.
import {createHash, randomBytes} from 'node:crypto';
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir, userInfo} from 'node:os';
import {join} from 'node:path';
import {GetFunctionCommand, UpdateFunctionCodeCommand} from '@aws-sdk/client-lambda';
import type {ContainerImage} from '../domain/code-package.js';
import {cleanText} from '../domain/sanitize.js';
import type {Clients} from './clients.js';
import {describeAwsError, errorName} from './errors.js';

export type ImageCode = ContainerImage;

export interface ZipCode {
	kind: 'zip';
	/** The presigned link to the package; not cleaned (it is fetched, never drawn). */
	location: string;
	repositoryType: string;
	codeSha256: string;
	codeSize: number;
	/** Why Lambda cannot give the package, when it cannot. */
	locationError: string;
}

export type FunctionCode = ImageCode | ZipCode;

/** Where the function's code is: GetFunction's Code and its image configuration. */
export async function getFunctionCode(clients: Clients, name: string, signal?: AbortSignal): Promise<FunctionCode> {
	const output = await clients.lambda.send(new GetFunctionCommand({FunctionName: name}), {abortSignal: signal});
	const configuration = output.Configuration ?? {};
	const code = output.Code ?? {};
	if (configuration.PackageType === 'Image' || code.ImageUri !== undefined) {
		const image = configuration.ImageConfigResponse;
		const error = image?.Error;
		return {
			kind: 'image',
			imageUri: cleanText(code.ImageUri ?? ''),
			resolvedImageUri: cleanText(code.ResolvedImageUri ?? ''),
			entryPoint: (image?.ImageConfig?.EntryPoint ?? []).map((part) => cleanText(part)),
			command: (image?.ImageConfig?.Command ?? []).map((part) => cleanText(part)),
			workingDirectory: cleanText(image?.ImageConfig?.WorkingDirectory ?? ''),
			imageConfigError: error === undefined ? '' : cleanText([error.ErrorCode, error.Message].filter(Boolean).join(': ')),
		};
	}
	const locationError = code.Error === undefined ? '' : cleanText([code.Error.ErrorCode, code.Error.Message].filter(Boolean).join(': '));
	return {
		kind: 'zip',
		location: code.Location ?? '',
		repositoryType: cleanText(code.RepositoryType ?? ''),
		codeSha256: cleanText(configuration.CodeSha256 ?? ''),
		codeSize: configuration.CodeSize ?? 0,
		locationError,
	};
}

/** CodeSha256 as Lambda reports it: the base64 of the package's SHA-256. */
export function codeSha256Of(zip: Uint8Array): string {
	return createHash('sha256').update(zip).digest('base64');
}

/** Where downloaded packages are kept: beside the console's settings when a directory is given, else a private directory under the system's temporary one. */
export function codeCacheDirectory(configDir: string | undefined): string {
	if (configDir !== undefined && configDir !== '') return join(configDir, 'code-cache');
	let user = 'user';
	try {
		const info = userInfo();
		user = info.uid >= 0 ? String(info.uid) : info.username;
	} catch {
		// No user information (a container without a passwd entry): one shared name.
	}
	return join(tmpdir(), `lambdash-code-cache-${user}`);
}

/** Packages kept in the cache; older ones (by last use) are removed. */
const cacheEntriesMax = 12;

const cacheFileName = (codeSha256: string): string => `${Buffer.from(codeSha256, 'base64').toString('hex')}.zip`;

function readCached(directory: string, codeSha256: string): Uint8Array | undefined {
	const file = join(directory, cacheFileName(codeSha256));
	try {
		const zip = readFileSync(file);
		if (codeSha256Of(zip) !== codeSha256) return undefined;
		const now = new Date();
		utimesSync(file, now, now);
		return zip;
	} catch {
		return undefined;
	}
}

/** Keeps a package in the cache (written beside, then renamed: a reader never sees half of one). Failing to cache is not an error. */
export function cachePackage(directory: string, codeSha256: string, zip: Uint8Array): void {
	try {
		mkdirSync(directory, {recursive: true, mode: 0o700});
		const file = join(directory, cacheFileName(codeSha256));
		const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
		writeFileSync(partial, zip, {mode: 0o600});
		renameSync(partial, file);
		const entries = readdirSync(directory)
			.filter((name) => name.endsWith('.zip'))
			.map((name) => ({name, used: statSync(join(directory, name)).mtimeMs}))
			.sort((a, b) => b.used - a.used);
		for (const old of entries.slice(cacheEntriesMax)) rmSync(join(directory, old.name), {force: true});
	} catch {
		// A read-only or full disk: the package is downloaded again next time.
	}
}

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function failureCode(error: unknown): string {
	for (let current: unknown = error, depth = 0; current !== null && typeof current === 'object' && depth < 4; depth++) {
		const code = (current as {code?: unknown}).code;
		if (typeof code === 'string' && networkCodes.has(code)) return code;
		current = (current as {cause?: unknown}).cause;
	}
	return error instanceof Error ? cleanText(error.message) : 'unknown error';
}

function hostOf(location: string): string {
	try {
		return new URL(location).host;
	} catch {
		return 'Code.Location';
	}
}

/**
 * The package behind Code.Location, from the cache when it holds one with the
 * same CodeSha256; a download is checked against CodeSha256 before it is kept.
 * Errors say what to do next (r reads GetFunction again, for a fresh link).
 */
export async function downloadPackage(code: ZipCode, cacheDirectory: string, signal?: AbortSignal): Promise<Uint8Array> {
	const cached = code.codeSha256 === '' ? undefined : readCached(cacheDirectory, code.codeSha256);
	if (cached !== undefined) return cached;
	if (code.location === '') {
		throw new Error(
			`Lambda gave no link to the deployment package${code.locationError === '' ? '' : ` (${code.locationError})`}. Check that you may call lambda:GetFunction, then press r to retry.`,
		);
	}
	let response: Response;
	try {
		response = await fetch(code.location, {signal: signal ?? null});
	} catch (error) {
		if (signal?.aborted) throw error;
		throw new Error(`Could not download the deployment package from ${hostOf(code.location)} (${failureCode(error)}). Check the network, then press r to retry.`);
	}
	if (!response.ok) {
		throw new Error(
			`Could not download the deployment package: ${hostOf(code.location)} answered ${response.status} ${cleanText(response.statusText)}. Its link lasts ten minutes: press r for a fresh one.`,
		);
	}
	const zip = new Uint8Array(await response.arrayBuffer());
	if (code.codeSha256 !== '' && codeSha256Of(zip) !== code.codeSha256) {
		throw new Error('The downloaded package does not match the function\'s CodeSha256 (it was cut short, or the code changed meanwhile): press r to download it again.');
	}
	if (code.codeSha256 !== '') cachePackage(cacheDirectory, code.codeSha256, zip);
	return zip;
}

export interface CodeUpdate {
	codeSha256: string;
	codeSize: number;
	revisionId: string;
}

/** Uploads a package (ZipFile) with the RevisionId that was read: a PreconditionFailedException means someone else changed the function first. */
export async function updateFunctionCode(clients: Clients, name: string, zip: Uint8Array, revisionId: string): Promise<CodeUpdate> {
	const output = await clients.lambda.send(
		new UpdateFunctionCodeCommand({FunctionName: name, ZipFile: zip, ...(revisionId === '' ? {} : {RevisionId: revisionId})}),
	);
	return {codeSha256: cleanText(output.CodeSha256 ?? ''), codeSize: output.CodeSize ?? zip.length, revisionId: cleanText(output.RevisionId ?? '')};
}

/** Why UpdateFunctionCode refused, and what to do next. */
export function describeCodeUpdateError(error: unknown, endpoint: string | undefined): string {
	const message = error instanceof Error ? cleanText(error.message) : '';
	switch (errorName(error)) {
		case 'CodeStorageExceededException':
			return `Lambda's code storage for this region is full (${message || 'Code storage limit exceeded'}). Delete function versions and layer versions you no longer need, then deploy again.`;
		case 'RequestTooLargeException':
		case 'RequestEntityTooLargeException':
			return `Lambda refused the package as too large (${message}). A package uploaded directly may be 50 MB zipped and 250 MB unzipped: make it smaller.`;
		case 'CodeVerificationFailedException':
		case 'InvalidCodeSignatureException':
		case 'CodeSigningConfigNotFoundException':
			return `The package is not signed as the function's code signing configuration requires (${message}). Sign it with an allowed signing profile, then deploy the signed .zip with U.`;
		default:
			return describeAwsError(error, endpoint);
	}
}
