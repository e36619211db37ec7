// The local CloudWatch (metrics): records the AWS/Lambda metrics of real
// invocations (put, the MetricSink the invoker writes to) and serves them,
// and any custom metrics, over the CloudWatch API in the protocol
// @aws-sdk/client-cloudwatch speaks: awsJson1_0, X-Amz-Target
// GraniteServiceVersion20100801.<Operation>, errors with the
// x-amzn-query-error header (see errors.ts). Operations: GetMetricData,
// GetMetricStatistics, ListMetrics and PutMetricData.
//
// put() only updates memory (a map lookup and a bucket update). The hours
// that changed are saved a few seconds later, in the background (see
// metric-files.ts), so a crash loses at most those seconds of invocation
// metrics; PutMetricData answers only once its data is saved. Time (bucket
// timestamps, retention, "now" for the API) comes from the clock; the save
// delay is real time, since it is about batching disk writes, not behaviour.

import type {ServerResponse} from 'node:http';
import {join} from 'node:path';
import type {Clock} from '../clock.js';
import {CloudWatchError, SerializationError, sendCloudWatchError, sendJson, sendProtocolError} from './errors.js';
import {getMetricData} from './get-metric-data.js';
import {getMetricStatistics} from './get-metric-statistics.js';
import {listMetrics} from './list-metrics.js';
import {MetricFiles, encodeHour} from './metric-files.js';
import type {MetricDatum, MetricSink} from './metric-sink.js';
import {dimensionPairs, highResolutionSeconds, MetricStore, retentionSeconds} from './metric-store.js';
import {putMetricData} from './put-metric-data.js';
import {parseBody, type JsonObject} from './wire.js';

export interface MetricsServiceOptions {
	dataDir: string;
	clock: Clock;
}

const targetPrefix = 'GraniteServiceVersion20100801.';
/** Changed hours are saved this long after the first change (real time). */
const saveDelayMs = 2000;
/** Expired data is looked for at most this often (clock time). */
const expiryIntervalMs = 60_000;

export class MetricsService implements MetricSink {
	private saveTimer: NodeJS.Timeout | undefined;
	private saving: Promise<void> = Promise.resolve();
	private lastExpiry = -Infinity;
	private closed = false;

	private constructor(
		private readonly store: MetricStore,
		private readonly files: MetricFiles,
		private readonly clock: Clock,
	) {}

	static async open(options: MetricsServiceOptions): Promise<MetricsService> {
		const store = new MetricStore();
		const files = new MetricFiles(join(options.dataDir, 'metrics'));
		await files.load(store);
		const service = new MetricsService(store, files, options.clock);
		service.expire();
		if (store.dirtyHours.size > 0) service.scheduleSave();
		return service;
	}

	/** Records one datum of an invocation (called on every invocation: memory only). */
	put(datum: MetricDatum): void {
		if (!Number.isFinite(datum.value) || !Number.isFinite(datum.timestamp)) return;
		const identity = {namespace: datum.namespace, name: datum.name, dimensions: dimensionPairs(datum.dimensions)};
		this.store.add(identity, datum.unit, datum.timestamp / 1000, datum.value);
		this.scheduleSave();
	}

	/** Answers one request whose X-Amz-Target starts with "GraniteServiceVersion20100801.": writes the whole response. */
	async handle(target: string, body: Buffer, response: ServerResponse, requestId: string): Promise<void> {
		const operation = target.slice(targetPrefix.length);
		try {
			const input = parseBody(body);
			const output = await this.run(operation, input);
			if (output === undefined) {
				sendProtocolError(response, requestId, 'UnknownOperationException', `The local CloudWatch does not serve ${target}`);
				return;
			}
			sendJson(response, 200, requestId, output);
		} catch (error) {
			if (error instanceof CloudWatchError) {
				sendCloudWatchError(response, requestId, error);
			} else if (error instanceof SerializationError) {
				sendProtocolError(response, requestId, 'SerializationException', error.message);
			} else {
				process.stderr.write(`local CloudWatch: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
				sendCloudWatchError(response, requestId, new CloudWatchError('InternalServiceError', 'The local CloudWatch hit an internal error.'));
			}
		}
	}

	private async run(operation: string, input: JsonObject): Promise<JsonObject | undefined> {
		const now = this.clock.now();
		this.expire();
		switch (operation) {
			case 'GetMetricData':
				return getMetricData(this.store, input, now);
			case 'GetMetricStatistics':
				return getMetricStatistics(this.store, input, now);
			case 'ListMetrics':
				return listMetrics(this.store, input, now);
			case 'PutMetricData':
				putMetricData(this.store, input, now);
				await this.save();
				return {};
			default:
				return undefined;
		}
	}

	/** Drops data past retention and merges old per-second buckets (at most once a minute of clock time). */
	private expire(): void {
		const now = this.clock.now();
		if (now - this.lastExpiry < expiryIntervalMs) return;
		this.lastExpiry = now;
		const seconds = Math.floor(now / 1000);
		this.store.expire(seconds - retentionSeconds, seconds - highResolutionSeconds);
	}

	private scheduleSave(): void {
		if (this.saveTimer !== undefined || this.closed) return;
		this.saveTimer = setTimeout(() => {
			this.saveTimer = undefined;
			this.save().catch((error: unknown) => {
				process.stderr.write(`local CloudWatch: could not save metrics: ${error instanceof Error ? error.message : String(error)}\n`);
			});
		}, saveDelayMs);
		this.saveTimer.unref();
	}

	/** Saves every changed hour; resolves once they are on disk. Saves run one after another. */
	save(): Promise<void> {
		if (this.saveTimer !== undefined) {
			clearTimeout(this.saveTimer);
			this.saveTimer = undefined;
		}
		const run = this.saving.then(() => this.writeChanged());
		this.saving = run.catch(() => undefined);
		return run;
	}

	private async writeChanged(): Promise<void> {
		this.expire();
		const hours = [...this.store.dirtyHours].sort((left, right) => left - right);
		this.store.dirtyHours.clear();
		// Encoded now, in one go, so that samples arriving during the writes go to the next save.
		const texts = hours.map((hour): [number, string | undefined] => {
			const snapshot = this.store.snapshot(hour);
			return [hour, snapshot === undefined ? undefined : encodeHour(snapshot)];
		});
		for (const [index, [hour, text]] of texts.entries()) {
			try {
				await this.files.save(hour, text);
			} catch (error) {
				for (const [pending] of texts.slice(index)) this.store.dirtyHours.add(pending);
				if (!this.closed) this.scheduleSave();
				throw error;
			}
		}
	}

	async close(): Promise<void> {
		await this.save();
		this.closed = true;
	}
}
