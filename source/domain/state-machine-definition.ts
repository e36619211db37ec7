// Amazon States Language definitions, read without running them: which states
// of a state machine call a Lambda function (a Task whose Resource is the
// function's ARN, or the lambda:invoke integration naming it in FunctionName,
// inside Parallel branches and Map item processors too), which lines of the
// pretty-printed definition name it, and the first checks Step Functions makes
// of a definition (JSON, an object, StartAt and States) before it accepts it.

import {breakLines} from './format.js';
import type {StyledLine} from './invocation-result.js';
import {cleanLines} from './sanitize.js';

export interface LambdaFunctionRef {
	name: string;
	/** arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME, qualified or not. */
	arn: string;
	account: string;
	region: string;
}

export interface FunctionCall {
	stateName: string;
	/** Where the state is, outermost first: "Parallel A › branch 1 › Charge". */
	path: string;
	/** The Task's Resource: the function's ARN, or arn:aws:states:::lambda:invoke… */
	resource: string;
}

export const pathSeparator = ' › ';

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The function's ARN without a version or alias: arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME. */
function unqualifiedArn(arn: string): string {
	return arn.split(':').slice(0, 7).join(':');
}

/** A version ($LATEST or digits) or an alias name, as Lambda allows them after the function. */
const qualifierPattern = /^(\$LATEST|[a-zA-Z0-9_-]{1,128})$/;

/** `value` is `base` or `base:QUALIFIER`. */
function isBaseWithQualifier(value: string, base: string): boolean {
	if (value === base) return true;
	if (!value.startsWith(`${base}:`)) return false;
	return qualifierPattern.test(value.slice(base.length + 1));
}

const integrationPattern = /^arn:[a-z-]+:states:::lambda:invoke(\.waitForTaskToken)?$/;

/** A FunctionName (of lambda:invoke) that means this function: its name, ARN or partial ARN, each maybe with a qualifier. */
export function functionNameMatches(value: string, fn: LambdaFunctionRef): boolean {
	const arn = unqualifiedArn(fn.arn);
	return isBaseWithQualifier(value, fn.name) || isBaseWithQualifier(value, arn) || isBaseWithQualifier(value, `${fn.account}:function:${fn.name}`);
}

/** The function this Task state calls is `fn`. */
function taskCalls(state: JsonRecord, fn: LambdaFunctionRef): boolean {
	const resource = state['Resource'];
	if (typeof resource !== 'string') return false;
	if (isBaseWithQualifier(resource, unqualifiedArn(fn.arn))) return true;
	if (!integrationPattern.test(resource)) return false;
	// JSONPath states pass Parameters; JSONata states pass Arguments. A dynamic name ("FunctionName.$", "{% … %}") cannot be known here.
	for (const key of ['Parameters', 'Arguments']) {
		const input = state[key];
		if (!isRecord(input)) continue;
		const name = input['FunctionName'];
		if (typeof name === 'string' && functionNameMatches(name, fn)) return true;
	}
	return false;
}

function collect(states: unknown, fn: LambdaFunctionRef, trail: readonly string[], found: FunctionCall[]): void {
	if (!isRecord(states)) return;
	for (const [stateName, state] of Object.entries(states)) {
		if (!isRecord(state)) continue;
		const here = [...trail, stateName];
		switch (state['Type']) {
			case 'Task':
				if (taskCalls(state, fn)) found.push({stateName, path: here.join(pathSeparator), resource: String(state['Resource'])});
				break;
			case 'Parallel': {
				const branches = state['Branches'];
				if (!Array.isArray(branches)) break;
				branches.forEach((branch: unknown, index) => {
					if (isRecord(branch)) collect(branch['States'], fn, [...here, `branch ${index + 1}`], found);
				});
				break;
			}
			case 'Map': {
				// ItemProcessor since 2022; Iterator before it (still accepted).
				const processor = isRecord(state['ItemProcessor']) ? state['ItemProcessor'] : state['Iterator'];
				if (isRecord(processor)) collect(processor['States'], fn, [...here, 'each item'], found);
				break;
			}
			default:
				break;
		}
	}
}

/** The states of the definition that call the function, in the definition's order; [] when it is not a JSON object. */
export function statesCalling(definition: string, fn: LambdaFunctionRef): FunctionCall[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(definition);
	} catch {
		return [];
	}
	if (!isRecord(parsed)) return [];
	const found: FunctionCall[] = [];
	collect(parsed['States'], fn, [], found);
	return found;
}

/** The definition indented by two spaces, as the Step Functions console shows it; as it is when it is not JSON. */
export function prettyDefinition(definition: string): string {
	try {
		return JSON.stringify(JSON.parse(definition), null, 2);
	} catch {
		return definition;
	}
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A line that names the function: its name as a whole word (not part of a longer name), so its ARN too. */
export function lineNamesFunction(line: string, name: string): boolean {
	return new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(name)}($|[^A-Za-z0-9_-])`).test(line);
}

/**
 * The definition as lines of at most `width` columns, safe to draw: a longer
 * line goes on under itself, indented, broken after a colon, slash, comma or
 * space where it can (an ARN stays readable); the lines that name the function
 * are 'heading' (drawn in the accent colour).
 */
export function definitionLines(definition: string, functionName: string, width: number): StyledLine[] {
	const room = Math.max(8, width);
	const lines: StyledLine[] = [];
	for (const line of cleanLines(definition)) {
		const tone = lineNamesFunction(line, functionName) ? 'heading' : 'normal';
		if (line.length <= room) {
			lines.push({text: line, tone});
			continue;
		}
		const indent = ' '.repeat(Math.min(line.length - line.trimStart().length + 2, Math.floor(room / 2)));
		const [first = '', ...rest] = breakLines(line, room, ':/, ');
		lines.push({text: first, tone});
		const remainder = rest.join('');
		for (const piece of breakLines(remainder, room - indent.length, ':/, ')) lines.push({text: indent + piece, tone});
	}
	return lines;
}

/**
 * What Step Functions says of a definition it refuses (InvalidDefinition), or
 * undefined when these first checks pass: JSON, an object, with a StartAt
 * string and a States object. (Step Functions checks much more: this is the
 * part the local Lambda checks.)
 */
export function definitionProblem(definition: string): string | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(definition);
	} catch (error) {
		return `INVALID_JSON_DESCRIPTION: ${(error as Error).message}`;
	}
	if (!isRecord(parsed)) return 'SCHEMA_VALIDATION_FAILED: Expected value of type: Object at /';
	const missing = ['StartAt', 'States'].filter((field) => parsed[field] === undefined);
	if (missing.length > 0) return `SCHEMA_VALIDATION_FAILED: These fields are required: [${missing.join(', ')}] at /`;
	if (typeof parsed['StartAt'] !== 'string') return 'SCHEMA_VALIDATION_FAILED: Expected value of type: String at /StartAt';
	if (!isRecord(parsed['States'])) return 'SCHEMA_VALIDATION_FAILED: Expected value of type: Object at /States';
	if (!(parsed['StartAt'] in parsed['States'])) return `MISSING_TRANSITION_TARGET: Missing 'Next' target: ${parsed['StartAt']} at /StartAt`;
	return undefined;
}
