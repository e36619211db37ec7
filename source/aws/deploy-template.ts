// `lambdash deploy`'s work: a deploy plan (domain/sam-deploy-plan.ts) carried
// out through the Lambda API. Layers are published unless their latest
// version already has the same content; a function is created, or updated
// (UpdateFunctionCode when the package differs, UpdateFunctionConfiguration
// when the configuration does, each waited for); then its tags, reserved
// concurrency, event invoke config, URL, permissions and event source
// mappings are made to be what the template says. A second run changes
// nothing.
import {createHash} from 'node:crypto';
import {readdir, readFile, stat} from 'node:fs/promises';
import {isAbsolute, join, relative, resolve, sep} from 'node:path';
import {
	AddPermissionCommand,
	CreateEventSourceMappingCommand,
	CreateFunctionCommand,
	CreateFunctionUrlConfigCommand,
	DeleteEventSourceMappingCommand,
	DeleteFunctionCodeSigningConfigCommand,
	DeleteFunctionConcurrencyCommand,
	DeleteFunctionEventInvokeConfigCommand,
	DeleteFunctionUrlConfigCommand,
	GetEventSourceMappingCommand,
	GetFunctionCodeSigningConfigCommand,
	GetFunctionCommand,
	GetFunctionConcurrencyCommand,
	GetFunctionConfigurationCommand,
	GetFunctionEventInvokeConfigCommand,
	GetFunctionUrlConfigCommand,
	GetLayerVersionCommand,
	GetPolicyCommand,
	ListLayerVersionsCommand,
	PublishLayerVersionCommand,
	PutFunctionCodeSigningConfigCommand,
	PutFunctionConcurrencyCommand,
	PutFunctionEventInvokeConfigCommand,
	RemovePermissionCommand,
	TagResourceCommand,
	UntagResourceCommand,
	UpdateEventSourceMappingCommand,
	UpdateFunctionCodeCommand,
	UpdateFunctionConfigurationCommand,
	UpdateFunctionUrlConfigCommand,
	type Architecture,
	type CreateEventSourceMappingCommandInput,
	type CreateFunctionCommandInput,
	type FunctionConfiguration,
	type Runtime,
	type UpdateEventSourceMappingCommandInput,
	type UpdateFunctionConfigurationCommandInput,
} from '@aws-sdk/client-lambda';
import {buildPackage, zipFiles, type PackageFile} from '../domain/code-package.js';
import {parsePolicy, type PermissionStatement} from '../domain/resource-policy.js';
import type {CodeSource, DeployPlan, FunctionStep, LayerStep, PermissionStep} from '../domain/sam-deploy-plan.js';
import {isReservedTag, type MappingDescription} from '../domain/sam-template.js';
import type {Clients} from './clients.js';
import {unlessMissing} from './errors.js';
import {listMappingConfigurations, mappingDescription} from './export-function.js';

type LambdaClients = Pick<Clients, 'lambda'>;

const pollMs = 200;
const waitMs = 300_000;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Every file under the directory, zipped as SAM packages a CodeUri directory (executable bits kept, a fixed date so the same files give the same package). */
async function zipDirectory(directory: string): Promise<Uint8Array> {
	const files: PackageFile[] = [];
	const walk = async (folder: string): Promise<void> => {
		const found = await readdir(folder, {withFileTypes: true});
		found.sort((a, b) => a.name.localeCompare(b.name));
		for (const entry of found) {
			const full = join(folder, entry.name);
			if (entry.isDirectory()) await walk(full);
			else if (entry.isFile()) {
				const mode = (await stat(full)).mode & 0o777;
				const path = relative(directory, full).split(sep).join('/');
				files.push({path, data: new Uint8Array(await readFile(full)), mode: (mode & 0o111) !== 0 ? 0o100755 : 0o100644});
			}
		}
	};
	await walk(directory);
	if (files.length === 0) throw new Error(`${directory} is empty: there is no code to deploy.`);
	return buildPackage(files, 9);
}

function inlineFileName(runtime: string | undefined): string {
	if (runtime?.startsWith('python') === true) return 'index.py';
	if (runtime?.startsWith('nodejs') === true) return 'index.js';
	return 'bootstrap';
}

