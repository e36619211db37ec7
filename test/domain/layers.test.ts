// The console's checks of layers before it calls Lambda: the members of
// PublishLayerVersion, layer version ARNs, and a function's list of layers
// (count, one version per layer, runtime and architecture, size), the zip of
// a directory and moving a layer in the list.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {unzipSync} from 'fflate';
import {
	addLayerProblem,
	architecturesProblem,
	compatibilityProblem,
	layerAdditionProblem,
	layerArnProblem,
	layerDescriptionProblem,
	layerLicenseProblem,
	layerNameProblem,
	layerVersionLabel,
	looksLikeZip,
	moveItem,
	packageSizeProblem,
	parseLayerVersionArn,
	runtimesProblem,
	type LayerTarget,
} from '../../source/domain/layers.js';
import {splitIdList} from '../../source/domain/vpc-config.js';
import {buildPackage} from '../../source/domain/code-package.js';

const arn = (name: string, version: number, account = '123456789012'): string => `arn:aws:lambda:us-east-1:${account}:layer:${name}:${version}`;
const mb = 1024 * 1024;

const target = (layers: Array<{arn: string; codeSize: number}> = [], codeSize = 1000): LayerTarget => ({
	runtime: 'nodejs22.x',
	architectures: ['x86_64'],
	packageType: 'Zip',
	codeSize,
	layers,
});

describe('layer names and settings', () => {
	it('takes letters, digits, - and _ up to 140 characters', () => {
		assert.equal(layerNameProblem('my-layer_2'), undefined);
		assert.match(layerNameProblem('') ?? '', /A name is needed/);
		assert.match(layerNameProblem('my layer') ?? '', /Only letters, digits, - and _/);
		assert.equal(layerNameProblem('a'.repeat(140)), undefined);
		assert.match(layerNameProblem('a'.repeat(141)) ?? '', /At most 140 characters \(141 given\)/);
	});

	it('limits the description to 256 and the license to 512 characters', () => {
		assert.equal(layerDescriptionProblem('d'.repeat(256)), undefined);
		assert.match(layerDescriptionProblem('d'.repeat(257)) ?? '', /At most 256/);
		assert.equal(layerLicenseProblem('MIT'), undefined);
		assert.match(layerLicenseProblem('l'.repeat(513)) ?? '', /At most 512/);
	});

	it('checks runtimes against Lambda\'s list, at most 15', () => {
		assert.deepEqual(splitIdList('nodejs22.x, python3.13,,nodejs22.x  provided.al2023'), ['nodejs22.x', 'python3.13', 'provided.al2023']);
		assert.equal(runtimesProblem(''), undefined);
		assert.equal(runtimesProblem('nodejs22.x, python3.13'), undefined);
		assert.match(runtimesProblem('nodejs22.x, node22') ?? '', /node22: not a Lambda runtime/);
		const sixteen = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x', 'python3.9', 'python3.10', 'python3.11', 'python3.12', 'python3.13', 'python3.14', 'java17', 'java21', 'ruby3.3', 'ruby3.4', 'provided.al2', 'provided.al2023'];
		assert.match(runtimesProblem(sixteen.join(',')) ?? '', /At most 15 runtimes \(16 given\)/);
	});

	it('takes x86_64 and arm64 as architectures', () => {
		assert.equal(architecturesProblem('x86_64, arm64'), undefined);
		assert.equal(architecturesProblem(''), undefined);
		assert.match(architecturesProblem('amd64') ?? '', /amd64: not an architecture \(x86_64 or arm64\)/);
	});

	it('uploads at most 50 MB zipped directly, and not an empty package', () => {
		assert.equal(packageSizeProblem(50 * mb), undefined);
		assert.match(packageSizeProblem(50 * mb + 1) ?? '', /at most 50 MB can be uploaded directly/);
		assert.match(packageSizeProblem(0) ?? '', /empty/);
	});
});

describe('layer version ARNs', () => {
	it('takes one apart', () => {
		assert.deepEqual(parseLayerVersionArn(arn('utils', 3)), {
			partition: 'aws',
			region: 'us-east-1',
			accountId: '123456789012',
			name: 'utils',
			version: 3,
			layerArn: 'arn:aws:lambda:us-east-1:123456789012:layer:utils',
		});
		assert.equal(layerVersionLabel(arn('utils', 3)), 'utils:3');
	});

	it('refuses what is not one, naming the form', () => {
		assert.equal(parseLayerVersionArn('arn:aws:lambda:us-east-1:123456789012:layer:utils'), undefined);
		assert.equal(layerArnProblem(arn('utils', 1)), undefined);
		assert.match(layerArnProblem('utils:1') ?? '', /arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION/);
		assert.match(layerArnProblem('') ?? '', /A layer version ARN/);
		assert.match(layerArnProblem(arn('x'.repeat(120), 1)) ?? '', /At most 140 characters/);
	});
});

