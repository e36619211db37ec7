// What the local Lambda keeps about a function: one JSON file per function.

export type FunctionState = 'Pending' | 'Active' | 'Inactive' | 'Failed';
export type LastUpdateStatus = 'InProgress' | 'Successful' | 'Failed';

export interface LoggingConfigRecord {
	LogFormat: string;
	ApplicationLogLevel?: string;
	SystemLogLevel?: string;
	LogGroup: string;
}

/** A function's VpcConfig as it was last given (the VpcId is derived from the subnets when shown). */
export interface VpcConfigRecord {
	subnetIds: string[];
	securityGroupIds: string[];
	ipv6AllowedForDualStack: boolean;
}

export interface FunctionRecord {
	/** Format of this record, for later migrations. */
	format: 1;
	name: string;
	runtime: string;
	role: string;
	handler: string;
	description: string;
	timeout: number;
	memorySize: number;
	ephemeralStorage: number;
	architectures: string[];
	/** undefined: no Environment was ever set (Lambda then omits it from the configuration). */
	environment: Record<string, string> | undefined;
	tracingMode: string;
	layers: string[];
	loggingConfig: LoggingConfigRecord;
	/** Hex SHA-256 of the zip: the name of its blob in the code store. */
	codeSha256Hex: string;
	codeSize: number;
	/** Sum of the uncompressed sizes of the zip's entries. */
	codeSizeUnzipped: number;
	lastModified: string;
	revisionId: string;
	state: FunctionState;
	stateReason?: string;
	stateReasonCode?: string;
	lastUpdateStatus: LastUpdateStatus;
	lastUpdateStatusReason?: string;
	lastUpdateStatusReasonCode?: string;
	/** When the transition in flight (Pending->Active, InProgress->Successful) completes, as epoch ms. */
	transitionDueAt?: number;
	tags: Record<string, string>;
	/** undefined: no reservation. */
	reservedConcurrency?: number;
	/** Accepted and echoed, not acted on. */
	kmsKeyArn?: string;
	deadLetterTargetArn?: string;
	/** undefined: no VpcConfig was ever given (Lambda then omits it from the configuration); empty lists: detached. */
	vpcConfig?: VpcConfigRecord;
	/** The code signing configuration attached to the function (CodeSigningConfigArn); undefined: none. */
	codeSigningConfigArn?: string;
	/** Who signed the code, when it was deployed signed under a code signing configuration. */
	codeSignature?: CodeSignatureRecord;
	/** Published versions, oldest first. undefined: none was ever published. */
	versions?: VersionRecord[];
	/** The number of the last version published; Lambda never reuses a number, even of a deleted version. */
	lastVersionNumber?: number;
	/** Aliases, by name. */
	aliases?: AliasRecord[];
	/** Asynchronous invocation settings (EventInvokeConfig), one per qualifier; undefined: none was ever put. */
	eventInvokeConfigs?: EventInvokeConfigRecord[];
	/** Provisioned concurrency of versions and aliases, in the order first put; undefined: none was ever put. */
	provisionedConcurrencyConfigs?: ProvisionedConcurrencyConfigRecord[];
}

/** The provisioned concurrency configuration of a published version or an alias (PutProvisionedConcurrencyConfig). */
export interface ProvisionedConcurrencyConfigRecord {
	/** A version number or an alias name. */
	qualifier: string;
	/** RequestedProvisionedConcurrentExecutions. */
	requested: number;
	/** Lambda's LastModified of the configuration: 2019-12-31T20:28:49+0000 */
	lastModified: string;
}

/** The EventInvokeConfig of $LATEST, a version or an alias. A member that was not given is undefined (Lambda's default applies). */
export interface EventInvokeConfigRecord {
	/** "$LATEST" (also for the unqualified function), a version number or an alias name. */
	qualifier: string;
	/** Epoch milliseconds. */
	lastModified: number;
	maximumRetryAttempts?: number;
	maximumEventAgeInSeconds?: number;
	/** DestinationConfig.OnSuccess.Destination */
	onSuccess?: string;
	/** DestinationConfig.OnFailure.Destination */
	onFailure?: string;
}

/** The fields of a function's configuration that a published version freezes. */
export type VersionSnapshot = Pick<
	FunctionRecord,
	| 'runtime'
	| 'role'
	| 'handler'
	| 'description'
	| 'timeout'
	| 'memorySize'
	| 'ephemeralStorage'
	| 'architectures'
	| 'environment'
	| 'tracingMode'
	| 'layers'
	| 'loggingConfig'
	| 'codeSha256Hex'
	| 'codeSize'
	| 'codeSizeUnzipped'
	| 'kmsKeyArn'
	| 'deadLetterTargetArn'
	| 'codeSignature'
	| 'vpcConfig'
>;

/** Who signed a function's code: its configuration's SigningProfileVersionArn and SigningJobArn. */
export interface CodeSignatureRecord {
	signingProfileVersionArn: string;
	signingJobArn: string;
}

export interface VersionRecord extends VersionSnapshot {
	/** "1", "2", ... */
	version: string;
	lastModified: string;
	revisionId: string;
	/** The LastModified of $LATEST when this version was published: publishing again with no change since returns this version. */
	sourceLastModified: string;
}

export interface AliasRecord {
	name: string;
	functionVersion: string;
	description: string;
	revisionId: string;
	/** RoutingConfig.AdditionalVersionWeights; undefined: no routing configuration. */
	additionalVersionWeights?: Record<string, number>;
}

export function isFunctionRecord(value: unknown): value is FunctionRecord {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Record<string, unknown>;
	return (
		record['format'] === 1 &&
		typeof record['name'] === 'string' &&
		typeof record['runtime'] === 'string' &&
		typeof record['codeSha256Hex'] === 'string' &&
		typeof record['revisionId'] === 'string' &&
		typeof record['tags'] === 'object' &&
		record['tags'] !== null
	);
}
