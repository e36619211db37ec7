// The Test tab in an 80x24 terminal with the demo functions, as a user first
// meets it: the Python file processor succeeding with its own sample event,
// the Node.js one failing on a key outside its bucket, and a function invoked
// through a version and an alias chosen in the tab (o).
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {CreateAliasCommand, PublishVersionCommand, UpdateFunctionCodeCommand, waitUntilFunctionUpdatedV2} from '@aws-sdk/client-lambda';
import {demoFunctions} from '../../source/demo/index.js';
import {zipFiles} from '../../source/domain/code-package.js';
import {localLambdaForSuite, replace} from '../support/configuration-tab.js';
import {createNodeFunction, editorWriting, openTestTab, rightPane, saveTemplateEvent} from '../support/test-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

/** Replaces the selected event's JSON through $EDITOR, and waits until it is saved. */
async function writeEvent(ui: UiTerminal, json: string): Promise<void> {
	const restore = editorWriting(json);
	try {
		await ui.press('E');
		await ui.waitForText(/Saved \S+ \(private\)\./);
	} finally {
		restore();
	}
}

describe('the Test tab with the demo functions, in an 80x24 terminal', () => {
	const local = localLambdaForSuite();

	test('the Python file processor succeeds with its sample S3 event: the profile of the CSV object, the figures and the log', async () => {
		const demo = demoFunctions().find((each) => each.name === 'file-processor-python');
		assert.ok(demo, 'the demo has a Python file processor');
		const ui = UiTerminal.start(local().session);
		await openTestTab(ui, 'file-processor-python');
		await saveTemplateEvent(ui, 'S3 Put');
		// The function's own sample event: an orders CSV that is bundled with it.
		await writeEvent(ui, JSON.stringify(demo.sampleEvent, null, 2));
		await ui.press(keys.enter);
		await ui.waitForText('✔ Succeeded (200)', 20_000);
		const screen = ui.screen();
		assert.match(screen, /Event +s3-put/);
		assert.match(screen, /Memory +\d+ MB used of 1024 MB/);
		assert.match(screen, /Init +[\d.]+ ms \(cold start\)/);
		assert.match(screen, /Version +\$LATEST/);
		assert.match(screen, /"processed": 1,/);
		assert.doesNotMatch(screen, /✘/);

		await ui.press('l');
		await ui.press(keys.pageDown);
		await ui.waitForText('"key": "incoming/2024/06/orders-eu-west.csv"');
		assert.match(ui.screen(), /"status": "processed"/);
		assert.match(ui.screen(), /"format": "csv"/);
		await ui.press('G');
		await ui.waitForText('── Log output');
		// The log is wrapped at the pane's width, so words may be cut across lines.
		assert.match(rightPane(ui), /\[INFO\] processed object=s3:\/\/lambdash-demo-uploads\/ ?incoming\/2024\/06\/orders-eu-west\.csv format=csv/);
		assert.match(rightPane(ui), /REPORT RequestId: /);
		await ui.quit();
	});

	test('the Node.js file processor fails on a key outside its bucket: the error, its stack and the log', async () => {
		const ui = UiTerminal.start(local().session);
		await openTestTab(ui, 'file-processor-node');
		await saveTemplateEvent(ui, 'S3 Put');
		await writeEvent(
			ui,
			JSON.stringify({Records: [{eventSource: 'aws:s3', s3: {bucket: {name: 'lambdash-demo-uploads'}, object: {key: '../../private/keys.json'}}}]}, null, 2),
		);
		await ui.press(keys.enter);
		await ui.waitForText('✘ Failed: MalformedObjectError', 20_000);
		assert.match(rightPane(ui), /✘ Failed: MalformedObjectError — Refusing key outside the bucket: \.\.\/\.\.\/private\/keys\.json/);
		assert.match(ui.screen(), /Version +\$LATEST/);
		assert.match(rightPane(ui), /Type: MalformedObjectError Message: Refusing key outside the bucket: \.\.\/\.\.\/private\/keys\.json Stack:/);
		await ui.press('l', keys.pageDown);
		await ui.waitForText('at objectPath (file:///');
		assert.match(rightPane(ui), /at processRecord \(file:\/\/\//, 'the Node.js stack, frame by frame');
		// The log tail ends the result: the runtime's own record of the error, END and REPORT.
		await ui.press('G');
		await ui.waitForText('REPORT RequestId: ');
		assert.match(ui.screen(), /END RequestId: /);
		await ui.press('H');
		await ui.waitForText("This session's invocations (1)");
		assert.match(ui.screen(), /#1 .* s3-put .* ✘ failed/);
		await ui.quit();
	});

	test('a version or alias chosen with o is invoked, and the result names the version that ran', async () => {
		const code = (label: string) => `export const handler = async () => ({code: '${label}', version: process.env.AWS_LAMBDA_FUNCTION_VERSION});\n`;
		await createNodeFunction(local(), 'versioned', code('first'));
		const lambda = local().clients.lambda;
		const published = await lambda.send(new PublishVersionCommand({FunctionName: 'versioned'}));
		assert.equal(published.Version, '1');
		await lambda.send(new CreateAliasCommand({FunctionName: 'versioned', Name: 'live', FunctionVersion: '1'}));
		// $LATEST moves on: what ran is told by the code's answer as well as by the version.
		await lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'versioned', ZipFile: zipFiles({'index.mjs': code('second')})}));
		await waitUntilFunctionUpdatedV2({client: lambda, maxWaitTime: 20}, {FunctionName: 'versioned'});

		const ui = UiTerminal.start(local().session);
		await openTestTab(ui, 'versioned');
		await saveTemplateEvent(ui, 'Hello world');
		await ui.waitForText('$LATEST  (o)');
		await ui.press(keys.enter);
		await ui.waitForText('"code": "second"', 20_000);
		assert.match(ui.screen(), /Version +\$LATEST/);

		// The alias: its version runs, and the result says which.
		await ui.press('o');
		await ui.waitForText('Version or alias');
		await ui.press(keys.tab);
		await replace(ui, 'live');
		await ui.press(keys.enter);
		await ui.waitForText('qualifier live  (o)');
		await ui.press(keys.enter);
		await ui.waitForText('"code": "first"', 20_000);
		assert.match(ui.screen(), /Result #2/);
		assert.match(ui.screen(), /Version +1\b/);
		assert.match(ui.screen(), /"version": "1"/);

		// A qualifier the function does not have: the call is refused, and says what to do.
		await ui.press('o', keys.tab);
		await replace(ui, '7');
		await ui.press(keys.enter);
		await ui.waitForText('qualifier 7  (o)');
		await ui.press(keys.enter);
		await ui.waitForText('✘ Not invoked', 20_000);
		assert.match(rightPane(ui), /versioned has no version or alias 7: o chooses another \(empty for \$LATEST\)\./);

		await ui.press('H');
		await ui.waitForText("This session's invocations (3)");
		assert.match(ui.screen(), /#2 .* ✔ ok .* 1 *$/m);
		assert.match(ui.screen(), /#1 .* ✔ ok .* \$LATEST *$/m);
		await ui.quit();
	});
});
