// Shareable test events, where the Lambda console keeps them: in the Amazon
// EventBridge schema registry "lambda-testevent-schemas", one OpenAPI 3
// schema per function named "_<FunctionName>-schema", each event an example
// of that schema (components.examples.<name>.value). The same convention as
// the SAM CLI's `sam remote test-event`. This module is the pure part: names,
// reading and changing a schema document, and inferring a new schema from
// events the way EventBridge's GetDiscoveredSchema does (the local Lambda
// answers GetDiscoveredSchema with it).

/** The registry the Lambda console keeps shareable test events in. */
export const testEventRegistry = 'lambda-testevent-schemas';
/** The schema type of a function's test events. */
export const testEventSchemaType = 'OpenApi3';
/** Versions of a function's schema kept: the oldest go before an update makes more. */
export const testEventSchemaVersionsMax = 5;
/** The longest schema Content the Schemas API takes (CreateSchema, UpdateSchema), in characters. */
export const schemaContentMaxLength = 100_000;

export function testEventSchemaName(functionName: string): string {
	return `_${functionName}-schema`;
}

export interface SharedTestEvent {
	name: string;
	/** The event, pretty-printed with 2 spaces. */
	json: string;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own member, also for a key like "__proto__" (a valid event name). */
function setOwn(object: JsonObject, key: string, value: unknown): void {
	Object.defineProperty(object, key, {value, enumerable: true, writable: true, configurable: true});
}

interface SchemaDocument {
	document: JsonObject;
	components: JsonObject;
}

/** The document and its components; throws a clear Error for anything else. */
function readDocument(content: string): SchemaDocument {
	let document: unknown;
	try {
		document = JSON.parse(content);
	} catch (error) {
		throw new Error(`The shared test events schema is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
	}
	if (!isObject(document)) throw new Error('The shared test events schema is not an OpenAPI document: it is not a JSON object.');
	const components = document['components'];
	if (!isObject(components)) throw new Error('The shared test events schema is not an OpenAPI document with components.');
	return {document, components};
}

function examplesOf(components: JsonObject): JsonObject {
	const examples = components['examples'];
	return isObject(examples) ? examples : {};
}

const byName = (left: SharedTestEvent, right: SharedTestEvent): number => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0);

/** The events a schema holds, by name; an example without a value is no event. */
export function eventsOfSchema(content: string): SharedTestEvent[] {
	const {components} = readDocument(content);
	const events: SharedTestEvent[] = [];
	for (const [name, example] of Object.entries(examplesOf(components))) {
		if (!isObject(example) || !('value' in example)) continue;
		events.push({name, json: JSON.stringify(example['value'], null, 2) ?? 'null'});
	}
	return events.sort(byName);
}

/** The schema with the event `name` added, or replaced in place when it is there. */
export function withEvent(content: string, name: string, event: unknown): string {
	const {document, components} = readDocument(content);
	const examples = examplesOf(components);
	setOwn(examples, name, {value: event});
	components['examples'] = examples;
	return JSON.stringify(document);
}

/** The schema without the event `name`; undefined when it was the last one (the schema is then deleted). */
export function withoutEvent(content: string, name: string): string | undefined {
	const {document, components} = readDocument(content);
	const examples = examplesOf(components);
	if (!Object.hasOwn(examples, name)) throw new Error(`The shared test events schema has no event named ${name}.`);
	delete examples[name];
	if (Object.keys(examples).length === 0) return undefined;
	components['examples'] = examples;
	return JSON.stringify(document);
}

// Schema inference. Every sample is folded into a shape; the shapes become
// named schemas: the root "Event", a nested object the PascalCase of its
// property ("requestContext" -> "RequestContext"), an array's objects the same
// name plus "Item". A property is required when every sample object has it.

type Shape =
	| {kind: 'object'; samples: number; properties: Map<string, {shape: Shape; seen: number}>}
	| {kind: 'array'; items: Shape | undefined}
	| {kind: 'string'; dateTime: boolean}
	| {kind: 'number'}
	| {kind: 'boolean'}
	| {kind: 'null'}
	| {kind: 'any'};

const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

function shapeOf(value: unknown): Shape {
	if (value === null || value === undefined) return {kind: 'null'};
	if (typeof value === 'string') return {kind: 'string', dateTime: dateTimePattern.test(value)};
	if (typeof value === 'number') return {kind: 'number'};
	if (typeof value === 'boolean') return {kind: 'boolean'};
	if (Array.isArray(value)) {
		let items: Shape | undefined;
		for (const item of value) items = items === undefined ? shapeOf(item) : merge(items, shapeOf(item));
		return {kind: 'array', items};
	}
	if (isObject(value)) {
		const properties = new Map<string, {shape: Shape; seen: number}>();
		for (const [key, member] of Object.entries(value)) properties.set(key, {shape: shapeOf(member), seen: 1});
		return {kind: 'object', samples: 1, properties};
	}
	return {kind: 'any'};
}

function merge(left: Shape, right: Shape): Shape {
	if (left.kind === 'null') return right;
	if (right.kind === 'null') return left;
	if (left.kind === 'object' && right.kind === 'object') {
		const properties = new Map(left.properties);
		for (const [key, member] of right.properties) {
			const existing = properties.get(key);
			properties.set(key, existing === undefined ? member : {shape: merge(existing.shape, member.shape), seen: existing.seen + member.seen});
		}
		return {kind: 'object', samples: left.samples + right.samples, properties};
	}
	if (left.kind === 'array' && right.kind === 'array') {
		const items = left.items === undefined ? right.items : right.items === undefined ? left.items : merge(left.items, right.items);
		return {kind: 'array', items};
	}
	if (left.kind === 'string' && right.kind === 'string') return {kind: 'string', dateTime: left.dateTime && right.dateTime};
	if (left.kind === right.kind) return left;
	return {kind: 'any'};
}

/** "requestContext" -> "RequestContext", "instance-id" -> "InstanceId". */
function pascalCase(key: string): string {
	const words = key.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
	const name = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
	return name === '' || /^[0-9]/.test(name) ? `Property${name}` : name;
}

class SchemaNamer {
	readonly schemas = new Map<string, JsonObject>();

	constructor(private readonly refPrefix: string) {}

	/** Reserves a name like `wanted` no other schema has. */
	reserve(wanted: string): string {
		let name = wanted;
		for (let suffix = 1; this.schemas.has(name); suffix += 1) name = `${wanted}${suffix}`;
		this.schemas.set(name, {});
		return name;
	}

	/** The schema of a value of this shape; objects become named schemas and are referenced. */
	schemaOf(shape: Shape, name: string): JsonObject {
		switch (shape.kind) {
			case 'object': {
				const reserved = this.reserve(name);
				this.schemas.set(reserved, this.objectSchema(shape));
				return {$ref: `${this.refPrefix}${reserved}`};
			}
			case 'array':
				return {type: 'array', items: shape.items === undefined || shape.items.kind === 'null' ? {type: 'object'} : this.schemaOf(shape.items, `${name}Item`)};
			case 'string':
				return shape.dateTime ? {type: 'string', format: 'date-time'} : {type: 'string'};
			case 'number':
				return {type: 'number'};
			case 'boolean':
				return {type: 'boolean'};
			case 'null':
			case 'any':
				return {};
		}
	}

	objectSchema(shape: Extract<Shape, {kind: 'object'}>): JsonObject {
		const required = [...shape.properties].filter(([, member]) => member.seen === shape.samples).map(([key]) => key);
		const properties: JsonObject = {};
		for (const [key, member] of shape.properties) setOwn(properties, key, this.schemaOf(member.shape, pascalCase(key)));
		return required.length > 0 ? {type: 'object', required, properties} : {type: 'object', properties};
	}

	/** The root schema "Event", first among the schemas. */
	root(shape: Shape): JsonObject {
		const name = this.reserve('Event');
		this.schemas.set(name, shape.kind === 'object' ? this.objectSchema(shape) : this.schemaOf(shape, 'EventItem'));
		return Object.fromEntries(this.schemas);
	}
}

function foldEvents(events: readonly unknown[]): Shape {
	let shape: Shape | undefined;
	for (const event of events) shape = shape === undefined ? shapeOf(event) : merge(shape, shapeOf(event));
	return shape ?? {kind: 'object', samples: 0, properties: new Map()};
}

/**
 * An OpenAPI 3.0.0 document for these events, as EventBridge's
 * GetDiscoveredSchema returns one: info {version 1.0.0, title Event}, no
 * paths, and components.schemas.Event inferred from the events.
 */
export function discoverSchema(events: readonly unknown[]): string {
	const schemas = new SchemaNamer('#/components/schemas/').root(foldEvents(events));
	const document = {openapi: '3.0.0', info: {version: '1.0.0', title: 'Event'}, paths: {}, components: {schemas}};
	return JSON.stringify(document, null, 2);
}

/** The same inference as a JSON Schema draft 4 document (GetDiscoveredSchema with Type JSONSchemaDraft4). */
export function discoverJsonSchema(events: readonly unknown[]): string {
	const schemas = new SchemaNamer('#/definitions/').root(foldEvents(events));
	const {Event: event, ...definitions} = schemas;
	const document: JsonObject = {$schema: 'http://json-schema.org/draft-04/schema#', title: 'Event', ...(isObject(event) ? event : {})};
	if (Object.keys(definitions).length > 0) document['definitions'] = definitions;
	return JSON.stringify(document, null, 2);
}
