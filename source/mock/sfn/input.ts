// Reading a Step Functions request: members of the right JSON type, within
// the lengths and ranges of the service model, worded as AWS's request
// validation words a failure ("1 validation error detected: Value ... at
// 'name' failed to satisfy constraint: ..."), and the checks Step Functions
// itself makes of names and ARNs (InvalidName, InvalidArn).

import {jsonObjectOf, type JsonObject} from '../json-body.js';
import {invalidArn, invalidName, SfnError, validationError} from './errors.js';

export type {JsonObject};

export function parseBody(body: Buffer): JsonObject {
	return jsonObjectOf(body, (problem) =>
		problem.kind === 'syntax'
			? new SfnError('SerializationException', `Could not parse the request body as JSON: ${problem.detail}`)
			: new SfnError('SerializationException', 'The request body must be a JSON object.'),
	);
}

function shown(value: unknown): string {
	return value === undefined ? 'null' : `'${String(value)}'`;
}

export interface StringRules {
	required?: boolean;
	min: number;
	max: number;
	/** Not echoed in messages (the definition is sensitive in the model). */
	sensitive?: boolean;
}

/** A string member; undefined when absent and not required. */
export function readString(input: JsonObject, member: string, rules: StringRules): string | undefined {
	const value = input[member];
	if (value === undefined || value === null) {
		if (rules.required) throw validationError(`Value null at '${member}' failed to satisfy constraint: Member must not be null`);
		return undefined;
	}
	if (typeof value !== 'string') throw new SfnError('SerializationException', `Expected a string for '${member}'.`);
	const text = rules.sensitive ? '******' : value;
	if (value.length < rules.min) {
		throw validationError(`Value ${shown(text)} at '${member}' failed to satisfy constraint: Member must have length greater than or equal to ${rules.min}`);
	}
	if (value.length > rules.max) {
		throw validationError(`Value ${shown(text)} at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${rules.max}`);
	}
	return value;
}

export function readInteger(input: JsonObject, member: string, min: number, max: number): number | undefined {
	const value = input[member];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value)) throw new SfnError('SerializationException', `Expected an integer for '${member}'.`);
	if (value < min) throw validationError(`Value '${value}' at '${member}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
	if (value > max) throw validationError(`Value '${value}' at '${member}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
	return value;
}

export function readEnum<T extends string>(input: JsonObject, member: string, values: readonly T[]): T | undefined {
	const value = input[member];
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') {
		const found = values.find((entry) => entry === value);
		if (found !== undefined) return found;
	}
	throw validationError(`Value ${shown(value)} at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`);
}

export interface Tag {
	key: string;
	value: string;
}

export function readTags(input: JsonObject, member: string): Tag[] | undefined {
	const value = input[member];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value)) throw new SfnError('SerializationException', `Expected a list for '${member}'.`);
	return value.map((entry: unknown, index) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new SfnError('SerializationException', `Expected a structure at '${member}.${index + 1}'.`);
		const tag = entry as JsonObject;
		const key = readString(tag, 'key', {min: 1, max: 128}) ?? '';
		const tagValue = readString(tag, 'value', {min: 0, max: 256}) ?? '';
		if (key === '') throw validationError(`Value null at '${member}.${index + 1}.member.key' failed to satisfy constraint: Member must not be null`);
		return {key, value: tagValue};
	});
}

// Whitespace, brackets, wildcards, the special characters and the control characters Step Functions forbids in a name.
const forbiddenInName = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/u;

/** A state machine's name (1 to 80 characters already checked): InvalidName when it holds a forbidden character. */
export function checkName(name: string): void {
	if (forbiddenInName.test(name)) throw invalidName(name);
}

export interface StateMachineArnParts {
	region: string;
	accountId: string;
	name: string;
	/** A version number or an alias name after the state machine's name. */
	qualifier: string | undefined;
}

/** arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME[:QUALIFIER]; InvalidArn otherwise. */
export function parseStateMachineArn(arn: string): StateMachineArnParts {
	const parts = arn.split(':');
	if (parts[0] !== 'arn' || parts.length < 6) throw invalidArn(`Invalid ARN prefix: ${arn}`);
	if (parts[2] !== 'states') throw invalidArn(`Resource type not valid in this context: ${parts[2] ?? ''}`);
	if (parts[5] !== 'stateMachine') throw invalidArn(`Resource type not valid in this context: ${parts[5] ?? ''}`);
	const name = parts[6];
	if (name === undefined || name === '' || parts.length > 8) throw invalidArn(`Invalid Arn: ${arn}`);
	return {region: parts[3] ?? '', accountId: parts[4] ?? '', name, qualifier: parts[7]};
}

/** An IAM role's ARN: arn:PARTITION:iam::ACCOUNT:role/NAME; InvalidArn otherwise. */
export function checkRoleArn(arn: string): void {
	const parts = arn.split(':');
	if (parts[0] !== 'arn' || parts.length < 6) throw invalidArn(`Invalid ARN prefix: ${arn}`);
	if (parts[2] !== 'iam' || !(parts[5] ?? '').startsWith('role/')) throw invalidArn(`Resource type not valid in this context: ${parts.slice(5).join(':')}`);
}
