// The pure side of shareable test events: the registry and schema names of
// the Lambda console's convention, reading the events out of a schema,
// adding, replacing and removing one, and the schema EventBridge's
// GetDiscoveredSchema would infer.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
	discoverJsonSchema,
	discoverSchema,
	eventsOfSchema,
	testEventRegistry,
	testEventSchemaName,
	withEvent,
	withoutEvent,
} from '../../source/domain/shared-test-events.js';

/** A schema as the Lambda console leaves it (see the EventBridge console). */
const consoleSchema = JSON.stringify({
	openapi: '3.0.0',
	info: {version: '1.0.0', title: 'Event'},
	paths: {},
	components: {
		schemas: {Event: {type: 'object', required: ['key1'], properties: {key1: {type: 'string'}}}},
		examples: {
			'hello-world': {value: {key1: 'value1'}},
			alpha: {value: [1, {nested: true}]},
		},
	},
});

const parse = (content: string): Record<string, unknown> => JSON.parse(content) as Record<string, unknown>;

describe('shareable test event names', () => {
	it('uses the registry and schema names of the Lambda console', () => {
		assert.equal(testEventRegistry, 'lambda-testevent-schemas');
		assert.equal(testEventSchemaName('orders-api'), '_orders-api-schema');
	});
});

describe('eventsOfSchema', () => {
	it('reads every example, sorted by name, pretty-printed with 2 spaces', () => {
		assert.deepEqual(eventsOfSchema(consoleSchema), [
			{name: 'alpha', json: '[\n  1,\n  {\n    "nested": true\n  }\n]'},
			{name: 'hello-world', json: '{\n  "key1": "value1"\n}'},
		]);
	});

	it('has no events when the schema has no examples, or an example no value', () => {
		assert.deepEqual(eventsOfSchema(JSON.stringify({openapi: '3.0.0', components: {schemas: {}}})), []);
		assert.deepEqual(eventsOfSchema(JSON.stringify({components: {examples: {broken: {summary: 'no value'}, ok: {value: null}}}})), [
			{name: 'ok', json: 'null'},
		]);
	});

	it('refuses content that is not an OpenAPI JSON document with components', () => {
		assert.throws(() => eventsOfSchema('{not json'), /not valid JSON/);
		assert.throws(() => eventsOfSchema('[1, 2]'), /not an OpenAPI document/);
		assert.throws(() => eventsOfSchema(JSON.stringify({openapi: '3.0.0'})), /with components/);
	});
});

describe('withEvent and withoutEvent', () => {
	it('adds an event and keeps everything else of the document', () => {
		const changed = parse(withEvent(consoleSchema, 'new', {a: 1}));
		const original = parse(consoleSchema);
		assert.deepEqual(changed['info'], original['info']);
		assert.deepEqual((changed['components'] as Record<string, unknown>)['schemas'], (original['components'] as Record<string, unknown>)['schemas']);
		assert.deepEqual(
			eventsOfSchema(JSON.stringify(changed)).map((event) => event.name),
			['alpha', 'hello-world', 'new'],
		);
	});

	it('replaces an event of the same name', () => {
		const events = eventsOfSchema(withEvent(consoleSchema, 'alpha', {replaced: true}));
		assert.deepEqual(events[0], {name: 'alpha', json: '{\n  "replaced": true\n}'});
		assert.equal(events.length, 2);
	});

	it('adds the first event to a freshly discovered schema, which has no examples', () => {
		const content = withEvent(discoverSchema([{id: 7}]), 'first', {id: 7});
		assert.deepEqual(eventsOfSchema(content), [{name: 'first', json: '{\n  "id": 7\n}'}]);
	});

	it('keeps a name like __proto__ as an event', () => {
		const content = withEvent(consoleSchema, '__proto__', {x: 1});
		assert.ok(eventsOfSchema(content).some((event) => event.name === '__proto__'));
		const without = withoutEvent(content, '__proto__');
		assert.ok(without !== undefined && !eventsOfSchema(without).some((event) => event.name === '__proto__'));
	});

	it('removes an event, and says so when it was the last one', () => {
		const one = withoutEvent(consoleSchema, 'alpha');
		assert.ok(one !== undefined);
		assert.deepEqual(
			eventsOfSchema(one).map((event) => event.name),
			['hello-world'],
		);
		assert.equal(withoutEvent(one, 'hello-world'), undefined);
	});

	it('refuses to remove an event the schema does not have', () => {
		assert.throws(() => withoutEvent(consoleSchema, 'missing'), /no event named missing/);
	});
});

