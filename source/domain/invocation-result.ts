// What one test invocation gave, as the lines the Test tab shows: succeeded or
// failed at a glance, the figures (from the REPORT line and the response's
// headers), the function's error with its stack, the response pretty-printed,
// and the log tail. Pure, so a result is laid out the same in every test.
import {formatBytes, wrapWords} from './format.js';
import {parseReport, type ReportFigures} from './report-line.js';
import {cleanLines, cleanText} from './sanitize.js';

/** What Invoke answered (the aws/ module's InvokeResult has this shape). */
export interface InvocationResponse {
	statusCode: number;
	requestId: string | undefined;
	payload: string;
	functionError: string | undefined;
	log: string | undefined;
	executedVersion: string | undefined;
}

export interface FunctionErrorDetails {
	type: string;
	message: string;
	stack: string[];
}

export type InvocationOutcome =
	| {kind: 'running'}
	| {kind: 'done'; response: InvocationResponse; report: ReportFigures | undefined; error: FunctionErrorDetails | undefined}
	/** The call itself failed (throttled, refused, unreachable): the function did not run, or its answer was lost. */
	| {kind: 'call-failed'; message: string};

export interface Invocation {
	/** 1, 2, … in the order of this session. */
	sequence: number;
	functionName: string;
	eventName: string;
	qualifier: string | undefined;
	async: boolean;
	startedAt: Date;
	/** The round trip as the console measured it; undefined while running. */
	elapsedMs: number | undefined;
	outcome: InvocationOutcome;
}

export type Tone = 'normal' | 'muted' | 'heading' | 'success' | 'danger' | 'warning';

export interface StyledLine {
	text: string;
	tone: Tone;
}

/** Responses up to this size are pretty-printed; larger ones are shown as received, so a 6 MB answer never stalls the screen. */
export const prettyPrintMax = 1_048_576;

function stringsOf(value: unknown): string[] {
	if (typeof value === 'string') return value.split('\n');
	if (Array.isArray(value)) return value.flatMap((item) => (typeof item === 'string' ? item.replace(/\n$/, '').split('\n') : []));
	return [];
}

/** The function error in a response: the runtime's error document ({errorType, errorMessage, trace | stackTrace}), or the raw payload. */
export function functionErrorOf(payload: string, functionError: string): FunctionErrorDetails {
	try {
		const document: unknown = JSON.parse(payload);
		if (document && typeof document === 'object' && !Array.isArray(document)) {
			const {errorType, errorMessage, trace, stackTrace} = document as Record<string, unknown>;
			if (typeof errorType === 'string' || typeof errorMessage === 'string') {
				return {
					type: typeof errorType === 'string' ? errorType : functionError,
					message: typeof errorMessage === 'string' ? errorMessage : '',
					stack: stringsOf(trace ?? stackTrace),
				};
			}
		}
	} catch {
		// Not JSON: the payload is the message.
	}
	return {type: functionError, message: payload, stack: []};
}

/** The outcome of an answered invocation: its figures and, when it failed, its error. */
export function outcomeOf(response: InvocationResponse): InvocationOutcome {
	const report = response.log === undefined ? undefined : parseReport(response.log);
	const error = response.functionError === undefined ? undefined : functionErrorOf(response.payload, response.functionError);
	return {kind: 'done', response, report, error};
}

export type Verdict = 'running' | 'succeeded' | 'failed' | 'queued' | 'not-invoked';

export function verdictOf(invocation: Invocation): Verdict {
	const {outcome} = invocation;
	if (outcome.kind === 'running') return 'running';
	if (outcome.kind === 'call-failed') return 'not-invoked';
	if (outcome.error) return 'failed';
	return invocation.async ? 'queued' : 'succeeded';
}

const isPrintableAscii = /^[\x20-\x7E]*$/;
const hasOtherThanPrintableAsciiLines = /[^\n\x20-\x7E]/;

