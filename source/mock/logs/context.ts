// What every CloudWatch Logs operation of the local Lambda works with, and the
// lookups they share: a log group by logGroupName or logGroupIdentifier (a
// name or an ARN), a stream within it.

import type {Clock} from '../clock.js';
import {groupNotFound, invalidParameter, LogsError, streamNotFound} from './errors.js';
import {groupIdentifierPattern, groupNamePattern, type JsonObject, type RequestReader} from './input.js';
import {groupNameOf, type LogGroup, type LogStream} from './log-model.js';
import type {LogStore} from './log-store.js';

export interface LogsContext {
	store: LogStore;
	region: string;
	accountId: string;
	clock: Clock;
}

export type Operation = (input: JsonObject, context: LogsContext) => JsonObject | Promise<JsonObject>;

export const groupNameRules = {min: 1, max: 512, pattern: groupNamePattern};
export const streamNameRules = {min: 1, max: 512, pattern: '[^:*]*'};
export const groupIdentifierRules = {min: 1, max: 2048, pattern: groupIdentifierPattern};

/** Reads logGroupName and logGroupIdentifier; exactly one must be given. Call reader.done() before using the result. */
export function readGroupReference(reader: RequestReader): () => string {
	const name = reader.string('logGroupName', groupNameRules);
	const identifier = reader.string('logGroupIdentifier', groupIdentifierRules);
	return () => {
		if (name !== undefined && identifier !== undefined) {
			throw new LogsError('ValidationException', 'LogGroup name and LogGroup ARN are mutually exclusive parameters.');
		}
		if (name !== undefined) return name;
		if (identifier !== undefined) return groupNameOf(identifier);
		throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
	};
}

export function findGroup(context: LogsContext, name: string): LogGroup {
	const group = context.store.groups.get(name);
	if (group === undefined) throw groupNotFound();
	context.store.expire(group, context.clock.now());
	return group;
}

export function findStream(group: LogGroup, name: string): LogStream {
	const stream = group.streams.get(name);
	if (stream === undefined) throw streamNotFound();
	return stream;
}
