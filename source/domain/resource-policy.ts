// A function's resource-based policy (its permissions), pure: the statements
// AddPermission writes, the checks Lambda makes of an AddPermission or
// RemovePermission request, reading a GetPolicy document back into plain
// statements, and describing each statement as one English line ("Amazon S3
// (s3.amazonaws.com) may invoke this function when the source is
// arn:aws:s3:::uploads").
//
// The statement AddPermission writes, as Lambda writes it: Sid, Effect Allow,
// Principal ("*", {"Service": "s3.amazonaws.com"}, or {"AWS": ARN}; an
// account ID becomes arn:aws:iam::<account>:root), Action, Resource (the
// function's ARN, with the qualifier when one was given) and, when there is
// one, Condition: StringEquals for FunctionUrlAuthType, PrincipalOrgID,
// SourceAccount and EventSourceToken, Bool for InvokedViaFunctionUrl, and
// ArnLike for SourceArn. The document: {"Version": "2012-10-17", "Id":
// "default", "Statement": [...]}, at most 20 KB.

import {constraintProblem, parameterProblem, type Problem} from './validate.js';

/** The largest policy document Lambda keeps, bytes ("The final policy size (20749) is bigger than the limit (20480)."). */
export const policySizeMax = 20_480;
export const statementIdMaxLength = 100;
export const statementIdPattern = '([a-zA-Z0-9-_]+)';
/** RemovePermission's StatementId also takes dots. */
export const removeStatementIdPattern = '([a-zA-Z0-9-_.]+)';
export const actionPattern = '(lambda:[*]|lambda:[a-zA-Z]+|[*])';
export const principalPattern = '[^\\s]+';
export const sourceArnPattern = 'arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)';
export const sourceAccountPattern = '\\d{12}';
export const eventSourceTokenPattern = '[a-zA-Z0-9._\\-]+';
export const eventSourceTokenMaxLength = 256;
export const principalOrgIdPattern = 'o-[a-z0-9]{10,32}';
export const permissionQualifierPattern = '\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+';
export const functionUrlAuthTypes: readonly string[] = ['NONE', 'AWS_IAM'];

const whole = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);
const statementIdRegex = whole(statementIdPattern);
const removeStatementIdRegex = whole(removeStatementIdPattern);
const actionRegex = whole(actionPattern);
const principalRegex = whole(principalPattern);
const sourceArnRegex = whole(sourceArnPattern);
const sourceAccountRegex = whole(sourceAccountPattern);
const eventSourceTokenRegex = whole(eventSourceTokenPattern);
const principalOrgIdRegex = whole(principalOrgIdPattern);
const qualifierRegex = whole(permissionQualifierPattern);
const accountIdRegex = /^\d{12}$/;
const iamArnRegex = /^arn:aws[a-zA-Z-]*:(iam|sts)::\d{12}:.+$/;
/** A service principal: a domain that AWS owns (s3.amazonaws.com, logs.us-east-1.amazonaws.com, alexa-appkit.amazon.com). */
const servicePrincipalRegex = /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com|amazonaws\.com\.cn|amazon\.com)$/;

/** What an AddPermission request asks for; undefined members were not given. */
export interface PermissionRequest {
	statementId?: string;
	action?: string;
	principal?: string;
	sourceArn?: string;
	sourceAccount?: string;
	eventSourceToken?: string;
	principalOrgId?: string;
	functionUrlAuthType?: string;
	invokedViaFunctionUrl?: boolean;
}

export type PolicyPrincipal = '*' | {Service: string} | {AWS: string};

/** One statement of the document, with its members in Lambda's order. */
export interface PolicyStatementDocument {
	Sid: string;
	Effect: 'Allow';
	Principal: PolicyPrincipal;
	Action: string;
	Resource: string;
	Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
	Version: '2012-10-17';
	Id: 'default';
	Statement: PolicyStatementDocument[];
}

// ---- Lambda's checks --------------------------------------------------------

function patternProblem(member: string, value: string, pattern: string): Problem {
	return constraintProblem(member, value, `Member must satisfy regular expression pattern: ${pattern}`);
}

