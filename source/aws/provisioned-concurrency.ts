// Provisioned concurrency of a function's versions and aliases
// (List/Put/DeleteProvisionedConcurrencyConfig), mapped to plain data; and
// which versions and aliases may have it (published versions, and aliases
// that point to one without weights), for the console's form to offer.
import {
	DeleteProvisionedConcurrencyConfigCommand,
	ListAliasesCommand,
	ListProvisionedConcurrencyConfigsCommand,
	ListVersionsByFunctionCommand,
	PutProvisionedConcurrencyConfigCommand,
	type ProvisionedConcurrencyConfigListItem,
} from '@aws-sdk/client-lambda';
import {listProvisionedConcurrencyConfigsPageMax} from '../domain/provisioned-concurrency.js';
import {cleanText} from '../domain/sanitize.js';
import type {Clients} from './clients.js';

/** One version's or alias's provisioned concurrency, as Lambda reports it. */
export interface ProvisionedConcurrencyConfig {
	/** The version number or alias name. */
	qualifier: string;
	requested: number;
	/** Environments that exist (initialising or initialised). */
	allocated: number;
	/** Environments initialised and ready for invocations. */
	available: number;
	/** IN_PROGRESS, READY or FAILED. */
	status: string;
	/** Why a FAILED allocation failed; "" otherwise. */
	statusReason: string;
	lastModified: string;
}

/** A version or alias that may have provisioned concurrency. */
export interface ProvisionableQualifier {
	qualifier: string;
	kind: 'version' | 'alias';
	/** The version an alias points to; the version itself for a version. */
	version: string;
}

/** The qualifier of a qualified function ARN (arn:aws:lambda:region:account:function:name:qualifier). */
export function qualifierOfArn(arn: string): string {
	const parts = arn.split(':');
	return parts.length >= 8 ? (parts[7] ?? '') : '';
}

function toConfig(item: ProvisionedConcurrencyConfigListItem, qualifier: string): ProvisionedConcurrencyConfig {
	return {
		qualifier: cleanText(qualifier),
		requested: item.RequestedProvisionedConcurrentExecutions ?? 0,
		allocated: item.AllocatedProvisionedConcurrentExecutions ?? 0,
		available: item.AvailableProvisionedConcurrentExecutions ?? 0,
		status: cleanText(item.Status ?? 'IN_PROGRESS'),
		statusReason: cleanText(item.StatusReason ?? ''),
		lastModified: cleanText(item.LastModified ?? ''),
	};
}

const byQualifier = (a: ProvisionedConcurrencyConfig, b: ProvisionedConcurrencyConfig): number => {
	const numeric = /^\d+$/;
	if (numeric.test(a.qualifier) && numeric.test(b.qualifier)) return Number(a.qualifier) - Number(b.qualifier);
	if (numeric.test(a.qualifier) !== numeric.test(b.qualifier)) return numeric.test(a.qualifier) ? -1 : 1;
	return a.qualifier < b.qualifier ? -1 : a.qualifier > b.qualifier ? 1 : 0;
};

/** Every provisioned concurrency configuration of the function: versions first (by number), then aliases. */
export async function listProvisionedConcurrency(clients: Clients, name: string, signal?: AbortSignal): Promise<ProvisionedConcurrencyConfig[]> {
	const configs: ProvisionedConcurrencyConfig[] = [];
	let marker: string | undefined;
	do {
		const page = await clients.lambda.send(
			new ListProvisionedConcurrencyConfigsCommand({FunctionName: name, Marker: marker, MaxItems: listProvisionedConcurrencyConfigsPageMax}),
			{abortSignal: signal},
		);
		for (const item of page.ProvisionedConcurrencyConfigs ?? []) configs.push(toConfig(item, qualifierOfArn(item.FunctionArn ?? '')));
		marker = page.NextMarker;
	} while (marker && !signal?.aborted);
	return configs.sort(byQualifier);
}

/** Asks for `count` environments for the version or alias (a new configuration, or a new count); Lambda starts allocating them. */
export async function putProvisionedConcurrency(clients: Clients, name: string, qualifier: string, count: number): Promise<ProvisionedConcurrencyConfig> {
	const output = await clients.lambda.send(
		new PutProvisionedConcurrencyConfigCommand({FunctionName: name, Qualifier: qualifier, ProvisionedConcurrentExecutions: count}),
	);
	return toConfig(output, qualifier);
}

/** Removes the version's or alias's provisioned concurrency: its environments stop. */
export async function deleteProvisionedConcurrency(clients: Clients, name: string, qualifier: string): Promise<void> {
	await clients.lambda.send(new DeleteProvisionedConcurrencyConfigCommand({FunctionName: name, Qualifier: qualifier}));
}

/**
 * The versions and aliases that may have provisioned concurrency: published
 * versions (not $LATEST) and aliases pointing to one without weights, as
 * Lambda allows it. Versions by number, then aliases by name.
 */
export async function listProvisionableQualifiers(clients: Clients, name: string, signal?: AbortSignal): Promise<ProvisionableQualifier[]> {
	const versions: ProvisionableQualifier[] = [];
	let marker: string | undefined;
	do {
		const page = await clients.lambda.send(new ListVersionsByFunctionCommand({FunctionName: name, Marker: marker, MaxItems: 50}), {abortSignal: signal});
		for (const version of page.Versions ?? []) {
			const number = version.Version ?? '$LATEST';
			if (/^\d+$/.test(number)) versions.push({qualifier: number, kind: 'version', version: number});
		}
		marker = page.NextMarker;
	} while (marker && !signal?.aborted);
	const aliases: ProvisionableQualifier[] = [];
	let aliasMarker: string | undefined;
	do {
		const page = await clients.lambda.send(new ListAliasesCommand({FunctionName: name, Marker: aliasMarker, MaxItems: 50}), {abortSignal: signal});
		for (const alias of page.Aliases ?? []) {
			const weighted = Object.keys(alias.RoutingConfig?.AdditionalVersionWeights ?? {}).length > 0;
			const version = alias.FunctionVersion ?? '$LATEST';
			if (alias.Name !== undefined && !weighted && /^\d+$/.test(version)) {
				aliases.push({qualifier: cleanText(alias.Name), kind: 'alias', version: cleanText(version)});
			}
		}
		aliasMarker = page.NextMarker;
	} while (aliasMarker && !signal?.aborted);
	versions.sort((a, b) => Number(a.qualifier) - Number(b.qualifier));
	aliases.sort((a, b) => (a.qualifier < b.qualifier ? -1 : a.qualifier > b.qualifier ? 1 : 0));
	return [...versions, ...aliases];
}
