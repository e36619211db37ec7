// Log events as the Monitor tab and `lambdash logs` show them: which request
// a line belongs to (Lambda's START/END/REPORT lines, the Node.js and Python
// runtimes' text formats, the JSON log format), the JSON object in a line
// pretty-printed, a line cut or wrapped to the screen, the search of the
// log view, and the marker lines the console itself puts into a live tail
// (where it reconnected, why it ended). Everything drawn is cleaned of
// terminal control sequences first.

import stringWidth from 'string-width';
import {truncate} from './format.js';
import {cleanLines, cleanText} from './sanitize.js';

export interface LogLine {
	/** When the event happened, in milliseconds since the epoch. */
	timestamp: number;
	message: string;
	stream?: string;
	group?: string;
	/** CloudWatch's event ID, when the API gave one (FilterLogEvents does; Live Tail does not). */
	id?: string;
	/** Written by the console, not read from CloudWatch: where a live tail reconnected (reconnectMarker) or why it ended (endedMarker). */
	marker?: 'gap' | 'ended';
}

/** A time of day as the log view shows the lines' times (UTC), to the second. */
function clockTime(at: Date): string {
	return at.toISOString().slice(11, 19);
}

/** What the log view's header says after a live tail reconnected: the gap is not forgotten. */
export function reconnectedNote(at: Date): string {
	return `reconnected ${clockTime(at)}: lines may be missing`;
}

/** The line a live tail gets where it reconnected: lines logged while it was disconnected never came. */
export function reconnectMarker(at: Date): LogLine {
	return {timestamp: at.getTime(), message: '── reconnected: lines sent while disconnected may be missing ──', marker: 'gap'};
}

/** The line a live tail gets when it ends for good, with why (in words a person can act on). */
export function endedMarker(at: Date, reason: string): LogLine {
	return {timestamp: at.getTime(), message: `── the live tail ended: ${reason}`, marker: 'ended'};
}

const uuid = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** Lambda's own lines: START RequestId: X Version: V, END RequestId: X, REPORT RequestId: X ... */
const platformLine = /^(?:START|END|REPORT) RequestId: (\S+)/;
/** Node.js: "2026-11-27T07:00:00.000Z\tREQUEST-ID\tINFO\tmessage"; also "TIME REQUEST-ID Task timed out after 3.00 seconds". */
const nodeLine = new RegExp(`^\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z?[\\t ]+(${uuid})(?:[\\t ]|$)`);
/** Python: "[INFO]\t2026-11-27T07:00:00.000Z\tREQUEST-ID\tmessage". */
const pythonLine = new RegExp(`^\\[[A-Z]+\\]\\t\\S+\\t(${uuid})(?:\\t|$)`);

function jsonRecord(message: string): Record<string, unknown> | undefined {
	const trimmed = message.trim();
	if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
	try {
		const parsed: unknown = JSON.parse(trimmed);
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** The JSON log format's record, when the message is one (the function's records and Lambda's platform.* records). */
export function jsonLogRecord(message: string): Record<string, unknown> | undefined {
	return jsonRecord(message);
}

/** The request a line belongs to, when the line says: undefined for lines written outside a request, or that do not name it. */
export function requestIdOf(message: string): string | undefined {
	const platform = platformLine.exec(message);
	if (platform) return platform[1];
	const node = nodeLine.exec(message);
	if (node) return node[1];
	const python = pythonLine.exec(message);
	if (python) return python[1];
	const record = jsonRecord(message);
	if (record === undefined) return undefined;
	if (typeof record.requestId === 'string' && record.requestId !== '') return record.requestId;
	const inner = record.record;
	if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
		const id = (inner as Record<string, unknown>).requestId;
		if (typeof id === 'string' && id !== '') return id;
	}
	return undefined;
}

/** How many opening braces are tried before giving up on finding an object: a line is not searched forever. */
const jsonStartsTried = 20;

/**
 * The JSON object within a line (the whole message, or the part of it from a
 * "{" to the last "}", as after the runtime's "TIME\tID\tLEVEL\t" prefix),
 * pretty-printed and cleaned; undefined when there is none.
 */
export function prettyJsonLine(message: string): string[] | undefined {
	const end = message.lastIndexOf('}');
	if (end === -1) return undefined;
	let start = message.indexOf('{');
	for (let tried = 0; start !== -1 && start < end && tried < jsonStartsTried; tried += 1) {
		try {
			const parsed: unknown = JSON.parse(message.slice(start, end + 1));
			if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
				return JSON.stringify(parsed, null, 2)
					.split('\n')
					.map((line) => cleanText(line));
			}
		} catch {
			// Not from this brace: try the next one.
		}
		start = message.indexOf('{', start + 1);
	}
	return undefined;
}

