// The general configuration form: each field's check (a message naming what is
// allowed, or undefined), and the change the form's values make. The limits
// are the ones the local Lambda enforces (limits.ts).
import {parseEphemeralStorage, parseMemorySize, parseTimeout, type Parsed} from './config-input.js';
import type {ConfigurationChange, FunctionDetail} from './function-model.js';
import {descriptionMaxLength, handlerMaxLength, runtimes} from './limits.js';
import {isRuntimeBlocked, isRuntimeDeprecated, runtimeDeprecation} from './runtime-deprecation.js';

const problem = <T>(parsed: Parsed<T>): string | undefined => (parsed.ok ? undefined : parsed.message);

export const generalFormChecks = {
	description: (text: string): string | undefined =>
		text.length > descriptionMaxLength ? `At most ${descriptionMaxLength} characters (this is ${text.length})` : undefined,
	memory: (text: string): string | undefined => problem(parseMemorySize(text)),
	ephemeral: (text: string): string | undefined => problem(parseEphemeralStorage(text)),
	timeout: (text: string): string | undefined => problem(parseTimeout(text)),
	handler: (text: string): string | undefined => {
		if (text.trim() === '') return 'A handler is needed, e.g. index.handler';
		if (/\s/.test(text)) return 'No spaces: file.function, e.g. index.handler';
		if (text.length > handlerMaxLength) return `At most ${handlerMaxLength} characters`;
		return undefined;
	},
	/** A runtime to change to: one Lambda still lets functions be updated to. */
	runtime: (text: string, at: Date = new Date()): string | undefined => {
		const value = runtimeOfChoice(text);
		if (!runtimes.includes(value)) return 'Not a Lambda runtime: use one like nodejs22.x, python3.13, provided.al2023';
		if (isRuntimeBlocked(value, 'update', at)) {
			return `Lambda no longer updates functions to ${value}: use ${runtimeDeprecation(value)?.successor ?? 'a supported runtime'}`;
		}
		return undefined;
	},
};

const deprecatedMark = ' (deprecated)';

/**
 * The runtimes the form offers, as the SDK lists them: those Lambda still lets
 * a function be updated to, and the function's own; deprecated ones marked.
 */
export function runtimeChoices(current: string, at: Date = new Date()): string[] {
	return runtimes
		.filter((runtime) => runtime === current || !isRuntimeBlocked(runtime, 'update', at))
		.map((runtime) => (isRuntimeDeprecated(runtime, at) || isRuntimeBlocked(runtime, 'update', at) ? `${runtime}${deprecatedMark}` : runtime));
}

/** The runtime a choice names (without its mark). */
export function runtimeOfChoice(choice: string): string {
	return choice.endsWith(deprecatedMark) ? choice.slice(0, -deprecatedMark.length) : choice.trim();
}

/** A warning to show beside a deprecated runtime; undefined for a supported one. */
export function runtimeNote(runtime: string, at: Date = new Date()): string | undefined {
	const deprecation = runtimeDeprecation(runtime);
	if (deprecation === undefined) return undefined;
	if (isRuntimeBlocked(runtime, 'update', at)) return `blocked: Lambda no longer updates it; move to ${deprecation.successor}`;
	if (isRuntimeDeprecated(runtime, at)) return `deprecated: move to ${deprecation.successor}`;
	return `deprecated from ${deprecation.deprecated}: plan a move to ${deprecation.successor}`;
}

export interface GeneralChange {
	change: ConfigurationChange;
	/** How many settings differ from what the function has. */
	changes: number;
	/** What changed, for messages: "memory 256 MB, timeout 30 s". */
	label: string;
}

/** The change the form's (checked) values make to the function: only what differs. */
/** The settings the general form edits. */
export type GeneralSettings = Pick<FunctionDetail, 'description' | 'memoryMb' | 'ephemeralStorageMb' | 'timeoutSeconds' | 'handler' | 'runtime'>;

export function parseGeneralForm(values: Record<string, string>, detail: GeneralSettings): GeneralChange {
	const change: ConfigurationChange = {};
	const labels: string[] = [];
	const description = values['description'] ?? detail.description;
	if (description !== detail.description) {
		change.description = description;
		labels.push('description');
	}
	const parsedMemory = parseMemorySize(values['memory'] ?? '');
	const memory = parsedMemory.ok ? parsedMemory.value : detail.memoryMb;
	if (memory !== detail.memoryMb) {
		change.memoryMb = memory;
		labels.push(`memory ${memory} MB`);
	}
	const parsedEphemeral = parseEphemeralStorage(values['ephemeral'] ?? '');
	const ephemeral = parsedEphemeral.ok ? parsedEphemeral.value : detail.ephemeralStorageMb;
	if (ephemeral !== detail.ephemeralStorageMb) {
		change.ephemeralStorageMb = ephemeral;
		labels.push(`ephemeral storage ${ephemeral} MB`);
	}
	const parsedTimeout = parseTimeout(values['timeout'] ?? '');
	const timeout = parsedTimeout.ok ? parsedTimeout.value : detail.timeoutSeconds;
	if (timeout !== detail.timeoutSeconds) {
		change.timeoutSeconds = timeout;
		labels.push(`timeout ${timeout} s`);
	}
	const handler = (values['handler'] ?? detail.handler).trim();
	if (handler !== detail.handler) {
		change.handler = handler;
		labels.push(`handler ${handler}`);
	}
	const runtime = runtimeOfChoice(values['runtime'] ?? detail.runtime);
	if (runtime !== detail.runtime) {
		change.runtime = runtime;
		labels.push(`runtime ${runtime}`);
	}
	return {change, changes: labels.length, label: labels.join(', ')};
}
