// Every blueprint: its configuration is sound, and its code runs. Each is
// created on a local Lambda as the create screen creates it (aws/create-function)
// and invoked with its own test event: the invocation succeeds.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {InvokeCommand} from '@aws-sdk/client-lambda';
import {createFunction} from '../../source/aws/create-function.js';
import {blueprints, scratchCode} from '../../source/domain/blueprints.js';
import {checkNewFunctionName, createRuntimeChoices} from '../../source/domain/create-function-form.js';
import {blueprintCode} from '../../source/demo/blueprint-code.js';
import {startTestLambda, type TestLambda} from '../support/local-lambda.js';

const role = 'arn:aws:iam::123456789012:role/lambdash-test';

describe('blueprints', () => {
	let local: TestLambda;
	before(async () => {
		local = await startTestLambda({seed: false});
	});
	after(async () => {
		await local.stop();
	});

	test('one per common use, in Node.js and in Python, each with code, configuration and a test event', () => {
		const uses = ['hello-world', 'file-processor', 'stream-processor', 'web-app', 'iot-backend', 'mobile-backend'];
		for (const use of uses) {
			for (const language of ['node', 'python']) assert.ok(blueprints.some((blueprint) => blueprint.id === `${use}-${language}`), `${use}-${language}`);
		}
		for (const blueprint of blueprints) {
			assert.equal(checkNewFunctionName(blueprint.suggestedName), undefined);
			assert.ok(createRuntimeChoices().includes(blueprint.runtime), `${blueprint.id}: ${blueprint.runtime} is offered`);
			const code = blueprintCode(blueprint);
			const main = blueprint.handler.split('.')[0] ?? '';
			assert.ok(Object.keys(code.files).some((path) => path.startsWith(`${main}.`)), `${blueprint.id} has its handler's file`);
			assert.equal(typeof code.event, 'object');
			assert.ok(blueprint.title.length + blueprint.description.length + 2 <= 74, `${blueprint.id}'s line fits 80 columns`);
		}
	});

	for (const blueprint of blueprints) {
		test(`${blueprint.title}: created and invoked with its event, it succeeds`, async () => {
			const code = blueprintCode(blueprint);
			const created = await createFunction(
				local.clients,
				{
					packageType: 'Zip',
					name: blueprint.suggestedName,
					description: blueprint.title,
					runtime: blueprint.runtime,
					handler: blueprint.handler,
					architecture: 'x86_64',
					role,
					memorySize: blueprint.memorySize,
					timeout: blueprint.timeout,
					environment: blueprint.environment,
					files: code.files,
				},
				undefined,
				{pollMs: 20},
			);
			assert.equal(created.name, blueprint.suggestedName);
			const result = await local.clients.lambda.send(new InvokeCommand({FunctionName: created.name, Payload: Buffer.from(JSON.stringify(code.event))}));
			const payload = Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8');
			assert.equal(result.FunctionError, undefined, `${blueprint.id} failed: ${payload}`);
			assert.equal(result.StatusCode, 200);
			assert.ok(payload.length > 2, 'it answers something');
		});
	}

	test('authoring from scratch: Node.js and Python starters answer "Hello from Lambda!"', async () => {
		for (const runtime of ['nodejs22.x', 'python3.12']) {
			const code = scratchCode(runtime);
			const name = `scratch-${runtime.replace('.', '-')}`;
			// eslint-disable-next-line no-await-in-loop
			await createFunction(
				local.clients,
				{packageType: 'Zip', name, description: '', runtime, handler: code.handler, architecture: 'arm64', role, memorySize: 128, timeout: 3, environment: {}, files: code.files},
				undefined,
				{pollMs: 20},
			);
			// eslint-disable-next-line no-await-in-loop
			const result = await local.clients.lambda.send(new InvokeCommand({FunctionName: name, Payload: Buffer.from('{}')}));
			assert.equal(result.FunctionError, undefined);
			assert.match(Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8'), /Hello from Lambda!/);
		}
	});
});
