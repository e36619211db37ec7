// The Monitor tab's metrics end to end: a Node.js function runs on the local
// Lambda through @aws-sdk/client-lambda, succeeding and failing, throttled,
// through an alias and asynchronously, and getFunctionMetrics reads every
// chart back in one GetMetricData call through @aws-sdk/client-cloudwatch:
// Invocations, Errors, the success rate, Duration, Throttles, concurrency and
// the asynchronous charts (all three for a function invoked asynchronously),
// for the function and for an alias.

import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import {after, before, describe, it} from 'node:test';
import {CloudWatchClient} from '@aws-sdk/client-cloudwatch';
import {
	CreateAliasCommand,
	CreateFunctionCommand,
	InvokeCommand,
	PublishVersionCommand,
	PutFunctionConcurrencyCommand,
	waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import {getFunctionMetrics} from '../../source/aws/function-metrics.js';
import {metricsRange, visibleCharts, type Series} from '../../source/domain/function-metrics.js';
import {credentials, makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const handler = `
// Orders API, as a demo function would be: validates an order and prices it.
export const handler = async (event) => {
	console.log('order', JSON.stringify(event));
	if (event.fail) throw new Error('the order has no items');
	const total = (event.items ?? []).reduce((sum, item) => sum + item.price * item.quantity, 0);
	return {statusCode: 200, body: JSON.stringify({total})};
};
`;

const succeeded = 4;
const failed = 2;

/** The datapoints of one series as time → value. */
function byTime(data: Map<string, Series>, id: string): Map<number, number> {
	const series = data.get(id);
	assert.ok(series !== undefined, `the result has ${id}`);
	return new Map(series.points.map((point) => [point.time.getTime(), point.value]));
}

function total(data: Map<string, Series>, id: string): number {
	return [...byTime(data, id).values()].reduce((sum, value) => sum + value, 0);
}

describe('function metrics for the Monitor tab', () => {
	let harness: Harness;
	let cloudWatch: CloudWatchClient;

	const create = async (name: string): Promise<void> => {
		await harness.lambda.send(
			new CreateFunctionCommand({FunctionName: name, Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip({'index.mjs': handler})}}),
		);
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	};
	const invoke = async (name: string, payload: unknown, qualifier?: string, type?: 'Event'): Promise<void> => {
		await harness.lambda.send(
			new InvokeCommand({FunctionName: name, Qualifier: qualifier, InvocationType: type, Payload: Buffer.from(JSON.stringify(payload))}),
		);
	};
	// A second after now: an invocation made in this very second is in the range's last period.
	const range = () => metricsRange('1h', new Date(Date.now() + 1000));

	before(async () => {
		harness = await startHarness();
		cloudWatch = new CloudWatchClient({endpoint: harness.server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
		await create('orders');
		const version = await harness.lambda.send(new PublishVersionCommand({FunctionName: 'orders'}));
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'orders', Name: 'live', FunctionVersion: version.Version}));
		for (let index = 0; index < succeeded; index++) await invoke('orders', {items: [{price: 2.5, quantity: index + 1}]});
		for (let index = 0; index < failed; index++) await invoke('orders', {fail: true});
		await invoke('orders', {items: []}, 'live');
		await harness.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'orders', ReservedConcurrentExecutions: 0}));
		await rejectsWith(invoke('orders', {}), 'TooManyRequestsException', /Rate Exceeded/, 429);
	});
	after(async () => {
		cloudWatch.destroy();
		await harness.close();
	});

	it('counts the invocations and the errors, and computes the success rate as the console does', async () => {
		const data = await getFunctionMetrics(cloudWatch, 'orders', range());
		assert.equal(total(data, 'invocations'), succeeded + failed + 1, 'the alias invocation counts for the function too; the throttled one does not');
		assert.equal(total(data, 'errors'), failed);
		const invocations = byTime(data, 'invocations');
		const errors = byTime(data, 'errors');
		const rate = byTime(data, 'success_rate');
		assert.deepEqual([...rate.keys()], [...invocations.keys()], 'a success rate wherever there were invocations');
		for (const [time, value] of rate) {
			const errorCount = errors.get(time) ?? 0;
			const expected = 100 - (100 * errorCount) / Math.max(errorCount, invocations.get(time) ?? 0);
			assert.ok(Math.abs(value - expected) < 1e-9, `success rate ${value} = ${expected}`);
		}
		const all = [...rate.values()];
		if (all.length === 1) assert.ok(Math.abs((all[0] ?? 0) - (100 - (100 * failed) / (succeeded + failed + 1))) < 1e-9);
	});

	it('measures durations: minimum <= average <= maximum in every period', async () => {
		const data = await getFunctionMetrics(cloudWatch, 'orders', range());
		const minimum = byTime(data, 'duration_min');
		const average = byTime(data, 'duration_avg');
		const maximum = byTime(data, 'duration_max');
		assert.ok(minimum.size > 0);
		assert.deepEqual([...minimum.keys()], [...byTime(data, 'invocations').keys()]);
		for (const [time, low] of minimum) {
			const middle = average.get(time);
			const high = maximum.get(time);
			assert.ok(middle !== undefined && high !== undefined);
			assert.ok(low >= 0 && low <= middle && middle <= high && high > 0, `${low} <= ${middle} <= ${high}`);
		}
	});

	it('counts the throttled invocation, and concurrency', async () => {
		const data = await getFunctionMetrics(cloudWatch, 'orders', range());
		assert.equal(total(data, 'throttles'), 1);
		const concurrency = [...byTime(data, 'concurrent_executions').values()];
		assert.ok(concurrency.length > 0 && Math.max(...concurrency) >= 1);
	});

	it('returns points oldest first, inside the range, at multiples of its period', async () => {
		const chosen = range();
		const data = await getFunctionMetrics(cloudWatch, 'orders', chosen);
		for (const series of data.values()) {
			const times = series.points.map((point) => point.time.getTime());
			assert.deepEqual(times, [...times].sort((left, right) => left - right), `${series.queryId} ascending`);
			for (const time of times) {
				assert.ok(time >= chosen.start.getTime() && time < chosen.end.getTime());
				assert.equal((time - chosen.start.getTime()) % (chosen.periodSeconds * 1000), 0);
			}
		}
	});

	it('reads an alias through its Resource dimension', async () => {
		const data = await getFunctionMetrics(cloudWatch, 'orders', range(), undefined, 'live');
		assert.equal(total(data, 'invocations'), 1);
		assert.equal(total(data, 'errors'), 0);
		assert.deepEqual([...byTime(data, 'success_rate').values()], [100]);
	});

	it('follows the pages of the one call when the datapoints come in several responses', async () => {
		const whole = await getFunctionMetrics(cloudWatch, 'orders', range());
		const paged = new CloudWatchClient({endpoint: harness.server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
		let requests = 0;
		paged.middlewareStack.add(
			(next) => async (args) => {
				requests += 1;
				const input = args.input as {MaxDatapoints?: number};
				input.MaxDatapoints = 2;
				return next(args);
			},
			{step: 'initialize', name: 'smallPages'},
		);
		try {
			const data = await getFunctionMetrics(paged, 'orders', range());
			assert.ok(requests > 1, `${requests} requests`);
			for (const [id, series] of whole) assert.deepEqual(data.get(id)?.points, series.points, id);
		} finally {
			paged.destroy();
		}
	});

	it('shows the asynchronous charts only for a function invoked asynchronously', async () => {
		const sync = await getFunctionMetrics(cloudWatch, 'orders', range());
		assert.deepEqual(
			visibleCharts(sync).map((chart) => chart.id),
			['invocations', 'duration', 'errors', 'success-rate', 'throttles', 'concurrent-executions'],
		);
		await create('order-events');
		await invoke('order-events', {items: []}, undefined, 'Event');
		let data = await getFunctionMetrics(cloudWatch, 'order-events', range());
		// The event runs in the background: wait until its invocation is recorded.
		for (let attempt = 0; attempt < 200 && total(data, 'invocations') < 1; attempt++) {
			await sleep(100);
			data = await getFunctionMetrics(cloudWatch, 'order-events', range());
		}
		assert.equal(total(data, 'invocations'), 1);
		assert.equal(total(data, 'async_events_received'), 1);
		const age = [...byTime(data, 'async_event_age_max').values()];
		assert.equal(age.length, 1);
		assert.ok((age[0] ?? -1) >= 0);
		// All three asynchronous charts, the delivery failures too: it has no data, and says so.
		assert.deepEqual(
			visibleCharts(data)
				.filter((chart) => chart.async)
				.map((chart) => chart.id),
			['async-events', 'async-event-age', 'async-delivery-failures'],
		);
		assert.equal(total(data, 'destination_delivery_failures'), 0);
		// A function known to be invoked asynchronously (an EventInvokeConfig) shows them before any event came.
		assert.equal(visibleCharts(sync, true).filter((chart) => chart.async).length, 3);
	});
});
