// A function's file systems (FileSystemConfigs: an EFS access point and the
// path under /mnt it is mounted at). FunctionDetail does not carry them, so
// they are read here with GetFunctionConfiguration, with the RevisionId of
// that read; a change is one UpdateFunctionConfiguration that sends that
// RevisionId, so a change someone else made first is never overwritten
// silently. An empty list removes the function's file system.
import {GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand} from '@aws-sdk/client-lambda';
import type {FileSystemConfig} from '../domain/file-systems.js';
import {cleanText} from '../domain/sanitize.js';
import type {Clients} from './clients.js';

export interface FunctionFileSystems {
	configs: FileSystemConfig[];
	/** The RevisionId of the configuration these were read from. */
	revisionId: string;
}

export async function getFileSystems(clients: Clients, name: string, signal?: AbortSignal): Promise<FunctionFileSystems> {
	const configuration = await clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}), {abortSignal: signal});
	return {
		configs: (configuration.FileSystemConfigs ?? []).map((config) => ({arn: cleanText(config.Arn ?? ''), localMountPath: cleanText(config.LocalMountPath ?? '')})),
		revisionId: configuration.RevisionId ?? '',
	};
}

/** Sets the function's file systems ([] removes them) with the RevisionId that was read; the caller waits while Lambda applies it. */
export async function setFileSystems(clients: Clients, name: string, configs: readonly FileSystemConfig[], revisionId: string): Promise<void> {
	await clients.lambda.send(
		new UpdateFunctionConfigurationCommand({
			FunctionName: name,
			...(revisionId === '' ? {} : {RevisionId: revisionId}),
			FileSystemConfigs: configs.map((config) => ({Arn: config.arn, LocalMountPath: config.localMountPath})),
		}),
	);
}
