// The Lambda API's operations on the local Lambda's state. Each takes the
// request's members, checks them as Lambda does, changes the state, makes the
// change durable and only then answers.

import {createHash, randomUUID} from 'node:crypto';
import type {ServerResponse} from 'node:http';
import {
	accountConcurrentExecutions,
	codeSizeUnzippedMax,
	codeSizeZippedMax,
	defaultEphemeralStorage,
	defaultMemorySize,
	defaultTimeout,
	listAliasesPageMax,
	listFunctionsPageMax,
	listVersionsPageMax,
	totalCodeSizeMax,
} from '../../domain/limits.js';
import {
	checkAdditionalVersionWeights,
	checkAliasName,
	checkArchitectures,
	checkDescription,
	checkEnvironment,
	checkEphemeralStorage,
	checkFunctionName,
	checkFunctionVersion,
	checkHandler,
	checkLayers,
	checkLoggingConfig,
	checkMemorySize,
	checkReservedConcurrency,
	checkRole,
	checkDeadLetterTargetArn,
	checkKmsKeyArn,
	checkRuntime,
	checkRuntimeStillUpdatable,
	checkTags,
	checkTimeout,
	checkTracingMode,
	functionArn,
	functionNameOrArnPattern,
	parseFunctionReference,
	type Problem,
} from '../../domain/validate.js';
import {effectiveLogFormat, mergeLoggingConfig} from '../../domain/logging-config.js';
import {checkVpcConfig, localVpcIdFor} from '../../domain/vpc-config.js';
import type {FunctionStore} from '../store/function-store.js';
import type {AliasRecord, FunctionRecord, LoggingConfigRecord, VersionRecord, VersionSnapshot, VpcConfigRecord} from '../store/records.js';
import {checkAddedLayers, checkCodeSigning, signingFields} from './code-signing.js';
import {LambdaError, badContent, notFound, throwProblems} from './errors.js';
import type {EventQueue} from './event-queue.js';
import {dropFunctionUrls} from './function-urls.js';
import type {Invoker} from './invoker.js';
import type {LayerService} from './layers.js';
import {syncProvisionedConcurrency} from './provisioned-concurrency.js';
import {
	optionalBlob,
	optionalBoolean,
	optionalInteger,
	optionalObject,
	optionalString,
	optionalStringList,
	optionalStringMap,
	type JsonObject,
} from './input.js';
import {hexToBase64, inspectZip} from './zip.js';
import {fileSystemFields, fileSystemProblems, readFileSystemConfigs, toFileSystemConfigs, vpcRequirementProblems} from './file-systems.js';
import {policiesWithout} from './resource-policies.js';
import {
	checkImageUri,
	imageCode,
	imageConfigurationFields,
	imageDigestHex,
	imageOf,
	imageSettingProblems,
	readImageConfig,
	type ImageFunctionRecord,
} from './container-images.js';

export interface Reply {
	status: number;
	/** Sent as JSON. */
	body?: unknown;
	/** Sent as is, instead of `body` (Invoke's payload). */
	raw?: {contentType: string; data: Buffer};
	/** Extra response headers (X-Amz-Executed-Version, ...). */
	headers?: Record<string, string>;
	/** Writes the whole response itself, instead of `body` or `raw` (a streamed answer: InvokeWithResponseStream). */
	stream?: (response: ServerResponse) => Promise<void>;
}

export interface LambdaServiceOptions {
	store: FunctionStore;
	region: string;
	accountId: string;
	transitionDelayMs: number;
	/** The URL this server serves a deployment package from, by its hex SHA-256. */
	codeUrl: (sha256Hex: string) => string;
	layers: LayerService;
}

export interface CreateOptions {
	/** Seeded functions start Active. */
	initialState?: 'Pending' | 'Active';
}

/** Lambda's LastModified: 2024-01-31T12:34:56.789+0000 */
export function lambdaTimestamp(date: Date = new Date()): string {
	return date.toISOString().replace('Z', '+0000');
}

const taggableResourcePattern =
	'arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)';
const taggableResourceRegex = new RegExp(`^${taggableResourcePattern}$`);

function constraintError(member: string, value: unknown, rule: string): LambdaError {
	const shown = value === undefined || value === null ? 'Value null' : `Value '${String(value)}'`;
	return new LambdaError('ValidationException', `1 validation error detected: ${shown} at '${member}' failed to satisfy constraint: ${rule}`);
}

function encodeMarker(name: string): string {
	return Buffer.from(`v1:${name}`, 'utf8').toString('base64url');
}

function decodeMarker(marker: string, operation = 'ListFunctions'): string {
	const decoded = Buffer.from(marker, 'base64url').toString('utf8');
	if (!decoded.startsWith('v1:') || decoded.length <= 3) {
		throw new LambdaError('InvalidParameterValueException', `Invalid Marker: pass the NextMarker of a previous ${operation} response.`);
	}
	return decoded.slice(3);
}

/** The MaxItems of a List operation: at most `pageMax` items a page. */
function pageSizeOf(query: URLSearchParams, pageMax: number): number {
	const maxItemsText = query.get('MaxItems');
	if (maxItemsText === null) return pageMax;
	const maxItems = Number(maxItemsText);
	if (!/^-?\d+$/.test(maxItemsText)) throw new LambdaError('InvalidRequestContentException', `Could not parse the query parameter MaxItems: '${maxItemsText}' is not an integer`);
	if (maxItems < 1) throw constraintError('maxItems', maxItems, 'Member must have value greater than or equal to 1');
	if (maxItems > 10000) throw constraintError('maxItems', maxItems, 'Member must have value less than or equal to 10000');
	return Math.min(maxItems, pageMax);
}

/** The configuration a published version freezes. */
function snapshotOf(record: FunctionRecord): VersionSnapshot {
	const snapshot: VersionSnapshot = {
		runtime: record.runtime,
		role: record.role,
		handler: record.handler,
		description: record.description,
		timeout: record.timeout,
		memorySize: record.memorySize,
		ephemeralStorage: record.ephemeralStorage,
		architectures: [...record.architectures],
		environment: record.environment === undefined ? undefined : {...record.environment},
		tracingMode: record.tracingMode,
		layers: [...record.layers],
		loggingConfig: {...record.loggingConfig},
		codeSha256Hex: record.codeSha256Hex,
		codeSize: record.codeSize,
		codeSizeUnzipped: record.codeSizeUnzipped,
	};
	if (record.kmsKeyArn !== undefined) snapshot.kmsKeyArn = record.kmsKeyArn;
	if (record.deadLetterTargetArn !== undefined) snapshot.deadLetterTargetArn = record.deadLetterTargetArn;
	if (record.vpcConfig !== undefined) snapshot.vpcConfig = {...record.vpcConfig, subnetIds: [...record.vpcConfig.subnetIds], securityGroupIds: [...record.vpcConfig.securityGroupIds]};
	if (record.codeSignature !== undefined) snapshot.codeSignature = {...record.codeSignature};
	return snapshot;
}

/** A published version seen as a function record: its frozen configuration, always Active. */
function versionView(record: FunctionRecord, version: VersionRecord): FunctionRecord {
	const view: FunctionRecord = {
		format: 1,
		name: record.name,
		...snapshotOf({...record, ...version, kmsKeyArn: version.kmsKeyArn, deadLetterTargetArn: version.deadLetterTargetArn, vpcConfig: version.vpcConfig, codeSignature: version.codeSignature}),
		lastModified: version.lastModified,
		revisionId: version.revisionId,
		state: 'Active',
		lastUpdateStatus: 'Successful',
		tags: record.tags,
	};
	if (record.reservedConcurrency !== undefined) view.reservedConcurrency = record.reservedConcurrency;
	if (version.fileSystemConfigs !== undefined) view.fileSystemConfigs = version.fileSystemConfigs;
	return view;
}

