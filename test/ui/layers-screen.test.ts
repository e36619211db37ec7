// The Layers screen in an 80x24 terminal against the local Lambda: `:` then
// layers opens it; a version is published from a temporary directory (a bad
// runtime refused first, with what is allowed, nothing sent and what was
// typed kept), listed with its runtimes, and deleted after the question; in
// read-only mode publishing and deleting are refused.
import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {ListLayerVersionsCommand, ListLayersCommand, PublishLayerVersionCommand} from '@aws-sdk/client-lambda';
import {zipFiles} from '../../source/domain/code-package.js';
import {localLambdaForSuite, replace} from '../support/configuration-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

async function openLayers(ui: UiTerminal): Promise<void> {
	await ui.waitForText('web-app-python', 10_000);
	await ui.press(':');
	await ui.waitForText('Go to');
	await ui.press('layers', keys.enter);
	await ui.waitForText(/Layers \(\d+\)/);
}

describe('the Layers screen in an 80x24 terminal', () => {
	const local = localLambdaForSuite();
	let directory: string;
	before(() => {
		directory = mkdtempSync(join(tmpdir(), 'lambdash-layer-'));
		mkdirSync(join(directory, 'nodejs', 'node_modules', 'greeting'), {recursive: true});
		writeFileSync(join(directory, 'nodejs', 'node_modules', 'greeting', 'index.js'), 'module.exports = () => "hello";\n');
	});
	after(() => rmSync(directory, {recursive: true, force: true}));

	test('publishes a version from a directory, lists it with its runtimes, and deletes it after the question', async () => {
		const {clients} = local();
		const ui = UiTerminal.start(local().session);
		await openLayers(ui);
		await ui.waitForText('No layers in this region.');

		await ui.press('p');
		await ui.waitForText('Publish a layer version');
		await ui.press('greeting-utils', keys.tab, 'Says hello', keys.tab, directory, keys.tab, 'nodejs22.x, node20', keys.tab, 'arm64, x86_64', keys.enter);
		await ui.waitForText('node20: not a Lambda runtime');
		assert.match(ui.screen(), /Layer name +greeting-utils/, 'what was typed is kept');
		assert.equal((await clients.lambda.send(new ListLayersCommand({}))).Layers?.length, 0, 'nothing was sent');

		// The focus is on the runtimes: put right, and publish.
		await replace(ui, 'nodejs22.x, nodejs20.x');
		await ui.press(keys.enter);
		await ui.waitForText('Published greeting-utils version 1', 10_000);
		await ui.waitForText('Layers › greeting-utils: versions (1)');
		assert.match(ui.screen(), /\n +1 nodejs22\.x, nodejs20\.x +arm64, x86_64 +now +Says hello/);
		assert.match(ui.screen(), /arn:aws:lambda:[a-z0-9-]+:\d{12}:layer:greeting-utils:1/);

		const listed = await clients.lambda.send(new ListLayerVersionsCommand({LayerName: 'greeting-utils'}));
		assert.deepEqual(listed.LayerVersions?.map((version) => [version.Version, version.CompatibleRuntimes, version.CompatibleArchitectures]), [
			[1, ['nodejs22.x', 'nodejs20.x'], ['arm64', 'x86_64']],
		]);

		// Back to the layers: the layer with its latest version.
		await ui.press(keys.escape);
		await ui.waitForText('Layers (1)');
		assert.match(ui.screen(), /greeting-utils +1 nodejs22\.x, nodejs20\.x/);

		// d asks first; n keeps it.
		await ui.press('d');
		await ui.waitForText('Delete greeting-utils version 1?');
		await ui.press('n');
		await ui.waitForText('Nothing deleted.');
		assert.equal((await clients.lambda.send(new ListLayerVersionsCommand({LayerName: 'greeting-utils'}))).LayerVersions?.length, 1);

		await ui.press('d');
		await ui.waitForText('Delete greeting-utils version 1?');
		await ui.press('y');
		await ui.waitForText('Deleted greeting-utils version 1.');
		await ui.waitForText('Layers (0)');
		assert.equal((await clients.lambda.send(new ListLayerVersionsCommand({LayerName: 'greeting-utils'}))).LayerVersions?.length, 0);

		// Esc from the layers goes back to the functions.
		await ui.press(keys.escape);
		await ui.waitForText(/Functions \(\d+\)/);
		await ui.quit();
	});

	test('a .zip that is not one is refused before anything is sent; Enter opens the versions', async () => {
		const {clients} = local();
		await clients.lambda.send(new PublishLayerVersionCommand({LayerName: 'shared-py', Content: {ZipFile: zipFiles({'python/shared.py': 'X = 1\n'})}, CompatibleRuntimes: ['python3.13']}));
		await clients.lambda.send(new PublishLayerVersionCommand({LayerName: 'shared-py', Content: {ZipFile: zipFiles({'python/shared.py': 'X = 2\n'})}, Description: 'second'}));
		const fake = join(directory, 'fake.zip');
		writeFileSync(fake, 'not a zip');
		const ui = UiTerminal.start(local().session);
		await openLayers(ui);
		await ui.waitForText('shared-py');
		await ui.press(keys.enter);
		await ui.waitForText('Layers › shared-py: versions (2)');
		assert.match(ui.screen(), /\n +2 any runtime .* second/);
		assert.match(ui.screen(), /\n +1 python3\.13/);

		// p on a layer's versions publishes a version of that layer.
		await ui.press('p');
		await ui.waitForText('Publish a version of shared-py');
		await ui.press(keys.tab, keys.tab, fake, keys.enter);
		await ui.waitForText('fake.zip is not a zip archive');
		assert.match(ui.screen(), /Publish a version of shared-py/, 'the form stays open');
		await ui.press(keys.escape);
		await ui.waitForNoText('Publish a version of shared-py');
		assert.equal((await clients.lambda.send(new ListLayerVersionsCommand({LayerName: 'shared-py'}))).LayerVersions?.length, 2);
		await ui.quit();
	});

	test('read-only mode refuses publishing and deleting', async () => {
		const ui = UiTerminal.start(local().readOnlySession);
		await openLayers(ui);
		await ui.waitForText('shared-py');
		await ui.press('p');
		await ui.waitForText('Read-only mode: publishing layer versions is off.');
		assert.doesNotMatch(ui.screen(), /Publish a layer version/);
		await ui.press('d');
		await ui.waitForText('Read-only mode: deleting layer versions is off.');
		assert.doesNotMatch(ui.screen(), /Delete shared-py/);
		await ui.quit();
	});
});
