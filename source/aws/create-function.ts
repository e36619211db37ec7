// Creating and deleting functions, and the execution roles a new function may
// take: CreateFunction (a .zip package made from the form's files, or a
// container image), then GetFunctionConfiguration until the function leaves
// Pending (Active, or Failed with its StateReason); DeleteFunction; IAM
// ListRoles for the roles Lambda can assume (on AWS only).
import {
	CreateFunctionCommand,
	DeleteFunctionCommand,
	GetFunctionConfigurationCommand,
	type Architecture,
	type CreateFunctionCommandInput,
	type Runtime,
} from '@aws-sdk/client-lambda';
import {zipFiles} from '../domain/code-package.js';
import type {NewFunctionRequest} from '../domain/create-function-form.js';
import {cleanText} from '../domain/sanitize.js';
import {loadSdk, type Clients} from './clients.js';

export function createFunctionInput(request: NewFunctionRequest): CreateFunctionCommandInput {
	const common = {
		FunctionName: request.name,
		Role: request.role,
		Architectures: [request.architecture as Architecture],
	};
	if (request.packageType === 'Image') {
		const imageConfig: {Command?: string[]; EntryPoint?: string[]; WorkingDirectory?: string} = {};
		if (request.command !== undefined) imageConfig.Command = request.command;
		if (request.entryPoint !== undefined) imageConfig.EntryPoint = request.entryPoint;
		if (request.workingDirectory !== undefined) imageConfig.WorkingDirectory = request.workingDirectory;
		return {
			...common,
			PackageType: 'Image',
			Code: {ImageUri: request.imageUri},
			...(Object.keys(imageConfig).length > 0 ? {ImageConfig: imageConfig} : {}),
		};
	}
	return {
		...common,
		PackageType: 'Zip',
		Runtime: request.runtime as Runtime,
		Handler: request.handler,
		Description: request.description,
		MemorySize: request.memorySize,
		Timeout: request.timeout,
		...(Object.keys(request.environment).length > 0 ? {Environment: {Variables: request.environment}} : {}),
		Code: {ZipFile: zipFiles(request.files)},
	};
}

export interface CreatedFunction {
	name: string;
	arn: string;
}

export type CreateProgress = 'creating' | 'waiting';

/** Thrown when the new function ends Failed: its StateReason, as Lambda gives it. */
export class FunctionFailedError extends Error {
	constructor(
		readonly functionName: string,
		readonly reason: string,
		readonly reasonCode: string,
	) {
		super(`${functionName} was created but is Failed${reasonCode ? ` (${reasonCode})` : ''}: ${reason || 'Lambda gave no reason'}. Fix the cause, then delete it and create it again.`);
		this.name = 'FunctionFailedError';
	}
}

const sleep = async (ms: number, signal?: AbortSignal): Promise<void> =>
	new Promise((resolve) => {
		const timer = setTimeout(resolve, ms);
		signal?.addEventListener('abort', () => {
			clearTimeout(timer);
			resolve();
		});
	});

/**
 * Creates the function and waits until it is Active (Lambda creates it Pending);
 * rejects with FunctionFailedError when it ends Failed, or with the SDK's error.
 */
export async function createFunction(
	clients: Clients,
	request: NewFunctionRequest,
	onProgress: (step: CreateProgress) => void = () => undefined,
	options: {pollMs?: number; maxWaitMs?: number; signal?: AbortSignal} = {},
): Promise<CreatedFunction> {
	onProgress('creating');
	const created = await clients.lambda.send(new CreateFunctionCommand(createFunctionInput(request)), {abortSignal: options.signal});
	const name = cleanText(created.FunctionName ?? request.name);
	const arn = cleanText(created.FunctionArn ?? '');
	let state = created.State;
	let reason = created.StateReason ?? '';
	let reasonCode = created.StateReasonCode ?? '';
	const deadline = Date.now() + (options.maxWaitMs ?? 5 * 60_000);
	if (state === 'Pending') onProgress('waiting');
	while (state === 'Pending' && Date.now() < deadline && options.signal?.aborted !== true) {
		// eslint-disable-next-line no-await-in-loop
		await sleep(options.pollMs ?? 500, options.signal);
		// eslint-disable-next-line no-await-in-loop
		const configuration = await clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}), {abortSignal: options.signal});
		state = configuration.State;
		reason = configuration.StateReason ?? '';
		reasonCode = configuration.StateReasonCode ?? '';
	}
	if (state === 'Failed') throw new FunctionFailedError(name, cleanText(reason), cleanText(reasonCode));
	return {name, arn};
}

export async function deleteFunction(clients: Clients, name: string): Promise<void> {
	await clients.lambda.send(new DeleteFunctionCommand({FunctionName: name}));
}

export interface RoleChoice {
	name: string;
	arn: string;
}

/** Whether a role's trust policy lets Lambda assume it (the console lists only those). */
function trustsLambda(document: string | undefined): boolean {
	if (document === undefined) return true;
	let text = document;
	try {
		text = decodeURIComponent(document);
	} catch {
		// Already plain text.
	}
	return text.includes('lambda.amazonaws.com');
}

/** The account's roles that Lambda may assume, by name (IAM ListRoles, every page up to `max`). */
export async function listLambdaRoles(clients: Clients, max = 1000): Promise<RoleChoice[]> {
	const iam = await clients.iam();
	const {ListRolesCommand} = await loadSdk(import('@aws-sdk/client-iam'));
	const roles: RoleChoice[] = [];
	let marker: string | undefined;
	do {
		// eslint-disable-next-line no-await-in-loop
		const page = await iam.send(new ListRolesCommand({Marker: marker, MaxItems: 100}));
		for (const role of page.Roles ?? []) {
			if (role.Arn !== undefined && trustsLambda(role.AssumeRolePolicyDocument)) {
				roles.push({name: cleanText(role.RoleName ?? role.Arn), arn: cleanText(role.Arn)});
			}
		}
		marker = page.IsTruncated === true ? page.Marker : undefined;
	} while (marker !== undefined && roles.length < max);
	return roles.sort((left, right) => left.name.localeCompare(right.name));
}