function maxLengthProblem(member: string, value: string, max: number): Problem {
	return constraintProblem(member, value, `Member must have length less than or equal to ${max}`);
}

function minLengthProblem(member: string, value: string, min: number): Problem {
	return constraintProblem(member, value, `Member must have length greater than or equal to ${min}`);
}

function required(member: string, value: string | undefined): Problem[] {
	return value === undefined ? [constraintProblem(member, undefined, 'Member must not be null')] : [];
}

/** A Qualifier of AddPermission, RemovePermission or GetPolicy, as the model constrains it. */
export function checkPermissionQualifier(qualifier: string): Problem[] {
	const problems: Problem[] = [];
	if (qualifier.length > 128) problems.push(maxLengthProblem('qualifier', qualifier, 128));
	if (qualifier.length < 1) problems.push(minLengthProblem('qualifier', qualifier, 1));
	else if (!qualifierRegex.test(qualifier)) problems.push(patternProblem('qualifier', qualifier, permissionQualifierPattern));
	return problems;
}

function checkStatementIdWith(statementId: string | undefined, regex: RegExp, pattern: string): Problem[] {
	if (statementId === undefined) return required('statementId', statementId);
	const problems: Problem[] = [];
	if (statementId.length > statementIdMaxLength) problems.push(maxLengthProblem('statementId', statementId, statementIdMaxLength));
	if (statementId.length < 1) problems.push(minLengthProblem('statementId', statementId, 1));
	if (!regex.test(statementId)) problems.push(patternProblem('statementId', statementId, pattern));
	return problems;
}

/** RemovePermission's StatementId (it may hold dots, which AddPermission's may not). */
export function checkRemoveStatementId(statementId: string): Problem[] {
	return checkStatementIdWith(statementId, removeStatementIdRegex, removeStatementIdPattern);
}

/** The model's constraints on an AddPermission request, all at once (ValidationException). */
export function checkPermissionRequest(request: PermissionRequest): Problem[] {
	const problems: Problem[] = [...checkStatementIdWith(request.statementId, statementIdRegex, statementIdPattern)];
	if (request.action === undefined) problems.push(...required('action', request.action));
	else if (!actionRegex.test(request.action)) problems.push(patternProblem('action', request.action, actionPattern));
	if (request.principal === undefined) problems.push(...required('principal', request.principal));
	else if (!principalRegex.test(request.principal)) problems.push(patternProblem('principal', request.principal, principalPattern));
	if (request.sourceArn !== undefined && !sourceArnRegex.test(request.sourceArn)) {
		problems.push(patternProblem('sourceArn', request.sourceArn, sourceArnPattern));
	}
	if (request.sourceAccount !== undefined) {
		if (request.sourceAccount.length > 12) problems.push(maxLengthProblem('sourceAccount', request.sourceAccount, 12));
		if (!sourceAccountRegex.test(request.sourceAccount)) problems.push(patternProblem('sourceAccount', request.sourceAccount, sourceAccountPattern));
	}
	if (request.eventSourceToken !== undefined) {
		if (request.eventSourceToken.length > eventSourceTokenMaxLength) {
			problems.push(maxLengthProblem('eventSourceToken', request.eventSourceToken, eventSourceTokenMaxLength));
		}
		if (!eventSourceTokenRegex.test(request.eventSourceToken)) {
			problems.push(patternProblem('eventSourceToken', request.eventSourceToken, eventSourceTokenPattern));
		}
	}
	if (request.principalOrgId !== undefined) {
		if (request.principalOrgId.length > 34) problems.push(maxLengthProblem('principalOrgID', request.principalOrgId, 34));
		if (request.principalOrgId.length < 12) problems.push(minLengthProblem('principalOrgID', request.principalOrgId, 12));
		if (!principalOrgIdRegex.test(request.principalOrgId)) problems.push(patternProblem('principalOrgID', request.principalOrgId, principalOrgIdPattern));
	}
	if (request.functionUrlAuthType !== undefined && !functionUrlAuthTypes.includes(request.functionUrlAuthType)) {
		problems.push(
			constraintProblem('functionUrlAuthType', request.functionUrlAuthType, `Member must satisfy enum value set: [${functionUrlAuthTypes.join(', ')}]`),
		);
	}
	return problems;
}

