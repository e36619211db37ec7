// A function's destinations, pure: where Lambda sends the record of an
// asynchronous invocation (on success, on failure: the EventInvokeConfig) and
// of a stream or Kafka batch that failed (an event source mapping's
// DestinationConfig.OnFailure), as one list of links; and the console's "Add
// destination" form, read and checked before anything is sent, with a message
// for each refusal that says what is allowed. Which source takes which
// condition and type follows the service model: a mapping takes no OnSuccess
// ("Not supported in CreateEventSourceMapping or UpdateEventSourceMapping"),
// and its failures go to an SQS queue, an SNS topic, an S3 bucket or, for
// Kafka, a Kafka topic; an asynchronous invocation's go to SQS, SNS, Lambda,
// EventBridge, and (on failure only) S3. Lambda sends nothing to FIFO queues
// and topics.

import {checkDestinationArn, destinationArnMaxLength, isFifoDestination, parseDestination, type DestinationService} from './async-config.js';
import {destinationProblem} from './async-form.js';
import {sourceLimits, type SourceKind} from './event-source-mapping.js';

export interface DestinationMapping {
	uuid: string;
	kind: SourceKind | undefined;
	eventSourceArn: string | undefined;
	onFailureDestination: string | undefined;
}

export interface DestinationLink {
	/** 'async:success' | 'async:failure' | 'mapping:<uuid>:failure' (and ':success' if a mapping can have one) */
	id: string;
	origin: 'asynchronous' | 'mapping';
	condition: 'success' | 'failure';
	arn: string;
	/** 'SQS', 'SNS', 'EventBridge', 'S3', 'Lambda' (from parseDestination), or the ARN's service */
	service: string;
	/** The destination's short name (queue, topic, bus, bucket, function[:qualifier]). */
	name: string;
	/** For a mapping's destination: the mapping's uuid and its source's short name (stream, table, topic). */
	mappingUuid?: string;
	sourceName?: string;
}

export type DestinationOrigin = DestinationLink['origin'];
export type DestinationCondition = DestinationLink['condition'];
/** The console's "Destination type": a service of parseDestination, or a Kafka topic (kafka://TOPIC). */
export type DestinationType = DestinationService | 'kafka';

const serviceShortNames: Record<DestinationService, string> = {sqs: 'SQS', sns: 'SNS', events: 'EventBridge', s3: 'S3', lambda: 'Lambda'};

const kindShortNames: Record<SourceKind, string> = {
	sqs: 'SQS',
	kinesis: 'Kinesis',
	dynamodb: 'DynamoDB',
	msk: 'MSK',
	kafka: 'Kafka',
	mq: 'MQ',
	docdb: 'DocumentDB',
};

/** The last part of an ARN's resource ("stream/clicks" → "clicks"), or the text after kafka://. */
function lastPart(arn: string): string {
	if (arn.startsWith('kafka://')) return arn.slice('kafka://'.length);
	const resource = arn.split(':').slice(5).join(':');
	const parts = resource.split(/[/:]/).filter((part) => part !== '');
	return parts.at(-1) ?? arn;
}

/** What a destination ARN names: its service, as the list says it, and its short name. */
export function destinationTarget(arn: string): {service: string; name: string} {
	const target = parseDestination(arn);
	if (target !== undefined) {
		return {service: serviceShortNames[target.service], name: target.qualifier === undefined ? target.name : `${target.name}:${target.qualifier}`};
	}
	if (arn.startsWith('kafka://')) return {service: 'Kafka', name: lastPart(arn)};
	const service = arn.startsWith('arn:') ? (arn.split(':')[2] ?? '') : '';
	return {service, name: lastPart(arn)};
}

/** The short name of a mapping's source: the stream, the table (of a DynamoDB stream), the cluster, the queue; undefined without an ARN. */
export function sourceNameOf(mapping: Pick<DestinationMapping, 'kind' | 'eventSourceArn'>): string | undefined {
	const arn = mapping.eventSourceArn;
	if (arn === undefined || arn === '') return undefined;
	const resource = arn.split(':').slice(5).join(':');
	const segments = resource.split('/');
	switch (mapping.kind) {
		case 'kinesis':
		case 'dynamodb':
		case 'msk':
			// stream/NAME[/consumer/...], table/NAME/stream/LABEL, cluster/NAME/UUID
			return segments[1] ?? lastPart(arn);
		default:
			return lastPart(arn);
	}
}

/** A mapping as the list and the form name it: "Kinesis clicks", "DynamoDB orders", "Kafka 1a2b3c4d" (no ARN). */
export function mappingLabel(mapping: Pick<DestinationMapping, 'uuid' | 'kind' | 'eventSourceArn'>): string {
	const kind = mapping.kind === undefined ? 'Mapping' : kindShortNames[mapping.kind];
	return `${kind} ${sourceNameOf(mapping) ?? mapping.uuid.slice(0, 8)}`;
}

