// Downloading a function, as the Lambda console's Download does: everything
// the SAM template describes is read (GetFunction, GetFunctionConcurrency,
// GetFunctionEventInvokeConfig, GetFunctionUrlConfig, ListEventSourceMappings,
// GetPolicy, GetFunctionCodeSigningConfig), the deployment package is fetched
// from Code.Location, and the files are written: NAME.zip and template.yaml.
import {
	GetFunctionCodeSigningConfigCommand,
	GetFunctionCommand,
	GetFunctionConcurrencyCommand,
	GetFunctionEventInvokeConfigCommand,
	GetFunctionUrlConfigCommand,
	GetPolicyCommand,
	paginateListEventSourceMappings,
	type EventSourceMappingConfiguration,
	type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import {access, mkdir, rename, writeFile} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import {stringify} from 'yaml';
import {parsePolicy} from '../domain/resource-policy.js';
import {codeFileName, samTemplate, templateFileName, type FunctionDescription, type MappingDescription, type SamExport} from '../domain/sam-template.js';
import type {Clients} from './clients.js';
import {unlessMissing} from './errors.js';

type LambdaClients = Pick<Clients, 'lambda'>;

export type ExportWhat = 'code' | 'template' | 'both';

function configurationOf(configuration: FunctionConfiguration, name: string): FunctionDescription['configuration'] {
	const out: FunctionDescription['configuration'] = {FunctionName: configuration.FunctionName ?? name, Role: configuration.Role ?? ''};
	if (configuration.FunctionArn !== undefined) out.FunctionArn = configuration.FunctionArn;
	if (configuration.Description !== undefined) out.Description = configuration.Description;
	if (configuration.Runtime !== undefined) out.Runtime = configuration.Runtime;
	if (configuration.Handler !== undefined) out.Handler = configuration.Handler;
	if (configuration.MemorySize !== undefined) out.MemorySize = configuration.MemorySize;
	if (configuration.Timeout !== undefined) out.Timeout = configuration.Timeout;
	if (configuration.Architectures !== undefined) out.Architectures = [...configuration.Architectures];
	if (configuration.EphemeralStorage?.Size !== undefined) out.EphemeralStorage = {Size: configuration.EphemeralStorage.Size};
	if (configuration.PackageType !== undefined) out.PackageType = configuration.PackageType;
	if (configuration.Environment?.Variables !== undefined) out.Environment = {...configuration.Environment.Variables};
	if (configuration.KMSKeyArn !== undefined) out.KMSKeyArn = configuration.KMSKeyArn;
	if (configuration.Layers !== undefined) out.Layers = configuration.Layers.map((layer) => layer.Arn ?? '').filter((arn) => arn !== '');
	const vpc = configuration.VpcConfig;
	if (vpc !== undefined && ((vpc.SubnetIds?.length ?? 0) > 0 || (vpc.SecurityGroupIds?.length ?? 0) > 0)) {
		out.VpcConfig = {SubnetIds: [...(vpc.SubnetIds ?? [])], SecurityGroupIds: [...(vpc.SecurityGroupIds ?? [])]};
		if (vpc.Ipv6AllowedForDualStack !== undefined) out.VpcConfig.Ipv6AllowedForDualStack = vpc.Ipv6AllowedForDualStack;
	}
	if (configuration.TracingConfig?.Mode !== undefined) out.TracingMode = configuration.TracingConfig.Mode;
	const logging = configuration.LoggingConfig;
	if (logging !== undefined) {
		out.LoggingConfig = {};
		if (logging.LogFormat !== undefined) out.LoggingConfig.LogFormat = logging.LogFormat;
		if (logging.ApplicationLogLevel !== undefined) out.LoggingConfig.ApplicationLogLevel = logging.ApplicationLogLevel;
		if (logging.SystemLogLevel !== undefined) out.LoggingConfig.SystemLogLevel = logging.SystemLogLevel;
		if (logging.LogGroup !== undefined) out.LoggingConfig.LogGroup = logging.LogGroup;
	}
	if (configuration.DeadLetterConfig?.TargetArn !== undefined) out.DeadLetterTargetArn = configuration.DeadLetterConfig.TargetArn;
	if (configuration.FileSystemConfigs !== undefined && configuration.FileSystemConfigs.length > 0) {
		out.FileSystemConfigs = configuration.FileSystemConfigs.map((each) => ({Arn: each.Arn ?? '', LocalMountPath: each.LocalMountPath ?? ''}));
	}
	return out;
}

/** A mapping as ListEventSourceMappings gives it, in the template's terms. */
export function mappingDescription(mapping: EventSourceMappingConfiguration): MappingDescription {
	const state = mapping.State ?? 'Enabled';
	const out: MappingDescription = {Enabled: state !== 'Disabled' && state !== 'Disabling'};
	if (mapping.EventSourceArn !== undefined) out.EventSourceArn = mapping.EventSourceArn;
	const servers = mapping.SelfManagedEventSource?.Endpoints?.['KAFKA_BOOTSTRAP_SERVERS'];
	if (servers !== undefined) out.KafkaBootstrapServers = [...servers];
	if (mapping.BatchSize !== undefined) out.BatchSize = mapping.BatchSize;
	if (mapping.MaximumBatchingWindowInSeconds !== undefined) out.MaximumBatchingWindowInSeconds = mapping.MaximumBatchingWindowInSeconds;
	if (mapping.StartingPosition !== undefined) out.StartingPosition = mapping.StartingPosition;
	if (mapping.StartingPositionTimestamp !== undefined) out.StartingPositionTimestamp = mapping.StartingPositionTimestamp.toISOString();
	const filters = mapping.FilterCriteria?.Filters?.map((filter) => filter.Pattern ?? '').filter((pattern) => pattern !== '');
	if (filters !== undefined && filters.length > 0) out.FilterPatterns = filters;
	const onFailure = mapping.DestinationConfig?.OnFailure?.Destination;
	if (onFailure !== undefined && onFailure !== '') out.OnFailureDestination = onFailure;
	if (mapping.Topics !== undefined && mapping.Topics.length > 0) out.Topics = [...mapping.Topics];
	if (mapping.Queues !== undefined && mapping.Queues.length > 0) out.Queues = [...mapping.Queues];
	if (mapping.ParallelizationFactor !== undefined) out.ParallelizationFactor = mapping.ParallelizationFactor;
	if (mapping.MaximumRetryAttempts !== undefined) out.MaximumRetryAttempts = mapping.MaximumRetryAttempts;
	if (mapping.MaximumRecordAgeInSeconds !== undefined) out.MaximumRecordAgeInSeconds = mapping.MaximumRecordAgeInSeconds;
	if (mapping.BisectBatchOnFunctionError !== undefined) out.BisectBatchOnFunctionError = mapping.BisectBatchOnFunctionError;
	if (mapping.TumblingWindowInSeconds !== undefined) out.TumblingWindowInSeconds = mapping.TumblingWindowInSeconds;
	if (mapping.FunctionResponseTypes !== undefined && mapping.FunctionResponseTypes.length > 0) out.FunctionResponseTypes = [...mapping.FunctionResponseTypes];
	if (mapping.SourceAccessConfigurations !== undefined && mapping.SourceAccessConfigurations.length > 0) {
		out.SourceAccessConfigurations = mapping.SourceAccessConfigurations.map((each) => ({Type: each.Type ?? '', URI: each.URI ?? ''}));
	}
	const documentDb = mapping.DocumentDBEventSourceConfig;
	if (documentDb !== undefined) {
		out.DocumentDB = {};
		if (documentDb.DatabaseName !== undefined) out.DocumentDB.DatabaseName = documentDb.DatabaseName;
		if (documentDb.CollectionName !== undefined) out.DocumentDB.CollectionName = documentDb.CollectionName;
		if (documentDb.FullDocument !== undefined) out.DocumentDB.FullDocument = documentDb.FullDocument;
	}
	if (mapping.ScalingConfig?.MaximumConcurrency !== undefined) out.MaximumConcurrency = mapping.ScalingConfig.MaximumConcurrency;
	const group = mapping.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId ?? mapping.SelfManagedKafkaEventSourceConfig?.ConsumerGroupId;
	if (group !== undefined) out.ConsumerGroupId = group;
	return out;
}

/** Every event source mapping of the function (its versions' and aliases' too), all pages, as Lambda gives them. */
export async function listMappingConfigurations(clients: LambdaClients, name: string, signal?: AbortSignal): Promise<EventSourceMappingConfiguration[]> {
	const found: EventSourceMappingConfiguration[] = [];
	const options = signal === undefined ? {} : {abortSignal: signal};
	for await (const page of paginateListEventSourceMappings({client: clients.lambda}, {FunctionName: name}, options)) found.push(...(page.EventSourceMappings ?? []));
	return found;
}

/** Everything the template of the function says, read from Lambda; and where its code can be downloaded. */
export async function readFunctionDescription(clients: LambdaClients, name: string, signal?: AbortSignal): Promise<{description: FunctionDescription; codeLocation: string | undefined}> {
	const options = signal === undefined ? {} : {abortSignal: signal};
	const lambda = clients.lambda;
	const functionOutput = await lambda.send(new GetFunctionCommand({FunctionName: name}), options);
	const configuration = functionOutput.Configuration;
	if (configuration === undefined) throw new Error(`Lambda returned no configuration for ${name}.`);
	const functionName = configuration.FunctionName ?? name;
	const [concurrency, invokeConfig, url, policy, signing, mappings] = await Promise.all([
		lambda.send(new GetFunctionConcurrencyCommand({FunctionName: functionName}), options),
		unlessMissing(lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: functionName}), options)),
		unlessMissing(lambda.send(new GetFunctionUrlConfigCommand({FunctionName: functionName}), options)),
		unlessMissing(lambda.send(new GetPolicyCommand({FunctionName: functionName}), options)),
		unlessMissing(lambda.send(new GetFunctionCodeSigningConfigCommand({FunctionName: functionName}), options)),
		listMappingConfigurations(clients, functionName, signal),
	]);
	const description: FunctionDescription = {
		configuration: configurationOf(configuration, name),
		tags: {...(functionOutput.Tags ?? {})},
		reservedConcurrency: concurrency.ReservedConcurrentExecutions,
		eventInvokeConfig: undefined,
		url: undefined,
		// Mappings of a version or alias are not the function's own.
		mappings: mappings.filter((mapping) => mapping.FunctionArn === undefined || mapping.FunctionArn === configuration.FunctionArn).map(mappingDescription),
		permissions: policy?.Policy === undefined ? [] : parsePolicy(policy.Policy),
	};
	if (signing?.CodeSigningConfigArn !== undefined && signing.CodeSigningConfigArn !== '') description.configuration.CodeSigningConfigArn = signing.CodeSigningConfigArn;
	if (functionOutput.Code?.ImageUri !== undefined) description.configuration.ImageUri = functionOutput.Code.ImageUri;
	if (invokeConfig !== undefined) {
		const config: NonNullable<FunctionDescription['eventInvokeConfig']> = {};
		if (invokeConfig.MaximumRetryAttempts !== undefined) config.MaximumRetryAttempts = invokeConfig.MaximumRetryAttempts;
		if (invokeConfig.MaximumEventAgeInSeconds !== undefined) config.MaximumEventAgeInSeconds = invokeConfig.MaximumEventAgeInSeconds;
		const onSuccess = invokeConfig.DestinationConfig?.OnSuccess?.Destination;
		const onFailure = invokeConfig.DestinationConfig?.OnFailure?.Destination;
		if (onSuccess !== undefined && onSuccess !== '') config.OnSuccess = onSuccess;
		if (onFailure !== undefined && onFailure !== '') config.OnFailure = onFailure;
		description.eventInvokeConfig = config;
	}
	if (url !== undefined && url.AuthType !== undefined) {
		description.url = {AuthType: url.AuthType};
		if (url.InvokeMode !== undefined) description.url.InvokeMode = url.InvokeMode;
		if (url.Cors !== undefined) {
			const cors: NonNullable<NonNullable<FunctionDescription['url']>['Cors']> = {};
			if (url.Cors.AllowCredentials !== undefined) cors.AllowCredentials = url.Cors.AllowCredentials;
			if (url.Cors.AllowHeaders !== undefined) cors.AllowHeaders = [...url.Cors.AllowHeaders];
			if (url.Cors.AllowMethods !== undefined) cors.AllowMethods = [...url.Cors.AllowMethods];
			if (url.Cors.AllowOrigins !== undefined) cors.AllowOrigins = [...url.Cors.AllowOrigins];
			if (url.Cors.ExposeHeaders !== undefined) cors.ExposeHeaders = [...url.Cors.ExposeHeaders];
			if (url.Cors.MaxAge !== undefined) cors.MaxAge = url.Cors.MaxAge;
			description.url.Cors = cors;
		}
	}
	return {description, codeLocation: configuration.PackageType === 'Image' ? undefined : functionOutput.Code?.Location};
}