/** The Principal element of a statement for this Principal member; undefined when Lambda refuses it. */
export function policyPrincipal(principal: string, partition = 'aws'): PolicyPrincipal | undefined {
	if (principal === '*') return '*';
	if (accountIdRegex.test(principal)) return {AWS: `arn:${partition}:iam::${principal}:root`};
	if (iamArnRegex.test(principal)) return {AWS: principal};
	if (servicePrincipalRegex.test(principal)) return {Service: principal};
	return undefined;
}

export const invalidPrincipalMessage = 'The provided principal was invalid. Please check the principal and try again.';

/** Lambda's own rule on the principal, once the model's constraints hold. */
export function checkPrincipal(principal: string): Problem[] {
	return policyPrincipal(principal) === undefined ? [parameterProblem('principal', invalidPrincipalMessage)] : [];
}

/** The statement AddPermission adds for this request (whose members passed the checks) on this resource. */
export function buildStatement(resource: string, request: PermissionRequest & {statementId: string; action: string; principal: string}): PolicyStatementDocument {
	const principal = policyPrincipal(request.principal);
	if (principal === undefined) throw new Error(invalidPrincipalMessage);
	const statement: PolicyStatementDocument = {Sid: request.statementId, Effect: 'Allow', Principal: principal, Action: request.action, Resource: resource};
	const condition: Record<string, Record<string, string>> = {};
	const stringEquals: Record<string, string> = {};
	if (request.functionUrlAuthType !== undefined) stringEquals['lambda:FunctionUrlAuthType'] = request.functionUrlAuthType;
	if (request.principalOrgId !== undefined) stringEquals['aws:PrincipalOrgID'] = request.principalOrgId;
	if (request.sourceAccount !== undefined) stringEquals['AWS:SourceAccount'] = request.sourceAccount;
	if (request.eventSourceToken !== undefined) stringEquals['lambda:EventSourceToken'] = request.eventSourceToken;
	if (Object.keys(stringEquals).length > 0) condition['StringEquals'] = stringEquals;
	if (request.invokedViaFunctionUrl !== undefined) condition['Bool'] = {'lambda:InvokedViaFunctionUrl': String(request.invokedViaFunctionUrl)};
	if (request.sourceArn !== undefined) condition['ArnLike'] = {'AWS:SourceArn': request.sourceArn};
	if (Object.keys(condition).length > 0) statement.Condition = condition;
	return statement;
}

export function policyDocument(statements: readonly PolicyStatementDocument[]): PolicyDocument {
	return {Version: '2012-10-17', Id: 'default', Statement: [...statements]};
}

/** The size Lambda counts against policySizeMax: the document as JSON, bytes. */
export function policySize(statements: readonly PolicyStatementDocument[]): number {
	return Buffer.byteLength(JSON.stringify(policyDocument(statements)), 'utf8');
}

// ---- reading a policy back ---------------------------------------------------

export type StatementPrincipal =
	| {kind: 'anyone'}
	| {kind: 'service'; service: string}
	| {kind: 'account'; accountId: string}
	| {kind: 'arn'; arn: string}
	| {kind: 'other'; text: string};

/** A statement of a function's policy, in plain terms. */
export interface PermissionStatement {
	sid: string;
	effect: 'Allow' | 'Deny';
	/** Who the statement is about (the first, when a statement names several). */
	principals: StatementPrincipal[];
	actions: string[];
	resource: string;
	/** ArnLike / ArnEquals AWS:SourceArn */
	sourceArn?: string;
	sourceAccount?: string;
	principalOrgId?: string;
	eventSourceToken?: string;
	functionUrlAuthType?: string;
	invokedViaFunctionUrl?: boolean;
	/** Conditions this module does not read, as "Operator key value". */
	otherConditions: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === 'string');
	if (typeof value === 'boolean' || typeof value === 'number') return [String(value)];
	return [];
}

