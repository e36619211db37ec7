// One environment's log stream, written through the LogSink while the
// function runs: Lambda's own lines (INIT_START, START, END, REPORT,
// INIT_REPORT; or, for the JSON log format, the platform.* records) and the
// function's output. It keeps the current invocation's last 4 KB (the log
// tail Invoke returns) and bounds what one invocation, or one init, may log:
// past the cap the output is dropped and the log says so, once.

import type {ReportFigures} from '../../domain/report-line.js';
import type {Clock} from '../clock.js';
import type {LogEventInput, LogSink} from '../logs/log-sink.js';
import type {InitializationType} from './environment-variables.js';
import {recordMax, type LogRecord} from './log-output.js';

/** The most one invocation (or one init) may log. */
export const defaultLogBytesMax = 4 * 1024 * 1024;
/** The log tail Invoke returns: the invocation's last 4 KB. */
export const logTailBytes = 4096;

const systemLevels: Record<string, number> = {DEBUG: 2, INFO: 3, WARN: 4};

/** What a REPORT line says: the figures the Test tab reads back out of it (domain/report-line.ts). */
export interface ReportMetrics extends ReportFigures {
	/** Absent on success. */
	status?: 'timeout' | 'error';
}

export interface InitReport {
	durationMs: number;
	phase: 'init' | 'invoke';
	status: 'error' | 'timeout';
	errorType?: string;
}

export interface LogWriterOptions {
	sink: LogSink;
	clock: Clock;
	group: string;
	stream: string;
	format: 'Text' | 'JSON';
	/** JSON format only: platform records below this level are not written (default INFO). */
	systemLogLevel?: string;
	functionName: string;
	version: string;
	logBytesMax?: number;
	/** The initializationType of the JSON platform.initStart and platform.initReport records (default on-demand). */
	initializationType?: InitializationType;
}

/** Two decimals, as Lambda's REPORT line shows durations. */
export function twoDecimals(value: number): number {
	return Math.round(value * 100) / 100;
}

export class LogWriter {
	readonly stream: string;
	private readonly options: LogWriterOptions;
	private readonly logBytesMax: number;
	private readonly systemEnabled: boolean;
	private batch: LogEventInput[] = [];
	private flushScheduled = false;
	private lastTimestamp = 0;
	private used = 0;
	private truncated = false;
	private tail: string[] | undefined;
	private tailSizes: number[] = [];
	private tailBytes = 0;

	constructor(options: LogWriterOptions) {
		this.options = options;
		this.stream = options.stream;
		this.logBytesMax = options.logBytesMax ?? defaultLogBytesMax;
		const level = systemLevels[(options.systemLogLevel ?? 'INFO').toUpperCase()] ?? systemLevels.INFO ?? 3;
		this.systemEnabled = options.format === 'Text' || level <= 3;
	}

	/** The function's output (a framed record or a line of stdout/stderr). */
	output(record: LogRecord): void {
		if (this.truncated) return;
		let message = record.message.length > recordMax ? `${record.message.slice(0, recordMax)}\n` : record.message;
		if (!record.json && !message.endsWith('\n')) message += '\n';
		this.used += message.length;
		if (this.used > this.logBytesMax) {
			this.truncated = true;
			this.write(
				`[lambdash] Log output truncated: more than ${Math.round(this.logBytesMax / 1024)} KiB was written in this ${this.tail === undefined ? 'phase' : 'invocation'}; the local Lambda dropped the rest of it.\n`,
				undefined,
			);
			return;
		}
		this.write(message, record.timestampMs);
	}

	initStart(runtimeVersion: string, runtimeVersionArn: string): void {
		this.system(`INIT_START Runtime Version: ${runtimeVersion}\tRuntime Version ARN: ${runtimeVersionArn}\n`, 'platform.initStart', {
			initializationType: this.options.initializationType ?? 'on-demand',
			phase: 'init',
			runtimeVersion,
			runtimeVersionArn,
			functionName: this.options.functionName,
			functionVersion: this.options.version,
		});
	}

	initReport(report: InitReport): void {
		const fields = [`Init Duration: ${report.durationMs.toFixed(2)} ms`, `Phase: ${report.phase}`, `Status: ${report.status}`];
		if (report.errorType !== undefined) fields.push(`Error Type: ${report.errorType}`);
		this.system(`INIT_REPORT ${fields.join('\t')}\n`, 'platform.initReport', {
			initializationType: this.options.initializationType ?? 'on-demand',
			phase: report.phase,
			status: report.status,
			...(report.errorType === undefined ? {} : {errorType: report.errorType}),
			metrics: {durationMs: twoDecimals(report.durationMs)},
		});
	}

