// Where the local Lambda sends the segments of its traced invocations: the local X-Ray.

export interface TraceSink {
	/** Records segment documents (JSON text), as PutTraceSegments would; persisted in the background. */
	putDocuments(documents: readonly string[]): void;
}
