// Where the local Lambda records the metrics of its invocations: the local CloudWatch.

export interface MetricDatum {
	/** 'AWS/Lambda' */
	namespace: string;
	/** 'Invocations', 'Errors', 'Duration', ... */
	name: string;
	/** e.g. {FunctionName: 'orders'} or {FunctionName: 'orders', Resource: 'orders:live'} */
	dimensions: Record<string, string>;
	value: number;
	/** CloudWatch's StandardUnit: 'Count', 'Milliseconds', ... */
	unit: string;
	/** Epoch milliseconds. */
	timestamp: number;
}

export interface MetricSink {
	put(datum: MetricDatum): void;
}
