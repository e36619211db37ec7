// Listing and reading functions.
import {
	GetFunctionCommand,
	ListFunctionsCommand,
	type FunctionConfiguration,
	type GetFunctionCommandOutput,
} from '@aws-sdk/client-lambda';
import type {FunctionDetail, FunctionSummary} from '../domain/function-model.js';
import {parseLambdaTimestamp} from '../domain/format.js';
import {cleanText} from '../domain/sanitize.js';
import type {Clients} from './clients.js';

export function toSummary(configuration: FunctionConfiguration): FunctionSummary {
	const packageType = configuration.PackageType ?? 'Zip';
	return {
		name: cleanText(configuration.FunctionName ?? '?'),
		arn: cleanText(configuration.FunctionArn ?? ''),
		description: cleanText(configuration.Description ?? ''),
		runtime: cleanText(configuration.Runtime ?? (packageType === 'Image' ? 'image' : '-')),
		handler: cleanText(configuration.Handler ?? ''),
		memoryMb: configuration.MemorySize ?? 128,
		timeoutSeconds: configuration.Timeout ?? 3,
		codeSize: configuration.CodeSize ?? 0,
		lastModified: parseLambdaTimestamp(configuration.LastModified),
		state: cleanText(configuration.State ?? '-'),
		lastUpdateStatus: cleanText(configuration.LastUpdateStatus ?? '-'),
		packageType: cleanText(packageType),
		architectures: (configuration.Architectures ?? ['x86_64']).map((a) => cleanText(a)),
	};
}

/**
 * Every function of the account and region, a page at a time (Lambda returns at
 * most 50 a page), so the console can draw the first page while the rest loads.
 */
export async function* listFunctionPages(clients: Clients, signal?: AbortSignal): AsyncGenerator<FunctionSummary[]> {
	let marker: string | undefined;
	do {
		// eslint-disable-next-line no-await-in-loop
		const page = await clients.lambda.send(new ListFunctionsCommand({Marker: marker, MaxItems: 50}), {abortSignal: signal});
		yield (page.Functions ?? []).map(toSummary);
		marker = page.NextMarker;
	} while (marker && !signal?.aborted);
}

export function toDetail(output: GetFunctionCommandOutput): FunctionDetail {
	const configuration = output.Configuration ?? {};
	const tags: Record<string, string> = {};
	for (const [key, value] of Object.entries(output.Tags ?? {})) tags[cleanText(key)] = cleanText(value);
	return {
		...toSummary(configuration),
		role: cleanText(configuration.Role ?? ''),
		ephemeralStorageMb: configuration.EphemeralStorage?.Size ?? 512,
		codeSha256: cleanText(configuration.CodeSha256 ?? ''),
		stateReason: cleanText(configuration.StateReason ?? ''),
		lastUpdateStatusReason: cleanText(configuration.LastUpdateStatusReason ?? ''),
		layers: (configuration.Layers ?? []).map((layer) => ({arn: cleanText(layer.Arn ?? ''), codeSize: layer.CodeSize ?? 0})),
		environmentVariableCount: Object.keys(configuration.Environment?.Variables ?? {}).length,
		environment: {...configuration.Environment?.Variables},
		kmsKeyArn: cleanText(configuration.KMSKeyArn ?? ''),
		tracingMode: cleanText(configuration.TracingConfig?.Mode ?? 'PassThrough'),
		logging: {
			format: cleanText(configuration.LoggingConfig?.LogFormat ?? 'Text'),
			applicationLogLevel: cleanText(configuration.LoggingConfig?.ApplicationLogLevel ?? ''),
			systemLogLevel: cleanText(configuration.LoggingConfig?.SystemLogLevel ?? ''),
			logGroup: cleanText(configuration.LoggingConfig?.LogGroup ?? `/aws/lambda/${configuration.FunctionName ?? ''}`),
		},
		deadLetterTargetArn: cleanText(configuration.DeadLetterConfig?.TargetArn ?? ''),
		vpc: {
			subnetIds: (configuration.VpcConfig?.SubnetIds ?? []).map((id) => cleanText(id)),
			securityGroupIds: (configuration.VpcConfig?.SecurityGroupIds ?? []).map((id) => cleanText(id)),
			vpcId: cleanText(configuration.VpcConfig?.VpcId ?? ''),
			ipv6AllowedForDualStack: configuration.VpcConfig?.Ipv6AllowedForDualStack ?? false,
		},
		fileSystems: (configuration.FileSystemConfigs ?? []).map((config) => ({arn: cleanText(config.Arn ?? ''), localMountPath: cleanText(config.LocalMountPath ?? '')})),
		tags,
		reservedConcurrency: output.Concurrency?.ReservedConcurrentExecutions,
		revisionId: cleanText(configuration.RevisionId ?? ''),
		version: cleanText(configuration.Version ?? '$LATEST'),
		imageUri: output.Code?.ImageUri ? cleanText(output.Code.ImageUri) : undefined,
	};
}

/** A function's configuration, tags and reserved concurrency, in one call. */
export async function getFunctionDetail(clients: Clients, name: string, signal?: AbortSignal): Promise<FunctionDetail> {
	const output = await clients.lambda.send(new GetFunctionCommand({FunctionName: name}), {abortSignal: signal});
	return toDetail(output);
}
