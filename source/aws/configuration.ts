// Changing a function's configuration: one UpdateFunctionConfiguration with
// the RevisionId the console read (so a change someone else made first is
// never overwritten silently), then waiting while Lambda applies it
// (LastUpdateStatus InProgress). Tags, which have no RevisionId, too.
import {
	GetFunctionConfigurationCommand,
	TagResourceCommand,
	UntagResourceCommand,
	UpdateFunctionConfigurationCommand,
	type UpdateFunctionConfigurationCommandInput,
} from '@aws-sdk/client-lambda';
import type {ConfigurationChange} from '../domain/function-model.js';
import {cleanText} from '../domain/sanitize.js';
import type {Clients} from './clients.js';

export function updateRequest(name: string, revisionId: string, change: ConfigurationChange): UpdateFunctionConfigurationCommandInput {
	const request: UpdateFunctionConfigurationCommandInput = {FunctionName: name};
	if (revisionId !== '') request.RevisionId = revisionId;
	if (change.description !== undefined) request.Description = change.description;
	if (change.handler !== undefined) request.Handler = change.handler;
	if (change.runtime !== undefined) request.Runtime = change.runtime as UpdateFunctionConfigurationCommandInput['Runtime'];
	if (change.memoryMb !== undefined) request.MemorySize = change.memoryMb;
	if (change.timeoutSeconds !== undefined) request.Timeout = change.timeoutSeconds;
	if (change.ephemeralStorageMb !== undefined) request.EphemeralStorage = {Size: change.ephemeralStorageMb};
	if (change.environment !== undefined) request.Environment = {Variables: change.environment};
	if (change.kmsKeyArn !== undefined) request.KMSKeyArn = change.kmsKeyArn;
	if (change.tracingMode !== undefined) request.TracingConfig = {Mode: change.tracingMode as 'Active' | 'PassThrough'};
	if (change.layers !== undefined) request.Layers = change.layers;
	if (change.fileSystems !== undefined) request.FileSystemConfigs = change.fileSystems.map((config) => ({Arn: config.arn, LocalMountPath: config.localMountPath}));
	if (change.deadLetterTargetArn !== undefined) request.DeadLetterConfig = {TargetArn: change.deadLetterTargetArn};
	if (change.logging !== undefined) {
		const logging: NonNullable<UpdateFunctionConfigurationCommandInput['LoggingConfig']> = {LogFormat: change.logging.format as 'Text' | 'JSON'};
		if (change.logging.applicationLogLevel) logging.ApplicationLogLevel = change.logging.applicationLogLevel as 'INFO';
		if (change.logging.systemLogLevel) logging.SystemLogLevel = change.logging.systemLogLevel as 'INFO';
		if (change.logging.logGroup) logging.LogGroup = change.logging.logGroup;
		request.LoggingConfig = logging;
	}
	if (change.vpc !== undefined) {
		request.VpcConfig = {
			SubnetIds: change.vpc.subnetIds,
			SecurityGroupIds: change.vpc.securityGroupIds,
			Ipv6AllowedForDualStack: change.vpc.ipv6AllowedForDualStack,
		};
	}
	return request;
}

/** Sends the change with the RevisionId that was read; a PreconditionFailedException means someone else changed the function first. */
export async function updateConfiguration(clients: Clients, name: string, revisionId: string, change: ConfigurationChange): Promise<void> {
	await clients.lambda.send(new UpdateFunctionConfigurationCommand(updateRequest(name, revisionId, change)));
}

export interface UpdateOutcome {
	status: string;
	reason: string;
}

/** Waits while Lambda applies an update (LastUpdateStatus InProgress), then says how it ended. */
export async function waitUntilUpdated(clients: Clients, name: string, intervalMs = 500, timeoutMs = 120_000): Promise<UpdateOutcome> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		// eslint-disable-next-line no-await-in-loop
		const configuration = await clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}));
		const status = configuration.LastUpdateStatus ?? 'Successful';
		if (status !== 'InProgress' || Date.now() > deadline) {
			return {status: cleanText(status), reason: cleanText(configuration.LastUpdateStatusReason ?? '')};
		}
		// eslint-disable-next-line no-await-in-loop
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

export async function tagFunction(clients: Clients, arn: string, tags: Record<string, string>): Promise<void> {
	await clients.lambda.send(new TagResourceCommand({Resource: arn, Tags: tags}));
}

export async function untagFunction(clients: Clients, arn: string, keys: string[]): Promise<void> {
	await clients.lambda.send(new UntagResourceCommand({Resource: arn, TagKeys: keys}));
}
