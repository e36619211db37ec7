// Versions and aliases of the local Lambda through the real @aws-sdk/client-lambda:
// PublishVersion, ListVersionsByFunction, the alias operations, qualified
// GetFunction/GetFunctionConfiguration/DeleteFunction, their errors, and that
// all of it survives a restart.

import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {
	CreateAliasCommand,
	CreateFunctionCommand,
	DeleteAliasCommand,
	DeleteFunctionCommand,
	GetAliasCommand,
	GetFunctionCommand,
	GetFunctionConfigurationCommand,
	ListAliasesCommand,
	ListVersionsByFunctionCommand,
	PublishVersionCommand,
	UpdateAliasCommand,
	UpdateFunctionCodeCommand,
	UpdateFunctionConfigurationCommand,
	waitUntilFunctionActiveV2,
	waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const arn = 'arn:aws:lambda:us-east-1:123456789012:function:shop';
const sha256 = (zip: Uint8Array): string => createHash('sha256').update(zip).digest('base64');

describe('Lambda versions and aliases through the SDK', () => {
	let harness: Harness;
	let dataDir: string;
	const zipOne = makeZip({'index.mjs': 'export const handler = async () => 1;\n'});
	const zipTwo = makeZip({'index.mjs': 'export const handler = async () => 2;\n'});

	const waitUpdated = async (): Promise<void> => {
		await waitUntilFunctionUpdatedV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'shop'});
	};

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-versions-'));
		harness = await startHarness({dataDir, transitionDelayMs: 150});
		await harness.lambda.send(
			new CreateFunctionCommand({
				FunctionName: 'shop',
				Runtime: 'nodejs22.x',
				Role: role,
				Handler: 'index.handler',
				Code: {ZipFile: zipOne},
				Description: 'the shop',
				MemorySize: 256,
			}),
		);
	});
	after(async () => {
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('refuses to publish while the function is being created', async () => {
		await rejectsWith(harness.lambda.send(new PublishVersionCommand({FunctionName: 'shop'})), 'ResourceConflictException', /Pending/, 409);
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'shop'});
	});

	it('publishes version 1 with a qualified ARN and its own description', async () => {
		const published = await harness.lambda.send(
			new PublishVersionCommand({FunctionName: 'shop', Description: 'first release', CodeSha256: sha256(zipOne)}),
		);
		assert.equal(published.$metadata.httpStatusCode, 201);
		assert.equal(published.Version, '1');
		assert.equal(published.FunctionArn, `${arn}:1`);
		assert.equal(published.Description, 'first release');
		assert.equal(published.MemorySize, 256);
		assert.equal(published.CodeSha256, sha256(zipOne));
		assert.equal(published.State, 'Active');
		const latest = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'shop'}));
		assert.equal(latest.Version, '$LATEST');
		assert.equal(latest.Description, 'the shop');
	});

	it('publishing with no change since returns the last version', async () => {
		const again = await harness.lambda.send(new PublishVersionCommand({FunctionName: 'shop'}));
		assert.equal(again.Version, '1');
		assert.equal(again.Description, 'first release');
		const listed = await harness.lambda.send(new ListVersionsByFunctionCommand({FunctionName: 'shop'}));
		assert.deepEqual(listed.Versions?.map((version) => version.Version), ['$LATEST', '1']);
	});

	it('checks CodeSha256 and RevisionId when publishing', async () => {
		await rejectsWith(
			harness.lambda.send(new PublishVersionCommand({FunctionName: 'shop', CodeSha256: sha256(zipTwo)})),
			'InvalidParameterValueException',
			/is different from current CodeSHA256 in \$LATEST/,
			400,
		);
		await rejectsWith(
			harness.lambda.send(new PublishVersionCommand({FunctionName: 'shop', RevisionId: '00000000-0000-0000-0000-000000000000'})),
			'PreconditionFailedException',
			/Revision Id provided does not match/,
			412,
		);
		await rejectsWith(harness.lambda.send(new PublishVersionCommand({FunctionName: 'nope'})), 'ResourceNotFoundException', /Function not found/, 404);
	});

	it('refuses to publish while an update is in progress, then publishes version 2', async () => {
		await harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'shop', ZipFile: zipTwo}));
		await rejectsWith(
			harness.lambda.send(new PublishVersionCommand({FunctionName: 'shop'})),
			'ResourceConflictException',
			/An update is in progress/,
			409,
		);
		await waitUpdated();
		const latest = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'shop'}));
		const published = await harness.lambda.send(
			new PublishVersionCommand({FunctionName: 'shop', CodeSha256: sha256(zipTwo), RevisionId: latest.RevisionId}),
		);
		assert.equal(published.Version, '2');
		assert.equal(published.Description, 'the shop');
		assert.equal(published.CodeSha256, sha256(zipTwo));
	});

	it('a version keeps its configuration when $LATEST changes', async () => {
		await harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'shop', MemorySize: 512}));
		await waitUpdated();
		const three = await harness.lambda.send(new PublishVersionCommand({FunctionName: 'shop'}));
		assert.equal(three.Version, '3');
		assert.equal(three.MemorySize, 512);
		const one = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'shop', Qualifier: '1'}));
		assert.equal(one.Version, '1');
		assert.equal(one.MemorySize, 256);
		assert.equal(one.FunctionArn, `${arn}:1`);
		assert.equal(one.CodeSha256, sha256(zipOne));
		const byArn = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: `${arn}:2`}));
		assert.equal(byArn.Version, '2');
		assert.equal(byArn.CodeSha256, sha256(zipTwo));
		const got = await harness.lambda.send(new GetFunctionCommand({FunctionName: 'shop', Qualifier: '1'}));
		assert.equal(got.Configuration?.Version, '1');
		const response = await fetch(got.Code?.Location ?? '');
		assert.equal(createHash('sha256').update(Buffer.from(await response.arrayBuffer())).digest('base64'), sha256(zipOne));
	});

	it('lists versions $LATEST first, with paging', async () => {
		const first = await harness.lambda.send(new ListVersionsByFunctionCommand({FunctionName: 'shop', MaxItems: 2}));
		assert.deepEqual(first.Versions?.map((version) => version.Version), ['$LATEST', '1']);
		assert.equal(first.Versions?.[0]?.FunctionArn, `${arn}:$LATEST`);
		assert.ok(first.NextMarker);
		const second = await harness.lambda.send(new ListVersionsByFunctionCommand({FunctionName: 'shop', MaxItems: 2, Marker: first.NextMarker}));
		assert.deepEqual(second.Versions?.map((version) => version.Version), ['2', '3']);
		assert.equal(second.NextMarker, undefined);
	});

	it('unknown qualifiers are ResourceNotFoundException', async () => {
		await rejectsWith(
			harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'shop', Qualifier: '9'})),
			'ResourceNotFoundException',
			`Function not found: ${arn}:9`,
			404,
		);
		await rejectsWith(
			harness.lambda.send(new GetFunctionCommand({FunctionName: 'shop', Qualifier: 'no-such-alias'})),
			'ResourceNotFoundException',
			`Function not found: ${arn}:no-such-alias`,
			404,
		);
	});

	it('creates, gets and lists aliases', async () => {
		const created = await harness.lambda.send(
			new CreateAliasCommand({
				FunctionName: 'shop',
				Name: 'live',
				FunctionVersion: '2',
				Description: 'production',
				RoutingConfig: {AdditionalVersionWeights: {'1': 0.25}},
			}),
		);
		assert.equal(created.$metadata.httpStatusCode, 201);
		assert.equal(created.AliasArn, `${arn}:live`);
		assert.equal(created.Name, 'live');
		assert.equal(created.FunctionVersion, '2');
		assert.equal(created.Description, 'production');
		assert.deepEqual(created.RoutingConfig?.AdditionalVersionWeights, {'1': 0.25});
		assert.match(created.RevisionId ?? '', /^[0-9a-f-]{36}$/);
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'shop', Name: 'dev', FunctionVersion: '$LATEST'}));
		const got = await harness.lambda.send(new GetAliasCommand({FunctionName: 'shop', Name: 'live'}));
		assert.equal(got.RevisionId, created.RevisionId);
		const listed = await harness.lambda.send(new ListAliasesCommand({FunctionName: 'shop'}));
		assert.deepEqual(listed.Aliases?.map((alias) => alias.Name), ['dev', 'live']);
		const paged = await harness.lambda.send(new ListAliasesCommand({FunctionName: 'shop', MaxItems: 1}));
		assert.deepEqual(paged.Aliases?.map((alias) => alias.Name), ['dev']);
		const rest = await harness.lambda.send(new ListAliasesCommand({FunctionName: 'shop', MaxItems: 1, Marker: paged.NextMarker}));
		assert.deepEqual(rest.Aliases?.map((alias) => alias.Name), ['live']);
		assert.equal(rest.NextMarker, undefined);
		const forTwo = await harness.lambda.send(new ListAliasesCommand({FunctionName: 'shop', FunctionVersion: '2'}));
		assert.deepEqual(forTwo.Aliases?.map((alias) => alias.Name), ['live']);
	});

	it('an alias qualifier gives the configuration of its version', async () => {
		const live = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'shop', Qualifier: 'live'}));
		assert.equal(live.Version, '2');
		assert.equal(live.FunctionArn, `${arn}:live`);
		assert.equal(live.CodeSha256, sha256(zipTwo));
		const dev = await harness.lambda.send(new GetFunctionCommand({FunctionName: `${arn}:dev`}));
		assert.equal(dev.Configuration?.Version, '$LATEST');
		assert.equal(dev.Configuration?.MemorySize, 512);
	});

	it('validates alias names, versions and routing', async () => {
		const create = (input: {Name: string; FunctionVersion: string; weights?: Record<string, number>}): Promise<unknown> =>
			harness.lambda.send(
				new CreateAliasCommand({
					FunctionName: 'shop',
					Name: input.Name,
					FunctionVersion: input.FunctionVersion,
					...(input.weights === undefined ? {} : {RoutingConfig: {AdditionalVersionWeights: input.weights}}),
				}),
			);
		await rejectsWith(create({Name: 'live', FunctionVersion: '1'}), 'ResourceConflictException', `Alias already exists: ${arn}:live`, 409);
		await rejectsWith(create({Name: '123', FunctionVersion: '1'}), 'ValidationException', /at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern/, 400);
		await rejectsWith(create({Name: 'bad.name', FunctionVersion: '1'}), 'ValidationException', /at 'name'/, 400);
		await rejectsWith(create({Name: 'x'.repeat(129), FunctionVersion: '1'}), 'ValidationException', /length less than or equal to 128/, 400);
		await rejectsWith(create({Name: 'v', FunctionVersion: 'latest'}), 'ValidationException', /at 'functionVersion'/, 400);
		await rejectsWith(create({Name: 'v', FunctionVersion: '9'}), 'ResourceNotFoundException', `Function not found: ${arn}:9`, 404);
		await rejectsWith(create({Name: 'v', FunctionVersion: '1', weights: {'2': 1.5}}), 'ValidationException', /less than or equal to 1.0/, 400);
		await rejectsWith(create({Name: 'v', FunctionVersion: '1', weights: {'2': -0.1}}), 'ValidationException', /greater than or equal to 0.0/, 400);
		await rejectsWith(create({Name: 'v', FunctionVersion: '1', weights: {'2': 0.1, '3': 0.1}}), 'InvalidParameterValueException', /cannot be greater than 1/, 400);
		await rejectsWith(create({Name: 'v', FunctionVersion: '1', weights: {'1': 0.5}}), 'InvalidParameterValueException', /already included in routing configuration/, 400);
		await rejectsWith(create({Name: 'v', FunctionVersion: '$LATEST', weights: {'1': 0.5}}), 'InvalidParameterValueException', /\$LATEST is not supported/, 400);
		await rejectsWith(create({Name: 'v', FunctionVersion: '1', weights: {'7': 0.5}}), 'ResourceNotFoundException', `Function not found: ${arn}:7`, 404);
		await rejectsWith(harness.lambda.send(new GetAliasCommand({FunctionName: 'shop', Name: 'nope'})), 'ResourceNotFoundException', `Alias not found: ${arn}:nope`, 404);
	});

	it('updates an alias, checking its RevisionId', async () => {
		const before = await harness.lambda.send(new GetAliasCommand({FunctionName: 'shop', Name: 'live'}));
		await rejectsWith(
			harness.lambda.send(new UpdateAliasCommand({FunctionName: 'shop', Name: 'live', FunctionVersion: '3', RevisionId: 'stale'})),
			'PreconditionFailedException',
			/Revision Id provided does not match/,
			412,
		);
		const updated = await harness.lambda.send(
			new UpdateAliasCommand({FunctionName: 'shop', Name: 'live', FunctionVersion: '3', Description: 'moved', RevisionId: before.RevisionId}),
		);
		assert.equal(updated.FunctionVersion, '3');
		assert.equal(updated.Description, 'moved');
		assert.deepEqual(updated.RoutingConfig?.AdditionalVersionWeights, {'1': 0.25}, 'routing is kept when not given');
		assert.notEqual(updated.RevisionId, before.RevisionId);
		await rejectsWith(
			harness.lambda.send(new UpdateAliasCommand({FunctionName: 'shop', Name: 'live', FunctionVersion: '1'})),
			'InvalidParameterValueException',
			/already included in routing configuration/,
			400,
		);
		const cleared = await harness.lambda.send(new UpdateAliasCommand({FunctionName: 'shop', Name: 'live', RoutingConfig: {AdditionalVersionWeights: {}}}));
		assert.equal(cleared.RoutingConfig, undefined);
		await rejectsWith(
			harness.lambda.send(new UpdateAliasCommand({FunctionName: 'shop', Name: 'nope', FunctionVersion: '1'})),
			'ResourceNotFoundException',
			`Alias not found: ${arn}:nope`,
			404,
		);
	});

	it('deletes a version, but not $LATEST nor one an alias uses', async () => {
		await harness.lambda.send(new UpdateAliasCommand({FunctionName: 'shop', Name: 'live', RoutingConfig: {AdditionalVersionWeights: {'2': 0.1}}}));
		await rejectsWith(
			harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'shop', Qualifier: '3'})),
			'ResourceConflictException',
			/aliases reference it: \[live\]/,
			409,
		);
		await rejectsWith(
			harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'shop', Qualifier: '2'})),
			'ResourceConflictException',
			/aliases reference it: \[live\]/,
			409,
		);
		await rejectsWith(
			harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'shop', Qualifier: '$LATEST'})),
			'InvalidParameterValueException',
			/\$LATEST version cannot be deleted/,
			400,
		);
		await rejectsWith(harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'shop', Qualifier: '8'})), 'ResourceNotFoundException', `Function not found: ${arn}:8`, 404);
		const deleted = await harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'shop', Qualifier: '1'}));
		assert.equal(deleted.$metadata.httpStatusCode, 204);
		const listed = await harness.lambda.send(new ListVersionsByFunctionCommand({FunctionName: 'shop'}));
		assert.deepEqual(listed.Versions?.map((version) => version.Version), ['$LATEST', '2', '3']);
		await rejectsWith(harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'shop', Qualifier: '1'})), 'ResourceNotFoundException', /:shop:1$/, 404);
		// The function itself is still there.
		const latest = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'shop'}));
		assert.equal(latest.Version, '$LATEST');
	});

	it('version numbers are never reused', async () => {
		await harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'shop', Timeout: 20}));
		await waitUpdated();
		const published = await harness.lambda.send(new PublishVersionCommand({FunctionName: 'shop'}));
		assert.equal(published.Version, '4');
	});

	it('deletes an alias', async () => {
		const deleted = await harness.lambda.send(new DeleteAliasCommand({FunctionName: 'shop', Name: 'dev'}));
		assert.equal(deleted.$metadata.httpStatusCode, 204);
		const listed = await harness.lambda.send(new ListAliasesCommand({FunctionName: 'shop'}));
		assert.deepEqual(listed.Aliases?.map((alias) => alias.Name), ['live']);
	});

	it('versions and aliases survive a restart', async () => {
		await harness.close();
		harness = await startHarness({dataDir, transitionDelayMs: 150});
		const listed = await harness.lambda.send(new ListVersionsByFunctionCommand({FunctionName: 'shop'}));
		assert.deepEqual(listed.Versions?.map((version) => version.Version), ['$LATEST', '2', '3', '4']);
		const two = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'shop', Qualifier: '2'}));
		assert.equal(two.CodeSha256, sha256(zipTwo));
		const live = await harness.lambda.send(new GetAliasCommand({FunctionName: 'shop', Name: 'live'}));
		assert.equal(live.FunctionVersion, '3');
		assert.deepEqual(live.RoutingConfig?.AdditionalVersionWeights, {'2': 0.1});
		const five = await harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'shop', Timeout: 21}));
		assert.equal(five.Timeout, 21);
		await waitUpdated();
		assert.equal((await harness.lambda.send(new PublishVersionCommand({FunctionName: 'shop'}))).Version, '5');
	});

	it('deleting the function deletes its versions and aliases', async () => {
		await harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'shop'}));
		await rejectsWith(harness.lambda.send(new ListVersionsByFunctionCommand({FunctionName: 'shop'})), 'ResourceNotFoundException', /Function not found/, 404);
		await rejectsWith(harness.lambda.send(new ListAliasesCommand({FunctionName: 'shop'})), 'ResourceNotFoundException', /Function not found/, 404);
	});
});