/** The deployment package of a CodeUri or ContentUri, read relative to the template's directory. */
export async function packageOf(source: CodeSource, templateDirectory: string, runtime?: string): Promise<Uint8Array> {
	switch (source.kind) {
		case 'zip': {
			const path = isAbsolute(source.path) ? source.path : resolve(templateDirectory, source.path);
			return new Uint8Array(await readFile(path).catch((error: unknown) => {
				throw new Error(`Cannot read the code ${path}: ${(error as Error).message}. CodeUri is relative to the template.`);
			}));
		}
		case 'directory': {
			const path = isAbsolute(source.path) ? source.path : resolve(templateDirectory, source.path);
			const info = await stat(path).catch(() => undefined);
			if (info?.isDirectory() !== true) throw new Error(`The code directory ${path} does not exist. CodeUri is relative to the template.`);
			return zipDirectory(path);
		}
		case 'inline': {
			return zipFiles({[inlineFileName(runtime)]: source.code});
		}
		case 'image':
			throw new Error('A container image cannot be read as a .zip.');
	}
}

function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('base64');
}

/** Waits while the function is Pending or an update is InProgress; an Error when it ends Failed. */
async function waitForFunction(clients: LambdaClients, name: string): Promise<FunctionConfiguration> {
	const deadline = Date.now() + waitMs;
	for (;;) {
		// eslint-disable-next-line no-await-in-loop
		const configuration = await clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}));
		if (configuration.State === 'Failed') throw new Error(`${name} failed: ${configuration.StateReason ?? 'no reason given'}`);
		if (configuration.LastUpdateStatus === 'Failed') throw new Error(`The update of ${name} failed: ${configuration.LastUpdateStatusReason ?? 'no reason given'}`);
		if ((configuration.State !== 'Pending' && configuration.LastUpdateStatus !== 'InProgress') || Date.now() > deadline) return configuration;
		// eslint-disable-next-line no-await-in-loop
		await sleep(pollMs);
	}
}

const transitional = new Set(['Creating', 'Updating', 'Enabling', 'Disabling', 'Deleting']);

async function waitForMapping(clients: LambdaClients, uuid: string): Promise<void> {
	const deadline = Date.now() + waitMs;
	for (;;) {
		// eslint-disable-next-line no-await-in-loop
		const mapping = await unlessMissing(clients.lambda.send(new GetEventSourceMappingCommand({UUID: uuid})));
		if (mapping === undefined || !transitional.has(mapping.State ?? '') || Date.now() > deadline) return;
		// eslint-disable-next-line no-await-in-loop
		await sleep(pollMs);
	}
}

/** The configuration a function should have, as UpdateFunctionConfiguration takes it: every member, at its default when the template leaves it out. */
function configurationRequest(step: FunctionStep, layerArns: string[]): UpdateFunctionConfigurationCommandInput {
	const configuration = step.configuration;
	const image = configuration.PackageType === 'Image';
	const request: UpdateFunctionConfigurationCommandInput = {
		FunctionName: step.name,
		Role: configuration.Role,
		Description: configuration.Description ?? '',
		MemorySize: configuration.MemorySize ?? 128,
		Timeout: configuration.Timeout ?? 3,
		EphemeralStorage: {Size: configuration.EphemeralStorage?.Size ?? 512},
		Environment: {Variables: {...(configuration.Environment ?? {})}},
		KMSKeyArn: configuration.KMSKeyArn ?? '',
		Layers: layerArns,
		VpcConfig: {
			SubnetIds: [...(configuration.VpcConfig?.SubnetIds ?? [])],
			SecurityGroupIds: [...(configuration.VpcConfig?.SecurityGroupIds ?? [])],
			Ipv6AllowedForDualStack: configuration.VpcConfig?.Ipv6AllowedForDualStack ?? false,
		},
		TracingConfig: {Mode: configuration.TracingMode === 'Active' ? 'Active' : 'PassThrough'},
		DeadLetterConfig: {TargetArn: configuration.DeadLetterTargetArn ?? ''},
		FileSystemConfigs: (configuration.FileSystemConfigs ?? []).map((each) => ({Arn: each.Arn, LocalMountPath: each.LocalMountPath})),
	};
	if (!image) {
		if (configuration.Runtime !== undefined) request.Runtime = configuration.Runtime as Runtime;
		if (configuration.Handler !== undefined) request.Handler = configuration.Handler;
	}
	const logging = configuration.LoggingConfig;
	const json = logging?.LogFormat === 'JSON';
	request.LoggingConfig = {LogFormat: json ? 'JSON' : 'Text', LogGroup: logging?.LogGroup ?? `/aws/lambda/${step.name}`};
	if (json) {
		request.LoggingConfig.ApplicationLogLevel = (logging?.ApplicationLogLevel ?? 'INFO') as 'INFO';
		request.LoggingConfig.SystemLogLevel = (logging?.SystemLogLevel ?? 'INFO') as 'INFO';
	}
	return request;
}