/** The deployment package behind Code.Location (a presigned URL, valid for 10 minutes). */
export async function downloadCode(location: string, signal?: AbortSignal): Promise<Uint8Array> {
	const response = await fetch(location, signal === undefined ? {} : {signal});
	if (!response.ok) throw new Error(`Downloading the code failed: HTTP ${response.status} from ${new URL(location).host}. Try again (the link Lambda gives lasts 10 minutes).`);
	return new Uint8Array(await response.arrayBuffer());
}

/** The template as the YAML text that is written, headed by its comment. */
export function templateText(exported: SamExport): string {
	const comment = exported.header
		.split('\n')
		.map((line) => `# ${line}`)
		.join('\n');
	// Written for a YAML 1.1 reader (PyYAML, so SAM and cfn-lint): strings it would read as dates,
	// booleans or numbers (2010-09-09, on, yes, 0777) are quoted.
	const yaml = stringify(exported.template, {version: '1.1', lineWidth: 0, aliasDuplicateObjects: false});
	return `${comment}\n${yaml}`;
}

/** The files an export writes into the directory, for the question before overwriting. */
export function exportFileNames(functionName: string, what: ExportWhat): string[] {
	return [...(what === 'template' ? [] : [codeFileName(functionName)]), ...(what === 'code' ? [] : [templateFileName])];
}