/** A function, or one of its versions, as a request's qualifier names it. */
interface Qualified {
	record: FunctionRecord;
	/** The configuration the qualifier names ($LATEST's is the record itself). */
	view: FunctionRecord;
	/** "$LATEST", "1", "2", ... */
	version: string;
	/** The qualifier of the ARN the answer shows, if the request named one. */
	qualifier: string | undefined;
}

interface Located {
	record: FunctionRecord;
	qualifier: string | undefined;
	/** The ARN the request names, qualifier included. */
	arn: string;
}

function readWeights(routing: JsonObject | undefined): Record<string, number> | undefined {
	if (routing === undefined) return undefined;
	const weights = optionalObject(routing, 'AdditionalVersionWeights');
	if (weights === undefined) return {};
	const result: Record<string, number> = {};
	for (const [version, weight] of Object.entries(weights)) {
		if (typeof weight !== 'number') throw badContent(`Cannot deserialize member 'RoutingConfig.AdditionalVersionWeights.${version}': expected a number`);
		result[version] = weight;
	}
	return result;
}

export class LambdaService {
	readonly store: FunctionStore;
	readonly region: string;
	readonly accountId: string;
	/** How long a state transition takes (Pending -> Active, InProgress -> Successful, an event source mapping's Creating -> Enabled ...). */
	readonly transitionDelayMs: number;
	private readonly codeUrl: (sha256Hex: string) => string;
	readonly layers: LayerService;
	private readonly timers = new Map<string, NodeJS.Timeout>();
	private closed = false;
	private attached: {invoker: Invoker; events: EventQueue} | undefined;

	constructor(options: LambdaServiceOptions) {
		this.store = options.store;
		this.region = options.region;
		this.accountId = options.accountId;
		this.transitionDelayMs = options.transitionDelayMs;
		this.codeUrl = options.codeUrl;
		this.layers = options.layers;
		this.layers.attach({store: this.store, codeUrl: this.codeUrl});
		// Transitions that were in flight when the server stopped complete now (or when they were due).
		for (const record of this.store.all()) {
			if (record.transitionDueAt !== undefined) this.scheduleTransition(record.name, record.transitionDueAt);
		}
	}

	/** Connects the parts that run functions (they need this service in turn). */
	attach(parts: {invoker: Invoker; events: EventQueue}): void {
		this.attached = parts;
	}

	get invoker(): Invoker {
		if (this.attached === undefined) throw new LambdaError('ServiceException', 'The local Lambda cannot run functions: no invoker is attached.');
		return this.attached.invoker;
	}

	get events(): EventQueue {
		if (this.attached === undefined) throw new LambdaError('ServiceException', 'The local Lambda cannot run functions: no event queue is attached.');
		return this.attached.events;
	}

	/** The sum of every function's reserved concurrency. */
	reservedTotal(): number {
		return this.reservedByOthers('');
	}

	arn(name: string): string {
		return functionArn(this.region, this.accountId, name);
	}

	// ---- state transitions -------------------------------------------------

	private scheduleTransition(name: string, dueAt: number): void {
		if (this.closed) return;
		const existing = this.timers.get(name);
		if (existing !== undefined) clearTimeout(existing);
		const timer = setTimeout(() => {
			this.timers.delete(name);
			this.completeTransition(name, dueAt);
		}, Math.max(0, dueAt - Date.now()));
		timer.unref();
		this.timers.set(name, timer);
	}

	private completeTransition(name: string, dueAt: number): void {
		const record = this.store.get(name);
		if (record === undefined || record.transitionDueAt !== dueAt) return;
		const next: FunctionRecord = {...record, revisionId: randomUUID()};
		delete next.transitionDueAt;
		if (next.state === 'Pending') {
			next.state = 'Active';
			delete next.stateReason;
			delete next.stateReasonCode;
		}
		if (next.lastUpdateStatus === 'InProgress') {
			next.lastUpdateStatus = 'Successful';
			delete next.lastUpdateStatusReason;
			delete next.lastUpdateStatusReasonCode;
		}
		this.store.set(next);
		this.store.persist(name).catch((error: unknown) => {
			process.stderr.write(`local Lambda: could not save ${name}: ${(error as Error).message}\n`);
		});
	}

	close(): void {
		this.closed = true;
		for (const timer of this.timers.values()) clearTimeout(timer);
		this.timers.clear();
	}

	// ---- shapes ------------------------------------------------------------

	configuration(record: FunctionRecord, forList = false, version = '$LATEST', arnQualifier?: string): Record<string, unknown> {
		const configuration: Record<string, unknown> = {
			FunctionName: record.name,
			FunctionArn: arnQualifier === undefined ? this.arn(record.name) : `${this.arn(record.name)}:${arnQualifier}`,
			Runtime: record.runtime,
			Role: record.role,
			Handler: record.handler,
			CodeSize: record.codeSize,
			Description: record.description,
			Timeout: record.timeout,
			MemorySize: record.memorySize,
			LastModified: record.lastModified,
			CodeSha256: hexToBase64(record.codeSha256Hex),
			Version: version,
		};
		// Lambda shows VpcConfig once a function was given one (empty lists and VpcId "" when it was
		// detached); a function created without one has none. The VpcId comes from EC2 on AWS; the
		// local Lambda derives a stable one from the subnets (localVpcIdFor).
		if (record.vpcConfig !== undefined) {
			configuration['VpcConfig'] = {
				SubnetIds: [...record.vpcConfig.subnetIds],
				SecurityGroupIds: [...record.vpcConfig.securityGroupIds],
				VpcId: localVpcIdFor(record.vpcConfig.subnetIds),
				Ipv6AllowedForDualStack: record.vpcConfig.ipv6AllowedForDualStack,
			};
		}
		if (record.environment !== undefined && Object.keys(record.environment).length > 0) {
			configuration['Environment'] = {Variables: record.environment};
		}
		if (record.kmsKeyArn !== undefined) configuration['KMSKeyArn'] = record.kmsKeyArn;
		if (record.deadLetterTargetArn !== undefined) configuration['DeadLetterConfig'] = {TargetArn: record.deadLetterTargetArn};
		configuration['TracingConfig'] = {Mode: record.tracingMode};
		configuration['RevisionId'] = record.revisionId;
		if (record.layers.length > 0) configuration['Layers'] = record.layers.map((arn) => ({Arn: arn, CodeSize: this.layers.codeSizeOf(arn)}));
		Object.assign(configuration, fileSystemFields(record.fileSystemConfigs));
		Object.assign(configuration, signingFields(record));
		if (!forList) {
			// ListFunctions returns a subset of the configuration: never the state fields.
			configuration['State'] = record.state;
			if (record.stateReason !== undefined) configuration['StateReason'] = record.stateReason;
			if (record.stateReasonCode !== undefined) configuration['StateReasonCode'] = record.stateReasonCode;
			configuration['LastUpdateStatus'] = record.lastUpdateStatus;
			if (record.lastUpdateStatusReason !== undefined) configuration['LastUpdateStatusReason'] = record.lastUpdateStatusReason;
			if (record.lastUpdateStatusReasonCode !== undefined) {
				configuration['LastUpdateStatusReasonCode'] = record.lastUpdateStatusReasonCode;
			}
		}
		const image = imageOf(this.store.get(record.name) ?? record);
		configuration['PackageType'] = image === undefined ? 'Zip' : 'Image';
		if (image !== undefined) {
			delete configuration['Runtime'];
			delete configuration['Handler'];
			Object.assign(configuration, imageConfigurationFields(image));
		}
		configuration['Architectures'] = record.architectures;
		configuration['EphemeralStorage'] = {Size: record.ephemeralStorage};
		configuration['SnapStart'] = {ApplyOn: 'None', OptimizationStatus: 'Off'};
		if (!forList) {
			const runtimeHash = createHash('sha256').update(`${record.runtime}/${record.architectures.join(',')}`).digest('hex');
			configuration['RuntimeVersionConfig'] = {RuntimeVersionArn: `arn:aws:lambda:${this.region}::runtime:${runtimeHash}`};
		}
		configuration['LoggingConfig'] = {...record.loggingConfig};
		return configuration;
	}

