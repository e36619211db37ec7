// A function's versions and aliases: ListVersionsByFunction and ListAliases
// (every page), PublishVersion (with the CodeSha256 and RevisionId of $LATEST
// that were read, so that a change made meanwhile is refused instead of
// published unseen), DeleteFunction of one version, Create/Update/DeleteAlias
// (UpdateAlias with the alias's RevisionId), and the configuration of one
// version or alias (GetFunction with a Qualifier). Text from outside is
// cleaned of terminal control sequences.
import {
	CreateAliasCommand,
	DeleteAliasCommand,
	DeleteFunctionCommand,
	GetFunctionCommand,
	GetFunctionConfigurationCommand,
	ListAliasesCommand,
	ListVersionsByFunctionCommand,
	PublishVersionCommand,
	UpdateAliasCommand,
	type AliasConfiguration,
	type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import {newestFirst, type AliasSettings, type FunctionAlias, type FunctionVersion} from '../domain/aliases.js';
import type {FunctionDetail} from '../domain/function-model.js';
import {cleanText} from '../domain/sanitize.js';
import type {Clients} from './clients.js';
import {toDetail, toSummary} from './functions.js';

function toVersion(configuration: FunctionConfiguration): FunctionVersion {
	const summary = toSummary(configuration);
	return {
		version: cleanText(configuration.Version ?? '$LATEST'),
		arn: summary.arn,
		description: summary.description,
		lastModified: summary.lastModified,
		codeSha256: cleanText(configuration.CodeSha256 ?? ''),
		runtime: summary.runtime,
		memoryMb: summary.memoryMb,
		state: summary.state,
		revisionId: cleanText(configuration.RevisionId ?? ''),
	};
}

function toAlias(configuration: AliasConfiguration): FunctionAlias {
	const weights = Object.entries(configuration.RoutingConfig?.AdditionalVersionWeights ?? {});
	const first = weights[0];
	return {
		name: cleanText(configuration.Name ?? '?'),
		arn: cleanText(configuration.AliasArn ?? ''),
		functionVersion: cleanText(configuration.FunctionVersion ?? '?'),
		description: cleanText(configuration.Description ?? ''),
		additional: first === undefined ? undefined : {version: cleanText(first[0]), weight: first[1]},
		revisionId: cleanText(configuration.RevisionId ?? ''),
	};
}

/** $LATEST and every published version, every page, oldest first. */
export async function listVersions(clients: Clients, name: string, signal?: AbortSignal): Promise<FunctionVersion[]> {
	const versions: FunctionVersion[] = [];
	let marker: string | undefined;
	do {
		// eslint-disable-next-line no-await-in-loop
		const page = await clients.lambda.send(new ListVersionsByFunctionCommand({FunctionName: name, Marker: marker, MaxItems: 50}), {abortSignal: signal});
		versions.push(...(page.Versions ?? []).map(toVersion));
		marker = page.NextMarker;
	} while (marker && !signal?.aborted);
	return versions;
}

/**
 * Publishes $LATEST as it was read (its CodeSha256 and RevisionId): Lambda
 * refuses when it changed since. When nothing changed since the last version,
 * Lambda answers with that version instead of a new one.
 */
export async function publishVersion(
	clients: Clients,
	name: string,
	{description, codeSha256, revisionId}: {description: string; codeSha256: string; revisionId: string},
): Promise<FunctionVersion> {
	const output = await clients.lambda.send(
		new PublishVersionCommand({
			FunctionName: name,
			...(description === '' ? {} : {Description: description}),
			...(codeSha256 === '' ? {} : {CodeSha256: codeSha256}),
			...(revisionId === '' ? {} : {RevisionId: revisionId}),
		}),
	);
	return toVersion(output);
}

/** How many versions (the newest) have their State read one by one, and how many reads run at once. */
const stateReadsMax = 25;
const stateReadsAtOnce = 4;

/**
 * The versions with their State, which ListVersionsByFunction leaves out (as
 * ListFunctions does): read with GetFunctionConfiguration for $LATEST and the
 * newest versions, a few at a time; the others keep "-". A version that cannot
 * be read keeps "-" too.
 */
export async function withStates(clients: Clients, name: string, versions: readonly FunctionVersion[], signal?: AbortSignal): Promise<FunctionVersion[]> {
	const wanted = new Set(
		newestFirst(versions.filter((entry) => entry.state === '-'))
			.slice(0, stateReadsMax)
			.map((entry) => entry.version),
	);
	const states = new Map<string, string>();
	const queue = [...wanted];
	const worker = async (): Promise<void> => {
		for (let version = queue.shift(); version !== undefined && !signal?.aborted; version = queue.shift()) {
			try {
				// eslint-disable-next-line no-await-in-loop
				const output = await clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name, Qualifier: version}), {abortSignal: signal});
				if (output.State !== undefined) states.set(version, cleanText(output.State));
			} catch {
				// The list still shows the version, with its State unknown.
			}
		}
	};
	await Promise.all(Array.from({length: stateReadsAtOnce}, worker));
	return versions.map((entry) => {
		const state = states.get(entry.version);
		return state === undefined ? entry : {...entry, state};
	});
}

