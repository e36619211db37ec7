// Asynchronous invocation settings (the EventInvokeConfig of a function,
// version or alias), pure: Lambda's limits and defaults, the model's
// constraints on MaximumRetryAttempts, MaximumEventAgeInSeconds, Qualifier and
// the destination ARNs, Lambda's own rules on destinations, and how a
// destination ARN reads (which service, which resource). The local Lambda's
// API and the console's form both check with these, in Lambda's words.

import {constraintProblem as constraint, isQualifier, parameterProblem as parameter, qualifierMaxLength, qualifierPattern, type Problem} from './validate.js';

/** MaximumRetryAttempts: retries after a function error (model range 0-2; Lambda's default 2). */
export const maximumRetryAttemptsMin = 0;
export const maximumRetryAttemptsMax = 2;
export const defaultMaximumRetryAttempts = 2;

/** MaximumEventAgeInSeconds: how long an event may wait in the queue (model range 60-21600 s; default 6 hours). */
export const maximumEventAgeMin = 60;
export const maximumEventAgeMax = 21_600;
export const defaultMaximumEventAge = 21_600;

/** ListFunctionEventInvokeConfigs: MaxItems 1-50 (MaxFunctionEventInvokeConfigListItems). */
export const listEventInvokeConfigsPageMax = 50;


/** DestinationArn of the service model (length 0-350): empty, a Kafka URI (event source mappings only) or an ARN. */
export const destinationArnPattern =
	'$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)';
