// Creating functions in an 80x24 terminal, the console's three ways: author from
// scratch (Node.js, then invoked), a blueprint (hello world in Python, invoked
// with the test event it comes with), a container image (created and shown);
// an invalid name refused with the rule and the text kept; a name that exists
// refused and explained; Esc leaves without creating.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {GetFunctionCommand, ListFunctionsCommand} from '@aws-sdk/client-lambda';
import {localLambdaForSuite, replace} from '../support/configuration-tab.js';
import {saveTemplateEvent} from '../support/test-tab.js';
import {keys, type UiTerminal, UiTerminal as Terminal} from '../support/ui-terminal.js';

/** From the function list: c, then the way whose line contains `way`. */
async function chooseWay(ui: UiTerminal, way: string): Promise<void> {
	await ui.waitForText('web-app-python', 10_000);
	await ui.press('c');
	await ui.waitForText('Create function: choose how to start');
	await moveTo(ui, way);
	await ui.press(keys.enter);
}

/** Moves a picker's cursor (j) to the line containing `text`. */
async function moveTo(ui: UiTerminal, text: string): Promise<void> {
	const selected = (): boolean => {
		const row = ui.rowOf(text);
		if (row < 0) return false;
		return ui.cell(row, (ui.screen().split('\n')[row] ?? '').indexOf(text)).inverse;
	};
	for (let presses = 0; !selected(); presses++) {
		assert.ok(presses < 20, `no ${text}:\n${ui.screen()}`);
		// eslint-disable-next-line no-await-in-loop
		await ui.press('j');
	}
}

