// The local Step Functions API through the real @aws-sdk/client-sfn:
// CreateStateMachine (idempotent, refused names, ARNs and definitions),
// DescribeStateMachine, ListStateMachines over pages, UpdateStateMachine,
// DeleteStateMachine, tags, AWS's error names and messages, the demo state
// machine of a new data directory, persistence across a restart, and the
// console's stateMachinesCalling over them.

import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {
	CreateStateMachineCommand,
	DeleteStateMachineCommand,
	DescribeStateMachineCommand,
	ListStateMachinesCommand,
	ListTagsForResourceCommand,
	SFNClient,
	TagResourceCommand,
	UntagResourceCommand,
	UpdateStateMachineCommand,
	paginateListStateMachines,
} from '@aws-sdk/client-sfn';
import {stateMachinesCalling} from '../../source/aws/state-machines.js';
import {credentials, rejectsWith, startHarness, type Harness} from './harness.js';

const role = 'arn:aws:iam::123456789012:role/states-role';
const arnOf = (name: string): string => `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`;
const functionArn = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

function definitionCalling(functionName: string): string {
	return JSON.stringify({StartAt: 'Call', States: {Call: {Type: 'Task', Resource: functionArn(functionName), End: true}}});
}

const passDefinition = JSON.stringify({StartAt: 'Nothing', States: {Nothing: {Type: 'Pass', End: true}}});

