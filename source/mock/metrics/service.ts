// STUB (replaced by the metrics work): CloudWatch metrics of the local Lambda.
import type {ServerResponse} from 'node:http';
import type {Clock} from '../clock.js';
import type {MetricDatum, MetricSink} from './metric-sink.js';

export interface MetricsServiceOptions {
	dataDir: string;
	clock: Clock;
}

export class MetricsService implements MetricSink {
	static async open(_options: MetricsServiceOptions): Promise<MetricsService> {
		return new MetricsService();
	}

	put(_datum: MetricDatum): void {}

	/** Answers one request whose X-Amz-Target starts with "GraniteServiceVersion20100801.": writes the whole response. */
	async handle(_target: string, _body: Buffer, response: ServerResponse, _requestId: string): Promise<void> {
		response.writeHead(400).end();
	}

	async close(): Promise<void> {}
}
