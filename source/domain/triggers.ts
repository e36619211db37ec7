// A function's triggers, pure: its event source mappings (SQS, Kinesis,
// DynamoDB Streams, MSK, self-managed Kafka, Amazon MQ, DocumentDB) and the
// push sources its resource-based policy allows (S3, SNS, EventBridge, API
// Gateway ...), each named as the Lambda console names it, and their states.
// The forms that add and edit them are in trigger-form.ts.

import type {SourceKind} from './event-source-mapping.js';
import type {PermissionStatement} from './resource-policy.js';

/** The fields of an event source mapping a trigger is read from (aws/event-source-mappings.ts's EventSourceMapping has them all). */
export interface TriggerMapping {
	uuid: string;
	kind: SourceKind | undefined;
	eventSourceArn: string | undefined;
	bootstrapServers: string[];
	state: string;
	enabled: boolean | undefined;
	topics: string[];
	queues: string[];
	lastProcessingResult: string | undefined;
}

export interface Trigger {
	/** 'mapping:<uuid>' or 'permission:<sid>' */
	id: string;
	origin: 'mapping' | 'permission';
	/** The service as the console names it: 'SQS', 'Kinesis', 'DynamoDB', 'MSK', 'Kafka', 'Amazon MQ', 'DocumentDB', 'S3', 'SNS', 'EventBridge', 'API Gateway', 'AWS IoT', 'CloudWatch Logs', 'Cognito', 'ALB', 'Alexa', ... or the principal when unknown */
	service: string;
	/** The source's short name: queue, stream, table, cluster, bucket, topic, rule, API id, log group…; the ARN when nothing better. */
	name: string;
	arn: string | undefined;
	/** Mappings: Lambda's State ('Enabled', 'Creating', ...) and whether enabled; permissions: undefined. */
	state: string | undefined;
	enabled: boolean | undefined;
}

// ---- naming -----------------------------------------------------------------

export const mappingServiceNames: Readonly<Record<SourceKind, string>> = {
	sqs: 'SQS',
	kinesis: 'Kinesis',
	dynamodb: 'DynamoDB',
	msk: 'MSK',
	kafka: 'Kafka',
	mq: 'Amazon MQ',
	docdb: 'DocumentDB',
};

const pushServiceNames: Readonly<Record<string, string>> = {
	s3: 'S3',
	sns: 'SNS',
	sqs: 'SQS',
	events: 'EventBridge',
	scheduler: 'EventBridge Scheduler',
	apigateway: 'API Gateway',
	iot: 'AWS IoT',
	logs: 'CloudWatch Logs',
	'cognito-idp': 'Cognito',
	'cognito-sync': 'Cognito Sync',
	elasticloadbalancing: 'ALB',
	'alexa-appkit': 'Alexa',
	'alexa-connectedhome': 'Alexa',
	ses: 'SES',
	codecommit: 'CodeCommit',
	lex: 'Lex',
	connect: 'Amazon Connect',
	secretsmanager: 'Secrets Manager',
	config: 'AWS Config',
	states: 'Step Functions',
	appsync: 'AppSync',
	bedrock: 'Bedrock',
	cloudformation: 'CloudFormation',
	'edgelambda': 'CloudFront',
};

/** A service principal's name as the console's triggers name it ('S3' for s3.amazonaws.com, regional ones too); the principal when unknown. */
export function pushServiceName(principal: string): string {
	const match = /^([a-z0-9-]+)(\.[a-z]{2}(-gov)?-[a-z]+-\d)?\.(amazonaws\.com(\.cn)?|amazon\.com)$/.exec(principal);
	const known = match?.[1] === undefined ? undefined : pushServiceNames[match[1]];
	return known ?? principal;
}

/**
 * The short name of the resource an ARN names: a queue, stream, table,
 * cluster, broker, bucket, topic, rule, API id, log group ...; the ARN itself
 * when it names nothing this knows.
 */