describe('adding a layer to a function', () => {
	const version = (name: string, number: number, extra: {codeSize?: number; compatibleRuntimes?: string[]; compatibleArchitectures?: string[]} = {}) => ({
		arn: arn(name, number),
		codeSize: extra.codeSize ?? 100,
		compatibleRuntimes: extra.compatibleRuntimes ?? [],
		compatibleArchitectures: extra.compatibleArchitectures ?? [],
	});

	it('takes a compatible version, or one that names no runtime', () => {
		assert.equal(layerAdditionProblem(target(), version('a', 1, {compatibleRuntimes: ['nodejs22.x', 'nodejs20.x'], compatibleArchitectures: ['x86_64']})), undefined);
		assert.equal(layerAdditionProblem(target(), version('a', 1)), undefined);
	});

	it('refuses a sixth layer, naming the limit', () => {
		const five = [1, 2, 3, 4, 5].map((index) => ({arn: arn(`l${index}`, 1), codeSize: 10}));
		assert.match(layerAdditionProblem(target(five), version('six', 1)) ?? '', /at most 5 layers and this one has 5/);
		assert.match(addLayerProblem(target(five)) ?? '', /remove one \(d\) first/);
	});

	it('refuses a second version of a layer the function uses', () => {
		assert.match(layerAdditionProblem(target([{arn: arn('a', 1), codeSize: 1}]), version('a', 2)) ?? '', /already uses a:1/);
	});

	it('refuses another runtime or architecture, with the reason', () => {
		assert.match(layerAdditionProblem(target(), version('py', 1, {compatibleRuntimes: ['python3.13']})) ?? '', /py:1 cannot be added: It is for python3.13, not nodejs22.x/);
		assert.match(compatibilityProblem({compatibleRuntimes: [], compatibleArchitectures: ['arm64']}, {runtime: 'nodejs22.x', architectures: ['x86_64']}) ?? '', /for arm64, not x86_64/);
	});

	it('refuses code and layers over 250 MB (zipped, the sizes Lambda reports)', () => {
		const big = target([{arn: arn('a', 1), codeSize: 200 * mb}], 40 * mb);
		assert.equal(layerAdditionProblem(big, version('b', 1, {codeSize: 10 * mb})), undefined);
		assert.match(layerAdditionProblem(big, version('b', 1, {codeSize: 10 * mb + 1})) ?? '', /over the 250 MB limit/);
	});

	it('refuses a container image function', () => {
		assert.match(addLayerProblem({...target(), packageType: 'Image'}) ?? '', /container image/);
	});
});

describe('packages and order', () => {
	it('zips files with their paths and execute bits, the same bytes each time', () => {
		const files = [
			{path: 'nodejs/node_modules/x/index.js', data: new TextEncoder().encode('module.exports = 1;'), mode: 0o100644},
			{path: 'bin/tool', data: new TextEncoder().encode('#!/bin/sh'), mode: 0o100755},
		];
		const zip = buildPackage(files);
		assert.ok(looksLikeZip(zip));
		assert.deepEqual(zip, buildPackage([...files].reverse()));
		const entries = unzipSync(zip);
		assert.deepEqual(Object.keys(entries).sort(), ['bin/tool', 'nodejs/node_modules/x/index.js']);
		assert.equal(new TextDecoder().decode(entries['nodejs/node_modules/x/index.js']), 'module.exports = 1;');
		assert.equal(looksLikeZip(new TextEncoder().encode('not a zip')), false);
	});

	it('moves an item up and down, and not past the ends', () => {
		assert.deepEqual(moveItem(['a', 'b', 'c'], 2, -1), ['a', 'c', 'b']);
		assert.deepEqual(moveItem(['a', 'b', 'c'], 0, 1), ['b', 'a', 'c']);
		assert.deepEqual(moveItem(['a', 'b', 'c'], 0, -1), ['a', 'b', 'c']);
		assert.deepEqual(moveItem(['a', 'b', 'c'], 2, 1), ['a', 'b', 'c']);
	});
});