/** Outside text as clean lines: cleanLines, skipped when there is nothing to clean (most JSON), which a 6 MB answer notices. */
function safeLines(text: string): string[] {
	return hasOtherThanPrintableAsciiLines.test(text) ? cleanLines(text) : text.split('\n');
}

/** A line cut into pieces of at most `width` characters. */
function wrapLine(line: string, width: number): string[] {
	const room = Math.max(1, width);
	if (line.length <= room && isPrintableAscii.test(line)) return [line];
	const pieces: string[] = [];
	if (isPrintableAscii.test(line)) {
		for (let start = 0; start < line.length; start += room) pieces.push(line.slice(start, start + room));
		return pieces;
	}
	const chars = Array.from(line);
	if (chars.length <= room) return [line];
	for (let start = 0; start < chars.length; start += room) pieces.push(chars.slice(start, start + room).join(''));
	return pieces;
}

/** Lines wrapped to the width, added to `out` (a loop, not push(...): a response may have a million lines, more than a call takes arguments). */
function addWrapped(out: StyledLine[], lines: readonly string[], width: number, tone: Tone, indent = ''): void {
	for (const line of lines) {
		for (const piece of wrapLine(line, width - indent.length)) out.push({text: indent + piece, tone});
	}
}

/** Prose added to `out`, broken at spaces. */
function addProse(out: StyledLine[], text: string, width: number, tone: Tone): void {
	for (const line of cleanLines(text)) {
		for (const piece of wrapWords(line, width)) out.push({text: piece, tone});
	}
}

/** Pretty-printed text longer than this (deep nesting indents every line further) is not used: the response is shown as received. */
export const prettyTextMax = 8 * 1_048_576;

/** The response as lines: JSON pretty-printed (up to prettyPrintMax), anything else as received; cleaned of control sequences. */
export function responseLines(payload: string): {lines: string[]; note: string | undefined} {
	if (payload === '') return {lines: [], note: 'The function returned nothing (null).'};
	if (payload.length > prettyPrintMax) return {lines: safeLines(payload), note: `Over ${formatBytes(prettyPrintMax)}: shown as received, not reformatted.`};
	let value: unknown;
	try {
		value = JSON.parse(payload);
	} catch {
		return {lines: safeLines(payload), note: 'Not JSON: shown as received.'};
	}
	let pretty: string;
	try {
		pretty = JSON.stringify(value, null, 2);
	} catch {
		// JSON.stringify recurses: a value nested thousands deep overflows the stack.
		return {lines: safeLines(payload), note: 'Nested too deeply to reformat: shown as received.'};
	}
	if (pretty.length > prettyTextMax) return {lines: safeLines(payload), note: 'Nested too deeply to reformat: shown as received.'};
	return {lines: safeLines(pretty), note: undefined};
}

function milliseconds(value: number): string {
	return `${value.toFixed(2)} ms`;
}

function heading(title: string, width: number): StyledLine {
	const text = `── ${title} `;
	return {text: text + '─'.repeat(Math.max(0, width - text.length)), tone: 'heading'};
}

/** The one-line summary: the verdict and the figures that matter most. */
export function summaryLine(invocation: Invocation): StyledLine {
	const {outcome} = invocation;
	switch (outcome.kind) {
		case 'running':
			return {text: `… Invoking with ${invocation.eventName}${invocation.async ? ' (asynchronous)' : ''}`, tone: 'warning'};
		case 'call-failed':
			return {text: `✘ Not invoked: ${cleanText(outcome.message)}`, tone: 'danger'};
		case 'done': {
			if (outcome.error) return {text: `✘ Failed: ${cleanText(outcome.error.type)}${outcome.error.message ? ` — ${cleanText(outcome.error.message)}` : ''}`, tone: 'danger'};
			if (invocation.async) return {text: `✔ Queued (${outcome.response.statusCode}): Lambda accepted the event`, tone: 'success'};
			const figures = outcome.report ? ` · ${milliseconds(outcome.report.durationMs)}` : '';
			return {text: `✔ Succeeded (${outcome.response.statusCode})${figures}`, tone: 'success'};
		}
	}
}

