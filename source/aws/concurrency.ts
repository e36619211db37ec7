// Reserved concurrency, and the throttle toggle built on it.
import {
	DeleteFunctionConcurrencyCommand,
	GetFunctionCommand,
	GetFunctionConcurrencyCommand,
	PutFunctionConcurrencyCommand,
	TagResourceCommand,
	UntagResourceCommand,
} from '@aws-sdk/client-lambda';
import {
	decodeRestore,
	describeRestore,
	encodeRestore,
	throttleRestoreTag,
	type ConcurrencyRestore,
} from '../domain/throttle.js';
import type {Clients} from './clients.js';

export async function getReservedConcurrency(clients: Clients, name: string, signal?: AbortSignal): Promise<number | undefined> {
	const output = await clients.lambda.send(new GetFunctionConcurrencyCommand({FunctionName: name}), {abortSignal: signal});
	return output.ReservedConcurrentExecutions;
}

export interface ThrottleState {
	name: string;
	arn: string;
	reservedConcurrency: number | undefined;
	/** What unthrottling would restore, from the tag left by whoever throttled it. */
	restore: ConcurrencyRestore;
}

/** Fresh from Lambda, so a change made elsewhere (another console, a runbook) is seen before acting. */
export async function readThrottleState(clients: Clients, name: string): Promise<ThrottleState> {
	const output = await clients.lambda.send(new GetFunctionCommand({FunctionName: name}));
	return {
		name: output.Configuration?.FunctionName ?? name,
		arn: output.Configuration?.FunctionArn ?? name,
		reservedConcurrency: output.Concurrency?.ReservedConcurrentExecutions,
		restore: decodeRestore(output.Tags?.[throttleRestoreTag]),
	};
}

export interface ThrottleOutcome {
	name: string;
	changed: boolean;
	reservedConcurrency: number | undefined;
	message: string;
}

/** Set reserved concurrency to 0, remembering the earlier setting in a tag so unthrottle can restore it. */
export async function throttleFunction(clients: Clients, name: string): Promise<ThrottleOutcome> {
	const state = await readThrottleState(clients, name);
	if (state.reservedConcurrency === 0) {
		return {name: state.name, changed: false, reservedConcurrency: 0, message: `${state.name} is already throttled`};
	}
	await clients.lambda.send(
		new TagResourceCommand({Resource: state.arn, Tags: {[throttleRestoreTag]: encodeRestore(state.reservedConcurrency)}}),
	);
	try {
		await clients.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: name, ReservedConcurrentExecutions: 0}));
	} catch (error) {
		await clients.lambda
			.send(new UntagResourceCommand({Resource: state.arn, TagKeys: [throttleRestoreTag]}))
			.catch(() => undefined);
		throw error;
	}
	const before = describeRestore(
		state.reservedConcurrency === undefined ? {kind: 'unreserved'} : {kind: 'reserved', value: state.reservedConcurrency},
	);
	return {
		name: state.name,
		changed: true,
		reservedConcurrency: 0,
		message: `Throttled ${state.name}: reserved concurrency 0 (was ${before})`,
	};
}

/** Restore what the function had before it was throttled: no reservation, or its old number. */
export async function unthrottleFunction(clients: Clients, name: string): Promise<ThrottleOutcome> {
	const state = await readThrottleState(clients, name);
	if (state.reservedConcurrency !== 0) {
		return {
			name: state.name,
			changed: false,
			reservedConcurrency: state.reservedConcurrency,
			message: `${state.name} is not throttled`,
		};
	}
	const {restore} = state;
	if (restore.kind === 'unreserved') {
		await clients.lambda.send(new DeleteFunctionConcurrencyCommand({FunctionName: name}));
	} else {
		await clients.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: name, ReservedConcurrentExecutions: restore.value}));
	}
	await clients.lambda.send(new UntagResourceCommand({Resource: state.arn, TagKeys: [throttleRestoreTag]}));
	return {
		name: state.name,
		changed: true,
		reservedConcurrency: restore.kind === 'unreserved' ? undefined : restore.value,
		message:
			restore.kind === 'unreserved'
				? `Unthrottled ${state.name}: back to no reservation`
				: `Unthrottled ${state.name}: ${describeRestore(restore)} restored`,
	};
}

/**
 * Sets a function's reservation as the Configuration tab does: a number, or
 * undefined for none (the function draws on the account's unreserved pool).
 * 0 is a throttle, made as throttleFunction makes it (the earlier setting is
 * kept for unthrottle); any other choice replaces an earlier throttle, so the
 * tag that remembered what it replaced goes.
 */
export async function setReservedConcurrency(clients: Clients, name: string, value: number | undefined): Promise<ThrottleOutcome> {
	if (value === 0) return throttleFunction(clients, name);
	const output = await clients.lambda.send(new GetFunctionCommand({FunctionName: name}));
	const functionName = output.Configuration?.FunctionName ?? name;
	if (value === undefined) {
		await clients.lambda.send(new DeleteFunctionConcurrencyCommand({FunctionName: name}));
	} else {
		await clients.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: name, ReservedConcurrentExecutions: value}));
	}
	if (output.Tags?.[throttleRestoreTag] !== undefined && output.Configuration?.FunctionArn !== undefined) {
		await clients.lambda.send(new UntagResourceCommand({Resource: output.Configuration.FunctionArn, TagKeys: [throttleRestoreTag]}));
	}
	const before = output.Concurrency?.ReservedConcurrentExecutions;
	return {
		name: functionName,
		changed: before !== value,
		reservedConcurrency: value,
		message: value === undefined ? `${functionName} uses the account's unreserved concurrency` : `${functionName} reserves ${value}`,
	};
}
