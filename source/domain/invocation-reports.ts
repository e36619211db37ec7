// The Monitor tab's recent invocations: one row per REPORT line (or JSON
// platform.report record) with its figures and cost in GB-seconds, marked
// with the error the invocation ended in: the REPORT's Status / Error Type,
// or an error its lines show (the Node.js runtime's "Invoke Error" line, an
// error record of the JSON format, Python's "[ERROR] Type: message", "Task
// timed out", a failed INIT_REPORT). An error line that names no request
// belongs to the next REPORT of its stream: an execution environment runs
// one request at a time. Also how the table writes a time (UTC, with the date
// when the rows or the range cover more than one day; the traces list writes
// its times the same way) and a cost in GB-seconds.

import {parseReport} from './report-line.js';
import {jsonLogRecord, requestIdOf, type LogLine} from './log-lines.js';
import {cleanText} from './sanitize.js';

export interface InvocationRow {
	/** When the invocation ended (its REPORT line). */
	time: Date;
	requestId: string;
	durationMs: number;
	billedDurationMs: number;
	memorySizeMb: number;
	maxMemoryUsedMb: number;
	/** Only on a cold start. */
	initDurationMs?: number;
	/** The Status/Error Type of the REPORT, or an error found in that request's lines. */
	error?: string;
	gbSeconds: number;
}

export type InvocationSort = 'time' | 'duration' | 'billed' | 'memory' | 'init' | 'cost';

/** The compute an invocation is billed for: billed duration in seconds times memory in GB (1 GB = 1024 MB). */
export function gbSeconds(billedMs: number, memoryMb: number): number {
	return (billedMs / 1000) * (memoryMb / 1024);
}

const errorTextMax = 200;

/** Outside text as an error cell: one line without control sequences, at most 200 characters. */
function shownError(text: string): string {
	const clean = cleanText(text).replace(/ {2,}/g, ' ').trim();
	return clean.length > errorTextMax ? `${clean.slice(0, errorTextMax - 1)}…` : clean;
}

