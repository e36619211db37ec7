// STUB (replaced by the logs work): the CloudWatch Logs API of the local Lambda.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {Clock} from '../clock.js';
import type {LogEventInput, LogSink} from './log-sink.js';

export interface LogsServiceOptions {
	dataDir: string;
	region: string;
	accountId: string;
	clock: Clock;
}

export class LogsService implements LogSink {
	static async open(_options: LogsServiceOptions): Promise<LogsService> {
		return new LogsService();
	}

	append(_group: string, _stream: string, _events: readonly LogEventInput[]): void {}

	/** Answers one request whose X-Amz-Target starts with "Logs_20140328.": writes the whole response. */
	async handle(_target: string, _body: Buffer, _request: IncomingMessage, response: ServerResponse, _requestId: string): Promise<void> {
		response.writeHead(400).end();
	}

	async close(): Promise<void> {}
}
