// A small tokenizer for the files a Lambda package mostly holds (JavaScript
// and TypeScript, Python, JSON, shell, YAML, Markdown): each line becomes
// segments of keywords, strings, comments, numbers and headings, which the
// UI draws in the theme's 16 colours (and as plain text with NO_COLOR). It
// is not a parser: it reads a line at a time, carrying only what spans lines
// (block comments, template literals, triple-quoted strings, fenced code).
import stringWidth from 'string-width';

export type Language = 'javascript' | 'python' | 'json' | 'shell' | 'yaml' | 'markdown';
export type SyntaxTone = 'plain' | 'keyword' | 'string' | 'comment' | 'number' | 'heading';

export interface Segment {
	text: string;
	tone: SyntaxTone;
}

const extensions: Record<string, Language> = {
	js: 'javascript',
	mjs: 'javascript',
	cjs: 'javascript',
	jsx: 'javascript',
	ts: 'javascript',
	mts: 'javascript',
	cts: 'javascript',
	tsx: 'javascript',
	py: 'python',
	pyi: 'python',
	json: 'json',
	sh: 'shell',
	bash: 'shell',
	zsh: 'shell',
	yml: 'yaml',
	yaml: 'yaml',
	md: 'markdown',
	markdown: 'markdown',
};

/** The language of a file by its name, or by its first line (#!/bin/sh, #!/usr/bin/env python3); undefined: plain text. */
export function languageOf(path: string, firstLine = ''): Language | undefined {
	const name = path.split('/').at(-1) ?? path;
	const dot = name.lastIndexOf('.');
	const byExtension = dot > 0 ? extensions[name.slice(dot + 1).toLowerCase()] : undefined;
	if (byExtension !== undefined) return byExtension;
	if (firstLine.startsWith('#!')) {
		if (/python/.test(firstLine)) return 'python';
		if (/node|deno|bun/.test(firstLine)) return 'javascript';
		if (/\b(?:ba|z|da|k)?sh\b/.test(firstLine)) return 'shell';
	}
	if (name === 'bootstrap') return 'shell';
	return undefined;
}

const javascriptKeywords = new Set(
	(
		'async await break case catch class const continue debugger default delete do else enum export extends false finally for from function get ' +
		'if implements import in instanceof interface let new null of package private protected public readonly return set static super switch ' +
		'this throw true try type typeof undefined var void while with yield as declare abstract namespace keyof satisfies'
	).split(' '),
);
const pythonKeywords = new Set(
	(
		'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda ' +
		'nonlocal not or pass raise return try while with yield match case self'
	).split(' '),
);
const shellKeywords = new Set(
	'if then else elif fi for while until do done case esac function in return export local readonly set unset shift exit exec source echo printf trap'.split(' '),
);
const literalWords = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', '~', 'True', 'False', 'Null', 'NULL']);

const numberPattern = /^(?:0[xX][\da-fA-F_]+n?|0[bB][01_]+n?|0[oO][0-7_]+n?|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?[njJ]?|\.\d+(?:[eE][+-]?\d+)?)/;
const wordPattern = /^[A-Za-z_$][\w$]*/;

/** What a line ends inside of, carried to the next line. */
type Carry =
	| {kind: 'none'}
	| {kind: 'block-comment'}
	/** A string that spans lines, ending at `close`. */
	| {kind: 'string'; close: string}
	| {kind: 'fence'};

class LineWriter {
	readonly segments: Segment[] = [];
	push(text: string, tone: SyntaxTone): void {
		if (text === '') return;
		const last = this.segments.at(-1);
		if (last !== undefined && last.tone === tone) last.text += text;
		else this.segments.push({text, tone});
	}
}

/** The end of a string that starts at `start` (just after the opening quote): the index after the closing quote, or -1 when the line ends first. */
function stringEnd(line: string, start: number, close: string, escapes = true): number {
	for (let index = start; index < line.length; index += 1) {
		if (escapes && line[index] === '\\') {
			index += 1;
			continue;
		}
		if (line.startsWith(close, index)) return index + close.length;
	}
	return -1;
}

const isWordCharacter = (character: string | undefined): boolean => character !== undefined && /[\w$]/.test(character);

