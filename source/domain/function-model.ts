// The console's own view of a Lambda function: plain data, no SDK types, so the
// UI and the pure logic never depend on the SDK's shapes.
import type {FileSystemConfig} from './file-systems.js';

export interface FunctionSummary {
	name: string;
	arn: string;
	description: string;
	runtime: string; // "nodejs22.x", or "image" for a container image function
	handler: string;
	memoryMb: number;
	timeoutSeconds: number;
	codeSize: number;
	lastModified: Date | undefined;
	state: string; // Pending, Active, Inactive, Failed; "-" when not reported
	lastUpdateStatus: string; // InProgress, Successful, Failed; "-" when not reported
	packageType: string;
	architectures: string[];
}

export interface FunctionDetail extends FunctionSummary {
	role: string;
	ephemeralStorageMb: number;
	codeSha256: string;
	stateReason: string;
	lastUpdateStatusReason: string;
	layers: Array<{arn: string; codeSize: number}>;
	environmentVariableCount: number;
	/** The function's environment variables as Lambda holds them: values are NOT cleaned (clean them to draw them). */
	environment: Record<string, string>;
	/** The KMS key of the environment variables; "" for Lambda's own key. */
	kmsKeyArn: string;
	tracingMode: string;
	logging: {format: string; applicationLogLevel: string; systemLogLevel: string; logGroup: string};
	deadLetterTargetArn: string;
	vpc: {subnetIds: string[]; securityGroupIds: string[]; vpcId: string; ipv6AllowedForDualStack: boolean};
	/** FileSystemConfigs: the EFS access point mounted and where (Lambda allows one). */
	fileSystems: FileSystemConfig[];
	tags: Record<string, string>;
	/** undefined: no reservation (the function uses the account's unreserved pool). */
	reservedConcurrency: number | undefined;
	revisionId: string;
	version: string;
	imageUri: string | undefined;
}

export interface AccountConcurrency {
	limit: number;
	unreserved: number;
}

/** A change to a function's configuration, as the Configuration tab makes it: only the fields given change. */
export interface ConfigurationChange {
	description?: string;
	handler?: string;
	runtime?: string;
	memoryMb?: number;
	timeoutSeconds?: number;
	ephemeralStorageMb?: number;
	environment?: Record<string, string>;
	kmsKeyArn?: string;
	tracingMode?: string;
	logging?: {format: string; applicationLogLevel?: string; systemLogLevel?: string; logGroup?: string};
	deadLetterTargetArn?: string;
	vpc?: {subnetIds: string[]; securityGroupIds: string[]; ipv6AllowedForDualStack: boolean};
	/** Layer version ARNs, in merge order (the whole list: [] removes them all). */
	layers?: string[];
	/** The whole list of file systems ([] removes the function's). */
	fileSystems?: FileSystemConfig[];
}