/** The same request, as the function has it now: compared with the wanted one, it says whether an update is needed. */
function currentRequest(step: FunctionStep, current: FunctionConfiguration): UpdateFunctionConfigurationCommandInput {
	const request: UpdateFunctionConfigurationCommandInput = {
		FunctionName: step.name,
		Role: current.Role,
		Description: current.Description ?? '',
		MemorySize: current.MemorySize ?? 128,
		Timeout: current.Timeout ?? 3,
		EphemeralStorage: {Size: current.EphemeralStorage?.Size ?? 512},
		Environment: {Variables: {...(current.Environment?.Variables ?? {})}},
		KMSKeyArn: current.KMSKeyArn ?? '',
		Layers: (current.Layers ?? []).map((layer) => layer.Arn ?? ''),
		VpcConfig: {
			SubnetIds: [...(current.VpcConfig?.SubnetIds ?? [])],
			SecurityGroupIds: [...(current.VpcConfig?.SecurityGroupIds ?? [])],
			Ipv6AllowedForDualStack: current.VpcConfig?.Ipv6AllowedForDualStack ?? false,
		},
		TracingConfig: {Mode: current.TracingConfig?.Mode === 'Active' ? 'Active' : 'PassThrough'},
		DeadLetterConfig: {TargetArn: current.DeadLetterConfig?.TargetArn ?? ''},
		FileSystemConfigs: (current.FileSystemConfigs ?? []).map((each) => ({Arn: each.Arn, LocalMountPath: each.LocalMountPath})),
	};
	if (step.configuration.PackageType !== 'Image') {
		if (current.Runtime !== undefined) request.Runtime = current.Runtime;
		if (current.Handler !== undefined) request.Handler = current.Handler;
	}
	const logging = current.LoggingConfig;
	const json = logging?.LogFormat === 'JSON';
	request.LoggingConfig = {LogFormat: json ? 'JSON' : 'Text', LogGroup: logging?.LogGroup ?? `/aws/lambda/${step.name}`};
	if (json) {
		request.LoggingConfig.ApplicationLogLevel = logging?.ApplicationLogLevel ?? 'INFO';
		request.LoggingConfig.SystemLogLevel = logging?.SystemLogLevel ?? 'INFO';
	}
	return request;
}

function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

export interface DeployOptions {
	/** CodeUri and ContentUri are relative to this directory (the template's). */
	templateDirectory: string;
	/** One line for each thing done, as it is done. */
	onProgress?: (line: string) => void;
}

export interface DeployResult {
	/** What was done, one line each. */
	lines: string[];
	/** How many things were created or changed (0 on a second run of the same template). */
	changes: number;
}

class Reporter {
	readonly lines: string[] = [];
	changes = 0;
	constructor(private readonly onProgress: ((line: string) => void) | undefined) {}
	say(line: string, changed: boolean): void {
		if (changed) this.changes += 1;
		this.lines.push(line);
		this.onProgress?.(line);
	}
}