	// ---- lookups -----------------------------------------------------------

	/** The function a FunctionName path member names (name, partial ARN or ARN); only $LATEST exists. */
	resolve(reference: string, qualifier?: string): FunctionRecord {
		const located = this.locate(reference, qualifier);
		if (located.qualifier !== undefined && located.qualifier !== '$LATEST') throw notFound(located.arn);
		return located.record;
	}

	/** The function a FunctionName path member names, and the qualifier (from the ARN or the Qualifier member), unchecked. */
	private locate(reference: string, qualifier?: string): Located {
		const parsed = parseFunctionReference(reference);
		if (parsed === undefined) throw constraintError('functionName', reference, `Member must satisfy regular expression pattern: ${functionNameOrArnPattern}`);
		const effectiveQualifier = qualifier === undefined || qualifier === '' ? parsed.qualifier : qualifier;
		const arn = `${this.arn(parsed.name)}${effectiveQualifier === undefined ? '' : `:${effectiveQualifier}`}`;
		if (parsed.region !== undefined && parsed.region !== this.region) throw notFound(reference);
		if (parsed.accountId !== undefined && parsed.accountId !== this.accountId) throw notFound(reference);
		if (qualifier !== undefined && qualifier !== '' && parsed.qualifier !== undefined && qualifier !== parsed.qualifier) {
			throw new LambdaError('InvalidParameterValueException', 'The derived qualifier from the function name does not match the specified qualifier.');
		}
		const record = this.store.get(parsed.name);
		if (record === undefined) throw notFound(arn);
		return {record, qualifier: effectiveQualifier, arn};
	}

	/** The function, a version or an alias (then the version it points to) that a reference and qualifier name. */
	resolveQualified(reference: string, qualifier?: string): Qualified {
		const {record, qualifier: effective, arn} = this.locate(reference, qualifier);
		if (effective === undefined) return {record, view: record, version: '$LATEST', qualifier: undefined};
		if (effective === '$LATEST') return {record, view: record, version: '$LATEST', qualifier: effective};
		const versionNumber = /^[0-9]+$/.test(effective) ? effective : record.aliases?.find((alias) => alias.name === effective)?.functionVersion;
		if (versionNumber === undefined) throw notFound(arn);
		if (versionNumber === '$LATEST') return {record, view: record, version: '$LATEST', qualifier: effective};
		const version = record.versions?.find((entry) => entry.version === versionNumber);
		if (version === undefined) throw notFound(arn);
		return {record, view: versionView(record, version), version: version.version, qualifier: effective};
	}

	private resolveResource(resource: string): FunctionRecord {
		if (!taggableResourceRegex.test(resource) || resource.length > 256) {
			throw constraintError('resource', resource, `Member must satisfy regular expression pattern: ${taggableResourcePattern}`);
		}
		const parsed = parseFunctionReference(resource);
		if (parsed === undefined) throw notFound(resource);
		return this.resolve(resource);
	}

	private reservedByOthers(name: string): number {
		let total = 0;
		for (const record of this.store.all()) if (record.name !== name && record.reservedConcurrency !== undefined) total += record.reservedConcurrency;
		return total;
	}

	private totalCodeSize(): number {
		let total = 0;
		for (const record of this.store.all()) {
			total += record.codeSize;
			for (const version of record.versions ?? []) total += version.codeSize;
		}
		return total + this.layers.totalCodeSize();
	}

	private checkRevision(record: FunctionRecord, revisionId: string | undefined): void {
		if (revisionId !== undefined && revisionId !== record.revisionId) {
			throw new LambdaError(
				'PreconditionFailedException',
				'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
			);
		}
	}

	private checkNotBusy(record: FunctionRecord): void {
		if (record.state === 'Pending') {
			throw new LambdaError(
				'ResourceConflictException',
				`The operation cannot be performed at this time. The function is currently in the following state: ${record.state}`,
			);
		}
		if (record.lastUpdateStatus === 'InProgress') {
			throw new LambdaError(
				'ResourceConflictException',
				`The operation cannot be performed at this time. An update is in progress for resource: ${this.arn(record.name)}`,
			);
		}
	}

	/** Stores the record and its code durably; on failure the in-memory state is put back. */
	async save(record: FunctionRecord, previous: FunctionRecord | undefined, zip?: Uint8Array): Promise<void> {
		this.store.set(record);
		try {
			if (zip !== undefined) await this.store.putCode(record.codeSha256Hex, zip);
			await this.store.persist(record.name);
		} catch (error) {
			if (previous === undefined) this.store.delete(record.name);
			else this.store.set(previous);
			await this.store.persist(record.name).catch(() => undefined);
			throw new LambdaError('ServiceException', `The local Lambda could not save the function: ${(error as Error).message}`);
		}
		if (previous !== undefined && previous.codeSha256Hex !== record.codeSha256Hex) {
			await this.store.releaseCode(previous.codeSha256Hex).catch(() => undefined);
		}
	}

	// ---- operations --------------------------------------------------------

