// Asynchronous invocation settings of a function (its EventInvokeConfig):
// retries, maximum event age and the destinations on success and on failure,
// read and changed through Get/Put/Update/DeleteFunctionEventInvokeConfig.
// These operations take no RevisionId. A function that has no configuration
// is not an error here: it is handled with Lambda's defaults (2 retries,
// 6 hours, no destinations), and reads back as such.
import {
	DeleteFunctionEventInvokeConfigCommand,
	GetFunctionEventInvokeConfigCommand,
	PutFunctionEventInvokeConfigCommand,
	UpdateFunctionEventInvokeConfigCommand,
	type DestinationConfig,
	type FunctionEventInvokeConfig,
	type PutFunctionEventInvokeConfigCommandInput,
} from '@aws-sdk/client-lambda';
import type {AsyncSettings} from '../domain/async-config.js';
import {cleanText} from '../domain/sanitize.js';
import type {Clients} from './clients.js';
import {errorName} from './errors.js';

export interface EventInvokeConfig {
	/** false: the function (or version, or alias) has no EventInvokeConfig, and Lambda's defaults apply. */
	configured: boolean;
	/** What is configured; a member left out is Lambda's default (no destination, for a destination). */
	settings: AsyncSettings;
	lastModified: Date | undefined;
}

const defaults: EventInvokeConfig = {configured: false, settings: {}, lastModified: undefined};

function toConfig(output: FunctionEventInvokeConfig): EventInvokeConfig {
	const settings: AsyncSettings = {};
	if (output.MaximumRetryAttempts !== undefined) settings.maximumRetryAttempts = output.MaximumRetryAttempts;
	if (output.MaximumEventAgeInSeconds !== undefined) settings.maximumEventAgeInSeconds = output.MaximumEventAgeInSeconds;
	const onSuccess = output.DestinationConfig?.OnSuccess?.Destination;
	const onFailure = output.DestinationConfig?.OnFailure?.Destination;
	if (onSuccess) settings.onSuccess = cleanText(onSuccess);
	if (onFailure) settings.onFailure = cleanText(onFailure);
	return {configured: true, settings, lastModified: output.LastModified};
}

function target(name: string, qualifier: string | undefined): {FunctionName: string; Qualifier?: string} {
	return qualifier === undefined ? {FunctionName: name} : {FunctionName: name, Qualifier: qualifier};
}

/** The request members of settings; a destination of "" is sent as given (Update reads it as "remove"). */
function members(settings: AsyncSettings): Omit<PutFunctionEventInvokeConfigCommandInput, 'FunctionName' | 'Qualifier'> {
	const request: Omit<PutFunctionEventInvokeConfigCommandInput, 'FunctionName' | 'Qualifier'> = {};
	if (settings.maximumRetryAttempts !== undefined) request.MaximumRetryAttempts = settings.maximumRetryAttempts;
	if (settings.maximumEventAgeInSeconds !== undefined) request.MaximumEventAgeInSeconds = settings.maximumEventAgeInSeconds;
	if (settings.onSuccess !== undefined || settings.onFailure !== undefined) {
		const destinations: DestinationConfig = {};
		if (settings.onSuccess !== undefined) destinations.OnSuccess = {Destination: settings.onSuccess};
		if (settings.onFailure !== undefined) destinations.OnFailure = {Destination: settings.onFailure};
		request.DestinationConfig = destinations;
	}
	return request;
}

/** The settings, without the destinations that are "" (none): what a Put of them means. */
function withoutEmptyDestinations(settings: AsyncSettings): AsyncSettings {
	const kept: AsyncSettings = {...settings};
	if (kept.onSuccess === '') delete kept.onSuccess;
	if (kept.onFailure === '') delete kept.onFailure;
	return kept;
}

/** The configuration of the function ($LATEST when no qualifier), or Lambda's defaults when it has none. */
export async function getEventInvokeConfig(clients: Clients, name: string, qualifier?: string, signal?: AbortSignal): Promise<EventInvokeConfig> {
	try {
		const output = await clients.lambda.send(new GetFunctionEventInvokeConfigCommand(target(name, qualifier)), {abortSignal: signal});
		return toConfig(output);
	} catch (error) {
		// "The function ... doesn't have an EventInvokeConfig": nothing configured, so the defaults apply.
		if (errorName(error) === 'ResourceNotFoundException') return defaults;
		throw error;
	}
}

/** Replaces the configuration with exactly these settings (what is left out goes back to Lambda's default). */
export async function putEventInvokeConfig(clients: Clients, name: string, settings: AsyncSettings, qualifier?: string): Promise<EventInvokeConfig> {
	const output = await clients.lambda.send(
		new PutFunctionEventInvokeConfigCommand({...target(name, qualifier), ...members(withoutEmptyDestinations(settings))}),
	);
	return toConfig(output);
}

/** Changes only the settings given, of a configuration that exists; a destination of "" removes it. */
export async function updateEventInvokeConfig(clients: Clients, name: string, change: AsyncSettings, qualifier?: string): Promise<EventInvokeConfig> {
	const output = await clients.lambda.send(new UpdateFunctionEventInvokeConfigCommand({...target(name, qualifier), ...members(change)}));
	return toConfig(output);
}

/** Removes the configuration: the function goes back to Lambda's defaults. */
export async function deleteEventInvokeConfig(clients: Clients, name: string, qualifier?: string): Promise<void> {
	await clients.lambda.send(new DeleteFunctionEventInvokeConfigCommand(target(name, qualifier)));
}

/**
 * Applies a change the way the Lambda console does: an Update of the settings
 * given when a configuration exists; when there is none (or someone deleted it
 * meanwhile), a Put of them, so everything else keeps Lambda's defaults.
 */
export async function changeEventInvokeConfig(clients: Clients, name: string, change: AsyncSettings, qualifier?: string): Promise<EventInvokeConfig> {
	try {
		return await updateEventInvokeConfig(clients, name, change, qualifier);
	} catch (error) {
		if (errorName(error) !== 'ResourceNotFoundException') throw error;
		const put = withoutEmptyDestinations(change);
		// Only destinations removed, and there is no configuration: nothing is left to remove.
		if (Object.keys(put).length === 0) {
			if (error instanceof Error && error.message.includes('EventInvokeConfig')) return defaults;
			throw error;
		}
		return putEventInvokeConfig(clients, name, put, qualifier);
	}
}
