// The Configuration tab's VPC section in an 80x24 terminal. Against the local
// Lambda (no EC2): IDs typed as comma-separated lists, a bad one refused with
// the format named and what was typed kept, detaching after a question, and
// read-only mode. Against "AWS": the VPC, its subnets and a security group
// picked from EC2's lists. The tests run offline, so the test EC2 endpoint
// (test/support/ec2-endpoint.ts) stands in for AWS: it answers the EC2
// Describe calls in EC2's own protocol and forwards Lambda's calls to the
// local Lambda, and the console is pointed at it as at AWS with an endpoint.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {GetFunctionConfigurationCommand} from '@aws-sdk/client-lambda';
import {updateConfiguration, waitUntilUpdated} from '../../source/aws/configuration.js';
import {localVpcIdFor} from '../../source/domain/vpc-config.js';
import {awsSessionThrough, sampleNetwork, startTestEc2, useTestCredentials} from '../support/ec2-endpoint.js';
import {openSection} from '../support/configuration-tab.js';
import {startTestLambda, type TestLambda} from '../support/local-lambda.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

describe('the VPC section in an 80x24 terminal', () => {
	let local: TestLambda;
	let restoreCredentials: () => void;
	before(async () => {
		local = await startTestLambda();
		restoreCredentials = useTestCredentials();
	});
	after(async () => {
		restoreCredentials();
		await local.stop();
	});

	const vpcConfig = async (name: string) => (await local.clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}))).VpcConfig;

	test('local: attaches with typed IDs; a bad ID is refused with the format named, nothing sent and the input kept', async () => {
		const ui = UiTerminal.start(local.session);
		await openSection(ui, 'web-app-node', 'VPC', {listTimeoutMs: 10_000});
		await ui.waitForText('Not connected to a VPC.');
		assert.match(ui.screen(), /The local Lambda has no EC2: IDs are checked by format\./);

		await ui.press('e');
		await ui.waitForText('VPC of web-app-node');
		await ui.press('subnet-0a00000000000000a, subnet-XYZ', keys.tab, 'sg-0aaaaaaaaaaaaaaa1', keys.enter);
		await ui.waitForText('subnet-XYZ: not subnet- and 8 or 17 lowercase hex digits');
		assert.match(ui.screen(), /Subnets +subnet-0a00000000000000a, subnet-XYZ/, 'what was typed is still there');
		assert.match(ui.screen(), /Security groups +sg-0aaaaaaaaaaaaaaa1/);
		assert.deepEqual((await vpcConfig('web-app-node'))?.SubnetIds ?? [], [], 'nothing was sent');

		// The focus is on the field with the mistake: replace the bad ID.
		await ui.press('\u0017', 'subnet-0b00000000000000b', keys.enter);
		await ui.waitForText('Saved VPC settings for web-app-node.', 10_000);
		const subnets = ['subnet-0a00000000000000a', 'subnet-0b00000000000000b'];
		const vpcId = localVpcIdFor(subnets);
		await ui.waitForText(new RegExp(`VPC +${vpcId}`));
		const screen = ui.screen();
		assert.match(screen, /Subnets \(2\)\n.* {2}subnet-0a00000000000000a\n.* {2}subnet-0b00000000000000b\n/);
		assert.match(screen, /Security groups \(1\)\n.* {2}sg-0aaaaaaaaaaaaaaa1\n/);
		assert.match(screen, /IPv6 dual-stack +off/);
		assert.match(screen, /e edits · d detaches from the VPC/);
		const saved = await vpcConfig('web-app-node');
		assert.deepEqual(saved?.SubnetIds, subnets);
		assert.deepEqual(saved?.SecurityGroupIds, ['sg-0aaaaaaaaaaaaaaa1']);
		assert.equal(saved?.VpcId, vpcId);

		// Too many security groups, and an empty list, are refused with the limits named.
		await ui.press('e');
		await ui.waitForText('VPC of web-app-node');
		await ui.press(keys.tab, ', sg-01234567, sg-11234567, sg-21234567, sg-31234567, sg-41234567', keys.enter);
		await ui.waitForText('At most 5 security groups (6 given)');
		await ui.press('\u0015', keys.enter);
		await ui.waitForText('At least one security group; d disconnects the function from its VPC');
		await ui.press(keys.escape);
		await ui.waitForNoText('VPC of web-app-node');
		assert.deepEqual((await vpcConfig('web-app-node'))?.SecurityGroupIds, ['sg-0aaaaaaaaaaaaaaa1'], 'nothing was sent');
		await ui.quit();
	});

	test('local: detaching asks first; no keeps the VPC, yes detaches', async () => {
		const subnets = ['subnet-1234abcd'];
		const revision = (await local.clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'web-app-python'}))).RevisionId;
		await updateConfiguration(local.clients, 'web-app-python', revision ?? '', {vpc: {subnetIds: subnets, securityGroupIds: ['sg-5678efab'], ipv6AllowedForDualStack: true}});
		await waitUntilUpdated(local.clients, 'web-app-python', 50);

		const ui = UiTerminal.start(local.session);
		await openSection(ui, 'web-app-python', 'VPC', {listTimeoutMs: 10_000});
		await ui.waitForText(/IPv6 dual-stack +on/);
		await ui.press('d');
		await ui.waitForText(`Detach web-app-python from ${localVpcIdFor(subnets)}?`);
		await ui.press('n');
		await ui.waitForNoText('Detach web-app-python');
		assert.deepEqual((await vpcConfig('web-app-python'))?.SubnetIds, subnets, 'no: nothing changed');

		await ui.press('d');
		await ui.waitForText('Detach web-app-python from');
		await ui.press('y');
		await ui.waitForText('Saved detaching from the VPC for web-app-python.', 10_000);
		await ui.waitForText('Not connected to a VPC.');
		const detached = await vpcConfig('web-app-python');
		assert.deepEqual(detached?.SubnetIds ?? [], []);
		assert.deepEqual(detached?.SecurityGroupIds ?? [], []);
		assert.equal(detached?.Ipv6AllowedForDualStack ?? false, false);

		await ui.press('d');
		await ui.waitForText('web-app-python is not connected to a VPC: e connects it to one.');
		await ui.quit();
	});

	test('read-only mode: editing and detaching are refused before any form or question opens', async () => {
		const ui = UiTerminal.start(local.readOnlySession);
		await openSection(ui, 'iot-backend-node', 'VPC', {listTimeoutMs: 10_000});
		await ui.waitForText('Not connected to a VPC.');
		await ui.press('e');
		await ui.waitForText('Read-only mode: changes are off');
		assert.ok(!ui.screen().includes('VPC of iot-backend-node'));
		await ui.press('d');
		assert.ok(!ui.screen().includes('Detach iot-backend-node'));
		await ui.quit();
	});

	test('AWS: the VPC, then its subnets and a security group, are picked from what EC2 lists', async () => {
		// The local Lambda reports a VpcId derived from the subnets (it has no EC2
		// to ask); here the "app" VPC has the ID it derives for the subnets picked
		// below, so what the section reads back is in EC2's lists, as on AWS.
		const picked = ['subnet-0a00000000000000a', 'subnet-0b00000000000000b'];
		const app = localVpcIdFor(picked);
		const network = {
			vpcs: sampleNetwork.vpcs.map((vpc) => (vpc.id === sampleNetwork.app ? {...vpc, id: app} : vpc)),
			subnets: sampleNetwork.subnets.map((subnet) => (subnet.vpcId === sampleNetwork.app ? {...subnet, vpcId: app} : subnet)),
			securityGroups: sampleNetwork.securityGroups.map((group) => (group.vpcId === sampleNetwork.app ? {...group, vpcId: app} : group)),
		};
		const ec2 = await startTestEc2(network, {forward: local.lambda.endpoint});
		const ui = UiTerminal.start(awsSessionThrough(ec2.endpoint));
		try {
			await openSection(ui, 'iot-backend-python', 'VPC', {listTimeoutMs: 10_000});
			await ui.waitForText('Not connected to a VPC.');
			assert.ok(!ui.screen().includes('The local Lambda has no EC2'));

			await ui.press('e');
			await ui.waitForText('Connect iot-backend-python to a VPC');
			const vpcs = ui.screen();
			assert.match(vpcs, /vpc-1111aaaa +- +172\.31\.0\.0\/16 \(default\)/);
			assert.match(vpcs, /vpc-0fedcba9876543210 +analytics +10\.99\.0\.0\/16/);
			assert.match(vpcs, new RegExp(`${app} +app +10\\.20\\.0\\.0/16`));
			assert.match(vpcs, /3 in us-east-1/);

			// "analytics" has no subnets: it is refused, and the VPC list stays.
			await ui.press('j', keys.enter);
			await ui.waitForText('vpc-0fedcba9876543210 has no subnets: choose another VPC');
			await ui.waitForText('Connect iot-backend-python to a VPC');
			await ui.press('j', keys.enter);
			await ui.waitForText(`Subnets of ${app} (app)`);
			assert.match(ui.screen(), /\[ \] subnet-0a00000000000000a +us-east-1a +10\.20\.1\.0\/24 +private-a IPv6/);
			await ui.press(keys.enter);
			await ui.waitForText('Choose at least one subnet with Space');
			// private-a and public-c (the one without IPv6).
			await ui.press(' ', 'j', 'j', ' ');
			await ui.waitForText('2 chosen');
			assert.match(ui.screen(), /\[x\] subnet-0c00000000000000c +us-east-1c +10\.20\.3\.0\/24 +public-c/);
			await ui.press(keys.enter);
			await ui.waitForText(`Security groups of ${app}`);
			assert.match(ui.screen(), /sg-0aaaaaaaaaaaaaaa0 +default +default VPC security group/);
			await ui.press('j', ' ', keys.enter);

			await ui.waitForText(`VPC of iot-backend-python: ${app} (app)`);
			assert.match(ui.screen(), /Subnets +subnet-0a00000000000000a, subnet-0c00000000000000c/);
			assert.match(ui.screen(), /Security groups +sg-0aaaaaaaaaaaaaaa2/);
			// IPv6 on: public-c has no IPv6 block, so it is refused.
			await ui.press(keys.tab, keys.tab, ' ', keys.enter);
			await ui.waitForText('subnet-0c00000000000000c has no IPv6 block: dual-stack needs IPv6 subnets');
			await ui.press(keys.shiftTab, keys.shiftTab, '\u0017', 'subnet-0b00000000000000b', keys.enter);
			await ui.waitForText('Saved VPC settings for iot-backend-python.', 10_000);

			const saved = await vpcConfig('iot-backend-python');
			assert.deepEqual(saved?.SubnetIds, picked);
			assert.deepEqual(saved?.SecurityGroupIds, ['sg-0aaaaaaaaaaaaaaa2']);
			assert.equal(saved?.Ipv6AllowedForDualStack, true);
			const actions = new Set(ec2.calls.map((call) => call.action));
			assert.deepEqual([...actions].sort(), ['DescribeSecurityGroups', 'DescribeSubnets', 'DescribeVpcs']);
			// The section shows names, zones and blocks from EC2.
			await ui.waitForText(/IPv6 dual-stack +on/);
			await ui.waitForText(new RegExp(`VPC +${app} app 10\\.20\\.0\\.0/16`));
			const shown = ui.screen();
			assert.match(shown, /Subnets \(2\)\n.* {2}subnet-0a00000000000000a us-east-1a 10\.20\.1\.0\/24 private-a\n.* {2}subnet-0b00000000000000b us-east-1b 10\.20\.2\.0\/24 private-b\n/);
			assert.match(shown, /Security groups \(1\)\n.* {2}sg-0aaaaaaaaaaaaaaa2 database-clients\n/);
			await ui.quit();
		} finally {
			await ec2.close();
		}
	});

	test('AWS: when EC2 may not be read, the form of IDs opens instead, saying why', async () => {
		const ec2 = await startTestEc2(sampleNetwork, {forward: local.lambda.endpoint, deny: ['DescribeVpcs']});
		const ui = UiTerminal.start(awsSessionThrough(ec2.endpoint));
		try {
			await openSection(ui, 'mobile-backend-node', 'VPC', {listTimeoutMs: 10_000});
			await ui.press('e');
			await ui.waitForText('VPC of mobile-backend-node');
			assert.match(ui.screen(), /Type the IDs: EC2 did not list the VPCs of us-east-1 \(UnauthorizedOperation: /);
			await ui.press(keys.escape);
			await ui.quit();
		} finally {
			await ec2.close();
		}
	});
});
