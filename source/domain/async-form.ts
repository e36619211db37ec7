// What a person types into the console's Asynchronous invocation form, read
// and checked before anything is sent: the retry attempts, the maximum event age ("90m", "6h",
// "1h30m"), the dead-letter queue and the two destinations, and the change
// the form's values make (only what differs from what Lambda has). Lambda's
// own limits and rules are in async-config.ts and config-arns.ts; this file
// words them for the form.

import {
	checkDestinationArn,
	checkDestinationConfig,
	checkMaximumEventAge,
	checkMaximumRetryAttempts,
	maximumEventAgeMax,
	maximumEventAgeMin,
	parseDestination,
	type AsyncSettings,
	type EffectiveAsyncSettings,
} from './async-config.js';
import {checkDeadLetterTargetInput} from './config-arns.js';
import type {Parsed} from './config-input.js';

/** The maximum event age's range, as the form names it. */
export const ageRange = `1 min to 6 h (${maximumEventAgeMin}-${maximumEventAgeMax} s)`;

/** Seconds as the section shows an event age: "6 h", "1 h 30 min", "2 min 5 s". */
export function formatEventAge(seconds: number): string {
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.floor((seconds % 3600) / 60);
	const rest = seconds % 60;
	const parts = [hours > 0 ? `${hours} h` : '', minutes > 0 ? `${minutes} min` : '', rest > 0 || seconds === 0 ? `${rest} s` : ''];
	return parts.filter((part) => part !== '').join(' ');
}

/** Seconds as the form's field holds them, in a form parseEventAge reads back: "6h", "1h30m", "90s". */
export function eventAgeField(seconds: number): string {
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.floor((seconds % 3600) / 60);
	const rest = seconds % 60;
	const text = `${hours > 0 ? `${hours}h` : ''}${minutes > 0 ? `${minutes}m` : ''}${rest > 0 ? `${rest}s` : ''}`;
	return text === '' ? '0s' : text;
}

/**
 * An event age from "3600", "3600s", "90m", "90 min", "6h" or "1h30m" (spaces
 * and upper case allowed), within Lambda's range (checkMaximumEventAge).
 */
export function parseEventAge(text: string): Parsed<number> {
	const compact = text.replace(/\s+/g, '').toLowerCase();
	const match = /^(?:(\d+)h)?(?:(\d+)m(?:in)?)?(?:(\d+)(s?))?$/.exec(compact);
	const [, hours, minutes, rest, restUnit] = match ?? [];
	const empty = hours === undefined && minutes === undefined && rest === undefined;
	// After hours or minutes, seconds need their unit: "1h30" is not 1 h 30 s.
	const bareSeconds = (hours !== undefined || minutes !== undefined) && rest !== undefined && restUnit !== 's';
	if (match === null || empty || bareSeconds) {
		return {ok: false, message: `Not a duration: write seconds, 90m, 6h or 1h30m; ${ageRange}`};
	}
	const seconds = Number(hours ?? '0') * 3600 + Number(minutes ?? '0') * 60 + Number(rest ?? '0');
	if (checkMaximumEventAge(seconds).length > 0) {
		return {ok: false, message: `Event age is ${ageRange}; ${formatEventAge(seconds)} is ${seconds < maximumEventAgeMin ? 'too short' : 'too long'}`};
	}
	return {ok: true, value: seconds};
}

/** Retry attempts chosen in the form: a message naming what is allowed, or undefined. */
export function retriesProblem(text: string): string | undefined {
	return checkMaximumRetryAttempts(Number(text)).length > 0 ? 'Retry attempts are 0, 1 or 2' : undefined;
}

/** The region of a function ARN ("arn:aws:lambda:REGION:ACCOUNT:function:NAME"), or undefined. */
export function regionOf(arn: string): string | undefined {
	const region = arn.split(':')[3];
	return region === undefined || region === '' ? undefined : region;
}