/** The function's destinations: asynchronous on success, on failure, then each mapping's. */
export function destinationsOf(
	asyncDestinations: {onSuccess?: string | undefined; onFailure?: string | undefined} | undefined,
	mappings: readonly DestinationMapping[],
): DestinationLink[] {
	const links: DestinationLink[] = [];
	for (const condition of ['success', 'failure'] as const) {
		const arn = condition === 'success' ? asyncDestinations?.onSuccess : asyncDestinations?.onFailure;
		if (arn === undefined || arn === '') continue;
		links.push({id: `async:${condition}`, origin: 'asynchronous', condition, arn, ...destinationTarget(arn)});
	}
	for (const mapping of mappings) {
		const arn = mapping.onFailureDestination;
		if (arn === undefined || arn === '') continue;
		const link: DestinationLink = {id: `mapping:${mapping.uuid}:failure`, origin: 'mapping', condition: 'failure', arn, ...destinationTarget(arn), mappingUuid: mapping.uuid};
		const sourceName = sourceNameOf(mapping);
		if (sourceName !== undefined) link.sourceName = sourceName;
		links.push(link);
	}
	return links;
}

/** Where a link's records come from, as the list says it: "Asynchronous", "Kinesis clicks". */
export function originLabel(link: DestinationLink, mappings: readonly DestinationMapping[]): string {
	if (link.origin === 'asynchronous') return 'Asynchronous';
	const mapping = mappings.find((each) => each.uuid === link.mappingUuid);
	if (mapping !== undefined) return mappingLabel(mapping);
	return `Mapping ${link.sourceName ?? (link.mappingUuid ?? '').slice(0, 8)}`;
}

/** One link on one line: "Asynchronous · on failure → SQS orders-dlq", "Kinesis clicks · on failure → SNS alerts". */
export function describeLink(link: DestinationLink, mappings: readonly DestinationMapping[]): string {
	return `${originLabel(link, mappings)} · on ${link.condition} → ${link.service === '' ? link.arn : `${link.service} ${link.name}`}`;
}

// The "Add destination" form.

export const originChoices: ReadonlyArray<{origin: DestinationOrigin; label: string}> = [
	{origin: 'asynchronous', label: 'Asynchronous invocation'},
	{origin: 'mapping', label: 'Event source mapping invocation'},
];

export const conditionChoices: ReadonlyArray<{condition: DestinationCondition; label: string}> = [
	{condition: 'success', label: 'On success'},
	{condition: 'failure', label: 'On failure'},
];

export const typeChoices: ReadonlyArray<{type: DestinationType; label: string; example: string}> = [
	{type: 'sqs', label: 'SQS queue', example: 'arn:aws:sqs:REGION:ACCOUNT:QUEUE'},
	{type: 'sns', label: 'SNS topic', example: 'arn:aws:sns:REGION:ACCOUNT:TOPIC'},
	{type: 'lambda', label: 'Lambda function', example: 'arn:aws:lambda:REGION:ACCOUNT:function:NAME'},
	{type: 'events', label: 'EventBridge event bus', example: 'arn:aws:events:REGION:ACCOUNT:event-bus/NAME'},
	{type: 's3', label: 'S3 bucket', example: 'arn:aws:s3:::BUCKET'},
	{type: 'kafka', label: 'Kafka topic', example: 'kafka://TOPIC'},
];

/** Shown in the mapping field when the function has no mapping that can have a destination. */
export const noMappingChoice = '(none)';

/** The mappings that can have a destination (streams and Kafka: Kinesis, DynamoDB Streams, MSK, self-managed Kafka). */
export function streamMappings<T extends DestinationMapping>(mappings: readonly T[]): T[] {
	return mappings.filter((mapping) => mapping.kind !== undefined && sourceLimits[mapping.kind].errorHandling);
}

/** The form's choices of mapping: each stream or Kafka mapping by its label (made unique with its uuid when two read the same). */
export function mappingChoices(mappings: readonly DestinationMapping[]): Array<{uuid: string; label: string}> {
	const streams = streamMappings(mappings);
	const labels = streams.map(mappingLabel);
	return streams.map((mapping, index) => {
		const label = labels[index] ?? mapping.uuid;
		const repeated = labels.filter((each) => each === label).length > 1;
		return {uuid: mapping.uuid, label: repeated ? `${label} (${mapping.uuid.slice(0, 8)})` : label};
	});
}