	async createFunction(body: JsonObject, options: CreateOptions = {}): Promise<Reply> {
		const functionName = optionalString(body, 'FunctionName');
		const role = optionalString(body, 'Role');
		const runtime = optionalString(body, 'Runtime');
		const handler = optionalString(body, 'Handler');
		const description = optionalString(body, 'Description') ?? '';
		const timeout = optionalInteger(body, 'Timeout');
		const memorySize = optionalInteger(body, 'MemorySize');
		const packageType = optionalString(body, 'PackageType') ?? 'Zip';
		const code = optionalObject(body, 'Code');
		const zip = code === undefined ? undefined : optionalBlob(code, 'ZipFile');
		const {environment, ephemeralStorage, tracingMode, loggingConfig, kmsKeyArn, deadLetterGiven, deadLetterTargetArn, vpc} = this.readSettings(body);
		const tags = optionalStringMap(body, 'Tags') ?? {};
		const vpcConfig: VpcConfigRecord | undefined =
			vpc === undefined ? undefined : {subnetIds: vpc.subnetIds, securityGroupIds: vpc.securityGroupIds, ipv6AllowedForDualStack: vpc.ipv6AllowedForDualStack ?? false};
		const layers = optionalStringList(body, 'Layers') ?? [];
		const architectures = optionalStringList(body, 'Architectures') ?? ['x86_64'];
		const publish = optionalBoolean(body, 'Publish') ?? false;
		const fileSystems = readFileSystemConfigs(body);

		const problems: Problem[] = [
			...checkFunctionName(functionName),
			...checkRole(role),
			...(runtime === undefined ? [] : checkRuntime(runtime, 'create')),
			...(handler === undefined ? [] : checkHandler(handler)),
			...checkDescription(description),
			...(timeout === undefined ? [] : checkTimeout(timeout)),
			...(memorySize === undefined ? [] : checkMemorySize(memorySize)),
			...(ephemeralStorage === undefined ? [] : checkEphemeralStorage(ephemeralStorage)),
			...checkArchitectures(architectures),
			...checkLayers(layers),
			...(tracingMode === undefined ? [] : checkTracingMode(tracingMode)),
			...(loggingConfig === undefined ? [] : checkLoggingConfig({...loggingConfig, LogFormat: loggingConfig.LogFormat ?? 'Text'})),
			...(vpcConfig === undefined ? [] : checkVpcConfig(vpcConfig)),
			...fileSystemProblems(fileSystems),
			...(kmsKeyArn === undefined ? [] : checkKmsKeyArn(kmsKeyArn)),
			// CreateFunction takes no empty TargetArn (only UpdateFunctionConfiguration reads it as "remove").
			...(deadLetterGiven && deadLetterTargetArn !== undefined ? checkDeadLetterTargetArn(deadLetterTargetArn, this.region) : []),
			...(environment === undefined ? [] : checkEnvironment(environment)),
		];
		if (code === undefined) problems.push({code: 'ValidationException', member: 'code', message: "Value null at 'code' failed to satisfy constraint: Member must not be null", constraint: true});
		throwProblems(problems);
		if (packageType !== 'Zip' && packageType !== 'Image') {
			throw constraintError('packageType', packageType, 'Member must satisfy enum value set: [Zip, Image]');
		}
		if (packageType === 'Image') return this.createImageFunction(body, {functionName, role, description, timeout, memorySize, architectures, environment, ephemeralStorage, tracingMode, loggingConfig, tags, publish, code, runtime, handler, layers, options});
		if (runtime === undefined || handler === undefined) {
			throw new LambdaError('InvalidParameterValueException', 'Runtime and Handler are mandatory parameters for functions created with deployment packages.');
		}
		if (zip === undefined) {
			throw new LambdaError('InvalidParameterValueException', 'Please provide a source for function code: the local Lambda takes Code.ZipFile (S3 locations and images are not supported).');
		}
		throwProblems(checkTags(tags));
		const fileSystemConfigs = fileSystems === undefined ? undefined : toFileSystemConfigs(fileSystems);
		throwProblems(vpcRequirementProblems(fileSystemConfigs, vpcConfig?.subnetIds));

		const reference = parseFunctionReference(functionName ?? '');
		if (reference === undefined) throw constraintError('functionName', functionName, `Member must satisfy regular expression pattern: ${functionNameOrArnPattern}`);
		if (reference.qualifier !== undefined) {
			throw new LambdaError('InvalidParameterValueException', 'Unsupported function name: a function to create cannot have a qualifier (version or alias).');
		}
		if ((reference.region !== undefined && reference.region !== this.region) || (reference.accountId !== undefined && reference.accountId !== this.accountId)) {
			throw new LambdaError('InvalidParameterValueException', `The function ARN ${functionName ?? ''} does not belong to this region (${this.region}) and account (${this.accountId}).`);
		}
		const name = reference.name;
		if (this.store.get(name) !== undefined) throw new LambdaError('ResourceConflictException', `Function already exist: ${name}`);

		const inspected = this.inspectCode(zip, undefined);
		this.layers.checkFunctionLayers(layers, inspected.unzippedSize);
		const signing = checkCodeSigning(this, {functionName: name, codeSigningConfigArn: optionalString(body, 'CodeSigningConfigArn'), zip, layers});
		const now = Date.now();
		const pending = options.initialState !== 'Active';
		const record: FunctionRecord = {
			format: 1,
			name,
			runtime,
			role: role ?? '',
			handler,
			description,
			timeout: timeout ?? defaultTimeout,
			memorySize: memorySize ?? defaultMemorySize,
			ephemeralStorage: ephemeralStorage ?? defaultEphemeralStorage,
			architectures,
			environment,
			tracingMode: tracingMode ?? 'PassThrough',
			layers,
			loggingConfig: mergeLoggingConfig({LogFormat: 'Text', LogGroup: `/aws/lambda/${name}`}, stripUndefined(loggingConfig ?? {})),
			codeSha256Hex: inspected.sha256Hex,
			codeSize: inspected.size,
			codeSizeUnzipped: inspected.unzippedSize,
			lastModified: lambdaTimestamp(new Date(now)),
			revisionId: randomUUID(),
			state: pending ? 'Pending' : 'Active',
			lastUpdateStatus: pending ? 'InProgress' : 'Successful',
			tags,
			...signing,
		};
		if (pending) {
			record.stateReason = 'The function is being created.';
			record.stateReasonCode = 'Creating';
			record.transitionDueAt = now + this.transitionDelayMs;
		}
		if (kmsKeyArn !== undefined && kmsKeyArn !== '') record.kmsKeyArn = kmsKeyArn;
		if (deadLetterTargetArn !== undefined) record.deadLetterTargetArn = deadLetterTargetArn;
		if (vpcConfig !== undefined) record.vpcConfig = vpcConfig;
		if (fileSystemConfigs !== undefined && fileSystemConfigs.length > 0) record.fileSystemConfigs = fileSystemConfigs;
		await this.save(record, undefined, zip);
		if (record.transitionDueAt !== undefined) this.scheduleTransition(name, record.transitionDueAt);
		return {status: 201, body: publish ? await this.publishNow(record) : this.configuration(record)};
	}

	/**
	 * CreateFunction of a container image function (PackageType Image): kept and
	 * shown as Lambda does, never run (see container-images.ts).
	 */
	private async createImageFunction(
		body: JsonObject,
		given: {
			functionName: string | undefined;
			role: string | undefined;
			description: string;
			timeout: number | undefined;
			memorySize: number | undefined;
			architectures: string[];
			environment: Record<string, string> | undefined;
			ephemeralStorage: number | undefined;
			tracingMode: string | undefined;
			loggingConfig: Partial<LoggingConfigRecord> | undefined;
			tags: Record<string, string>;
			publish: boolean;
			code: JsonObject | undefined;
			runtime: string | undefined;
			handler: string | undefined;
			layers: string[];
			options: CreateOptions;
		},
	): Promise<Reply> {
		if (given.runtime !== undefined || given.handler !== undefined) {
			throw new LambdaError('InvalidParameterValueException', 'Runtime and Handler are not supported for functions with PackageType Image: the image holds them.');
		}
		if (given.layers.length > 0) throw new LambdaError('InvalidParameterValueException', 'Layers are not supported for functions with PackageType Image.');
		if (given.code !== undefined && optionalBlob(given.code, 'ZipFile') !== undefined) {
			throw new LambdaError('InvalidParameterValueException', 'Please don\'t provide ImageUri when updating a function with packageType Zip, nor ZipFile for a function with packageType Image.');
		}
		const imageUri = checkImageUri(given.code === undefined ? undefined : optionalString(given.code, 'ImageUri'));
		const imageConfig = readImageConfig(body);
		throwProblems(checkTags(given.tags));
		const reference = parseFunctionReference(given.functionName ?? '');
		if (reference === undefined) throw constraintError('functionName', given.functionName, `Member must satisfy regular expression pattern: ${functionNameOrArnPattern}`);
		if (reference.qualifier !== undefined) {
			throw new LambdaError('InvalidParameterValueException', 'Unsupported function name: a function to create cannot have a qualifier (version or alias).');
		}
		const name = reference.name;
		if (this.store.get(name) !== undefined) throw new LambdaError('ResourceConflictException', `Function already exist: ${name}`);
		const now = Date.now();
		const pending = given.options.initialState !== 'Active';
		const record: ImageFunctionRecord = {
			format: 1,
			name,
			runtime: '',
			role: given.role ?? '',
			handler: '',
			description: given.description,
			timeout: given.timeout ?? defaultTimeout,
			memorySize: given.memorySize ?? defaultMemorySize,
			ephemeralStorage: given.ephemeralStorage ?? defaultEphemeralStorage,
			architectures: given.architectures,
			environment: given.environment,
			tracingMode: given.tracingMode ?? 'PassThrough',
			layers: [],
			loggingConfig: mergeLoggingConfig({LogFormat: 'Text', LogGroup: `/aws/lambda/${name}`}, stripUndefined(given.loggingConfig ?? {})),
			codeSha256Hex: imageDigestHex(imageUri),
			codeSize: 0,
			codeSizeUnzipped: 0,
			lastModified: lambdaTimestamp(new Date(now)),
			revisionId: randomUUID(),
			state: pending ? 'Pending' : 'Active',
			lastUpdateStatus: pending ? 'InProgress' : 'Successful',
			tags: given.tags,
			packageType: 'Image',
			imageUri,
		};
		if (imageConfig !== undefined) record.imageConfig = imageConfig;
		if (pending) {
			record.stateReason = 'The function is being created.';
			record.stateReasonCode = 'Creating';
			record.transitionDueAt = now + this.transitionDelayMs;
		}
		await this.save(record, undefined);
		if (record.transitionDueAt !== undefined) this.scheduleTransition(name, record.transitionDueAt);
		return {status: 201, body: given.publish ? await this.publishNow(record) : this.configuration(record)};
	}

