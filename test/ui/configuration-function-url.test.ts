// The Configuration tab's Function URL section in an 80x24 terminal, against
// the local Lambda: "No function URL" and how to make one; a URL created
// through the form (AuthType NONE, CORS for one origin), shown whole and then
// requested over HTTP with node:http (to 127.0.0.1 with the URL's Host, as
// curl does for *.localhost); a Max age out of range refused with the range
// named, nothing sent and the form kept as typed; an edit; deleting after a
// question; and read-only mode.
import assert from 'node:assert/strict';
import {request, type IncomingHttpHeaders} from 'node:http';
import {describe, test} from 'node:test';
import {GetFunctionUrlConfigCommand, GetPolicyCommand} from '@aws-sdk/client-lambda';
import {localLambdaForSuite, openSection, replace} from '../support/configuration-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

interface Answer {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

/** A GET to a function URL: to the server's port on 127.0.0.1, with the URL's Host. */
function get(functionUrl: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
	const url = new URL(functionUrl);
	return new Promise((resolve, reject) => {
		const outgoing = request({host: '127.0.0.1', port: url.port, method: 'GET', path, headers: {host: url.host, ...headers}}, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8')}));
			response.on('error', reject);
		});
		outgoing.on('error', reject);
		outgoing.end();
	});
}

/** The pane's text (right of the list of sections), its lines joined: a URL broken over lines reads whole. */
function paneText(screen: string): string {
	return screen
		.split('\n')
		.map((line) => line.slice(19).trim())
		.join('');
}

