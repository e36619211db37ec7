// CloudWatch Logs filter patterns, pure: the syntax FilterLogEvents, Live Tail,
// metric and subscription filters share ("Filter pattern syntax for metric
// filters, subscription filters, filter log events, and Live Tail" in the
// CloudWatch Logs user guide). The local CloudWatch Logs filters with it, the
// console highlights what a pattern matched with it, and a pattern it refuses
// is explained in one line with what would be read (filterPatternAdvice).
//
// Three kinds of pattern:
// - terms: `ERROR "INTERNAL SERVER ERROR" -DEBUG`, `?ERROR ?WARN`, `%regex%`.
//   Case-sensitive; every plain term must appear, no excluded term may; the
//   ?optional terms match when any appears, and are ignored as soon as the
//   pattern also has plain or excluded terms (as the guide says). A term
//   matches wherever it appears in the message. A quoted blank (`" "`) matches
//   every event. Unquoted terms may not contain : , ( ) [ ] { } * \ ` " %
//   (AWS: "Invalid character(s) in term ':'").
// - JSON: `{ $.a.b[0] = "v*" && ($.n > 5 || $.x IS NULL) }`, `{ $.y NOT EXISTS }`,
//   `{ $.['dotted.key'] = %re% }`, `{ $.list[*] = x }`, `{ $.* = 1 }`. The
//   whole message must be a JSON document. A selector that points at an object
//   or array matches no comparison. `*` in a value is a wildcard; `%...%` is a
//   regular expression searched for in the value. `IS NOT` and `EXISTS` alone
//   are not supported (as in AWS).
// - space-delimited: `[ip, user, ..., status=4*, bytes>1000]`. The message is
//   split at blanks; text in "quotes" or [brackets] is one field (without its
//   quotes or brackets). `...` stands for any number of fields; the last named
//   field takes the rest of the line. A field's condition may combine
//   comparisons with && and || (`status = 404 || status = 410`).

export interface MatchRange {
	start: number;
	end: number;
}

type TextMatcher = {kind: 'text'; text: string} | {kind: 'regex'; regex: RegExp};

type Value =
	| {kind: 'string'; text: string; glob: RegExp | undefined}
	| {kind: 'number'; value: number; text: string}
	| {kind: 'regex'; regex: RegExp};

type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=';

type Step = {kind: 'property'; name: string} | {kind: 'index'; index: number} | {kind: 'wildcard'};

type Expression<Subject> =
	| {kind: 'and'; left: Expression<Subject>; right: Expression<Subject>}
	| {kind: 'or'; left: Expression<Subject>; right: Expression<Subject>}
	| {kind: 'compare'; subject: Subject; operator: Operator; value: Value}
	| {kind: 'is'; subject: Subject; what: 'TRUE' | 'FALSE' | 'NULL'}
	| {kind: 'not-exists'; subject: Subject};

type DelimitedField = {kind: 'ellipsis'} | {kind: 'field'; name: string; condition: Expression<string> | undefined};

export type FilterPattern =
	| {kind: 'all'}
	| {kind: 'terms'; required: TextMatcher[]; excluded: TextMatcher[]; optional: TextMatcher[]}
	| {kind: 'json'; expression: Expression<Step[]>}
	| {kind: 'delimited'; fields: DelimitedField[]};

export type FilterPatternResult = {ok: true; pattern: FilterPattern} | {ok: false; message: string};

/** The pattern language's own limit on the length of a pattern. */
export const filterPatternMaxLength = 1024;

const invalidPattern = 'Invalid filter pattern';

class PatternError extends Error {}

/** Parses a filter pattern; an empty one matches every event. */
export function parseFilterPattern(source: string): FilterPatternResult {
	try {
		return {ok: true, pattern: parse(source)};
	} catch (error) {
		if (error instanceof PatternError) return {ok: false, message: error.message};
		throw error;
	}
}