	/** The settings CreateFunction and UpdateFunctionConfiguration both take, each undefined when absent. */
	private readSettings(body: JsonObject) {
		const environmentObject = optionalObject(body, 'Environment');
		const ephemeralObject = optionalObject(body, 'EphemeralStorage');
		const tracingObject = optionalObject(body, 'TracingConfig');
		const deadLetter = optionalObject(body, 'DeadLetterConfig');
		const vpcObject = optionalObject(body, 'VpcConfig');
		return {
			environment: environmentObject === undefined ? undefined : optionalStringMap(environmentObject, 'Variables') ?? {},
			ephemeralStorage: ephemeralObject === undefined ? undefined : optionalInteger(ephemeralObject, 'Size'),
			tracingMode: tracingObject === undefined ? undefined : optionalString(tracingObject, 'Mode'),
			loggingConfig: this.readLoggingConfig(body),
			kmsKeyArn: optionalString(body, 'KMSKeyArn'),
			/** DeadLetterConfig was given: without a TargetArn it removes the dead-letter queue. */
			deadLetterGiven: deadLetter !== undefined,
			deadLetterTargetArn: deadLetter === undefined ? undefined : optionalString(deadLetter, 'TargetArn'),
			/** VpcConfig was given: a list it leaves out is empty; Ipv6AllowedForDualStack undefined keeps the function's. */
			vpc:
				vpcObject === undefined
					? undefined
					: {
							subnetIds: optionalStringList(vpcObject, 'SubnetIds') ?? [],
							securityGroupIds: optionalStringList(vpcObject, 'SecurityGroupIds') ?? [],
							ipv6AllowedForDualStack: optionalBoolean(vpcObject, 'Ipv6AllowedForDualStack'),
						},
		};
	}

	private readLoggingConfig(body: JsonObject): Partial<LoggingConfigRecord> | undefined {
		const logging = optionalObject(body, 'LoggingConfig');
		if (logging === undefined) return undefined;
		const config: Partial<LoggingConfigRecord> = {};
		const format = optionalString(logging, 'LogFormat');
		const application = optionalString(logging, 'ApplicationLogLevel');
		const system = optionalString(logging, 'SystemLogLevel');
		const group = optionalString(logging, 'LogGroup');
		if (format !== undefined) config.LogFormat = format;
		if (application !== undefined) config.ApplicationLogLevel = application;
		if (system !== undefined) config.SystemLogLevel = system;
		if (group !== undefined) config.LogGroup = group;
		return config;
	}

	private inspectCode(zip: Buffer, replacing: FunctionRecord | undefined): ReturnType<typeof inspectZip> {
		if (zip.length > codeSizeZippedMax) {
			throw new LambdaError('RequestEntityTooLargeException', `Zipped size must be smaller than ${codeSizeZippedMax} bytes`);
		}
		const inspected = inspectZip(zip);
		if (inspected.unzippedSize > codeSizeUnzippedMax) {
			throw new LambdaError('InvalidParameterValueException', `Unzipped size must be smaller than ${codeSizeUnzippedMax} bytes`);
		}
		if (this.totalCodeSize() - (replacing?.codeSize ?? 0) + inspected.size > totalCodeSizeMax) {
			throw new LambdaError('CodeStorageExceededException', 'Code storage limit exceeded.');
		}
		return inspected;
	}

	getFunction(reference: string, qualifier?: string): Reply {
		const qualified = this.resolveQualified(reference, qualifier);
		const record = qualified.record;
		const image = imageOf(record);
		const body: Record<string, unknown> = {
			Configuration: this.configuration(qualified.view, false, qualified.version, qualified.qualifier),
			Code: image === undefined ? {RepositoryType: 'S3', Location: this.codeUrl(qualified.view.codeSha256Hex)} : imageCode(image),
		};
		if (Object.keys(record.tags).length > 0) body['Tags'] = {...record.tags};
		if (record.reservedConcurrency !== undefined) body['Concurrency'] = {ReservedConcurrentExecutions: record.reservedConcurrency};
		return {status: 200, body};
	}

	getFunctionConfiguration(reference: string, qualifier?: string): Reply {
		const qualified = this.resolveQualified(reference, qualifier);
		return {status: 200, body: this.configuration(qualified.view, false, qualified.version, qualified.qualifier)};
	}

	listFunctions(query: URLSearchParams): Reply {
		const pageSize = pageSizeOf(query, listFunctionsPageMax);
		const functionVersion = query.get('FunctionVersion');
		if (functionVersion !== null && functionVersion !== 'ALL') {
			throw constraintError('functionVersion', functionVersion, 'Member must satisfy enum value set: [ALL]');
		}
		const names = this.store.names();
		let start = 0;
		const marker = query.get('Marker');
		if (marker !== null && marker !== '') {
			const after = decodeMarker(marker);
			// The first name after the marker's (the function it names may have been deleted since).
			let low = 0;
			let high = names.length;
			while (low < high) {
				const middle = (low + high) >>> 1;
				if ((names[middle] ?? '') <= after) low = middle + 1;
				else high = middle;
			}
			start = low;
		}
		const page = names.slice(start, start + pageSize);
		const functions: Array<Record<string, unknown>> = [];
		for (const name of page) {
			const record = this.store.get(name);
			if (record !== undefined) functions.push(this.configuration(record, true));
		}
		const body: Record<string, unknown> = {Functions: functions};
		const last = page[page.length - 1];
		if (start + pageSize < names.length && last !== undefined) body['NextMarker'] = encodeMarker(last);
		return {status: 200, body};
	}

