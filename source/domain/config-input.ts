// What a person types into the console's Configuration forms, read and
// checked before anything is sent: timeouts ("30", "30s", "5m", "1m30s"),
// memory and ephemeral storage in MB, and tags. Each check answers with a
// message that says what is allowed; the limits are those of limits.ts, the
// same the local Lambda enforces.

import {
	ephemeralStorageMax,
	ephemeralStorageMin,
	memorySizeMax,
	memorySizeMin,
	tagKeyMaxLength,
	tagValueMaxLength,
	tagsPerResourceMax,
	timeoutMax,
	timeoutMin,
} from './limits.js';
import {checkTags} from './validate.js';

/** A value read from a form field, or why it cannot be. */
export type Parsed<T> = {ok: true; value: T} | {ok: false; message: string};

function failure<T>(message: string): Parsed<T> {
	return {ok: false, message};
}

const timeoutRange = `between ${timeoutMin} second and ${timeoutMax / 60} minutes (${timeoutMin}-${timeoutMax} seconds)`;

/**
 * A timeout in seconds from "30", "30s", "5m", "15m" or "1m30s" (spaces and
 * upper case allowed), between 1 second and 15 minutes.
 */
export function parseTimeout(text: string): Parsed<number> {
	const compact = text.replace(/\s+/g, '').toLowerCase();
	const match = /^(?:(\d+)m)?(?:(\d+)s?)?$/.exec(compact);
	if (compact === '' || match === null || (match[1] === undefined && match[2] === undefined)) {
		return failure(`'${text.trim()}' is not a timeout: write seconds or minutes, like 30, 30s, 5m or 1m30s, ${timeoutRange}.`);
	}
	const minutes = Number(match[1] ?? '0');
	const seconds = Number(match[2] ?? '0');
	if (match[1] !== undefined && match[2] !== undefined && !compact.endsWith('s')) {
		return failure(`'${text.trim()}' is not a timeout: after minutes, end the seconds with s, like 1m30s, ${timeoutRange}.`);
	}
	const total = minutes * 60 + seconds;
	if (total < timeoutMin || total > timeoutMax) return failure(`The timeout must be ${timeoutRange}; ${formatTimeout(total)} is outside.`);
	return {ok: true, value: total};
}

/** Seconds as the timeout field shows them: "30s", "5m", "1m30s". */
export function formatTimeout(seconds: number): string {
	const minutes = Math.floor(seconds / 60);
	const rest = seconds % 60;
	if (minutes === 0) return `${rest}s`;
	return rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`;
}

function parseMegabytes(text: string, what: string, min: number, max: number): Parsed<number> {
	const compact = text.replace(/\s+/g, '').toUpperCase();
	const range = `a whole number of MB from ${min} to ${max} MB (${max / 1024} GB)`;
	const match = /^(\d+(?:\.\d+)?)(MB|M|GB|G)?$/.exec(compact);
	if (match === null) return failure(`'${text.trim()}' is not ${what}: write ${range}, like ${min} or ${min}MB.`);
	const amount = Number(match[1]);
	const unit = match[2] ?? 'MB';
	const megabytes = unit.startsWith('G') ? amount * 1024 : amount;
	if (!Number.isInteger(megabytes)) return failure(`${what[0]?.toUpperCase() ?? ''}${what.slice(1)} must be ${range}.`);
	if (megabytes < min || megabytes > max) {
		return failure(`${what[0]?.toUpperCase() ?? ''}${what.slice(1)} must be ${range}; ${megabytes} MB is outside.`);
	}
	return {ok: true, value: megabytes};
}

/** Memory in MB ("512", "512MB", "2GB"): 128 to 10240 MB. */
export function parseMemorySize(text: string): Parsed<number> {
	return parseMegabytes(text, 'memory', memorySizeMin, memorySizeMax);
}

/** Ephemeral storage (/tmp) in MB ("512", "10GB"): 512 to 10240 MB. */
export function parseEphemeralStorage(text: string): Parsed<number> {
	return parseMegabytes(text, 'ephemeral storage', ephemeralStorageMin, ephemeralStorageMax);
}

/** What the tag rules allow, for a form's help line. */
export const tagRules = `At most ${tagsPerResourceMax} tags; keys 1-${tagKeyMaxLength} characters, values up to ${tagValueMaxLength}; letters, digits, spaces and _ . : / = + - @; keys may not start with aws:.`;

/**
 * Tags to set on a function that has `existing` tags (a key it has is
 * replaced): every problem Lambda would refuse them for, each naming what is
 * allowed. Empty when they can be sent.
 */
export function checkTagInput(tags: Readonly<Record<string, string>>, existing: Readonly<Record<string, string>> = {}): string[] {
	const problems: string[] = [];
	for (const [key, value] of Object.entries(tags)) {
		for (const problem of checkTags({[key]: value})) problems.push(problem.message);
	}
	const total = new Set([...Object.keys(existing), ...Object.keys(tags)]).size;
	if (total > tagsPerResourceMax) problems.push(`A function can have at most ${tagsPerResourceMax} tags; these would leave it ${total}.`);
	return problems;
}
