// File systems on the local Lambda: the FileSystemConfigs member of
// CreateFunction and UpdateFunctionConfiguration (read, checked, kept in the
// function's record and frozen into its versions), its place in the
// configuration Lambda returns, and where each mount lives for a running
// function.
//
// Each access point's files are in DATA/file-systems/<access point ID>/, kept
// across invocations and restarts, and shared by every function that mounts
// the same access point (as on EFS). A function finds its mount through the
// environment variable mountVariableName(LocalMountPath) (LAMBDASH_MOUNT_EFS
// for /mnt/efs), set by the runtime (runtime/environment-variables.ts).

import {join} from 'node:path';
import {accessPointId, checkFileSystemConfigs, checkFileSystemNeedsVpc, type FileSystemConfig, type FileSystemSettings} from '../../domain/file-systems.js';
import type {Problem} from '../../domain/validate.js';
import type {FileSystemMount} from '../runtime/types.js';
import {badContent} from './errors.js';
import type {JsonObject} from './input.js';

declare module '../store/records.js' {
	interface FunctionRecord {
		/** FileSystemConfigs; undefined: none. */
		fileSystemConfigs?: FileSystemConfig[];
	}
	interface VersionRecord {
		/** The FileSystemConfigs the version was published with; undefined: none. */
		fileSystemConfigs?: FileSystemConfig[];
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalMember(entry: Record<string, unknown>, key: string, index: number): string | undefined {
	const value = entry[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw badContent(`Cannot deserialize member 'FileSystemConfigs.${index + 1}.${key}': expected a string`);
	return value;
}

/** The FileSystemConfigs member of a request; undefined when it was not given ([] removes the function's). */
export function readFileSystemConfigs(body: JsonObject): FileSystemSettings[] | undefined {
	const value = body['FileSystemConfigs'];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value)) throw badContent("Cannot deserialize member 'FileSystemConfigs': expected a list");
	return value.map((entry: unknown, index) => {
		if (!isObject(entry)) throw badContent(`Cannot deserialize member 'FileSystemConfigs.${index + 1}': expected an object`);
		const settings: FileSystemSettings = {};
		const arn = optionalMember(entry, 'Arn', index);
		const localMountPath = optionalMember(entry, 'LocalMountPath', index);
		if (arn !== undefined) settings.arn = arn;
		if (localMountPath !== undefined) settings.localMountPath = localMountPath;
		return settings;
	});
}

/** The model's constraints on a request's FileSystemConfigs (none when it was not given). */
export function fileSystemProblems(settings: readonly FileSystemSettings[] | undefined): Problem[] {
	return settings === undefined ? [] : checkFileSystemConfigs(settings);
}

/** Settings that passed fileSystemProblems, as the record keeps them. */
export function toFileSystemConfigs(settings: readonly FileSystemSettings[]): FileSystemConfig[] {
	return settings.map((entry) => ({arn: entry.arn ?? '', localMountPath: entry.localMountPath ?? ''}));
}

/** Lambda's rule that the function runs in a VPC, on its file systems and subnets as they will be. */
export function vpcRequirementProblems(configs: readonly FileSystemConfig[] | undefined, subnetIds: readonly string[] | undefined): Problem[] {
	return configs === undefined ? [] : checkFileSystemNeedsVpc(configs, subnetIds);
}

/** The configuration's FileSystemConfigs member, when the function has file systems. */
export function fileSystemFields(configs: readonly FileSystemConfig[] | undefined): Record<string, unknown> {
	if (configs === undefined || configs.length === 0) return {};
	return {FileSystemConfigs: configs.map((config) => ({Arn: config.arn, LocalMountPath: config.localMountPath}))};
}

/** The directory of the local Lambda that holds an access point's files. */
export function fileSystemDirectory(dataDir: string, arn: string): string {
	return join(dataDir, 'file-systems', accessPointId(arn));
}

/** What an execution environment of this configuration mounts. */
export function fileSystemMounts(dataDir: string, configs: readonly FileSystemConfig[] | undefined): FileSystemMount[] {
	return (configs ?? []).map((config) => ({localMountPath: config.localMountPath, directory: fileSystemDirectory(dataDir, config.arn)}));
}