	async updateFunctionConfiguration(reference: string, body: JsonObject): Promise<Reply> {
		const record = this.resolve(reference);
		const role = optionalString(body, 'Role');
		const handler = optionalString(body, 'Handler');
		const description = optionalString(body, 'Description');
		const timeout = optionalInteger(body, 'Timeout');
		const memorySize = optionalInteger(body, 'MemorySize');
		const runtime = optionalString(body, 'Runtime');
		const revisionId = optionalString(body, 'RevisionId');
		const {environment, ephemeralStorage, tracingMode, loggingConfig, kmsKeyArn, deadLetterGiven, deadLetterTargetArn, vpc} =
			this.readSettings(body);
		const layers = optionalStringList(body, 'Layers');
		const fileSystems = readFileSystemConfigs(body);

		const givenLogging = loggingConfig === undefined ? undefined : stripUndefined(loggingConfig);
		const mergedLogging = givenLogging === undefined ? undefined : mergeLoggingConfig(record.loggingConfig, givenLogging);
		// A VpcConfig without Ipv6AllowedForDualStack keeps the function's (so detaching a dual-stack function needs false).
		const vpcConfig: VpcConfigRecord | undefined =
			vpc === undefined
				? undefined
				: {
						subnetIds: vpc.subnetIds,
						securityGroupIds: vpc.securityGroupIds,
						ipv6AllowedForDualStack: vpc.ipv6AllowedForDualStack ?? record.vpcConfig?.ipv6AllowedForDualStack ?? false,
					};
		throwProblems([
			...(role === undefined ? [] : checkRole(role)),
			// Once Lambda blocks updates of a runtime, only an update that moves the function off it is taken.
			...(imageOf(record) === undefined ? [] : imageSettingProblems(runtime, handler)),
			...(runtime === undefined ? checkRuntimeStillUpdatable(record.runtime) : checkRuntime(runtime, 'update')),
			...(handler === undefined ? [] : checkHandler(handler)),
			...(description === undefined ? [] : checkDescription(description)),
			...(timeout === undefined ? [] : checkTimeout(timeout)),
			...(memorySize === undefined ? [] : checkMemorySize(memorySize)),
			...(ephemeralStorage === undefined ? [] : checkEphemeralStorage(ephemeralStorage)),
			...(layers === undefined ? [] : checkLayers(layers)),
			...(tracingMode === undefined ? [] : checkTracingMode(tracingMode)),
			...(givenLogging === undefined ? [] : checkLoggingConfig({...givenLogging, LogFormat: effectiveLogFormat(record.loggingConfig, givenLogging)})),
			...(vpcConfig === undefined ? [] : checkVpcConfig(vpcConfig)),
			...fileSystemProblems(fileSystems),
			...(kmsKeyArn === undefined ? [] : checkKmsKeyArn(kmsKeyArn)),
			// An empty TargetArn removes the dead-letter queue.
			...(deadLetterGiven && deadLetterTargetArn !== undefined && deadLetterTargetArn !== '' ? checkDeadLetterTargetArn(deadLetterTargetArn, this.region) : []),
			...(environment === undefined ? [] : checkEnvironment(environment)),
		]);
		const fileSystemConfigs = fileSystems === undefined ? undefined : toFileSystemConfigs(fileSystems);
		throwProblems(vpcRequirementProblems(fileSystemConfigs ?? record.fileSystemConfigs, (vpcConfig ?? record.vpcConfig)?.subnetIds));
		this.checkRevision(record, revisionId);
		this.checkNotBusy(record);
		if (layers !== undefined) this.layers.checkFunctionLayers(layers, record.codeSizeUnzipped);
		if (layers !== undefined) checkAddedLayers(this, record, layers);

		const now = Date.now();
		const next: FunctionRecord = {
			...record,
			revisionId: randomUUID(),
			lastModified: lambdaTimestamp(new Date(now)),
			lastUpdateStatus: 'InProgress',
			transitionDueAt: now + this.transitionDelayMs,
		};
		if (role !== undefined) next.role = role;
		if (handler !== undefined) next.handler = handler;
		if (description !== undefined) next.description = description;
		if (timeout !== undefined) next.timeout = timeout;
		if (memorySize !== undefined) next.memorySize = memorySize;
		if (runtime !== undefined) next.runtime = runtime;
		if (environment !== undefined) next.environment = environment;
		if (layers !== undefined) next.layers = layers;
		if (ephemeralStorage !== undefined) next.ephemeralStorage = ephemeralStorage;
		if (tracingMode !== undefined) next.tracingMode = tracingMode;
		if (mergedLogging !== undefined) next.loggingConfig = mergedLogging;
		if (kmsKeyArn !== undefined) {
			if (kmsKeyArn === '') delete next.kmsKeyArn;
			else next.kmsKeyArn = kmsKeyArn;
		}
		if (deadLetterGiven) {
			if (deadLetterTargetArn === undefined || deadLetterTargetArn === '') delete next.deadLetterTargetArn;
			else next.deadLetterTargetArn = deadLetterTargetArn;
		}
		if (vpcConfig !== undefined) next.vpcConfig = vpcConfig;
		if (fileSystemConfigs !== undefined) {
			if (fileSystemConfigs.length > 0) next.fileSystemConfigs = fileSystemConfigs;
			else delete next.fileSystemConfigs;
		}
		await this.save(next, record);
		this.scheduleTransition(next.name, now + this.transitionDelayMs);
		return {status: 200, body: this.configuration(next)};
	}

	async updateFunctionCode(reference: string, body: JsonObject): Promise<Reply> {
		const record = this.resolve(reference);
		const zip = optionalBlob(body, 'ZipFile');
		const revisionId = optionalString(body, 'RevisionId');
		const dryRun = optionalBoolean(body, 'DryRun') ?? false;
		const architectures = optionalStringList(body, 'Architectures');
		const publish = optionalBoolean(body, 'Publish') ?? false;
		if (architectures !== undefined) throwProblems(checkArchitectures(architectures));
		if (imageOf(record) !== undefined) return this.updateImageCode(record, body, {revisionId, dryRun, architectures, publish});
		if (zip === undefined) {
			const other = ['S3Bucket', 'S3Key', 'ImageUri'].find((key) => body[key] !== undefined && body[key] !== null);
			throw new LambdaError(
				'InvalidParameterValueException',
				other === undefined
					? 'Please provide a source for function code.'
					: `The local Lambda takes code only as ZipFile (${other} is not supported).`,
			);
		}
		const inspected = this.inspectCode(zip, record);
		this.layers.checkCombinedSize(record.layers, inspected.unzippedSize);
		this.checkRevision(record, revisionId);
		this.checkNotBusy(record);
		const signing = checkCodeSigning(this, {functionName: record.name, codeSigningConfigArn: record.codeSigningConfigArn, zip});
		if (dryRun) return {status: 200, body: this.configuration(record)};
		const now = Date.now();
		const next: FunctionRecord = {
			...record,
			codeSha256Hex: inspected.sha256Hex,
			codeSize: inspected.size,
			codeSizeUnzipped: inspected.unzippedSize,
			revisionId: randomUUID(),
			lastModified: lambdaTimestamp(new Date(now)),
			lastUpdateStatus: 'InProgress',
			transitionDueAt: now + this.transitionDelayMs,
			codeSignature: signing.codeSignature,
		};
		if (architectures !== undefined) next.architectures = architectures;
		await this.save(next, record, zip);
		this.scheduleTransition(next.name, now + this.transitionDelayMs);
		return {status: 200, body: publish ? await this.publishNow(next) : this.configuration(next)};
	}

	/** UpdateFunctionCode of a container image function: a new Code.ImageUri (never a .zip). */
	private async updateImageCode(
		record: FunctionRecord,
		body: JsonObject,
		given: {revisionId: string | undefined; dryRun: boolean; architectures: string[] | undefined; publish: boolean},
	): Promise<Reply> {
		if (optionalBlob(body, 'ZipFile') !== undefined || optionalString(body, 'S3Bucket') !== undefined) {
			throw new LambdaError('InvalidParameterValueException', 'Please provide ImageUri when updating a function with packageType Image.');
		}
		const imageUri = checkImageUri(optionalString(body, 'ImageUri'));
		this.checkRevision(record, given.revisionId);
		this.checkNotBusy(record);
		if (given.dryRun) return {status: 200, body: this.configuration(record)};
		const now = Date.now();
		const next: ImageFunctionRecord = {
			...record,
			packageType: 'Image',
			imageUri,
			codeSha256Hex: imageDigestHex(imageUri),
			revisionId: randomUUID(),
			lastModified: lambdaTimestamp(new Date(now)),
			lastUpdateStatus: 'InProgress',
			transitionDueAt: now + this.transitionDelayMs,
		};
		if (given.architectures !== undefined) next.architectures = given.architectures;
		await this.save(next, record);
		this.scheduleTransition(next.name, now + this.transitionDelayMs);
		return {status: 200, body: given.publish ? await this.publishNow(next) : this.configuration(next)};
	}

