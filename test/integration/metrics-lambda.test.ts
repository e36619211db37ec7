// The AWS/Lambda metrics of real invocations, end to end: functions run on
// the local Lambda through @aws-sdk/client-lambda, and their Invocations,
// Errors and Duration are read back with @aws-sdk/client-cloudwatch, per
// function, per alias and account-wide, as the console's Monitor tab reads them.

import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, type MetricDataQuery} from '@aws-sdk/client-cloudwatch';
import {CreateAliasCommand, CreateFunctionCommand, InvokeCommand, PublishVersionCommand, waitUntilFunctionActiveV2} from '@aws-sdk/client-lambda';
import {zipFiles} from '../../source/domain/code-package.js';
import {credentials, role, startHarness, type Harness} from './harness.js';

const handler = `
export const handler = async (event) => {
	if (event.fail) throw new Error('refused');
	return 'ok';
};
`;

describe('Lambda metrics of real invocations', () => {
	let harness: Harness;
	let cloudWatch: CloudWatchClient;
	let started: number;

	const invoke = async (qualifier: string | undefined, payload: unknown): Promise<void> => {
		await harness.lambda.send(new InvokeCommand({FunctionName: 'metered', Qualifier: qualifier, Payload: Buffer.from(JSON.stringify(payload))}));
	};
	const query = (id: string, name: string, stat: string, dimensions: Array<{Name: string; Value: string}>): MetricDataQuery => ({
		Id: id,
		MetricStat: {Metric: {Namespace: 'AWS/Lambda', MetricName: name, Dimensions: dimensions}, Period: 3600, Stat: stat},
	});

	before(async () => {
		harness = await startHarness();
		cloudWatch = new CloudWatchClient({endpoint: harness.server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
		await harness.lambda.send(
			new CreateFunctionCommand({FunctionName: 'metered', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: zipFiles({'index.mjs': handler})}}),
		);
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'metered'});
		const version = await harness.lambda.send(new PublishVersionCommand({FunctionName: 'metered'}));
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'metered', Name: 'live', FunctionVersion: version.Version}));
		started = Date.now();
		await invoke(undefined, {});
		await invoke(undefined, {});
		await invoke(undefined, {fail: true});
		await invoke('live', {});
	});
	after(async () => {
		cloudWatch.destroy();
		await harness.close();
	});

	it('counts invocations and errors and measures durations, per dimension set', async () => {
		const fn = [{Name: 'FunctionName', Value: 'metered'}];
		const alias = [...fn, {Name: 'Resource', Value: 'metered:live'}];
		const result = await cloudWatch.send(
			new GetMetricDataCommand({
				StartTime: new Date(started - 3_600_000),
				EndTime: new Date(Date.now() + 3_600_000),
				MetricDataQueries: [
					query('invocations', 'Invocations', 'Sum', fn),
					query('errors', 'Errors', 'Sum', fn),
					query('duration', 'Duration', 'SampleCount', fn),
					query('p99', 'Duration', 'p99', fn),
					query('max', 'Duration', 'Maximum', fn),
					query('alias', 'Invocations', 'Sum', alias),
					query('account', 'Invocations', 'Sum', []),
					{Id: 'rate', Expression: 'errors / invocations * 100'},
				],
			}),
		);
		const total = (id: string): number => (result.MetricDataResults?.find((entry) => entry.Id === id)?.Values ?? []).reduce((sum, value) => sum + value, 0);
		assert.equal(total('invocations'), 4);
		assert.equal(total('errors'), 1);
		assert.equal(total('duration'), 4, 'one Duration sample per invocation');
		assert.ok(total('max') > 0, 'durations are measured');
		assert.ok(total('p99') > 0 && total('p99') <= total('max'));
		assert.equal(total('alias'), 1, 'only the invocation through the alias');
		assert.equal(total('account'), 4, 'account-wide, without dimensions');
		assert.equal(total('rate'), 25);
		const listed = await cloudWatch.send(new ListMetricsCommand({Namespace: 'AWS/Lambda', Dimensions: [{Name: 'FunctionName', Value: 'metered'}]}));
		const names = new Set(listed.Metrics?.map((metric) => metric.MetricName));
		for (const name of ['Invocations', 'Errors', 'Duration', 'ConcurrentExecutions']) assert.ok(names.has(name), `${name} is listed`);
	});
});