describe('creating a function in an 80x24 terminal', () => {
	const local = localLambdaForSuite();

	test('Esc leaves without creating anything', async () => {
		const ui = Terminal.start(local().session);
		await chooseWay(ui, 'Author from scratch');
		await ui.waitForText('Function name');
		ui.type('never-made');
		await ui.quiet();
		await ui.press(keys.escape);
		await ui.waitForText('Create function: choose how to start');
		await ui.press(keys.escape);
		await ui.waitForText(/^Functions \(10\)/m);
		const listed = await local().clients.lambda.send(new ListFunctionsCommand({}));
		assert.ok(!(listed.Functions ?? []).some((fn) => fn.FunctionName === 'never-made'));
		await ui.quit();
	});

	test('author from scratch: an invalid name is refused with the rule and kept; a Node.js function is created, opened and invoked', async () => {
		const ui = Terminal.start(local().session);
		await chooseWay(ui, 'Author from scratch');
		await ui.waitForText('Function name');
		const screen = ui.screen();
		assert.match(screen, /Runtime +‹ nodejs22\.x ›/);
		assert.match(screen, /Architecture +‹ x86_64 ›/);
		assert.match(screen, /Execution role +arn:aws:iam::\d{12}:role\/lambdash-demo-role/, 'local mode starts with the demo role');

		ui.type('my function');
		await ui.quiet();
		await ui.press(keys.enter);
		await ui.waitForText('Only letters, digits, hyphens (-) and underscores (_), 1-64 characters');
		assert.match(ui.screen(), /Function name +my function/, 'what was typed is kept');

		await replace(ui, 'hello-scratch');
		await ui.press(keys.down, keys.right, keys.left); // runtime: away and back to nodejs22.x
		await ui.press(keys.down, keys.right); // arm64
		assert.match(ui.screen(), /Architecture +‹ arm64 ›/);
		await ui.press(keys.enter);
		await ui.waitForText('5 Configuration', 15_000);
		await ui.waitForText('Created hello-scratch');
		const got = await local().clients.lambda.send(new GetFunctionCommand({FunctionName: 'hello-scratch'}));
		assert.equal(got.Configuration?.Runtime, 'nodejs22.x');
		assert.equal(got.Configuration?.Handler, 'index.handler');
		assert.deepEqual(got.Configuration?.Architectures, ['arm64']);
		assert.equal(got.Configuration?.State, 'Active');

		await ui.press('3');
		await ui.waitForText('No saved events yet.');
		await saveTemplateEvent(ui, 'Hello world');
		await ui.waitForText('Private (1)');
		await ui.press(keys.enter);
		await ui.waitForText('✔ Succeeded (200)', 15_000);
		assert.match(ui.screen(), /Hello from Lambda!/);
		await ui.quit();
	});

	test('a name that exists is refused, explained, and the form keeps what was typed', async () => {
		const ui = Terminal.start(local().session);
		await chooseWay(ui, 'Author from scratch');
		await ui.waitForText('Function name');
		ui.type('web-app-node');
		await ui.quiet();
		// Sent from another field: the refusal brings the focus back to the name.
		await ui.press(keys.tab, keys.enter);
		await ui.waitForText('A function named web-app-node already exists here: choose another name.');
		assert.match(ui.screen(), /Function name +web-app-node/);
		assert.match(ui.screen(), /Author from scratch/, 'the form is still open');
		ui.type('-two');
		await ui.quiet();
		assert.match(ui.screen(), /Function name +web-app-node-two/, 'what is typed goes into the name');
		await ui.press(keys.escape, keys.escape);
		await ui.quit();
	});

	test('a blueprint: hello world in Python is created with its test event, which invokes it', async () => {
		const ui = Terminal.start(local().session);
		await chooseWay(ui, 'Use a blueprint');
		await ui.waitForText('Create function: choose a blueprint');
		assert.match(ui.screen(), /Hello world in Node\.js: returns a greeting/);
		// A new question: its cursor is on its first line, not where the previous picker's was.
		const first = ui.rowOf('Hello world in Node.js');
		assert.ok(ui.cell(first, (ui.screen().split('\n')[first] ?? '').indexOf('Hello world in Node.js')).inverse, 'the first blueprint is under the cursor');
		await moveTo(ui, 'Hello world in Python');
		await ui.press(keys.enter);
		await ui.waitForText('Function name');
		assert.match(ui.screen(), /Function name +hello-world-python/);
		assert.match(ui.screen(), /python3\.12 · lambda_function\.lambda_handler · 128 MB · 3 s/);
		await replace(ui, 'greeter-py');
		await ui.press(keys.enter);
		await ui.waitForText('5 Configuration', 15_000);
		await ui.waitForText('Created greeter-py. Its test event "hello" is in the Test tab.');
		await ui.press('3');
		await ui.waitForText('Private (1)');
		assert.match(ui.screen(), /hello/);
		await ui.press(keys.enter);
		await ui.waitForText('✔ Succeeded (200)', 20_000);
		assert.match(ui.screen(), /Hello, Ada!/);
		await ui.quit();
	});

	test('a container image: created and shown with its image URI; the image form checks the URI', async () => {
		const ui = Terminal.start(local().session);
		await chooseWay(ui, 'Container image');
		await ui.waitForText('Image URI');
		assert.match(ui.screen(), /CMD override/);
		assert.match(ui.screen(), /WORKDIR override/);
		ui.type('orders-image');
		await ui.quiet();
		await ui.press(keys.down);
		ui.type('nginx:latest');
		await ui.quiet();
		await ui.press(keys.enter);
		await ui.waitForText('An Amazon ECR image: 123456789012.dkr.ecr.REGION.amazonaws.com/REPO:TAG');
		await replace(ui, '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:v1');
		await ui.press(keys.down, keys.down, keys.down);
		ui.type('["app.handler"]');
		await ui.quiet();
		await ui.press(keys.enter);
		await ui.waitForText('5 Configuration', 15_000);
		await ui.waitForText(/Code +container image 123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/ord/);
		const got = await local().clients.lambda.send(new GetFunctionCommand({FunctionName: 'orders-image'}));
		assert.equal(got.Configuration?.PackageType, 'Image');
		assert.deepEqual(got.Configuration?.ImageConfigResponse?.ImageConfig?.Command, ['app.handler']);

		// Invoked, the local Lambda says it needs a container engine to run images.
		await ui.press('3');
		await ui.waitForText('No saved events yet.');
		await saveTemplateEvent(ui, 'Hello world');
		await ui.waitForText('Private (1)');
		await ui.press(keys.enter);
		await ui.waitFor((screen) => /needs\s+a\s+container\s+engine/.test(screen.replace(/[│\n]/g, ' ').replace(/\s+/g, ' ')), 'the container engine message', 10_000);
		await ui.quit();
	});

	test('read-only mode refuses to create', async () => {
		const ui = Terminal.start(local().readOnlySession);
		await ui.waitForText('web-app-python', 10_000);
		await ui.press('c');
		await ui.waitForText('Read-only mode: creating functions is off');
		assert.ok(!ui.screen().includes('Create function'));
		await ui.quit();
	});
});