/** A dead-letter queue typed in the form ("" removes it): a message naming what is allowed, or undefined. */
export function deadLetterProblem(text: string, functionArn: string): string | undefined {
	const arn = text.trim();
	if (arn === '') return undefined;
	const region = regionOf(functionArn);
	if (checkDeadLetterTargetInput(arn, region) === undefined) return undefined;
	if (arn.endsWith('.fifo')) return 'A FIFO queue or topic cannot be a dead-letter queue: use a standard one';
	if (checkDeadLetterTargetInput(arn) === undefined) return `Use an SQS queue or SNS topic in the function's region (${region ?? ''})`;
	return 'Use an SQS queue or SNS topic ARN: arn:aws:sqs:REGION:ACCOUNT:NAME';
}

/** A destination typed in the form ("" for none): a message naming what is allowed, or undefined. */
export function destinationProblem(text: string, on: 'success' | 'failure', functionName: string): string | undefined {
	const arn = text.trim();
	if (arn === '') return undefined;
	const kinds = on === 'success' ? 'an SQS, SNS, EventBridge or Lambda ARN (S3: on failure only)' : 'an SQS, SNS, EventBridge, S3 or Lambda ARN';
	const member = `destinationConfig.on${on === 'success' ? 'Success' : 'Failure'}.destination`;
	if (checkDestinationArn(arn, member).length > 0 || parseDestination(arn) === undefined) return `Use ${kinds}`;
	const problem = (on === 'success' ? checkDestinationConfig(arn, undefined, functionName) : checkDestinationConfig(undefined, arn, functionName))[0];
	if (problem === undefined) return undefined;
	return problem.message.includes('itself') ? 'A function cannot be its own destination: use another' : `Use ${kinds}`;
}

export interface AsyncFormChange {
	/** The dead-letter queue to set ("" removes it); undefined: unchanged. */
	deadLetterTargetArn?: string;
	/** The EventInvokeConfig members that changed ("" removes a destination). */
	settings: AsyncSettings;
	/** What changed, for messages: "retries 0, maximum event age 1 h". */
	deadLetterLabel: string;
	settingsLabel: string;
}

/** What the form's (checked) values change: only what differs from what Lambda has. */
export function parseAsyncForm(values: Record<string, string>, current: EffectiveAsyncSettings, deadLetterTargetArn: string): AsyncFormChange {
	const change: AsyncFormChange = {settings: {}, deadLetterLabel: '', settingsLabel: ''};
	const labels: string[] = [];
	const retries = Number(values['retries'] ?? current.maximumRetryAttempts);
	if (Number.isInteger(retries) && retries !== current.maximumRetryAttempts) {
		change.settings.maximumRetryAttempts = retries;
		labels.push(`retries ${retries}`);
	}
	const age = parseEventAge(values['age'] ?? '');
	if (age.ok && age.value !== current.maximumEventAgeInSeconds) {
		change.settings.maximumEventAgeInSeconds = age.value;
		labels.push(`maximum event age ${formatEventAge(age.value)}`);
	}
	const onSuccess = (values['onSuccess'] ?? '').trim();
	if (onSuccess !== (current.onSuccess ?? '')) {
		change.settings.onSuccess = onSuccess;
		labels.push(onSuccess === '' ? 'no on-success destination' : 'on-success destination');
	}
	const onFailure = (values['onFailure'] ?? '').trim();
	if (onFailure !== (current.onFailure ?? '')) {
		change.settings.onFailure = onFailure;
		labels.push(onFailure === '' ? 'no on-failure destination' : 'on-failure destination');
	}
	change.settingsLabel = labels.join(', ');
	const deadLetter = (values['deadLetter'] ?? '').trim();
	if (deadLetter !== deadLetterTargetArn) {
		change.deadLetterTargetArn = deadLetter;
		change.deadLetterLabel = deadLetter === '' ? 'no dead-letter queue' : 'dead-letter queue';
	}
	return change;
}
