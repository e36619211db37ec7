// The resource-based policy of a function on the local Lambda: AddPermission,
// RemovePermission and GetPolicy, as Lambda answers them.
//
// - One policy per qualifier: the function's own (no qualifier; $LATEST names
//   the same one for RemovePermission and GetPolicy), each version's and each
//   alias's. Statement IDs are unique within one policy. The statements' Resource
//   is the function's ARN, qualified when the policy is a version's or alias's.
// - A policy lives in the function's record (resourcePolicies) and is made
//   durable before the answer; it goes with its version or alias when that is
//   deleted (service.ts), and with the function.
// - Adding or removing a statement gives the function (or the version, or
//   the alias) a new RevisionId, and GetPolicy returns that RevisionId; a
//   RevisionId that is not the current one is a PreconditionFailedException.
// - Errors, in Lambda's order and words: the model's constraints (all at once,
//   ValidationException); "We currently do not support adding policies for
//   $LATEST."; the function, version or alias must exist ("Function not
//   found: <ARN>"; RemovePermission: "No policy found for: <ARN>"); a stale
//   RevisionId; a statement ID already there (ResourceConflictException "The
//   statement id (x) provided already exists. ..."); a principal Lambda does
//   not take ("The provided principal was invalid. ..."); a policy over 20 KB
//   (PolicyLengthExceededException "The final policy size (n) is bigger than
//   the limit (20480)."). GetPolicy of a function without one:
//   ResourceNotFoundException "The resource you requested does not exist.";
//   RemovePermission: "No policy is associated with the given resource." or
//   "Statement x is not found in resource policy.".

import {randomUUID} from 'node:crypto';
import {
	buildStatement,
	checkPermissionQualifier,
	checkPermissionRequest,
	checkPrincipal,
	checkRemoveStatementId,
	policyDocument,
	policySize,
	policySizeMax,
	type PermissionRequest,
	type PolicyStatementDocument,
} from '../../domain/resource-policy.js';
import {constraintProblem, functionNameOrArnPattern, parseFunctionReference, type Problem} from '../../domain/validate.js';
import type {FunctionRecord} from '../store/records.js';
import {LambdaError, throwProblems} from './errors.js';
import {optionalBoolean, optionalString, parseJsonObject, type JsonObject} from './input.js';
import type {LambdaService, Reply} from './service.js';

/** The policy of the function ($LATEST, the unqualified function), of a version or of an alias. */
export interface ResourcePolicyRecord {
	/** "$LATEST" for the function's own policy, a version number or an alias name. */
	qualifier: string;
	statements: PolicyStatementDocument[];
}

declare module '../store/records.js' {
	interface FunctionRecord {
		/** Resource-based policies, one per qualifier that has statements; undefined: none was ever added. */
		resourcePolicies?: ResourcePolicyRecord[];
	}
}

const revisionMismatch =
	'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id';

/** What a request's FunctionName and Qualifier name, once the function, version or alias is found. */
interface Target {
	record: FunctionRecord;
	/** "$LATEST" when no qualifier was named. */
	qualifier: string;
	/** The ARN statements name: qualified when a qualifier was named. */
	resource: string;
}

function referenceProblems(reference: string, qualifier: string | undefined): Problem[] {
	const problems: Problem[] = [];
	if (parseFunctionReference(reference) === undefined) {
		problems.push(constraintProblem('functionName', reference, `Member must satisfy regular expression pattern: ${functionNameOrArnPattern}`));
	}
	if (qualifier !== undefined) problems.push(...checkPermissionQualifier(qualifier));
	return problems;
}

/** The function, version or alias a request names (resolveQualified's ResourceNotFoundException when it does not exist). */
function locate(service: LambdaService, reference: string, qualifier: string | undefined): Target {
	const resolved = service.resolveQualified(reference, qualifier);
	const named = resolved.qualifier;
	const resource = named === undefined ? service.arn(resolved.record.name) : `${service.arn(resolved.record.name)}:${named}`;
	return {record: resolved.record, qualifier: named ?? '$LATEST', resource};
}

/** The RevisionId a policy's changes are checked against and change: the function's, the version's or the alias's. */
function revisionOf(record: FunctionRecord, qualifier: string): string {
	if (qualifier === '$LATEST') return record.revisionId;
	if (/^[0-9]+$/.test(qualifier)) return record.versions?.find((version) => version.version === qualifier)?.revisionId ?? '';
	return record.aliases?.find((alias) => alias.name === qualifier)?.revisionId ?? '';
}

/** The record with a new RevisionId for the qualifier. */
function withNewRevision(record: FunctionRecord, qualifier: string): FunctionRecord {
	const revisionId = randomUUID();
	if (qualifier === '$LATEST') return {...record, revisionId};
	if (/^[0-9]+$/.test(qualifier)) {
		return {...record, versions: record.versions?.map((version) => (version.version === qualifier ? {...version, revisionId} : version))};
	}
	return {...record, aliases: record.aliases?.map((alias) => (alias.name === qualifier ? {...alias, revisionId} : alias))};
}

function statementsOf(record: FunctionRecord, qualifier: string): PolicyStatementDocument[] {
	return record.resourcePolicies?.find((policy) => policy.qualifier === qualifier)?.statements ?? [];
}

function withStatements(record: FunctionRecord, qualifier: string, statements: PolicyStatementDocument[]): FunctionRecord {
	const others = (record.resourcePolicies ?? []).filter((policy) => policy.qualifier !== qualifier);
	const resourcePolicies = statements.length === 0 ? others : [...others, {qualifier, statements}];
	return {...record, resourcePolicies};
}