/** Where CloudWatch refuses a term, in its words: "Invalid character(s) in term ':'". */
const badCharacterMessage = /^Invalid character\(s\) in term '(.*)'$/s;
/** Characters that keep a term from standing unquoted. */
const quotedOnly = /[:,()[\]{}*\\`"%]/;
/** Longest term repeated back quoted in the advice (the advice is one line). */
const quotedTermMax = 24;
const notReadable = 'Not a pattern CloudWatch reads';

/** Which of the three kinds a pattern means to be, from its first character. */
function intendedKind(trimmed: string): 'json' | 'delimited' | 'terms' {
	if (trimmed.startsWith('{')) return 'json';
	if (trimmed.startsWith('[')) return 'delimited';
	return 'terms';
}

/** The unquoted term (with its ? or -) that holds `character`, when there is one. */
function termHolding(trimmed: string, character: string): string | undefined {
	return trimmed.split(/\s+/).find((word) => !/^[?-]?["%]/.test(word) && word.includes(character));
}

/** Whether the pattern leaves a double quote open (\" inside quotes does not close them). */
function hasOpenQuote(text: string): boolean {
	let open = false;
	for (let index = 0; index < text.length; index += 1) {
		if (open && text[index] === '\\') index += 1;
		else if (text[index] === '"') open = !open;
	}
	return open;
}

/**
 * Why a filter pattern is not one CloudWatch reads, and what it would read
 * instead, in one line of at most about 72 columns (a form's note): CloudWatch's
 * own reason ("Invalid character(s) in term ':'") with the fix, or, where
 * CloudWatch only says "Invalid filter pattern", what is wrong where it is
 * plain and an example of the kind of pattern meant. Undefined when the
 * pattern is fine (an empty one is: it matches every line).
 */
export function filterPatternAdvice(source: string): string | undefined {
	const parsed = parseFilterPattern(source);
	if (parsed.ok) return undefined;
	if (source.length > filterPatternMaxLength) {
		return `A filter pattern holds at most ${filterPatternMaxLength} characters; this one has ${source.length}`;
	}
	const trimmed = source.trim();
	const kind = intendedKind(trimmed);
	const badCharacter = badCharacterMessage.exec(parsed.message);
	if (badCharacter !== null) {
		if (kind === 'json') return `${parsed.message}: write it as { $.level = "ERROR" }`;
		if (kind === 'delimited') return `${parsed.message}: write it as [ip, user, status = 404]`;
		const character = badCharacter[1] ?? '';
		const term = termHolding(trimmed, character);
		if (term === undefined) {
			// Only a regular expression's ( ) are refused where no plain term holds them.
			return `${parsed.message}: a %regex% has no groups: %ERROR|WARN%`;
		}
		const sign = /^[?-]/.test(term) ? term.slice(0, 1) : '';
		const bare = term.slice(sign.length);
		const example = bare.length <= quotedTermMax && !/["\\]/.test(bare) ? `${sign}"${bare}"` : '"a:b"';
		return `${parsed.message}: quote such a term, ${example}`;
	}
	// CloudWatch says only "Invalid filter pattern": say what is wrong where it is plain.
	if (kind === 'json') {
		if (!trimmed.endsWith('}')) return `${notReadable}: no closing }. Try { $.level = "ERROR" }`;
		if (/\bIS\s+NOT\b|\bEXISTS\b/.test(trimmed) && !/\bNOT\s+EXISTS\b/.test(trimmed)) return `${notReadable}: only NOT EXISTS. Try { $.user NOT EXISTS }`;
		return `${notReadable}. Try { $.level = "ERROR" && $.ms > 100 }`;
	}
	if (kind === 'delimited') {
		if (!trimmed.endsWith(']')) return `${notReadable}: no closing ]. Try [ip, status = 404, ...]`;
		return `${notReadable}. Try [ip, user, ..., status = 404]`;
	}
	if (hasOpenQuote(trimmed)) return `${notReadable}: a " is not closed. Try "Task timed out"`;
	if (/(?:^|\s)[?-](?:\s|$)/.test(trimmed)) return `${notReadable}: no blank after ? or -. Try ?ERROR -DEBUG`;
	if (trimmed.includes('%')) return `${notReadable}: check the %regex%. Try %ERROR|WARN%`;
	if (quotedOnly.test(trimmed)) return `${notReadable}: blank between terms. Try ERROR "a b"`;
	return `${notReadable}. Try ERROR -DEBUG · ?ERROR ?WARN · "a b"`;
}

