// Shareable test events through the EventBridge Schemas API, as the Lambda
// console and `sam remote test-event` keep them: the registry
// lambda-testevent-schemas, one OpenAPI 3 schema "_<function>-schema" per
// function, each event an example of it (see domain/shared-test-events.ts).
// Saving creates the registry when missing, and a new schema from
// GetDiscoveredSchema plus the event; an update first deletes the oldest
// versions so that at most 5 are kept; deleting the last event deletes the
// schema. The only code calling the Schemas API; the SDK module is loaded the
// first time one of these runs (the client comes from Clients.schemas()).
import type {SchemasClient} from '@aws-sdk/client-schemas';
import {
	eventsOfSchema,
	schemaContentMaxLength,
	testEventRegistry,
	testEventSchemaName,
	testEventSchemaType,
	testEventSchemaVersionsMax,
	withEvent,
	withoutEvent,
	type SharedTestEvent,
} from '../domain/shared-test-events.js';
import {loadSdk} from './clients.js';
import {errorName} from './errors.js';

const sdk = (): Promise<typeof import('@aws-sdk/client-schemas')> => loadSdk(import('@aws-sdk/client-schemas'));

/** The function's schema content, or undefined when the registry or the schema does not exist. */
async function readSchema(client: SchemasClient, functionName: string, signal?: AbortSignal): Promise<string | undefined> {
	const {DescribeSchemaCommand} = await sdk();
	try {
		const schema = await client.send(
			new DescribeSchemaCommand({RegistryName: testEventRegistry, SchemaName: testEventSchemaName(functionName)}),
			{abortSignal: signal},
		);
		return schema.Content ?? '';
	} catch (error) {
		if (errorName(error) === 'NotFoundException') return undefined;
		throw error;
	}
}

/** The function's shareable test events, by name; [] when the registry or the schema does not exist. */
export async function listSharedEvents(client: SchemasClient, functionName: string, signal?: AbortSignal): Promise<SharedTestEvent[]> {
	const content = await readSchema(client, functionName, signal);
	return content === undefined ? [] : eventsOfSchema(content);
}

function parseEvent(json: string, name: string): unknown {
	try {
		return JSON.parse(json) as unknown;
	} catch (error) {
		throw new Error(`The event ${name} is not valid JSON (${error instanceof Error ? error.message : String(error)}): fix it before saving.`);
	}
}

function checkSize(content: string, functionName: string): void {
	if (content.length <= schemaContentMaxLength) return;
	throw new Error(
		`The shareable events of ${functionName} would take ${content.length} characters, and the schema registry keeps at most ${schemaContentMaxLength}: make the event smaller, delete another shareable event, or save it as private.`,
	);
}

async function ensureRegistry(client: SchemasClient): Promise<void> {
	const {CreateRegistryCommand, DescribeRegistryCommand} = await sdk();
	try {
		await client.send(new DescribeRegistryCommand({RegistryName: testEventRegistry}));
		return;
	} catch (error) {
		if (errorName(error) !== 'NotFoundException') throw error;
	}
	try {
		await client.send(new CreateRegistryCommand({RegistryName: testEventRegistry}));
	} catch (error) {
		// Someone else created it meanwhile: that is all we wanted.
		if (errorName(error) !== 'ConflictException') throw error;
	}
}

