// Where execution environments write their logs: the local CloudWatch Logs.

export interface LogEventInput {
	/** Epoch milliseconds. */
	timestamp: number;
	message: string;
}

export interface LogSink {
	/** Appends events to a stream, creating the log group and the stream when they do not exist yet. */
	append(group: string, stream: string, events: readonly LogEventInput[]): void;
}