/** Whether a log event's message matches the pattern. */
export function matchesFilterPattern(pattern: FilterPattern, message: string): boolean {
	switch (pattern.kind) {
		case 'all':
			return true;
		case 'terms':
			return matchesTerms(pattern, message);
		case 'json':
			return matchesJson(pattern.expression, message);
		case 'delimited':
			return matchesDelimited(pattern.fields, message);
	}
}

/**
 * Where a matching message shows what the pattern looked for, sorted and
 * merged: the terms and regular expressions of a terms pattern. JSON and
 * space-delimited patterns match structure, not text: no ranges.
 */
export function filterPatternHighlights(pattern: FilterPattern, message: string): MatchRange[] {
	if (pattern.kind !== 'terms') return [];
	const matchers = pattern.required.length > 0 || pattern.excluded.length > 0 ? pattern.required : pattern.optional;
	const ranges: MatchRange[] = [];
	for (const matcher of matchers) {
		if (matcher.kind === 'text') {
			if (matcher.text.trim() === '') continue;
			for (let at = message.indexOf(matcher.text); at !== -1; at = message.indexOf(matcher.text, at + matcher.text.length)) {
				ranges.push({start: at, end: at + matcher.text.length});
			}
		} else {
			const global = new RegExp(matcher.regex.source, `${matcher.regex.flags}g`);
			for (const found of message.matchAll(global)) {
				if (found[0].length > 0) ranges.push({start: found.index, end: found.index + found[0].length});
			}
		}
	}
	ranges.sort((left, right) => left.start - right.start || left.end - right.end);
	const merged: MatchRange[] = [];
	for (const range of ranges) {
		const last = merged[merged.length - 1];
		if (last !== undefined && range.start <= last.end) last.end = Math.max(last.end, range.end);
		else merged.push({...range});
	}
	return merged;
}

// ---------------------------------------------------------------- parsing

function parse(source: string): FilterPattern {
	if (source.length > filterPatternMaxLength) throw new PatternError(invalidPattern);
	const trimmed = source.trim();
	if (trimmed === '') return {kind: 'all'};
	if (trimmed.startsWith('{')) {
		if (!trimmed.endsWith('}')) throw new PatternError(invalidPattern);
		return {kind: 'json', expression: parseExpression(new Cursor(trimmed.slice(1, -1)), parseSelector)};
	}
	if (trimmed.startsWith('[')) {
		if (!trimmed.endsWith(']')) throw new PatternError(invalidPattern);
		return {kind: 'delimited', fields: parseDelimitedFields(trimmed.slice(1, -1))};
	}
	return parseTerms(trimmed);
}

class Cursor {
	position = 0;
	constructor(readonly text: string) {}

	get done(): boolean {
		return this.position >= this.text.length;
	}

	peek(offset = 0): string {
		return this.text[this.position + offset] ?? '';
	}

	skipBlanks(): void {
		while (!this.done && /\s/.test(this.peek())) this.position += 1;
	}

	take(literal: string): boolean {
		if (!this.text.startsWith(literal, this.position)) return false;
		this.position += literal.length;
		return true;
	}

	/** A keyword followed by a blank, a parenthesis or the end. */
	takeWord(word: string): boolean {
		if (!this.text.startsWith(word, this.position)) return false;
		const after = this.text[this.position + word.length] ?? '';
		if (after !== '' && !/[\s()]/.test(after)) return false;
		this.position += word.length;
		return true;
	}
}

/** `"..."` with \" and \\ escapes; the cursor is on the opening quote. */
function readQuoted(cursor: Cursor, quote: string): string {
	cursor.position += 1;
	let text = '';
	while (!cursor.done) {
		const char = cursor.peek();
		if (char === '\\' && (cursor.peek(1) === quote || cursor.peek(1) === '\\')) {
			text += cursor.peek(1);
			cursor.position += 2;
			continue;
		}
		cursor.position += 1;
		if (char === quote) return text;
		text += char;
	}
	throw new PatternError(invalidPattern);
}

/** `%...%`; the cursor is on the opening percent sign. */
function readRegex(cursor: Cursor): RegExp {
	cursor.position += 1;
	let source = '';
	while (!cursor.done) {
		const char = cursor.peek();
		if (char === '\\' && cursor.position + 1 < cursor.text.length) {
			source += char + cursor.peek(1);
			cursor.position += 2;
			continue;
		}
		cursor.position += 1;
		if (char === '%') return compileRegex(source);
		source += char;
	}
	throw new PatternError(invalidPattern);
}

