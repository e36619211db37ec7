// Code signing: the account's code signing configurations (list, create,
// update) and the one a function has (get, attach, detach), mapped to plain
// values. Lambda checks each deployment against the attached configuration:
// its allowed publishers (signing profile version ARNs) and what to do with
// code they did not sign (Warn lets it through, Enforce refuses it).
import {
	CreateCodeSigningConfigCommand,
	DeleteFunctionCodeSigningConfigCommand,
	GetCodeSigningConfigCommand,
	GetFunctionCodeSigningConfigCommand,
	ListCodeSigningConfigsCommand,
	PutFunctionCodeSigningConfigCommand,
	UpdateCodeSigningConfigCommand,
	type CodeSigningConfig,
} from '@aws-sdk/client-lambda';
import {parseLambdaTimestamp} from '../domain/format.js';
import {cleanText} from '../domain/sanitize.js';
import type {Clients} from './clients.js';

export type UntrustedArtifactPolicy = 'Warn' | 'Enforce';
export const untrustedArtifactPolicies: readonly UntrustedArtifactPolicy[] = ['Warn', 'Enforce'];

export interface CodeSigningConfigSummary {
	arn: string;
	/** csc- and 17 letters and digits. */
	id: string;
	description: string;
	/** The allowed publishers: signing profile version ARNs. */
	signingProfileVersionArns: string[];
	untrustedArtifactOnDeployment: UntrustedArtifactPolicy;
	lastModified: Date | undefined;
}

/** What a create or an update sets. */
export interface CodeSigningConfigInput {
	description: string;
	signingProfileVersionArns: string[];
	untrustedArtifactOnDeployment: UntrustedArtifactPolicy;
}

export function toCodeSigningConfig(config: CodeSigningConfig): CodeSigningConfigSummary {
	return {
		arn: cleanText(config.CodeSigningConfigArn ?? ''),
		id: cleanText(config.CodeSigningConfigId ?? ''),
		description: cleanText(config.Description ?? ''),
		signingProfileVersionArns: (config.AllowedPublishers?.SigningProfileVersionArns ?? []).map((arn) => cleanText(arn)),
		// Lambda's default, when a configuration does not say.
		untrustedArtifactOnDeployment: config.CodeSigningPolicies?.UntrustedArtifactOnDeployment === 'Enforce' ? 'Enforce' : 'Warn',
		lastModified: parseLambdaTimestamp(config.LastModified),
	};
}

function request(input: CodeSigningConfigInput) {
	return {
		Description: input.description,
		AllowedPublishers: {SigningProfileVersionArns: input.signingProfileVersionArns},
		CodeSigningPolicies: {UntrustedArtifactOnDeployment: input.untrustedArtifactOnDeployment},
	};
}

/** Every code signing configuration of the account and region, oldest first as Lambda lists them (every page). */
export async function listCodeSigningConfigs(clients: Clients, signal?: AbortSignal): Promise<CodeSigningConfigSummary[]> {
	const configs: CodeSigningConfigSummary[] = [];
	let marker: string | undefined;
	do {
		// eslint-disable-next-line no-await-in-loop
		const page = await clients.lambda.send(new ListCodeSigningConfigsCommand({Marker: marker, MaxItems: 50}), {abortSignal: signal});
		configs.push(...(page.CodeSigningConfigs ?? []).map(toCodeSigningConfig));
		marker = page.NextMarker;
	} while (marker !== undefined && marker !== '' && !signal?.aborted);
	return configs;
}

export async function getCodeSigningConfig(clients: Clients, arn: string, signal?: AbortSignal): Promise<CodeSigningConfigSummary> {
	const output = await clients.lambda.send(new GetCodeSigningConfigCommand({CodeSigningConfigArn: arn}), {abortSignal: signal});
	if (output.CodeSigningConfig === undefined) throw new Error(`Lambda returned no code signing configuration for ${cleanText(arn)}: press r to refresh.`);
	return toCodeSigningConfig(output.CodeSigningConfig);
}

/** The ARN of the configuration the function has; undefined when it has none. */
export async function getFunctionCodeSigningConfigArn(clients: Clients, name: string, signal?: AbortSignal): Promise<string | undefined> {
	const output = await clients.lambda.send(new GetFunctionCodeSigningConfigCommand({FunctionName: name}), {abortSignal: signal});
	const arn = cleanText(output.CodeSigningConfigArn ?? '');
	return arn === '' ? undefined : arn;
}

export async function createCodeSigningConfig(clients: Clients, input: CodeSigningConfigInput): Promise<CodeSigningConfigSummary> {
	const output = await clients.lambda.send(new CreateCodeSigningConfigCommand(request(input)));
	if (output.CodeSigningConfig === undefined) throw new Error('Lambda created the code signing configuration but did not return it: press r to refresh.');
	return toCodeSigningConfig(output.CodeSigningConfig);
}

export async function updateCodeSigningConfig(clients: Clients, arn: string, input: CodeSigningConfigInput): Promise<CodeSigningConfigSummary> {
	const output = await clients.lambda.send(new UpdateCodeSigningConfigCommand({CodeSigningConfigArn: arn, ...request(input)}));
	if (output.CodeSigningConfig === undefined) throw new Error('Lambda updated the code signing configuration but did not return it: press r to refresh.');
	return toCodeSigningConfig(output.CodeSigningConfig);
}

/** Attaches a configuration to the function (replacing the one it had): its next deployments are checked against it. */
export async function attachCodeSigningConfig(clients: Clients, name: string, arn: string): Promise<void> {
	await clients.lambda.send(new PutFunctionCodeSigningConfigCommand({FunctionName: name, CodeSigningConfigArn: arn}));
}

/** Removes the function's configuration: its deployments are no longer checked. */
export async function detachCodeSigningConfig(clients: Clients, name: string): Promise<void> {
	await clients.lambda.send(new DeleteFunctionCodeSigningConfigCommand({FunctionName: name}));
}