function field(label: string, value: string): StyledLine {
	return {text: `${label.padEnd(12)}${value}`, tone: 'normal'};
}

/** The verdict's characters at the top of a result (three lines or so): a longer error message is cut there. */
const summaryMax = 160;

/** Every line of a result, for a pane `width` columns wide. */
export function resultLines(invocation: Invocation, width: number): StyledLine[] {
	const summary = summaryLine(invocation);
	const lines: StyledLine[] = [];
	const {outcome} = invocation;
	// The verdict at a glance: a function's long error message is given whole under Error, not here.
	// A call that failed has no Error section: its message (what to do next) is given whole.
	const cut = outcome.kind === 'done' && summary.text.length > summaryMax;
	addProse(lines, cut ? `${summary.text.slice(0, summaryMax - 1)}…` : summary.text, width, summary.tone);
	const target = `${invocation.functionName}${invocation.qualifier ? `:${invocation.qualifier}` : ''}`;
	if (outcome.kind === 'running') {
		lines.push({text: `${target}, started ${invocation.startedAt.toISOString().slice(11, 19)}`, tone: 'muted'});
		return lines;
	}
	if (outcome.kind === 'call-failed') {
		lines.push({text: `${target} · event ${invocation.eventName}`, tone: 'muted'});
		return lines;
	}
	const {response, report, error} = outcome;
	lines.push(heading('Details', width));
	lines.push(field('Event', invocation.eventName));
	lines.push(field('Request ID', response.requestId ?? report?.requestId ?? '(none)'));
	if (report) {
		lines.push(field('Duration', milliseconds(report.durationMs)));
		lines.push(field('Billed', `${report.billedDurationMs} ms`));
		lines.push(field('Memory', `${report.maxMemoryUsedMb} MB used of ${report.memorySizeMb} MB`));
		lines.push(field('Init', report.initDurationMs === undefined ? 'none (warm start)' : `${milliseconds(report.initDurationMs)} (cold start)`));
		if (report.status) lines.push(field('Status', `${report.status}${report.errorType ? ` (${report.errorType})` : ''}`));
	} else if (!invocation.async) {
		lines.push(field('Duration', 'no REPORT line in the log tail'));
	}
	lines.push(field('Version', response.executedVersion ?? (invocation.async ? 'chosen when the event runs' : '(not reported)')));
	if (invocation.elapsedMs !== undefined) lines.push(field('Round trip', `${milliseconds(invocation.elapsedMs)} measured here`));
	if (invocation.async) {
		addProse(lines, 'The result goes to the function\'s log, and to its destinations when it has them.', width, 'muted');
		return lines;
	}
	if (error) {
		lines.push(heading('Error', width));
		addProse(lines, `Type: ${error.type}`, width, 'danger');
		if (error.message) addProse(lines, `Message: ${error.message}`, width, 'danger');
		if (error.stack.length > 0) {
			lines.push({text: 'Stack:', tone: 'muted'});
			for (const frame of error.stack) addWrapped(lines, cleanLines(frame), width, 'normal', '  ');
		}
	} else {
		const {lines: body, note} = responseLines(response.payload);
		lines.push(heading(`Response (${formatBytes(Buffer.byteLength(response.payload, 'utf8'))})`, width));
		if (note) lines.push({text: note, tone: 'muted'});
		addWrapped(lines, body, width, 'normal');
	}
	lines.push(heading('Log output (last 4 KB)', width));
	if (response.log === undefined || response.log === '') lines.push({text: 'No log tail was returned.', tone: 'muted'});
	else addWrapped(lines, cleanLines(response.log.replace(/\n$/, '')), width, 'muted');
	return lines;
}
