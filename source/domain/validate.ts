// Validators for Lambda's input, pure: each returns the problems it finds in
// Lambda's own words, with the exception Lambda answers with. Lambda first
// checks the constraints of its service model and reports all of them at once
// as a ValidationException ("2 validation errors detected: Value '0' at
// 'timeout' failed to satisfy constraint: ..."); then it checks its own rules
// (reserved environment variables, the 4 KB limit, tags, concurrency ...) and
// answers with the first that fails, mostly as InvalidParameterValueException.

import {
	applicationLogLevels,
	architectures,
	descriptionMaxLength,
	environmentMaxBytes,
	ephemeralStorageMax,
	ephemeralStorageMin,
	functionNameMaxLength,
	functionNameOrArnMaxLength,
	handlerMaxLength,
	layersPerFunctionMax,
	logFormats,
	memorySizeMax,
	memorySizeMin,
	reservedEnvironmentVariables,
	runtimes,
	systemLogLevels,
	tagKeyMaxLength,
	tagValueMaxLength,
	tagsPerResourceMax,
	timeoutMax,
	timeoutMin,
	tracingModes,
	accountConcurrentExecutions,
	unreservedConcurrencyMin,
	additionalVersionsMax,
	aliasNameMaxLength,
	functionVersionMaxLength,
	logGroupNameMaxLength,
} from './limits.js';
import {blockedRuntimeMessage, isRuntimeBlocked, type RuntimeOperation} from './runtime-deprecation.js';

export type ProblemCode = 'ValidationException' | 'InvalidParameterValueException';

export interface Problem {
	code: ProblemCode;
	/** The request member, as Lambda names it in messages: functionName, memorySize, environment.variables ... */
	member: string;
	/** What a person reads. For a model constraint: "Value '64' at 'memorySize' failed to satisfy constraint: ..." */
	message: string;
	/** A model constraint: reported together with the others in one "N validation errors detected" message. */
	constraint: boolean;
}

export const functionNamePattern = '[a-zA-Z0-9-_]+';
/** The Qualifier member of Invoke, EventInvokeConfig and provisioned concurrency: a version or alias, 1-128 characters. */
export const qualifierPattern = '(|[a-zA-Z0-9$_-]+)';
export const qualifierMaxLength = 128;
const qualifierMemberRegex = /^[a-zA-Z0-9$_-]*$/;

/** Whether a Qualifier member is well formed (a name, not whether the version or alias exists). */
export function isQualifier(value: string): boolean {
	return value.length <= qualifierMaxLength && qualifierMemberRegex.test(value);
}
export const roleArnPattern = 'arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+';
export const handlerPattern = '[^\\s]+';
export const environmentVariableNamePattern = '[a-zA-Z]([a-zA-Z0-9_])+';
export const layerVersionArnPattern = 'arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+';
export const functionNameOrArnPattern =
	'(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';

