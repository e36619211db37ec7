// Layers through the AWS CLI against the local Lambda (--endpoint-url), as a
// person would publish and list them. The CLI must be installed (it is on
// developer machines and in CI): without it this test fails.

import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {makeZip, startHarness, type Harness} from './harness.js';

interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

function aws(endpoint: string, args: string[]): Promise<CliResult> {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		AWS_ACCESS_KEY_ID: 'test',
		AWS_SECRET_ACCESS_KEY: 'test',
		AWS_DEFAULT_REGION: 'us-east-1',
		AWS_REGION: 'us-east-1',
		AWS_PAGER: '',
		AWS_CONFIG_FILE: '/dev/null',
		AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
	};
	delete env['AWS_PROFILE'];
	delete env['AWS_SESSION_TOKEN'];
	return new Promise((resolve, reject) => {
		execFile('aws', ['--endpoint-url', endpoint, '--output', 'json', ...args], {env, timeout: 60_000}, (error, stdout, stderr) => {
			if (error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT') {
				reject(new Error('The AWS CLI ("aws") is not on PATH: install it (https://aws.amazon.com/cli/) to run this test.'));
				return;
			}
			const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
			resolve({code, stdout, stderr});
		});
	});
}

async function awsJson(endpoint: string, args: string[]): Promise<Record<string, unknown>> {
	const result = await aws(endpoint, args);
	assert.equal(result.code, 0, `aws ${args.join(' ')} failed: ${result.stderr}`);
	return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
}

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