const printable = /^[\x20-\x7e]*$/;

function widthOf(text: string): number {
	return printable.test(text) ? text.length : stringWidth(text);
}

/** Text cut into pieces of at most `width` terminal columns (wide characters are not split). */
function wrapColumns(text: string, width: number): string[] {
	if (widthOf(text) <= width) return [text];
	if (printable.test(text)) {
		const pieces: string[] = [];
		for (let at = 0; at < text.length; at += width) pieces.push(text.slice(at, at + width));
		return pieces;
	}
	const pieces: string[] = [];
	let piece = '';
	let used = 0;
	for (const character of text) {
		const w = stringWidth(character);
		if (used + w > width && piece !== '') {
			pieces.push(piece);
			piece = '';
			used = 0;
		}
		piece += character;
		used += w;
	}
	if (piece !== '' || pieces.length === 0) pieces.push(piece);
	return pieces;
}

/** The message's own lines: Lambda's runtimes write a multi-line message as one event, its newlines as \r (Node.js, Python errors) or \n. */
function messageLines(message: string): string[] {
	const lines = cleanLines(message.replace(/\r\n?/g, '\n'));
	while (lines.length > 1 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
	return lines.map((line) => line.trimEnd());
}

/**
 * How a line is drawn in `width` columns: its message only (the caller draws
 * the time and stream), cleaned of control sequences. Wrapped: each of the
 * message's lines broken into rows of at most `width` columns. Not wrapped:
 * one row, the message's lines joined by spaces, cut with an ellipsis.
 */
export function displayLines(line: LogLine, width: number, wrap: boolean): string[] {
	const room = Math.max(1, Math.floor(width));
	if (!wrap) {
		const text = cleanText(line.message).trimEnd();
		return [widthOf(text) <= room ? text : truncate(text, room)];
	}
	return messageLines(line.message).flatMap((text) => wrapColumns(text, room));
}

/**
 * A Lambda log stream's name without its date and with 8 of its 32 hex
 * digits ("2026/11/27/[$LATEST]0123abcd…" → "[$LATEST]0123abcd"; a custom
 * group's "2026/11/27/my-fn[3]…" → "my-fn[3]0123abcd"), cleaned; other
 * names cleaned only.
 */
export function shortStreamName(name: string): string {
	const lambda = /^\d{4}\/\d{2}\/\d{2}\/(.*\[[^\]]*\])([0-9a-fA-F]{8})[0-9a-fA-F]*$/.exec(name);
	return cleanText(lambda ? `${lambda[1] ?? ''}${lambda[2] ?? ''}` : name);
}

/** Whether the line's message contains the search, ignoring case; an empty search matches every line. */
export function matches(line: LogLine, search: string): boolean {
	if (search === '') return true;
	const needle = search.toLowerCase();
	if (line.message.toLowerCase().includes(needle)) return true;
	// A message with control sequences matches what it shows.
	// eslint-disable-next-line no-control-regex
	return /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(line.message) && cleanText(line.message).toLowerCase().includes(needle);
}