describe('the Configuration tab\'s Function URL section in an 80x24 terminal', () => {
	const local = localLambdaForSuite();

	const urlConfig = async (name: string) =>
		local().clients.lambda.send(new GetFunctionUrlConfigCommand({FunctionName: name})).then(
			(config) => config,
			(error: unknown) => {
				assert.equal(error instanceof Error ? error.name : String(error), 'ResourceNotFoundException');
				return undefined;
			},
		);

	test('creates a NONE URL through the form, shows it, answers over HTTP, edits it and deletes it after asking', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'web-app-node', 'Function URL', {listTimeoutMs: 10_000, paneText: 'No function URL'});
		assert.match(ui.screen(), /e creates one: auth type, invoke mode and CORS\./);
		await ui.press('d');
		await ui.waitForText('web-app-node has no function URL: e creates one.');

		await ui.press('e');
		await ui.waitForText('Create a function URL for web-app-node');
		assert.match(ui.screen(), /Auth type +‹ AWS_IAM ›/);
		await ui.press(keys.right);
		assert.match(ui.screen(), /Auth type +‹ NONE ›/);
		await ui.press(keys.tab);
		assert.match(ui.screen(), /Invoke mode +‹ BUFFERED ›/);
		await ui.press(keys.tab);
		await replace(ui, 'https://example.com');
		await ui.press(keys.tab);
		await replace(ui, 'get, post');
		await ui.press(keys.tab, keys.tab, keys.tab);
		await replace(ui, '90000');
		await ui.press(keys.enter);
		await ui.waitForText('Max age is 0 to 86400 seconds (24 hours)');
		const refused = ui.screen();
		assert.match(refused, /Max age \(seconds\) +90000/, 'what was typed is still there');
		assert.match(refused, /Allow origins +https:\/\/example\.com/);
		assert.match(refused, /Allow methods +get, post/);
		assert.equal(await urlConfig('web-app-node'), undefined, 'nothing was sent');

		// The focus is on Max age: put a value in range.
		await replace(ui, '600');
		await ui.press(keys.enter);
		await ui.waitForText('Saved a function URL (NONE) for web-app-node.', 10_000);
		await ui.waitForNoText('Create a function URL');
		await ui.waitForText(/Auth type +NONE: public, no signature needed/);
		const created = await urlConfig('web-app-node');
		assert.ok(created?.FunctionUrl !== undefined);
		const functionUrl = created.FunctionUrl;
		assert.match(functionUrl, /^http:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.localhost:\d+\/$/);
		assert.equal(created.AuthType, 'NONE');
		assert.deepEqual(created.Cors?.AllowOrigins, ['https://example.com']);
		assert.deepEqual(created.Cors?.AllowMethods, ['GET', 'POST']);
		assert.equal(created.Cors?.MaxAge, 600);

		const shown = ui.screen();
		assert.ok(paneText(shown).includes(functionUrl), `the URL is shown whole:\n${shown}`);
		assert.match(shown, /Invoke mode +BUFFERED: the answer once it is whole/);
		assert.match(shown, /Created +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
		assert.match(shown, /Allow origins +https:\/\/example\.com/);
		assert.match(shown, /Allow methods +GET, POST/);
		assert.match(shown, /Max age +600 s/);
		assert.match(shown, /Allow credentials +no/);
		assert.match(shown, /e edits · d deletes the function URL/);

		// The URL answers, as the function does, with the CORS settings made in the form.
		// As in the Lambda console, a URL without auth comes with the statement that lets anyone call it.
		const policy = await local().clients.lambda.send(new GetPolicyCommand({FunctionName: 'web-app-node'}));
		assert.match(policy.Policy ?? '', /"Sid":"FunctionURLAllowPublicAccess".*"Action":"lambda:InvokeFunctionUrl"/);
		const answer = await get(functionUrl, '/health', {origin: 'https://example.com'});
		assert.equal(answer.status, 200);
		assert.deepEqual(JSON.parse(answer.body), {status: 'ok'});
		assert.equal(answer.headers['access-control-allow-origin'], 'https://example.com');

		// Editing: the form holds what the URL has; the invoke mode is changed and CORS removed.
		await ui.press('e');
		await ui.waitForText('Function URL of web-app-node');
		assert.match(ui.screen(), /Max age \(seconds\) +600/);
		await ui.press(keys.tab, keys.right, keys.tab);
		await replace(ui, '');
		await ui.press(keys.tab);
		await replace(ui, '');
		await ui.press(keys.tab, keys.tab, keys.tab);
		await replace(ui, '');
		await ui.press(keys.enter);
		await ui.waitForText('Saved the function URL (NONE, RESPONSE_STREAM) for web-app-node.', 10_000);
		await ui.waitForText(/Invoke mode +RESPONSE_STREAM: sent as it is written/);
		await ui.waitForText('Not configured: browsers on other origins are refused.');
		const edited = await urlConfig('web-app-node');
		assert.equal(edited?.InvokeMode, 'RESPONSE_STREAM');
		assert.equal(edited?.Cors, undefined);
		assert.equal(edited?.FunctionUrl, functionUrl, 'the address stays');

		// Deleting asks first: no keeps it, yes deletes it.
		await ui.press('d');
		await ui.waitForText('Delete the function URL of web-app-node?');
		await ui.press('n');
		await ui.waitForNoText('Delete the function URL of web-app-node?');
		assert.ok((await urlConfig('web-app-node')) !== undefined, 'no: the URL is kept');
		await ui.press('d');
		await ui.waitForText('Delete the function URL of web-app-node?');
		await ui.press('y');
		await ui.waitForText('Saved deleting the function URL for web-app-node.', 10_000);
		await ui.waitForText('No function URL');
		assert.equal(await urlConfig('web-app-node'), undefined);
		assert.notEqual((await get(functionUrl, '/health')).status, 200, 'the deleted URL no longer answers');
		await ui.quit();
	});

	test('a method Lambda does not take is refused with the allowed ones named', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'web-app-python', 'Function URL', {listTimeoutMs: 10_000, paneText: 'No function URL'});
		await ui.press('e');
		await ui.waitForText('Create a function URL for web-app-python');
		await ui.press(keys.tab, keys.tab, keys.tab);
		await replace(ui, 'GET, FETCH');
		await ui.press(keys.enter);
		await ui.waitForText('FETCH: not a method; use GET, PUT, HEAD, POST, PATCH, DELETE, *');
		assert.match(ui.screen(), /Allow methods +GET, FETCH/);
		await ui.press(keys.escape);
		await ui.waitForNoText('Create a function URL');
		assert.equal(await urlConfig('web-app-python'), undefined, 'nothing was sent');
		await ui.quit();
	});

	test('read-only mode: creating and deleting are refused before any form or question opens', async () => {
		const ui = UiTerminal.start(local().readOnlySession);
		await openSection(ui, 'iot-backend-node', 'Function URL', {listTimeoutMs: 10_000, paneText: 'No function URL'});
		await ui.press('e');
		await ui.waitForText('Read-only mode: changes are off');
		assert.ok(!ui.screen().includes('Create a function URL'));
		await ui.press('d');
		assert.ok(!ui.screen().includes('Delete the function URL'));
		await ui.quit();
	});
});
