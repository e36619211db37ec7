// source/aws/vpc.ts through the real @aws-sdk/client-ec2, against the test EC2
// endpoint (test/support/ec2-endpoint.ts). The local Lambda has no EC2, and
// the tests run offline, so that endpoint stands in for AWS: it answers the
// three Describe calls in the EC2 Query protocol with EC2's XML, filters and
// pages, and forwards Lambda's calls to the local Lambda, so the VPC a test
// picks is then set on a function through the same session.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {CreateFunctionCommand, GetFunctionConfigurationCommand} from '@aws-sdk/client-lambda';
import {createClients, type Clients} from '../../source/aws/clients.js';
import {updateConfiguration, waitUntilUpdated} from '../../source/aws/configuration.js';
import {describeAwsError, errorName} from '../../source/aws/errors.js';
import {listSecurityGroups, listSubnets, listVpcs} from '../../source/aws/vpc.js';
import {awsSessionThrough, sampleNetwork, startTestEc2, useTestCredentials, type TestEc2} from '../support/ec2-endpoint.js';
import {makeZip, role, startHarness, type Harness} from './harness.js';

const app = sampleNetwork.app;
const fallback = sampleNetwork.fallback;
const fixture = sampleNetwork;

describe('the account\'s VPCs, subnets and security groups through @aws-sdk/client-ec2', () => {
	let harness: Harness;
	let ec2: TestEc2;
	let clients: Clients;
	let restore: () => void;

	before(async () => {
		restore = useTestCredentials();
		harness = await startHarness({transitionDelayMs: 50});
		// Two items a page: every list below takes several pages.
		ec2 = await startTestEc2(fixture, {forward: harness.server.endpoint, pageSize: 2});
		clients = createClients(awsSessionThrough(ec2.endpoint));
	});
	after(async () => {
		clients.destroy();
		await ec2.close();
		await harness.close();
		restore();
	});

	it('lists every VPC, every page, the default first, with names from the Name tag, CIDR and IPv6 blocks', async () => {
		ec2.calls.length = 0;
		const vpcs = await listVpcs(clients);
		assert.deepEqual(
			vpcs.map((vpc) => [vpc.id, vpc.name, vpc.cidrBlock, vpc.isDefault]),
			[
				[fallback, '', '172.31.0.0/16', true],
				['vpc-0fedcba9876543210', 'analytics', '10.99.0.0/16', false],
				[app, 'app', '10.20.0.0/16', false],
			],
		);
		assert.deepEqual(vpcs.find((vpc) => vpc.id === app)?.ipv6CidrBlocks, ['2600:1f18:1234:5600::/56']);
		assert.deepEqual(
			ec2.calls.map((call) => call.action),
			['DescribeVpcs', 'DescribeVpcs'],
			'two pages, the second asked for with the first one\'s NextToken',
		);
		assert.equal(ec2.calls[0]?.params.get('MaxResults'), '1000');
		assert.equal(ec2.calls[1]?.params.has('NextToken'), true);
	});

	it('lists the subnets of one VPC only, by availability zone, with their zone, CIDR, name and IPv6 block', async () => {
		ec2.calls.length = 0;
		const subnets = await listSubnets(clients, app);
		assert.deepEqual(
			subnets.map((subnet) => [subnet.id, subnet.availabilityZone, subnet.cidrBlock, subnet.name, subnet.ipv6CidrBlocks.length]),
			[
				['subnet-0a00000000000000a', 'us-east-1a', '10.20.1.0/24', 'private-a', 1],
				['subnet-0b00000000000000b', 'us-east-1b', '10.20.2.0/24', 'private-b', 1],
				['subnet-0c00000000000000c', 'us-east-1c', '10.20.3.0/24', 'public-c', 0],
			],
		);
		assert.ok(subnets.every((subnet) => subnet.vpcId === app && subnet.availableIpAddressCount === 251));
		const first = ec2.calls[0]?.params;
		assert.equal(first?.get('Filter.1.Name'), 'vpc-id', 'filtered by EC2, not after the fact');
		assert.equal(first?.get('Filter.1.Value.1'), app);
		assert.equal(ec2.calls.length, 2, 'three subnets, two a page');
	});

	it('lists the security groups of one VPC, "default" first, with name and description', async () => {
		const groups = await listSecurityGroups(clients, app);
		assert.deepEqual(
			groups.map((group) => [group.id, group.name, group.description]),
			[
				['sg-0aaaaaaaaaaaaaaa0', 'default', 'default VPC security group'],
				['sg-0aaaaaaaaaaaaaaa2', 'database-clients', 'May reach the database'],
				['sg-0aaaaaaaaaaaaaaa1', 'lambda-egress', 'Outbound only'],
			],
		);
		assert.deepEqual(await listSecurityGroups(clients, 'vpc-0000000000000000f'), [], 'a VPC with none: an empty list');
	});

	it('says what EC2 refused, by its error code, when the role may not list', async () => {
		const denied = await startTestEc2(fixture, {deny: ['DescribeVpcs']});
		const limited = createClients(awsSessionThrough(denied.endpoint));
		try {
			const error = await listVpcs(limited).then(
				() => undefined,
				(caught: unknown) => caught,
			);
			assert.equal(errorName(error), 'UnauthorizedOperation');
			assert.match(describeAwsError(error, denied.endpoint), /^UnauthorizedOperation: You are not authorized to perform this operation\..*ec2:DescribeVpcs/);
		} finally {
			limited.destroy();
			await denied.close();
		}
	});

	it('sets what was listed on a function, through the same session (Lambda forwarded to the local Lambda)', async () => {
		const name = 'vpc-picked';
		await harness.lambda.send(
			new CreateFunctionCommand({
				FunctionName: name,
				Runtime: 'nodejs22.x',
				Role: role,
				Handler: 'index.handler',
				Code: {ZipFile: makeZip()},
			}),
		);
		await waitUntilUpdated(clients, name, 50);
		const [subnet] = await listSubnets(clients, app);
		const [group] = await listSecurityGroups(clients, app);
		assert.ok(subnet !== undefined && group !== undefined);
		const before = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}));
		await updateConfiguration(clients, name, before.RevisionId ?? '', {vpc: {subnetIds: [subnet.id], securityGroupIds: [group.id], ipv6AllowedForDualStack: true}});
		assert.equal((await waitUntilUpdated(clients, name, 50)).status, 'Successful');
		const after = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}));
		assert.deepEqual(after.VpcConfig?.SubnetIds, ['subnet-0a00000000000000a']);
		assert.deepEqual(after.VpcConfig?.SecurityGroupIds, ['sg-0aaaaaaaaaaaaaaa0']);
		assert.equal(after.VpcConfig?.Ipv6AllowedForDualStack, true);
	});
});
