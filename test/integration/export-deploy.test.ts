// Download and deploy, through the real SDK against the local Lambda: every
// demo function (one of them given everything a template can say: a layer,
// a URL with CORS, reserved concurrency, active tracing, JSON logs, a
// dead-letter queue, a VPC, asynchronous settings, arm64, more /tmp; another
// a DynamoDB trigger with a filter and an on-failure destination) is exported
// as NAME.zip and template.yaml; the template passes cfn-lint when cfn-lint is
// installed; deployed into a fresh local Lambda, each function's
// configuration, concurrency, event invoke config, URL and mappings are
// identical to the original's; and a second deploy changes nothing.

import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {
	CreateEventSourceMappingCommand,
	CreateFunctionUrlConfigCommand,
	GetFunctionConcurrencyCommand,
	GetFunctionConfigurationCommand,
	GetFunctionEventInvokeConfigCommand,
	GetFunctionUrlConfigCommand,
	ListEventSourceMappingsCommand,
	PublishLayerVersionCommand,
	PutFunctionConcurrencyCommand,
	PutFunctionEventInvokeConfigCommand,
	UpdateFunctionConfigurationCommand,
	UpdateFunctionCodeCommand,
	type LambdaClient,
} from '@aws-sdk/client-lambda';
import {executeDeployPlan} from '../../source/aws/deploy-template.js';
import {exportFunction} from '../../source/aws/export-function.js';
import {zipFiles} from '../../source/domain/code-package.js';
import {demoFunctions} from '../../source/demo/index.js';
import {deployPlan, parseTemplate} from '../../source/domain/sam-deploy-plan.js';
import {startHarness, type Harness} from './harness.js';

const cfnLint = spawnSync('cfn-lint', ['--version'], {encoding: 'utf8'});
const hasCfnLint = cfnLint.error === undefined && cfnLint.status === 0;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

async function settle(lambda: LambdaClient, name: string): Promise<void> {
	for (let tries = 0; tries < 200; tries += 1) {
		const configuration = await lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}));
		if (configuration.State !== 'Pending' && configuration.LastUpdateStatus !== 'InProgress') return;
		await sleep(50);
	}
}

const layerZip = zipFiles({'nodejs/node_modules/greeting/index.js': 'module.exports = "hello";\n'});

/** The layer a function of the demo uses, published the same way in both Lambdas (so its ARN is the same). */
async function publishLayer(lambda: LambdaClient): Promise<string> {
	const published = await lambda.send(new PublishLayerVersionCommand({LayerName: 'greeting', Content: {ZipFile: layerZip}, CompatibleRuntimes: ['nodejs22.x']}));
	return published.LayerVersionArn ?? '';
}

/** Everything of a function that the template describes, without what changes on every deploy (times, revisions, the URL's random ID, mapping UUIDs). */
async function snapshot(lambda: LambdaClient, name: string): Promise<Record<string, unknown>> {
	const {$metadata: _1, LastModified: _2, RevisionId: _3, ...configuration} = await lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}));
	const concurrency = (await lambda.send(new GetFunctionConcurrencyCommand({FunctionName: name}))).ReservedConcurrentExecutions;
	const invoke = await lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: name})).then(
		({$metadata: _4, LastModified: _5, ...rest}) => rest,
		() => undefined,
	);
	const url = await lambda.send(new GetFunctionUrlConfigCommand({FunctionName: name})).then(
		({$metadata: _6, FunctionUrl: _7, CreationTime: _8, LastModifiedTime: _9, ...rest}) => rest,
		() => undefined,
	);
	const mappings = ((await lambda.send(new ListEventSourceMappingsCommand({FunctionName: name}))).EventSourceMappings ?? [])
		.map(({UUID: _10, EventSourceMappingArn: _14, LastModified: _11, LastProcessingResult: _12, StateTransitionReason: _13, ...rest}) => rest)
		.sort((a, b) => (a.EventSourceArn ?? '').localeCompare(b.EventSourceArn ?? ''));
	return {configuration, concurrency, invoke, url, mappings};
}

