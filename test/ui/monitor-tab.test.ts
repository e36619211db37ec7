// The Monitor tab in an 80x24 terminal, against the local Lambda: charts drawn
// from metrics that real invocations of a demo function produced, logs
// filtered and searched, one request's lines, a live tail receiving a line
// from an invocation made during the test, the recent invocations table, and
// a trace drawn as a timeline.
import assert from 'node:assert/strict';
import {InvokeCommand, PutFunctionEventInvokeConfigCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2} from '@aws-sdk/client-lambda';
import {before, describe, test} from 'node:test';
import {getFunctionMetrics} from '../../source/aws/function-metrics.js';
import {demoFunctions} from '../../source/demo/index.js';
import {metricsRange} from '../../source/domain/function-metrics.js';
import {localLambdaForSuite} from '../support/configuration-tab.js';
import {createNodeFunction, openTab} from '../support/test-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

const handler = `export const handler = async (event) => {
	console.log('handling', JSON.stringify({level: event.fail ? 'ERROR' : 'INFO', order: event.order ?? 0}));
	if (event.fail) throw new Error('order ' + event.order + ' was refused');
	return {ok: true, order: event.order};
};
`;

describe('the Monitor tab in an 80x24 terminal', () => {
	const local = localLambdaForSuite();
	const invoke = async (name: string, event: unknown): Promise<string> => {
		const output = await local().clients.lambda.send(new InvokeCommand({FunctionName: name, Payload: Buffer.from(JSON.stringify(event))}));
		return output.$metadata.requestId ?? '';
	};
	const braille = /[\u2801-\u28FF]/;
	// Every test reads a function with real invocations: three that succeeded and one that failed.
	before(async () => {
		await createNodeFunction(local(), 'watched', handler);
		for (const order of [1, 2, 3]) await invoke('watched', {order});
		await invoke('watched', {order: 4, fail: true});
	});

	test('metrics: charts of a demo function invoked synchronously and asynchronously, its errors, the async charts; a chart enlarged; the range and auto-refresh changed', async () => {
		// file-processor-node, seeded with its destinations (an EventInvokeConfig): three S3 notifications
		// processed, one refused (its key leaves the bucket), two sent as events.
		const demo = 'file-processor-node';
		const sample = demoFunctions().find((each) => each.name === demo)?.sampleEvent;
		assert.ok(sample !== undefined, 'the demo has a sample event');
		for (let index = 0; index < 3; index++) await invoke(demo, sample);
		await invoke(demo, {Records: [{eventSource: 'aws:s3', s3: {bucket: {name: 'lambdash-demo-uploads'}, object: {key: '../../private/keys.json'}}}]});
		for (let index = 0; index < 2; index++) {
			await local().clients.lambda.send(new InvokeCommand({FunctionName: demo, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(sample))}));
		}
		// The events run in the background: wait until both are recorded.
		const cloudwatch = await local().clients.cloudwatch();
		const invocations = async (): Promise<number> =>
			(await getFunctionMetrics(cloudwatch, demo, metricsRange('3h', new Date(Date.now() + 1000)))).get('invocations')?.points.reduce((sum, point) => sum + point.value, 0) ?? 0;
		for (let attempt = 0; attempt < 200 && (await invocations()) < 6; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
		assert.equal(await invocations(), 6);

		const ui = UiTerminal.start(local().session);
		await openTab(ui, demo, '4');
		await ui.waitForText('Last 3 hours');
		await ui.waitFor((screen) => /Invocations +total 6/.test(screen) && braille.test(screen), 'the charts, with points and the count of invocations', 10_000);
		assert.match(ui.screen(), /Errors +total 1/, 'the refused notification counts as an error');
		// Duration: the average solid, the minimum and maximum dotted, each marked in the title.
		assert.match(ui.screen(), /Duration +⠂min \S+ ⠒avg \S+ ⠂max \S+/);
		await ui.press(keys.enter);
		await ui.waitForNoText('Duration');
		assert.match(ui.screen(), /Invocations +total 6/);
		assert.ok(braille.test(ui.screen()), 'the enlarged chart has its points');
		await ui.press(keys.escape);
		await ui.waitForText('Duration');
		await ui.press('j', 'j');
		await ui.waitForText('Concurrent executions');
		// The asynchronous charts, all three: no delivery failed, so that one is empty.
		await ui.press('j', 'j');
		await ui.waitForText('Async delivery failures');
		const asyncCharts = ui.screen();
		assert.match(asyncCharts, /Async events +total ⠒recv 2 ⠂drop 0/);
		assert.match(asyncCharts, /Async event age/);
		assert.match(asyncCharts, /No data in this range/);
		await ui.press('t');
		await ui.waitForText('Last 12 hours');

		// Auto-refresh every N seconds: out of range is refused with what is allowed, keeping what was typed.
		await ui.press('A');
		await ui.waitForText('Refresh the charts every N seconds');
		ui.type('2');
		await ui.press(keys.enter);
		await ui.waitForText('2 s is too often: give 5 to 3600 seconds (0 or nothing: off).');
		assert.match(ui.screen(), /Refresh the charts every N seconds/, 'the form stays open');
		ui.type('\u0015');
		await ui.quiet();
		ui.type('15');
		await ui.press(keys.enter);
		await ui.waitForText('Last 12 hours · read');
		await ui.waitForText('every 15 s');
		// Empty turns it off.
		await ui.press('A');
		await ui.waitForText('Refresh the charts every N seconds');
		ui.type('\u0015');
		await ui.quiet();
		await ui.press(keys.enter);
		await ui.waitForNoText('every 15 s');

		// A 40x10 terminal: the chosen chart keeps its title and time axis, and comes back whole at 80x24.
		ui.resize(40, 10);
		await ui.quiet();
		assert.match(ui.screen(), /Async delivery failures|Async event age|Async events/, `a chart's title at 40x10:\n${ui.screen()}`);
		assert.match(ui.screen(), /└ +\d\d:00/, 'its time axis');
		ui.resize(80, 24);
		await ui.waitFor((screen) => /Async event age/.test(screen) && /Async delivery failures/.test(screen), 'the grid again', 5000);
		await ui.quit();
	});

	test('metrics: a destination set while the charts are open counts after r, and the async charts appear', async () => {
		// watched has only synchronous invocations and no EventInvokeConfig: six charts, none of them async.
		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'watched', '4');
		await ui.waitFor((screen) => /Invocations +total 4/.test(screen), 'the charts of watched', 10_000);
		await ui.press('j', 'j', 'j', 'j');
		await ui.waitForText('Concurrent executions');
		assert.doesNotMatch(ui.screen(), /Async/);
		await local().clients.lambda.send(new PutFunctionEventInvokeConfigCommand({FunctionName: 'watched', MaximumRetryAttempts: 0}));
		await ui.press('r');
		await ui.press('j', 'j');
		await ui.waitForText('Async delivery failures');
		assert.match(ui.screen(), /No data in this range/);
		await ui.quit();
	});

	test('logs: every line, a filter pattern (a bad one explained), a search, one request\'s lines', async () => {
		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'watched', '4');
		await ui.press(']');
		await ui.waitForText('/aws/lambda/watched · since 1h');
		await ui.waitForText('REPORT RequestId');
		assert.match(ui.screen(), /START RequestId/);

		await ui.press('f');
		await ui.waitForText('CloudWatch filter pattern');
		ui.type('{ $.level = ');
		await ui.press(keys.enter);
		await ui.waitForText('Not a pattern CloudWatch reads');
		ui.type('\u0015');
		await ui.quiet();
		ui.type('refused');
		await ui.press(keys.enter);
		await ui.waitForText('filter refused');
		await ui.waitForNoText('START RequestId');
		await ui.press('w');
		await ui.waitForText('was refused');
		assert.match(ui.screen().replace(/\s+/g, ' '), /Invoke Error .*order 4 was refused/);

		// The failing request, whole: Enter on its line.
		await ui.press(keys.enter);
		await ui.waitForText(/request [0-9a-f-]{36}/);
		// It reads from its first line; its last is at the end.
		await ui.waitForText('START RequestId');
		await ui.press('G');
		await ui.waitForText('REPORT RequestId');
		await ui.press(keys.escape);
		await ui.waitForText('filter refused');

		await ui.press('/');
		await ui.waitForText('Search within the lines');
		ui.type('Invoke Error');
		await ui.press(keys.enter);
		await ui.waitForText('search "Invoke Error"');

		// A time range that is not one is refused, saying what is allowed; a good one is read.
		await ui.press('t');
		await ui.waitForText('Time range of the logs');
		ui.type('\u0015');
		await ui.quiet();
		ui.type('yesterday-ish');
		await ui.press(keys.enter);
		await ui.waitForText('"yesterday-ish" is not a time: give a duration back from now');
		assert.match(ui.screen(), /Time range of the logs/, 'the form stays open with what was typed');
		assert.match(ui.screen(), /yesterday-ish/);
		ui.type('\u0015');
		await ui.quiet();
		ui.type('2h ago');
		await ui.press(keys.enter);
		await ui.waitForText('since 2h ago');
		await ui.quit();
	});

	test('live tail: a line from an invocation made meanwhile arrives; the recent invocations table; a log group that does not exist yet', async () => {
		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'watched', '4');
		await ui.press(']');
		await ui.waitForText('REPORT RequestId');
		await ui.press('F');
		await ui.waitForText('live tail: live', 10_000);
		const requestId = await invoke('watched', {order: 77});
		await ui.waitForText(`START RequestId: ${requestId}`, 10_000);
		await ui.press('p');
		await ui.waitForText('paused (p goes on)');
		await ui.press('F');
		await ui.waitForNoText('live tail');

		await ui.press(']');
		// Until the table is read its title says 0 invocations and reading…: wait for the rows.
		await ui.waitForText(/[1-9]\d* invocations? since 3h/);
		await ui.waitForNoText('reading…');
		const table = ui.screen();
		assert.match(table, /time +request +ms +billed +MB used +init +GB-s error/);
		assert.match(table, /Error/, 'the failed invocation shows its error');
		await ui.press('c');
		await ui.waitForText('sorted by cost ↓');
		await ui.press(keys.enter);
		await ui.waitForText(/request [0-9a-f-]{36}/);
		await ui.quit();

		await createNodeFunction(local(), 'never-called', handler);
		const fresh = UiTerminal.start(local().session);
		await openTab(fresh, 'never-called', '4');
		await fresh.press(']');
		await fresh.waitFor((screen) => screen.replace(/\s+/g, ' ').includes('the function has not been invoked yet'), 'the missing group explained');
		await fresh.quit();
	});

	test('traces: active tracing records a trace per invocation; a cold start has its initialization on the timeline', async () => {
		await createNodeFunction(local(), 'traced', handler);
		await local().clients.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'traced', TracingConfig: {Mode: 'Active'}}));
		await waitUntilFunctionUpdatedV2({client: local().clients.lambda, maxWaitTime: 20}, {FunctionName: 'traced'});
		await invoke('traced', {order: 1});
		await invoke('traced', {order: 2});
		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'traced', '4');
		await ui.press('[');
		await ui.waitForText('2 traces since 1h', 10_000);
		assert.match(ui.screen(), /cold start/);
		const rows = ui.screen().split('\n').filter((line) => /^\d\d:\d\d:\d\d 1-[0-9a-f]{8}-/.test(line));
		const cold = rows.findIndex((line) => line.includes('cold start'));
		for (let step = 0; step < cold; step++) await ui.press('j');
		await ui.press(keys.enter);
		await ui.waitForText('Initialization');
		assert.match(ui.screen(), /Invocation/);
		assert.match(ui.screen(), /[█▏▎▍▌▋▊▉]/, 'the spans are drawn as bars');
		await ui.press(keys.escape);
		await ui.waitForText('2 traces since 1h');
		await ui.quit();
	});
});
