// The log group and log stream operations of the local CloudWatch Logs:
// DescribeLogGroups, DescribeLogStreams, Create/DeleteLogGroup,
// Create/DeleteLogStream, Put/DeleteRetentionPolicy, with the request and
// response shapes of the service model.

import {findGroup, findStream, groupIdentifierRules, groupNameRules, readGroupReference, streamNameRules, type LogsContext, type Operation} from './context.js';
import {groupExists, invalidParameter, invalidToken, streamExists} from './errors.js';
import {RequestReader, type JsonObject} from './input.js';
import {groupArn, groupNameOf, logGroupClasses, streamArn, type LogGroup, type LogStream} from './log-model.js';
import {pageToken, readPageToken, sequenceToken} from './tokens.js';

/** The retention periods PutRetentionPolicy accepts, in days. */
export const retentionDays: readonly number[] = [
	1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const describePageMax = 50;

function describeGroup(context: LogsContext, group: LogGroup, brief: boolean): JsonObject {
	const arn = groupArn(context.region, context.accountId, group.name);
	if (brief) return {logGroupName: group.name, creationTime: group.creationTime, arn: `${arn}:*`};
	return {
		logGroupName: group.name,
		creationTime: group.creationTime,
		...(group.retentionInDays === undefined ? {} : {retentionInDays: group.retentionInDays}),
		metricFilterCount: 0,
		arn: `${arn}:*`,
		storedBytes: group.bytes,
		logGroupClass: group.logGroupClass,
		logGroupArn: arn,
	};
}

function describeStream(context: LogsContext, stream: LogStream): JsonObject {
	const first = stream.firstEvent;
	const last = stream.lastEvent;
	return {
		logStreamName: stream.name,
		creationTime: stream.creationTime,
		...(first === undefined || last === undefined
			? {}
			: {
					firstEventTimestamp: first.timestamp,
					lastEventTimestamp: last.timestamp,
					lastIngestionTime: stream.lastIngestionTime,
					uploadSequenceToken: sequenceToken(stream.lastSequence),
				}),
		arn: streamArn(context.region, context.accountId, stream.group.name, stream.name),
		storedBytes: 0,
	};
}

const describeLogGroups: Operation = (input, context) => {
	const reader = new RequestReader(input);
	const prefix = reader.string('logGroupNamePrefix', groupNameRules);
	const pattern = reader.string('logGroupNamePattern', {min: 0, max: 512, pattern: '[\\.\\-_/#A-Za-z0-9]*'});
	const limit = reader.number('limit', {min: 1, max: describePageMax}) ?? describePageMax;
	const nextToken = reader.string('nextToken', {min: 1});
	const identifiers = reader.strings('logGroupIdentifiers', {min: 1, max: 50}, groupIdentifierRules);
	const logGroupClass = reader.enumeration('logGroupClass', logGroupClasses);
	reader.strings('accountIdentifiers', {min: 0, max: 20}, {min: 12, max: 12, pattern: '\\d{12}'});
	reader.boolean('includeLinkedAccounts');
	reader.done();
	if (prefix !== undefined && pattern !== undefined) {
		throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
	}
	const after = nextToken === undefined ? undefined : readPageToken('groups', nextToken);
	if (after !== undefined && typeof after !== 'string') throw invalidToken();
	const wanted = identifiers === undefined ? undefined : new Set(identifiers.map(groupNameOf));
	const groups = [...context.store.groups.values()]
		.filter(
			(group) =>
				(prefix === undefined || group.name.startsWith(prefix)) &&
				(pattern === undefined || group.name.includes(pattern)) &&
				(wanted === undefined || wanted.has(group.name)) &&
				(logGroupClass === undefined || group.logGroupClass === logGroupClass) &&
				(after === undefined || group.name > after),
		)
		.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
	const page = groups.slice(0, limit);
	const last = page[page.length - 1];
	for (const group of page) context.store.expire(group, context.clock.now());
	return {
		logGroups: page.map((group) => describeGroup(context, group, pattern !== undefined)),
		...(groups.length > limit && last !== undefined ? {nextToken: pageToken('groups', last.name)} : {}),
	};
};

type StreamKey = [number, string];

const describeLogStreams: Operation = (input, context) => {
	const reader = new RequestReader(input);
	const groupName = readGroupReference(reader);
	const prefix = reader.string('logStreamNamePrefix', streamNameRules);
	const orderBy = reader.enumeration('orderBy', ['LogStreamName', 'LastEventTime'] as const) ?? 'LogStreamName';
	const descending = reader.boolean('descending') ?? false;
	const limit = reader.number('limit', {min: 1, max: describePageMax}) ?? describePageMax;
	const nextToken = reader.string('nextToken', {min: 1});
	reader.done();
	const group = findGroup(context, groupName());
	if (orderBy === 'LastEventTime' && prefix !== undefined) {
		throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
	}
	const key = (stream: LogStream): StreamKey => [orderBy === 'LastEventTime' ? (stream.lastEvent?.timestamp ?? 0) : 0, stream.name];
	const compare = (left: StreamKey, right: StreamKey): number => {
		const order = left[0] - right[0] || (left[1] < right[1] ? -1 : left[1] > right[1] ? 1 : 0);
		return descending ? -order : order;
	};
	let after: StreamKey | undefined;
	if (nextToken !== undefined) {
		const value = readPageToken('streams', nextToken);
		if (!Array.isArray(value) || typeof value[0] !== 'number' || typeof value[1] !== 'string') throw invalidToken();
		after = [value[0], value[1]];
	}
	const streams = [...group.streams.values()]
		.filter((stream) => prefix === undefined || stream.name.startsWith(prefix))
		.map((stream) => ({stream, key: key(stream)}))
		.filter((entry) => after === undefined || compare(entry.key, after) > 0)
		.sort((left, right) => compare(left.key, right.key));
	const page = streams.slice(0, limit);
	const last = page[page.length - 1];
	return {
		logStreams: page.map((entry) => describeStream(context, entry.stream)),
		...(streams.length > limit && last !== undefined ? {nextToken: pageToken('streams', last.key)} : {}),
	};
};

const createLogGroup: Operation = (input, context) => {
	const reader = new RequestReader(input);
	const name = reader.string('logGroupName', {...groupNameRules, required: true});
	reader.string('kmsKeyId', {max: 256});
	const logGroupClass = reader.enumeration('logGroupClass', logGroupClasses);
	reader.boolean('deletionProtectionEnabled');
	reader.done();
	if (name === undefined) return {};
	if (context.store.groups.has(name)) throw groupExists();
	context.store.createGroup(name, context.clock.now(), logGroupClass);
	return {};
};

const deleteLogGroup: Operation = (input, context) => {
	const reader = new RequestReader(input);
	const name = reader.string('logGroupName', {...groupNameRules, required: true});
	reader.done();
	context.store.deleteGroup(findGroup(context, name ?? ''));
	return {};
};

/** The request of CreateLogStream and DeleteLogStream: the log group (which must exist) and the stream's name. */
function readStreamRequest(input: JsonObject, context: LogsContext): {group: LogGroup; name: string | undefined} {
	const reader = new RequestReader(input);
	const groupName = reader.string('logGroupName', {...groupNameRules, required: true});
	const name = reader.string('logStreamName', {...streamNameRules, required: true});
	reader.done();
	return {group: findGroup(context, groupName ?? ''), name};
}

const createLogStream: Operation = (input, context) => {
	const {group, name} = readStreamRequest(input, context);
	if (name === undefined) return {};
	if (group.streams.has(name)) throw streamExists();
	context.store.createStream(group, name, context.clock.now());
	return {};
};

const deleteLogStream: Operation = (input, context) => {
	const {group, name} = readStreamRequest(input, context);
	context.store.deleteStream(findStream(group, name ?? ''));
	return {};
};

const putRetentionPolicy: Operation = (input, context) => {
	const reader = new RequestReader(input);
	const groupName = reader.string('logGroupName', {...groupNameRules, required: true});
	const days = reader.number('retentionInDays', {required: true, oneOf: retentionDays});
	reader.done();
	const group = findGroup(context, groupName ?? '');
	context.store.setRetention(group, days, context.clock.now());
	return {};
};

const deleteRetentionPolicy: Operation = (input, context) => {
	const reader = new RequestReader(input);
	const groupName = reader.string('logGroupName', {...groupNameRules, required: true});
	reader.done();
	const group = findGroup(context, groupName ?? '');
	context.store.setRetention(group, undefined, context.clock.now());
	return {};
};

export const resourceOperations: Record<string, Operation> = {
	DescribeLogGroups: describeLogGroups,
	DescribeLogStreams: describeLogStreams,
	CreateLogGroup: createLogGroup,
	DeleteLogGroup: deleteLogGroup,
	CreateLogStream: createLogStream,
	DeleteLogStream: deleteLogStream,
	PutRetentionPolicy: putRetentionPolicy,
	DeleteRetentionPolicy: deleteRetentionPolicy,
};