/** The guide's regex subset: no groups, no multi-byte characters. */
function compileRegex(source: string): RegExp {
	if (source === '') throw new PatternError(invalidPattern);
	for (let index = 0; index < source.length; index += 1) {
		const char = source[index] ?? '';
		if (char === '\\') {
			index += 1;
			continue;
		}
		if (char === '(' || char === ')') throw new PatternError(`Invalid character(s) in term '${char}'`);
		if (char.charCodeAt(0) > 0x7f) throw new PatternError(`Invalid character(s) in term '${char}'`);
	}
	// `{3, 5}` is written with a blank in the guide; JavaScript wants `{3,5}`.
	const normalized = source.replace(/\{\s*(\d*)\s*,\s*(\d*)\s*\}/g, '{$1,$2}');
	try {
		return new RegExp(normalized);
	} catch {
		throw new PatternError(invalidPattern);
	}
}

const termForbidden = /[:,()[\]{}*\\`"%]/;

function parseTerms(source: string): FilterPattern {
	const cursor = new Cursor(source);
	const required: TextMatcher[] = [];
	const excluded: TextMatcher[] = [];
	const optional: TextMatcher[] = [];
	for (;;) {
		cursor.skipBlanks();
		if (cursor.done) break;
		let target = required;
		if (cursor.peek() === '?' || cursor.peek() === '-') {
			target = cursor.peek() === '?' ? optional : excluded;
			cursor.position += 1;
			if (cursor.done || /\s/.test(cursor.peek())) throw new PatternError(invalidPattern);
		}
		let matcher: TextMatcher;
		if (cursor.peek() === '"') {
			matcher = {kind: 'text', text: readQuoted(cursor, '"')};
		} else if (cursor.peek() === '%') {
			matcher = {kind: 'regex', regex: readRegex(cursor)};
		} else {
			const start = cursor.position;
			while (!cursor.done && !/\s/.test(cursor.peek())) cursor.position += 1;
			const word = source.slice(start, cursor.position);
			const bad = termForbidden.exec(word);
			if (bad !== null) throw new PatternError(`Invalid character(s) in term '${bad[0]}'`);
			matcher = {kind: 'text', text: word};
		}
		if (!cursor.done && !/\s/.test(cursor.peek())) throw new PatternError(invalidPattern);
		target.push(matcher);
	}
	return {kind: 'terms', required, excluded, optional};
}

type SubjectParser<Subject> = (cursor: Cursor) => Subject;

function parseExpression<Subject>(cursor: Cursor, subject: SubjectParser<Subject>): Expression<Subject> {
	const expression = parseOr(cursor, subject);
	cursor.skipBlanks();
	if (!cursor.done) throw new PatternError(invalidPattern);
	return expression;
}

function parseOr<Subject>(cursor: Cursor, subject: SubjectParser<Subject>): Expression<Subject> {
	let left = parseAnd(cursor, subject);
	for (;;) {
		cursor.skipBlanks();
		if (!cursor.take('||')) return left;
		left = {kind: 'or', left, right: parseAnd(cursor, subject)};
	}
}

function parseAnd<Subject>(cursor: Cursor, subject: SubjectParser<Subject>): Expression<Subject> {
	let left = parsePrimary(cursor, subject);
	for (;;) {
		cursor.skipBlanks();
		if (!cursor.take('&&')) return left;
		left = {kind: 'and', left, right: parsePrimary(cursor, subject)};
	}
}

function parsePrimary<Subject>(cursor: Cursor, subject: SubjectParser<Subject>): Expression<Subject> {
	cursor.skipBlanks();
	if (cursor.take('(')) {
		const inner = parseOr(cursor, subject);
		cursor.skipBlanks();
		if (!cursor.take(')')) throw new PatternError(invalidPattern);
		return inner;
	}
	const target = subject(cursor);
	cursor.skipBlanks();
	if (cursor.takeWord('IS')) {
		cursor.skipBlanks();
		for (const what of ['TRUE', 'FALSE', 'NULL'] as const) {
			if (cursor.takeWord(what)) return {kind: 'is', subject: target, what};
		}
		throw new PatternError(invalidPattern);
	}
	if (cursor.takeWord('NOT')) {
		cursor.skipBlanks();
		if (cursor.takeWord('EXISTS')) return {kind: 'not-exists', subject: target};
		throw new PatternError(invalidPattern);
	}
	const operator = parseOperator(cursor);
	const value = parseValue(cursor);
	if (operator !== '=' && operator !== '!=' && value.kind !== 'number') throw new PatternError(invalidPattern);
	return {kind: 'compare', subject: target, operator, value};
}

function parseOperator(cursor: Cursor): Operator {
	cursor.skipBlanks();
	for (const operator of ['!=', '<=', '>=', '=', '<', '>'] as const) {
		if (cursor.take(operator)) return operator;
	}
	throw new PatternError(invalidPattern);
}

const numberText = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseValue(cursor: Cursor): Value {
	cursor.skipBlanks();
	const first = cursor.peek();
	if (first === '"') return stringValue(readQuoted(cursor, '"'));
	if (first === '%') return {kind: 'regex', regex: readRegex(cursor)};
	const start = cursor.position;
	while (!cursor.done) {
		const char = cursor.peek();
		if (/\s/.test(char) || char === ')' || cursor.text.startsWith('&&', cursor.position) || cursor.text.startsWith('||', cursor.position)) {
			break;
		}
		cursor.position += 1;
	}
	const text = cursor.text.slice(start, cursor.position);
	if (text === '') throw new PatternError(invalidPattern);
	if (numberText.test(text)) return {kind: 'number', value: Number(text), text};
	const bad = /[:,()[\]{}\\`"%]/.exec(text);
	if (bad !== null) throw new PatternError(`Invalid character(s) in term '${bad[0]}'`);
	return stringValue(text);
}