	async deleteFunction(reference: string, qualifier?: string): Promise<Reply> {
		if (qualifier === '$LATEST') {
			throw new LambdaError('InvalidParameterValueException', '$LATEST version cannot be deleted without deleting the function.');
		}
		const located = this.locate(reference, qualifier);
		if (located.qualifier !== undefined && located.qualifier !== '$LATEST') return this.deleteVersion(located);
		const record = located.record;
		const timer = this.timers.get(record.name);
		if (timer !== undefined) clearTimeout(timer);
		this.timers.delete(record.name);
		this.store.delete(record.name);
		try {
			await this.store.persist(record.name);
		} catch (error) {
			this.store.set(record);
			throw new LambdaError('ServiceException', `The local Lambda could not delete the function: ${(error as Error).message}`);
		}
		this.attached?.invoker.retire(record.name);
		await dropFunctionUrls(this, record.name);
		const packages = new Set([record.codeSha256Hex, ...(record.versions ?? []).map((version) => version.codeSha256Hex)]);
		for (const hex of packages) await this.store.releaseCode(hex).catch(() => undefined);
		return {status: 204};
	}

	private async deleteVersion(located: Located): Promise<Reply> {
		const {record, arn} = located;
		const version = record.versions?.find((entry) => entry.version === located.qualifier);
		if (version === undefined) throw notFound(arn);
		const referencing = (record.aliases ?? []).filter(
			(alias) => alias.functionVersion === version.version || alias.additionalVersionWeights?.[version.version] !== undefined,
		);
		if (referencing.length > 0) {
			throw new LambdaError(
				'ResourceConflictException',
				`Unable to delete version because the following aliases reference it: [${referencing.map((alias) => alias.name).join(', ')}]`,
			);
		}
		const next: FunctionRecord = {
			...record,
			versions: (record.versions ?? []).filter((entry) => entry !== version),
			eventInvokeConfigs: record.eventInvokeConfigs?.filter((config) => config.qualifier !== version.version),
			resourcePolicies: policiesWithout(record, version.version),
		};
		await this.save(next, record);
		await syncProvisionedConcurrency(this, record.name);
		await this.store.releaseCode(version.codeSha256Hex).catch(() => undefined);
		return {status: 204};
	}

	// ---- versions ----------------------------------------------------------

	async publishVersion(reference: string, body: JsonObject): Promise<Reply> {
		const record = this.resolve(reference);
		const codeSha256 = optionalString(body, 'CodeSha256');
		const description = optionalString(body, 'Description');
		const revisionId = optionalString(body, 'RevisionId');
		if (description !== undefined) throwProblems(checkDescription(description));
		this.checkNotBusy(record);
		this.checkRevision(record, revisionId);
		const currentSha256 = hexToBase64(record.codeSha256Hex);
		if (codeSha256 !== undefined && codeSha256 !== currentSha256) {
			throw new LambdaError(
				'InvalidParameterValueException',
				`CodeSHA256 (${codeSha256}) is different from current CodeSHA256 in $LATEST (${currentSha256}). Please try again with the CodeSHA256 in $LATEST.`,
			);
		}
		return {status: 201, body: await this.publishNow(record, description)};
	}

	/**
	 * Publishes $LATEST as a new version (PublishVersion, and the Publish flag of
	 * CreateFunction and UpdateFunctionCode); the version's configuration.
	 */
	private async publishNow(record: FunctionRecord, description?: string): Promise<Record<string, unknown>> {
		const versions = record.versions ?? [];
		const last = versions[versions.length - 1];
		if (last !== undefined && last.sourceLastModified === record.lastModified) {
			// Nothing changed since the last version: Lambda answers with that version.
			return this.configuration(versionView(record, last), false, last.version, last.version);
		}
		const number = (record.lastVersionNumber ?? 0) + 1;
		const version: VersionRecord = {
			...snapshotOf(record),
			description: description ?? record.description,
			version: String(number),
			lastModified: lambdaTimestamp(),
			revisionId: randomUUID(),
			sourceLastModified: record.lastModified,
		};
		if (record.fileSystemConfigs !== undefined) version.fileSystemConfigs = record.fileSystemConfigs;
		await this.save({...record, versions: [...versions, version], lastVersionNumber: number}, record);
		return this.configuration(versionView(record, version), false, version.version, version.version);
	}

	listVersionsByFunction(reference: string, query: URLSearchParams): Reply {
		const record = this.resolve(reference);
		const pageSize = pageSizeOf(query, listVersionsPageMax);
		const order = (version: string): number => (version === '$LATEST' ? 0 : Number(version));
		const entries: Array<{version: string; view: FunctionRecord}> = [
			{version: '$LATEST', view: record},
			...(record.versions ?? []).map((version) => ({version: version.version, view: versionView(record, version)})),
		];
		let start = 0;
		const marker = query.get('Marker');
		if (marker !== null && marker !== '') {
			const after = decodeMarker(marker, 'ListVersionsByFunction');
			if (after !== '$LATEST' && !/^[0-9]+$/.test(after)) {
				throw new LambdaError('InvalidParameterValueException', 'Invalid Marker: pass the NextMarker of a previous ListVersionsByFunction response.');
			}
			start = entries.findIndex((entry) => order(entry.version) > order(after));
			if (start === -1) start = entries.length;
		}
		const page = entries.slice(start, start + pageSize);
		const body: Record<string, unknown> = {
			Versions: page.map((entry) => this.configuration(entry.view, true, entry.version, entry.version)),
		};
		const lastEntry = page[page.length - 1];
		if (start + pageSize < entries.length && lastEntry !== undefined) body['NextMarker'] = encodeMarker(lastEntry.version);
		return {status: 200, body};
	}

	// ---- aliases -----------------------------------------------------------

	aliasArn(name: string, alias: string): string {
		return `${this.arn(name)}:${alias}`;
	}

	private aliasConfiguration(record: FunctionRecord, alias: AliasRecord): Record<string, unknown> {
		const configuration: Record<string, unknown> = {
			AliasArn: this.aliasArn(record.name, alias.name),
			Name: alias.name,
			FunctionVersion: alias.functionVersion,
			Description: alias.description,
		};
		if (alias.additionalVersionWeights !== undefined && Object.keys(alias.additionalVersionWeights).length > 0) {
			configuration['RoutingConfig'] = {AdditionalVersionWeights: {...alias.additionalVersionWeights}};
		}
		configuration['RevisionId'] = alias.revisionId;
		return configuration;
	}

	private findAlias(record: FunctionRecord, name: string): AliasRecord {
		throwProblems(checkAliasName(name));
		const alias = record.aliases?.find((entry) => entry.name === name);
		if (alias === undefined) throw new LambdaError('ResourceNotFoundException', `Alias not found: ${this.aliasArn(record.name, name)}`);
		return alias;
	}

	/** Lambda's rules for where an alias points: published versions that exist. */
	private checkAliasTarget(record: FunctionRecord, functionVersion: string, weights: Record<string, number> | undefined): void {
		throwProblems(checkAdditionalVersionWeights(weights ?? {}, functionVersion));
		for (const version of [functionVersion, ...Object.keys(weights ?? {})]) {
			if (version === '$LATEST') continue;
			if (record.versions?.some((entry) => entry.version === version) !== true) throw notFound(this.aliasArn(record.name, version));
		}
	}