/** A C-like line (JavaScript, TypeScript): // and block comments, three kinds of quotes, template literals across lines. */
function javascriptLine(line: string, carry: Carry, out: LineWriter): Carry {
	let index = 0;
	if (carry.kind === 'block-comment') {
		const end = line.indexOf('*/');
		if (end < 0) {
			out.push(line, 'comment');
			return carry;
		}
		out.push(line.slice(0, end + 2), 'comment');
		index = end + 2;
	} else if (carry.kind === 'string') {
		const end = stringEnd(line, 0, carry.close);
		if (end < 0) {
			out.push(line, 'string');
			return carry;
		}
		out.push(line.slice(0, end), 'string');
		index = end;
	}
	while (index < line.length) {
		const rest = line.slice(index);
		const character = line[index] ?? '';
		if (rest.startsWith('//')) {
			out.push(rest, 'comment');
			return {kind: 'none'};
		}
		if (rest.startsWith('/*')) {
			const end = line.indexOf('*/', index + 2);
			if (end < 0) {
				out.push(rest, 'comment');
				return {kind: 'block-comment'};
			}
			out.push(line.slice(index, end + 2), 'comment');
			index = end + 2;
			continue;
		}
		if (character === '"' || character === "'" || character === '`') {
			const end = stringEnd(line, index + 1, character);
			if (end < 0) {
				out.push(rest, 'string');
				return character === '`' ? {kind: 'string', close: '`'} : {kind: 'none'};
			}
			out.push(line.slice(index, end), 'string');
			index = end;
			continue;
		}
		index = wordOrNumber(line, index, javascriptKeywords, out);
	}
	return {kind: 'none'};
}

/** A word (a keyword when in `keywords`), a number, or one other character; returns where the next token starts. */
function wordOrNumber(line: string, index: number, keywords: ReadonlySet<string>, out: LineWriter): number {
	const rest = line.slice(index);
	const previous = line[index - 1];
	const word = wordPattern.exec(rest);
	if (word !== null && !isWordCharacter(previous)) {
		out.push(word[0], keywords.has(word[0]) ? 'keyword' : 'plain');
		return index + word[0].length;
	}
	const number = isWordCharacter(previous) ? null : numberPattern.exec(rest);
	if (number !== null) {
		out.push(number[0], 'number');
		return index + number[0].length;
	}
	// Inside a word (after a digit or underscore): the rest of the word is plain.
	const inner = /^[\w$]+/.exec(rest);
	const text = inner === null ? (line[index] ?? '') : inner[0];
	out.push(text, 'plain');
	return index + Math.max(1, text.length);
}