async function deployLayer(clients: LambdaClients, layer: LayerStep, options: DeployOptions, report: Reporter): Promise<string> {
	const content = await packageOf(layer.content, options.templateDirectory);
	const digest = sha256(content);
	const versions = await clients.lambda.send(new ListLayerVersionsCommand({LayerName: layer.name}));
	const latest = versions.LayerVersions?.[0];
	if (latest?.LayerVersionArn !== undefined && latest.Version !== undefined) {
		const existing = await clients.lambda.send(new GetLayerVersionCommand({LayerName: layer.name, VersionNumber: latest.Version}));
		const unchanged =
			existing.Content?.CodeSha256 === digest &&
			(existing.Description ?? '') === (layer.description ?? '') &&
			same(existing.CompatibleRuntimes ?? [], layer.compatibleRuntimes ?? []) &&
			same(existing.CompatibleArchitectures ?? [], layer.compatibleArchitectures ?? []) &&
			(existing.LicenseInfo ?? '') === (layer.licenseInfo ?? '');
		if (unchanged) {
			report.say(`layer ${layer.name}: unchanged (${latest.LayerVersionArn})`, false);
			return latest.LayerVersionArn;
		}
	}
	const published = await clients.lambda.send(
		new PublishLayerVersionCommand({
			LayerName: layer.name,
			Content: {ZipFile: content},
			...(layer.description === undefined ? {} : {Description: layer.description}),
			...(layer.compatibleRuntimes === undefined ? {} : {CompatibleRuntimes: layer.compatibleRuntimes as Runtime[]}),
			...(layer.compatibleArchitectures === undefined ? {} : {CompatibleArchitectures: layer.compatibleArchitectures as Architecture[]}),
			...(layer.licenseInfo === undefined ? {} : {LicenseInfo: layer.licenseInfo}),
		}),
	);
	const arn = published.LayerVersionArn ?? '';
	report.say(`layer ${layer.name}: published ${arn}`, true);
	return arn;
}

async function deployCode(clients: LambdaClients, step: FunctionStep, options: DeployOptions, report: Reporter, layerArns: string[]): Promise<void> {
	const name = step.name;
	const existing = await unlessMissing(clients.lambda.send(new GetFunctionCommand({FunctionName: name})));
	// The code as CreateFunction and UpdateFunctionCode take it.
	const code: {ImageUri: string} | {ZipFile: Uint8Array} =
		step.code.kind === 'image' ? {ImageUri: step.code.uri} : {ZipFile: await packageOf(step.code, options.templateDirectory, step.configuration.Runtime)};
	const wanted = configurationRequest(step, layerArns);
	const architectures = (step.configuration.Architectures ?? ['x86_64']) as Architecture[];
	const tags = Object.fromEntries(Object.entries(step.tags).filter(([key]) => !isReservedTag(key)));
	if (existing?.Configuration === undefined) {
		// CreateFunction takes no empty members: Lambda's defaults are what they reset to.
		const {FunctionName: _name, DeadLetterConfig, KMSKeyArn, VpcConfig, FileSystemConfigs, Layers, ...configuration} = wanted;
		const create: CreateFunctionCommandInput = {
			...configuration,
			FunctionName: name,
			Role: step.configuration.Role,
			Code: code,
			PackageType: 'ImageUri' in code ? 'Image' : 'Zip',
			Architectures: architectures,
		};
		if (DeadLetterConfig?.TargetArn !== undefined && DeadLetterConfig.TargetArn !== '') create.DeadLetterConfig = DeadLetterConfig;
		if (KMSKeyArn !== undefined && KMSKeyArn !== '') create.KMSKeyArn = KMSKeyArn;
		if (VpcConfig !== undefined && ((VpcConfig.SubnetIds?.length ?? 0) > 0 || (VpcConfig.SecurityGroupIds?.length ?? 0) > 0)) create.VpcConfig = VpcConfig;
		if (FileSystemConfigs !== undefined && FileSystemConfigs.length > 0) create.FileSystemConfigs = FileSystemConfigs;
		if (Layers !== undefined && Layers.length > 0) create.Layers = Layers;
		if (Object.keys(tags).length > 0) create.Tags = tags;
		if (step.configuration.CodeSigningConfigArn !== undefined) create.CodeSigningConfigArn = step.configuration.CodeSigningConfigArn;
		await clients.lambda.send(new CreateFunctionCommand(create));
		await waitForFunction(clients, name);
		report.say(`function ${name}: created`, true);
		return;
	}
	const current = existing.Configuration;
	const signing = await unlessMissing(clients.lambda.send(new GetFunctionCodeSigningConfigCommand({FunctionName: name})));
	const currentSigning = signing?.CodeSigningConfigArn === '' ? undefined : signing?.CodeSigningConfigArn;
	if (currentSigning !== step.configuration.CodeSigningConfigArn) {
		if (step.configuration.CodeSigningConfigArn === undefined) await clients.lambda.send(new DeleteFunctionCodeSigningConfigCommand({FunctionName: name}));
		else await clients.lambda.send(new PutFunctionCodeSigningConfigCommand({FunctionName: name, CodeSigningConfigArn: step.configuration.CodeSigningConfigArn}));
		report.say(`function ${name}: code signing configuration ${step.configuration.CodeSigningConfigArn ?? 'removed'}`, true);
	}
	const codeChanged = 'ImageUri' in code ? existing.Code?.ImageUri !== code.ImageUri : current.CodeSha256 !== sha256(code.ZipFile);
	const updateCode = codeChanged || !same(current.Architectures ?? ['x86_64'], architectures);
	if (updateCode) await clients.lambda.send(new UpdateFunctionCodeCommand({FunctionName: name, ...code, Architectures: architectures}));
	const settled = await waitForFunction(clients, name);
	if (updateCode) report.say(`function ${name}: code updated`, true);
	if (!same(currentRequest(step, settled), wanted)) {
		await clients.lambda.send(new UpdateFunctionConfigurationCommand(wanted));
		await waitForFunction(clients, name);
		report.say(`function ${name}: configuration updated`, true);
	}
	// Tags: the template's, and none other (Lambda's and CloudFormation's own are left alone).
	const arn = current.FunctionArn ?? name;
	const currentTags = Object.fromEntries(Object.entries(existing.Tags ?? {}).filter(([key]) => !isReservedTag(key)));
	const removed = Object.keys(currentTags).filter((key) => !(key in tags));
	const changed = Object.fromEntries(Object.entries(tags).filter(([key, value]) => currentTags[key] !== value));
	if (removed.length > 0) await clients.lambda.send(new UntagResourceCommand({Resource: arn, TagKeys: removed}));
	if (Object.keys(changed).length > 0) await clients.lambda.send(new TagResourceCommand({Resource: arn, Tags: changed}));
	if (removed.length > 0 || Object.keys(changed).length > 0) report.say(`function ${name}: tags updated`, true);
	if (removed.length === 0 && Object.keys(changed).length === 0 && !codeChanged) report.say(`function ${name}: code unchanged`, false);
}

