// Lambda layers of the local Lambda through the real @aws-sdk/client-lambda:
// PublishLayerVersion, ListLayers, ListLayerVersions, GetLayerVersion,
// GetLayerVersionByArn and DeleteLayerVersion, their errors, functions using
// layers (existence, order, sizes, the 250 MB unzipped limit), and that all of
// it survives a restart.

import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {
	CreateFunctionCommand,
	DeleteFunctionCommand,
	DeleteLayerVersionCommand,
	GetAccountSettingsCommand,
	GetFunctionCommand,
	GetFunctionConfigurationCommand,
	GetLayerVersionByArnCommand,
	GetLayerVersionCommand,
	ListLayersCommand,
	ListLayerVersionsCommand,
	PublishLayerVersionCommand,
	UpdateFunctionCodeCommand,
	UpdateFunctionConfigurationCommand,
	waitUntilFunctionActiveV2,
	waitUntilFunctionUpdatedV2,
	type LambdaClient,
} from '@aws-sdk/client-lambda';
import {zipSync} from 'fflate';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const layerArn = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:layer:${name}`;
const sha256 = (zip: Uint8Array): string => createHash('sha256').update(zip).digest('base64');
const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

async function download(location: string | undefined): Promise<{status: number; body: Uint8Array}> {
	assert.ok(location !== undefined, 'Content.Location');
	const response = await fetch(location);
	return {status: response.status, body: new Uint8Array(await response.arrayBuffer())};
}

async function createFunction(lambda: LambdaClient, name: string, zip: Uint8Array, layers: string[]): Promise<void> {
	await lambda.send(
		new CreateFunctionCommand({FunctionName: name, Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: zip}, Layers: layers}),
	);
	await waitUntilFunctionActiveV2({client: lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
}

describe('Lambda layers through the SDK', () => {
	let harness: Harness;
	let dataDir: string;
	const utilsOne = makeZip({'nodejs/node_modules/utils/index.js': 'module.exports = 1;\n'});
	const utilsTwo = makeZip({'nodejs/node_modules/utils/index.js': 'module.exports = 2;\n'});
	const pandas = makeZip({'python/pandas/__init__.py': 'VERSION = "2"\n'});
	const handler = makeZip({'index.mjs': 'export const handler = async () => "ok";\n'});

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-layers-'));
		harness = await startHarness({dataDir, transitionDelayMs: 100});
	});
	after(async () => {
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('publishes version 1, then 2, of a layer', async () => {
		const first = await harness.lambda.send(
			new PublishLayerVersionCommand({
				LayerName: 'utils',
				Content: {ZipFile: utilsOne},
				Description: 'shared helpers',
				CompatibleRuntimes: ['nodejs22.x', 'nodejs24.x'],
				CompatibleArchitectures: ['x86_64'],
				LicenseInfo: 'MIT',
			}),
		);
		assert.equal(first.$metadata.httpStatusCode, 201);
		assert.equal(first.Version, 1);
		assert.equal(first.LayerArn, layerArn('utils'));
		assert.equal(first.LayerVersionArn, `${layerArn('utils')}:1`);
		assert.equal(first.Description, 'shared helpers');
		assert.deepEqual(first.CompatibleRuntimes, ['nodejs22.x', 'nodejs24.x']);
		assert.deepEqual(first.CompatibleArchitectures, ['x86_64']);
		assert.equal(first.LicenseInfo, 'MIT');
		assert.match(first.CreatedDate ?? '', timestamp);
		assert.equal(first.Content?.CodeSha256, sha256(utilsOne));
		assert.equal(first.Content?.CodeSize, utilsOne.length);

		const second = await harness.lambda.send(new PublishLayerVersionCommand({LayerName: 'utils', Content: {ZipFile: utilsTwo}}));
		assert.equal(second.Version, 2);
		assert.equal(second.LayerVersionArn, `${layerArn('utils')}:2`);
		assert.equal(second.Description, '');
		assert.equal(second.CompatibleRuntimes, undefined);
		assert.equal(second.LicenseInfo, undefined);
		assert.equal(second.Content?.CodeSha256, sha256(utilsTwo));
	});

	it('serves the exact archive at Content.Location', async () => {
		const got = await harness.lambda.send(new GetLayerVersionCommand({LayerName: 'utils', VersionNumber: 1}));
		const downloaded = await download(got.Content?.Location);
		assert.equal(downloaded.status, 200);
		assert.deepEqual(downloaded.body, utilsOne);
		assert.ok(got.Content?.Location?.startsWith(harness.server.endpoint));
	});

	it('gets a version by name, by layer ARN and by version ARN', async () => {
		const byName = await harness.lambda.send(new GetLayerVersionCommand({LayerName: 'utils', VersionNumber: 2}));
		assert.equal(byName.Version, 2);
		assert.equal(byName.Content?.CodeSize, utilsTwo.length);
		const byLayerArn = await harness.lambda.send(new GetLayerVersionCommand({LayerName: layerArn('utils'), VersionNumber: 1}));
		assert.equal(byLayerArn.Description, 'shared helpers');
		assert.equal(byLayerArn.LayerVersionArn, `${layerArn('utils')}:1`);
		const byArn = await harness.lambda.send(new GetLayerVersionByArnCommand({Arn: `${layerArn('utils')}:1`}));
		assert.deepEqual(byArn.CompatibleRuntimes, ['nodejs22.x', 'nodejs24.x']);
		assert.equal(byArn.CreatedDate, byLayerArn.CreatedDate);
		await rejectsWith(
			harness.lambda.send(new GetLayerVersionCommand({LayerName: 'utils', VersionNumber: 9})),
			'ResourceNotFoundException',
			'The resource you requested does not exist.',
			404,
		);
		await rejectsWith(
			harness.lambda.send(new GetLayerVersionByArnCommand({Arn: `${layerArn('nothing')}:1`})),
			'ResourceNotFoundException',
			'The resource you requested does not exist.',
			404,
		);
	});

	it('lists versions newest first, filtered and paged', async () => {
		await harness.lambda.send(
			new PublishLayerVersionCommand({
				LayerName: 'utils',
				Content: {ZipFile: utilsTwo},
				CompatibleRuntimes: ['nodejs22.x'],
				CompatibleArchitectures: ['arm64', 'x86_64'],
			}),
		);
		const all = await harness.lambda.send(new ListLayerVersionsCommand({LayerName: 'utils'}));
		assert.deepEqual(all.LayerVersions?.map((version) => version.Version), [3, 2, 1]);
		assert.equal(all.NextMarker, undefined);
		assert.equal(all.LayerVersions?.[2]?.LicenseInfo, 'MIT');
		assert.equal(all.LayerVersions?.[2]?.LayerVersionArn, `${layerArn('utils')}:1`);

		const node22 = await harness.lambda.send(new ListLayerVersionsCommand({LayerName: 'utils', CompatibleRuntime: 'nodejs22.x'}));
		assert.deepEqual(node22.LayerVersions?.map((version) => version.Version), [3, 1]);
		const arm = await harness.lambda.send(new ListLayerVersionsCommand({LayerName: layerArn('utils'), CompatibleArchitecture: 'arm64'}));
		assert.deepEqual(arm.LayerVersions?.map((version) => version.Version), [3]);

		const seen: number[] = [];
		let marker: string | undefined;
		let pages = 0;
		do {
			const page = await harness.lambda.send(new ListLayerVersionsCommand({LayerName: 'utils', MaxItems: 1, Marker: marker}));
			seen.push(...(page.LayerVersions ?? []).map((version) => version.Version ?? 0));
			marker = page.NextMarker;
			pages += 1;
		} while (marker !== undefined && pages < 10);
		assert.deepEqual(seen, [3, 2, 1]);
		assert.equal(pages, 3);

		const missing = await harness.lambda.send(new ListLayerVersionsCommand({LayerName: 'no-such-layer'}));
		assert.deepEqual(missing.LayerVersions, []);
	});

	it('lists layers with their latest matching version, filtered and paged', async () => {
		await harness.lambda.send(
			new PublishLayerVersionCommand({LayerName: 'pandas', Content: {ZipFile: pandas}, CompatibleRuntimes: ['python3.12']}),
		);
		const all = await harness.lambda.send(new ListLayersCommand({}));
		assert.deepEqual(
			all.Layers?.map((layer) => [layer.LayerName, layer.LayerArn, layer.LatestMatchingVersion?.Version]),
			[
				['pandas', layerArn('pandas'), 1],
				['utils', layerArn('utils'), 3],
			],
		);
		const node24 = await harness.lambda.send(new ListLayersCommand({CompatibleRuntime: 'nodejs24.x'}));
		assert.deepEqual(
			node24.Layers?.map((layer) => [layer.LayerName, layer.LatestMatchingVersion?.LayerVersionArn]),
			[['utils', `${layerArn('utils')}:1`]],
		);
		const python = await harness.lambda.send(new ListLayersCommand({CompatibleRuntime: 'python3.12', CompatibleArchitecture: 'x86_64'}));
		assert.deepEqual(python.Layers, []);

		const first = await harness.lambda.send(new ListLayersCommand({MaxItems: 1}));
		assert.deepEqual(first.Layers?.map((layer) => layer.LayerName), ['pandas']);
		assert.ok(first.NextMarker !== undefined);
		const second = await harness.lambda.send(new ListLayersCommand({MaxItems: 1, Marker: first.NextMarker}));
		assert.deepEqual(second.Layers?.map((layer) => layer.LayerName), ['utils']);
		assert.equal(second.NextMarker, undefined);
	});

	it('answers with Lambda validation errors', async () => {
		await rejectsWith(
			harness.lambda.send(new PublishLayerVersionCommand({LayerName: 'bad.name', Content: {ZipFile: utilsOne}})),
			'ValidationException',
			"1 validation error detected: Value 'bad.name' at 'layerName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+",
			400,
		);
		await rejectsWith(
			harness.lambda.send(new PublishLayerVersionCommand({LayerName: 'x'.repeat(141), Content: {ZipFile: utilsOne}})),
			'ValidationException',
			/at 'layerName' failed to satisfy constraint: Member must have length less than or equal to 140/,
		);
		const sixteen = Array.from({length: 16}, () => 'nodejs22.x' as const);
		await rejectsWith(
			harness.lambda.send(
				new PublishLayerVersionCommand({
					LayerName: 'utils',
					Content: {ZipFile: utilsOne},
					CompatibleRuntimes: sixteen,
					CompatibleArchitectures: ['x86_64', 'arm64', 'x86_64'],
				}),
			),
			'ValidationException',
			/^2 validation errors detected: Value '\[nodejs22\.x, .*\]' at 'compatibleRuntimes' failed to satisfy constraint: Member must have length less than or equal to 15; Value '\[x86_64, arm64, x86_64\]' at 'compatibleArchitectures' failed to satisfy constraint: Member must have length less than or equal to 2$/,
		);
		await rejectsWith(
			harness.lambda.send(
				new PublishLayerVersionCommand({LayerName: 'utils', Content: {ZipFile: utilsOne}, CompatibleRuntimes: ['cobol85' as 'nodejs22.x']}),
			),
			'ValidationException',
			/Value '\[cobol85\]' at 'compatibleRuntimes' failed to satisfy constraint: Member must satisfy enum value set: \[.*nodejs22\.x.*\]/,
		);
		await rejectsWith(
			harness.lambda.send(new PublishLayerVersionCommand({LayerName: 'utils', Content: {S3Bucket: 'bucket', S3Key: 'layer.zip'}})),
			'InvalidParameterValueException',
			/local Lambda takes layer content only as Content\.ZipFile/,
			400,
		);
		await rejectsWith(
			harness.lambda.send(new PublishLayerVersionCommand({LayerName: 'utils', Content: {ZipFile: new TextEncoder().encode('not a zip at all, really')}})),
			'InvalidParameterValueException',
			'Could not unzip uploaded file. Please check your file, then try to upload again.',
		);
		await rejectsWith(
			harness.lambda.send(new GetLayerVersionCommand({LayerName: 'utils', VersionNumber: 0})),
			'InvalidParameterValueException',
			'Layer Version Cannot be less than 1',
		);
		await rejectsWith(
			harness.lambda.send(new GetLayerVersionByArnCommand({Arn: layerArn('utils')})),
			'ValidationException',
			/Value 'arn:aws:lambda:us-east-1:123456789012:layer:utils' at 'arn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
		);
		await rejectsWith(
			harness.lambda.send(new ListLayersCommand({MaxItems: 51})),
			'ValidationException',
			"1 validation error detected: Value '51' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 50",
		);
		await rejectsWith(
			harness.lambda.send(new ListLayerVersionsCommand({LayerName: 'utils', CompatibleArchitecture: 'sparc' as 'arm64'})),
			'ValidationException',
			"1 validation error detected: Value 'sparc' at 'compatibleArchitecture' failed to satisfy constraint: Member must satisfy enum value set: [x86_64, arm64]",
		);
		// Nothing was published by the refused requests.
		const versions = await harness.lambda.send(new ListLayerVersionsCommand({LayerName: 'utils'}));
		assert.equal(versions.LayerVersions?.[0]?.Version, 3);
	});

	it('creates a function with layers: order kept, sizes shown', async () => {
		await createFunction(harness.lambda, 'with-layers', handler, [`${layerArn('utils')}:2`, `${layerArn('pandas')}:1`]);
		const configuration = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'with-layers'}));
		assert.deepEqual(configuration.Layers, [
			{Arn: `${layerArn('utils')}:2`, CodeSize: utilsTwo.length},
			{Arn: `${layerArn('pandas')}:1`, CodeSize: pandas.length},
		]);
		const got = await harness.lambda.send(new GetFunctionCommand({FunctionName: 'with-layers'}));
		assert.deepEqual(got.Configuration?.Layers?.map((layer) => layer.CodeSize), [utilsTwo.length, pandas.length]);

		await harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'with-layers', Layers: [`${layerArn('utils')}:1`]}));
		await waitUntilFunctionUpdatedV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'with-layers'});
		const updated = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'with-layers'}));
		assert.deepEqual(updated.Layers, [{Arn: `${layerArn('utils')}:1`, CodeSize: utilsOne.length}]);
	});

	it('refuses layer versions that do not exist, from another region, or two versions of one layer', async () => {
		const missing = `${layerArn('utils')}:42`;
		await rejectsWith(
			harness.lambda.send(
				new CreateFunctionCommand({FunctionName: 'no-layer', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: handler}, Layers: [missing]}),
			),
			'InvalidParameterValueException',
			`Layer version ${missing} does not exist.`,
			400,
		);
		await rejectsWith(
			harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'no-layer'})),
			'ResourceNotFoundException',
			/Function not found/,
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'with-layers', Layers: [`${layerArn('pandas')}:1`, missing]})),
			'InvalidParameterValueException',
			`Layer version ${missing} does not exist.`,
		);
		await rejectsWith(
			harness.lambda.send(
				new UpdateFunctionConfigurationCommand({FunctionName: 'with-layers', Layers: ['arn:aws:lambda:eu-west-1:123456789012:layer:utils:1']}),
			),
			'InvalidParameterValueException',
			'Layers are not in the same region as the function. Layers are expected to be in region us-east-1.',
		);
		await rejectsWith(
			harness.lambda.send(
				new UpdateFunctionConfigurationCommand({FunctionName: 'with-layers', Layers: [`${layerArn('utils')}:1`, `${layerArn('utils')}:2`]}),
			),
			'InvalidParameterValueException',
			`Two different versions of the same layer are not allowed to be referenced in the same function. ${layerArn('utils')}:1 and ${layerArn('utils')}:2 are versions of the same layer.`,
		);
		const unchanged = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'with-layers'}));
		assert.deepEqual(unchanged.Layers?.map((layer) => layer.Arn), [`${layerArn('utils')}:1`]);
	});

	it('keeps a function and its layers within 250 MB unzipped', async () => {
		// 140 MB of zeros compresses to about 140 KB: twice that is over the limit.
		const big = zipSync({'data/zeros.bin': new Uint8Array(140 * 1024 * 1024)}, {level: 1});
		const bigSize = 140 * 1024 * 1024;
		const published = await harness.lambda.send(new PublishLayerVersionCommand({LayerName: 'big', Content: {ZipFile: big}}));
		assert.equal(published.Content?.CodeSize, big.length);

		await rejectsWith(
			harness.lambda.send(
				new CreateFunctionCommand({FunctionName: 'too-big', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: big}, Layers: [`${layerArn('big')}:1`]}),
			),
			'InvalidParameterValueException',
			`Function code combined with layers exceeds the maximum allowed size of 262144000 bytes. The actual size is ${2 * bigSize} bytes.`,
			400,
		);

		await createFunction(harness.lambda, 'big-layer', handler, [`${layerArn('big')}:1`]);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'big-layer', ZipFile: big})),
			'InvalidParameterValueException',
			`Function code combined with layers exceeds the maximum allowed size of 262144000 bytes. The actual size is ${2 * bigSize} bytes.`,
		);

		await createFunction(harness.lambda, 'big-code', big, []);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'big-code', Layers: [`${layerArn('big')}:1`, `${layerArn('utils')}:1`]})),
			'InvalidParameterValueException',
			/^Function code combined with layers exceeds the maximum allowed size of 262144000 bytes\. The actual size is \d+ bytes\.$/,
		);
		const accepted = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'big-layer'}));
		assert.equal(accepted.CodeSha256, sha256(handler));
		assert.deepEqual(accepted.Layers, [{Arn: `${layerArn('big')}:1`, CodeSize: big.length}]);
		await harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'big-code'}));
		await harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'big-layer'}));
		await harness.lambda.send(new DeleteLayerVersionCommand({LayerName: 'big', VersionNumber: 1}));
	});

	it('counts layer archives in GetAccountSettings', async () => {
		const before = await harness.lambda.send(new GetAccountSettingsCommand({}));
		const zip = makeZip({'extra/readme.txt': 'counted\n'});
		await harness.lambda.send(new PublishLayerVersionCommand({LayerName: 'counted', Content: {ZipFile: zip}}));
		const after = await harness.lambda.send(new GetAccountSettingsCommand({}));
		assert.equal((after.AccountUsage?.TotalCodeSize ?? 0) - (before.AccountUsage?.TotalCodeSize ?? 0), zip.length);
		await harness.lambda.send(new DeleteLayerVersionCommand({LayerName: 'counted', VersionNumber: 1}));
		const deleted = await harness.lambda.send(new GetAccountSettingsCommand({}));
		assert.equal(deleted.AccountUsage?.TotalCodeSize, before.AccountUsage?.TotalCodeSize);
	});

	it('deletes versions: missing ones succeed, numbers are never reused', async () => {
		await harness.lambda.send(new PublishLayerVersionCommand({LayerName: 'scratch', Content: {ZipFile: makeZip({'a.txt': 'a\n'})}}));
		await harness.lambda.send(new PublishLayerVersionCommand({LayerName: 'scratch', Content: {ZipFile: makeZip({'b.txt': 'b\n'})}}));
		const deleted = await harness.lambda.send(new DeleteLayerVersionCommand({LayerName: 'scratch', VersionNumber: 2}));
		assert.equal(deleted.$metadata.httpStatusCode, 204);
		await rejectsWith(
			harness.lambda.send(new GetLayerVersionCommand({LayerName: 'scratch', VersionNumber: 2})),
			'ResourceNotFoundException',
			'The resource you requested does not exist.',
		);
		await harness.lambda.send(new DeleteLayerVersionCommand({LayerName: 'scratch', VersionNumber: 2}));
		await harness.lambda.send(new DeleteLayerVersionCommand({LayerName: 'scratch', VersionNumber: 99}));
		await harness.lambda.send(new DeleteLayerVersionCommand({LayerName: 'never-published', VersionNumber: 1}));
		await harness.lambda.send(new DeleteLayerVersionCommand({LayerName: layerArn('scratch'), VersionNumber: 1}));
		const listed = await harness.lambda.send(new ListLayersCommand({}));
		assert.ok(!(listed.Layers ?? []).some((layer) => layer.LayerName === 'scratch'));
		assert.deepEqual((await harness.lambda.send(new ListLayerVersionsCommand({LayerName: 'scratch'}))).LayerVersions, []);
		const again = await harness.lambda.send(new PublishLayerVersionCommand({LayerName: 'scratch', Content: {ZipFile: makeZip({'c.txt': 'c\n'})}}));
		assert.equal(again.Version, 3);
	});

	it('keeps a deleted version for the functions that use it', async () => {
		const zip = makeZip({'nodejs/kept.js': 'module.exports = "kept";\n'});
		const published = await harness.lambda.send(new PublishLayerVersionCommand({LayerName: 'kept', Content: {ZipFile: zip}}));
		const arn = published.LayerVersionArn ?? '';
		await createFunction(harness.lambda, 'uses-kept', handler, [arn]);
		await harness.lambda.send(new DeleteLayerVersionCommand({LayerName: 'kept', VersionNumber: 1}));

		await rejectsWith(harness.lambda.send(new GetLayerVersionByArnCommand({Arn: arn})), 'ResourceNotFoundException', 'The resource you requested does not exist.');
		const configuration = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'uses-kept'}));
		assert.deepEqual(configuration.Layers, [{Arn: arn, CodeSize: zip.length}]);
		assert.equal((await download(published.Content?.Location)).status, 200);
		await rejectsWith(
			harness.lambda.send(
				new CreateFunctionCommand({FunctionName: 'late', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: handler}, Layers: [arn]}),
			),
			'InvalidParameterValueException',
			`Layer version ${arn} does not exist.`,
		);

		await harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'uses-kept'}));
		assert.equal((await download(published.Content?.Location)).status, 404);
	});

	it('keeps an archive a layer uses when a function with the same zip goes', async () => {
		const shared = makeZip({'index.mjs': 'export const handler = async () => "shared";\n'});
		await createFunction(harness.lambda, 'shares-zip', shared, []);
		const published = await harness.lambda.send(new PublishLayerVersionCommand({LayerName: 'shared', Content: {ZipFile: shared}}));
		await harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'shares-zip'}));
		const downloaded = await download(published.Content?.Location);
		assert.equal(downloaded.status, 200);
		assert.deepEqual(downloaded.body, shared);
	});

	it('keeps layers across a restart', async () => {
		const before = await harness.lambda.send(new GetLayerVersionCommand({LayerName: 'utils', VersionNumber: 1}));
		await harness.close();
		harness = await startHarness({dataDir, transitionDelayMs: 100});

		const listed = await harness.lambda.send(new ListLayersCommand({}));
		assert.deepEqual(
			listed.Layers?.map((layer) => [layer.LayerName, layer.LatestMatchingVersion?.Version]),
			[
				['pandas', 1],
				['scratch', 3],
				['shared', 1],
				['utils', 3],
			],
		);
		const after = await harness.lambda.send(new GetLayerVersionCommand({LayerName: 'utils', VersionNumber: 1}));
		assert.equal(after.CreatedDate, before.CreatedDate);
		assert.equal(after.Content?.CodeSha256, sha256(utilsOne));
		assert.deepEqual(after.CompatibleRuntimes, ['nodejs22.x', 'nodejs24.x']);
		assert.deepEqual((await download(after.Content?.Location)).body, utilsOne);

		const configuration = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'with-layers'}));
		assert.deepEqual(configuration.Layers, [{Arn: `${layerArn('utils')}:1`, CodeSize: utilsOne.length}]);

		const next = await harness.lambda.send(new PublishLayerVersionCommand({LayerName: 'big', Content: {ZipFile: utilsOne}}));
		assert.equal(next.Version, 2);
	});
});