export const destinationArnMaxLength = 350;
const destinationArnRegex =
	/^(?:|kafka:\/\/([^.]([a-zA-Z0-9\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*))$/s;

/** The services Lambda sends invocation records of asynchronous invocations to. */
export type DestinationService = 'sqs' | 'sns' | 'events' | 's3' | 'lambda';

export interface DestinationTarget {
	service: DestinationService;
	arn: string;
	/** Empty for S3 buckets (their ARNs name neither). */
	region: string;
	accountId: string;
	/** The queue, topic, event bus, bucket or function name. */
	name: string;
	/** A Lambda function destination's version or alias, when its ARN names one. */
	qualifier?: string;
}

/** The settings as Lambda keeps them: a member that was not given is undefined. */
export interface AsyncSettings {
	maximumRetryAttempts?: number;
	maximumEventAgeInSeconds?: number;
	onSuccess?: string;
	onFailure?: string;
}

/** The settings an event is handled with: the configured ones, Lambda's defaults for the rest. */
export interface EffectiveAsyncSettings {
	maximumRetryAttempts: number;
	maximumEventAgeInSeconds: number;
	onSuccess?: string;
	onFailure?: string;
}

export function effectiveAsyncSettings(settings: AsyncSettings | undefined): EffectiveAsyncSettings {
	const effective: EffectiveAsyncSettings = {
		maximumRetryAttempts: settings?.maximumRetryAttempts ?? defaultMaximumRetryAttempts,
		maximumEventAgeInSeconds: settings?.maximumEventAgeInSeconds ?? defaultMaximumEventAge,
	};
	if (settings?.onSuccess !== undefined && settings.onSuccess !== '') effective.onSuccess = settings.onSuccess;
	if (settings?.onFailure !== undefined && settings.onFailure !== '') effective.onFailure = settings.onFailure;
	return effective;
}



export function checkMaximumRetryAttempts(value: number): Problem[] {
	const member = 'maximumRetryAttempts';
	if (!Number.isSafeInteger(value) || value < maximumRetryAttemptsMin) {
		return [constraint(member, value, `Member must have value greater than or equal to ${maximumRetryAttemptsMin}`)];
	}
	if (value > maximumRetryAttemptsMax) return [constraint(member, value, `Member must have value less than or equal to ${maximumRetryAttemptsMax}`)];
	return [];
}

export function checkMaximumEventAge(value: number): Problem[] {
	const member = 'maximumEventAgeInSeconds';
	if (!Number.isSafeInteger(value) || value < maximumEventAgeMin) {
		return [constraint(member, value, `Member must have value greater than or equal to ${maximumEventAgeMin}`)];
	}
	if (value > maximumEventAgeMax) return [constraint(member, value, `Member must have value less than or equal to ${maximumEventAgeMax}`)];
	return [];
}

/** The Qualifier query parameter of the EventInvokeConfig operations (an empty one means none). */
export function checkEventInvokeQualifier(value: string): Problem[] {
	if (value === '') return [];
	if (value.length > qualifierMaxLength) {
		return [constraint('qualifier', value, `Member must have length less than or equal to ${qualifierMaxLength}`)];
	}
	if (!isQualifier(value)) return [constraint('qualifier', value, `Member must satisfy regular expression pattern: ${qualifierPattern}`)];
	return [];
}

/** The model's constraints on one destination (member e.g. 'destinationConfig.onSuccess.destination'). */
export function checkDestinationArn(value: string, member: string): Problem[] {
	const problems: Problem[] = [];
	if (value.length > destinationArnMaxLength) {
		problems.push(constraint(member, value, `Member must have length less than or equal to ${destinationArnMaxLength}`));
	}
	if (!destinationArnRegex.test(value)) problems.push(constraint(member, value, `Member must satisfy regular expression pattern: ${destinationArnPattern}`));
	return problems;
}

/**
 * What a destination ARN names, when it is one of the kinds an asynchronous
 * invocation can send records to: an SQS queue, an SNS topic, an EventBridge
 * event bus, an S3 bucket or a Lambda function (optionally a version or alias).
 */
export function parseDestination(arn: string): DestinationTarget | undefined {
	const parts = arn.split(':');
	const [prefix, partition, service, region, accountId, ...rest] = parts;
	if (prefix !== 'arn' || partition === undefined || !/^aws[a-zA-Z0-9-]*$/.test(partition)) return undefined;
	if (region === undefined || accountId === undefined) return undefined;
	const resource = rest.join(':');
	const regional = /^[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d$/.test(region) && /^\d{12}$/.test(accountId);
	switch (service) {
		case 'sqs':
			return regional && /^[a-zA-Z0-9_-]{1,80}(\.fifo)?$/.test(resource) ? {service, arn, region, accountId, name: resource} : undefined;
		case 'sns':
			return regional && /^[a-zA-Z0-9_-]{1,256}(\.fifo)?$/.test(resource) ? {service, arn, region, accountId, name: resource} : undefined;
		case 'events': {
			const match = /^event-bus\/([\w/.-]{1,256})$/.exec(resource);
			return regional && match?.[1] !== undefined ? {service, arn, region, accountId, name: match[1]} : undefined;
		}
		case 's3':
			return region === '' && accountId === '' && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(resource)
				? {service, arn, region, accountId, name: resource}
				: undefined;
		case 'lambda': {
			const match = /^function:([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]{1,128}))?$/.exec(resource);
			if (!regional || match?.[1] === undefined) return undefined;
			const target: DestinationTarget = {service, arn, region, accountId, name: match[1]};
			if (match[2] !== undefined) target.qualifier = match[2];
			return target;
		}
		default:
			return undefined;
	}
}

/** Lambda sends no records to FIFO queues and topics: delivering to one fails (DestinationDeliveryFailures). */
export function isFifoDestination(target: DestinationTarget): boolean {
	return (target.service === 'sqs' || target.service === 'sns') && target.name.endsWith('.fifo');
}

/**
 * A DestinationConfig, once its ARNs satisfy the model: Lambda refuses a
 * destination of a kind asynchronous invocation does not send to (S3 only
 * on failure), naming the whole configuration; and a function cannot be its
 * own destination. Whether a Lambda destination exists is for the caller.
 */
export function checkDestinationConfig(onSuccess: string | undefined, onFailure: string | undefined, functionName: string): Problem[] {
	const success = onSuccess === undefined || onSuccess === '' ? undefined : parseDestination(onSuccess);
	const failure = onFailure === undefined || onFailure === '' ? undefined : parseDestination(onFailure);
	const successInvalid = onSuccess !== undefined && onSuccess !== '' && (success === undefined || success.service === 's3');
	const failureInvalid = onFailure !== undefined && onFailure !== '' && failure === undefined;
	if (successInvalid || failureInvalid) {
		const successPart = onSuccess === undefined || onSuccess === '' ? 'null' : `OnSuccess(destination=${onSuccess})`;
		const failurePart = onFailure === undefined || onFailure === '' ? 'null' : `OnFailure(destination=${onFailure})`;
		return [
			parameter('destinationConfig', `The provided destination config DestinationConfig(onSuccess=${successPart}, onFailure=${failurePart}) is invalid.`),
		];
	}
	for (const target of [failure, success]) {
		if (target?.service === 'lambda' && target.name === functionName) {
			return [parameter('destinationConfig', "You can't specify the function as a destination for itself.")];
		}
	}
	return [];
}

/**
 * The log stream the local Lambda keeps a destination's records in:
 * "<service>/<name>" ("sqs/orders-dlq", "events/default"), with the
 * characters CloudWatch Logs refuses in stream names (":" and "*") replaced.
 */
export function destinationStreamName(target: DestinationTarget): string {
	return `${target.service}/${target.name}`.replace(/[:*]/g, '_').slice(0, 512);
}
