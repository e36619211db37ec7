// The environment variables of an execution environment, as Lambda defines
// them ("Defined runtime environment variables" in the Lambda developer
// guide): the unreserved ones (PATH, LD_LIBRARY_PATH, NODE_PATH, PYTHONPATH,
// LANG, TZ) first, relative to the layers' /opt-like directory, then the
// function's own variables, which may replace those, then the reserved ones,
// which nothing replaces. Nothing of the local Lambda's own environment leaks
// in but PATH: not the developer's AWS credentials or profile, not NODE_OPTIONS.
// A file system (FileSystemConfigs) is reachable at the directory its
// LAMBDASH_MOUNT_<NAME> variable names (see domain/file-systems.ts).

import {delimiter, join} from 'node:path';
import {mountVariableName} from '../../domain/file-systems.js';
import {reservedEnvironmentVariables} from '../../domain/limits.js';
import type {RuntimeFamily} from './runtimes.js';
import type {FunctionSnapshot} from './types.js';

export interface EnvironmentPaths {
	taskRoot: string;
	optDir: string;
	runtimeDir: string;
	tmpDir: string;
}

/**
 * How an environment's init came about (AWS_LAMBDA_INITIALIZATION_TYPE, and
 * the platform.initStart record): for an invocation, or ahead of invocations
 * for provisioned concurrency.
 */
export type InitializationType = 'on-demand' | 'provisioned-concurrency';

export interface EnvironmentIdentity {
	region: string;
	logStreamName: string;
	/** host:port of the environment's Runtime API. */
	runtimeApi: string;
	executionEnv?: string;
	/** The fd the bootstraps write framed log records to. */
	telemetryFd: number;
	/** Default on-demand. */
	initializationType?: InitializationType;
}

/** Credentials an environment gets instead of its execution role's: they work against the local Lambda only. */
export const environmentCredentials = {
	accessKeyId: 'ASIALAMBDASHLOCAL000',
	secretAccessKey: 'lambdash/local/execution/environment/secret',
	sessionToken: 'lambdash-local-execution-environment-session-token',
};

function joinPath(...parts: Array<string | undefined>): string {
	return parts.filter((part): part is string => part !== undefined && part !== '').join(delimiter);
}

export function buildEnvironment(fn: FunctionSnapshot, family: RuntimeFamily, paths: EnvironmentPaths, identity: EnvironmentIdentity): Record<string, string> {
	const {taskRoot, optDir, runtimeDir, tmpDir} = paths;
	const env: Record<string, string> = {
		PATH: joinPath(process.env.PATH, join(optDir, 'bin')),
		LD_LIBRARY_PATH: joinPath(process.env.LD_LIBRARY_PATH, runtimeDir, join(runtimeDir, 'lib'), taskRoot, join(taskRoot, 'lib'), join(optDir, 'lib')),
		LANG: 'en_US.UTF-8',
		TZ: ':UTC',
		AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
		AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129:2000',
	};
	if (family.kind === 'nodejs') {
		env.NODE_PATH = joinPath(
			join(optDir, 'nodejs', `node${family.major}`, 'node_modules'),
			join(optDir, 'nodejs', 'node_modules'),
			join(runtimeDir, 'node_modules'),
			runtimeDir,
			taskRoot,
		);
	}
	if (family.kind === 'python') {
		env.PYTHONPATH = joinPath(runtimeDir, join(optDir, 'python', 'lib', `python${family.version}`, 'site-packages'), join(optDir, 'python'));
	}
	const reserved = new Set(reservedEnvironmentVariables);
	for (const [name, value] of Object.entries(fn.environment)) {
		if (!reserved.has(name)) env[name] = value;
	}
	Object.assign(env, {
		_HANDLER: fn.handler,
		AWS_REGION: identity.region,
		AWS_DEFAULT_REGION: identity.region,
		AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
		AWS_LAMBDA_FUNCTION_VERSION: fn.version,
		AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
		AWS_LAMBDA_INITIALIZATION_TYPE: identity.initializationType ?? 'on-demand',
		AWS_LAMBDA_LOG_GROUP_NAME: fn.logGroup,
		AWS_LAMBDA_LOG_STREAM_NAME: identity.logStreamName,
		AWS_LAMBDA_LOG_FORMAT: fn.logFormat,
		AWS_LAMBDA_RUNTIME_API: identity.runtimeApi,
		AWS_ACCESS_KEY_ID: environmentCredentials.accessKeyId,
		AWS_SECRET_ACCESS_KEY: environmentCredentials.secretAccessKey,
		AWS_SESSION_TOKEN: environmentCredentials.sessionToken,
		LAMBDA_TASK_ROOT: taskRoot,
		LAMBDA_RUNTIME_DIR: runtimeDir,
		// The environment's /tmp: a private directory (see ephemeral-storage.ts).
		TMPDIR: tmpDir,
		TMP: tmpDir,
		TEMP: tmpDir,
		_LAMBDA_TELEMETRY_LOG_FD: String(identity.telemetryFd),
	});
	// A function cannot write to /mnt on this machine: each file system's directory is named by
	// LAMBDASH_MOUNT_<name of the mount path> (/mnt/efs -> LAMBDASH_MOUNT_EFS), after the function's own variables.
	for (const mount of fn.fileSystems ?? []) env[mountVariableName(mount.localMountPath)] = mount.directory;
	if (fn.logFormat === 'JSON' && fn.applicationLogLevel !== undefined) env.AWS_LAMBDA_LOG_LEVEL = fn.applicationLogLevel;
	if (identity.executionEnv !== undefined) env.AWS_EXECUTION_ENV = identity.executionEnv;
	return env;
}