/** The types a source and condition take; Kafka topics only for a Kafka mapping's failures. */
export function allowedTypes(origin: DestinationOrigin, condition: DestinationCondition, kind: SourceKind | undefined): DestinationType[] {
	if (origin === 'asynchronous') return condition === 'success' ? ['sqs', 'sns', 'lambda', 'events'] : ['sqs', 'sns', 'lambda', 'events', 's3'];
	if (condition === 'success') return [];
	return kind === 'msk' || kind === 'kafka' ? ['sqs', 'sns', 's3', 'kafka'] : ['sqs', 'sns', 's3'];
}

export type DestinationField = 'source' | 'mapping' | 'condition' | 'type' | 'arn';

/** What the form asks Lambda for. */
export interface DestinationRequest {
	origin: DestinationOrigin;
	condition: DestinationCondition;
	arn: string;
	/** The mapping, for origin 'mapping'. */
	mappingUuid?: string;
	/** The link it makes (as destinationsOf names it). */
	id: string;
	/** For progress and messages: "on-success destination", "on-failure destination of Kinesis clicks". */
	label: string;
}

export interface DestinationCheck {
	/** At most one problem a field, each naming what is allowed. */
	problems: Partial<Record<DestinationField, string>>;
	/** Defined when there is no problem. */
	request?: DestinationRequest;
}

export interface DestinationContext {
	functionName: string;
	mappings: readonly DestinationMapping[];
	/** The destinations there are now (destinationsOf). */
	links: readonly DestinationLink[];
}

const typeLabel = (type: DestinationType): string => typeChoices.find((choice) => choice.type === type)?.label ?? type;
const typeExample = (type: DestinationType): string => typeChoices.find((choice) => choice.type === type)?.example ?? '';

/** "an SQS queue", "an EventBridge event bus", "a Lambda function" (said as letters: an S-Q-S). */
function article(text: string): string {
	return /^[AEIOSU]/.test(text) ? `an ${text}` : `a ${text}`;
}

/** The type's short name in messages: "SQS", "EventBridge", "Kafka". */
const shortName = (type: DestinationType): string => (type === 'kafka' ? 'Kafka' : serviceShortNames[type]);

function listed(types: readonly DestinationType[]): string {
	const names = types.map((type) => (type === 'kafka' ? 'a Kafka topic' : serviceShortNames[type]));
	return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
}

/** Why `type` is not allowed here, in words that say what is. */
function typeProblem(type: DestinationType, origin: DestinationOrigin, condition: DestinationCondition, kind: SourceKind | undefined, editing = false): string | undefined {
	const allowed = allowedTypes(origin, condition, kind);
	if (allowed.length === 0 || allowed.includes(type)) return undefined;
	if (type === 's3') return `S3 is only for on failure: ${editing ? 'give another ARN' : 'choose On failure, or another type'}`;
	if (type === 'kafka') return "A Kafka topic is only for a Kafka mapping's failed batches";
	return origin === 'mapping'
		? `A mapping sends failed batches to ${listed(allowed)} only`
		: `Asynchronous on ${condition} takes ${listed(allowed)}`;
}

/** What is wrong with an ARN typed for a destination of `type`, or undefined. */
function arnProblem(arn: string, type: DestinationType, origin: DestinationOrigin, condition: DestinationCondition, functionName: string): string | undefined {
	const example = typeExample(type);
	if (arn === '') return `Give an ARN: ${example}`;
	if (arn.length > destinationArnMaxLength) return `A destination is at most ${destinationArnMaxLength} characters; this has ${arn.length}`;
	const member = `destinationConfig.on${condition === 'success' ? 'Success' : 'Failure'}.destination`;
	if (type === 'kafka') {
		return arn.startsWith('kafka://') && checkDestinationArn(arn, member).length === 0 ? undefined : `Not a Kafka topic: ${example}`;
	}
	const target = parseDestination(arn);
	if (checkDestinationArn(arn, member).length > 0 || target === undefined) {
		const other = arn.startsWith('kafka://') ? 'kafka' : undefined;
		return other === undefined ? `Not ${article(shortName(type))} ARN: ${example}` : `The ARN is a Kafka topic; the type says ${typeLabel(type)}`;
	}
	if (target.service !== type) return `The ARN is ${article(typeLabel(target.service))}; the type says ${typeLabel(type)}`;
	if (isFifoDestination(target)) {
		return type === 'sqs' ? 'A FIFO queue cannot be a destination: use a standard queue' : 'A FIFO topic cannot be a destination: use a standard topic';
	}
	// Lambda's rules for asynchronous invocation (the function itself), as the Asynchronous section words them.
	if (origin === 'asynchronous') return destinationProblem(arn, condition, functionName);
	return undefined;
}