/** Deletes the oldest versions of the schema so that one more leaves at most testEventSchemaVersionsMax. */
async function limitVersions(client: SchemasClient, schemaName: string): Promise<void> {
	const {DeleteSchemaVersionCommand, ListSchemaVersionsCommand} = await sdk();
	const versions: string[] = [];
	let token: string | undefined;
	do {
		// eslint-disable-next-line no-await-in-loop
		const page = await client.send(new ListSchemaVersionsCommand({RegistryName: testEventRegistry, SchemaName: schemaName, NextToken: token}));
		for (const version of page.SchemaVersions ?? []) if (version.SchemaVersion !== undefined) versions.push(version.SchemaVersion);
		token = page.NextToken;
	} while (token !== undefined && token !== '');
	versions.sort((left, right) => Number(left) - Number(right) || (left < right ? -1 : left > right ? 1 : 0));
	const excess = versions.length - (testEventSchemaVersionsMax - 1);
	for (const version of versions.slice(0, Math.max(0, excess))) {
		try {
			// eslint-disable-next-line no-await-in-loop
			await client.send(new DeleteSchemaVersionCommand({RegistryName: testEventRegistry, SchemaName: schemaName, SchemaVersion: version}));
		} catch (error) {
			// Another console deleted it first.
			if (errorName(error) !== 'NotFoundException') throw error;
		}
	}
}

async function updateSchema(client: SchemasClient, schemaName: string, content: string): Promise<void> {
	const {UpdateSchemaCommand} = await sdk();
	await limitVersions(client, schemaName);
	await client.send(new UpdateSchemaCommand({RegistryName: testEventRegistry, SchemaName: schemaName, Content: content, Type: testEventSchemaType}));
}

/**
 * Saves a shareable event: adds it, or replaces the one with the same name.
 * With previousName (a rename), the old one goes in the same update.
 */
export async function saveSharedEvent(client: SchemasClient, functionName: string, input: {name: string; json: string; previousName?: string}): Promise<void> {
	const event = parseEvent(input.json, input.name);
	// The schema holds the event and more: an event this large never fits.
	checkSize(JSON.stringify(event), functionName);
	const schemaName = testEventSchemaName(functionName);
	const existing = await readSchema(client, functionName);
	if (existing !== undefined) {
		await updateSchema(client, schemaName, changedContent(existing, input, event, functionName));
		return;
	}
	const {CreateSchemaCommand, GetDiscoveredSchemaCommand} = await sdk();
	await ensureRegistry(client);
	const discovered = await client.send(new GetDiscoveredSchemaCommand({Events: [JSON.stringify(event)], Type: testEventSchemaType}));
	const content = withEvent(discovered.Content ?? '', input.name, event);
	checkSize(content, functionName);
	try {
		await client.send(new CreateSchemaCommand({RegistryName: testEventRegistry, SchemaName: schemaName, Content: content, Type: testEventSchemaType}));
	} catch (error) {
		if (errorName(error) !== 'ConflictException') throw error;
		// Someone else saved the function's first shareable event meanwhile: add this one to theirs.
		const theirs = await readSchema(client, functionName);
		if (theirs === undefined) throw error;
		await updateSchema(client, schemaName, changedContent(theirs, input, event, functionName));
	}
}

/** The schema with the event saved; a renamed event's old name goes in the same change. */
function changedContent(content: string, input: {name: string; previousName?: string}, event: unknown, functionName: string): string {
	const previous = input.previousName;
	let changed = withEvent(content, input.name, event);
	if (previous !== undefined && previous !== input.name && eventsOfSchema(content).some((existing) => existing.name === previous)) {
		// The new name is in, so the old one is never the last event.
		changed = withoutEvent(changed, previous) ?? changed;
	}
	checkSize(changed, functionName);
	return changed;
}

/** Deletes a shareable event, and the function's schema with it when it was the last one. An event already gone is fine. */
export async function deleteSharedEvent(client: SchemasClient, functionName: string, name: string): Promise<void> {
	const content = await readSchema(client, functionName);
	if (content === undefined || !eventsOfSchema(content).some((event) => event.name === name)) return;
	const schemaName = testEventSchemaName(functionName);
	const remaining = withoutEvent(content, name);
	if (remaining !== undefined) {
		await updateSchema(client, schemaName, remaining);
		return;
	}
	const {DeleteSchemaCommand} = await sdk();
	try {
		await client.send(new DeleteSchemaCommand({RegistryName: testEventRegistry, SchemaName: schemaName}));
	} catch (error) {
		if (errorName(error) !== 'NotFoundException') throw error;
	}
}