export function sourceNameOf(arn: string): string {
	const parts = arn.split(':');
	if (parts[0] !== 'arn' || parts.length < 6) return arn;
	const service = parts[2] ?? '';
	const resource = parts.slice(5).join(':');
	const segments = resource.split('/');
	const pick = (value: string | undefined): string => (value === undefined || value === '' || value === '*' ? arn : value);
	switch (service) {
		case 's3':
		case 'execute-api':
			return pick(segments[0]);
		case 'sqs':
		case 'sns':
			return pick(resource);
		case 'kinesis':
		case 'dynamodb':
		case 'kafka':
		case 'iot':
		case 'cognito-idp':
		case 'elasticloadbalancing':
			// stream/NAME, table/NAME/stream/..., cluster/NAME/ID, rule/NAME, userpool/ID, targetgroup/NAME/ID
			return pick(segments[0] === 'loadbalancer' ? segments[2] : segments[1]);
		case 'events':
			// rule/NAME or rule/BUS/NAME
			return pick(segments[segments.length - 1]);
		case 'logs':
		case 'mq':
		case 'rds': {
			// log-group:NAME:*, broker:NAME:ID, cluster:NAME
			const pieces = resource.split(':');
			return pick(pieces[1]);
		}
		default: {
			const last = resource.split(/[/:]/).filter((piece) => piece !== '' && piece !== '*');
			return pick(last[last.length - 1]);
		}
	}
}

/** A mapping as a trigger: its service and its source's short name. */
export function mappingTrigger(mapping: TriggerMapping): Trigger {
	const arn = mapping.eventSourceArn;
	let service: string;
	let name: string;
	if (mapping.kind !== undefined) {
		service = mappingServiceNames[mapping.kind];
		name = mapping.kind === 'kafka' ? (mapping.bootstrapServers[0] ?? mapping.topics[0] ?? '') : arn === undefined ? '' : sourceNameOf(arn);
	} else {
		service = arn === undefined ? 'Event source' : (arn.split(':')[2] ?? 'Event source');
		name = arn === undefined ? (mapping.bootstrapServers[0] ?? '') : sourceNameOf(arn);
	}
	return {id: `mapping:${mapping.uuid}`, origin: 'mapping', service, name, arn, state: mapping.state, enabled: mapping.enabled};
}

const invokeActions: ReadonlySet<string> = new Set(['lambda:InvokeFunction', 'lambda:*']);

/** Whether a statement lets a service push events to the function (and is not a function URL's). */
export function isPushStatement(statement: PermissionStatement): boolean {
	if (statement.effect !== 'Allow') return false;
	if (!statement.actions.some((action) => invokeActions.has(action))) return false;
	if (statement.functionUrlAuthType !== undefined || statement.invokedViaFunctionUrl !== undefined) return false;
	return statement.principals.some((principal) => principal.kind === 'service');
}

function permissionTrigger(statement: PermissionStatement): Trigger {
	const principal = statement.principals.find((each) => each.kind === 'service');
	const service = principal?.kind === 'service' ? pushServiceName(principal.service) : 'Service';
	const arn = statement.sourceArn;
	const name = arn !== undefined ? sourceNameOf(arn) : statement.sourceAccount !== undefined ? `account ${statement.sourceAccount}` : 'any source';
	return {id: `permission:${statement.sid}`, origin: 'permission', service, name, arn, state: undefined, enabled: undefined};
}

/** A function's triggers: its event source mappings, then the push sources its resource-based policy allows (Allow statements for a service principal to lambda:InvokeFunction or lambda:*; not function URL statements (lambda:InvokeFunctionUrl), not accounts/roles). */
export function triggersOf(mappings: readonly TriggerMapping[], statements: readonly PermissionStatement[]): Trigger[] {
	return [...mappings.map(mappingTrigger), ...statements.filter(isPushStatement).map(permissionTrigger)];
}

// ---- states -----------------------------------------------------------------

const transitionalStates: ReadonlySet<string> = new Set(['Creating', 'Enabling', 'Disabling', 'Updating', 'Deleting']);

/** A state Lambda moves on from by itself a moment later (Creating, Enabling, Disabling, Updating, Deleting). */
export function isTransitional(state: string | undefined): boolean {
	return state !== undefined && transitionalStates.has(state);
}

export type StateTone = 'success' | 'muted' | 'warning' | 'plain';

/** How a state is coloured: Enabled success, Disabled muted, the transitional ones warning. */
export function stateTone(state: string | undefined): StateTone {
	if (state === 'Enabled') return 'success';
	if (state === 'Disabled') return 'muted';
	if (isTransitional(state)) return 'warning';
	return 'plain';
}