function stringValue(text: string): Value {
	if (!text.includes('*')) return {kind: 'string', text, glob: undefined};
	const source = text
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return {kind: 'string', text, glob: new RegExp(`^${source}$`, 's')};
}

const propertyName = /[\p{L}\p{N}_-]/u;

function parseSelector(cursor: Cursor): Step[] {
	cursor.skipBlanks();
	if (!cursor.take('$')) throw new PatternError(invalidPattern);
	const steps: Step[] = [];
	for (;;) {
		if (cursor.peek() === '.' && cursor.peek(1) === '[') {
			cursor.position += 1;
			continue;
		}
		if (cursor.peek() === '.') {
			cursor.position += 1;
			if (cursor.take('*')) {
				steps.push({kind: 'wildcard'});
				continue;
			}
			const start = cursor.position;
			while (!cursor.done && propertyName.test(cursor.peek())) cursor.position += 1;
			if (cursor.position === start) {
				throw new PatternError(`Invalid character(s) in term '${cursor.text.slice(start - 2, start + 1)}'`);
			}
			steps.push({kind: 'property', name: cursor.text.slice(start, cursor.position)});
			continue;
		}
		if (cursor.peek() === '[') {
			cursor.position += 1;
			cursor.skipBlanks();
			if (cursor.take('*')) {
				steps.push({kind: 'wildcard'});
			} else if (cursor.peek() === "'" || cursor.peek() === '"') {
				steps.push({kind: 'property', name: readQuoted(cursor, cursor.peek())});
			} else {
				const start = cursor.position;
				while (/\d/.test(cursor.peek())) cursor.position += 1;
				if (cursor.position === start) throw new PatternError(invalidPattern);
				steps.push({kind: 'index', index: Number(cursor.text.slice(start, cursor.position))});
			}
			cursor.skipBlanks();
			if (!cursor.take(']')) throw new PatternError(invalidPattern);
			continue;
		}
		break;
	}
	if (steps.length === 0) throw new PatternError(invalidPattern);
	return steps;
}

const fieldName = /[\p{L}\p{N}_-]/u;

function parseFieldName(cursor: Cursor): string {
	cursor.skipBlanks();
	const start = cursor.position;
	while (!cursor.done && fieldName.test(cursor.peek())) cursor.position += 1;
	if (cursor.position === start) throw new PatternError(invalidPattern);
	return cursor.text.slice(start, cursor.position);
}

