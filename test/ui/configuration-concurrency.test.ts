// The Configuration tab's Concurrency section in an 80x24 terminal, against
// the local Lambda: the reservation and the account's pool read; a
// reservation above what the account allows refused with the range named and
// the input kept; 50 reserved and seen in the function list's RESERVED column;
// "use unreserved"; provisioned concurrency added on a published version and
// watched from IN_PROGRESS to READY (its environments warm: no Init Duration);
// delete asks first; read-only mode refuses every change.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {
	CreateFunctionCommand,
	GetFunctionConcurrencyCommand,
	InvokeCommand,
	ListProvisionedConcurrencyConfigsCommand,
	PublishVersionCommand,
	waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import {zipFiles} from '../../source/domain/code-package.js';
import {localLambdaForSuite, openSection} from '../support/configuration-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

const clearLine = '\u0015';

describe('the Concurrency section in an 80x24 terminal', () => {
	const local = localLambdaForSuite();
	const scratch = mkdtempSync(join(tmpdir(), 'lambdash-concurrency-ui-'));
	const gate = join(scratch, 'gate');

	before(async () => {
		// A function whose init waits for a file: its allocation stays IN_PROGRESS until the test opens the gate.
		await local().clients.lambda.send(
			new CreateFunctionCommand({
				FunctionName: 'slow-warm',
				Runtime: 'nodejs22.x',
				Role: 'arn:aws:iam::123456789012:role/test-role',
				Handler: 'index.handler',
				Environment: {Variables: {GATE: gate}},
				Code: {
					ZipFile: zipFiles({
						'index.mjs':
							"import {existsSync} from 'node:fs';\nwhile (!existsSync(process.env.GATE)) await new Promise((resolve) => setTimeout(resolve, 20));\nexport const handler = async () => process.env.AWS_LAMBDA_INITIALIZATION_TYPE;\n",
					}),
				},
			}),
		);
		await waitUntilFunctionActiveV2({client: local().clients.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'slow-warm'});
		await local().clients.lambda.send(new PublishVersionCommand({FunctionName: 'slow-warm'}));
	});
	after(() => {
		rmSync(scratch, {recursive: true, force: true});
	});

	const reservation = async (name: string) =>
		(await local().clients.lambda.send(new GetFunctionConcurrencyCommand({FunctionName: name}))).ReservedConcurrentExecutions;

	test('reads the reservation and the account; refuses more than the account allows, keeping the input; reserves 50; then uses unreserved', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'web-app-node', 'Concurrency', {paneText: 'Provisioned concurrency ('});
		await ui.waitForText(/Reserved +unreserved: uses the account's pool/);
		await ui.waitForText(/Account +limit 1000 · unreserved 1000/);
		assert.match(ui.screen(), /Lambda keeps 100 unreserved: reserve at most 900 here\./);
		assert.match(ui.screen(), /None: invocations start cold/);

		await ui.press('e');
		await ui.waitForText('Edit concurrency: web-app-node');
		assert.match(ui.screen(), /Concurrency +‹ Use unreserved concurrency ›/);
		await ui.press(keys.right);
		await ui.waitForText('‹ Reserve concurrency ›');
		await ui.press(keys.tab, '9', '5', '0', keys.enter);
		await ui.waitForText('A whole number from 0 to 900: the account keeps 100 unreserved');
		assert.match(ui.screen(), /Reserved +950/, 'what was typed is still there');
		assert.equal(await reservation('web-app-node'), undefined, 'nothing was sent');

		ui.type(clearLine);
		await ui.press('5', '0', keys.enter);
		await ui.waitForText('Saved reserved concurrency 50 for web-app-node.', 10_000);
		await ui.waitForText(/Reserved +50: at most 50 run at once/);
		await ui.waitForText(/Account +limit 1000 · unreserved 950/);
		assert.match(ui.screen(), /reserve at most 900 here/, 'its own reservation still counts towards what it may reserve');
		assert.equal(await reservation('web-app-node'), 50);

		await ui.press(keys.escape);
		await ui.waitForText(/web-app-node .* 50 *$/m);

		await ui.press(keys.enter);
		await ui.waitForText('5 Configuration');
		await ui.press('5');
		const sectionRow = (): number => ui.screen().split('\n').findIndex((line) => line.startsWith(' Concurrency'));
		while (!ui.cell(sectionRow(), 1).inverse) await ui.press('j');
		await ui.press('e');
		await ui.waitForText('‹ Reserve concurrency ›');
		assert.match(ui.screen(), /Reserved +50/, 'the form starts from the reservation');
		await ui.press(keys.left, keys.enter);
		await ui.waitForText('Saved unreserved concurrency for web-app-node.', 10_000);
		await ui.waitForText(/Reserved +unreserved: uses the account's pool/);
		await ui.waitForText(/unreserved 1000/);
		assert.equal(await reservation('web-app-node'), undefined);
		await ui.press(keys.escape);
		await ui.waitFor((screen) => /web-app-node .* - *$/m.test(screen), 'the RESERVED column to say no reservation');
		await ui.quit();
	});

	test('adds provisioned concurrency on a published version, watched from IN_PROGRESS to READY; delete asks first', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'slow-warm', 'Concurrency', {paneText: 'Provisioned concurrency ('});
		await ui.waitForText('None: invocations start cold');

		await ui.press('a');
		await ui.waitForText('Add provisioned concurrency: slow-warm');
		assert.match(ui.screen(), /Version or alias +‹ version 1 ›/);
		await ui.press(keys.tab, '9', '5', '0', keys.enter);
		await ui.waitForText('A whole number from 1 to 900: the account keeps 100 unreserved');
		assert.match(ui.screen(), /Provisioned +950/, 'what was typed is still there');
		ui.type(clearLine);
		await ui.press('2', keys.enter);
		await ui.waitForText('Saved provisioned concurrency 2 on 1 for slow-warm.', 10_000);
		await ui.waitForText(/ 1 +2 +\d +0 +IN_PROGRESS/, 10_000);
		assert.match(ui.screen(), /Qualifier +Requested +Allocated +Available +Status/);

		writeFileSync(gate, 'open');
		await ui.waitForText(/ 1 +2 +2 +2 +READY/, 15_000);
		await ui.waitForText('slow-warm:1 is READY: 2 environments initialised and warm.');

		// Its environments are warm: the first invocation runs in one of them, without an init.
		const output = await local().clients.lambda.send(new InvokeCommand({FunctionName: 'slow-warm', Qualifier: '1', LogType: 'Tail'}));
		assert.equal(Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8'), '"provisioned-concurrency"');
		const tail = Buffer.from(output.LogResult ?? '', 'base64').toString('utf8');
		assert.match(tail, /REPORT RequestId: /);
		assert.doesNotMatch(tail, /Init Duration/);

		// A count above what is allowed is refused in the edit form too.
		await ui.press(keys.enter, 'e');
		await ui.waitForText('Provisioned concurrency of slow-warm:1');
		ui.type(clearLine);
		await ui.press('0', keys.enter);
		await ui.waitForText('A whole number from 1 to 900');
		await ui.press(keys.escape);
		await ui.waitForNoText('Provisioned concurrency of slow-warm:1');

		await ui.press('d');
		await ui.waitForText('Delete the provisioned concurrency of slow-warm:1?');
		await ui.press('n');
		await ui.waitForText('Nothing changed.');
		const kept = await local().clients.lambda.send(new ListProvisionedConcurrencyConfigsCommand({FunctionName: 'slow-warm'}));
		assert.equal(kept.ProvisionedConcurrencyConfigs?.length, 1, 'n keeps it');

		await ui.press('d');
		await ui.waitForText('Delete the provisioned concurrency of slow-warm:1?');
		await ui.press('y');
		await ui.waitForText('Saved removal of provisioned concurrency on 1 for slow-warm.', 10_000);
		await ui.waitForText('None: invocations start cold');
		const gone = await local().clients.lambda.send(new ListProvisionedConcurrencyConfigsCommand({FunctionName: 'slow-warm'}));
		assert.deepEqual(gone.ProvisionedConcurrencyConfigs, []);
		await ui.quit();
	});

	test('a function without a published version: a says to publish one first', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'iot-backend-node', 'Concurrency', {paneText: 'Provisioned concurrency ('});
		await ui.press('a');
		await ui.waitForText('iot-backend-node has no published version to provision: publish one first.');
		assert.ok(!ui.screen().includes('Add provisioned concurrency'));
		await ui.quit();
	});

	test('read-only mode: the reservation and provisioned concurrency are shown, every change refused', async () => {
		const ui = UiTerminal.start(local().readOnlySession);
		await openSection(ui, 'web-app-python', 'Concurrency', {paneText: 'Provisioned concurrency ('});
		await ui.waitForText(/Account +limit 1000/);
		await ui.press('e');
		await ui.waitForText('Read-only mode: changes are off');
		assert.ok(!ui.screen().includes('Edit concurrency'));
		await ui.press('a');
		assert.ok(!ui.screen().includes('Add provisioned concurrency'));
		assert.ok(!ui.screen().includes('Reading the versions'));
		await ui.quit();
		assert.equal(await reservation('web-app-python'), undefined);
	});
});