function errorText(type: unknown, message: unknown): string | undefined {
	const kind = typeof type === 'string' && type !== '' ? type : undefined;
	const said = typeof message === 'string' && message !== '' ? message : undefined;
	if (kind === undefined && said === undefined) return undefined;
	return shownError(kind !== undefined && said !== undefined ? `${kind}: ${said}` : (kind ?? said ?? ''));
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The error a line shows, when it shows one that ends an invocation: one line of at most 200 characters, safe to draw. */
export function errorOfLine(message: string): string | undefined {
	const error = rawErrorOfLine(message);
	return error === undefined ? undefined : shownError(error);
}

function rawErrorOfLine(message: string): string | undefined {
	// Node.js text format: TIME\tID\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"boom",...}
	const invokeError = message.indexOf('\tInvoke Error');
	if (invokeError !== -1) {
		const brace = message.indexOf('{', invokeError);
		if (brace !== -1) {
			try {
				const error = objectOf(JSON.parse(message.slice(brace)));
				const text = errorText(error?.errorType, error?.errorMessage);
				if (text !== undefined) return text;
			} catch {
				// A cut or odd error document: still an error.
			}
		}
		return 'Invoke Error';
	}
	// Python text format of an unhandled error: "[ERROR] ValueError: boom\rTraceback ..." (no tab: logger.error lines have one).
	const python = /^\[ERROR\] ([^\t\r\n]+)/.exec(message);
	if (python) return errorText(undefined, python[1]);
	// "TIME ID Task timed out after 3.00 seconds"
	const timedOut = /Task timed out after [\d.]+ seconds/.exec(message);
	if (timedOut) return timedOut[0];
	// INIT_REPORT Init Duration: 3000.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.ExitError
	if (message.startsWith('INIT_REPORT')) {
		const status = /Status: (\S+)/.exec(message)?.[1];
		if (status === undefined) return undefined;
		return `init ${/Error Type: (\S+)/.exec(message)?.[1] ?? status}`;
	}
	const record = jsonLogRecord(message);
	if (record === undefined) return undefined;
	// JSON format, Lambda's platform.initReport with a failed status.
	if (record.type === 'platform.initReport') {
		const inner = objectOf(record.record);
		const status = inner?.status;
		if (typeof status !== 'string' || status === 'success') return undefined;
		return `init ${typeof inner?.errorType === 'string' ? inner.errorType : status}`;
	}
	// JSON format, the runtime's error record: {"level":"ERROR","errorType":...} or {"level":"ERROR","message":{"errorType":...}}.
	if (record.level !== 'ERROR' && record.level !== 'FATAL') return undefined;
	const inner = objectOf(record.message);
	if (typeof record.errorType === 'string') return errorText(record.errorType, record.errorMessage);
	if (inner !== undefined && typeof inner.errorType === 'string') return errorText(inner.errorType, inner.errorMessage);
	return undefined;
}

function reportError(status: string | undefined, errorType: string | undefined): string | undefined {
	if (errorType !== undefined) return status !== undefined && status !== 'error' ? `${status} ${errorType}` : errorType;
	return status;
}

/** The rows of the REPORT lines among `lines` (any order, duplicates by event ID dropped), newest first. */
export function invocationRows(lines: readonly LogLine[]): InvocationRow[] {
	const ordered = lines.map((line, index) => ({line, index})).sort((a, b) => a.line.timestamp - b.line.timestamp || a.index - b.index);
	const seen = new Set<string>();
	const errorsByRequest = new Map<string, string>();
	/** Stream -> the error of a line that named no request, waiting for the stream's next REPORT. */
	const pendingByStream = new Map<string, string>();
	const rows: Array<{row: InvocationRow; streamError: string | undefined}> = [];
	for (const {line} of ordered) {
		const key = line.id ?? `${line.stream ?? ''}\u0000${line.timestamp}\u0000${line.message}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const {message} = line;
		const stream = line.stream ?? '';
		const mayReport = message.includes('REPORT RequestId:') || message.includes('platform.report');
		const figures = mayReport && !message.startsWith('INIT_REPORT') ? parseReport(message) : undefined;
		if (figures !== undefined) {
			const row: InvocationRow = {
				time: new Date(line.timestamp),
				requestId: cleanText(figures.requestId),
				durationMs: figures.durationMs,
				billedDurationMs: figures.billedDurationMs,
				memorySizeMb: figures.memorySizeMb,
				maxMemoryUsedMb: figures.maxMemoryUsedMb,
				...(figures.initDurationMs === undefined ? {} : {initDurationMs: figures.initDurationMs}),
				gbSeconds: gbSeconds(figures.billedDurationMs, figures.memorySizeMb),
			};
			const fromReport = reportError(figures.status, figures.errorType);
			if (fromReport !== undefined) row.error = shownError(fromReport);
			rows.push({row, streamError: pendingByStream.get(stream)});
			pendingByStream.delete(stream);
			continue;
		}
		const error = errorOfLine(message);
		if (error === undefined) continue;
		const requestId = requestIdOf(message);
		if (requestId !== undefined) {
			if (!errorsByRequest.has(requestId)) errorsByRequest.set(requestId, error);
		} else if (!pendingByStream.has(stream)) {
			pendingByStream.set(stream, error);
		}
	}
	const result = rows.map(({row, streamError}) => {
		const fromLines = errorsByRequest.get(row.requestId) ?? streamError;
		return fromLines === undefined ? row : {...row, error: fromLines};
	});
	return result.reverse();
}

function sortKey(row: InvocationRow, by: InvocationSort): number | undefined {
	switch (by) {
		case 'time':
			return row.time.getTime();
		case 'duration':
			return row.durationMs;
		case 'billed':
			return row.billedDurationMs;
		case 'memory':
			return row.maxMemoryUsedMb;
		case 'init':
			return row.initDurationMs;
		case 'cost':
			return row.gbSeconds;
	}
}

/** The rows sorted by a column (rows without a value, such as warm starts for init, last either way); ties newest first. */
export function sortRows(rows: readonly InvocationRow[], by: InvocationSort, descending: boolean): InvocationRow[] {
	return [...rows].sort((a, b) => {
		const left = sortKey(a, by);
		const right = sortKey(b, by);
		if (left === undefined || right === undefined) {
			if (left !== right) return left === undefined ? 1 : -1;
		} else if (left !== right) {
			return descending ? right - left : left - right;
		}
		return b.time.getTime() - a.time.getTime();
	});
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Whether a table's times need their date: the times fall on more than one
 * calendar day (UTC, as every time the console shows), or the range read is
 * longer than a day. Otherwise the time of day says it.
 */
export function timesNeedDate(times: readonly Date[], rangeMs?: number): boolean {
	if (rangeMs !== undefined && rangeMs > dayMs) return true;
	let day: number | undefined;
	for (const time of times) {
		const each = Math.floor(time.getTime() / dayMs);
		if (Number.isNaN(each)) continue;
		if (day === undefined) day = each;
		else if (each !== day) return true;
	}
	return false;
}

/** A time in a table (UTC): "14:03:22" (8 columns), or with its date "11-26 14:03:22" (14 columns). */
export function formatTableTime(time: Date, withDate: boolean): string {
	if (Number.isNaN(time.getTime())) return withDate ? '--------------' : '--------';
	const iso = time.toISOString();
	return withDate ? `${iso.slice(5, 10)} ${iso.slice(11, 19)}` : iso.slice(11, 19);
}

/** GB-seconds in 7 columns, as many decimals as fit: "0.00012", "12.3457", "8789.06". */
export function formatGbSeconds(value: number): string {
	if (!Number.isFinite(value) || value < 0) return '-';
	const whole = Math.max(1, Math.floor(value).toString().length);
	const text = value.toFixed(Math.max(0, Math.min(5, 6 - whole)));
	// Rounding up may add a digit (9.999996 -> "10.00000"): one decimal fewer.
	return text.length > 7 && text.includes('.') ? value.toFixed(Math.max(0, Math.min(5, 6 - whole) - 1)) : text;
}