/** Splits at the commas that are outside quotes and regular expressions. */
function splitFields(source: string): string[] {
	const parts: string[] = [];
	let start = 0;
	let quote: string | undefined;
	for (let index = 0; index < source.length; index += 1) {
		const char = source[index];
		if (quote !== undefined) {
			if (char === '\\') index += 1;
			else if (char === quote) quote = undefined;
			continue;
		}
		if (char === '"' || char === '%') quote = char;
		else if (char === ',') {
			parts.push(source.slice(start, index));
			start = index + 1;
		}
	}
	if (quote !== undefined) throw new PatternError(invalidPattern);
	parts.push(source.slice(start));
	return parts;
}

function parseDelimitedFields(source: string): DelimitedField[] {
	const fields: DelimitedField[] = [];
	for (const part of splitFields(source)) {
		const text = part.trim();
		if (text === '...') {
			fields.push({kind: 'ellipsis'});
			continue;
		}
		const cursor = new Cursor(text);
		const name = parseFieldName(cursor);
		cursor.skipBlanks();
		if (cursor.done) {
			fields.push({kind: 'field', name, condition: undefined});
			continue;
		}
		const condition = parseExpression(new Cursor(text), parseFieldName);
		if (hasPresenceTest(condition)) throw new PatternError(invalidPattern);
		fields.push({kind: 'field', name, condition});
	}
	if (fields.length === 0) throw new PatternError(invalidPattern);
	return fields;
}

function hasPresenceTest(expression: Expression<string>): boolean {
	switch (expression.kind) {
		case 'and':
		case 'or':
			return hasPresenceTest(expression.left) || hasPresenceTest(expression.right);
		case 'compare':
			return false;
		case 'is':
		case 'not-exists':
			return true;
	}
}

// ---------------------------------------------------------------- matching

function matchesText(matcher: TextMatcher, message: string): boolean {
	if (matcher.kind === 'regex') return matcher.regex.test(message);
	return matcher.text.trim() === '' || message.includes(matcher.text);
}

function matchesTerms(pattern: Extract<FilterPattern, {kind: 'terms'}>, message: string): boolean {
	if (pattern.required.length > 0 || pattern.excluded.length > 0) {
		return pattern.required.every((term) => matchesText(term, message)) && !pattern.excluded.some((term) => matchesText(term, message));
	}
	return pattern.optional.some((term) => matchesText(term, message));
}

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