/** Deletes one published version (never $LATEST: that is the function). */
export async function deleteVersion(clients: Clients, name: string, version: string): Promise<void> {
	await clients.lambda.send(new DeleteFunctionCommand({FunctionName: name, Qualifier: version}));
}

/** Every alias of the function, every page. */
export async function listAliases(clients: Clients, name: string, signal?: AbortSignal): Promise<FunctionAlias[]> {
	const aliases: FunctionAlias[] = [];
	let marker: string | undefined;
	do {
		// eslint-disable-next-line no-await-in-loop
		const page = await clients.lambda.send(new ListAliasesCommand({FunctionName: name, Marker: marker, MaxItems: 50}), {abortSignal: signal});
		aliases.push(...(page.Aliases ?? []).map(toAlias));
		marker = page.NextMarker;
	} while (marker && !signal?.aborted);
	return aliases;
}

function routingConfig(settings: AliasSettings): {AdditionalVersionWeights: Record<string, number>} {
	return {AdditionalVersionWeights: settings.additional === undefined ? {} : {[settings.additional.version]: settings.additional.weight}};
}

export async function createAlias(clients: Clients, name: string, alias: string, settings: AliasSettings): Promise<FunctionAlias> {
	const output = await clients.lambda.send(
		new CreateAliasCommand({
			FunctionName: name,
			Name: alias,
			FunctionVersion: settings.functionVersion,
			Description: settings.description,
			...(settings.additional === undefined ? {} : {RoutingConfig: routingConfig(settings)}),
		}),
	);
	return toAlias(output);
}

/** Changes the alias as it was read (its RevisionId): Lambda refuses when someone changed it since. No second version removes the routing. */
export async function updateAlias(clients: Clients, name: string, alias: string, settings: AliasSettings, revisionId: string): Promise<FunctionAlias> {
	const output = await clients.lambda.send(
		new UpdateAliasCommand({
			FunctionName: name,
			Name: alias,
			FunctionVersion: settings.functionVersion,
			Description: settings.description,
			RoutingConfig: routingConfig(settings),
			...(revisionId === '' ? {} : {RevisionId: revisionId}),
		}),
	);
	return toAlias(output);
}

export async function deleteAlias(clients: Clients, name: string, alias: string): Promise<void> {
	await clients.lambda.send(new DeleteAliasCommand({FunctionName: name, Name: alias}));
}

/** The configuration of a version, or of the version an alias points to. */
export async function getQualifiedDetail(clients: Clients, name: string, qualifier: string, signal?: AbortSignal): Promise<FunctionDetail> {
	const output = await clients.lambda.send(new GetFunctionCommand({FunctionName: name, Qualifier: qualifier}), {abortSignal: signal});
	return toDetail(output);
}
