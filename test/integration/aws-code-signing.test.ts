// source/aws/code-signing.ts through the real @aws-sdk/client-lambda against
// the local Lambda: listing every page of the account's code signing
// configurations, creating and updating one, attaching it to a function (whose
// deployments are then checked against it) and detaching it, each mapped to
// plain values, and Lambda's errors as the console shows them.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {CreateFunctionCommand, UpdateFunctionCodeCommand} from '@aws-sdk/client-lambda';
import {createClients, type Clients} from '../../source/aws/clients.js';
import {
	attachCodeSigningConfig,
	createCodeSigningConfig,
	detachCodeSigningConfig,
	getCodeSigningConfig,
	getFunctionCodeSigningConfigArn,
	listCodeSigningConfigs,
	updateCodeSigningConfig,
} from '../../source/aws/code-signing.js';
import {waitUntilUpdated} from '../../source/aws/configuration.js';
import {describeAwsError, errorName} from '../../source/aws/errors.js';
import {zipFiles} from '../../source/domain/code-package.js';
import {signPackage} from '../../source/mock/signing/package-signature.js';
import {openSigningProfile, type SigningProfile} from '../../source/mock/signing/profiles.js';
import {localSession} from '../../source/session.js';
import {rejectsWith, role, startHarness, type Harness} from './harness.js';

const code = (value: string) => zipFiles({'index.mjs': `export const handler = async () => ${JSON.stringify(value)};\n`});

async function failure(promise: Promise<unknown>): Promise<unknown> {
	return promise.then(
		() => assert.fail('expected the call to fail'),
		(error: unknown) => error,
	);
}

describe('code signing through source/aws/code-signing.ts', () => {
	let harness: Harness;
	let clients: Clients;
	let trusted: SigningProfile;
	let other: SigningProfile;

	before(async () => {
		harness = await startHarness({transitionDelayMs: 50});
		clients = createClients(localSession(harness.server.endpoint, harness.dataDir, 'us-east-1', false));
		trusted = (await openSigningProfile(harness.dataDir, 'release_signer')).profile;
		other = (await openSigningProfile(harness.dataDir, 'other_signer')).profile;
	});
	after(async () => {
		clients.destroy();
		await harness.close();
	});

	it('creates a configuration and reads it back as plain values', async () => {
		const created = await createCodeSigningConfig(clients, {
			description: 'production',
			signingProfileVersionArns: [trusted.profileVersionArn],
			untrustedArtifactOnDeployment: 'Enforce',
		});
		assert.match(created.id, /^csc-[0-9a-f]{17}$/);
		assert.equal(created.arn, `arn:aws:lambda:us-east-1:123456789012:code-signing-config:${created.id}`);
		assert.equal(created.description, 'production');
		assert.deepEqual(created.signingProfileVersionArns, [trusted.profileVersionArn]);
		assert.equal(created.untrustedArtifactOnDeployment, 'Enforce');
		assert.ok(created.lastModified instanceof Date && !Number.isNaN(created.lastModified.getTime()));
		assert.deepEqual(await getCodeSigningConfig(clients, created.arn), created);
	});

	it('updates the description, the publishers and the policy together', async () => {
		const created = await createCodeSigningConfig(clients, {description: '', signingProfileVersionArns: [other.profileVersionArn], untrustedArtifactOnDeployment: 'Warn'});
		const updated = await updateCodeSigningConfig(clients, created.arn, {
			description: 'both signers',
			signingProfileVersionArns: [other.profileVersionArn, trusted.profileVersionArn],
			untrustedArtifactOnDeployment: 'Enforce',
		});
		assert.equal(updated.arn, created.arn);
		assert.equal(updated.description, 'both signers');
		assert.deepEqual(updated.signingProfileVersionArns, [other.profileVersionArn, trusted.profileVersionArn]);
		assert.equal(updated.untrustedArtifactOnDeployment, 'Enforce');
	});

	it('lists every configuration of the account, following NextMarker past the first page of 50', async () => {
		const before = (await listCodeSigningConfigs(clients)).length;
		const made: string[] = [];
		for (let index = 0; index < 52; index++) {
			// eslint-disable-next-line no-await-in-loop
			const created = await createCodeSigningConfig(clients, {description: `batch ${index}`, signingProfileVersionArns: [trusted.profileVersionArn], untrustedArtifactOnDeployment: 'Warn'});
			made.push(created.arn);
		}
		const listed = await listCodeSigningConfigs(clients);
		assert.equal(listed.length, before + 52);
		assert.deepEqual(listed.slice(before).map((config) => config.arn), made, 'oldest first, none missed between pages');
		assert.equal(listed.at(-1)?.description, 'batch 51');
	});

	it('attaches a configuration to a function, whose deployments are then checked against it, and detaches it', async () => {
		const name = 'signed-orders';
		await harness.lambda.send(
			new CreateFunctionCommand({FunctionName: name, Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: code('v1')}}),
		);
		await waitUntilUpdated(clients, name, 50);
		assert.equal(await getFunctionCodeSigningConfigArn(clients, name), undefined, 'none at first');

		const enforce = await createCodeSigningConfig(clients, {description: 'enforce', signingProfileVersionArns: [trusted.profileVersionArn], untrustedArtifactOnDeployment: 'Enforce'});
		await attachCodeSigningConfig(clients, name, enforce.arn);
		assert.equal(await getFunctionCodeSigningConfigArn(clients, name), enforce.arn);

		const unsigned = await failure(harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: name, ZipFile: code('v2')})));
		assert.equal(errorName(unsigned), 'CodeVerificationFailedException');
		const untrusted = await failure(harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: name, ZipFile: signPackage(code('v2'), other).zip})));
		assert.equal(errorName(untrusted), 'CodeVerificationFailedException', 'signed, but not by an allowed publisher');
		await harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: name, ZipFile: signPackage(code('v2'), trusted).zip}));
		await waitUntilUpdated(clients, name, 50);

		await detachCodeSigningConfig(clients, name);
		assert.equal(await getFunctionCodeSigningConfigArn(clients, name), undefined);
		await harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: name, ZipFile: code('v3')}));
		await waitUntilUpdated(clients, name, 50);
		await detachCodeSigningConfig(clients, name);
		assert.equal(await getFunctionCodeSigningConfigArn(clients, name), undefined, 'detaching twice is not an error, as in Lambda');
	});

	it("passes Lambda's errors on, with names and messages the console can show", async () => {
		const missing = 'arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-0123456789abcdef0';
		await rejectsWith(getCodeSigningConfig(clients, missing), 'ResourceNotFoundException', `The Lambda code signing configuration ${missing} can not be found.`);
		const notFound = await failure(attachCodeSigningConfig(clients, 'signed-orders', missing));
		assert.equal(errorName(notFound), 'CodeSigningConfigNotFoundException');
		assert.match(describeAwsError(notFound), /^CodeSigningConfigNotFoundException: The code signing configuration cannot be found\./);
		const invalid = await failure(createCodeSigningConfig(clients, {description: '', signingProfileVersionArns: ['not-an-arn'], untrustedArtifactOnDeployment: 'Warn'}));
		assert.equal(errorName(invalid), 'ValidationException');
		assert.match(describeAwsError(invalid), /allowedPublishers\.signingProfileVersionArns/);
		await rejectsWith(getFunctionCodeSigningConfigArn(clients, 'no-such-function'), 'ResourceNotFoundException', /no-such-function/);
	});
});