function principalOf(text: string, key: string): StatementPrincipal {
	if (text === '*') return {kind: 'anyone'};
	if (key === 'Service') return {kind: 'service', service: text};
	if (accountIdRegex.test(text)) return {kind: 'account', accountId: text};
	const root = /^arn:aws[a-zA-Z-]*:iam::(\d{12}):root$/.exec(text);
	if (root?.[1] !== undefined) return {kind: 'account', accountId: root[1]};
	if (text.startsWith('arn:')) return {kind: 'arn', arn: text};
	return {kind: 'other', text};
}

function principalsOf(value: unknown): StatementPrincipal[] {
	if (value === '*') return [{kind: 'anyone'}];
	if (!isObject(value)) return [];
	const principals: StatementPrincipal[] = [];
	for (const [key, entry] of Object.entries(value)) for (const text of strings(entry)) principals.push(principalOf(text, key));
	return principals;
}

/** The conditions of a statement, read into the statement. */
function readConditions(statement: PermissionStatement, condition: unknown): void {
	if (!isObject(condition)) return;
	for (const [operator, entries] of Object.entries(condition)) {
		if (!isObject(entries)) continue;
		for (const [key, raw] of Object.entries(entries)) {
			const values = strings(raw);
			const value = values.length === 1 ? values[0] : undefined;
			const lower = key.toLowerCase();
			if (value !== undefined && (operator === 'ArnLike' || operator === 'ArnEquals') && lower === 'aws:sourcearn') statement.sourceArn = value;
			else if (value !== undefined && operator === 'StringEquals' && lower === 'aws:sourceaccount') statement.sourceAccount = value;
			else if (value !== undefined && operator === 'StringEquals' && lower === 'aws:principalorgid') statement.principalOrgId = value;
			else if (value !== undefined && operator === 'StringEquals' && lower === 'lambda:eventsourcetoken') statement.eventSourceToken = value;
			else if (value !== undefined && operator === 'StringEquals' && lower === 'lambda:functionurlauthtype') statement.functionUrlAuthType = value;
			else if (value !== undefined && operator === 'Bool' && lower === 'lambda:invokedviafunctionurl') statement.invokedViaFunctionUrl = value === 'true';
			else statement.otherConditions.push(`${operator} ${key} ${values.join(', ')}`);
		}
	}
}

/** One statement of a policy document; undefined when it is not an object. */
export function readStatement(value: unknown): PermissionStatement | undefined {
	if (!isObject(value)) return undefined;
	const statement: PermissionStatement = {
		sid: typeof value['Sid'] === 'string' ? value['Sid'] : '',
		effect: value['Effect'] === 'Deny' ? 'Deny' : 'Allow',
		principals: principalsOf(value['Principal']),
		actions: strings(value['Action']),
		resource: strings(value['Resource']).join(', '),
		otherConditions: [],
	};
	readConditions(statement, value['Condition']);
	return statement;
}

/** The statements of a policy document (GetPolicy's Policy); an Error when the text is not a policy. */
export function parsePolicy(text: string): PermissionStatement[] {
	let document: unknown;
	try {
		document = JSON.parse(text);
	} catch (error) {
		throw new Error(`The policy is not JSON: ${(error as Error).message}`);
	}
	if (!isObject(document)) throw new Error('The policy is not a JSON object.');
	const raw = document['Statement'];
	const list: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
	return list.map(readStatement).filter((statement): statement is PermissionStatement => statement !== undefined);
}

// ---- one English line a statement -------------------------------------------

