// A function's VPC settings: Lambda's checks, the console form's checks, the local VpcId.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {checkSecurityGroupId, checkSubnetId, checkVpcConfig, checkVpcForm, checkVpcId, localVpcIdFor, splitIdList} from '../../source/domain/vpc-config.js';
import {summarizeProblems} from '../../source/domain/validate.js';

const subnet = 'subnet-0123456789abcdef0';
const group = 'sg-0123456789abcdef0';
const vpc = (subnetIds: string[], securityGroupIds: string[], ipv6AllowedForDualStack = false) => ({subnetIds, securityGroupIds, ipv6AllowedForDualStack});

describe('VpcConfig as Lambda checks it', () => {
	it('takes up to 16 subnets and 5 security groups of the right form, or none', () => {
		assert.deepEqual(checkVpcConfig(vpc([subnet], [group], true)), []);
		assert.deepEqual(checkVpcConfig(vpc([], [])), []);
		const sixteen = Array.from({length: 16}, (_, index) => `subnet-${index}`);
		const five = Array.from({length: 5}, (_, index) => `sg-${index}`);
		assert.deepEqual(checkVpcConfig(vpc(sixteen, five)), []);
		const summary = summarizeProblems(checkVpcConfig(vpc([...sixteen, 'subnet-x'], [...five, 'sg-y'])));
		assert.match(summary?.message ?? '', /^2 validation errors detected: .*vpcConfig.subnetIds.*less than or equal to 16; .*vpcConfig.securityGroupIds.*less than or equal to 5$/);
	});
	it('IDs must match Lambda\'s patterns; what EC2 would say of them is not asked', () => {
		const [problem] = checkVpcConfig(vpc(['subnet-ABC'], [group]));
		assert.equal(problem?.code, 'ValidationException');
		assert.equal(
			problem?.message,
			"Value '[subnet-ABC]' at 'vpcConfig.subnetIds' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 0, Member must satisfy regular expression pattern: ^subnet-[0-9a-z]*$]",
		);
		assert.match(checkVpcConfig(vpc([subnet], ['web-servers']))[0]?.message ?? '', /'vpcConfig.securityGroupIds'.*\^sg-\[0-9a-zA-Z\]\*\$/);
		assert.deepEqual(checkVpcConfig(vpc(['subnet-doesnotexist1'], ['sg-AnyCase'])), [], 'well-formed IDs are taken (no EC2 to ask)');
	});
	it('both lists or neither; IPv6 for dual stack only with them', () => {
		assert.equal(checkVpcConfig(vpc([subnet], []))[0]?.message, 'SubnetIds and SecurityIds must coexist or be both empty list.');
		assert.equal(checkVpcConfig(vpc([], [group]))[0]?.code, 'InvalidParameterValueException');
		assert.match(checkVpcConfig(vpc([], [], true))[0]?.message ?? '', /^Ipv6AllowedForDualStack cannot be true without subnet or security groups/);
	});
});

describe('the local VpcId', () => {
	it('is stable, clearly derived, the same for the same subnets in any order, "" without subnets', () => {
		const id = localVpcIdFor([subnet, 'subnet-00000001']);
		assert.match(id, /^vpc-[0-9a-f]{17}$/);
		assert.equal(localVpcIdFor(['subnet-00000001', subnet]), id);
		assert.notEqual(localVpcIdFor([subnet]), id);
		assert.equal(localVpcIdFor([]), '');
	});
});

describe('the console\'s VPC form', () => {
	it('checks each ID as EC2 writes it, naming the form allowed', () => {
		assert.equal(checkSubnetId(subnet), undefined);
		assert.equal(checkSubnetId('subnet-1a2b3c4d'), undefined);
		assert.equal(checkSecurityGroupId(group), undefined);
		assert.equal(checkVpcId('vpc-0a1b2c3d'), undefined);
		assert.equal(checkSubnetId('subnet-123'), "'subnet-123' is not a subnet ID: write subnet- and 8 or 17 lowercase hexadecimal digits, like subnet-0123456789abcdef0.");
		assert.match(checkSecurityGroupId('default') ?? '', /write sg- and 8 or 17 lowercase hexadecimal digits/);
		assert.match(checkVpcId('vpc-XYZ12345') ?? '', /not a VPC ID/);
	});
	it('reads a list typed into one field', () => {
		assert.deepEqual(splitIdList(` ${subnet},subnet-1a2b3c4d\n${subnet}  `), [subnet, 'subnet-1a2b3c4d']);
		assert.deepEqual(splitIdList(''), []);
	});
	it('reports every problem of the form, each saying what is allowed', () => {
		assert.deepEqual(checkVpcForm(vpc([subnet], [group], true)), []);
		assert.deepEqual(checkVpcForm(vpc([], [])), []);
		const problems = checkVpcForm(vpc(Array.from({length: 17}, () => subnet), ['sg-1', group, group, group, group, group], false));
		assert.ok(problems.includes('A function can use at most 16 subnets (17 given).'), problems.join('\n'));
		assert.ok(problems.includes('A function can use at most 5 security groups (6 given).'));
		assert.ok(problems.some((problem) => problem.startsWith("'sg-1' is not a security group ID")));
		assert.deepEqual(checkVpcForm(vpc([subnet], [])), [
			'Give at least one subnet and one security group to connect the function to a VPC, or neither to disconnect it.',
		]);
		assert.match(checkVpcForm(vpc([], [], true))[0] ?? '', /IPv6 for dual-stack subnets needs subnets and security groups/);
	});
});