function pythonLine(line: string, carry: Carry, out: LineWriter): Carry {
	let index = 0;
	if (carry.kind === 'string') {
		const end = stringEnd(line, 0, carry.close);
		if (end < 0) {
			out.push(line, 'string');
			return carry;
		}
		out.push(line.slice(0, end), 'string');
		index = end;
	}
	while (index < line.length) {
		const rest = line.slice(index);
		const character = line[index] ?? '';
		if (character === '#') {
			out.push(rest, 'comment');
			return {kind: 'none'};
		}
		const quote = /^(?:[rRbBuUfF]{1,2})?("""|'''|"|')/.exec(rest);
		if (quote !== null && !isWordCharacter(line[index - 1])) {
			const opening = quote[0].length;
			const close = quote[1] ?? '"';
			const raw = /[rR]/.test(quote[0].slice(0, opening - close.length));
			const end = stringEnd(line, index + opening, close, !raw);
			if (end < 0) {
				out.push(rest, 'string');
				return close.length === 3 ? {kind: 'string', close} : {kind: 'none'};
			}
			out.push(line.slice(index, end), 'string');
			index = end;
			continue;
		}
		if (character === '@' && (line.slice(0, index).trim() === '')) {
			const decorator = /^@[\w.]+/.exec(rest);
			if (decorator !== null) {
				out.push(decorator[0], 'keyword');
				index += decorator[0].length;
				continue;
			}
		}
		index = wordOrNumber(line, index, pythonKeywords, out);
	}
	return {kind: 'none'};
}

function jsonLine(line: string, out: LineWriter): void {
	let index = 0;
	while (index < line.length) {
		const character = line[index] ?? '';
		if (character === '"') {
			const end = stringEnd(line, index + 1, '"');
			const stop = end < 0 ? line.length : end;
			const isKey = /^\s*:/.test(line.slice(stop));
			out.push(line.slice(index, stop), isKey ? 'keyword' : 'string');
			index = stop;
			continue;
		}
		const word = /^(?:true|false|null)\b/.exec(line.slice(index));
		if (word !== null) {
			out.push(word[0], 'keyword');
			index += word[0].length;
			continue;
		}
		const number = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(line.slice(index));
		if (number !== null) {
			out.push(number[0], 'number');
			index += number[0].length;
			continue;
		}
		out.push(character, 'plain');
		index += 1;
	}
}

function shellLine(line: string, out: LineWriter): void {
	let index = 0;
	while (index < line.length) {
		const rest = line.slice(index);
		const character = line[index] ?? '';
		if (character === '#' && (index === 0 || /\s/.test(line[index - 1] ?? ''))) {
			out.push(rest, 'comment');
			return;
		}
		if (character === '"' || character === "'") {
			const end = stringEnd(line, index + 1, character, character === '"');
			const stop = end < 0 ? line.length : end;
			out.push(line.slice(index, stop), 'string');
			index = stop;
			continue;
		}
		const variable = /^\$(?:\{[^}]*\}|[A-Za-z_]\w*|[0-9#?@*$!-])/.exec(rest);
		if (variable !== null) {
			out.push(variable[0], 'number');
			index += variable[0].length;
			continue;
		}
		index = wordOrNumber(line, index, shellKeywords, out);
	}
}

function yamlValue(text: string, out: LineWriter): void {
	const comment = /(^|\s)#/.exec(text);
	const value = comment === null ? text : text.slice(0, comment.index + comment[1]!.length);
	const trimmed = value.trim();
	const lead = value.slice(0, value.length - value.trimStart().length);
	const tail = value.slice(lead.length + trimmed.length);
	out.push(lead, 'plain');
	if (/^(["']).*\1$/.test(trimmed)) out.push(trimmed, 'string');
	else if (literalWords.has(trimmed)) out.push(trimmed, 'keyword');
	else if (/^[-+]?(?:\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?|0x[\da-fA-F]+|\.inf|\.nan)$/.test(trimmed)) out.push(trimmed, 'number');
	else out.push(trimmed, 'plain');
	out.push(tail, 'plain');
	if (comment !== null) out.push(text.slice(value.length), 'comment');
}

function yamlLine(line: string, out: LineWriter): void {
	if (/^\s*#/.test(line)) {
		out.push(line, 'comment');
		return;
	}
	if (/^(?:---|\.\.\.)\s*$/.test(line)) {
		out.push(line, 'keyword');
		return;
	}
	const key = /^(\s*(?:-\s+)?)((?:"[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:)(?=\s|$)/.exec(line);
	if (key !== null) {
		out.push(key[1] ?? '', 'plain');
		out.push(key[2] ?? '', 'keyword');
		yamlValue(line.slice(key[0].length), out);
		return;
	}
	const item = /^(\s*-\s+)/.exec(line);
	if (item !== null) {
		out.push(item[1] ?? '', 'plain');
		yamlValue(line.slice(item[0].length), out);
		return;
	}
	yamlValue(line, out);
}

function markdownLine(line: string, carry: Carry, out: LineWriter): Carry {
	const fence = /^\s*(?:```|~~~)/.test(line);
	if (carry.kind === 'fence') {
		out.push(line, 'string');
		return fence ? {kind: 'none'} : carry;
	}
	if (fence) {
		out.push(line, 'string');
		return {kind: 'fence'};
	}
	if (/^#{1,6}(?:\s|$)/.test(line)) {
		out.push(line, 'heading');
		return carry;
	}
	if (/^\s*>/.test(line)) {
		out.push(line, 'comment');
		return carry;
	}
	const bullet = /^(\s*(?:[-*+]|\d+[.)])\s+)/.exec(line);
	let index = 0;
	if (bullet !== null) {
		out.push(bullet[1] ?? '', 'keyword');
		index = bullet[0].length;
	}
	while (index < line.length) {
		if (line[index] === '`') {
			const end = line.indexOf('`', index + 1);
			if (end > index) {
				out.push(line.slice(index, end + 1), 'string');
				index = end + 1;
				continue;
			}
		}
		out.push(line[index] ?? '', 'plain');
		index += 1;
	}
	return carry;
}

/** Every line as segments; a line's segments put together are the line. Undefined language: each line plain. */
export function highlight(lines: readonly string[], language: Language | undefined): Segment[][] {
	let carry: Carry = {kind: 'none'};
	return lines.map((line) => {
		const out = new LineWriter();
		switch (language) {
			case 'javascript':
				carry = javascriptLine(line, carry, out);
				break;
			case 'python':
				carry = pythonLine(line, carry, out);
				break;
			case 'json':
				jsonLine(line, out);
				break;
			case 'shell':
				shellLine(line, out);
				break;
			case 'yaml':
				yamlLine(line, out);
				break;
			case 'markdown':
				carry = markdownLine(line, carry, out);
				break;
			default:
				out.push(line, 'plain');
		}
		return out.segments;
	});
}

/** Segments cut to at most `width` columns (the last one ending in … when cut). */
export function clipSegments(segments: readonly Segment[], width: number): Segment[] {
	const clipped: Segment[] = [];
	let used = 0;
	const total = segments.reduce((sum, segment) => sum + stringWidth(segment.text), 0);
	if (total <= width) return segments.map((segment) => ({...segment}));
	const room = Math.max(0, width - 1);
	for (const segment of segments) {
		if (used >= room) break;
		let text = '';
		for (const character of segment.text) {
			const w = stringWidth(character);
			if (used + w > room) break;
			text += character;
			used += w;
		}
		if (text !== '') clipped.push({text, tone: segment.tone});
		if (text.length < segment.text.length) break;
	}
	if (width > 0) clipped.push({text: '…', tone: 'plain'});
	return clipped;
}
