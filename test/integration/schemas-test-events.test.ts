// Shareable test events through source/aws/shared-test-events.ts and the real
// @aws-sdk/client-schemas against the local Lambda: created in the registry
// lambda-testevent-schemas as the Lambda console creates them, listed,
// replaced, renamed, deleted, at most 5 schema versions kept, still there
// after a restart, seen by the AWS CLI, and the message a user without
// schemas permissions gets.

import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {DescribeRegistryCommand, DescribeSchemaCommand, ListSchemaVersionsCommand, SchemasClient} from '@aws-sdk/client-schemas';
import {describeAwsError} from '../../source/aws/errors.js';
import {deleteSharedEvent, listSharedEvents, saveSharedEvent} from '../../source/aws/shared-test-events.js';
import {awsJson} from './aws-cli-support.js';
import {credentials, rejectsWith, startHarness, type Harness} from './harness.js';

const registry = 'lambda-testevent-schemas';
const schemaName = '_orders-api-schema';

describe('shareable test events through the Schemas API', () => {
	let dataDir: string;
	let harness: Harness;
	let client: SchemasClient;

	const connect = async (): Promise<void> => {
		harness = await startHarness({dataDir});
		client = new SchemasClient({endpoint: harness.server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
	};
	const disconnect = async (): Promise<void> => {
		client.destroy();
		await harness.close();
	};
	const versionsOf = async (): Promise<string[]> => {
		const listed = await client.send(new ListSchemaVersionsCommand({RegistryName: registry, SchemaName: schemaName}));
		return (listed.SchemaVersions ?? []).map((version) => version.SchemaVersion ?? '');
	};
	const names = async (functionName = 'orders-api'): Promise<string[]> => (await listSharedEvents(client, functionName)).map((event) => event.name);

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-shared-events-'));
		await connect();
	});
	after(async () => {
		await disconnect();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('lists no events while the registry does not exist', async () => {
		assert.deepEqual(await listSharedEvents(client, 'orders-api'), []);
		await rejectsWith(client.send(new DescribeRegistryCommand({RegistryName: registry})), 'NotFoundException', /does not exist/, 404);
	});

	it('saves the first event: the registry, then a discovered schema holding the event', async () => {
		await saveSharedEvent(client, 'orders-api', {name: 'new-order', json: '{"orderId": "o-1", "items": [{"sku": "A", "qty": 2}]}'});
		const created = await client.send(new DescribeRegistryCommand({RegistryName: registry}));
		assert.equal(created.RegistryArn, `arn:aws:schemas:us-east-1:123456789012:registry/${registry}`);

		const schema = await client.send(new DescribeSchemaCommand({RegistryName: registry, SchemaName: schemaName}));
		assert.equal(schema.Type, 'OpenApi3');
		assert.equal(schema.SchemaVersion, '1');
		const document = JSON.parse(schema.Content ?? '') as {
			openapi: string;
			components: {schemas: Record<string, unknown>; examples: Record<string, {value: unknown}>};
		};
		assert.equal(document.openapi, '3.0.0');
		assert.deepEqual(document.components.schemas['Event'], {
			type: 'object',
			required: ['orderId', 'items'],
			properties: {orderId: {type: 'string'}, items: {type: 'array', items: {$ref: '#/components/schemas/ItemsItem'}}},
		});
		assert.deepEqual(document.components.examples, {'new-order': {value: {orderId: 'o-1', items: [{sku: 'A', qty: 2}]}}});

		assert.deepEqual(await listSharedEvents(client, 'orders-api'), [
			{name: 'new-order', json: '{\n  "orderId": "o-1",\n  "items": [\n    {\n      "sku": "A",\n      "qty": 2\n    }\n  ]\n}'},
		]);
		assert.deepEqual(await listSharedEvents(client, 'another-function'), [], 'each function has its own schema');
	});

	it('adds a second event as a new schema version, and lists the events by name', async () => {
		await saveSharedEvent(client, 'orders-api', {name: 'cancel', json: '{"orderId": "o-1", "cancel": true}'});
		assert.deepEqual(await names(), ['cancel', 'new-order']);
		assert.deepEqual(await versionsOf(), ['1', '2']);
	});

	it('replaces an event saved again under its name', async () => {
		await saveSharedEvent(client, 'orders-api', {name: 'cancel', json: '{"orderId": "o-2"}'});
		const events = await listSharedEvents(client, 'orders-api');
		assert.deepEqual(events, [
			{name: 'cancel', json: '{\n  "orderId": "o-2"\n}'},
			{name: 'new-order', json: '{\n  "orderId": "o-1",\n  "items": [\n    {\n      "sku": "A",\n      "qty": 2\n    }\n  ]\n}'},
		]);
	});

	it('renames an event in one update', async () => {
		const before = await versionsOf();
		await saveSharedEvent(client, 'orders-api', {name: 'refund', json: '{"orderId": "o-2", "refund": 10}', previousName: 'cancel'});
		assert.deepEqual(await names(), ['new-order', 'refund']);
		assert.equal((await versionsOf()).length, before.length + 1, 'exactly one new schema version');
		const refund = (await listSharedEvents(client, 'orders-api')).find((event) => event.name === 'refund');
		assert.equal(refund?.json, '{\n  "orderId": "o-2",\n  "refund": 10\n}');
	});

	it('keeps at most 5 schema versions, deleting the oldest before an update', async () => {
		for (let index = 0; index < 4; index += 1) {
			// eslint-disable-next-line no-await-in-loop
			await saveSharedEvent(client, 'orders-api', {name: 'refund', json: JSON.stringify({orderId: 'o-2', refund: index})});
		}
		assert.deepEqual(await versionsOf(), ['4', '5', '6', '7', '8']);
		const latest = await client.send(new DescribeSchemaCommand({RegistryName: registry, SchemaName: schemaName}));
		assert.equal(latest.SchemaVersion, '8');
		assert.deepEqual(await names(), ['new-order', 'refund']);
	});

	it('refuses an event that is not JSON, or one that would make the schema too large, and changes nothing', async () => {
		await assert.rejects(saveSharedEvent(client, 'orders-api', {name: 'broken', json: '{"orderId": '}), /The event broken is not valid JSON/);
		await assert.rejects(
			saveSharedEvent(client, 'orders-api', {name: 'huge', json: JSON.stringify({blob: 'x'.repeat(100_000)})}),
			/at most 100000: make the event smaller, delete another shareable event, or save it as private/,
		);
		await assert.rejects(
			saveSharedEvent(client, 'fresh-function', {name: 'huge', json: JSON.stringify({blob: 'x'.repeat(100_000)})}),
			/at most 100000/,
		);
		assert.deepEqual(await names(), ['new-order', 'refund']);
		assert.deepEqual(await listSharedEvents(client, 'fresh-function'), []);
		assert.equal((await versionsOf()).at(-1), '8');
	});

	it('keeps the events across a restart of the local Lambda', async () => {
		const before = await listSharedEvents(client, 'orders-api');
		await disconnect();
		await connect();
		assert.deepEqual(await listSharedEvents(client, 'orders-api'), before);
		assert.deepEqual(await versionsOf(), ['4', '5', '6', '7', '8']);
	});

	it('shows the schema the SDK made to the AWS CLI', async () => {
		const listed = await awsJson(harness.server.endpoint, ['schemas', 'list-schemas', '--registry-name', registry]);
		const schemas = listed['Schemas'] as Array<{SchemaName: string; VersionCount: number; SchemaArn: string}>;
		assert.deepEqual(
			schemas.map((schema) => [schema.SchemaName, schema.VersionCount, schema.SchemaArn]),
			[[schemaName, 5, `arn:aws:schemas:us-east-1:123456789012:schema/${registry}/${schemaName}`]],
		);
		const described = await awsJson(harness.server.endpoint, ['schemas', 'describe-schema', '--registry-name', registry, '--schema-name', schemaName]);
		assert.equal(described['SchemaVersion'], '8');
		const examples = (JSON.parse(String(described['Content'])) as {components: {examples: Record<string, unknown>}}).components.examples;
		assert.deepEqual(Object.keys(examples).sort(), ['new-order', 'refund']);
	});

	it('deletes an event, then the schema with the last one; an event already gone is fine', async () => {
		await deleteSharedEvent(client, 'orders-api', 'refund');
		assert.deepEqual(await names(), ['new-order']);
		await deleteSharedEvent(client, 'orders-api', 'refund');
		await deleteSharedEvent(client, 'orders-api', 'new-order');
		assert.deepEqual(await listSharedEvents(client, 'orders-api'), []);
		await rejectsWith(client.send(new DescribeSchemaCommand({RegistryName: registry, SchemaName: schemaName})), 'NotFoundException', /does not exist/, 404);
		await client.send(new DescribeRegistryCommand({RegistryName: registry}));
		await deleteSharedEvent(client, 'orders-api', 'new-order');
	});

	it('renames the only event of a function', async () => {
		await saveSharedEvent(client, 'solo', {name: 'one', json: '{}'});
		await saveSharedEvent(client, 'solo', {name: 'two', json: '{"n": 2}', previousName: 'one'});
		assert.deepEqual(await listSharedEvents(client, 'solo'), [{name: 'two', json: '{\n  "n": 2\n}'}]);
	});

	it('tells a user without schemas permissions to ask for them or save the event as private', () => {
		const forbidden = Object.assign(new Error('User: arn:aws:iam::123456789012:user/dev is not authorized to perform: schemas:DescribeSchema'), {
			name: 'ForbiddenException',
		});
		const message = describeAwsError(forbidden);
		assert.match(message, /shareable test events/);
		assert.match(message, /schemas:\* permissions on the lambda-testevent-schemas registry/);
		assert.match(message, /save the event as private/);
		const denied = Object.assign(new Error('not authorized to perform: schemas:CreateRegistry'), {name: 'AccessDeniedException'});
		assert.match(describeAwsError(denied), /save the event as private/);
		const lambdaDenied = Object.assign(new Error('not authorized to perform: lambda:GetFunction'), {name: 'AccessDeniedException'});
		assert.match(describeAwsError(lambdaDenied), /^Not allowed: not authorized to perform: lambda:GetFunction\. Ask for this permission/);
	});
});
