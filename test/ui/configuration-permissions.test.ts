// The Configuration tab's Permissions section in an 80x24 terminal, against
// the local Lambda: the execution role, adding a permission for Amazon S3
// with a source ARN (a principal Lambda would refuse is refused first, with
// what is allowed named and what was typed kept), its one-line description,
// GetPolicy through the SDK, removing it after a question, and read-only mode.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {GetPolicyCommand} from '@aws-sdk/client-lambda';
import {errorName} from '../../source/aws/errors.js';
import {localLambdaForSuite, openSection} from '../support/configuration-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

describe('the Permissions section in an 80x24 terminal', () => {
	const local = localLambdaForSuite();

	const getPolicy = (name: string) => local().clients.lambda.send(new GetPolicyCommand({FunctionName: name}));
	/** The screen's lines, trimmed and joined by spaces: text wrapped over several lines reads as one. */
	const joined = (screen: string): string =>
		screen
			.split('\n')
			.map((line) => line.trim())
			.join(' ');

	test('adds a permission for S3 with a source ARN, shows it, and removes it after a question', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'web-app-node', 'Permissions', {listTimeoutMs: 10_000, paneText: 'Resource-based policy (0)'});
		assert.match(ui.screen(), /Execution role +lambdash-demo-role\n.* {2}arn:aws:iam::\d{12}:role\/lambdash-demo-role\n/);
		assert.match(ui.screen(), /No statements: only the account's IAM may invoke it\./);

		await ui.press('a');
		await ui.waitForText('Add a permission to web-app-node');
		assert.match(ui.screen(), /Action +lambda:InvokeFunction/, 'the action has its default');
		await ui.press('s3-uploads', keys.tab, 's3', keys.tab, keys.tab, 'arn:aws:s3:::uploads', keys.enter);
		// The problem is longer than the message line: it is written out in full under the form.
		const refused = "'s3' is not a principal: give a 12-digit account ID, an IAM ARN, a service like s3.amazonaws.com, or *.";
		await ui.waitFor((screen) => joined(screen).includes(refused), 'the principal refused, with what is allowed');
		assert.match(ui.screen(), /Not sent: 's3' is not a principal/);
		assert.match(ui.screen(), /Add a permission to web-app-node/, 'the form stays open');
		assert.match(ui.screen(), /Statement ID +s3-uploads/, 'what was typed is still there');
		assert.match(ui.screen(), /Source ARN +arn:aws:s3:::uploads/);
		await assert.rejects(getPolicy('web-app-node'), (error) => errorName(error) === 'ResourceNotFoundException', 'nothing was sent');

		// Back to the principal (Shift-Tab twice from the source ARN), and save.
		await ui.press(keys.shiftTab, keys.shiftTab, '.amazonaws.com', keys.enter);
		await ui.waitForText('Saved permission s3-uploads for web-app-node.', 10_000);
		await ui.waitForText('Resource-based policy (1)');
		await ui.waitForNoText('Add a permission to web-app-node');
		const screen = ui.screen();
		assert.match(screen, /s3-uploads +Amazon S3 \(s3\.amazonaws\.com\) may invoke this \S*…\n/, 'the statement on one line, cut to the pane');
		// The statement under the cursor, written out in full under the list.
		assert.match(joined(screen.split('\n').map((line) => line.slice(19)).join('\n')), /s3-uploads: Amazon S3 \(s3\.amazonaws\.com\) may invoke this function when the source is arn:aws:s3:::uploads/);

		const policy = await getPolicy('web-app-node');
		const document = JSON.parse(policy.Policy ?? '{}') as {Statement: Array<Record<string, unknown>>};
		assert.equal(document.Statement.length, 1);
		const [statement] = document.Statement;
		assert.equal(statement?.['Sid'], 's3-uploads');
		assert.deepEqual(statement?.['Principal'], {Service: 's3.amazonaws.com'});
		assert.equal(statement?.['Action'], 'lambda:InvokeFunction');
		assert.deepEqual(statement?.['Condition'], {ArnLike: {'AWS:SourceArn': 'arn:aws:s3:::uploads'}});

		// The same statement ID again is refused before anything is sent.
		await ui.press('a');
		await ui.waitForText('Add a permission to web-app-node');
		await ui.press('s3-uploads', keys.tab, '*', keys.enter);
		await ui.waitFor(
			(screen) => joined(screen).includes('The statement ID s3-uploads is taken: choose another, or remove that statement first.'),
			'the statement ID refused as taken',
		);
		assert.equal(JSON.parse((await getPolicy('web-app-node')).Policy ?? '{}').Statement.length, 1, 'nothing was sent');
		await ui.press(keys.escape);
		await ui.waitForNoText('Add a permission to web-app-node');

		// d removes the statement under the cursor, after a question: no keeps it.
		await ui.press('d');
		await ui.waitForText('Enter goes into the statements; d then removes the one chosen.');
		await ui.press(keys.enter, 'd');
		await ui.waitForText('Remove the statement s3-uploads?');
		await ui.press('n');
		await ui.waitForNoText('Remove the statement s3-uploads');
		assert.equal(JSON.parse((await getPolicy('web-app-node')).Policy ?? '{}').Statement.length, 1, 'no: nothing changed');

		await ui.press('d');
		await ui.waitForText('Remove the statement s3-uploads?');
		await ui.press('y');
		await ui.waitForText('Saved removing permission s3-uploads for web-app-node.', 10_000);
		await ui.waitForText('Resource-based policy (0)');
		await ui.waitForNoText('Amazon S3 (s3.amazonaws.com)');
		assert.match(ui.screen(), /No statements: only the account's IAM may invoke it\./);
		await assert.rejects(getPolicy('web-app-node'), (error) => errorName(error) === 'ResourceNotFoundException', 'GetPolicy: no policy left');
		await ui.quit();
	});

	test('read-only mode: adding and removing are refused before any form or question opens', async () => {
		const ui = UiTerminal.start(local().readOnlySession);
		await openSection(ui, 'web-app-python', 'Permissions', {listTimeoutMs: 10_000, paneText: 'Resource-based policy (0)'});
		await ui.press('a');
		await ui.waitForText('Read-only mode: changes are off');
		assert.ok(!ui.screen().includes('Add a permission to web-app-python'));
		await ui.press(keys.enter, 'd');
		assert.ok(!ui.screen().includes('Remove the statement'));
		await ui.quit();
	});
});