async function deployConcurrency(clients: LambdaClients, step: FunctionStep, report: Reporter): Promise<void> {
	const current = (await clients.lambda.send(new GetFunctionConcurrencyCommand({FunctionName: step.name}))).ReservedConcurrentExecutions;
	if (current === step.reservedConcurrency) return;
	if (step.reservedConcurrency === undefined) {
		await clients.lambda.send(new DeleteFunctionConcurrencyCommand({FunctionName: step.name}));
		report.say(`function ${step.name}: reserved concurrency removed`, true);
	} else {
		await clients.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: step.name, ReservedConcurrentExecutions: step.reservedConcurrency}));
		report.say(`function ${step.name}: reserved concurrency ${step.reservedConcurrency}`, true);
	}
}

async function deployEventInvokeConfig(clients: LambdaClients, step: FunctionStep, report: Reporter): Promise<void> {
	const current = await unlessMissing(clients.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: step.name})));
	const wanted = step.eventInvokeConfig;
	if (wanted === undefined) {
		if (current !== undefined) {
			await clients.lambda.send(new DeleteFunctionEventInvokeConfigCommand({FunctionName: step.name}));
			report.say(`function ${step.name}: asynchronous invocation settings removed`, true);
		}
		return;
	}
	const destinations = {
		...(wanted.OnSuccess === undefined ? {} : {OnSuccess: {Destination: wanted.OnSuccess}}),
		...(wanted.OnFailure === undefined ? {} : {OnFailure: {Destination: wanted.OnFailure}}),
	};
	if (
		current !== undefined &&
		(current.MaximumRetryAttempts ?? 2) === (wanted.MaximumRetryAttempts ?? 2) &&
		(current.MaximumEventAgeInSeconds ?? 21_600) === (wanted.MaximumEventAgeInSeconds ?? 21_600) &&
		(current.DestinationConfig?.OnSuccess?.Destination ?? undefined) === wanted.OnSuccess &&
		(current.DestinationConfig?.OnFailure?.Destination ?? undefined) === wanted.OnFailure
	) {
		return;
	}
	await clients.lambda.send(
		new PutFunctionEventInvokeConfigCommand({
			FunctionName: step.name,
			...(wanted.MaximumRetryAttempts === undefined ? {} : {MaximumRetryAttempts: wanted.MaximumRetryAttempts}),
			...(wanted.MaximumEventAgeInSeconds === undefined ? {} : {MaximumEventAgeInSeconds: wanted.MaximumEventAgeInSeconds}),
			DestinationConfig: destinations,
		}),
	);
	report.say(`function ${step.name}: asynchronous invocation settings put`, true);
}

