// Code signing on the local Lambda through the real @aws-sdk/client-lambda:
// the CodeSigningConfig operations and their errors, a function's code signing
// configuration, and the check of every deployment, enforced for real with
// packages signed as local signing profiles (in-process, and once through the
// real `lambdash sign` binary): Enforce blocks unsigned, tampered, expired and
// untrusted packages with Lambda's exceptions, Warn lets them through with a
// warning, an integrity failure is blocked either way; all of it survives a
// restart.

import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {
	CreateCodeSigningConfigCommand,
	CreateFunctionCommand,
	DeleteCodeSigningConfigCommand,
	DeleteFunctionCodeSigningConfigCommand,
	GetCodeSigningConfigCommand,
	GetFunctionCodeSigningConfigCommand,
	GetFunctionCommand,
	GetFunctionConfigurationCommand,
	InvokeCommand,
	ListCodeSigningConfigsCommand,
	ListFunctionsByCodeSigningConfigCommand,
	PublishLayerVersionCommand,
	PublishVersionCommand,
	PutFunctionCodeSigningConfigCommand,
	UpdateCodeSigningConfigCommand,
	UpdateFunctionCodeCommand,
	UpdateFunctionConfigurationCommand,
	waitUntilFunctionActiveV2,
	waitUntilFunctionUpdatedV2,
	type CodeSigningPolicy,
} from '@aws-sdk/client-lambda';
import {strToU8, unzipSync, zipSync, type Zippable} from 'fflate';
import {signatureEntryName} from '../../source/domain/code-signature.js';
import {zipFiles} from '../../source/domain/code-package.js';
import {signPackage, type SignOptions} from '../../source/mock/signing/package-signature.js';
import {openSigningProfile, type SigningProfile} from '../../source/mock/signing/profiles.js';
import {cliPath} from '../support/pty-terminal.js';
import {rejectsWith, role, startHarness, type Harness} from './harness.js';

const arnPattern = /^arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-[0-9a-f]{17}$/;
const sha256 = (zip: Uint8Array): string => createHash('sha256').update(zip).digest('base64');
const handler = (value: string): Record<string, string> => ({'index.mjs': `export const handler = async () => ${JSON.stringify(value)};\n`});
const blocked = (name: string): string =>
	`Lambda cannot deploy the function. The function or layer might be signed using a signature that the client is not configured to accept. Check the provided signature for ${name}.`;

/** The package with one file's content replaced, its signature entry left as it was. */
function tamper(zip: Uint8Array, file: string, content: string): Uint8Array {
	const entries: Zippable = {};
	for (const [name, data] of Object.entries(unzipSync(zip))) entries[name] = name === file ? strToU8(content) : data;
	return zipSync(entries);
}

/** The package with its signature document edited. */
function editSignature(zip: Uint8Array, edit: (document: Record<string, unknown>) => void): Uint8Array {
	const entries: Zippable = {};
	for (const [name, data] of Object.entries(unzipSync(zip))) {
		if (name !== signatureEntryName) {
			entries[name] = data;
			continue;
		}
		const document = JSON.parse(new TextDecoder().decode(data)) as Record<string, unknown>;
		edit(document);
		entries[name] = strToU8(JSON.stringify(document));
	}
	return zipSync(entries);
}

/** What the local Lambda writes to standard error while `run` runs (it runs in this process). */
async function stderrOf<T>(run: () => Promise<T>): Promise<{result: T; text: string}> {
	const original = process.stderr.write;
	let text = '';
	process.stderr.write = (chunk: string | Uint8Array): boolean => {
		text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		return true;
	};
	try {
		const result = await run();
		return {result, text};
	} finally {
		process.stderr.write = original;
	}
}

function runCli(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise((resolve) => {
		execFile(process.execPath, [cliPath(), ...args], {timeout: 60_000}, (error, stdout, stderr) => {
			const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
			resolve({code, stdout, stderr});
		});
	});
}