	/** START: begins capturing the invocation's tail, and its own output budget. */
	start(requestId: string): void {
		this.tail = [];
		this.tailSizes = [];
		this.tailBytes = 0;
		this.used = 0;
		this.truncated = false;
		this.system(`START RequestId: ${requestId} Version: ${this.options.version}\n`, 'platform.start', {requestId, version: this.options.version});
	}

	end(requestId: string): void {
		if (this.options.format === 'Text') this.write(`END RequestId: ${requestId}\n`, undefined);
	}

	/** REPORT: ends the invocation; returns its log tail. */
	report(metrics: ReportMetrics): string {
		const fields = [
			`REPORT RequestId: ${metrics.requestId}`,
			`Duration: ${metrics.durationMs.toFixed(2)} ms`,
			`Billed Duration: ${metrics.billedDurationMs} ms`,
			`Memory Size: ${metrics.memorySizeMb} MB`,
			`Max Memory Used: ${metrics.maxMemoryUsedMb} MB`,
		];
		if (metrics.initDurationMs !== undefined) fields.push(`Init Duration: ${metrics.initDurationMs.toFixed(2)} ms`);
		const status: string[] = [];
		if (metrics.status !== undefined) status.push(`Status: ${metrics.status}`);
		if (metrics.errorType !== undefined) status.push(`Error Type: ${metrics.errorType}`);
		const record: Record<string, unknown> = {
			requestId: metrics.requestId,
			metrics: {
				durationMs: twoDecimals(metrics.durationMs),
				billedDurationMs: metrics.billedDurationMs,
				memorySizeMB: metrics.memorySizeMb,
				maxMemoryUsedMB: metrics.maxMemoryUsedMb,
				...(metrics.initDurationMs === undefined ? {} : {initDurationMs: twoDecimals(metrics.initDurationMs)}),
			},
			status: metrics.status ?? (metrics.errorType === undefined ? 'success' : 'error'),
			...(metrics.errorType === undefined ? {} : {errorType: metrics.errorType}),
		};
		this.system(`${fields.map((field) => `${field}\t`).join('')}${status.join('\t')}\n`, 'platform.report', record);
		const tail = this.tailText();
		this.tail = undefined;
		this.used = 0;
		this.truncated = false;
		this.flush();
		return tail;
	}

	/** Writes what is batched to the sink now. */
	flush(): void {
		if (this.batch.length === 0) return;
		const events = this.batch;
		this.batch = [];
		this.options.sink.append(this.options.group, this.stream, events);
	}

	private system(text: string, type: string, record: Record<string, unknown>): void {
		if (this.options.format === 'Text') {
			this.write(text, undefined);
			return;
		}
		if (!this.systemEnabled) return;
		const now = this.options.clock.now();
		this.write(JSON.stringify({time: new Date(now).toISOString(), type, record}), now);
	}

	private write(message: string, timestampMs: number | undefined): void {
		let timestamp = timestampMs ?? this.options.clock.now();
		if (timestamp < this.lastTimestamp) timestamp = this.lastTimestamp;
		this.lastTimestamp = timestamp;
		this.batch.push({timestamp, message});
		if (this.tail !== undefined) this.capture(message);
		if (!this.flushScheduled) {
			this.flushScheduled = true;
			setImmediate(() => {
				this.flushScheduled = false;
				this.flush();
			});
		}
	}

	private capture(message: string): void {
		const line = message.endsWith('\n') ? message : `${message}\n`;
		const tail = this.tail;
		if (tail === undefined) return;
		const size = Buffer.byteLength(line);
		tail.push(line);
		this.tailSizes.push(size);
		this.tailBytes += size;
		while (tail.length > 1 && this.tailBytes - (this.tailSizes[0] ?? 0) >= logTailBytes) {
			tail.shift();
			this.tailBytes -= this.tailSizes.shift() ?? 0;
		}
	}

	private tailText(): string {
		const bytes = Buffer.from((this.tail ?? []).join(''), 'utf8');
		if (bytes.length <= logTailBytes) return bytes.toString('utf8');
		let start = bytes.length - logTailBytes;
		// Not from the middle of a character.
		while (start < bytes.length && ((bytes[start] ?? 0) & 0xc0) === 0x80) start += 1;
		return bytes.subarray(start).toString('utf8');
	}
}