async function deployUrl(clients: LambdaClients, step: FunctionStep, report: Reporter): Promise<void> {
	const current = await unlessMissing(clients.lambda.send(new GetFunctionUrlConfigCommand({FunctionName: step.name})));
	const wanted = step.url;
	if (wanted === undefined) {
		if (current !== undefined) {
			await clients.lambda.send(new DeleteFunctionUrlConfigCommand({FunctionName: step.name}));
			report.say(`function ${step.name}: URL deleted`, true);
		}
		return;
	}
	const request = {
		FunctionName: step.name,
		AuthType: wanted.AuthType as 'NONE' | 'AWS_IAM',
		InvokeMode: (wanted.InvokeMode ?? 'BUFFERED') as 'BUFFERED' | 'RESPONSE_STREAM',
		Cors: wanted.Cors ?? {},
	};
	if (current === undefined) {
		const created = await clients.lambda.send(new CreateFunctionUrlConfigCommand(request));
		report.say(`function ${step.name}: URL ${created.FunctionUrl ?? ''}`, true);
		return;
	}
	const normalize = (cors: unknown): string => JSON.stringify(cors ?? {}, Object.keys((cors ?? {}) as object).sort());
	if (current.AuthType === request.AuthType && (current.InvokeMode ?? 'BUFFERED') === request.InvokeMode && normalize(current.Cors) === normalize(request.Cors)) return;
	await clients.lambda.send(new UpdateFunctionUrlConfigCommand(request));
	report.say(`function ${step.name}: URL updated`, true);
}

function statementMatches(statement: PermissionStatement, wanted: PermissionStep): boolean {
	const [principal] = statement.principals;
	const principalText =
		principal === undefined ? '' : principal.kind === 'anyone' ? '*' : principal.kind === 'service' ? principal.service : principal.kind === 'account' ? principal.accountId : principal.kind === 'arn' ? principal.arn : principal.text;
	const wantedPrincipal = /^arn:aws[a-zA-Z-]*:iam::(\d{12}):root$/.exec(wanted.principal)?.[1] ?? wanted.principal;
	return (
		statement.principals.length === 1 &&
		principalText === wantedPrincipal &&
		same(statement.actions, [wanted.action]) &&
		statement.sourceArn === wanted.sourceArn &&
		statement.sourceAccount === wanted.sourceAccount &&
		statement.principalOrgId === wanted.principalOrgId &&
		statement.eventSourceToken === wanted.eventSourceToken &&
		statement.functionUrlAuthType === wanted.functionUrlAuthType
	);
}

async function deployPermissions(clients: LambdaClients, step: FunctionStep, report: Reporter): Promise<void> {
	if (step.permissions.length === 0) return;
	const policy = await unlessMissing(clients.lambda.send(new GetPolicyCommand({FunctionName: step.name})));
	const statements = policy?.Policy === undefined ? [] : parsePolicy(policy.Policy);
	for (const wanted of step.permissions) {
		const found = statements.find((statement) => statement.sid === wanted.statementId);
		if (found !== undefined && statementMatches(found, wanted)) continue;
		if (found !== undefined) await clients.lambda.send(new RemovePermissionCommand({FunctionName: step.name, StatementId: wanted.statementId}));
		await clients.lambda.send(
			new AddPermissionCommand({
				FunctionName: step.name,
				StatementId: wanted.statementId,
				Action: wanted.action,
				Principal: wanted.principal,
				...(wanted.sourceArn === undefined ? {} : {SourceArn: wanted.sourceArn}),
				...(wanted.sourceAccount === undefined ? {} : {SourceAccount: wanted.sourceAccount}),
				...(wanted.principalOrgId === undefined ? {} : {PrincipalOrgID: wanted.principalOrgId}),
				...(wanted.eventSourceToken === undefined ? {} : {EventSourceToken: wanted.eventSourceToken}),
				...(wanted.functionUrlAuthType === undefined ? {} : {FunctionUrlAuthType: wanted.functionUrlAuthType as 'NONE' | 'AWS_IAM'}),
			}),
		);
		report.say(`function ${step.name}: permission ${wanted.statementId} (${wanted.principal})`, true);
	}
}

