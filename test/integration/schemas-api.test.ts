// The local EventBridge Schemas API through the real @aws-sdk/client-schemas:
// registries, schemas and their versions, GetDiscoveredSchema, and the errors
// a client sees (NotFoundException 404, ConflictException 409,
// BadRequestException 400), also on the wire (x-amzn-ErrorType and a
// {"Code", "Message"} body).

import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
	CreateRegistryCommand,
	CreateSchemaCommand,
	DeleteRegistryCommand,
	DeleteSchemaCommand,
	DeleteSchemaVersionCommand,
	DescribeRegistryCommand,
	DescribeSchemaCommand,
	GetDiscoveredSchemaCommand,
	ListRegistriesCommand,
	ListSchemasCommand,
	ListSchemaVersionsCommand,
	paginateListSchemas,
	SchemasClient,
	UpdateSchemaCommand,
	type Type,
} from '@aws-sdk/client-schemas';
import {credentials, rejectsWith, startHarness, type Harness} from './harness.js';

const openApi = (title: string, extra: Record<string, unknown> = {}): string =>
	JSON.stringify({openapi: '3.0.0', info: {version: '1.0.0', title}, paths: {}, components: {schemas: {[title]: {type: 'object'}}}, ...extra});

describe('the local EventBridge Schemas API through the SDK', () => {
	let harness: Harness;
	let schemas: SchemasClient;

	before(async () => {
		harness = await startHarness();
		schemas = new SchemasClient({endpoint: harness.server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
	});
	after(async () => {
		schemas.destroy();
		await harness.close();
	});

	it('creates, describes and lists registries', async () => {
		const created = await schemas.send(new CreateRegistryCommand({RegistryName: 'orders', Description: 'order events', Tags: {team: 'shop'}}));
		assert.equal(created.$metadata.httpStatusCode, 201);
		assert.equal(created.RegistryArn, 'arn:aws:schemas:us-east-1:123456789012:registry/orders');
		assert.equal(created.RegistryName, 'orders');
		assert.equal(created.Description, 'order events');
		assert.deepEqual(created.Tags, {team: 'shop'});
		await schemas.send(new CreateRegistryCommand({RegistryName: 'billing'}));

		const described = await schemas.send(new DescribeRegistryCommand({RegistryName: 'billing'}));
		assert.equal(described.RegistryArn, 'arn:aws:schemas:us-east-1:123456789012:registry/billing');
		assert.equal(described.Description, undefined);

		const all = await schemas.send(new ListRegistriesCommand({}));
		assert.deepEqual(
			all.Registries?.map((registry) => registry.RegistryName),
			['billing', 'orders'],
		);
		const prefixed = await schemas.send(new ListRegistriesCommand({RegistryNamePrefix: 'ord'}));
		assert.deepEqual(
			prefixed.Registries?.map((registry) => registry.RegistryName),
			['orders'],
		);
		const aws = await schemas.send(new ListRegistriesCommand({Scope: 'AWS'}));
		assert.deepEqual(aws.Registries, []);
		const first = await schemas.send(new ListRegistriesCommand({Limit: 1}));
		assert.deepEqual(
			first.Registries?.map((registry) => registry.RegistryName),
			['billing'],
		);
		assert.ok(first.NextToken);
		const second = await schemas.send(new ListRegistriesCommand({Limit: 1, NextToken: first.NextToken}));
		assert.deepEqual(
			second.Registries?.map((registry) => registry.RegistryName),
			['orders'],
		);
		assert.equal(second.NextToken, undefined);
	});

	it('refuses a registry that exists, a bad name, and a registry that does not exist', async () => {
		await rejectsWith(schemas.send(new CreateRegistryCommand({RegistryName: 'orders'})), 'ConflictException', /orders already exists/, 409);
		await rejectsWith(schemas.send(new CreateRegistryCommand({RegistryName: 'bad name!'})), 'BadRequestException', /RegistryName may contain only/, 400);
		await rejectsWith(schemas.send(new CreateRegistryCommand({RegistryName: 'x'.repeat(65)})), 'BadRequestException', /between 1 and 64/, 400);
		await rejectsWith(schemas.send(new DescribeRegistryCommand({RegistryName: 'nowhere'})), 'NotFoundException', /nowhere does not exist/, 404);
		await rejectsWith(schemas.send(new ListSchemasCommand({RegistryName: 'nowhere'})), 'NotFoundException', /nowhere does not exist/, 404);
	});

	it('creates a schema as version 1, for a function that does not exist too', async () => {
		const created = await schemas.send(
			new CreateSchemaCommand({RegistryName: 'orders', SchemaName: '_no-such-function-schema', Type: 'OpenApi3', Content: openApi('Order'), Description: 'v1'}),
		);
		assert.equal(created.$metadata.httpStatusCode, 201);
		assert.equal(created.SchemaArn, 'arn:aws:schemas:us-east-1:123456789012:schema/orders/_no-such-function-schema');
		assert.equal(created.SchemaVersion, '1');
		assert.equal(created.Type, 'OpenApi3');
		assert.equal(created.Description, 'v1');
		assert.ok(created.VersionCreatedDate instanceof Date && !Number.isNaN(created.VersionCreatedDate.getTime()));
		assert.ok(created.LastModified instanceof Date);

		const described = await schemas.send(new DescribeSchemaCommand({RegistryName: 'orders', SchemaName: '_no-such-function-schema'}));
		assert.equal(described.Content, openApi('Order'));
		assert.equal(described.SchemaVersion, '1');
		assert.equal(described.VersionCreatedDate?.getTime(), created.VersionCreatedDate?.getTime());
	});

	it('refuses content that is not JSON of its type, too long, or a schema that exists', async () => {
		const create = (content: string, type: Type = 'OpenApi3', name = 'bad'): Promise<unknown> =>
			schemas.send(new CreateSchemaCommand({RegistryName: 'orders', SchemaName: name, Type: type, Content: content}));
		await rejectsWith(create('{not json'), 'BadRequestException', /not valid JSON/, 400);
		await rejectsWith(create('{"components": {}}'), 'BadRequestException', /not a valid OpenApi3 schema/, 400);
		await rejectsWith(create('[]', 'JSONSchemaDraft4'), 'BadRequestException', /must be a JSON object/, 400);
		await rejectsWith(create(openApi('Big', {padding: 'x'.repeat(100_000)})), 'BadRequestException', /maximum length is 100000/, 400);
		const avro = await fetch(`${harness.server.endpoint}/v1/registries/name/orders/schemas/name/bad`, {
			method: 'POST',
			headers: {'Content-Type': 'application/json'},
			body: JSON.stringify({Type: 'Avro', Content: openApi('Order')}),
		});
		assert.equal(avro.status, 400);
		assert.match(((await avro.json()) as {Message: string}).Message, /Type must be one of OpenApi3, JSONSchemaDraft4/);
		await rejectsWith(create(openApi('Order'), 'OpenApi3', '_no-such-function-schema'), 'ConflictException', /already exists/, 409);
		await rejectsWith(
			schemas.send(new CreateSchemaCommand({RegistryName: 'nowhere', SchemaName: 's', Type: 'OpenApi3', Content: openApi('S')})),
			'NotFoundException',
			/nowhere does not exist/,
			404,
		);
		const draft4 = await schemas.send(
			new CreateSchemaCommand({RegistryName: 'orders', SchemaName: 'draft4', Type: 'JSONSchemaDraft4', Content: '{"type": "object"}'}),
		);
		assert.equal(draft4.Type, 'JSONSchemaDraft4');
	});

	it('makes a new version each time the content changes, and describes any version', async () => {
		const name = '_no-such-function-schema';
		const second = await schemas.send(new UpdateSchemaCommand({RegistryName: 'orders', SchemaName: name, Content: openApi('OrderV2'), Type: 'OpenApi3'}));
		assert.equal(second.SchemaVersion, '2');
		const unchanged = await schemas.send(new UpdateSchemaCommand({RegistryName: 'orders', SchemaName: name, Content: openApi('OrderV2')}));
		assert.equal(unchanged.SchemaVersion, '2');
		const third = await schemas.send(new UpdateSchemaCommand({RegistryName: 'orders', SchemaName: name, Content: openApi('OrderV3'), ClientTokenId: 'token-3'}));
		assert.equal(third.SchemaVersion, '3');
		const retried = await schemas.send(new UpdateSchemaCommand({RegistryName: 'orders', SchemaName: name, Content: openApi('OrderV4'), ClientTokenId: 'token-3'}));
		assert.equal(retried.SchemaVersion, '3', 'a retried update (same ClientTokenId) makes no new version');

		const latest = await schemas.send(new DescribeSchemaCommand({RegistryName: 'orders', SchemaName: name}));
		assert.equal(latest.SchemaVersion, '3');
		assert.equal(latest.Content, openApi('OrderV3'));
		const first = await schemas.send(new DescribeSchemaCommand({RegistryName: 'orders', SchemaName: name, SchemaVersion: '1'}));
		assert.equal(first.Content, openApi('Order'));
		await rejectsWith(
			schemas.send(new DescribeSchemaCommand({RegistryName: 'orders', SchemaName: name, SchemaVersion: '9'})),
			'NotFoundException',
			/Version 9 of schema/,
			404,
		);
		await rejectsWith(
			schemas.send(new UpdateSchemaCommand({RegistryName: 'orders', SchemaName: 'missing', Content: openApi('M')})),
			'NotFoundException',
			/Schema with name missing does not exist/,
			404,
		);
		await rejectsWith(
			schemas.send(new UpdateSchemaCommand({RegistryName: 'orders', SchemaName: name, Content: 'nope'})),
			'BadRequestException',
			/not valid JSON/,
			400,
		);
	});

	it('lists schemas and their versions, oldest first, and deletes versions', async () => {
		const listed = await schemas.send(new ListSchemasCommand({RegistryName: 'orders'}));
		assert.deepEqual(
			listed.Schemas?.map((schema) => [schema.SchemaName, schema.VersionCount]),
			[
				['_no-such-function-schema', 3],
				['draft4', 1],
			],
		);
		assert.ok(listed.Schemas?.[0]?.LastModified instanceof Date);
		const prefixed = await schemas.send(new ListSchemasCommand({RegistryName: 'orders', SchemaNamePrefix: 'dr'}));
		assert.deepEqual(
			prefixed.Schemas?.map((schema) => schema.SchemaName),
			['draft4'],
		);
		const paged: string[] = [];
		for await (const page of paginateListSchemas({client: schemas, pageSize: 1}, {RegistryName: 'orders'})) {
			for (const schema of page.Schemas ?? []) paged.push(schema.SchemaName ?? '');
		}
		assert.deepEqual(paged, ['_no-such-function-schema', 'draft4']);

		const name = '_no-such-function-schema';
		const versions = await schemas.send(new ListSchemaVersionsCommand({RegistryName: 'orders', SchemaName: name}));
		assert.deepEqual(
			versions.SchemaVersions?.map((version) => [version.SchemaVersion, version.Type, version.SchemaName]),
			[
				['1', 'OpenApi3', name],
				['2', 'OpenApi3', name],
				['3', 'OpenApi3', name],
			],
		);
		const deleted = await schemas.send(new DeleteSchemaVersionCommand({RegistryName: 'orders', SchemaName: name, SchemaVersion: '1'}));
		assert.equal(deleted.$metadata.httpStatusCode, 204);
		const after = await schemas.send(new ListSchemaVersionsCommand({RegistryName: 'orders', SchemaName: name}));
		assert.deepEqual(
			after.SchemaVersions?.map((version) => version.SchemaVersion),
			['2', '3'],
		);
		await rejectsWith(
			schemas.send(new DeleteSchemaVersionCommand({RegistryName: 'orders', SchemaName: name, SchemaVersion: '1'})),
			'NotFoundException',
			/Version 1 of schema/,
			404,
		);
		await rejectsWith(
			schemas.send(new DeleteSchemaVersionCommand({RegistryName: 'orders', SchemaName: 'draft4', SchemaVersion: '1'})),
			'BadRequestException',
			/only version/,
			400,
		);
		await rejectsWith(
			schemas.send(new ListSchemaVersionsCommand({RegistryName: 'orders', SchemaName: 'missing'})),
			'NotFoundException',
			/missing does not exist/,
			404,
		);
		const update = await schemas.send(new UpdateSchemaCommand({RegistryName: 'orders', SchemaName: name, Content: openApi('OrderV5')}));
		assert.equal(update.SchemaVersion, '4', 'version numbers are never reused');
	});

	it('deletes a schema, then a registry with the schemas left in it', async () => {
		const deleted = await schemas.send(new DeleteSchemaCommand({RegistryName: 'orders', SchemaName: 'draft4'}));
		assert.equal(deleted.$metadata.httpStatusCode, 204);
		await rejectsWith(schemas.send(new DescribeSchemaCommand({RegistryName: 'orders', SchemaName: 'draft4'})), 'NotFoundException', /draft4 does not exist/, 404);
		await rejectsWith(schemas.send(new DeleteSchemaCommand({RegistryName: 'orders', SchemaName: 'draft4'})), 'NotFoundException', /draft4 does not exist/, 404);

		await schemas.send(new DeleteRegistryCommand({RegistryName: 'orders'}));
		await rejectsWith(schemas.send(new DescribeRegistryCommand({RegistryName: 'orders'})), 'NotFoundException', /orders does not exist/, 404);
		await schemas.send(new CreateRegistryCommand({RegistryName: 'orders'}));
		const listed = await schemas.send(new ListSchemasCommand({RegistryName: 'orders'}));
		assert.deepEqual(listed.Schemas, [], 'a registry made again under the same name starts empty');
	});

	it('discovers a schema from sample events', async () => {
		const discovered = await schemas.send(
			new GetDiscoveredSchemaCommand({Type: 'OpenApi3', Events: [JSON.stringify({id: 'a', detail: {n: 1}}), JSON.stringify({id: 'b', detail: {n: 2}})]}),
		);
		const document = JSON.parse(discovered.Content ?? '') as {openapi: string; info: unknown; components: {schemas: Record<string, unknown>}};
		assert.equal(document.openapi, '3.0.0');
		assert.deepEqual(document.info, {version: '1.0.0', title: 'Event'});
		assert.deepEqual(document.components.schemas['Event'], {
			type: 'object',
			required: ['id', 'detail'],
			properties: {id: {type: 'string'}, detail: {$ref: '#/components/schemas/Detail'}},
		});
		const draft4 = await schemas.send(new GetDiscoveredSchemaCommand({Type: 'JSONSchemaDraft4', Events: ['{"x": true}']}));
		assert.equal((JSON.parse(draft4.Content ?? '') as {$schema: string}).$schema, 'http://json-schema.org/draft-04/schema#');

		await rejectsWith(schemas.send(new GetDiscoveredSchemaCommand({Type: 'OpenApi3', Events: ['{oops']})), 'BadRequestException', /Event 1 is not valid JSON/, 400);
		await rejectsWith(
			schemas.send(new GetDiscoveredSchemaCommand({Type: 'OpenApi3', Events: Array.from({length: 11}, () => '{}')})),
			'BadRequestException',
			/between 1 and 10 events/,
			400,
		);
	});

	it('answers errors on the wire as the Schemas service does', async () => {
		const response = await fetch(`${harness.server.endpoint}/v1/registries/name/nowhere`);
		assert.equal(response.status, 404);
		assert.equal(response.headers.get('x-amzn-errortype'), 'NotFoundException');
		assert.ok(response.headers.get('x-amzn-requestid'));
		assert.deepEqual(await response.json(), {Code: 'NotFoundException', Message: 'Registry with name nowhere does not exist.'});

		const unknown = await fetch(`${harness.server.endpoint}/v1/registries/name/orders/nothing`);
		assert.equal(unknown.status, 404);
		assert.equal(unknown.headers.get('x-amzn-errortype'), 'UnknownOperationException');
		await unknown.body?.cancel();

		const garbage = await fetch(`${harness.server.endpoint}/v1/registries/name/other`, {method: 'POST', body: '{not json', headers: {'Content-Type': 'application/json'}});
		assert.equal(garbage.status, 400);
		assert.equal(((await garbage.json()) as {Code: string}).Code, 'BadRequestException');
	});
});
