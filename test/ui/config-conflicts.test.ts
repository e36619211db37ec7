// A change someone else made first, in every section that saves with
// UpdateFunctionConfiguration and its RevisionId (Environment, VPC,
// Monitoring, File systems): the user sees theirs beside their own and
// chooses; nothing is overwritten silently.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2} from '@aws-sdk/client-lambda';
import {openSection} from '../support/configuration-tab.js';
import {startTestLambda, type TestLambda} from '../support/local-lambda.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

/** Opens the form to add a variable, types it and saves: the conflict question comes next. */
async function addVariable(ui: UiTerminal, name: string, value: string): Promise<void> {
	await ui.press('a');
	await ui.waitForText('Add an environment variable');
	ui.type(name);
	await ui.quiet();
	await ui.press(keys.tab);
	ui.type(value);
	await ui.quiet();
	await ui.press(keys.enter);
}

describe('a change someone else made first, in each section that sends a RevisionId', () => {
	let local: TestLambda;
	before(async () => {
		local = await startTestLambda();
	});
	after(async () => {
		await local.stop();
	});

	const configuration = async (name: string) => local.clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}));
	const changeElsewhere = async (name: string, memory: number): Promise<void> => {
		await local.clients.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: name, MemorySize: memory}));
		await waitUntilFunctionUpdatedV2({client: local.clients.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	};

	test('Environment: adding a variable after someone else changed the function asks; n keeps theirs, y applies yours', async () => {
		const ui = UiTerminal.start(local.session);
		await openSection(ui, 'file-processor-node', 'Environment', {paneText: 'Environment variables ('});
		await changeElsewhere('file-processor-node', 1024);
		await addVariable(ui, 'REGION_HINT', 'eu');
		await ui.waitForText('Someone else changed file-processor-node after you opened it.', 10_000);
		assert.match(ui.screen(), /REGION_HINT +set \(2 characters\) +\(not set\)/);
		await ui.press('n');
		await ui.waitForText('Kept the values someone else saved', 10_000);
		assert.equal((await configuration('file-processor-node')).Environment?.Variables?.['REGION_HINT'], undefined, 'nothing of yours was sent');

		await changeElsewhere('file-processor-node', 768);
		assert.ok(!ui.screen().includes('Add an environment variable'), 'keeping theirs closes the form');
		await addVariable(ui, 'REGION_HINT', 'eu');
		await ui.waitForText('Someone else changed', 10_000);
		await ui.press('y');
		await ui.waitForText('Saved variable REGION_HINT for file-processor-node.', 10_000);
		const final = await configuration('file-processor-node');
		assert.equal(final.Environment?.Variables?.['REGION_HINT'], 'eu');
		assert.equal(final.MemorySize, 768, 'their memory stays');
		await ui.quit();
	});

	test('File systems: attaching one after someone else changed the function shows both, and y applies it', async () => {
		const name = 'mobile-backend-node';
		await local.clients.lambda.send(
			new UpdateFunctionConfigurationCommand({FunctionName: name, VpcConfig: {SubnetIds: ['subnet-0a00000000000000a'], SecurityGroupIds: ['sg-0aaaaaaaaaaaaaaa1']}}),
		);
		await waitUntilFunctionUpdatedV2({client: local.clients.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
		const ui = UiTerminal.start(local.session);
		await openSection(ui, name, 'File systems', {paneText: 'No file system.'});
		await changeElsewhere(name, 640);
		await ui.press('e');
		await ui.waitForText(`Add a file system to ${name}`);
		const arn = 'arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0';
		await ui.press(arn, keys.tab, '/mnt/data', keys.enter);
		await ui.waitForText(`Someone else changed ${name} after you opened it.`, 10_000);
		assert.match(ui.screen(), /File system +fsap-0123456789abcdef0 at \/m.* +none/);
		await ui.press('y');
		await ui.waitForText(`Saved file system fsap-0123456789abcdef0 at /mnt/data for ${name}.`, 10_000);
		const final = await configuration(name);
		assert.deepEqual(final.FileSystemConfigs, [{Arn: arn, LocalMountPath: '/mnt/data'}]);
		assert.equal(final.MemorySize, 640, 'their memory stays');
		await ui.quit();
	});

	test('Monitoring: a change of log format after someone else changed the function asks first', async () => {
		const ui = UiTerminal.start(local.session);
		await openSection(ui, 'stream-processor-python', 'Monitoring', {paneText: 'Monitoring and operations tools'});
		await changeElsewhere('stream-processor-python', 512);
		await ui.press('e');
		await ui.waitForText('Edit monitoring and operations tools');
		// Tracing is the last field: ↑ from the first wraps to it; → turns it on.
		await ui.press(keys.up, keys.right, keys.enter);
		await ui.waitForText('Someone else changed stream-processor-python after you opened it.', 10_000);
		await ui.press('n');
		await ui.waitForText('Kept the values someone else saved', 10_000);
		const final = await configuration('stream-processor-python');
		assert.equal(final.TracingConfig?.Mode, 'PassThrough', 'nothing of yours was sent');
		assert.equal(final.MemorySize, 512);
		await ui.quit();
	});
});
