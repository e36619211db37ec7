// Lambda's quotas and the constraints of its API, as data. The local Lambda
// enforces them and the console checks input against them before it calls AWS.
// Sources: the Lambda service model (the constraints of each member) and the
// "Lambda quotas" page of the Lambda developer guide.

import {runtimeDeprecations} from './runtime-deprecation.js';

export const functionNameMaxLength = 64;
/** FunctionName members accept a name, a partial ARN or a full ARN, at most this long. */
export const functionNameOrArnMaxLength = 140;
export const handlerMaxLength = 128;
export const descriptionMaxLength = 256;

export const memorySizeMin = 128;
export const memorySizeMax = 10240;
export const ephemeralStorageMin = 512;
export const ephemeralStorageMax = 10240;
export const timeoutMin = 1;
export const timeoutMax = 900;

export const defaultMemorySize = 128;
export const defaultTimeout = 3;
export const defaultEphemeralStorage = 512;

/** Environment variables: the total size of the map, measured as its JSON. */
export const environmentMaxBytes = 4096;

export const tagsPerResourceMax = 50;
export const tagKeyMaxLength = 128;
export const tagValueMaxLength = 256;

export const layersPerFunctionMax = 5;

/** VpcConfig: subnets and security groups of a function (the constraints of the service model). */
export const vpcSubnetIdsMax = 16;
export const vpcSecurityGroupIdsMax = 5;
/** Each subnet or security group ID, as Lambda checks it before it asks EC2. */
export const vpcIdMaxLength = 1024;

/** AllowedPublishers.SigningProfileVersionArns of a code signing configuration: 1 to 20 ARNs (the Lambda API reference). */
export const allowedPublishersMax = 20;

/** LoggingConfig.LogGroup: 1-512 characters (the service model). */
export const logGroupNameMaxLength = 512;
/** The log levels Lambda sets when a function's log format becomes JSON without levels. */
export const defaultApplicationLogLevel = 'INFO';
export const defaultSystemLogLevel = 'INFO';

export const accountConcurrentExecutions = 1000;
/** Reserved concurrency may not leave fewer than this many executions unreserved. */
export const unreservedConcurrencyMin = 100;

/** A deployment package uploaded directly (ZipFile), zipped. */
export const codeSizeZippedMax = 52_428_800;
/** The unzipped deployment package, layers included. */
export const codeSizeUnzippedMax = 262_144_000;
/** All deployment packages and layers of the account in a region. */
export const totalCodeSizeMax = 80_530_636_800;

/** Largest request body Lambda takes for CreateFunction and UpdateFunctionCode (50 MB, base64 in JSON). */
export const codeRequestBodyMax = 69_905_067;
/** Largest request body for every other operation (6 MB, the synchronous invocation payload limit). */
export const requestBodyMax = 6_291_456;

/** Invoke: the payload of a synchronous (RequestResponse) invocation, and of its response. */
export const invokePayloadSyncMax = 6_291_456;
/** Invoke: the payload of an asynchronous (Event) invocation. */
export const invokePayloadAsyncMax = 1_048_576;

export const listFunctionsPageMax = 50;

/** Runtime identifiers: the Runtime enum of the Lambda service model (the installed SDK's `Runtime`). */
export const runtimes: readonly string[] = [
	'dotnet10', 'dotnet6', 'dotnet8', 'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1',
	'go1.x',
	'java11', 'java11.al2023', 'java17', 'java17.al2023', 'java21', 'java25', 'java8', 'java8.al2', 'java8.al2023',
	'nodejs', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x', 'nodejs16.x', 'nodejs18.x', 'nodejs20.x', 'nodejs22.x',
	'nodejs24.x', 'nodejs26.x', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10',
	'provided', 'provided.al2', 'provided.al2023',
	'python2.7', 'python3.10', 'python3.11', 'python3.12', 'python3.13', 'python3.14', 'python3.15',
	'python3.6', 'python3.7', 'python3.8', 'python3.9',
	'ruby2.5', 'ruby2.7', 'ruby3.2', 'ruby3.3', 'ruby3.4', 'ruby4.0',
];

/**
 * The runtime Lambda recommends instead of each deprecated runtime. When
 * Lambda stops creating and updating functions with each of them is in
 * runtime-deprecation.ts (runtimeDeprecations, isRuntimeBlocked).
 */
export const blockedRuntimes: Readonly<Record<string, string>> = Object.fromEntries(
	Object.entries(runtimeDeprecations).map(([runtime, deprecation]) => [runtime, deprecation.successor]),
);

export const architectures: readonly string[] = ['x86_64', 'arm64'];
export const tracingModes: readonly string[] = ['Active', 'PassThrough'];
export const logFormats: readonly string[] = ['JSON', 'Text'];
export const applicationLogLevels: readonly string[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
export const systemLogLevels: readonly string[] = ['DEBUG', 'INFO', 'WARN'];

/**
 * Environment variables Lambda sets itself; a function's configuration may
 * not set them ("Defined runtime environment variables" in the Lambda
 * developer guide).
 */
export const reservedEnvironmentVariables: readonly string[] = [
	'_HANDLER',
	'_X_AMZN_TRACE_ID',
	'AWS_DEFAULT_REGION',
	'AWS_REGION',
	'AWS_EXECUTION_ENV',
	'AWS_LAMBDA_FUNCTION_NAME',
	'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
	'AWS_LAMBDA_FUNCTION_VERSION',
	'AWS_LAMBDA_INITIALIZATION_TYPE',
	'AWS_LAMBDA_LOG_GROUP_NAME',
	'AWS_LAMBDA_LOG_STREAM_NAME',
	'AWS_ACCESS_KEY',
	'AWS_ACCESS_KEY_ID',
	'AWS_SECRET_ACCESS_KEY',
	'AWS_SESSION_TOKEN',
	'AWS_LAMBDA_RUNTIME_API',
	'LAMBDA_TASK_ROOT',
	'LAMBDA_RUNTIME_DIR',
];

/** Versions and aliases (the constraints of the Lambda service model). */
export const aliasNameMaxLength = 128;
export const functionVersionMaxLength = 1024;
/** RoutingConfig.AdditionalVersionWeights: an alias routes to at most this many versions besides its own. */
export const additionalVersionsMax = 1;
export const listVersionsPageMax = 50;
export const listAliasesPageMax = 50;
