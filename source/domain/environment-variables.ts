// A function's environment variables as the console edits them: the checks
// of each name and of the whole set (Lambda's rules, in words that say what is
// allowed), the use of the 4 KB limit for a gauge, and the KEY=VALUE text an
// $EDITOR session edits, read back with the line of every problem.
//
// Lambda measures the 4 KB against the variables as compact JSON, in UTF-8
// bytes: {"KEY":"value","OTHER":"x"} (the "String measured" of its message),
// so quotes, braces, commas and JSON escapes count too, and {} is 2 bytes.

import {environmentMaxBytes, reservedEnvironmentVariables} from './limits.js';
import {environmentSize, environmentVariableNamePattern, isReservedEnvironmentVariable} from './validate.js';

const nameRegex = new RegExp(`^${environmentVariableNamePattern}$`);

export interface EnvironmentUsage {
	usedBytes: number;
	limitBytes: number;
}

/** How much of Lambda's 4 KB the variables take, measured as Lambda measures it. */
export function environmentUsage(variables: Readonly<Record<string, string>>): EnvironmentUsage {
	return {usedBytes: environmentSize(variables), limitBytes: environmentMaxBytes};
}

/** A variable's name: undefined when Lambda takes it, else what is wrong and what is allowed. */
export function checkEnvironmentVariableName(name: string): string | undefined {
	if (!nameRegex.test(name)) {
		return `'${name}' is not a valid variable name: start with a letter, then letters, digits or underscores, at least 2 characters (${environmentVariableNamePattern}).`;
	}
	if (isReservedEnvironmentVariable(name)) {
		return `${name} is set by Lambda itself and cannot be set here; choose another name (reserved: ${reservedEnvironmentVariables.join(', ')}).`;
	}
	return undefined;
}

function sizeProblem(usedBytes: number): string {
	return `The variables take ${usedBytes} bytes; Lambda allows ${environmentMaxBytes} bytes (4 KB) in all, measured as JSON: shorten or remove some.`;
}

/** The whole set: every problem, each naming what is allowed. Empty when Lambda takes the set. */
export function checkEnvironmentVariables(variables: Readonly<Record<string, string>>): string[] {
	const problems: string[] = [];
	for (const name of Object.keys(variables)) {
		const problem = checkEnvironmentVariableName(name);
		if (problem !== undefined) problems.push(problem);
	}
	const {usedBytes} = environmentUsage(variables);
	if (usedBytes > environmentMaxBytes) problems.push(sizeProblem(usedBytes));
	return problems;
}

// ---- the KEY=VALUE text --------------------------------------------------

export interface EnvironmentTextProblem {
	/** The line (from 1) the problem is on; undefined for a problem of the whole set (its size). */
	line?: number;
	message: string;
}

export interface ParsedEnvironmentText {
	/** The variables read, in the order of the text; of a repeated name, the first. */
	variables: Record<string, string>;
	problems: EnvironmentTextProblem[];
}

/** A value written in double quotes is read as a JSON string (for new lines, and spaces at either end). */
function readValue(raw: string): string {
	if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
		try {
			const decoded: unknown = JSON.parse(raw);
			if (typeof decoded === 'string') return decoded;
		} catch {
			// Not a JSON string: the value is the text as written.
		}
	}
	return raw;
}

/**
 * Reads the text an $EDITOR session left: one KEY=VALUE a line; blank lines
 * and lines starting with # are skipped; the value is everything after the
 * first '=' (so it may contain '='), as written, or a JSON string when it is
 * written in double quotes.
 */
export function parseEnvironmentText(text: string): ParsedEnvironmentText {
	const variables: Record<string, string> = {};
	const problems: EnvironmentTextProblem[] = [];
	const firstLine = new Map<string, number>();
	const lines = text.split(/\r?\n/);
	for (const [index, line] of lines.entries()) {
		const number = index + 1;
		const trimmed = line.trim();
		if (trimmed === '' || trimmed.startsWith('#')) continue;
		const equals = line.indexOf('=');
		if (equals === -1) {
			problems.push({line: number, message: `Line ${number}: write KEY=VALUE (no '=' found).`});
			continue;
		}
		const name = line.slice(0, equals).trim();
		if (name === '') {
			problems.push({line: number, message: `Line ${number}: the name before '=' is missing; write KEY=VALUE.`});
			continue;
		}
		const earlier = firstLine.get(name);
		if (earlier !== undefined) {
			problems.push({line: number, message: `Line ${number}: ${name} is already set on line ${earlier}; keep one of them.`});
			continue;
		}
		firstLine.set(name, number);
		const problem = checkEnvironmentVariableName(name);
		if (problem !== undefined) problems.push({line: number, message: `Line ${number}: ${problem}`});
		variables[name] = readValue(line.slice(equals + 1));
	}
	const {usedBytes} = environmentUsage(variables);
	if (usedBytes > environmentMaxBytes) problems.push({message: sizeProblem(usedBytes)});
	return {variables, problems};
}

/** Whether a value must be written as a JSON string to read back the same. */
function needsQuotes(value: string): boolean {
	return /[\r\n]/.test(value) || value !== value.trim() || value.startsWith('"');
}

/**
 * The text for an $EDITOR session: the comment lines given (each prefixed
 * with "# "), then one KEY=VALUE a line. parseEnvironmentText reads it back
 * to the same variables.
 */
export function formatEnvironmentText(variables: Readonly<Record<string, string>>, comment: readonly string[] = []): string {
	const lines = comment.map((line) => (line === '' ? '#' : `# ${line}`));
	for (const [name, value] of Object.entries(variables)) lines.push(`${name}=${needsQuotes(value) ? JSON.stringify(value) : value}`);
	return `${lines.join('\n')}\n`;
}

/** The comment the console puts above the variables in an $EDITOR session. */
export const environmentTextHelp: readonly string[] = [
	'One KEY=VALUE a line. Lines starting with # and blank lines are ignored.',
	'Names: a letter, then letters, digits or _. The value is everything after the first =.',
	'Write a value in double quotes, as JSON, for new lines or spaces at either end: KEY="two\\nlines".',
	`All variables together may take ${environmentMaxBytes} bytes, measured as JSON. Save and quit to apply; an empty file removes them all.`,
];

/** The 4 KB budget as a gauge: "[███░░░░░░░] 1234 of 4096 bytes". */
export function usageGauge(usage: EnvironmentUsage, cells = 10): string {
	const ratio = Math.min(1, usage.usedBytes / usage.limitBytes);
	const filled = usage.usedBytes > 0 ? Math.max(1, Math.round(ratio * cells)) : 0;
	return `[${'█'.repeat(filled)}${'░'.repeat(cells - filled)}] ${usage.usedBytes} of ${usage.limitBytes} bytes`;
}
