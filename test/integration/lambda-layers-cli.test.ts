// Layers through the AWS CLI against the local Lambda (--endpoint-url), as a
// person would publish and list them. The CLI must be installed (it is on
// developer machines and in CI): without it this test fails.

import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {aws, awsJson} from './aws-cli-support.js';
import {makeZip, startHarness, type Harness} from './harness.js';

describe('layers through the AWS CLI', () => {
	let harness: Harness;
	let scratch: string;
	let endpoint: string;
	const layerArn = 'arn:aws:lambda:us-east-1:123456789012:layer:cli-layer';
	before(async () => {
		harness = await startHarness({transitionDelayMs: 100});
		endpoint = harness.server.endpoint;
		scratch = await mkdtemp(join(tmpdir(), 'lambdash-layers-cli-'));
	});
	after(async () => {
		await harness.close();
		await rm(scratch, {recursive: true, force: true});
	});

	it('publish-layer-version with a zip from a file', async () => {
		const zip = makeZip({'python/helpers.py': 'def greet():\n    return "hi"\n'});
		const zipPath = join(scratch, 'layer.zip');
		await writeFile(zipPath, zip);
		const published = await awsJson(endpoint, [
			'lambda', 'publish-layer-version',
			'--layer-name', 'cli-layer',
			'--description', 'from the CLI',
			'--zip-file', `fileb://${zipPath}`,
			'--compatible-runtimes', 'python3.12', 'python3.13',
			'--compatible-architectures', 'arm64',
		]);
		assert.equal(published['Version'], 1);
		assert.equal(published['LayerVersionArn'], `${layerArn}:1`);
		assert.equal(published['Description'], 'from the CLI');
		assert.deepEqual(published['CompatibleRuntimes'], ['python3.12', 'python3.13']);
		const content = published['Content'] as Record<string, unknown>;
		assert.equal(content['CodeSize'], zip.length);
		assert.ok(String(content['Location']).startsWith(endpoint));
	});

	it('list-layers and list-layer-versions', async () => {
		const listed = await awsJson(endpoint, ['lambda', 'list-layers', '--compatible-runtime', 'python3.13']);
		const layers = listed['Layers'] as Array<Record<string, unknown>>;
		assert.deepEqual(layers.map((layer) => layer['LayerName']), ['cli-layer']);
		const latest = layers[0]?.['LatestMatchingVersion'] as Record<string, unknown>;
		assert.equal(latest['LayerVersionArn'], `${layerArn}:1`);
		const none = await awsJson(endpoint, ['lambda', 'list-layers', '--compatible-runtime', 'nodejs22.x']);
		assert.deepEqual(none['Layers'], []);
		const versions = await awsJson(endpoint, ['lambda', 'list-layer-versions', '--layer-name', 'cli-layer']);
		assert.deepEqual((versions['LayerVersions'] as Array<Record<string, unknown>>).map((version) => version['Version']), [1]);
	});

	it('get-layer-version-by-arn, then delete-layer-version', async () => {
		const got = await awsJson(endpoint, ['lambda', 'get-layer-version-by-arn', '--arn', `${layerArn}:1`]);
		assert.equal(got['LayerArn'], layerArn);
		await awsJson(endpoint, ['lambda', 'delete-layer-version', '--layer-name', 'cli-layer', '--version-number', '1']);
		const missing = await aws(endpoint, ['lambda', 'get-layer-version', '--layer-name', 'cli-layer', '--version-number', '1']);
		assert.notEqual(missing.code, 0);
		assert.match(missing.stderr, /ResourceNotFoundException/);
	});
});