describe('export and deploy: every demo function round-trips through a SAM template', () => {
	let source: Harness;
	let target: Harness;
	let out: string;
	const names = demoFunctions().map((demo) => demo.name);
	const templates = new Map<string, string>();

	before(async () => {
		source = await startHarness({seed: true, transitionDelayMs: 50});
		target = await startHarness({seed: false, transitionDelayMs: 50});
		out = await mkdtemp(join(tmpdir(), 'lambdash-export-'));
		const layerArn = await publishLayer(source.lambda);
		assert.equal(await publishLayer(target.lambda), layerArn);
		const lambda = source.lambda;
		await lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'web-app-node', ZipFile: zipFiles({'index.mjs': 'export const handler = async () => ({statusCode: 200});\n'}), Architectures: ['arm64']}));
		await settle(lambda, 'web-app-node');
		await lambda.send(
			new UpdateFunctionConfigurationCommand({
				FunctionName: 'web-app-node',
				Layers: [layerArn],
				TracingConfig: {Mode: 'Active'},
				LoggingConfig: {LogFormat: 'JSON', ApplicationLogLevel: 'WARN', SystemLogLevel: 'DEBUG', LogGroup: '/shop/web-app'},
				DeadLetterConfig: {TargetArn: 'arn:aws:sqs:us-east-1:123456789012:web-app-dlq'},
				EphemeralStorage: {Size: 1024},
				VpcConfig: {SubnetIds: ['subnet-0a00000000000000a'], SecurityGroupIds: ['sg-0aaaaaaaaaaaaaaa0']},
				Environment: {Variables: {FEATURE: 'on', COUNT: '007'}},
			}),
		);
		await settle(lambda, 'web-app-node');
		await lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'web-app-node', ReservedConcurrentExecutions: 7}));
		await lambda.send(
			new PutFunctionEventInvokeConfigCommand({
				FunctionName: 'web-app-node',
				MaximumRetryAttempts: 1,
				MaximumEventAgeInSeconds: 3600,
				DestinationConfig: {OnFailure: {Destination: 'arn:aws:sns:us-east-1:123456789012:web-app-failures'}},
			}),
		);
		await lambda.send(
			new CreateFunctionUrlConfigCommand({
				FunctionName: 'web-app-node',
				AuthType: 'AWS_IAM',
				InvokeMode: 'RESPONSE_STREAM',
				Cors: {AllowOrigins: ['https://shop.example.com'], AllowMethods: ['GET', 'POST'], MaxAge: 300, AllowCredentials: true},
			}),
		);
		await lambda.send(
			new CreateEventSourceMappingCommand({
				FunctionName: 'stream-processor-python',
				EventSourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000',
				StartingPosition: 'TRIM_HORIZON',
				BatchSize: 50,
				MaximumRetryAttempts: 3,
				BisectBatchOnFunctionError: true,
				FunctionResponseTypes: ['ReportBatchItemFailures'],
				FilterCriteria: {Filters: [{Pattern: '{"eventName":["INSERT"]}'}]},
				DestinationConfig: {OnFailure: {Destination: 'arn:aws:sqs:us-east-1:123456789012:orders-failed'}},
			}),
		);
	});
	after(async () => {
		await source?.close();
		await target?.close();
		if (out !== undefined) await rm(out, {recursive: true, force: true});
	});

	test('exports every demo function as NAME.zip and template.yaml', async () => {
		for (const name of names) {
			const result = await exportFunction({lambda: source.lambda}, name, {directory: join(out, name), what: 'both'});
			assert.deepEqual(result.written, [join(out, name, `${name}.zip`), join(out, name, 'template.yaml')]);
			const text = await readFile(join(out, name, 'template.yaml'), 'utf8');
			assert.match(text, /Type: AWS::Serverless::Function/);
			assert.match(text, new RegExp(`CodeUri: ${name}\\.zip`));
			templates.set(name, join(out, name, 'template.yaml'));
		}
		const web = await readFile(templates.get('web-app-node') ?? '', 'utf8');
		for (const expected of [/ReservedConcurrentExecutions: 7/, /Tracing: Active/, /LogFormat: JSON/, /DeadLetterQueue:/, /FunctionUrlConfig:/, /InvokeMode: RESPONSE_STREAM/, /Layers:/, /VpcConfig:/, /- arm64/, /Size: 1024/, /FEATURE: "on"/, /COUNT: "007"/]) {
			assert.match(web, expected);
		}
		assert.match(await readFile(templates.get('stream-processor-python') ?? '', 'utf8'), /Type: DynamoDB/);
		assert.match(await readFile(templates.get('file-processor-node') ?? '', 'utf8'), /Type: AWS::Lambda::Permission/);
	});

	test('every template passes cfn-lint', (t) => {
		if (!hasCfnLint) {
			t.skip('cfn-lint is not installed (pip install cfn-lint): the templates were not linted');
			return;
		}
		for (const name of names) {
			const path = templates.get(name);
			assert.ok(path !== undefined, `${name} was exported`);
			const lint = spawnSync('cfn-lint', [path], {encoding: 'utf8'});
			assert.equal(lint.status, 0, `cfn-lint ${name}:\n${lint.stdout}${lint.stderr}`);
		}
	});

	test('deployed into a fresh local Lambda, every function is identical to the original, and a second deploy changes nothing', async () => {
		for (const name of names) {
			const path = templates.get(name) ?? '';
			const plan = deployPlan(parseTemplate(await readFile(path, 'utf8')), {region: 'us-east-1', accountId: '123456789012'});
			assert.deepEqual(plan.problems, [], name);
			const first = await executeDeployPlan({lambda: target.lambda}, plan, {templateDirectory: dirname(path)});
			assert.ok(first.lines.some((line) => line === `function ${name}: created`), first.lines.join('\n'));
			assert.deepEqual(await snapshot(target.lambda, name), await snapshot(source.lambda, name), name);
			const second = await executeDeployPlan({lambda: target.lambda}, plan, {templateDirectory: dirname(path)});
			assert.equal(second.changes, 0, `${name}, second run:\n${second.lines.join('\n')}`);
		}
	});
});
