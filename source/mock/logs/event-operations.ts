// The log event operations of the local CloudWatch Logs: GetLogEvents,
// FilterLogEvents and PutLogEvents, with the request and response shapes of
// the service model and CloudWatch's paging.

import {filterPatternMaxLength, parseFilterPattern, type FilterPattern} from '../../domain/filter-pattern.js';
import {findGroup, findStream, groupNameRules, readGroupReference, streamNameRules, type Operation} from './context.js';
import {invalidParameter, invalidToken} from './errors.js';
import {RequestReader} from './input.js';
import {filterLogEvents, getLogEvents, pageEventsMax} from './log-queries.js';
import {eventId, pageToken, parseStreamToken, readPageToken, sequenceToken, type EventKey} from './tokens.js';

const dayMs = 86_400_000;
/** PutLogEvents refuses events more than 2 hours ahead and 14 days behind. */
const tooNewMs = 2 * 60 * 60 * 1000;
const tooOldMs = 14 * dayMs;

/** Parses a filter pattern or answers InvalidParameterException with the parser's words. */
export function readFilterPattern(text: string | undefined): FilterPattern {
	if (text === undefined) return {kind: 'all'};
	const parsed = parseFilterPattern(text);
	if (!parsed.ok) throw invalidParameter(parsed.message);
	return parsed.pattern;
}

const getLogEventsOperation: Operation = (input, context) => {
	const reader = new RequestReader(input);
	const groupName = readGroupReference(reader);
	const streamName = reader.string('logStreamName', {...streamNameRules, required: true});
	const startTime = reader.number('startTime', {min: 0});
	const endTime = reader.number('endTime', {min: 0});
	const nextToken = reader.string('nextToken', {min: 1});
	const limit = reader.number('limit', {min: 1, max: pageEventsMax});
	const startFromHead = reader.boolean('startFromHead') ?? false;
	reader.boolean('unmask');
	reader.done();
	const stream = findStream(findGroup(context, groupName()), streamName ?? '');
	const token = nextToken === undefined ? undefined : {text: nextToken, ...parseStreamToken(nextToken)};
	const page = getLogEvents(stream, {startTime, endTime, limit, startFromHead, token});
	return {
		events: page.events.map((event) => ({timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestionTime})),
		nextForwardToken: page.nextForwardToken,
		nextBackwardToken: page.nextBackwardToken,
	};
};

interface FilterToken {
	forward: boolean;
	after: EventKey;
}

function readFilterToken(token: string): FilterToken {
	const value = readPageToken('filter', token);
	if (!Array.isArray(value)) throw invalidToken();
	const [direction, timestamp, sequence] = value as unknown[];
	if ((direction !== 'f' && direction !== 'b') || typeof timestamp !== 'number' || typeof sequence !== 'number') throw invalidToken();
	return {forward: direction === 'f', after: {timestamp, sequence}};
}

const filterLogEventsOperation: Operation = (input, context) => {
	const reader = new RequestReader(input);
	const groupName = readGroupReference(reader);
	const streamNames = reader.strings('logStreamNames', {min: 1, max: 100}, streamNameRules);
	const prefix = reader.string('logStreamNamePrefix', streamNameRules);
	const startTime = reader.number('startTime', {min: 0});
	const endTime = reader.number('endTime', {min: 0});
	const patternText = reader.string('filterPattern', {min: 0, max: filterPatternMaxLength});
	const nextToken = reader.string('nextToken', {min: 1});
	const limit = reader.number('limit', {min: 1, max: pageEventsMax});
	const startFromHead = reader.boolean('startFromHead') ?? true;
	reader.boolean('interleaved');
	reader.boolean('unmask');
	reader.done();
	const group = findGroup(context, groupName());
	if (streamNames !== undefined && prefix !== undefined) {
		throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
	}
	const pattern = readFilterPattern(patternText);
	const token = nextToken === undefined ? undefined : readFilterToken(nextToken);
	const wanted = streamNames === undefined ? undefined : new Set(streamNames);
	const streams = [...group.streams.values()].filter(
		(stream) => (wanted === undefined || wanted.has(stream.name)) && (prefix === undefined || stream.name.startsWith(prefix)),
	);
	const forward = token?.forward ?? startFromHead;
	const result = filterLogEvents({streams, startTime, endTime, pattern, limit, forward, after: token?.after});
	const last = result.events[result.events.length - 1];
	return {
		events: result.events.map(({stream, event}) => ({
			logStreamName: stream.name,
			timestamp: event.timestamp,
			message: event.message,
			ingestionTime: event.ingestionTime,
			eventId: eventId(event),
		})),
		searchedLogStreams: [],
		...(result.more && last !== undefined
			? {nextToken: pageToken('filter', [forward ? 'f' : 'b', last.event.timestamp, last.event.sequence])}
			: {}),
	};
};

const putLogEventsOperation: Operation = async (input, context) => {
	const reader = new RequestReader(input);
	const groupName = reader.string('logGroupName', {...groupNameRules, required: true});
	const streamName = reader.string('logStreamName', {...streamNameRules, required: true});
	const events = reader.objects('logEvents', {required: true, min: 1, max: 10_000}, (event) => ({
		timestamp: event.number('timestamp', {required: true, min: 0}) ?? 0,
		message: event.string('message', {required: true, min: 1}) ?? '',
	}));
	reader.string('sequenceToken', {min: 1});
	reader.done();
	const stream = findStream(findGroup(context, groupName ?? ''), streamName ?? '');
	const batch = events ?? [];
	for (let index = 1; index < batch.length; index += 1) {
		if ((batch[index]?.timestamp ?? 0) < (batch[index - 1]?.timestamp ?? 0)) {
			throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
		}
	}
	const first = batch[0];
	const last = batch[batch.length - 1];
	if (first !== undefined && last !== undefined && last.timestamp - first.timestamp > dayMs) {
		throw invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
	}
	const now = context.clock.now();
	const retention = stream.group.retentionInDays;
	const rejected: Record<string, number> = {};
	const accepted = batch.filter((event, index) => {
		if (event.timestamp > now + tooNewMs) {
			rejected.tooNewLogEventStartIndex ??= index;
			return false;
		}
		if (event.timestamp < now - tooOldMs) {
			rejected.tooOldLogEventEndIndex = index;
			return false;
		}
		if (retention !== undefined && event.timestamp < now - retention * dayMs) {
			rejected.expiredLogEventEndIndex = index;
			return false;
		}
		return true;
	});
	context.store.appendTo(stream, accepted, now);
	await context.store.flush();
	return {
		nextSequenceToken: sequenceToken(stream.lastSequence),
		...(Object.keys(rejected).length > 0 ? {rejectedLogEventsInfo: rejected} : {}),
	};
};

export const eventOperations: Record<string, Operation> = {
	GetLogEvents: getLogEventsOperation,
	FilterLogEvents: filterLogEventsOperation,
	PutLogEvents: putLogEventsOperation,
};
