// The create-function forms (author from scratch, from a blueprint, from a
// container image): each field's check, a message naming what is allowed or
// undefined, with the limits of the Lambda service model, and the request the
// values make. Pure: the console's create screen and its tests use it.
import {architectures, functionNameMaxLength, runtimes} from './limits.js';
import {isRuntimeBlocked, isRuntimeDeprecated} from './runtime-deprecation.js';

/** The three ways the console creates a function. */
export type CreateWay = 'scratch' | 'blueprint' | 'image';

export const architectureChoices: readonly string[] = architectures;

/** The runtime the scratch form starts with, as the Lambda console does. */
export const defaultRuntime = 'nodejs22.x';

/** The execution role the local Lambda's demo functions use; the form starts with it in local mode. */
export function demoRoleArn(accountId: string): string {
	return `arn:aws:iam::${/^\d{12}$/.test(accountId) ? accountId : '123456789012'}:role/lambdash-demo-role`;
}

const familyOrder = ['nodejs', 'python', 'ruby', 'java', 'dotnet', 'provided'];

function family(runtime: string): string {
	return familyOrder.find((name) => runtime.startsWith(name)) ?? runtime;
}

/** A number for sorting versions: nodejs22.x -> [22], python3.13 -> [3, 13], provided.al2023 -> [2023]. */
function versionOf(runtime: string): number[] {
	return (runtime.match(/\d+/g) ?? []).map(Number);
}

function newerFirst(left: string, right: string): number {
	const a = versionOf(left);
	const b = versionOf(right);
	for (let index = 0; index < Math.max(a.length, b.length); index++) {
		const difference = (b[index] ?? -1) - (a[index] ?? -1);
		if (difference !== 0) return difference;
	}
	return left.localeCompare(right);
}

/**
 * The runtimes a new function may take: the SDK's Runtime enum without the
 * deprecated ones (nor those Lambda no longer creates functions with), by
 * language, newest first.
 */
export function createRuntimeChoices(at: Date = new Date()): string[] {
	return runtimes
		.filter((runtime) => !isRuntimeDeprecated(runtime, at) && !isRuntimeBlocked(runtime, 'create', at))
		.sort((left, right) => {
			const byFamily = familyOrder.indexOf(family(left)) - familyOrder.indexOf(family(right));
			return byFamily !== 0 ? byFamily : newerFirst(left, right);
		});
}

const nameRegex = /^[a-zA-Z0-9_-]+$/;

/** A new function's name: 1-64 letters, digits, hyphens and underscores. */
export function checkNewFunctionName(text: string): string | undefined {
	if (text.length === 0) return `A name is needed: 1-${functionNameMaxLength} letters, digits, hyphens (-) and underscores (_)`;
	if (text.length > functionNameMaxLength) return `At most ${functionNameMaxLength} characters (this is ${text.length}): letters, digits, - and _`;
	if (!nameRegex.test(text)) return `Only letters, digits, hyphens (-) and underscores (_), 1-${functionNameMaxLength} characters`;
	return undefined;
}

/** The service model's pattern of Role. */
const roleRegex = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-/]+$/;

export function checkRoleArn(text: string): string | undefined {
	if (text.trim() === '') return 'An execution role is needed: arn:aws:iam::123456789012:role/NAME';
	if (!roleRegex.test(text.trim())) return 'Not a role ARN: arn:aws:iam::<12-digit account>:role/<name>';
	return undefined;
}

export function checkRuntimeChoice(text: string, at: Date = new Date()): string | undefined {
	return createRuntimeChoices(at).includes(text) ? undefined : 'Choose a runtime with ←/→ (supported runtimes only)';
}

export function checkArchitecture(text: string): string | undefined {
	return architectureChoices.includes(text) ? undefined : `Choose ${architectureChoices.join(' or ')}`;
}

/** An image in Amazon ECR, as Lambda takes it: ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY:tag or @sha256:digest. */
export const imageUriRegex = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9][a-z0-9._/-]*(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/;

export function checkImageUri(text: string): string | undefined {
	if (text.trim() === '') return 'An image URI is needed: ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG';
	if (!imageUriRegex.test(text.trim())) return 'An Amazon ECR image: 123456789012.dkr.ecr.REGION.amazonaws.com/REPO:TAG (or @sha256:…)';
	return undefined;
}

/** The service model's limits of ImageConfig. */
export const imageConfigListMax = 1500;
export const workingDirectoryMaxLength = 1000;

export type ParsedList = {ok: true; value: string[] | undefined} | {ok: false; message: string};

/**
 * A command or entry point: a JSON array of strings (["app.handler"]) or words
 * separated by spaces (app.handler); empty: not set (the image's own is used).
 */
export function parseCommandList(text: string): ParsedList {
	const trimmed = text.trim();
	if (trimmed === '') return {ok: true, value: undefined};
	let value: string[];
	if (trimmed.startsWith('[')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(trimmed);
		} catch {
			return {ok: false, message: 'Not a JSON array: write ["a", "b"], or words separated by spaces'};
		}
		if (!Array.isArray(parsed) || !parsed.every((item): item is string => typeof item === 'string')) {
			return {ok: false, message: 'A JSON array of strings: ["a", "b"], or words separated by spaces'};
		}
		value = parsed;
	} else value = trimmed.split(/\s+/);
	if (value.length > imageConfigListMax) return {ok: false, message: `At most ${imageConfigListMax} items`};
	return {ok: true, value};
}

export function checkCommandList(text: string): string | undefined {
	const parsed = parseCommandList(text);
	return parsed.ok ? undefined : parsed.message;
}

export function checkWorkingDirectory(text: string): string | undefined {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	if (trimmed.length > workingDirectoryMaxLength) return `At most ${workingDirectoryMaxLength} characters`;
	if (!trimmed.startsWith('/')) return 'An absolute path in the image, e.g. /var/task';
	return undefined;
}

/** A new .zip function (scratch or blueprint), as the form describes it. */
export interface ZipFunctionRequest {
	packageType: 'Zip';
	name: string;
	description: string;
	runtime: string;
	handler: string;
	architecture: string;
	role: string;
	memorySize: number;
	timeout: number;
	environment: Record<string, string>;
	/** path inside the deployment zip -> file content */
	files: Record<string, string>;
}

/** A new container image function. */
export interface ImageFunctionRequest {
	packageType: 'Image';
	name: string;
	imageUri: string;
	architecture: string;
	role: string;
	command?: string[];
	entryPoint?: string[];
	workingDirectory?: string;
}

export type NewFunctionRequest = ZipFunctionRequest | ImageFunctionRequest;

/** The image form's values as a request (the values were checked by the form first). */
export function imageRequestOf(values: Readonly<Record<string, string>>): ImageFunctionRequest {
	const request: ImageFunctionRequest = {
		packageType: 'Image',
		name: (values['name'] ?? '').trim(),
		imageUri: (values['imageUri'] ?? '').trim(),
		architecture: values['architecture'] ?? 'x86_64',
		role: (values['role'] ?? '').trim(),
	};
	const command = parseCommandList(values['command'] ?? '');
	const entryPoint = parseCommandList(values['entryPoint'] ?? '');
	if (command.ok && command.value !== undefined) request.command = command.value;
	if (entryPoint.ok && entryPoint.value !== undefined) request.entryPoint = entryPoint.value;
	const workingDirectory = (values['workingDirectory'] ?? '').trim();
	if (workingDirectory !== '') request.workingDirectory = workingDirectory;
	return request;
}

/** What CreateFunction's ResourceConflictException means when a function is created. */
export function nameTakenMessage(name: string): string {
	return `A function named ${name} already exists here: choose another name.`;
}