describe('Lambda code signing through the SDK', () => {
	let harness: Harness;
	let dataDir: string;
	let trusted: SigningProfile;
	let other: SigningProfile;
	let enforceArn = '';
	let warnArn = '';

	const sign = (files: Record<string, string>, profile: SigningProfile, options: SignOptions = {}): Uint8Array =>
		signPackage(zipFiles(files), profile, options).zip;
	const createConfig = async (policy: CodeSigningPolicy, arns: string[], description?: string): Promise<string> => {
		const created = await harness.lambda.send(
			new CreateCodeSigningConfigCommand({
				AllowedPublishers: {SigningProfileVersionArns: arns},
				CodeSigningPolicies: {UntrustedArtifactOnDeployment: policy},
				Description: description,
			}),
		);
		return created.CodeSigningConfig?.CodeSigningConfigArn ?? '';
	};
	const create = (name: string, zip: Uint8Array, codeSigningConfigArn?: string, layers?: string[]) =>
		harness.lambda.send(
			new CreateFunctionCommand({
				FunctionName: name,
				Runtime: 'nodejs22.x',
				Role: role,
				Handler: 'index.handler',
				Code: {ZipFile: zip},
				CodeSigningConfigArn: codeSigningConfigArn,
				Layers: layers,
			}),
		);
	const waitActive = (name: string) =>
		waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	const waitUpdated = (name: string) =>
		waitUntilFunctionUpdatedV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	const absent = (name: string) =>
		rejectsWith(harness.lambda.send(new GetFunctionCommand({FunctionName: name})), 'ResourceNotFoundException', /Function not found/);

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-code-signing-'));
		harness = await startHarness({dataDir, transitionDelayMs: 50});
		trusted = (await openSigningProfile(dataDir, 'trusted_signer')).profile;
		other = (await openSigningProfile(dataDir, 'other_signer')).profile;
		enforceArn = await createConfig('Enforce', [trusted.profileVersionArn], 'production');
		warnArn = await createConfig('Warn', [trusted.profileVersionArn]);
	});
	after(async () => {
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('creates, reads, updates, lists and deletes code signing configurations as Lambda does', async () => {
		const created = await harness.lambda.send(
			new CreateCodeSigningConfigCommand({AllowedPublishers: {SigningProfileVersionArns: [other.profileVersionArn]}, Tags: {team: 'platform'}}),
		);
		assert.equal(created.$metadata.httpStatusCode, 201);
		const config = created.CodeSigningConfig;
		assert.ok(config !== undefined);
		assert.match(config.CodeSigningConfigArn ?? '', arnPattern);
		assert.equal(config.CodeSigningConfigArn, `arn:aws:lambda:us-east-1:123456789012:code-signing-config:${config.CodeSigningConfigId}`);
		assert.deepEqual(config.AllowedPublishers, {SigningProfileVersionArns: [other.profileVersionArn]});
		assert.deepEqual(config.CodeSigningPolicies, {UntrustedArtifactOnDeployment: 'Warn'}, 'Warn is the default');
		assert.equal(config.Description, '');
		assert.match(config.LastModified ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
		const arn = config.CodeSigningConfigArn ?? '';

		const read = await harness.lambda.send(new GetCodeSigningConfigCommand({CodeSigningConfigArn: arn}));
		assert.deepEqual(read.CodeSigningConfig, config);

		const updated = await harness.lambda.send(
			new UpdateCodeSigningConfigCommand({
				CodeSigningConfigArn: arn,
				CodeSigningPolicies: {UntrustedArtifactOnDeployment: 'Enforce'},
				AllowedPublishers: {SigningProfileVersionArns: [other.profileVersionArn, trusted.profileVersionArn]},
			}),
		);
		assert.equal(updated.CodeSigningConfig?.CodeSigningPolicies?.UntrustedArtifactOnDeployment, 'Enforce');
		assert.deepEqual(updated.CodeSigningConfig?.AllowedPublishers?.SigningProfileVersionArns, [other.profileVersionArn, trusted.profileVersionArn]);
		assert.equal(updated.CodeSigningConfig?.Description, '', 'what the update does not name stays');
		const described = await harness.lambda.send(new UpdateCodeSigningConfigCommand({CodeSigningConfigArn: arn, Description: 'shared'}));
		assert.equal(described.CodeSigningConfig?.Description, 'shared');
		assert.equal(described.CodeSigningConfig?.CodeSigningPolicies?.UntrustedArtifactOnDeployment, 'Enforce');

		const seen: string[] = [];
		let marker: string | undefined;
		do {
			const listed = await harness.lambda.send(new ListCodeSigningConfigsCommand({MaxItems: 2, Marker: marker}));
			assert.ok((listed.CodeSigningConfigs ?? []).length <= 2);
			for (const entry of listed.CodeSigningConfigs ?? []) seen.push(entry.CodeSigningConfigArn ?? '');
			marker = listed.NextMarker;
		} while (marker !== undefined);
		assert.deepEqual(seen.slice(0, 3), [enforceArn, warnArn, arn], 'oldest first, every page');

		const deleted = await harness.lambda.send(new DeleteCodeSigningConfigCommand({CodeSigningConfigArn: arn}));
		assert.equal(deleted.$metadata.httpStatusCode, 204);
		const gone = `The Lambda code signing configuration ${arn} can not be found.`;
		await rejectsWith(harness.lambda.send(new GetCodeSigningConfigCommand({CodeSigningConfigArn: arn})), 'ResourceNotFoundException', gone, 404);
		await rejectsWith(harness.lambda.send(new DeleteCodeSigningConfigCommand({CodeSigningConfigArn: arn})), 'ResourceNotFoundException', gone, 404);
		await rejectsWith(
			harness.lambda.send(new UpdateCodeSigningConfigCommand({CodeSigningConfigArn: arn, Description: 'x'})),
			'ResourceNotFoundException',
			gone,
			404,
		);
		await rejectsWith(
			harness.lambda.send(new ListFunctionsByCodeSigningConfigCommand({CodeSigningConfigArn: arn})),
			'ResourceNotFoundException',
			gone,
			404,
		);
	});

	it('checks a configuration as the model does', async () => {
		const member = "at 'allowedPublishers.signingProfileVersionArns' failed to satisfy constraint";
		await rejectsWith(
			harness.lambda.send(new CreateCodeSigningConfigCommand({AllowedPublishers: {SigningProfileVersionArns: []}})),
			'ValidationException',
			`1 validation error detected: Value '[]' ${member}: Member must have length greater than or equal to 1`,
			400,
		);
		const many = Array.from({length: 21}, (_, index) => `arn:aws:signer:us-east-1:123456789012:/signing-profiles/p${index}/AbCdEfGhIj`);
		await rejectsWith(
			harness.lambda.send(new CreateCodeSigningConfigCommand({AllowedPublishers: {SigningProfileVersionArns: many}})),
			'ValidationException',
			/Member must have length less than or equal to 20$/,
		);
		await rejectsWith(
			harness.lambda.send(new CreateCodeSigningConfigCommand({AllowedPublishers: {SigningProfileVersionArns: ['not-an-arn']}})),
			'ValidationException',
			`1 validation error detected: Value '[not-an-arn]' ${member}: Member must satisfy constraint: [Member must satisfy regular expression pattern: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)]`,
		);
		await rejectsWith(
			harness.lambda.send(
				new CreateCodeSigningConfigCommand({AllowedPublishers: {SigningProfileVersionArns: [trusted.profileVersionArn]}, Description: 'd'.repeat(257)}),
			),
			'ValidationException',
			/at 'description' failed to satisfy constraint: Member must have length less than or equal to 256$/,
		);
		// A policy the SDK's types do not allow, sent as the wire carries it.
		const response = await fetch(`${harness.server.endpoint}/2020-04-22/code-signing-configs`, {
			method: 'POST',
			headers: {'Content-Type': 'application/json'},
			body: JSON.stringify({
				AllowedPublishers: {SigningProfileVersionArns: [trusted.profileVersionArn]},
				CodeSigningPolicies: {UntrustedArtifactOnDeployment: 'Block'},
			}),
		});
		assert.equal(response.status, 400);
		assert.equal(response.headers.get('x-amzn-errortype'), 'ValidationException');
		assert.match(
			((await response.json()) as {message: string}).message,
			/Value 'Block' at 'codeSigningPolicies.untrustedArtifactOnDeployment' failed to satisfy constraint: Member must satisfy enum value set: \[Warn, Enforce\]/,
		);
		await rejectsWith(
			harness.lambda.send(new GetCodeSigningConfigCommand({CodeSigningConfigArn: 'arn:aws:lambda:us-east-1:123456789012:code-signing-config:nope'})),
			'ValidationException',
			/at 'codeSigningConfigArn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
		);
	});

	it('attaches and detaches a function\'s configuration, lists its functions, and refuses to delete one in use', async () => {
		await create('attach-me', zipFiles(handler('plain')));
		const none = await harness.lambda.send(new GetFunctionCodeSigningConfigCommand({FunctionName: 'attach-me'}));
		assert.equal(none.CodeSigningConfigArn, undefined);
		const missing = enforceArn.replace(/csc-[0-9a-f]{17}$/, 'csc-0123456789abcdef0');
		await rejectsWith(
			harness.lambda.send(new PutFunctionCodeSigningConfigCommand({FunctionName: 'attach-me', CodeSigningConfigArn: missing})),
			'CodeSigningConfigNotFoundException',
			`The code signing configuration cannot be found. Check that the provided configuration is not deleted: ${missing}.`,
			404,
		);
		await rejectsWith(
			harness.lambda.send(new PutFunctionCodeSigningConfigCommand({FunctionName: 'no-such-function', CodeSigningConfigArn: enforceArn})),
			'ResourceNotFoundException',
			'Function not found: arn:aws:lambda:us-east-1:123456789012:function:no-such-function',
			404,
		);
		const put = await harness.lambda.send(new PutFunctionCodeSigningConfigCommand({FunctionName: 'attach-me', CodeSigningConfigArn: enforceArn}));
		assert.deepEqual({arn: put.CodeSigningConfigArn, name: put.FunctionName}, {arn: enforceArn, name: 'attach-me'});
		const got = await harness.lambda.send(new GetFunctionCodeSigningConfigCommand({FunctionName: 'attach-me'}));
		assert.deepEqual({arn: got.CodeSigningConfigArn, name: got.FunctionName}, {arn: enforceArn, name: 'attach-me'});
		const using = await harness.lambda.send(new ListFunctionsByCodeSigningConfigCommand({CodeSigningConfigArn: enforceArn}));
		assert.ok(using.FunctionArns?.includes('arn:aws:lambda:us-east-1:123456789012:function:attach-me'));

		const spare = await createConfig('Warn', [other.profileVersionArn]);
		await harness.lambda.send(new PutFunctionCodeSigningConfigCommand({FunctionName: 'attach-me', CodeSigningConfigArn: spare}));
		await rejectsWith(
			harness.lambda.send(new DeleteCodeSigningConfigCommand({CodeSigningConfigArn: spare})),
			'ResourceConflictException',
			/^The code signing configuration .* cannot be deleted because it is used by the following functions: \[attach-me\]/,
			409,
		);
		const detached = await harness.lambda.send(new DeleteFunctionCodeSigningConfigCommand({FunctionName: 'attach-me'}));
		assert.equal(detached.$metadata.httpStatusCode, 204);
		assert.equal((await harness.lambda.send(new GetFunctionCodeSigningConfigCommand({FunctionName: 'attach-me'}))).CodeSigningConfigArn, undefined);
		assert.deepEqual((await harness.lambda.send(new ListFunctionsByCodeSigningConfigCommand({CodeSigningConfigArn: spare}))).FunctionArns, []);
		await harness.lambda.send(new DeleteCodeSigningConfigCommand({CodeSigningConfigArn: spare}));
		const again = await harness.lambda.send(new DeleteFunctionCodeSigningConfigCommand({FunctionName: 'attach-me'}));
		assert.equal(again.$metadata.httpStatusCode, 204, 'nothing to detach is fine');
	});

	it('deploys a package signed by an allowed publisher under Enforce, shows its signer and runs it', async () => {
		const zip = sign(handler('signed'), trusted);
		const created = await create('signed-fn', zip, enforceArn);
		assert.equal(created.SigningProfileVersionArn, trusted.profileVersionArn);
		assert.match(created.SigningJobArn ?? '', /^arn:aws:signer:us-east-1:123456789012:\/signing-jobs\/[0-9a-f-]{36}$/);
		assert.equal(created.CodeSha256, sha256(zip), 'CodeSha256 is over the package as uploaded, signature included');
		await waitActive('signed-fn');
		const configuration = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'signed-fn'}));
		assert.equal(configuration.SigningJobArn, created.SigningJobArn);
		assert.equal((await harness.lambda.send(new GetFunctionCodeSigningConfigCommand({FunctionName: 'signed-fn'}))).CodeSigningConfigArn, enforceArn);
		const invoked = await harness.lambda.send(new InvokeCommand({FunctionName: 'signed-fn'}));
		assert.equal(invoked.FunctionError, undefined);
		assert.equal(new TextDecoder().decode(invoked.Payload), '"signed"');
	});

	it('blocks unsigned, tampered, expired and untrusted packages under Enforce with Lambda\'s exceptions', async () => {
		const {text} = await stderrOf(async () => {
			await rejectsWith(create('unsigned-fn', zipFiles(handler('x')), enforceArn), 'CodeVerificationFailedException', blocked('unsigned-fn'), 400);
			await rejectsWith(
				create('tampered-fn', tamper(sign(handler('x'), trusted), 'index.mjs', 'export const handler = async () => "evil";\n'), enforceArn),
				'InvalidCodeSignatureException',
				/^Lambda cannot deploy the function\. The code signature failed the integrity check \(the package was changed after it was signed\)\./,
				400,
			);
			const added = (() => {
				const entries: Zippable = {};
				for (const [name, data] of Object.entries(unzipSync(sign(handler('x'), trusted)))) entries[name] = data;
				entries['extra.mjs'] = strToU8('export const extra = 1;\n');
				return zipSync(entries);
			})();
			await rejectsWith(create('added-fn', added, enforceArn), 'InvalidCodeSignatureException', /the package was changed after it was signed/);
			const forged = editSignature(sign(handler('x'), trusted), (document) => {
				document['expiresAt'] = '2999-01-01T00:00:00.000Z';
			});
			await rejectsWith(create('forged-fn', forged, enforceArn), 'InvalidCodeSignatureException', /the signature does not match its signing profile key/);
			const expired = sign(handler('x'), trusted, {now: new Date(Date.now() - 10 * 86_400_000), validityDays: 1});
			await rejectsWith(create('expired-fn', expired, enforceArn), 'CodeVerificationFailedException', blocked('expired-fn'), 400);
			await rejectsWith(create('untrusted-fn', sign(handler('x'), other), enforceArn), 'CodeVerificationFailedException', blocked('untrusted-fn'), 400);
		});
		for (const name of ['unsigned-fn', 'tampered-fn', 'added-fn', 'forged-fn', 'expired-fn', 'untrusted-fn']) await absent(name);
		assert.match(text, new RegExp(`unsigned-fn: deployment blocked by ${enforceArn} \\(Enforce\\): the package is not signed`));
		assert.match(text, /expired-fn: deployment blocked .*: its signature expired at/);
		assert.match(text, /untrusted-fn: deployment blocked .*: it is signed by .*other_signer.*not an allowed publisher/);
		assert.match(text, /tampered-fn: deployment blocked: the signature failed the integrity check/);
	});

	it('lets unsigned, expired and untrusted packages through under Warn with a warning, but never a tampered one', async () => {
		const {result, text} = await stderrOf(async () => {
			await create('warn-unsigned', zipFiles(handler('u')), warnArn);
			await create('warn-expired', sign(handler('e'), trusted, {now: new Date(Date.now() - 3 * 86_400_000), validityDays: 1}), warnArn);
			const untrusted = await create('warn-untrusted', sign(handler('t'), other), warnArn);
			await rejectsWith(
				create('warn-tampered', tamper(sign(handler('x'), trusted), 'index.mjs', 'changed'), warnArn),
				'InvalidCodeSignatureException',
				/the package was changed after it was signed/,
			);
			return untrusted;
		});
		assert.equal(result.SigningProfileVersionArn, other.profileVersionArn, 'the signer is shown even when it is not trusted');
		const warning = (name: string, reason: string): RegExp =>
			new RegExp(`local Lambda: code signing: ${name}: warning: ${reason}; deployed anyway because ${warnArn} is set to Warn`);
		assert.match(text, warning('warn-unsigned', 'the package is not signed'));
		assert.match(text, warning('warn-expired', 'its signature expired at \\S+'));
		assert.match(text, warning('warn-untrusted', 'it is signed by \\S+ \\(signing profile other_signer\\), not an allowed publisher of \\S+'));
		await absent('warn-tampered');
		const unsigned = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'warn-unsigned'}));
		assert.equal(unsigned.SigningProfileVersionArn, undefined);
	});

	it('refuses CreateFunction with a code signing configuration that does not exist', async () => {
		const missing = enforceArn.replace(/csc-[0-9a-f]{17}$/, 'csc-00000000000000000');
		await rejectsWith(
			create('no-config-fn', sign(handler('x'), trusted), missing),
			'CodeSigningConfigNotFoundException',
			`The code signing configuration cannot be found. Check that the provided configuration is not deleted: ${missing}.`,
			404,
		);
		await absent('no-config-fn');
	});

	it('checks UpdateFunctionCode against the function\'s configuration', async () => {
		const first = sign(handler('one'), trusted);
		const created = await create('update-fn', first, enforceArn);
		await waitActive('update-fn');
		const {text} = await stderrOf(async () => {
			await rejectsWith(
				harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'update-fn', ZipFile: zipFiles(handler('two'))})),
				'CodeVerificationFailedException',
				blocked('update-fn'),
			);
			await rejectsWith(
				harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'update-fn', ZipFile: tamper(sign(handler('two'), trusted), 'index.mjs', '')})),
				'InvalidCodeSignatureException',
				/integrity check/,
			);
			await rejectsWith(
				harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'update-fn', ZipFile: sign(handler('two'), other)})),
				'CodeVerificationFailedException',
				blocked('update-fn'),
			);
		});
		assert.match(text, /update-fn: deployment blocked/);
		const unchanged = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'update-fn'}));
		assert.equal(unchanged.CodeSha256, sha256(first), 'a blocked update leaves the code as it was');
		const second = sign(handler('two'), trusted);
		const updated = await harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'update-fn', ZipFile: second}));
		assert.equal(updated.CodeSha256, sha256(second));
		assert.equal(updated.SigningProfileVersionArn, trusted.profileVersionArn);
		assert.notEqual(updated.SigningJobArn, created.SigningJobArn, 'a new signing job');
		await waitUpdated('update-fn');
		const invoked = await harness.lambda.send(new InvokeCommand({FunctionName: 'update-fn'}));
		assert.equal(new TextDecoder().decode(invoked.Payload), '"two"');
		const version = await harness.lambda.send(new PublishVersionCommand({FunctionName: 'update-fn'}));
		assert.equal(version.SigningJobArn, updated.SigningJobArn, 'a version keeps the signer of its code');
		// Detached, the function takes any code again, and shows no signer.
		await harness.lambda.send(new DeleteFunctionCodeSigningConfigCommand({FunctionName: 'update-fn'}));
		const free = await harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'update-fn', ZipFile: zipFiles(handler('three'))}));
		assert.equal(free.SigningProfileVersionArn, undefined);
		await waitUpdated('update-fn');
		const published = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'update-fn', Qualifier: version.Version}));
		assert.equal(published.SigningJobArn, updated.SigningJobArn);
	});

	it('checks the layers of a function that has a configuration', async () => {
		const unsignedLayer = await harness.lambda.send(
			new PublishLayerVersionCommand({LayerName: 'unsigned-layer', Content: {ZipFile: zipFiles({'nodejs/u.mjs': 'export default 1;\n'})}}),
		);
		const signedLayer = await harness.lambda.send(
			new PublishLayerVersionCommand({LayerName: 'signed-layer', Content: {ZipFile: sign({'nodejs/s.mjs': 'export default 2;\n'}, trusted)}}),
		);
		const unsignedArn = unsignedLayer.LayerVersionArn ?? '';
		const signedArn = signedLayer.LayerVersionArn ?? '';
		await stderrOf(async () => {
			await rejectsWith(
				create('layered-fn', sign(handler('l'), trusted), enforceArn, [unsignedArn]),
				'CodeVerificationFailedException',
				blocked(unsignedArn),
			);
		});
		await absent('layered-fn');
		await create('layered-fn', sign(handler('l'), trusted), enforceArn, [signedArn]);
		await waitActive('layered-fn');
		await stderrOf(async () => {
			await rejectsWith(
				harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'layered-fn', Layers: [signedArn, unsignedArn]})),
				'CodeVerificationFailedException',
				blocked(unsignedArn),
			);
		});
		const configuration = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'layered-fn'}));
		assert.deepEqual(configuration.Layers?.map((layer) => layer.Arn), [signedArn]);
	});

	it('signs with the real `lambdash sign`, whose package the local Lambda accepts under Enforce', async () => {
		const input = join(dataDir, 'cli-input.zip');
		await writeFile(input, zipFiles(handler('cli')));
		const first = await runCli(['sign', input, '--signing-profile', 'cli_signer', '--data-dir', dataDir, '--validity-days', '30']);
		assert.equal(first.code, 0, first.stderr);
		assert.match(first.stdout, /^Created the signing profile cli_signer/m);
		const arn = /^Signing profile version ARN: (\S+)$/m.exec(first.stdout)?.[1] ?? '';
		const out = /^Signed package: (.+)$/m.exec(first.stdout)?.[1] ?? '';
		assert.match(arn, /^arn:aws:signer:us-east-1:123456789012:\/signing-profiles\/cli_signer\/[a-zA-Z0-9]{10}$/);
		assert.equal(out, join(dataDir, 'cli-input-signed.zip'));
		const validUntil = Date.parse(/^Valid until: (\S+)$/m.exec(first.stdout)?.[1] ?? '');
		assert.ok(Math.abs(validUntil - (Date.now() + 30 * 86_400_000)) < 3_600_000, 'valid for 30 days');

		const config = await createConfig('Enforce', [arn]);
		const created = await create('cli-signed-fn', await readFile(out), config);
		assert.equal(created.SigningProfileVersionArn, arn);

		const second = await runCli(['sign', input, '--signing-profile', 'cli_signer', '--data-dir', dataDir, '--out', join(dataDir, 'again.zip')]);
		assert.equal(second.code, 0, second.stderr);
		assert.doesNotMatch(second.stdout, /Created the signing profile/);
		assert.equal(/^Signing profile version ARN: (\S+)$/m.exec(second.stdout)?.[1], arn, 'the profile is reused');

		const resigned = await runCli(['sign', out, '--signing-profile', 'cli_signer', '--data-dir', dataDir]);
		assert.equal(resigned.code, 1);
		assert.match(resigned.stderr, /cannot sign .*: the package is already signed/);
		const usage = await runCli(['sign', input, '--data-dir', dataDir]);
		assert.equal(usage.code, 2);
		assert.match(usage.stderr, /sign needs --signing-profile NAME/);
	});

	it('keeps configurations and attachments across a restart, and still enforces them', async () => {
		await harness.close();
		harness = await startHarness({dataDir, transitionDelayMs: 50});
		const read = await harness.lambda.send(new GetCodeSigningConfigCommand({CodeSigningConfigArn: enforceArn}));
		assert.equal(read.CodeSigningConfig?.Description, 'production');
		assert.equal(read.CodeSigningConfig?.CodeSigningPolicies?.UntrustedArtifactOnDeployment, 'Enforce');
		const attached = await harness.lambda.send(new GetFunctionCodeSigningConfigCommand({FunctionName: 'signed-fn'}));
		assert.equal(attached.CodeSigningConfigArn, enforceArn);
		const configuration = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'signed-fn'}));
		assert.equal(configuration.SigningProfileVersionArn, trusted.profileVersionArn);
		await stderrOf(async () => {
			await rejectsWith(
				harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'signed-fn', ZipFile: zipFiles(handler('nope'))})),
				'CodeVerificationFailedException',
				blocked('signed-fn'),
			);
		});
		const accepted = await harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'signed-fn', ZipFile: sign(handler('again'), trusted)}));
		assert.equal(accepted.SigningProfileVersionArn, trusted.profileVersionArn);
		const listed = await harness.lambda.send(new ListCodeSigningConfigsCommand({}));
		assert.ok(listed.CodeSigningConfigs?.some((config) => config.CodeSigningConfigArn === warnArn));
	});
});
