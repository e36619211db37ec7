// The Configuration tab's File systems section in an 80x24 terminal, against
// the local Lambda: a function without a VPC is refused with Lambda's VPC rule
// named (and a bad mount path with the allowed form), nothing sent and what was
// typed kept; with a VPC an access point is attached through the form and shown
// with the directory and variable the local Lambda gives it, then removed after
// a question; read-only mode refuses both.
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {GetFunctionConfigurationCommand} from '@aws-sdk/client-lambda';
import {updateConfiguration, waitUntilUpdated} from '../../source/aws/configuration.js';
import {localLambdaForSuite, openSection, replace} from '../support/configuration-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

const arn = 'arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0';
/** Where the pane's values start: the list of sections (18), a space, the labels (14). */
const valueColumn = 33;

/** A value the pane draws on several lines under one label, put back together. */
function multiLineValue(screen: string, label: string): string {
	const rows = screen.split('\n');
	const first = rows.findIndex((row) => row.slice(19, valueColumn).trim() === label);
	assert.ok(first >= 0, `${label} is shown:\n${screen}`);
	let value = rows[first]!.slice(valueColumn).trimEnd();
	for (let at = first + 1; at < rows.length && rows[at]!.slice(19, valueColumn).trim() === '' && rows[at]!.slice(valueColumn).trim() !== ''; at++) {
		value += rows[at]!.slice(valueColumn).trimEnd();
	}
	return value;
}

describe('the File systems section in an 80x24 terminal', () => {
	const local = localLambdaForSuite();
	const fileSystems = async (name: string) =>
		(await local().clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}))).FileSystemConfigs ?? [];

	test('without a VPC: the form refuses with the VPC rule named, nothing is sent and what was typed stays', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'web-app-node', 'File systems', {listTimeoutMs: 10_000, paneText: 'No file system.'});
		const pane = ui.screen();
		assert.match(pane, /Needs a VPC first: the VPC section connects it\./);
		assert.match(pane, /The local Lambda keeps the files in/);
		assert.match(pane, /LAMBDASH_MOUNT_<NAME>/);
		assert.match(pane, /e adds one \(an EFS access point\)/);

		await ui.press('e');
		await ui.waitForText('Add a file system to web-app-node');
		await ui.press(arn, keys.tab, '/mnt/efs', keys.enter);
		await ui.waitForText('Not saved');
		const refused = ui.screen();
		assert.match(refused, /A function reaches a file system through its VPC: connect it to subnets +│\n.*│ +and security groups first\. The VPC section \(e there\) sets them\./);
		assert.match(refused, /Local mount path +\/mnt\/efs/, 'what was typed is still there');
		assert.match(refused, /Access point ARN +arn:aws:elasticfilesystem:us-east-1:/);
		assert.deepEqual(await fileSystems('web-app-node'), [], 'nothing was sent');

		// A mount path outside /mnt is refused with the allowed form named, alongside the VPC rule.
		await replace(ui, '/data');
		await ui.press(keys.enter);
		await ui.waitForText("'/data' is not a mount path: write /mnt/ and one name of letters,");
		assert.match(ui.screen(), /Local mount path +\/data/);
		assert.match(ui.screen(), /through its VPC/);

		await ui.press(keys.escape);
		await ui.waitForNoText('Add a file system to web-app-node');
		assert.deepEqual(await fileSystems('web-app-node'), [], 'nothing was sent');
		await ui.quit();
	});

	test('with a VPC: an access point is attached through the form, shown with its local directory, then removed after a question', async () => {
		const name = 'web-app-python';
		const revision = (await local().clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}))).RevisionId;
		await updateConfiguration(local().clients, name, revision ?? '', {
			vpc: {subnetIds: ['subnet-0a00000000000000a'], securityGroupIds: ['sg-0aaaaaaaaaaaaaaa1'], ipv6AllowedForDualStack: false},
		});
		await waitUntilUpdated(local().clients, name, 50);

		const ui = UiTerminal.start(local().session);
		await openSection(ui, name, 'File systems', {listTimeoutMs: 10_000, paneText: 'No file system.'});
		assert.ok(!ui.screen().includes('Needs a VPC first'), 'the function is in a VPC');

		await ui.press('e');
		await ui.waitForText(`Add a file system to ${name}`);
		await ui.press(arn, keys.tab, '/mnt/efs', keys.enter);
		await ui.waitForText(`Saved file system fsap-0123456789abcdef0 at /mnt/efs for ${name}.`, 10_000);
		await ui.waitForText(/Access point +fsap-0123456789abcdef0/);
		const screen = ui.screen();
		assert.ok(!screen.includes(`Add a file system to ${name}`), 'the form closed');
		assert.equal(multiLineValue(screen, 'ARN'), arn);
		assert.match(screen, /Mount path +\/mnt\/efs/);
		assert.equal(multiLineValue(screen, 'Directory'), `${join(local().dataDir, 'file-systems', 'fsap-0123456789abcdef0')}/`);
		assert.match(screen, /Variable +LAMBDASH_MOUNT_EFS \(its path\)/);
		assert.match(screen, /e edits · d removes the file system/);
		assert.deepEqual(await fileSystems(name), [{Arn: arn, LocalMountPath: '/mnt/efs'}]);

		// The same values again: nothing to send.
		await ui.press('e');
		await ui.waitForText(`File system of ${name}`);
		assert.match(ui.screen(), /Local mount path +\/mnt\/efs/, 'the form shows the function’s values');
		await ui.press(keys.enter);
		await ui.waitForText(`${name}'s file system is unchanged.`);

		await ui.press('d');
		await ui.waitForText(`Remove fsap-0123456789abcdef0 from ${name}?`);
		assert.match(ui.screen(), /It is mounted at \/mnt\/efs\./);
		await ui.press('n');
		await ui.waitForNoText('Remove fsap-0123456789abcdef0');
		assert.deepEqual(await fileSystems(name), [{Arn: arn, LocalMountPath: '/mnt/efs'}], 'no: nothing changed');

		await ui.press('d');
		await ui.waitForText('Remove fsap-0123456789abcdef0');
		await ui.press('y');
		await ui.waitForText(`Saved removing the file system fsap-0123456789abcdef0 for ${name}.`, 10_000);
		await ui.waitForText('No file system.');
		assert.deepEqual(await fileSystems(name), []);

		await ui.press('d');
		await ui.waitForText(`${name} has no file system to remove: e adds one.`);
		await ui.quit();
	});

	test('read-only mode: adding and removing are refused before any form or question opens', async () => {
		const ui = UiTerminal.start(local().readOnlySession);
		await openSection(ui, 'iot-backend-node', 'File systems', {listTimeoutMs: 10_000, paneText: 'No file system.'});
		await ui.press('e');
		await ui.waitForText('Read-only mode: changes are off');
		assert.ok(!ui.screen().includes('Add a file system'));
		await ui.press('d');
		assert.ok(!ui.screen().includes('Remove fsap-'));
		await ui.quit();
	});
});