/** The record's policies without the one of this version or alias (for DeleteFunction of a version, DeleteAlias). */
export function policiesWithout(record: FunctionRecord, qualifier: string): ResourcePolicyRecord[] | undefined {
	return record.resourcePolicies?.filter((policy) => policy.qualifier !== qualifier);
}

function readRequest(object: JsonObject): PermissionRequest {
	const request: PermissionRequest = {};
	const statementId = optionalString(object, 'StatementId');
	const action = optionalString(object, 'Action');
	const principal = optionalString(object, 'Principal');
	const sourceArn = optionalString(object, 'SourceArn');
	const sourceAccount = optionalString(object, 'SourceAccount');
	const eventSourceToken = optionalString(object, 'EventSourceToken');
	const principalOrgId = optionalString(object, 'PrincipalOrgID');
	const functionUrlAuthType = optionalString(object, 'FunctionUrlAuthType');
	const invokedViaFunctionUrl = optionalBoolean(object, 'InvokedViaFunctionUrl');
	if (statementId !== undefined) request.statementId = statementId;
	if (action !== undefined) request.action = action;
	if (principal !== undefined) request.principal = principal;
	if (sourceArn !== undefined) request.sourceArn = sourceArn;
	if (sourceAccount !== undefined) request.sourceAccount = sourceAccount;
	if (eventSourceToken !== undefined) request.eventSourceToken = eventSourceToken;
	if (principalOrgId !== undefined) request.principalOrgId = principalOrgId;
	if (functionUrlAuthType !== undefined) request.functionUrlAuthType = functionUrlAuthType;
	if (invokedViaFunctionUrl !== undefined) request.invokedViaFunctionUrl = invokedViaFunctionUrl;
	return request;
}

/** AddPermission: adds a statement to the policy of the function, a version or an alias; answers with the statement. */
export async function addPermission(service: LambdaService, reference: string, qualifierParameter: string | undefined, body: Buffer): Promise<Reply> {
	const object = parseJsonObject(body);
	const request = readRequest(object);
	const revisionId = optionalString(object, 'RevisionId');
	throwProblems([...referenceProblems(reference, qualifierParameter), ...checkPermissionRequest(request)]);
	const named = qualifierParameter ?? parseFunctionReference(reference)?.qualifier;
	if (named === '$LATEST') throw new LambdaError('InvalidParameterValueException', 'We currently do not support adding policies for $LATEST.');
	const target = locate(service, reference, qualifierParameter);
	const {record, qualifier} = target;
	if (revisionId !== undefined && revisionId !== revisionOf(record, qualifier)) throw new LambdaError('PreconditionFailedException', revisionMismatch);
	const existing = statementsOf(record, qualifier);
	const statementId = request.statementId ?? '';
	if (existing.some((statement) => statement.Sid === statementId)) {
		throw new LambdaError(
			'ResourceConflictException',
			`The statement id (${statementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
		);
	}
	throwProblems(checkPrincipal(request.principal ?? ''));
	const statement = buildStatement(target.resource, {...request, statementId, action: request.action ?? '', principal: request.principal ?? ''});
	const statements = [...existing, statement];
	const size = policySize(statements);
	if (size > policySizeMax) {
		throw new LambdaError('PolicyLengthExceededException', `The final policy size (${size}) is bigger than the limit (${policySizeMax}).`);
	}
	await service.save(withNewRevision(withStatements(record, qualifier, statements), qualifier), record);
	return {status: 201, body: {Statement: JSON.stringify(statement)}};
}

/** RemovePermission: removes a statement; the policy goes when its last statement does. */
export async function removePermission(
	service: LambdaService,
	reference: string,
	statementId: string,
	qualifierParameter: string | undefined,
	revisionId: string | undefined,
): Promise<Reply> {
	throwProblems([...referenceProblems(reference, qualifierParameter), ...checkRemoveStatementId(statementId)]);
	const parsed = parseFunctionReference(reference);
	if (parsed !== undefined && service.store.get(parsed.name) === undefined) {
		throw new LambdaError('ResourceNotFoundException', `No policy found for: ${service.arn(parsed.name)}`);
	}
	const target = locate(service, reference, qualifierParameter);
	const {record, qualifier} = target;
	const existing = statementsOf(record, qualifier);
	if (existing.length === 0) throw new LambdaError('ResourceNotFoundException', 'No policy is associated with the given resource.');
	if (!existing.some((statement) => statement.Sid === statementId)) {
		throw new LambdaError('ResourceNotFoundException', `Statement ${statementId} is not found in resource policy.`);
	}
	if (revisionId !== undefined && revisionId !== '' && revisionId !== revisionOf(record, qualifier)) {
		throw new LambdaError('PreconditionFailedException', revisionMismatch);
	}
	const remaining = existing.filter((statement) => statement.Sid !== statementId);
	await service.save(withNewRevision(withStatements(record, qualifier, remaining), qualifier), record);
	return {status: 204};
}

/** GetPolicy: the policy of the function, a version or an alias, as the JSON text Lambda returns, and the RevisionId. */
export function getPolicy(service: LambdaService, reference: string, qualifierParameter: string | undefined): Reply {
	throwProblems(referenceProblems(reference, qualifierParameter));
	const target = locate(service, reference, qualifierParameter);
	const statements = statementsOf(target.record, target.qualifier);
	if (statements.length === 0) throw new LambdaError('ResourceNotFoundException', 'The resource you requested does not exist.');
	return {status: 200, body: {Policy: JSON.stringify(policyDocument(statements)), RevisionId: revisionOf(target.record, target.qualifier)}};
}