const serviceNames: Readonly<Record<string, string>> = {
	's3.amazonaws.com': 'Amazon S3',
	'sns.amazonaws.com': 'Amazon SNS',
	'sqs.amazonaws.com': 'Amazon SQS',
	'events.amazonaws.com': 'Amazon EventBridge',
	'scheduler.amazonaws.com': 'EventBridge Scheduler',
	'apigateway.amazonaws.com': 'Amazon API Gateway',
	'elasticloadbalancing.amazonaws.com': 'Elastic Load Balancing',
	'logs.amazonaws.com': 'CloudWatch Logs',
	'iot.amazonaws.com': 'AWS IoT',
	'cognito-idp.amazonaws.com': 'Amazon Cognito',
	'cognito-sync.amazonaws.com': 'Amazon Cognito Sync',
	'dynamodb.amazonaws.com': 'Amazon DynamoDB',
	'kinesis.amazonaws.com': 'Amazon Kinesis',
	'lambda.amazonaws.com': 'AWS Lambda',
	'states.amazonaws.com': 'AWS Step Functions',
	'secretsmanager.amazonaws.com': 'AWS Secrets Manager',
	'config.amazonaws.com': 'AWS Config',
	'ses.amazonaws.com': 'Amazon SES',
	'cloudformation.amazonaws.com': 'AWS CloudFormation',
	'codecommit.amazonaws.com': 'AWS CodeCommit',
	'appsync.amazonaws.com': 'AWS AppSync',
	'bedrock.amazonaws.com': 'Amazon Bedrock',
	'lex.amazonaws.com': 'Amazon Lex',
	'connect.amazonaws.com': 'Amazon Connect',
	'alexa-appkit.amazon.com': 'Alexa Skills Kit',
	'alexa-connectedhome.amazon.com': 'Alexa Smart Home',
	'edgelambda.amazonaws.com': 'Lambda@Edge',
};

/** A service principal's name as a person knows it ("Amazon S3"); regional ones (logs.eu-west-1.amazonaws.com) too. */
export function serviceName(principal: string): string | undefined {
	const known = serviceNames[principal];
	if (known !== undefined) return known;
	const regional = /^([a-z0-9-]+)\.[a-z]{2}(-gov)?-[a-z]+-\d\.amazonaws\.com$/.exec(principal);
	return regional?.[1] === undefined ? undefined : serviceNames[`${regional[1]}.amazonaws.com`];
}

function describePrincipal(principal: StatementPrincipal | undefined): string {
	if (principal === undefined) return 'Nobody named';
	switch (principal.kind) {
		case 'anyone':
			return 'Anyone (*)';
		case 'service': {
			const name = serviceName(principal.service);
			return name === undefined ? `The service ${principal.service}` : `${name} (${principal.service})`;
		}
		case 'account':
			return `Account ${principal.accountId}`;
		case 'arn': {
			const iam = /^arn:aws[a-zA-Z-]*:iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(principal.arn);
			if (iam?.[1] !== undefined && iam[3] !== undefined) return `The IAM ${iam[2] ?? 'role'} ${iam[3]} of account ${iam[1]}`;
			return principal.arn;
		}
		case 'other':
			return principal.text;
	}
}

function describeAction(action: string, statement: PermissionStatement): string {
	switch (action) {
		case 'lambda:InvokeFunction':
			return 'invoke this function';
		case 'lambda:InvokeFunctionUrl':
			return statement.functionUrlAuthType === undefined ? 'invoke the function URL' : `invoke the function URL (auth type ${statement.functionUrlAuthType})`;
		case 'lambda:GetFunction':
			return 'read this function (its configuration and code)';
		case 'lambda:*':
		case '*':
			return 'call every Lambda action on this function';
		default:
			return `call ${action} on this function`;
	}
}

function joinAnd(parts: readonly string[]): string {
	if (parts.length <= 1) return parts.join('');
	return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}

/** The conditions of a statement, each as a clause ("the source account is 123456789012"). */
export function conditionClauses(statement: PermissionStatement): string[] {
	const clauses: string[] = [];
	if (statement.sourceArn !== undefined) {
		clauses.push(/[*?]/.test(statement.sourceArn) ? `the source matches ${statement.sourceArn}` : `the source is ${statement.sourceArn}`);
	}
	if (statement.sourceAccount !== undefined) clauses.push(`the source account is ${statement.sourceAccount}`);
	if (statement.principalOrgId !== undefined) clauses.push(`the caller is in the organization ${statement.principalOrgId}`);
	if (statement.eventSourceToken !== undefined) clauses.push(`the caller presents the event source token ${statement.eventSourceToken}`);
	if (statement.invokedViaFunctionUrl === true) clauses.push('it is invoked through the function URL');
	if (statement.invokedViaFunctionUrl === false) clauses.push('it is not invoked through the function URL');
	for (const other of statement.otherConditions) clauses.push(`the condition ${other} holds`);
	return clauses;
}