describe('discoverSchema', () => {
	it('writes the document GetDiscoveredSchema returns for a flat event', () => {
		assert.deepEqual(parse(discoverSchema([{key1: 'value1', key2: 'value2', key3: 'value3'}])), {
			openapi: '3.0.0',
			info: {version: '1.0.0', title: 'Event'},
			paths: {},
			components: {
				schemas: {
					Event: {
						type: 'object',
						required: ['key1', 'key2', 'key3'],
						properties: {key1: {type: 'string'}, key2: {type: 'string'}, key3: {type: 'string'}},
					},
				},
			},
		});
	});

	it('makes nested objects named schemas, arrays with items, and infers types and date-times', () => {
		const content = parse(
			discoverSchema([
				{
					'request-context': {requestId: 'abc', time: '2024-01-31T12:34:56Z', authorizer: {principal: 'p'}},
					Records: [{eventName: 'Put', size: 12}],
					tags: ['a', 'b'],
					empty: [],
					count: 3.5,
					ok: true,
					nothing: null,
				},
			]),
		);
		const schemas = (content['components'] as Record<string, Record<string, unknown>>)['schemas'] ?? {};
		assert.deepEqual(Object.keys(schemas), ['Event', 'RequestContext', 'Authorizer', 'RecordsItem']);
		assert.deepEqual(schemas['Event'], {
			type: 'object',
			required: ['request-context', 'Records', 'tags', 'empty', 'count', 'ok', 'nothing'],
			properties: {
				'request-context': {$ref: '#/components/schemas/RequestContext'},
				Records: {type: 'array', items: {$ref: '#/components/schemas/RecordsItem'}},
				tags: {type: 'array', items: {type: 'string'}},
				empty: {type: 'array', items: {type: 'object'}},
				count: {type: 'number'},
				ok: {type: 'boolean'},
				nothing: {},
			},
		});
		assert.deepEqual(schemas['RequestContext'], {
			type: 'object',
			required: ['requestId', 'time', 'authorizer'],
			properties: {requestId: {type: 'string'}, time: {type: 'string', format: 'date-time'}, authorizer: {$ref: '#/components/schemas/Authorizer'}},
		});
		assert.deepEqual(schemas['RecordsItem'], {
			type: 'object',
			required: ['eventName', 'size'],
			properties: {eventName: {type: 'string'}, size: {type: 'number'}},
		});
	});

	it('requires only what every sample has, and names colliding objects apart', () => {
		const content = parse(discoverSchema([{a: 1, b: {c: 'x'}}, {a: 2, d: {b: {e: 1}}}]));
		const schemas = (content['components'] as Record<string, Record<string, Record<string, unknown>>>)['schemas'] ?? {};
		assert.deepEqual(schemas['Event']?.['required'], ['a']);
		assert.deepEqual(Object.keys(schemas), ['Event', 'B', 'D', 'B1']);
		assert.deepEqual(schemas['D']?.['properties'], {b: {$ref: '#/components/schemas/B1'}});
	});

	it('describes an event that is not an object', () => {
		const content = parse(discoverSchema(['just a string']));
		assert.deepEqual((content['components'] as Record<string, unknown>)['schemas'], {Event: {type: 'string'}});
	});

	it('writes the same inference as JSON Schema draft 4', () => {
		assert.deepEqual(parse(discoverJsonSchema([{id: 'x', detail: {n: 1}}])), {
			$schema: 'http://json-schema.org/draft-04/schema#',
			title: 'Event',
			type: 'object',
			required: ['id', 'detail'],
			properties: {id: {type: 'string'}, detail: {$ref: '#/definitions/Detail'}},
			definitions: {Detail: {type: 'object', required: ['n'], properties: {n: {type: 'number'}}}},
		});
	});
});
