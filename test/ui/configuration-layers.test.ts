// The Configuration tab's Layers section in an 80x24 terminal against the
// local Lambda: layers added from the account's compatible layers (the
// console's choice: layer, then version), reordered with K and J (checked
// through GetFunctionConfiguration's Layers), one for another runtime refused
// with the reason, a sixth refused with the limit named, and one removed after
// the question.
import assert from 'node:assert/strict';
import {before, describe, test} from 'node:test';
import {GetFunctionConfigurationCommand, PublishLayerVersionCommand} from '@aws-sdk/client-lambda';
import {zipFiles} from '../../source/domain/code-package.js';
import {localLambdaForSuite, openSection} from '../support/configuration-tab.js';
import {createNodeFunction} from '../support/test-tab.js';
import {keys, type UiTerminal, UiTerminal as Terminal} from '../support/ui-terminal.js';

const functionName = 'layered-node';

/** In the open picker, moves to the item that starts with `text` and takes it. */
async function pick(ui: UiTerminal, text: string): Promise<void> {
	const chosen = (): boolean => {
		const row = ui.screen().split('\n').findIndex((line) => line.includes(`│ ${text}`));
		if (row < 0) return false;
		const column = ui.screen().split('\n')[row]?.indexOf(text) ?? -1;
		return ui.cell(row, column).inverse;
	};
	for (let presses = 0; !chosen(); presses++) {
		assert.ok(presses < 20, `no ${text} in the picker:\n${ui.screen()}`);
		// eslint-disable-next-line no-await-in-loop
		await ui.press('j');
	}
	await ui.press(keys.enter);
}