const nameRegex = /^[a-zA-Z0-9_-]+$/;
const qualifierRegex = /^(\$LATEST|[a-zA-Z0-9_-]+)$/;
const regionRegex = /^[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d$/;
const accountRegex = /^\d{12}$/;
const roleRegex = new RegExp(`^${roleArnPattern}$`);
const handlerRegex = /^\S+$/;
const environmentNameRegex = /^[a-zA-Z][a-zA-Z0-9_]+$/;
const layerRegex = new RegExp(`^${layerVersionArnPattern}$`);
// Letters, digits and spaces in any language, and _ . : / = + - @
const tagCharactersRegex = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function constraint(member: string, value: unknown, rule: string, sensitive = false): Problem {
	const shown = sensitive ? 'Value' : value === null || value === undefined ? 'Value null' : `Value '${String(value)}'`;
	return {
		code: 'ValidationException',
		member,
		message: `${shown} at '${member}' failed to satisfy constraint: ${rule}`,
		constraint: true,
	};
}

function parameter(member: string, message: string, code: ProblemCode = 'InvalidParameterValueException'): Problem {
	return {code, member, message, constraint: false};
}

/** A model constraint that failed, in Lambda's words ("Value 'x' at 'member' failed to satisfy constraint: rule"). */
export function constraintProblem(member: string, value: unknown, rule: string, sensitive = false): Problem {
	return constraint(member, value, rule, sensitive);
}

/** One of Lambda's own rules that failed (InvalidParameterValueException unless told otherwise). */
export function parameterProblem(member: string, message: string, code: ProblemCode = 'InvalidParameterValueException'): Problem {
	return parameter(member, message, code);
}

/** The error Lambda answers with for these problems, or undefined when there are none. */
export function summarizeProblems(problems: readonly Problem[]): {code: ProblemCode; message: string} | undefined {
	const listed = problems.filter((problem) => problem.constraint);
	if (listed.length > 0) {
		const count = listed.length === 1 ? '1 validation error detected' : `${listed.length} validation errors detected`;
		return {code: 'ValidationException', message: `${count}: ${listed.map((problem) => problem.message).join('; ')}`};
	}
	const first = problems[0];
	return first === undefined ? undefined : {code: first.code, message: first.message};
}

export interface FunctionReference {
	name: string;
	qualifier?: string;
	region?: string;
	accountId?: string;
}

/**
 * A function as the API names it: "my-function", "my-function:v1",
 * "123456789012:function:my-function" or
 * "arn:aws:lambda:us-east-1:123456789012:function:my-function[:qualifier]".
 * Undefined when it is none of them.
 */
export function parseFunctionReference(value: string): FunctionReference | undefined {
	if (value.length === 0 || value.length > functionNameOrArnMaxLength) return undefined;
	const parts = value.split(':');
	let rest: string[];
	const reference: Partial<FunctionReference> = {};
	if (parts[0] === 'arn') {
		// arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
		const [, partition, service, region, account, kind, ...tail] = parts;
		if (partition === undefined || !/^aws[a-zA-Z-]*$/.test(partition) || service !== 'lambda') return undefined;
		if (region === undefined || !regionRegex.test(region)) return undefined;
		if (account === undefined || !accountRegex.test(account) || kind !== 'function') return undefined;
		reference.region = region;
		reference.accountId = account;
		rest = tail;
	} else if (parts.length >= 3 && accountRegex.test(parts[0] ?? '') && parts[1] === 'function') {
		reference.accountId = parts[0];
		rest = parts.slice(2);
	} else {
		rest = parts;
	}
	const [name, qualifier, ...extra] = rest;
	if (name === undefined || !nameRegex.test(name) || extra.length > 0) return undefined;
	if (qualifier !== undefined && !qualifierRegex.test(qualifier)) return undefined;
	return {...reference, name, ...(qualifier === undefined ? {} : {qualifier})};
}

export function functionArn(region: string, accountId: string, name: string): string {
	return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}

/** The FunctionName of CreateFunction: a name, or an ARN of the function to create (without a qualifier). */
export function checkFunctionName(value: unknown, member = 'functionName'): Problem[] {
	if (typeof value !== 'string') return [constraint(member, null, 'Member must not be null')];
	if (value.length === 0) return [constraint(member, value, 'Member must have length greater than or equal to 1')];
	if (value.length > functionNameOrArnMaxLength) {
		return [constraint(member, value, `Member must have length less than or equal to ${functionNameOrArnMaxLength}`)];
	}
	const reference = parseFunctionReference(value);
	if (reference === undefined) {
		return [constraint(member, value, `Member must satisfy regular expression pattern: ${functionNameOrArnPattern}`)];
	}
	if (reference.name.length > functionNameMaxLength) {
		return [constraint(member, value, `Member must have length less than or equal to ${functionNameMaxLength}`)];
	}
	return [];
}

/** A function's name alone (the part after "function:" in its ARN). */
export function checkPlainFunctionName(value: string): Problem[] {
	if (value.length === 0) return [constraint('functionName', value, 'Member must have length greater than or equal to 1')];
	if (value.length > functionNameMaxLength) {
		return [constraint('functionName', value, `Member must have length less than or equal to ${functionNameMaxLength}`)];
	}
	if (!nameRegex.test(value)) {
		return [constraint('functionName', value, `Member must satisfy regular expression pattern: ${functionNamePattern}`)];
	}
	return [];
}

/**
 * A Runtime member: one of the model's runtimes, and not one Lambda refuses
 * for this operation at `at` (CreateFunction refuses a runtime from its
 * "block function create" date, UpdateFunctionConfiguration from its "block
 * function update" date; see runtime-deprecation.ts).
 */
export function checkRuntime(value: unknown, operation: RuntimeOperation = 'create', at: Date = new Date()): Problem[] {
	if (typeof value !== 'string' || !runtimes.includes(value)) {
		return [constraint('runtime', value, `Member must satisfy enum value set: [${runtimes.join(', ')}]`)];
	}
	if (isRuntimeBlocked(value, operation, at)) return [parameter('runtime', blockedRuntimeMessage(value))];
	return [];
}

/**
 * An update of a function that keeps its runtime: refused once Lambda blocks
 * updates of functions with that runtime (the update must move the function
 * to a supported runtime instead).
 */
export function checkRuntimeStillUpdatable(current: string, at: Date = new Date()): Problem[] {
	return isRuntimeBlocked(current, 'update', at) ? [parameter('runtime', blockedRuntimeMessage(current))] : [];
}

export function checkHandler(value: unknown): Problem[] {
	if (typeof value !== 'string') return [constraint('handler', null, 'Member must not be null')];
	const problems: Problem[] = [];
	if (value.length > handlerMaxLength) {
		problems.push(constraint('handler', value, `Member must have length less than or equal to ${handlerMaxLength}`));
	}
	if (!handlerRegex.test(value)) {
		problems.push(constraint('handler', value, `Member must satisfy regular expression pattern: ${handlerPattern}`));
	}
	return problems;
}

export function checkRole(value: unknown): Problem[] {
	if (typeof value !== 'string') return [constraint('role', null, 'Member must not be null')];
	if (!roleRegex.test(value)) {
		return [constraint('role', value, `Member must satisfy regular expression pattern: ${roleArnPattern}`)];
	}
	return [];
}

export function checkDescription(value: string): Problem[] {
	if (value.length > descriptionMaxLength) {
		return [constraint('description', value, `Member must have length less than or equal to ${descriptionMaxLength}`)];
	}
	return [];
}

function isInteger(value: number): boolean {
	return Number.isSafeInteger(value);
}

export function checkMemorySize(value: number): Problem[] {
	if (!isInteger(value) || value < memorySizeMin) {
		return [constraint('memorySize', value, `Member must have value greater than or equal to ${memorySizeMin}`)];
	}
	if (value > memorySizeMax) {
		return [
			parameter(
				'memorySize',
				`'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to ${memorySizeMax}`,
				'ValidationException',
			),
		];
	}
	return [];
}

export function checkTimeout(value: number): Problem[] {
	if (!isInteger(value) || value < timeoutMin) {
		return [constraint('timeout', value, `Member must have value greater than or equal to ${timeoutMin}`)];
	}
	if (value > timeoutMax) {
		return [constraint('timeout', value, `Member must have value less than or equal to ${timeoutMax}`)];
	}
	return [];
}

export function checkEphemeralStorage(value: number): Problem[] {
	if (!isInteger(value) || value < ephemeralStorageMin) {
		return [constraint('ephemeralStorage.size', value, `Member must have value greater than or equal to ${ephemeralStorageMin}`)];
	}
	if (value > ephemeralStorageMax) {
		return [constraint('ephemeralStorage.size', value, `Member must have value less than or equal to ${ephemeralStorageMax}`)];
	}
	return [];
}

/** The size Lambda measures against the 4 KB limit: the variables as JSON, in bytes. */
export function environmentSize(variables: Readonly<Record<string, string>>): number {
	return Buffer.byteLength(JSON.stringify(variables), 'utf8');
}

export function isReservedEnvironmentVariable(name: string): boolean {
	return reservedEnvironmentVariables.includes(name);
}

/** Environment variables: names, reserved keys, the 4 KB total. Values are never echoed in messages. */
export function checkEnvironment(variables: Readonly<Record<string, string>>): Problem[] {
	const names = Object.keys(variables);
	if (names.some((name) => !environmentNameRegex.test(name))) {
		return [
			constraint(
				'environment.variables',
				undefined,
				`Map keys must satisfy constraint: [Member must satisfy regular expression pattern: ${environmentVariableNamePattern}]`,
				true,
			),
		];
	}
	const reserved = names.filter(isReservedEnvironmentVariable);
	if (reserved.length > 0) {
		return [
			parameter(
				'environment.variables',
				`Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
			),
		];
	}
	const size = environmentSize(variables);
	if (size > environmentMaxBytes) {
		return [
			parameter(
				'environment.variables',
				`Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${size} bytes (the limit is ${environmentMaxBytes})`,
			),
		];
	}
	return [];
}

export function checkTagKey(key: string): Problem[] {
	if (key.length < 1 || key.length > tagKeyMaxLength) {
		return [parameter('tags', `Tag keys must be between 1 and ${tagKeyMaxLength} characters long: '${key}'`)];
	}
	if (key.toLowerCase().startsWith('aws:')) {
		return [parameter('tags', `Tag keys cannot start with 'aws:', which is reserved for AWS use: '${key}'`)];
	}
	if (!tagCharactersRegex.test(key)) {
		return [
			parameter(
				'tags',
				`Tag keys may contain only letters, digits, spaces and the characters _ . : / = + - @: '${key}'`,
			),
		];
	}
	return [];
}

export function checkTagValue(key: string, value: string): Problem[] {
	if (value.length > tagValueMaxLength) {
		return [parameter('tags', `Tag values must be at most ${tagValueMaxLength} characters long (tag '${key}')`)];
	}
	if (!tagCharactersRegex.test(value)) {
		return [
			parameter(
				'tags',
				`Tag values may contain only letters, digits, spaces and the characters _ . : / = + - @ (tag '${key}')`,
			),
		];
	}
	return [];
}

/** Tags to set on a resource; `existing` are the tags it already has (a tag of the same key is replaced). */
export function checkTags(
	tags: Readonly<Record<string, string>>,
	existing: Readonly<Record<string, string>> = {},
): Problem[] {
	for (const [key, value] of Object.entries(tags)) {
		const problems = [...checkTagKey(key), ...checkTagValue(key, value)];
		if (problems.length > 0) return problems;
	}
	const total = new Set([...Object.keys(existing), ...Object.keys(tags)]).size;
	if (total > tagsPerResourceMax) {
		return [
			parameter(
				'tags',
				`Number of tags exceeds resource tag limit: a resource can have at most ${tagsPerResourceMax} tags (this request would leave ${total}).`,
			),
		];
	}
	return [];
}

export function checkArchitectures(value: readonly string[]): Problem[] {
	if (value.length !== 1) {
		return [
			constraint(
				'architectures',
				`[${value.join(', ')}]`,
				value.length === 0 ? 'Member must have length greater than or equal to 1' : 'Member must have length less than or equal to 1',
			),
		];
	}
	const [architecture] = value;
	if (architecture === undefined || !architectures.includes(architecture)) {
		return [
			constraint(
				'architectures',
				`[${value.join(', ')}]`,
				`Member must satisfy constraint: [Member must satisfy enum value set: [${architectures.join(', ')}]]`,
			),
		];
	}
	return [];
}

export function checkLayers(value: readonly string[]): Problem[] {
	const bad = value.find((arn) => !layerRegex.test(arn) || arn.length > 140);
	if (bad !== undefined) {
		return [
			constraint(
				'layers',
				`[${value.join(', ')}]`,
				`Member must satisfy constraint: [Member must satisfy regular expression pattern: ${layerVersionArnPattern}]`,
			),
		];
	}
	if (value.length > layersPerFunctionMax) {
		return [parameter('layers', `Cannot reference more than ${layersPerFunctionMax} layers.`)];
	}
	return [];
}

export function checkTracingMode(value: string): Problem[] {
	if (!tracingModes.includes(value)) {
		return [constraint('tracingConfig.mode', value, `Member must satisfy enum value set: [${tracingModes.join(', ')}]`)];
	}
	return [];
}

/**
 * LoggingConfig as a request gives it. `LogFormat` is the format the function
 * will have (the request's, or the function's current one when the request
 * gives none): log levels may only be given with JSON.
 */
export function checkLoggingConfig(config: {
	LogFormat?: string;
	ApplicationLogLevel?: string;
	SystemLogLevel?: string;
	LogGroup?: string;
}): Problem[] {
	const problems: Problem[] = [];
	if (config.LogFormat !== undefined && !logFormats.includes(config.LogFormat)) {
		problems.push(constraint('loggingConfig.logFormat', config.LogFormat, `Member must satisfy enum value set: [${logFormats.join(', ')}]`));
	}
	if (config.ApplicationLogLevel !== undefined && !applicationLogLevels.includes(config.ApplicationLogLevel)) {
		problems.push(
			constraint(
				'loggingConfig.applicationLogLevel',
				config.ApplicationLogLevel,
				`Member must satisfy enum value set: [${applicationLogLevels.join(', ')}]`,
			),
		);
	}
	if (config.SystemLogLevel !== undefined && !systemLogLevels.includes(config.SystemLogLevel)) {
		problems.push(
			constraint(
				'loggingConfig.systemLogLevel',
				config.SystemLogLevel,
				`Member must satisfy enum value set: [${systemLogLevels.join(', ')}]`,
			),
		);
	}
	if (config.LogGroup !== undefined) {
		if (config.LogGroup.length < 1) {
			problems.push(constraint('loggingConfig.logGroup', config.LogGroup, 'Member must have length greater than or equal to 1'));
		} else if (config.LogGroup.length > logGroupNameMaxLength) {
			problems.push(constraint('loggingConfig.logGroup', config.LogGroup, `Member must have length less than or equal to ${logGroupNameMaxLength}`));
		} else if (!/^[.\-_/#A-Za-z0-9]+$/.test(config.LogGroup)) {
			problems.push(
				constraint('loggingConfig.logGroup', config.LogGroup, 'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+'),
			);
		}
	}
	if (problems.length > 0) return problems;
	if ((config.ApplicationLogLevel !== undefined || config.SystemLogLevel !== undefined) && config.LogFormat !== 'JSON') {
		problems.push(
			parameter(
				'loggingConfig',
				'LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change the LogFormat to "Json" and try again.',
			),
		);
	}
	return problems;
}

/**
 * Reserved concurrency for one function. `reservedByOthers` is the sum of the
 * reservations of every other function of the account.
 */
export function checkReservedConcurrency(
	value: number,
	reservedByOthers: number,
	accountLimit = accountConcurrentExecutions,
): Problem[] {
	if (!isInteger(value) || value < 0) {
		return [constraint('reservedConcurrentExecutions', value, 'Member must have value greater than or equal to 0')];
	}
	if (accountLimit - reservedByOthers - value < unreservedConcurrencyMin) {
		return [
			parameter(
				'reservedConcurrentExecutions',
				`Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${unreservedConcurrencyMin}].`,
			),
		];
	}
	return [];
}

/** The most a function may reserve, given what the others reserve. */
export function maxReservedConcurrency(reservedByOthers: number, accountLimit = accountConcurrentExecutions): number {
	return Math.max(0, accountLimit - reservedByOthers - unreservedConcurrencyMin);
}

export const aliasNamePattern = '(?!^[0-9]+$)([a-zA-Z0-9-_]+)';
export const functionVersionPattern = '(\\$LATEST|[0-9]+)';
export const additionalVersionPattern = '[0-9]+';
const aliasNameRegex = /^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$/;
const functionVersionRegex = /^(\$LATEST|[0-9]+)$/;
const additionalVersionRegex = /^[0-9]+$/;

/** The Name of an alias: letters, digits, - and _, not only digits (that would read as a version). */
export function checkAliasName(value: unknown, member = 'name'): Problem[] {
	if (typeof value !== 'string') return [constraint(member, null, 'Member must not be null')];
	if (value.length === 0) return [constraint(member, value, 'Member must have length greater than or equal to 1')];
	if (value.length > aliasNameMaxLength) return [constraint(member, value, `Member must have length less than or equal to ${aliasNameMaxLength}`)];
	if (!aliasNameRegex.test(value)) return [constraint(member, value, `Member must satisfy regular expression pattern: ${aliasNamePattern}`)];
	return [];
}

/** The FunctionVersion an alias points to: $LATEST or a version number. */
export function checkFunctionVersion(value: unknown, member = 'functionVersion'): Problem[] {
	if (typeof value !== 'string') return [constraint(member, null, 'Member must not be null')];
	if (value.length === 0) return [constraint(member, value, 'Member must have length greater than or equal to 1')];
	if (value.length > functionVersionMaxLength) {
		return [constraint(member, value, `Member must have length less than or equal to ${functionVersionMaxLength}`)];
	}
	if (!functionVersionRegex.test(value)) return [constraint(member, value, `Member must satisfy regular expression pattern: ${functionVersionPattern}`)];
	return [];
}

/**
 * RoutingConfig.AdditionalVersionWeights of an alias pointing to functionVersion:
 * the model's constraints (version numbers, weights 0.0-1.0), then Lambda's
 * rules (at most one additional version, not the alias's own version, and
 * not with $LATEST). Whether the versions exist is for the caller to check.
 */
export function checkAdditionalVersionWeights(weights: Readonly<Record<string, number>>, functionVersion: string): Problem[] {
	const member = 'routingConfig.additionalVersionWeights';
	const problems: Problem[] = [];
	for (const [version, weight] of Object.entries(weights)) {
		if (version.length === 0 || version.length > functionVersionMaxLength || !additionalVersionRegex.test(version)) {
			problems.push(constraint(`${member}.key`, version, `Member must satisfy regular expression pattern: ${additionalVersionPattern}`));
		}
		if (!Number.isFinite(weight) || weight < 0) problems.push(constraint(`${member}.${version}`, weight, 'Member must have value greater than or equal to 0.0'));
		else if (weight > 1) problems.push(constraint(`${member}.${version}`, weight, 'Member must have value less than or equal to 1.0'));
	}
	if (problems.length > 0) return problems;
	const versions = Object.keys(weights);
	if (versions.length > additionalVersionsMax) {
		return [parameter(member, `Number of items in AdditionalVersionWeights cannot be greater than ${additionalVersionsMax}`)];
	}
	if (versions.length > 0 && functionVersion === '$LATEST') {
		return [parameter(member, '$LATEST is not supported for an alias pointing to more than 1 version')];
	}
	if (versions.includes(functionVersion)) {
		return [parameter(member, `Invalid function version ${functionVersion}. Function version ${functionVersion} is already included in routing configuration.`)];
	}
	return [];
}

/** The ResourceArn and KMSKeyArn pattern of the service model: an ARN, or nothing. */
export const resourceArnPattern = '(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()';
const resourceArnRegex = /^((arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|())$/;

/**
 * DeadLetterConfig.TargetArn: an SQS queue (not FIFO) or SNS topic in the
 * function's region. An empty TargetArn removes the dead-letter queue in
 * UpdateFunctionConfiguration; the caller only passes one when it is an error
 * (CreateFunction). Whether the queue or topic exists is not checked here
 * (Lambda checks it when it sends a message).
 */
export function checkDeadLetterTargetArn(arn: string, region: string): Problem[] {
	const member = 'deadLetterConfig.targetArn';
	if (!resourceArnRegex.test(arn)) return [constraint(member, arn, `Member must satisfy regular expression pattern: ${resourceArnPattern}`)];
	if (!arn.startsWith('arn:')) return [parameter(member, `Invalid dead letter queue ARN: ARNs must start with 'arn:': ${arn}`)];
	const [, , service, arnRegion = ''] = arn.split(':');
	if (service !== 'sqs' && service !== 'sns') {
		return [parameter(member, 'Invalid dead letter queue ARN: The service specified by the TargetArn is not supported for dead letter configuration.')];
	}
	if (arnRegion !== region) {
		return [
			parameter(
				member,
				"Invalid dead letter queue ARN: The resource specified by the TargetArn must be in the same region as the Lambda function it's associated with.",
			),
		];
	}
	if (service === 'sqs' && arn.endsWith('.fifo')) {
		return [parameter(member, 'Invalid dead letter queue ARN: FIFO SQS queue is not supported for dead letter configuration')];
	}
	return [];
}

/** KMSKeyArn: the model's pattern (an empty value removes the key). Lambda asks KMS about the key itself; the local Lambda cannot. */
export function checkKmsKeyArn(arn: string): Problem[] {
	if (!resourceArnRegex.test(arn)) return [constraint('kMSKeyArn', arn, `Member must satisfy regular expression pattern: ${resourceArnPattern}`)];
	return [];
}
