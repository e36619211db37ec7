// Runs invocations: resolves what a request names (function, version, alias
// with weighted routing) into the snapshot an execution environment runs,
// hands it to the runtime manager and records the AWS/Lambda metrics.
import type {Clock} from '../clock.js';
import type {MetricSink} from '../metrics/metric-sink.js';
import type {RuntimeManager} from '../runtime/manager.js';
import type {AttemptResult, QueuedEvent} from './event-queue.js';
import type {LambdaService} from './service.js';

export interface InvokerOptions {
	service: LambdaService;
	runtime: RuntimeManager;
	metrics: MetricSink;
	clock: Clock;
}

export class Invoker {
	constructor(private readonly options: InvokerOptions) {}

	async runEvent(_event: QueuedEvent): Promise<AttemptResult> {
		throw new Error(`not yet ${this.options.clock.now()}`);
	}
}
