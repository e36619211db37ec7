// A function's resource-based policy on the local Lambda through the real
// @aws-sdk/client-lambda: AddPermission, GetPolicy and RemovePermission, for the
// function, a version and an alias; the policy document Lambda returns; the
// RevisionIds; Lambda's errors; the 20 KB limit; the console's aws/permissions
// module; and that policies survive a restart.

import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {
	AddPermissionCommand,
	CreateAliasCommand,
	CreateFunctionCommand,
	DeleteAliasCommand,
	GetAliasCommand,
	GetFunctionConfigurationCommand,
	GetPolicyCommand,
	PublishVersionCommand,
	RemovePermissionCommand,
	waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import {createClients, type Clients} from '../../source/aws/clients.js';
import {addPermission, getPolicy, removePermission} from '../../source/aws/permissions.js';
import {describeStatement} from '../../source/domain/resource-policy.js';
import {localSession} from '../../source/session.js';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const arn = 'arn:aws:lambda:us-east-1:123456789012:function:thumbnails';

describe('resource-based policies through the SDK', () => {
	let harness: Harness;
	let dataDir: string;

	const revisionOf = async (name: string): Promise<string | undefined> =>
		(await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}))).RevisionId;

	const create = async (name: string): Promise<void> => {
		await harness.lambda.send(new CreateFunctionCommand({FunctionName: name, Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip()}}));
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	};

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-permissions-'));
		harness = await startHarness({dataDir, transitionDelayMs: 50});
		await create('thumbnails');
	});
	after(async () => {
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('answers GetPolicy of a function without a policy with ResourceNotFoundException', async () => {
		await rejectsWith(harness.lambda.send(new GetPolicyCommand({FunctionName: 'thumbnails'})), 'ResourceNotFoundException', 'The resource you requested does not exist.', 404);
		await rejectsWith(harness.lambda.send(new GetPolicyCommand({FunctionName: 'nothing'})), 'ResourceNotFoundException', `Function not found: arn:aws:lambda:us-east-1:123456789012:function:nothing`, 404);
	});

	it('adds a statement for S3, returns it, and gives the function a new RevisionId that GetPolicy returns', async () => {
		const before = await revisionOf('thumbnails');
		const added = await harness.lambda.send(
			new AddPermissionCommand({
				FunctionName: 'thumbnails',
				StatementId: 's3-uploads',
				Action: 'lambda:InvokeFunction',
				Principal: 's3.amazonaws.com',
				SourceArn: 'arn:aws:s3:::uploads',
				SourceAccount: '123456789012',
				RevisionId: before,
			}),
		);
		assert.equal(added.$metadata.httpStatusCode, 201);
		const statement: unknown = JSON.parse(added.Statement ?? '');
		assert.deepEqual(statement, {
			Sid: 's3-uploads',
			Effect: 'Allow',
			Principal: {Service: 's3.amazonaws.com'},
			Action: 'lambda:InvokeFunction',
			Resource: arn,
			Condition: {StringEquals: {'AWS:SourceAccount': '123456789012'}, ArnLike: {'AWS:SourceArn': 'arn:aws:s3:::uploads'}},
		});
		const after = await revisionOf('thumbnails');
		assert.notEqual(after, before);

		await harness.lambda.send(
			new AddPermissionCommand({FunctionName: arn, StatementId: 'xaccount', Action: 'lambda:GetFunction', Principal: '111122223333'}),
		);
		const policy = await harness.lambda.send(new GetPolicyCommand({FunctionName: 'thumbnails'}));
		assert.equal(policy.RevisionId, await revisionOf('thumbnails'));
		assert.deepEqual(JSON.parse(policy.Policy ?? ''), {
			Version: '2012-10-17',
			Id: 'default',
			Statement: [
				statement,
				{Sid: 'xaccount', Effect: 'Allow', Principal: {AWS: 'arn:aws:iam::111122223333:root'}, Action: 'lambda:GetFunction', Resource: arn},
			],
		});
	});

	it("refuses with Lambda's errors: duplicates, bad principals, $LATEST, stale RevisionIds, model constraints", async () => {
		const base = {FunctionName: 'thumbnails', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com'};
		await rejectsWith(
			harness.lambda.send(new AddPermissionCommand({...base, StatementId: 's3-uploads'})),
			'ResourceConflictException',
			'The statement id (s3-uploads) provided already exists. Please provide a new statement id, or remove the existing statement.',
			409,
		);
		await rejectsWith(
			harness.lambda.send(new AddPermissionCommand({...base, StatementId: 'who', Principal: 'somebody'})),
			'InvalidParameterValueException',
			'The provided principal was invalid. Please check the principal and try again.',
			400,
		);
		await rejectsWith(
			harness.lambda.send(new AddPermissionCommand({...base, StatementId: 'latest', Qualifier: '$LATEST'})),
			'InvalidParameterValueException',
			'We currently do not support adding policies for $LATEST.',
		);
		await rejectsWith(
			harness.lambda.send(new AddPermissionCommand({...base, StatementId: 'stale', RevisionId: 'not-the-revision'})),
			'PreconditionFailedException',
			/The Revision Id provided does not match the latest Revision Id/,
			412,
		);
		await rejectsWith(
			harness.lambda.send(new AddPermissionCommand({...base, StatementId: 'bad id!', Action: 'invoke', SourceAccount: 'abc'})),
			'ValidationException',
			/^3 validation errors detected: Value 'bad id!' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: \(\[a-zA-Z0-9-_\]\+\); Value 'invoke' at 'action'/,
			400,
		);
		await rejectsWith(
			harness.lambda.send(new AddPermissionCommand({...base, FunctionName: 'nothing', StatementId: 'x'})),
			'ResourceNotFoundException',
			'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nothing',
		);
		await rejectsWith(
			harness.lambda.send(new AddPermissionCommand({...base, StatementId: 'x', Qualifier: '7'})),
			'ResourceNotFoundException',
			`Function not found: ${arn}:7`,
		);
	});

	it('keeps a policy per version and alias, with qualified Resources and their own RevisionIds', async () => {
		await harness.lambda.send(new PublishVersionCommand({FunctionName: 'thumbnails'}));
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'thumbnails', Name: 'live', FunctionVersion: '1'}));
		const aliasBefore = (await harness.lambda.send(new GetAliasCommand({FunctionName: 'thumbnails', Name: 'live'}))).RevisionId;
		const added = await harness.lambda.send(
			new AddPermissionCommand({
				FunctionName: 'thumbnails',
				Qualifier: 'live',
				StatementId: 's3-uploads',
				Action: 'lambda:InvokeFunction',
				Principal: 'events.amazonaws.com',
				RevisionId: aliasBefore,
			}),
		);
		assert.equal((JSON.parse(added.Statement ?? '') as {Resource: string}).Resource, `${arn}:live`);
		const aliasAfter = (await harness.lambda.send(new GetAliasCommand({FunctionName: 'thumbnails', Name: 'live'}))).RevisionId;
		assert.notEqual(aliasAfter, aliasBefore);
		const aliasPolicy = await harness.lambda.send(new GetPolicyCommand({FunctionName: `${arn}:live`}));
		assert.equal(aliasPolicy.RevisionId, aliasAfter);
		assert.equal((JSON.parse(aliasPolicy.Policy ?? '') as {Statement: unknown[]}).Statement.length, 1);

		await harness.lambda.send(new AddPermissionCommand({FunctionName: 'thumbnails:1', StatementId: 'v1', Action: 'lambda:InvokeFunction', Principal: '*'}));
		const versionPolicy = await harness.lambda.send(new GetPolicyCommand({FunctionName: 'thumbnails', Qualifier: '1'}));
		const versionRevision = (await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'thumbnails', Qualifier: '1'}))).RevisionId;
		assert.equal(versionPolicy.RevisionId, versionRevision);
		assert.deepEqual(JSON.parse(versionPolicy.Policy ?? ''), {
			Version: '2012-10-17',
			Id: 'default',
			Statement: [{Sid: 'v1', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: `${arn}:1`}],
		});
		// The function's own policy is untouched.
		const own = await harness.lambda.send(new GetPolicyCommand({FunctionName: 'thumbnails'}));
		assert.equal((JSON.parse(own.Policy ?? '') as {Statement: unknown[]}).Statement.length, 2);

		// An alias's policy goes with the alias: a new alias of the same name starts without one.
		await harness.lambda.send(new DeleteAliasCommand({FunctionName: 'thumbnails', Name: 'live'}));
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'thumbnails', Name: 'live', FunctionVersion: '1'}));
		await rejectsWith(harness.lambda.send(new GetPolicyCommand({FunctionName: 'thumbnails', Qualifier: 'live'})), 'ResourceNotFoundException', 'The resource you requested does not exist.');
	});

	it("removes statements with Lambda's errors, and the policy with its last statement", async () => {
		await rejectsWith(
			harness.lambda.send(new RemovePermissionCommand({FunctionName: 'thumbnails', StatementId: 'nope'})),
			'ResourceNotFoundException',
			'Statement nope is not found in resource policy.',
			404,
		);
		await rejectsWith(
			harness.lambda.send(new RemovePermissionCommand({FunctionName: 'thumbnails', StatementId: 'xaccount', RevisionId: 'stale'})),
			'PreconditionFailedException',
			/does not match the latest Revision Id/,
		);
		await rejectsWith(
			harness.lambda.send(new RemovePermissionCommand({FunctionName: 'thumbnails', Qualifier: 'live', StatementId: 'x'})),
			'ResourceNotFoundException',
			'No policy is associated with the given resource.',
		);
		await rejectsWith(
			harness.lambda.send(new RemovePermissionCommand({FunctionName: 'nothing', StatementId: 'x'})),
			'ResourceNotFoundException',
			'No policy found for: arn:aws:lambda:us-east-1:123456789012:function:nothing',
		);
		const before = await revisionOf('thumbnails');
		const removed = await harness.lambda.send(new RemovePermissionCommand({FunctionName: 'thumbnails', StatementId: 'xaccount', RevisionId: before}));
		assert.equal(removed.$metadata.httpStatusCode, 204);
		assert.notEqual(await revisionOf('thumbnails'), before);
		await harness.lambda.send(new RemovePermissionCommand({FunctionName: 'thumbnails', Qualifier: '1', StatementId: 'v1'}));
		await rejectsWith(harness.lambda.send(new GetPolicyCommand({FunctionName: 'thumbnails', Qualifier: '1'})), 'ResourceNotFoundException', 'The resource you requested does not exist.');
	});

	it('refuses a statement that would take the policy past 20 KB with PolicyLengthExceededException', async () => {
		await create('crowded');
		const sourceArn = `arn:aws:s3:::${'b'.repeat(60)}`;
		let error: unknown;
		for (let index = 0; index < 200 && error === undefined; index += 1) {
			try {
				await harness.lambda.send(
					new AddPermissionCommand({FunctionName: 'crowded', StatementId: `statement-${index}`, Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: sourceArn}),
				);
			} catch (caught) {
				error = caught;
			}
		}
		assert.ok(error instanceof Error, 'some statement was refused');
		assert.equal(error.name, 'PolicyLengthExceededException');
		assert.match(error.message, /^The final policy size \(\d+\) is bigger than the limit \(20480\)\.$/);
		const size = Number(/\((\d+)\)/.exec(error.message)?.[1]);
		assert.ok(size > 20480);
		const kept = await harness.lambda.send(new GetPolicyCommand({FunctionName: 'crowded'}));
		assert.ok(Buffer.byteLength(kept.Policy ?? '') <= 20480);
	});

	it('keeps policies across a restart', async () => {
		const before = await harness.lambda.send(new GetPolicyCommand({FunctionName: 'thumbnails'}));
		await harness.close();
		harness = await startHarness({dataDir, transitionDelayMs: 50});
		const after = await harness.lambda.send(new GetPolicyCommand({FunctionName: 'thumbnails'}));
		assert.equal(after.Policy, before.Policy);
		assert.equal(after.RevisionId, before.RevisionId);
	});
});