	async createAlias(reference: string, body: JsonObject): Promise<Reply> {
		const record = this.resolve(reference);
		const name = optionalString(body, 'Name');
		const functionVersion = optionalString(body, 'FunctionVersion');
		const description = optionalString(body, 'Description') ?? '';
		const weights = readWeights(optionalObject(body, 'RoutingConfig'));
		throwProblems([...checkAliasName(name), ...checkFunctionVersion(functionVersion), ...checkDescription(description)]);
		if (name === undefined || functionVersion === undefined) throw constraintError('name', undefined, 'Member must not be null');
		const aliases = record.aliases ?? [];
		if (aliases.some((alias) => alias.name === name)) {
			throw new LambdaError('ResourceConflictException', `Alias already exists: ${this.aliasArn(record.name, name)}`);
		}
		this.checkAliasTarget(record, functionVersion, weights);
		const alias: AliasRecord = {name, functionVersion, description, revisionId: randomUUID()};
		if (weights !== undefined && Object.keys(weights).length > 0) alias.additionalVersionWeights = weights;
		const sorted = [...aliases, alias].sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
		await this.save({...record, aliases: sorted}, record);
		return {status: 201, body: this.aliasConfiguration(record, alias)};
	}

	getAlias(reference: string, name: string): Reply {
		const record = this.resolve(reference);
		return {status: 200, body: this.aliasConfiguration(record, this.findAlias(record, name))};
	}

	async updateAlias(reference: string, name: string, body: JsonObject): Promise<Reply> {
		const record = this.resolve(reference);
		const functionVersion = optionalString(body, 'FunctionVersion');
		const description = optionalString(body, 'Description');
		const revisionId = optionalString(body, 'RevisionId');
		const weights = readWeights(optionalObject(body, 'RoutingConfig'));
		throwProblems([
			...(functionVersion === undefined ? [] : checkFunctionVersion(functionVersion)),
			...(description === undefined ? [] : checkDescription(description)),
		]);
		const alias = this.findAlias(record, name);
		if (revisionId !== undefined && revisionId !== alias.revisionId) {
			throw new LambdaError(
				'PreconditionFailedException',
				'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
			);
		}
		const next: AliasRecord = {...alias, revisionId: randomUUID()};
		if (functionVersion !== undefined) next.functionVersion = functionVersion;
		if (description !== undefined) next.description = description;
		if (weights !== undefined) {
			if (Object.keys(weights).length > 0) next.additionalVersionWeights = weights;
			else delete next.additionalVersionWeights;
		}
		this.checkAliasTarget(record, next.functionVersion, next.additionalVersionWeights);
		const aliases = (record.aliases ?? []).map((entry) => (entry === alias ? next : entry));
		await this.save({...record, aliases}, record);
		await syncProvisionedConcurrency(this, record.name);
		return {status: 200, body: this.aliasConfiguration(record, next)};
	}

	async deleteAlias(reference: string, name: string): Promise<Reply> {
		const record = this.resolve(reference);
		throwProblems(checkAliasName(name));
		const aliases = record.aliases ?? [];
		// Deleting an alias that does not exist succeeds, as Lambda answers.
		if (aliases.some((alias) => alias.name === name)) {
			// The alias's asynchronous invocation configuration goes with it.
			const configs = record.eventInvokeConfigs?.filter((config) => config.qualifier !== name);
			await this.save({...record, aliases: aliases.filter((alias) => alias.name !== name), eventInvokeConfigs: configs, resourcePolicies: policiesWithout(record, name)}, record);
			await syncProvisionedConcurrency(this, record.name);
			await dropFunctionUrls(this, record.name, name);
		}
		return {status: 204};
	}

	listAliases(reference: string, query: URLSearchParams): Reply {
		const record = this.resolve(reference);
		const pageSize = pageSizeOf(query, listAliasesPageMax);
		const functionVersion = query.get('FunctionVersion');
		if (functionVersion !== null) throwProblems(checkFunctionVersion(functionVersion));
		const aliases = (record.aliases ?? []).filter((alias) => functionVersion === null || alias.functionVersion === functionVersion);
		let start = 0;
		const marker = query.get('Marker');
		if (marker !== null && marker !== '') {
			const after = decodeMarker(marker, 'ListAliases');
			start = aliases.findIndex((alias) => alias.name > after);
			if (start === -1) start = aliases.length;
		}
		const page = aliases.slice(start, start + pageSize);
		const body: Record<string, unknown> = {Aliases: page.map((alias) => this.aliasConfiguration(record, alias))};
		const lastAlias = page[page.length - 1];
		if (start + pageSize < aliases.length && lastAlias !== undefined) body['NextMarker'] = encodeMarker(lastAlias.name);
		return {status: 200, body};
	}

	async putFunctionConcurrency(reference: string, body: JsonObject): Promise<Reply> {
		const record = this.resolve(reference);
		const value = optionalInteger(body, 'ReservedConcurrentExecutions');
		if (value === undefined) throw constraintError('reservedConcurrentExecutions', undefined, 'Member must not be null');
		throwProblems(checkReservedConcurrency(value, this.reservedByOthers(record.name)));
		await this.save({...record, reservedConcurrency: value, revisionId: randomUUID()}, record);
		return {status: 200, body: {ReservedConcurrentExecutions: value}};
	}

	getFunctionConcurrency(reference: string): Reply {
		const record = this.resolve(reference);
		return {
			status: 200,
			body: record.reservedConcurrency === undefined ? {} : {ReservedConcurrentExecutions: record.reservedConcurrency},
		};
	}

	async deleteFunctionConcurrency(reference: string): Promise<Reply> {
		const record = this.resolve(reference);
		if (record.reservedConcurrency !== undefined) {
			const next: FunctionRecord = {...record, revisionId: randomUUID()};
			delete next.reservedConcurrency;
			await this.save(next, record);
		}
		return {status: 204};
	}

	getAccountSettings(): Reply {
		let reserved = 0;
		let totalCodeSize = 0;
		let functionCount = 0;
		for (const record of this.store.all()) {
			reserved += record.reservedConcurrency ?? 0;
			totalCodeSize += record.codeSize;
			functionCount += 1;
		}
		return {
			status: 200,
			body: {
				AccountLimit: {
					TotalCodeSize: totalCodeSizeMax,
					CodeSizeUnzipped: codeSizeUnzippedMax,
					CodeSizeZipped: codeSizeZippedMax,
					ConcurrentExecutions: accountConcurrentExecutions,
					UnreservedConcurrentExecutions: accountConcurrentExecutions - reserved,
				},
				AccountUsage: {TotalCodeSize: totalCodeSize + this.layers.totalCodeSize(), FunctionCount: functionCount},
			},
		};
	}

	async tagResource(resource: string, body: JsonObject): Promise<Reply> {
		const record = this.resolveResource(resource);
		const tags = optionalStringMap(body, 'Tags');
		if (tags === undefined) throw constraintError('tags', undefined, 'Member must not be null');
		throwProblems(checkTags(tags, record.tags));
		await this.save({...record, tags: {...record.tags, ...tags}, revisionId: randomUUID()}, record);
		return {status: 204};
	}

	async untagResource(resource: string, keys: string[]): Promise<Reply> {
		const record = this.resolveResource(resource);
		if (keys.length === 0) throw constraintError('tagKeys', undefined, 'Member must not be null');
		const tags = {...record.tags};
		for (const key of keys) delete tags[key];
		await this.save({...record, tags, revisionId: randomUUID()}, record);
		return {status: 204};
	}

	listTags(resource: string): Reply {
		const record = this.resolveResource(resource);
		return {status: 200, body: {Tags: {...record.tags}}};
	}

	/** The deployment package behind a Code.Location URL, when a function uses it. */
	codeFile(sha256Hex: string): string | undefined {
		if (!/^[0-9a-f]{64}$/.test(sha256Hex) || !this.store.hasCode(sha256Hex) || !this.store.isCodeReferenced(sha256Hex)) return undefined;
		return this.store.codePath(sha256Hex);
	}
}

function stripUndefined<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