describe('the Layers section in an 80x24 terminal', () => {
	const local = localLambdaForSuite();
	const arns: Record<string, string> = {};
	const layerOrder = async (): Promise<string[]> =>
		((await local().clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: functionName}))).Layers ?? []).map((layer) => layer.Arn ?? '');

	before(async () => {
		await createNodeFunction(local(), functionName, 'export const handler = async () => "ok";\n');
		const publish = async (name: string, runtimes: string[]): Promise<void> => {
			const response = await local().clients.lambda.send(
				new PublishLayerVersionCommand({
					LayerName: name,
					Content: {ZipFile: zipFiles({[`nodejs/node_modules/${name}/index.js`]: `module.exports = "${name}";\n`})},
					CompatibleRuntimes: runtimes as Array<'nodejs22.x'>,
					CompatibleArchitectures: ['x86_64'],
					Description: `the ${name} layer`,
				}),
			);
			arns[name] = response.LayerVersionArn ?? '';
		};
		for (const name of ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta']) await publish(name, ['nodejs22.x', 'nodejs20.x']);
		await publish('py-only', ['python3.13']);
	});

	async function addLayer(ui: UiTerminal, name: string): Promise<void> {
		await ui.press('a');
		await ui.waitForText(`Add a layer to ${functionName}`);
		assert.doesNotMatch(ui.screen(), /py-only/, 'layers for other runtimes are not offered');
		await pick(ui, name);
		await ui.waitForText(`${name}: choose a version`);
		// Its only version is under the cursor at once, whichever line of the layers' picker was chosen.
		await ui.press(keys.enter);
		await ui.waitForText(`Saved layer ${name}:1 for ${functionName}.`, 10_000);
	}

	test('adds two layers, reorders them with K and J, refuses another runtime, a sixth layer, and removes one', async () => {
		const ui = Terminal.start(local().session);
		await openSection(ui, functionName, 'Layers', {listTimeoutMs: 10_000, paneText: 'No layers. a adds one.'});
		await ui.press(keys.enter);

		await addLayer(ui, 'alpha');
		await addLayer(ui, 'beta');
		assert.deepEqual(await layerOrder(), [arns['alpha'], arns['beta']]);
		await ui.waitForText('Layers (2 of 5)');
		assert.match(ui.screen(), /1 +alpha +1 .*\n.*2 +beta +1/);

		// The cursor is on beta, the layer just added: K moves it first.
		await ui.press('K');
		await ui.waitForText('Saved the order of the layers (beta up)', 10_000);
		assert.deepEqual(await layerOrder(), [arns['beta'], arns['alpha']]);
		await ui.waitForText(/1 +beta +1 .*\n.*2 +alpha +1/);
		await ui.press('J');
		await ui.waitForText('Saved the order of the layers (beta down)', 10_000);
		assert.deepEqual(await layerOrder(), [arns['alpha'], arns['beta']]);
		await ui.waitForText(/1 +alpha +1 .*\n.*2 +beta +1/);

		// A layer for another runtime, typed as an ARN, is refused with the reason; the form keeps it.
		await ui.press('a');
		await ui.waitForText('Type a layer version ARN');
		await pick(ui, 'Type a layer version ARN');
		await ui.waitForText(`Add a layer to ${functionName} by ARN`);
		await ui.press(arns['py-only'] ?? '', keys.enter);
		await ui.waitForText('py-only:1 cannot be added: It is for python3.13, not nodejs22.x.');
		assert.match(ui.screen(), /by ARN/, 'the form stays open');
		await ui.press(keys.escape);
		await ui.waitForNoText('by ARN');
		assert.deepEqual(await layerOrder(), [arns['alpha'], arns['beta']]);

		await addLayer(ui, 'gamma');
		await addLayer(ui, 'delta');
		await addLayer(ui, 'epsilon');
		await ui.waitForText('Layers (5 of 5)');
		assert.equal((await layerOrder()).length, 5);

		// A sixth is refused before anything opens, with the limit named.
		await ui.press('a');
		await ui.waitForText('A function can use at most 5 layers and this one has 5: remove one (d) first.');
		assert.doesNotMatch(ui.screen(), /Add a layer to/);

		// d removes the one under the cursor (epsilon, the last added) after the question.
		await ui.press('d');
		await ui.waitForText(`Remove epsilon:1 from ${functionName}?`);
		await ui.press('n');
		await ui.waitForNoText('Remove epsilon:1');
		assert.equal((await layerOrder()).length, 5);
		await ui.press('d');
		await ui.waitForText(`Remove epsilon:1 from ${functionName}?`);
		await ui.press('y');
		await ui.waitForText(`Saved removing layer epsilon:1 for ${functionName}.`, 10_000);
		assert.deepEqual(await layerOrder(), [arns['alpha'], arns['beta'], arns['gamma'], arns['delta']]);
		await ui.waitForText('Layers (4 of 5)');
		await ui.quit();
	});

	test('a layer that names no architecture is offered and added', async () => {
		const published = await local().clients.lambda.send(
			new PublishLayerVersionCommand({LayerName: 'anywhere', Content: {ZipFile: zipFiles({'nodejs/anywhere.js': '1'})}, CompatibleRuntimes: ['nodejs22.x'], Description: 'no architecture'}),
		);
		const ui = Terminal.start(local().session);
		await openSection(ui, 'web-app-node', 'Layers', {listTimeoutMs: 10_000, paneText: 'No layers. a adds one.'});
		await ui.press(keys.enter, 'a');
		await ui.waitForText('Add a layer to web-app-node');
		await pick(ui, 'anywhere');
		await ui.waitForText('anywhere: choose a version');
		await pick(ui, 'version 1');
		await ui.waitForText('Saved layer anywhere:1 for web-app-node.', 10_000);
		const configuration = await local().clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'web-app-node'}));
		assert.deepEqual(configuration.Layers?.map((layer) => layer.Arn), [published.LayerVersionArn]);
		await ui.quit();
	});

	test('read-only mode refuses adding, moving and removing', async () => {
		const ui = Terminal.start(local().readOnlySession);
		await openSection(ui, functionName, 'Layers', {listTimeoutMs: 10_000, paneText: 'Layers (4 of 5)'});
		await ui.press(keys.enter);
		for (const key of ['a', 'K', 'd']) {
			// eslint-disable-next-line no-await-in-loop
			await ui.press(key);
			// eslint-disable-next-line no-await-in-loop
			await ui.waitForText('Read-only mode: changes are off.');
			assert.doesNotMatch(ui.screen(), /Add a layer to|Remove /);
		}
		assert.equal((await layerOrder()).length, 4);
		await ui.quit();
	});
});