/** Which of the files an export would write are already there. */
export async function existingExportFiles(directory: string, functionName: string, what: ExportWhat): Promise<string[]> {
	const found: string[] = [];
	for (const file of exportFileNames(functionName, what)) {
		const path = join(resolve(directory), file);
		if (await access(path).then(() => true, () => false)) found.push(path);
	}
	return found;
}

export type ExportProgress = 'reading' | 'downloading' | 'writing';

export interface ExportResult {
	/** The paths written, absolute. */
	written: string[];
	/** What the template could not say. */
	notes: string[];
}

async function writeAtomically(path: string, content: string | Uint8Array): Promise<void> {
	const temporary = `${path}.${process.pid}.tmp`;
	await writeFile(temporary, content);
	await rename(temporary, path);
}

/** Downloads the function into the directory: NAME.zip, template.yaml, or both (created if missing, files replaced). */
export async function exportFunction(
	clients: LambdaClients,
	name: string,
	options: {directory: string; what: ExportWhat; onProgress?: (step: ExportProgress) => void; signal?: AbortSignal},
): Promise<ExportResult> {
	const directory = resolve(options.directory);
	options.onProgress?.('reading');
	const {description, codeLocation} = await readFunctionDescription(clients, name, options.signal);
	const exported = samTemplate(description);
	const notes = [...exported.notes];
	let code: Uint8Array | undefined;
	if (options.what !== 'template') {
		if (codeLocation === undefined) {
			notes.push(`${description.configuration.FunctionName} is a container image (${description.configuration.ImageUri ?? 'no image URI'}): there is no .zip to download.`);
		} else {
			options.onProgress?.('downloading');
			code = await downloadCode(codeLocation, options.signal);
		}
	} else if (exported.codeFile !== undefined) {
		notes.push(`The template's CodeUri is ${exported.codeFile}: download the code too before deploying it.`);
	}
	options.onProgress?.('writing');
	await mkdir(directory, {recursive: true});
	const written: string[] = [];
	if (code !== undefined && exported.codeFile !== undefined) {
		const path = join(directory, exported.codeFile);
		await writeAtomically(path, code);
		written.push(path);
	}
	if (options.what !== 'code') {
		const path = join(directory, templateFileName);
		await writeAtomically(path, templateText(exported));
		written.push(path);
	}
	return {written, notes};
}