/** What identifies a mapping: its source (and topics or queues). */
function mappingKey(mapping: MappingDescription): string {
	return JSON.stringify([mapping.EventSourceArn ?? '', [...(mapping.KafkaBootstrapServers ?? [])].sort(), mapping.Topics ?? [], mapping.Queues ?? []]);
}

function createMappingInput(name: string, mapping: MappingDescription): CreateEventSourceMappingCommandInput {
	const input: CreateEventSourceMappingCommandInput = {FunctionName: name, ...updatableMembers(mapping)};
	if (mapping.EventSourceArn !== undefined) input.EventSourceArn = mapping.EventSourceArn;
	if (mapping.KafkaBootstrapServers !== undefined) input.SelfManagedEventSource = {Endpoints: {KAFKA_BOOTSTRAP_SERVERS: mapping.KafkaBootstrapServers}};
	if (mapping.StartingPosition !== undefined) input.StartingPosition = mapping.StartingPosition as 'LATEST';
	if (mapping.StartingPositionTimestamp !== undefined) input.StartingPositionTimestamp = new Date(mapping.StartingPositionTimestamp);
	if (mapping.Topics !== undefined) input.Topics = mapping.Topics;
	if (mapping.Queues !== undefined) input.Queues = mapping.Queues;
	if (mapping.ConsumerGroupId !== undefined) {
		if (mapping.KafkaBootstrapServers !== undefined) input.SelfManagedKafkaEventSourceConfig = {ConsumerGroupId: mapping.ConsumerGroupId};
		else input.AmazonManagedKafkaEventSourceConfig = {ConsumerGroupId: mapping.ConsumerGroupId};
	}
	if (mapping.FilterPatterns === undefined) delete input.FilterCriteria;
	if (mapping.OnFailureDestination === undefined) delete input.DestinationConfig;
	return input;
}

/** The members UpdateEventSourceMapping takes, as the template gives them (filters and the destination always, to remove them). */
function updatableMembers(mapping: MappingDescription): Omit<UpdateEventSourceMappingCommandInput, 'UUID'> {
	const input: Omit<UpdateEventSourceMappingCommandInput, 'UUID'> = {
		Enabled: mapping.Enabled,
		FilterCriteria: {Filters: (mapping.FilterPatterns ?? []).map((pattern) => ({Pattern: pattern}))},
		DestinationConfig: {OnFailure: {Destination: mapping.OnFailureDestination ?? ''}},
	};
	if (mapping.BatchSize !== undefined) input.BatchSize = mapping.BatchSize;
	if (mapping.MaximumBatchingWindowInSeconds !== undefined) input.MaximumBatchingWindowInSeconds = mapping.MaximumBatchingWindowInSeconds;
	if (mapping.ParallelizationFactor !== undefined) input.ParallelizationFactor = mapping.ParallelizationFactor;
	if (mapping.MaximumRetryAttempts !== undefined) input.MaximumRetryAttempts = mapping.MaximumRetryAttempts;
	if (mapping.MaximumRecordAgeInSeconds !== undefined) input.MaximumRecordAgeInSeconds = mapping.MaximumRecordAgeInSeconds;
	if (mapping.BisectBatchOnFunctionError !== undefined) input.BisectBatchOnFunctionError = mapping.BisectBatchOnFunctionError;
	if (mapping.TumblingWindowInSeconds !== undefined) input.TumblingWindowInSeconds = mapping.TumblingWindowInSeconds;
	if (mapping.FunctionResponseTypes !== undefined) input.FunctionResponseTypes = mapping.FunctionResponseTypes as Array<'ReportBatchItemFailures'>;
	if (mapping.SourceAccessConfigurations !== undefined) input.SourceAccessConfigurations = mapping.SourceAccessConfigurations.map((each) => ({Type: each.Type as 'BASIC_AUTH', URI: each.URI}));
	if (mapping.DocumentDB !== undefined) {
		input.DocumentDBEventSourceConfig = {
			...(mapping.DocumentDB.DatabaseName === undefined ? {} : {DatabaseName: mapping.DocumentDB.DatabaseName}),
			...(mapping.DocumentDB.CollectionName === undefined ? {} : {CollectionName: mapping.DocumentDB.CollectionName}),
			...(mapping.DocumentDB.FullDocument === undefined ? {} : {FullDocument: mapping.DocumentDB.FullDocument as 'Default'}),
		};
	}
	if (mapping.MaximumConcurrency !== undefined) input.ScalingConfig = {MaximumConcurrency: mapping.MaximumConcurrency};
	return input;
}

