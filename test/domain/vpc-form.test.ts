// The VPC form, checked before anything is sent: 1 to 16 subnets and 1 to 5
// security groups, each ID of the form EC2 gives (the bad one named, cut to
// fit the form's message row; repeats count once); and whether the IDs
// chosen are new.

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {groupsProblem, sameIds, subnetsProblem} from '../../source/domain/vpc-form.js';

test('subnets: 1 to 16 subnet- IDs', () => {
	assert.equal(subnetsProblem('subnet-0123456789abcdef0, subnet-1a2b3c4d'), undefined);
	assert.equal(subnetsProblem(''), 'At least one subnet; d disconnects the function from its VPC');
	assert.equal(subnetsProblem(Array.from({length: 17}, () => 'subnet-1a2b3c4d').join(',')), undefined, 'one subnet typed 17 times');
	assert.equal(subnetsProblem(Array.from({length: 17}, (_, index) => `subnet-${(0x1a2b3c00 + index).toString(16)}`).join(',')), 'At most 16 subnets (17 given)');
	assert.equal(subnetsProblem('subnet-1a2b3c4d, sg-1a2b3c4d'), 'sg-1a2b3c4d: not subnet- and 8 or 17 lowercase hex digits');
	const long = subnetsProblem(`subnet-${'f'.repeat(100)}`) ?? '';
	assert.ok(long.length <= 74, long);
	assert.match(long, /^subnet-f+.*: not subnet- and 8 or 17 lowercase hex digits$/);
});

test('security groups: 1 to 5 sg- IDs', () => {
	assert.equal(groupsProblem('sg-0123456789abcdef0'), undefined);
	assert.equal(groupsProblem(' '), 'At least one security group; d disconnects the function from its VPC');
	assert.equal(groupsProblem(Array.from({length: 6}, (_, index) => `sg-${(0x1a2b3c00 + index).toString(16)}`).join(',')), 'At most 5 security groups (6 given)');
	assert.equal(groupsProblem('sg-XYZ'), 'sg-XYZ: not sg- and 8 or 17 lowercase hex digits');
});

test('the same IDs in any order', () => {
	assert.equal(sameIds(['subnet-1', 'subnet-2'], ['subnet-2', 'subnet-1']), true);
	assert.equal(sameIds(['subnet-1'], ['subnet-1', 'subnet-2']), false);
	assert.equal(sameIds(['subnet-1', 'subnet-2'], ['subnet-1', 'subnet-3']), false);
});