function sfnClient(harness: Harness): SFNClient {
	return new SFNClient({endpoint: harness.server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
}

describe('the local Step Functions API', () => {
	let dataDir: string;
	let harness: Harness;
	let sfn: SFNClient;

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-sfn-'));
		harness = await startHarness({dataDir});
		sfn = sfnClient(harness);
	});
	after(async () => {
		sfn.destroy();
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('creates a state machine and describes it', async () => {
		const before = Date.now();
		const created = await sfn.send(new CreateStateMachineCommand({name: 'checkout', definition: definitionCalling('pay'), roleArn: role}));
		assert.equal(created.stateMachineArn, arnOf('checkout'));
		assert.ok(created.creationDate instanceof Date);
		assert.ok(created.creationDate.getTime() >= before - 1000);

		const described = await sfn.send(new DescribeStateMachineCommand({stateMachineArn: arnOf('checkout')}));
		assert.equal(described.name, 'checkout');
		assert.equal(described.stateMachineArn, arnOf('checkout'));
		assert.equal(described.status, 'ACTIVE');
		assert.equal(described.type, 'STANDARD', 'the default type');
		assert.equal(described.definition, definitionCalling('pay'));
		assert.equal(described.roleArn, role);
		assert.equal(described.creationDate?.getTime(), created.creationDate.getTime());
		assert.equal(described.loggingConfiguration?.level, 'OFF');
	});

	it('answers the same create again with the same state machine, and a different definition with StateMachineAlreadyExists', async () => {
		const first = await sfn.send(new CreateStateMachineCommand({name: 'again', definition: passDefinition, roleArn: role, type: 'EXPRESS'}));
		const second = await sfn.send(new CreateStateMachineCommand({name: 'again', definition: passDefinition, roleArn: role, type: 'EXPRESS'}));
		assert.equal(second.stateMachineArn, first.stateMachineArn);
		assert.equal(second.creationDate?.getTime(), first.creationDate?.getTime());
		await rejectsWith(
			sfn.send(new CreateStateMachineCommand({name: 'again', definition: definitionCalling('pay'), roleArn: role, type: 'EXPRESS'})),
			'StateMachineAlreadyExists',
			`State Machine Already Exists: '${arnOf('again')}'`,
			400,
		);
	});

	it('refuses bad names, role ARNs, definitions and types with AWS\'s exceptions', async () => {
		const create = (input: Partial<{name: string; definition: string; roleArn: string; type: 'STANDARD'}>) =>
			sfn.send(new CreateStateMachineCommand({name: 'fine', definition: passDefinition, roleArn: role, ...input}));
		await rejectsWith(create({name: 'has space'}), 'InvalidName', "Invalid Name: 'has space'", 400);
		await rejectsWith(create({name: 'a/b'}), 'InvalidName', "Invalid Name: 'a/b'");
		await rejectsWith(create({name: 'x'.repeat(81)}), 'ValidationException', /at 'name' failed to satisfy constraint: Member must have length less than or equal to 80/);
		await rejectsWith(create({roleArn: 'states-role'}), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: states-role'");
		await rejectsWith(create({definition: '{"StartAt": '}), 'InvalidDefinition', /^Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: /);
		await rejectsWith(
			create({definition: '{"States": {}}'}),
			'InvalidDefinition',
			"Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at /'",
		);
		await rejectsWith(
			create({definition: '{"StartAt": "A"}'}),
			'InvalidDefinition',
			"Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'",
		);
		await rejectsWith(
			sfn.send(new CreateStateMachineCommand({name: 'fine', definition: passDefinition, roleArn: role, type: 'SOMETIMES' as 'STANDARD'})),
			'ValidationException',
			/Member must satisfy enum value set: \[STANDARD, EXPRESS\]/,
		);
		await rejectsWith(sfn.send(new DescribeStateMachineCommand({stateMachineArn: arnOf('fine')})), 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${arnOf('fine')}'`);
	});

	it('says which state machine does not exist, and which ARN is not one', async () => {
		await rejectsWith(sfn.send(new DescribeStateMachineCommand({stateMachineArn: arnOf('nowhere')})), 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${arnOf('nowhere')}'`, 400);
		await rejectsWith(sfn.send(new DescribeStateMachineCommand({stateMachineArn: 'nowhere'})), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: nowhere'", 400);
		await rejectsWith(
			sfn.send(new DescribeStateMachineCommand({stateMachineArn: functionArn('pay')})),
			'InvalidArn',
			"Invalid Arn: 'Resource type not valid in this context: lambda'",
		);
		await rejectsWith(
			sfn.send(new UpdateStateMachineCommand({stateMachineArn: arnOf('nowhere'), definition: passDefinition})),
			'StateMachineDoesNotExist',
			`State Machine Does Not Exist: '${arnOf('nowhere')}'`,
		);
	});

	it('updates the definition and the role, and refuses an update that changes nothing', async () => {
		await sfn.send(new CreateStateMachineCommand({name: 'to-update', definition: passDefinition, roleArn: role}));
		const before = await sfn.send(new DescribeStateMachineCommand({stateMachineArn: arnOf('to-update')}));
		const updated = await sfn.send(
			new UpdateStateMachineCommand({stateMachineArn: arnOf('to-update'), definition: definitionCalling('ship'), roleArn: 'arn:aws:iam::123456789012:role/other'}),
		);
		assert.ok(updated.updateDate instanceof Date);
		assert.ok(updated.revisionId !== undefined && updated.revisionId !== before.revisionId);
		const after = await sfn.send(new DescribeStateMachineCommand({stateMachineArn: arnOf('to-update')}));
		assert.equal(after.definition, definitionCalling('ship'));
		assert.equal(after.roleArn, 'arn:aws:iam::123456789012:role/other');
		assert.equal(after.revisionId, updated.revisionId);
		await rejectsWith(
			sfn.send(new UpdateStateMachineCommand({stateMachineArn: arnOf('to-update')})),
			'MissingRequiredParameter',
			/Either the definition, the role ARN/,
		);
		await rejectsWith(
			sfn.send(new UpdateStateMachineCommand({stateMachineArn: arnOf('to-update'), definition: 'not json'})),
			'InvalidDefinition',
			/^Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION/,
		);
		const unchanged = await sfn.send(new DescribeStateMachineCommand({stateMachineArn: arnOf('to-update')}));
		assert.equal(unchanged.definition, definitionCalling('ship'), 'a refused update changes nothing');
	});

	it('pages ListStateMachines by maxResults and refuses a bad token and maxResults', async () => {
		for (let index = 0; index < 7; index++) {
			// eslint-disable-next-line no-await-in-loop
			await sfn.send(new CreateStateMachineCommand({name: `paged-${index}`, definition: passDefinition, roleArn: role}));
		}
		const first = await sfn.send(new ListStateMachinesCommand({maxResults: 3}));
		assert.equal(first.stateMachines?.length, 3);
		assert.ok(first.nextToken !== undefined);
		const names: string[] = [];
		for await (const page of paginateListStateMachines({client: sfn, pageSize: 2}, {})) {
			assert.ok((page.stateMachines ?? []).length <= 2);
			names.push(...(page.stateMachines ?? []).map((item) => item.name ?? ''));
		}
		const paged = names.filter((name) => name.startsWith('paged-'));
		assert.deepEqual(paged, ['paged-0', 'paged-1', 'paged-2', 'paged-3', 'paged-4', 'paged-5', 'paged-6']);
		assert.equal(new Set(names).size, names.length, 'no state machine twice');
		const everything = await sfn.send(new ListStateMachinesCommand({}));
		assert.deepEqual(everything.stateMachines?.map((item) => item.name), names, 'one page of up to 100 holds them all');
		const listed = everything.stateMachines?.find((item) => item.name === 'paged-0');
		assert.equal(listed?.stateMachineArn, arnOf('paged-0'));
		assert.equal(listed?.type, 'STANDARD');
		assert.ok(listed?.creationDate instanceof Date);

		await rejectsWith(sfn.send(new ListStateMachinesCommand({nextToken: 'garbage'})), 'InvalidToken', "Invalid Token: 'garbage'", 400);
		await rejectsWith(
			sfn.send(new ListStateMachinesCommand({maxResults: 1001})),
			'ValidationException',
			"1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
		);
	});

	it('tags a state machine', async () => {
		await sfn.send(new CreateStateMachineCommand({name: 'tagged', definition: passDefinition, roleArn: role, tags: [{key: 'team', value: 'a'}]}));
		await sfn.send(new TagResourceCommand({resourceArn: arnOf('tagged'), tags: [{key: 'team', value: 'b'}, {key: 'cost', value: '1'}]}));
		const listed = await sfn.send(new ListTagsForResourceCommand({resourceArn: arnOf('tagged')}));
		assert.deepEqual(listed.tags, [{key: 'team', value: 'b'}, {key: 'cost', value: '1'}]);
		await sfn.send(new UntagResourceCommand({resourceArn: arnOf('tagged'), tagKeys: ['team']}));
		await sfn.send(new TagResourceCommand({resourceArn: arnOf('tagged'), tags: [{key: 'team', value: 'b'}]}));
		const retagged = await sfn.send(new ListTagsForResourceCommand({resourceArn: arnOf('tagged')}));
		assert.deepEqual(retagged.tags, [{key: 'cost', value: '1'}, {key: 'team', value: 'b'}], 'untagged, then tagged again');
		await rejectsWith(sfn.send(new ListTagsForResourceCommand({resourceArn: arnOf('untagged')})), 'ResourceNotFound', `Resource not found: '${arnOf('untagged')}'`);
	});

	it('deletes a state machine, and deleting it again succeeds', async () => {
		await sfn.send(new CreateStateMachineCommand({name: 'short-lived', definition: passDefinition, roleArn: role}));
		await sfn.send(new DeleteStateMachineCommand({stateMachineArn: arnOf('short-lived')}));
		await rejectsWith(sfn.send(new DescribeStateMachineCommand({stateMachineArn: arnOf('short-lived')})), 'StateMachineDoesNotExist', /short-lived/);
		await sfn.send(new DeleteStateMachineCommand({stateMachineArn: arnOf('short-lived')}));
		await rejectsWith(sfn.send(new DeleteStateMachineCommand({stateMachineArn: 'short-lived'})), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: short-lived'");
		const listed = await sfn.send(new ListStateMachinesCommand({}));
		assert.ok(!(listed.stateMachines ?? []).some((item) => item.name === 'short-lived'));
	});

	it('finds the state machines that call a function, with the states that call it', async () => {
		await sfn.send(
			new CreateStateMachineCommand({
				name: 'fan-out',
				roleArn: role,
				definition: JSON.stringify({
					StartAt: 'Both',
					States: {
						Both: {
							Type: 'Parallel',
							Branches: [
								{StartAt: 'Charge', States: {Charge: {Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: {FunctionName: 'pay:live'}, End: true}}},
								{StartAt: 'Other', States: {Other: {Type: 'Task', Resource: functionArn('ship'), End: true}}},
							],
							End: true,
						},
					},
				}),
			}),
		);
		const clients = {sfn: () => Promise.resolve(sfn)};
		const found = await stateMachinesCalling(clients, {name: 'pay', arn: functionArn('pay')});
		assert.deepEqual(
			found.map((machine) => [machine.name, machine.states.map((state) => state.path)]),
			[
				['checkout', ['Call']],
				['fan-out', ['Both › branch 1 › Charge']],
			],
		);
		const fanOut = found[1];
		assert.equal(fanOut?.arn, arnOf('fan-out'));
		assert.equal(fanOut?.type, 'STANDARD');
		assert.equal(fanOut?.states[0]?.resource, 'arn:aws:states:::lambda:invoke');
		assert.match(fanOut?.definition ?? '', /\n {2}"StartAt": "Both",\n/, 'pretty-printed');
		assert.deepEqual(await stateMachinesCalling(clients, {name: 'nobody-calls-me', arn: functionArn('nobody-calls-me')}), []);
	});

	it('keeps its state machines across a restart', async () => {
		await harness.close();
		sfn.destroy();
		harness = await startHarness({dataDir});
		sfn = sfnClient(harness);
		const described = await sfn.send(new DescribeStateMachineCommand({stateMachineArn: arnOf('to-update')}));
		assert.equal(described.definition, definitionCalling('ship'));
		assert.equal(described.roleArn, 'arn:aws:iam::123456789012:role/other');
		const tags = await sfn.send(new ListTagsForResourceCommand({resourceArn: arnOf('tagged')}));
		assert.deepEqual(tags.tags, [{key: 'cost', value: '1'}, {key: 'team', value: 'b'}]);
		await rejectsWith(sfn.send(new DescribeStateMachineCommand({stateMachineArn: arnOf('short-lived')})), 'StateMachineDoesNotExist', /short-lived/);
	});
});

describe('the demo state machine of a new data directory', () => {
	let harness: Harness;
	let sfn: SFNClient;
	before(async () => {
		harness = await startHarness({seed: true});
		sfn = sfnClient(harness);
	});
	after(async () => {
		sfn.destroy();
		await harness.close();
	});

	it('is order-pipeline, calling web-app-node by its ARN and file-processor-python through lambda:invoke', async () => {
		const listed = await sfn.send(new ListStateMachinesCommand({}));
		assert.deepEqual(listed.stateMachines?.map((item) => [item.name, item.type]), [['order-pipeline', 'STANDARD']]);
		const clients = {sfn: () => Promise.resolve(sfn)};
		const web = await stateMachinesCalling(clients, {name: 'web-app-node', arn: functionArn('web-app-node')});
		assert.deepEqual(web.map((machine) => machine.states.map((state) => [state.path, state.resource])), [[['Validate order', functionArn('web-app-node')]]]);
		const files = await stateMachinesCalling(clients, {name: 'file-processor-python', arn: functionArn('file-processor-python')});
		assert.deepEqual(files.map((machine) => machine.states.map((state) => [state.path, state.resource])), [[['Fulfil › branch 1 › Write receipt', 'arn:aws:states:::lambda:invoke']]]);
	});
});