/** Whether the existing mapping already is what the template says (members it leaves out are Lambda's to choose). */
function mappingIsCurrent(existing: MappingDescription, wanted: MappingDescription): boolean {
	for (const [key, value] of Object.entries(wanted)) {
		if (!same(existing[key as keyof MappingDescription], value)) return false;
	}
	return (existing.FilterPatterns === undefined) === (wanted.FilterPatterns === undefined) && (existing.OnFailureDestination === undefined) === (wanted.OnFailureDestination === undefined);
}

async function deployMappings(clients: LambdaClients, step: FunctionStep, report: Reporter): Promise<void> {
	const unmatched = await listMappingConfigurations(clients, step.name);
	const touched: string[] = [];
	for (const wanted of step.mappings) {
		const key = mappingKey(wanted);
		const index = unmatched.findIndex((mapping) => mappingKey(mappingDescription(mapping)) === key);
		const match = index >= 0 ? unmatched.splice(index, 1)[0] : undefined;
		const source = wanted.EventSourceArn ?? wanted.KafkaBootstrapServers?.join(',') ?? '?';
		if (match?.UUID !== undefined) {
			await waitForMapping(clients, match.UUID);
			if (mappingIsCurrent(mappingDescription(match), wanted)) continue;
			await clients.lambda.send(new UpdateEventSourceMappingCommand({UUID: match.UUID, FunctionName: step.name, ...updatableMembers(wanted)}));
			touched.push(match.UUID);
			report.say(`function ${step.name}: trigger ${source} updated`, true);
		} else {
			const created = await clients.lambda.send(new CreateEventSourceMappingCommand(createMappingInput(step.name, wanted)));
			if (created.UUID !== undefined) touched.push(created.UUID);
			report.say(`function ${step.name}: trigger ${source} created`, true);
		}
	}
	for (const extra of unmatched) {
		if (extra.UUID === undefined || extra.State === 'Deleting') continue;
		await clients.lambda.send(new DeleteEventSourceMappingCommand({UUID: extra.UUID}));
		touched.push(extra.UUID);
		report.say(`function ${step.name}: trigger ${extra.EventSourceArn ?? extra.UUID} deleted (not in the template)`, true);
	}
	for (const uuid of touched) await waitForMapping(clients, uuid);
}

/** Carries out the plan; an Error (with what was done so far in its message's lines) stops it at the first refusal. */
export async function executeDeployPlan(clients: LambdaClients, plan: DeployPlan, options: DeployOptions): Promise<DeployResult> {
	if (plan.problems.length > 0) throw new Error(`The template cannot be deployed:\n${plan.problems.map((problem) => `  ${problem}`).join('\n')}`);
	const report = new Reporter(options.onProgress);
	const layerArns = new Map<string, string>();
	for (const layer of plan.layers) layerArns.set(layer.logicalId, await deployLayer(clients, layer, options, report));
	for (const step of plan.functions) {
		const arns = step.layers.map((layer) => ('arn' in layer ? layer.arn : (layerArns.get(layer.layer) ?? '')));
		await deployCode(clients, step, options, report, arns);
		await deployConcurrency(clients, step, report);
		await deployEventInvokeConfig(clients, step, report);
		await deployUrl(clients, step, report);
		await deployPermissions(clients, step, report);
		await deployMappings(clients, step, report);
	}
	return {lines: report.lines, changes: report.changes};
}
