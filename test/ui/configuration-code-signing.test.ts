// The Configuration tab's Code signing section in an 80x24 terminal, against
// the local Lambda (which enforces code signing for real): creating a
// configuration (a bad publisher refused with the ARN's form named and the
// input kept), attaching it, a deployment of unsigned code refused by Lambda,
// editing it, detaching it after a question, and read-only mode.
import assert from 'node:assert/strict';
import {before, describe, test} from 'node:test';
import {
	GetCodeSigningConfigCommand,
	GetFunctionCodeSigningConfigCommand,
	ListCodeSigningConfigsCommand,
	UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import {errorName} from '../../source/aws/errors.js';
import {zipFiles} from '../../source/domain/code-package.js';
import {openSigningProfile, type SigningProfile} from '../../source/mock/signing/profiles.js';
import {localLambdaForSuite, openSection} from '../support/configuration-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

describe('the Code signing section in an 80x24 terminal', () => {
	const local = localLambdaForSuite();
	let profile: SigningProfile;
	before(async () => {
		profile = (await openSigningProfile(local().dataDir, 'release_signer')).profile;
	});

	const attachedArn = async (name: string) =>
		(await local().clients.lambda.send(new GetFunctionCodeSigningConfigCommand({FunctionName: name}))).CodeSigningConfigArn;

	test('creates a configuration, attaches it, sees an unsigned deployment refused, edits it and detaches it', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'web-app-node', 'Code signing', {listTimeoutMs: 10_000});
		await ui.waitForText('none: deployments are not checked');
		assert.match(ui.screen(), /Configurations in us-east-1 \(0\)/);
		await ui.press('e');
		await ui.waitForText('No code signing configurations in us-east-1 yet: a creates one.');

		await ui.press('a');
		await ui.waitForText('Create a code signing configuration');
		const withoutVersion = profile.profileVersionArn.slice(0, profile.profileVersionArn.lastIndexOf('/'));
		await ui.press('release builds', keys.tab, withoutVersion, keys.tab, ' ', keys.enter);
		await ui.waitForText('ARN 1: not arn:aws:signer:REGION:ACCOUNT:/signing-profiles/NAME/VERSION');
		assert.match(ui.screen(), /Publishers +.*:123456789012:\/signing-profiles\/release_signer /, 'what was typed is still there');
		assert.match(ui.screen(), /Untrusted code +‹ Enforce ›/);
		const listed = await local().clients.lambda.send(new ListCodeSigningConfigsCommand({}));
		assert.deepEqual(listed.CodeSigningConfigs ?? [], [], 'nothing was sent');

		await ui.press(`/${profile.profileVersion}`, keys.enter);
		await ui.waitForText('Saved a new code signing configuration (Enforce) for web-app-node.', 10_000);
		await ui.waitForText(/Configurations in us-east-1 \(1\)/);
		const [created] = (await local().clients.lambda.send(new ListCodeSigningConfigsCommand({}))).CodeSigningConfigs ?? [];
		assert.ok(created?.CodeSigningConfigArn !== undefined && created.CodeSigningConfigId !== undefined);
		assert.equal(created.Description, 'release builds');
		assert.deepEqual(created.AllowedPublishers?.SigningProfileVersionArns, [profile.profileVersionArn]);
		assert.equal(created.CodeSigningPolicies?.UntrustedArtifactOnDeployment, 'Enforce');
		const id = created.CodeSigningConfigId;
		assert.match(ui.screen(), new RegExp(`${id} +Enforce +release builds`));

		// e picks the configuration to attach.
		await ui.press('e');
		await ui.waitForText('Code signing configuration of web-app-node');
		await ui.press(keys.enter);
		await ui.waitForText(`Saved code signing configuration ${id} for web-app-node.`, 10_000);
		await ui.waitForText(new RegExp(`Attached +${id}`));
		const screen = ui.screen();
		assert.match(screen, /Description +release builds/);
		assert.match(screen, /Untrusted code +Enforce: untrusted code is refused/);
		assert.match(screen, new RegExp(`Publishers +release_signer/${profile.profileVersion}\n`), 'the account and region are the function\'s');
		assert.match(screen, new RegExp(`ARN +arn:aws:lambda:us-east-1:123456789012:\n.* {10}code-signing-config:${id}\n`));
		assert.match(screen, new RegExp(`\\* ${id}`), 'marked as attached in the list');
		assert.equal(await attachedArn('web-app-node'), created.CodeSigningConfigArn);

		// Lambda now refuses unsigned code for this function.
		const deploy = local().clients.lambda.send(
			new UpdateFunctionCodeCommand({FunctionName: 'web-app-node', ZipFile: zipFiles({'index.mjs': 'export const handler = async () => "unsigned";\n'})}),
		);
		await assert.rejects(deploy, (error: unknown) => errorName(error) === 'CodeVerificationFailedException');

		// Inside the list, e edits the configuration under the cursor.
		await ui.press(keys.enter, 'e');
		await ui.waitForText(`Edit code signing configuration ${id}`);
		assert.match(ui.screen(), /Description +release builds/);
		await ui.press(keys.tab, keys.tab, ' ', keys.enter);
		await ui.waitForText(`Saved code signing configuration ${id} for web-app-node.`, 10_000);
		await ui.waitForText(/Untrusted code +Warn: untrusted code deploys, with a warning\n/);
		const edited = await local().clients.lambda.send(new GetCodeSigningConfigCommand({CodeSigningConfigArn: created.CodeSigningConfigArn}));
		assert.equal(edited.CodeSigningConfig?.CodeSigningPolicies?.UntrustedArtifactOnDeployment, 'Warn');
		assert.equal(edited.CodeSigningConfig?.Description, 'release builds', 'what was not changed stays');

		// d asks first: no keeps it, yes detaches it.
		await ui.press('d');
		await ui.waitForText(`Detach ${id} from web-app-node?`);
		await ui.press('n');
		await ui.waitForNoText(`Detach ${id}`);
		assert.equal(await attachedArn('web-app-node'), created.CodeSigningConfigArn, 'no: still attached');
		await ui.press('d');
		await ui.waitForText(`Detach ${id} from web-app-node?`);
		await ui.press('y');
		await ui.waitForText('Saved detaching the code signing configuration for web-app-node.', 10_000);
		await ui.waitForText('none: deployments are not checked');
		assert.equal(await attachedArn('web-app-node'), undefined);
		await ui.quit();
	});

	test('read-only mode: attaching, creating and detaching are refused before any form opens', async () => {
		const ui = UiTerminal.start(local().readOnlySession);
		await openSection(ui, 'web-app-python', 'Code signing', {listTimeoutMs: 10_000});
		await ui.waitForText(/Configurations in us-east-1 \(\d+\)/);
		await ui.press('e');
		await ui.waitForText('Read-only mode: changes are off');
		assert.ok(!ui.screen().includes('Code signing configuration of web-app-python'));
		await ui.press('a');
		assert.ok(!ui.screen().includes('Create a code signing configuration'));
		await ui.press('d');
		assert.ok(!ui.screen().includes('Detach'));
		await ui.quit();
	});
});
