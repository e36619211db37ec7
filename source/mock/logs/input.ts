// Reading a CloudWatch Logs request body the way the service does: members of
// the wrong JSON type are a SerializationException; the constraints of the
// service model (lengths, patterns, ranges, enums, required members) are all
// checked, then reported together as one InvalidParameterException:
// "1 validation error detected: Value '100' at 'limit' failed to satisfy
// constraint: Member must have value less than or equal to 50".

import {LogsError} from './errors.js';

export type JsonObject = Record<string, unknown>;

export const groupNamePattern = '[\\.\\-_/#A-Za-z0-9]+';
export const streamNamePattern = '[^:*]*';
export const groupIdentifierPattern = '[\\w#+=/:,.@-]*';

function jsonKind(value: unknown): string {
	if (typeof value === 'string') return 'STRING_VALUE';
	if (typeof value === 'number') return 'NUMBER_VALUE';
	if (typeof value === 'boolean') return value ? 'TRUE_VALUE' : 'FALSE_VALUE';
	if (Array.isArray(value)) return 'START_ARRAY';
	return 'START_OBJECT';
}

function serialization(value: unknown, type: string): LogsError {
	return new LogsError('SerializationException', `${jsonKind(value)} can not be converted to ${type}`);
}

function shown(value: unknown): string {
	if (value === undefined) return 'null';
	if (Array.isArray(value)) return `'[${value.map(String).join(', ')}]'`;
	return `'${String(value)}'`;
}

/** Parses the body: an empty body is an empty request, anything but a JSON object is a SerializationException. */
export function parseBody(body: Buffer): JsonObject {
	const text = body.toString('utf8').trim();
	if (text === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new LogsError('SerializationException', 'Unexpected character: the request body is not valid JSON');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new LogsError('SerializationException', `${jsonKind(parsed)} can not be converted to a structure`);
	}
	return parsed as JsonObject;
}

interface StringRules {
	required?: boolean;
	min?: number;
	max?: number;
	pattern?: string;
}

interface NumberRules {
	required?: boolean;
	min?: number;
	max?: number;
	/** The allowed values, shown as the enum of the model. */
	oneOf?: readonly number[];
}

/** Reads members of one request and collects the constraint violations. */
export class RequestReader {
	private readonly problems: string[] = [];

	constructor(private readonly input: JsonObject) {}

	private violation(member: string, value: unknown, constraint: string): void {
		this.problems.push(`Value ${shown(value)} at '${member}' failed to satisfy constraint: ${constraint}`);
	}

	private checkString(member: string, value: string, rules: StringRules): void {
		const length = [...value].length;
		if (rules.min !== undefined && length < rules.min) {
			this.violation(member, value, `Member must have length greater than or equal to ${rules.min}`);
		} else if (rules.max !== undefined && length > rules.max) {
			this.violation(member, value, `Member must have length less than or equal to ${rules.max}`);
		}
		if (rules.pattern !== undefined && !new RegExp(`^(?:${rules.pattern})$`, 'u').test(value)) {
			this.violation(member, value, `Member must satisfy regular expression pattern: ${rules.pattern}`);
		}
	}

	string(member: string, rules: StringRules = {}): string | undefined {
		const value = this.input[member];
		if (value === undefined || value === null) {
			if (rules.required === true) this.violation(member, undefined, 'Member must not be null');
			return undefined;
		}
		if (typeof value !== 'string') throw serialization(value, 'String');
		this.checkString(member, value, rules);
		return value;
	}

	number(member: string, rules: NumberRules = {}): number | undefined {
		const value = this.input[member];
		if (value === undefined || value === null) {
			if (rules.required === true) this.violation(member, undefined, 'Member must not be null');
			return undefined;
		}
		if (typeof value !== 'number' || !Number.isFinite(value)) throw serialization(value, 'Long');
		const whole = Math.trunc(value);
		if (rules.oneOf !== undefined && !rules.oneOf.includes(whole)) {
			this.violation(member, whole, `Member must satisfy enum value set: [${rules.oneOf.join(', ')}]`);
		} else if (rules.min !== undefined && whole < rules.min) {
			this.violation(member, whole, `Member must have value greater than or equal to ${rules.min}`);
		} else if (rules.max !== undefined && whole > rules.max) {
			this.violation(member, whole, `Member must have value less than or equal to ${rules.max}`);
		}
		return whole;
	}

	boolean(member: string): boolean | undefined {
		const value = this.input[member];
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'boolean') throw serialization(value, 'Boolean');
		return value;
	}

	enumeration<T extends string>(member: string, values: readonly T[]): T | undefined {
		const value = this.string(member);
		if (value === undefined) return undefined;
		if (!(values as readonly string[]).includes(value)) {
			this.violation(member, value, `Member must satisfy enum value set: [${values.join(', ')}]`);
			return undefined;
		}
		return value as T;
	}

	strings(member: string, list: {required?: boolean; min?: number; max?: number}, item: StringRules = {}): string[] | undefined {
		const value = this.input[member];
		if (value === undefined || value === null) {
			if (list.required === true) this.violation(member, undefined, 'Member must not be null');
			return undefined;
		}
		if (!Array.isArray(value)) throw serialization(value, 'a list');
		const items: string[] = [];
		for (const entry of value) {
			if (typeof entry !== 'string') throw serialization(entry, 'String');
			items.push(entry);
		}
		if (list.min !== undefined && items.length < list.min) {
			this.violation(member, items, `Member must have length greater than or equal to ${list.min}`);
		} else if (list.max !== undefined && items.length > list.max) {
			this.violation(member, items, `Member must have length less than or equal to ${list.max}`);
		}
		items.forEach((entry, index) => this.checkString(`${member}.${index + 1}.member`, entry, item));
		return items;
	}

	/** A list of structures, each read by `read` with its own reader (violations are named member.N.field). */
	objects<T>(member: string, list: {required?: boolean; min?: number; max?: number}, read: (reader: RequestReader) => T): T[] | undefined {
		const value = this.input[member];
		if (value === undefined || value === null) {
			if (list.required === true) this.violation(member, undefined, 'Member must not be null');
			return undefined;
		}
		if (!Array.isArray(value)) throw serialization(value, 'a list');
		if (list.min !== undefined && value.length < list.min) {
			this.problems.push(`Value '[]' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to ${list.min}`);
		} else if (list.max !== undefined && value.length > list.max) {
			this.problems.push(
				`Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${list.max}`,
			);
		}
		return value.map((entry, index) => {
			if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw serialization(entry, 'a structure');
			const reader = new RequestReader(entry as JsonObject);
			const result = read(reader);
			for (const problem of reader.problems) {
				this.problems.push(problem.replace(/ at '([^']*)'/, ` at '${member}.${index + 1}.member.$1'`));
			}
			return result;
		});
	}

	/** Throws the collected violations as one InvalidParameterException. */
	done(): void {
		if (this.problems.length === 0) return;
		const count = this.problems.length;
		throw new LogsError(
			'InvalidParameterException',
			`${count} validation error${count === 1 ? '' : 's'} detected: ${this.problems.join('; ')}`,
		);
	}
}
