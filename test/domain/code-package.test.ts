// A deployment package as the Code tab holds it: files with their modes, the
// tree drawn from them, the package rebuilt with edited files (an executable
// bootstrap stays executable), and Lambda's size limits named in the refusals.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {strToU8, zipSync} from 'fflate';
import {
	buildPackage,
	entryModes,
	imageFields,
	isBinary,
	openPackage,
	PackageError,
	packageSizeProblem,
	parentFolder,
	textOf,
	treeRows,
	withChanges,
} from '../../source/domain/code-package.js';

const sample = (): Uint8Array =>
	zipSync({
		'index.mjs': [strToU8('export const handler = async () => 1;\n'), {os: 3, attrs: 0o100644 << 16}],
		'bootstrap': [strToU8('#!/bin/sh\nexec node index.mjs\n'), {os: 3, attrs: 0o100755 << 16}],
		'lib/': [new Uint8Array(0), {os: 3, attrs: 0o040755 << 16}],
		'lib/util.mjs': strToU8('export const one = 1;\n'),
		'lib/deep/data.bin': new Uint8Array([0, 1, 2, 3]),
	});

describe('openPackage', () => {
	it('lists the files (no directory entries) sorted, with sizes and modes', () => {
		const pkg = openPackage(sample());
		assert.deepEqual(
			pkg.files.map((file) => file.path),
			['bootstrap', 'index.mjs', 'lib/deep/data.bin', 'lib/util.mjs'],
		);
		assert.equal(pkg.files.find((file) => file.path === 'bootstrap')?.mode, 0o100755);
		assert.equal(pkg.unzippedSize, pkg.files.reduce((sum, file) => sum + file.data.length, 0));
	});

	it('refuses what is not a .zip', () => {
		assert.throws(() => openPackage(strToU8('not a zip at all, but long enough to look')), PackageError);
		assert.throws(() => openPackage(new Uint8Array(3)), /not a readable \.zip file/);
	});
});

describe('treeRows', () => {
	const files = [
		{path: 'index.mjs', size: 10},
		{path: 'lib/util.mjs', size: 5},
		{path: 'lib/deep/data.bin', size: 4},
		{path: 'a.txt', size: 1},
	];

	it('puts folders first, then files, by name; closed folders hide their contents and carry their size', () => {
		const rows = treeRows(files, new Set(), new Set());
		assert.deepEqual(
			rows.map((row) => [row.path, row.kind, row.size, row.depth]),
			[
				['lib/', 'folder', 9, 0],
				['a.txt', 'file', 1, 0],
				['index.mjs', 'file', 10, 0],
			],
		);
	});

	it('shows an open folder\'s contents indented, and marks a changed file and the folders above it', () => {
		const rows = treeRows(files, new Set(['lib/', 'lib/deep/']), new Set(['lib/deep/data.bin']));
		assert.deepEqual(
			rows.map((row) => [row.path, row.depth, row.open, row.changed]),
			[
				['lib/', 0, true, true],
				['lib/deep/', 1, true, true],
				['lib/deep/data.bin', 2, false, true],
				['lib/util.mjs', 1, false, false],
				['a.txt', 0, false, false],
				['index.mjs', 0, false, false],
			],
		);
	});

	it('knows the folder of a path', () => {
		assert.equal(parentFolder('lib/deep/data.bin'), 'lib/deep/');
		assert.equal(parentFolder('lib/deep/'), 'lib/');
		assert.equal(parentFolder('index.mjs'), '');
	});
});

describe('buildPackage and withChanges', () => {
	it('rebuilds the package with the edited file, keeping the others and their modes', () => {
		const pkg = openPackage(sample());
		const changed = withChanges(pkg.files, new Map([['index.mjs', strToU8('export const handler = async () => 2;\n')]]));
		const rebuilt = openPackage(buildPackage(changed));
		assert.equal(textOf(rebuilt.files.find((file) => file.path === 'index.mjs')!.data), 'export const handler = async () => 2;\n');
		assert.equal(textOf(rebuilt.files.find((file) => file.path === 'lib/util.mjs')!.data), 'export const one = 1;\n');
		assert.equal(entryModes(buildPackage(changed)).get('bootstrap'), 0o100755, 'bootstrap stays executable');
		assert.equal(entryModes(buildPackage(changed)).get('lib/util.mjs'), 0o100644, 'a file without a mode is an ordinary file');
	});

	it('adds back an edited file the package no longer holds', () => {
		const files = withChanges([], new Map([['new.txt', strToU8('x')]]));
		assert.deepEqual(files.map((file) => file.path), ['new.txt']);
	});
});

describe('packageSizeProblem', () => {
	it('names the 50 MB limit of a package uploaded directly', () => {
		assert.equal(packageSizeProblem(52_428_800, 100), undefined);
		assert.match(packageSizeProblem(52_428_801) ?? '', /^Lambda takes at most 50 MB \(52,428,800 bytes\) zipped by direct upload: this package is 52,428,801 bytes/);
	});

	it('names the 250 MB unzipped limit', () => {
		assert.equal(packageSizeProblem(1000, 262_144_000), undefined);
		assert.match(packageSizeProblem(1000, 262_144_001) ?? '', /^Lambda takes at most 250 MB \(262,144,000 bytes\) unzipped, layers included: this package is 262,144,001 bytes/);
	});
});

describe('isBinary', () => {
	it('treats NUL bytes and invalid UTF-8 as binary, and UTF-8 text as text', () => {
		assert.equal(isBinary(new Uint8Array([0, 1, 2])), true);
		assert.equal(isBinary(new Uint8Array([0xff, 0xfe, 0x41])), true);
		assert.equal(isBinary(strToU8('héllo, wörld ✓\n')), false);
		assert.equal(isBinary(new Uint8Array(0)), false);
	});
});

describe('imageFields', () => {
	it('lists the image and its configuration, the unset overrides as the image\'s own', () => {
		const fields = imageFields({
			kind: 'image',
			imageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:latest',
			resolvedImageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:abc',
			entryPoint: [],
			command: ['app.handler'],
			workingDirectory: '',
			imageConfigError: '',
		});
		assert.deepEqual(fields, [
			{label: 'Image URI', value: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:latest'},
			{label: 'Resolved image', value: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:abc'},
			{label: 'Entry point', value: "- (the image's own)"},
			{label: 'Command', value: '["app.handler"]'},
			{label: 'Working directory', value: "- (the image's own)"},
		]);
	});
});
