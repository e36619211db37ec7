// Checking the JSON of a test event as a person types it: where the first
// mistake is (line and column, 1-based, columns in characters) and what was
// expected there, in words. Node's own JSON.parse messages often give no
// position, so this is a small scanner of its own: one pass, linear, with an
// explicit stack so deeply nested input cannot overflow the call stack. The
// value itself still comes from JSON.parse once the check has passed.

export type JsonCheck = {ok: true; value: unknown} | {ok: false; line: number; column: number; message: string};

interface Failure {
	/** Index (UTF-16) in the text where the mistake is. */
	index: number;
	message: string;
}

interface Frame {
	kind: 'object' | 'array';
	/** Index of the opening bracket. */
	open: number;
	/** The latest property name of an object, as indices of its text between the quotes. */
	keyStart: number;
	keyEnd: number;
	/** Values read so far in an array. */
	items: number;
}

/** What the scanner expects next. */
type Expect = 'value' | 'key' | 'colon' | 'after' | 'end';

const quote = 0x22;
const backslash = 0x5c;
const slash = 0x2f;
const star = 0x2a;

const aValue = 'a string, number, object, array, true, false or null';

function isSpace(code: number): boolean {
	return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function isDigit(code: number): boolean {
	return code >= 0x30 && code <= 0x39;
}

function isWordCharacter(code: number): boolean {
	return isDigit(code) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f || code === 0x24;
}

function isHex(code: number): boolean {
	return isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/** A character as a message names it: 'x', or U+00A0 when it would not be seen. */
function describe(text: string, index: number): string {
	const point = text.codePointAt(index) ?? 0;
	const character = String.fromCodePoint(point);
	if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(character)) return `'${character}'`;
	return `U+${point.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** 1-based line and column of an index; the column counts code points, as the editor does. */
function positionOf(text: string, index: number): {line: number; column: number} {
	let line = 1;
	let lineStart = 0;
	for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
		line += 1;
		lineStart = at + 1;
	}
	let column = 1;
	for (let at = lineStart; at < index; at++) {
		const code = text.charCodeAt(at);
		// The second half of a surrogate pair is part of the character before it.
		if (code >= 0xdc00 && code <= 0xdfff && at > lineStart) {
			const before = text.charCodeAt(at - 1);
			if (before >= 0xd800 && before <= 0xdbff) continue;
		}
		column += 1;
	}
	return {line, column};
}

function where(text: string, index: number): string {
	const {line, column} = positionOf(text, index);
	return `line ${line}, column ${column}`;
}

/** A property name for a message: its text between the quotes, cut when long. */
function keyName(text: string, frame: Frame): string {
	const raw = text.slice(frame.keyStart, frame.keyEnd);
	const characters = Array.from(raw);
	return characters.length > 40 ? `${characters.slice(0, 39).join('')}…` : raw;
}

const escapeNames: Record<number, string> = {0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x08: '\\b', 0x0c: '\\f'};

/** The end of the string that starts with the quote at `start`, or what is wrong in it. */
function scanString(text: string, start: number): number | Failure {
	const length = text.length;
	let at = start + 1;
	while (at < length) {
		const code = text.charCodeAt(at);
		if (code === quote) return at + 1;
		if (code === backslash) {
			if (at + 1 >= length) break;
			const escaped = text.charCodeAt(at + 1);
			if (escaped === 0x75) {
				let digits = 0;
				while (digits < 4 && at + 2 + digits < length && isHex(text.charCodeAt(at + 2 + digits))) digits += 1;
				if (digits < 4) {
					if (at + 2 + digits >= length) break;
					return {index: at, message: `Invalid escape \\u${text.slice(at + 2, at + 2 + digits)} in a string: \\u needs four hexadecimal digits`};
				}
				at += 6;
				continue;
			}
			// " \ / b f n r t
			if (escaped === quote || escaped === backslash || escaped === slash || escaped === 0x62 || escaped === 0x66 || escaped === 0x6e || escaped === 0x72 || escaped === 0x74) {
				at += 2;
				continue;
			}
			const shown = String.fromCodePoint(text.codePointAt(at + 1) ?? escaped);
			return {index: at, message: `Invalid escape \\${/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(shown) ? shown : describe(text, at + 1)} in a string`};
		}
		if (code < 0x20) {
			const write = escapeNames[code] ?? `\\u${code.toString(16).padStart(4, '0')}`;
			return {index: at, message: `Control character in a string (write ${write})`};
		}
		at += 1;
	}
	return {index: length, message: `Unexpected end: the string opened at ${where(text, start)} is not closed`};
}

/** The end of the number that starts at `start`, or what is wrong in it. */
function scanNumber(text: string, start: number): number | Failure {
	const length = text.length;
	let at = start;
	if (text.charCodeAt(at) === 0x2d) at += 1;
	const first = text.charCodeAt(at);
	if (first === 0x30) {
		at += 1;
		if (isDigit(text.charCodeAt(at))) return {index: start, message: 'Numbers cannot have leading zeros (write 1, not 01)'};
	} else if (isDigit(first)) {
		while (at < length && isDigit(text.charCodeAt(at))) at += 1;
	} else {
		return {index: at, message: "Expected a digit after '-'"};
	}
	if (text.charCodeAt(at) === 0x2e) {
		at += 1;
		if (!isDigit(text.charCodeAt(at))) return {index: at, message: 'Expected a digit after the decimal point (write 1.0, not 1.)'};
		while (at < length && isDigit(text.charCodeAt(at))) at += 1;
	}
	const exponent = text.charCodeAt(at);
	if (exponent === 0x65 || exponent === 0x45) {
		at += 1;
		const sign = text.charCodeAt(at);
		if (sign === 0x2b || sign === 0x2d) at += 1;
		if (!isDigit(text.charCodeAt(at))) return {index: at, message: 'Expected a digit in the exponent (as in 1e10)'};
		while (at < length && isDigit(text.charCodeAt(at))) at += 1;
	}
	return at;
}

/** The first mistake in the text, or undefined when it is one valid JSON value. */
function firstMistake(text: string): Failure | undefined {
	const length = text.length;
	const stack: Frame[] = [];
	let expect: Expect = 'value';
	/** Where the comma just read is, while the next token follows a comma. */
	let commaAt = -1;
	let at = 0;

	/** What comes after a complete value: the end of the text, or a comma or a closing bracket. */
	const afterValue = (): Expect => {
		const top = stack[stack.length - 1];
		if (top === undefined) return 'end';
		if (top.kind === 'array') top.items += 1;
		return 'after';
	};

	for (;;) {
		while (at < length && isSpace(text.charCodeAt(at))) at += 1;
		const top = stack[stack.length - 1];
		if (at >= length) {
			if (expect === 'end') return undefined;
			if (top === undefined) return {index: length, message: `Unexpected end: expected a value (${aValue})`};
			return {index: length, message: `Unexpected end: the ${top.kind} opened at ${where(text, top.open)} is not closed`};
		}
		const code = text.charCodeAt(at);
		if (code === slash && (text.charCodeAt(at + 1) === slash || text.charCodeAt(at + 1) === star)) {
			return {index: at, message: 'Comments are not allowed in JSON'};
		}
		switch (expect) {
			case 'end':
				return {index: at, message: 'Unexpected text after the JSON value'};

			case 'colon':
				if (code !== 0x3a) {
					return {index: at, message: `Expected ':' after the property name "${top === undefined ? '' : keyName(text, top)}"`};
				}
				at += 1;
				expect = 'value';
				commaAt = -1;
				break;

			case 'after': {
				if (top === undefined) return {index: at, message: 'Unexpected text after the JSON value'};
				const close = top.kind === 'object' ? 0x7d : 0x5d;
				if (code === 0x2c) {
					commaAt = at;
					at += 1;
					expect = top.kind === 'object' ? 'key' : 'value';
					break;
				}
				if (code === close) {
					stack.pop();
					at += 1;
					commaAt = -1;
					expect = afterValue();
					break;
				}
				const expected =
					top.kind === 'object'
						? `Expected ',' or '}' after the value of "${keyName(text, top)}"`
						: `Expected ',' or ']' after item ${top.items} of the array`;
				if (code === 0x7d || code === 0x5d) {
					return {index: at, message: `${expected}: '${text[at]}' does not close the ${top.kind} opened at ${where(text, top.open)}`};
				}
				return {index: at, message: expected};
			}

			case 'key': {
				if (code === quote) {
					const end = scanString(text, at);
					if (typeof end !== 'number') return end;
					if (top !== undefined) {
						top.keyStart = at + 1;
						top.keyEnd = end - 1;
					}
					at = end;
					expect = 'colon';
					break;
				}
				if (code === 0x7d && commaAt < 0) {
					stack.pop();
					at += 1;
					expect = afterValue();
					break;
				}
				if (code === 0x7d) return {index: commaAt, message: "Trailing comma before '}' (JSON does not allow it)"};
				if (code === 0x27) return {index: at, message: 'Property names need double quotes, not single'};
				if (code === 0x201c || code === 0x201d) return {index: at, message: 'Property names need straight double quotes ("), not “ ”'};
				if (isWordCharacter(code)) return {index: at, message: 'Property names need double quotes'};
				return {
					index: at,
					message: `Expected a property name in double quotes${commaAt < 0 ? " or '}'" : ''}, not ${describe(text, at)}`,
				};
			}

			case 'value': {
				if (code === 0x7b) {
					stack.push({kind: 'object', open: at, keyStart: at, keyEnd: at, items: 0});
					at += 1;
					commaAt = -1;
					expect = 'key';
					break;
				}
				if (code === 0x5b) {
					stack.push({kind: 'array', open: at, keyStart: at, keyEnd: at, items: 0});
					at += 1;
					commaAt = -1;
					expect = 'value';
					break;
				}
				if (code === quote) {
					const end = scanString(text, at);
					if (typeof end !== 'number') return end;
					at = end;
					expect = afterValue();
					break;
				}
				if (code === 0x2d || isDigit(code)) {
					const end = scanNumber(text, at);
					if (typeof end !== 'number') return end;
					at = end;
					expect = afterValue();
					break;
				}
				if (top?.kind === 'array' && code === 0x5d) {
					if (commaAt >= 0) return {index: commaAt, message: "Trailing comma before ']' (JSON does not allow it)"};
					if (top.items === 0) {
						stack.pop();
						at += 1;
						expect = afterValue();
						break;
					}
				}
				if (isWordCharacter(code)) {
					let end = at;
					while (end < length && isWordCharacter(text.charCodeAt(end))) end += 1;
					const word = text.slice(at, end);
					if (word === 'true' || word === 'false' || word === 'null') {
						at = end;
						expect = afterValue();
						break;
					}
					const lower = word.toLowerCase();
					if (lower === 'true' || lower === 'false' || lower === 'null') return {index: at, message: `Write ${lower} in lower case, not ${word}`};
					const what = word.length === 1 ? 'character' : 'word';
					return {index: at, message: `Unexpected ${what} '${word.length > 40 ? `${word.slice(0, 39)}…` : word}': expected a value (${aValue})`};
				}
				if (code === 0x27) return {index: at, message: 'Strings need double quotes, not single'};
				if (code === 0x201c || code === 0x201d) return {index: at, message: 'Strings need straight double quotes ("), not “ ”'};
				if (code === 0x2e) return {index: at, message: 'Numbers need a digit before the decimal point (write 0.5, not .5)'};
				if (code === 0x2b) return {index: at, message: "Numbers cannot start with '+' (write 1, not +1)"};
				if (code === 0x2c || code === 0x3a || code === 0x7d || code === 0x5d) {
					const owner = top?.kind === 'object' ? ` for "${keyName(text, top)}"` : '';
					return {index: at, message: `Expected a value${owner} (${aValue}), not '${text[at]}'`};
				}
				return {index: at, message: `Unexpected character ${describe(text, at)}: expected a value (${aValue})`};
			}
		}
	}
}

/** Whether the text is one JSON value; if not, where the first mistake is and what was expected there. */
export function checkJson(text: string): JsonCheck {
	if (/^[ \t\n\r]*$/.test(text)) return {ok: false, line: 1, column: 1, message: 'The event is empty: write a JSON value, such as {}'};
	const mistake = firstMistake(text);
	if (mistake !== undefined) return {ok: false, ...positionOf(text, mistake.index), message: mistake.message};
	try {
		return {ok: true, value: JSON.parse(text)};
	} catch (error) {
		// The scanner accepts exactly what JSON.parse does; this is only a safety net.
		return {ok: false, line: 1, column: 1, message: error instanceof Error ? error.message : String(error)};
	}
}

/** The text indented by two spaces when it is valid JSON; the text unchanged otherwise. */
export function prettyJson(text: string): string {
	try {
		return JSON.stringify(JSON.parse(text), null, 2);
	} catch {
		// Invalid, or nested too deeply for JSON.stringify: leave it as the user wrote it.
		return text;
	}
}