/** The type an ARN names, or undefined when it names none the form knows. */
export function typeOfArn(arn: string): DestinationType | undefined {
	if (arn.startsWith('kafka://')) return 'kafka';
	return parseDestination(arn)?.service;
}

function choice<T>(choices: ReadonlyArray<{label: string} & T>, label: string | undefined): T | undefined {
	return choices.find((each) => each.label === label);
}

/**
 * The add form's values (labels of the choices, the ARN as typed), checked:
 * the source (a mapping only when the function has a stream or Kafka one),
 * the condition (a mapping: on failure only), that there is no destination
 * there yet, the type for the source and condition, and the ARN for the type.
 */
export function checkDestinationForm(values: Readonly<Record<string, string>>, context: DestinationContext): DestinationCheck {
	const problems: Partial<Record<DestinationField, string>> = {};
	const origin = choice(originChoices, values['source'])?.origin;
	const condition = choice(conditionChoices, values['condition'])?.condition;
	const type = choice(typeChoices, values['type'])?.type;
	const arn = (values['arn'] ?? '').trim();
	if (origin === undefined) problems.source = `Choose ${originChoices.map((each) => each.label).join(' or ')}`;
	if (condition === undefined) problems.condition = 'Choose On success or On failure';
	if (type === undefined) problems.type = `Choose ${typeChoices.map((each) => each.label).join(', ')}`;
	let mapping: DestinationMapping | undefined;
	if (origin === 'mapping') {
		const choices = mappingChoices(context.mappings);
		const uuid = choices.find((each) => each.label === values['mapping'])?.uuid;
		mapping = context.mappings.find((each) => each.uuid === uuid);
		if (choices.length === 0) problems.source = 'No Kinesis, DynamoDB Streams or Kafka mapping: add a trigger first';
		else if (mapping === undefined) problems.mapping = `Choose a mapping: ${choices.map((each) => each.label).join(', ')}`;
		if (condition === 'success') problems.condition = 'A mapping sends only failed batches: choose On failure';
	}
	if (origin === undefined || condition === undefined || type === undefined || problems.source !== undefined || problems.condition !== undefined) {
		return {problems};
	}
	if (origin === 'mapping' && mapping === undefined) return {problems};
	const id = origin === 'asynchronous' ? `async:${condition}` : `mapping:${mapping?.uuid ?? ''}:${condition}`;
	const existing = context.links.find((link) => link.id === id);
	if (existing !== undefined) {
		problems.condition = `It has one already (${existing.service} ${existing.name}): e edits it, d removes it`;
		return {problems};
	}
	const refusedType = typeProblem(type, origin, condition, mapping?.kind);
	if (refusedType !== undefined) {
		problems.type = refusedType;
		return {problems};
	}
	const refusedArn = arnProblem(arn, type, origin, condition, context.functionName);
	if (refusedArn !== undefined) {
		problems.arn = refusedArn;
		return {problems};
	}
	const request: DestinationRequest = {origin, condition, arn, id, label: requestLabel(origin, condition, mapping)};
	if (mapping !== undefined) request.mappingUuid = mapping.uuid;
	return {problems, request};
}

function requestLabel(origin: DestinationOrigin, condition: DestinationCondition, mapping: DestinationMapping | undefined): string {
	const what = `on-${condition} destination`;
	return origin === 'mapping' && mapping !== undefined ? `${what} of ${mappingLabel(mapping)}` : what;
}

/**
 * A new ARN for an existing link (e): the same checks, the type taken from
 * the ARN (or the link's, when the ARN names none), so an ARN of another
 * allowed service may replace it. undefined when it is fine.
 */
export function checkDestinationEdit(link: DestinationLink, text: string, context: Omit<DestinationContext, 'links'>): string | undefined {
	const arn = text.trim();
	const mapping = context.mappings.find((each) => each.uuid === link.mappingUuid);
	const type = typeOfArn(arn) ?? typeOfArn(link.arn) ?? 'sqs';
	if (arn === '') return 'Give an ARN: d removes the destination instead';
	const allowed = allowedTypes(link.origin, link.condition, mapping?.kind);
	if (typeOfArn(arn) === undefined) return `Not an ARN of ${listed(allowed)}`;
	return typeProblem(type, link.origin, link.condition, mapping?.kind, true) ?? arnProblem(arn, type, link.origin, link.condition, context.functionName);
}

/** The label of a link for progress and messages: "on-failure destination of Kinesis clicks". */
export function linkLabel(link: DestinationLink, mappings: readonly DestinationMapping[]): string {
	const mapping = mappings.find((each) => each.uuid === link.mappingUuid);
	return requestLabel(link.origin, link.condition, mapping);
}