/**
 * "Who may do what, under which condition", in one line: "Amazon S3
 * (s3.amazonaws.com) may invoke this function when the source is
 * arn:aws:s3:::uploads and the source account is 123456789012".
 */
export function describeStatement(statement: PermissionStatement): string {
	const who = joinAnd(statement.principals.map(describePrincipal)) || 'Nobody named';
	const actions = statement.actions.length === 0 ? ['(no action)'] : statement.actions;
	const what = joinAnd(actions.map((action) => describeAction(action, statement)));
	const clauses = conditionClauses(statement);
	const modal = statement.effect === 'Deny' ? 'may not' : 'may';
	return `${who} ${modal} ${what}${clauses.length === 0 ? '' : ` when ${joinAnd(clauses)}`}`;
}

// ---- the console's form ------------------------------------------------------

/** An AddPermission form's problems, each saying what is allowed; empty when it can be sent. */
export function checkPermissionForm(request: PermissionRequest): string[] {
	const problems: string[] = [];
	const sid = request.statementId ?? '';
	if (sid === '') problems.push('Give the statement an ID: letters, digits, - and _.');
	else if (sid.length > statementIdMaxLength || !statementIdRegex.test(sid)) {
		problems.push(`'${sid}' is not a statement ID: use up to ${statementIdMaxLength} letters, digits, - and _.`);
	}
	const action = request.action ?? '';
	if (action === '') problems.push('Choose an action, like lambda:InvokeFunction.');
	else if (!actionRegex.test(action)) problems.push(`'${action}' is not a Lambda action: write lambda: and the API name (lambda:InvokeFunction), lambda:* or *.`);
	const principal = request.principal ?? '';
	if (principal === '') problems.push('Say who may act: an account ID, an IAM ARN, a service like s3.amazonaws.com, or * for anyone.');
	else if (!principalRegex.test(principal) || policyPrincipal(principal) === undefined) {
		problems.push(`'${principal}' is not a principal: give a 12-digit account ID, an IAM ARN, a service like s3.amazonaws.com, or *.`);
	}
	if (request.sourceArn !== undefined && request.sourceArn !== '' && !sourceArnRegex.test(request.sourceArn)) {
		problems.push(`'${request.sourceArn}' is not an ARN: write it as arn:aws:<service>:<region>:<account>:<resource>, like arn:aws:s3:::my-bucket.`);
	}
	if (request.sourceAccount !== undefined && request.sourceAccount !== '' && !sourceAccountRegex.test(request.sourceAccount)) {
		problems.push(`'${request.sourceAccount}' is not an account ID: write its 12 digits.`);
	}
	if (request.principalOrgId !== undefined && request.principalOrgId !== '' && !principalOrgIdRegex.test(request.principalOrgId)) {
		problems.push(`'${request.principalOrgId}' is not an organization ID: write o- and 10 to 32 lowercase letters or digits.`);
	}
	if (request.eventSourceToken !== undefined && request.eventSourceToken !== '') {
		if (request.eventSourceToken.length > eventSourceTokenMaxLength || !eventSourceTokenRegex.test(request.eventSourceToken)) {
			problems.push(`The event source token can hold up to ${eventSourceTokenMaxLength} letters, digits, ., _ and -.`);
		}
	}
	if (request.functionUrlAuthType !== undefined && request.functionUrlAuthType !== '' && !functionUrlAuthTypes.includes(request.functionUrlAuthType)) {
		problems.push(`The function URL auth type is NONE or AWS_IAM, not '${request.functionUrlAuthType}'.`);
	}
	if (action === 'lambda:InvokeFunctionUrl' && (request.functionUrlAuthType ?? '') === '') {
		problems.push('A permission for the function URL needs its auth type: NONE or AWS_IAM, as the URL is configured.');
	}
	return problems;
}