function isRecord(value: Json): value is {[key: string]: Json} {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJsonMessage(message: string): {ok: true; value: Json} | {ok: false} {
	const trimmed = message.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return {ok: false};
	try {
		return {ok: true, value: JSON.parse(trimmed) as Json};
	} catch {
		return {ok: false};
	}
}

function resolve(root: Json, steps: readonly Step[]): Json[] {
	let candidates: Json[] = [root];
	for (const step of steps) {
		const next: Json[] = [];
		for (const candidate of candidates) {
			if (step.kind === 'property') {
				if (isRecord(candidate) && Object.hasOwn(candidate, step.name)) next.push(candidate[step.name] as Json);
			} else if (step.kind === 'index') {
				if (Array.isArray(candidate) && step.index < candidate.length) next.push(candidate[step.index] as Json);
			} else if (Array.isArray(candidate)) {
				// One by one: a log event's array may be longer than the arguments a call can spread.
				for (const item of candidate) next.push(item);
			} else if (isRecord(candidate)) {
				for (const value of Object.values(candidate)) next.push(value);
			}
		}
		candidates = next;
	}
	return candidates;
}

function compareNumbers(left: number, operator: Operator, right: number): boolean {
	switch (operator) {
		case '=':
			return left === right;
		case '!=':
			return left !== right;
		case '<':
			return left < right;
		case '>':
			return left > right;
		case '<=':
			return left <= right;
		case '>=':
			return left >= right;
	}
}

function textEquals(text: string, value: Value): boolean {
	switch (value.kind) {
		case 'string':
			return value.glob === undefined ? text === value.text : value.glob.test(text);
		case 'regex':
			return value.regex.test(text);
		case 'number':
			return text === value.text;
	}
}

/** A JSON value against `operator value`: objects, arrays and null never compare. */
function compareJson(candidate: Json, operator: Operator, value: Value): boolean {
	if (candidate === null || typeof candidate === 'object') return false;
	if (value.kind === 'number' && typeof candidate === 'number') return compareNumbers(candidate, operator, value.value);
	if (operator !== '=' && operator !== '!=') return false;
	const equal = textEquals(String(candidate), value);
	return operator === '=' ? equal : !equal;
}

function evaluate<Subject>(expression: Expression<Subject>, lookup: (subject: Subject) => Json[]): boolean {
	switch (expression.kind) {
		case 'and':
			return evaluate(expression.left, lookup) && evaluate(expression.right, lookup);
		case 'or':
			return evaluate(expression.left, lookup) || evaluate(expression.right, lookup);
		case 'compare':
			return lookup(expression.subject).some((candidate) => compareJson(candidate, expression.operator, expression.value));
		case 'is': {
			const wanted = expression.what === 'NULL' ? null : expression.what === 'TRUE';
			return lookup(expression.subject).some((candidate) => candidate === wanted);
		}
		case 'not-exists':
			return lookup(expression.subject).length === 0;
	}
}

function matchesJson(expression: Expression<Step[]>, message: string): boolean {
	const parsed = parseJsonMessage(message);
	if (!parsed.ok) return false;
	return evaluate(expression, (steps) => resolve(parsed.value, steps));
}

interface LineField {
	value: string;
	start: number;
}

/** Splits a line at blanks; "quoted" and [bracketed] text is one field. */
function splitLine(line: string): LineField[] {
	const fields: LineField[] = [];
	let index = 0;
	while (index < line.length) {
		while (index < line.length && /\s/.test(line[index] ?? '')) index += 1;
		if (index >= line.length) break;
		const start = index;
		const open = line[index];
		const close = open === '"' ? '"' : open === '[' ? ']' : undefined;
		if (close !== undefined) {
			const end = line.indexOf(close, index + 1);
			if (end !== -1) {
				fields.push({value: line.slice(index + 1, end), start});
				index = end + 1;
				continue;
			}
		}
		while (index < line.length && !/\s/.test(line[index] ?? '')) index += 1;
		fields.push({value: line.slice(start, index), start});
	}
	return fields;
}

/** A delimited field's value against `operator value`, numerically when both are numbers. */
function compareField(text: string, operator: Operator, value: Value): boolean {
	if (value.kind === 'number') {
		if (numberText.test(text)) return compareNumbers(Number(text), operator, value.value);
		if (operator !== '=' && operator !== '!=') return false;
	}
	const equal = textEquals(text, value);
	return operator === '=' ? equal : !equal;
}

function evaluateFields(expression: Expression<string>, values: ReadonlyMap<string, string>): boolean {
	switch (expression.kind) {
		case 'and':
			return evaluateFields(expression.left, values) && evaluateFields(expression.right, values);
		case 'or':
			return evaluateFields(expression.left, values) || evaluateFields(expression.right, values);
		case 'compare': {
			const text = values.get(expression.subject);
			return text !== undefined && compareField(text, expression.operator, expression.value);
		}
		case 'is':
		case 'not-exists':
			return false;
	}
}

function matchesDelimited(fields: readonly DelimitedField[], message: string): boolean {
	const line = message.replace(/\s+$/, '');
	const tokens = splitLine(line);
	const values = new Map<string, string>();
	const conditionsHold = (): boolean =>
		fields.every((field) => field.kind === 'ellipsis' || field.condition === undefined || evaluateFields(field.condition, values));
	// Assigns pattern fields to line fields, trying every span an ellipsis can cover.
	const assign = (fieldIndex: number, tokenIndex: number): boolean => {
		const field = fields[fieldIndex];
		if (field === undefined) return tokenIndex === tokens.length && conditionsHold();
		if (field.kind === 'ellipsis') {
			for (let skip = tokens.length; skip >= tokenIndex; skip -= 1) {
				if (assign(fieldIndex + 1, skip)) return true;
			}
			return false;
		}
		const token = tokens[tokenIndex];
		if (token === undefined) return false;
		if (fieldIndex === fields.length - 1) {
			values.set(field.name, tokenIndex === tokens.length - 1 ? token.value : line.slice(token.start));
			return conditionsHold();
		}
		values.set(field.name, token.value);
		return assign(fieldIndex + 1, tokenIndex + 1);
	};
	return assign(0, 0);
}