describe('aws/permissions through the SDK', () => {
	let harness: Harness;
	let clients: Clients;

	before(async () => {
		harness = await startHarness({transitionDelayMs: 50});
		clients = createClients(localSession(harness.server.endpoint, harness.dataDir, 'us-east-1', false));
		await harness.lambda.send(new CreateFunctionCommand({FunctionName: 'site', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip()}}));
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'site'});
	});
	after(async () => {
		clients.destroy();
		await harness.close();
	});

	it('reads a function without a policy as no statements, not as an error', async () => {
		assert.deepEqual(await getPolicy(clients, 'site'), {statements: [], revisionId: undefined});
		await assert.rejects(getPolicy(clients, 'missing'), (error: unknown) => error instanceof Error && error.name === 'ResourceNotFoundException');
	});

	it('adds, describes and removes statements, and passes the RevisionId it read', async () => {
		const added = await addPermission(clients, 'site', {statementId: 'public-url', action: 'lambda:InvokeFunctionUrl', principal: '*', functionUrlAuthType: 'NONE', sourceArn: ''});
		assert.equal(describeStatement(added), 'Anyone (*) may invoke the function URL (auth type NONE)');
		const policy = await getPolicy(clients, 'site');
		assert.equal(policy.statements.length, 1);
		assert.equal(policy.statements[0]?.sid, 'public-url');
		assert.ok(policy.revisionId !== undefined);

		await addPermission(clients, 'site', {statementId: 'partner', action: 'lambda:InvokeFunction', principal: '111122223333'}, {revisionId: policy.revisionId});
		await assert.rejects(
			addPermission(clients, 'site', {statementId: 'late', action: 'lambda:InvokeFunction', principal: '*'}, {revisionId: policy.revisionId}),
			(error: unknown) => error instanceof Error && error.name === 'PreconditionFailedException',
		);
		const read = await getPolicy(clients, 'site');
		assert.deepEqual(read.statements.map(describeStatement), ['Anyone (*) may invoke the function URL (auth type NONE)', 'Account 111122223333 may invoke this function']);
		await removePermission(clients, 'site', 'public-url', {revisionId: read.revisionId});
		assert.deepEqual((await getPolicy(clients, 'site')).statements.map((statement) => statement.sid), ['partner']);
	});
});
