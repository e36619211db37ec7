// The Code tab's AWS side against the local Lambda: Code.Location downloaded
// and checked against CodeSha256, kept in the cache and read from it; an
// unreachable or refused link explained with what to do next; and the
// refusals of UpdateFunctionCode in words a person can act on.
import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {codeCacheDirectory, codeSha256Of, describeCodeUpdateError, downloadPackage, getFunctionCode, type ZipCode} from '../../source/aws/code.js';
import {openPackage} from '../../source/domain/code-package.js';
import {startTestLambda, type TestLambda} from '../support/local-lambda.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address !== null ? address.port : 0;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describe('a function\'s code through the AWS layer', () => {
	let local: TestLambda;
	before(async () => {
		local = await startTestLambda();
	});
	after(async () => {
		await local.stop();
	});

	test('downloads the package from Code.Location, checks it against CodeSha256 and keeps it in the cache', async () => {
		const code = await getFunctionCode(local.clients, 'web-app-node');
		assert.equal(code.kind, 'zip');
		const zipCode = code as ZipCode;
		assert.match(zipCode.location, /^http:\/\/127\.0\.0\.1:\d+\//);
		const cache = mkdtempSync(join(tmpdir(), 'lambdash-cache-test-'));
		const zip = await downloadPackage(zipCode, cache);
		assert.equal(codeSha256Of(zip), zipCode.codeSha256);
		assert.ok(openPackage(zip).files.some((file) => file.path === 'index.mjs'));
		assert.equal(readdirSync(cache).length, 1);
		// From the cache: the link is not needed any more.
		const again = await downloadPackage({...zipCode, location: 'http://127.0.0.1:1/gone.zip'}, cache);
		assert.equal(codeSha256Of(again), zipCode.codeSha256);
		// A cached file that does not match its name is not used.
		writeFileSync(join(cache, readdirSync(cache)[0]!), 'tampered');
		await assert.rejects(downloadPackage({...zipCode, location: 'http://127.0.0.1:1/gone.zip'}, cache), /Could not download the deployment package/);
	});

	test('an unreachable or refused Code.Location says what to do next', async () => {
		const cache = mkdtempSync(join(tmpdir(), 'lambdash-cache-test-'));
		const code = (await getFunctionCode(local.clients, 'web-app-python')) as ZipCode;
		const port = await closedPort();
		await assert.rejects(
			downloadPackage({...code, location: `http://127.0.0.1:${port}/package.zip`}, cache),
			new RegExp(`^Error: Could not download the deployment package from 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)\\. Check the network, then press r to retry\\.$`),
		);
		await assert.rejects(downloadPackage({...code, location: `${local.lambda.endpoint}/lambdash-local/code/${'0'.repeat(64)}.zip`}, cache), /answered 404 .*press r for a fresh one/);
		await assert.rejects(downloadPackage({...code, location: ''}, cache), /gave no link to the deployment package/);
		assert.deepEqual(readdirSync(cache), [], 'nothing is cached from a failed download');
	});

	test('the refusals of UpdateFunctionCode say what to do next', () => {
		const refusal = (name: string, message: string): Error => Object.assign(new Error(message), {name});
		assert.match(describeCodeUpdateError(refusal('CodeStorageExceededException', 'Code storage limit exceeded.'), undefined), /code storage for this region is full .*Delete function versions and layer versions/);
		assert.match(describeCodeUpdateError(refusal('RequestTooLargeException', 'Request must be smaller than 70167211 bytes'), undefined), /50 MB zipped and 250 MB unzipped/);
		assert.match(describeCodeUpdateError(refusal('CodeVerificationFailedException', 'bad signature'), undefined), /not signed as the function's code signing configuration requires/);
		assert.match(describeCodeUpdateError(refusal('ResourceConflictException', 'An update is in progress'), undefined), /wait a few seconds and try again/);
	});

	test('the cache lives beside the settings when there is a settings directory', () => {
		assert.equal(codeCacheDirectory('/home/me/.config/lambdash'), '/home/me/.config/lambdash/code-cache');
		assert.ok(codeCacheDirectory(undefined).startsWith(join(tmpdir(), 'lambdash-code-cache-')));
	});
});
