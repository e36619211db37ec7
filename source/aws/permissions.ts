// A function's resource-based policy (its permissions): who may invoke it or
// call other Lambda actions on it, read with GetPolicy and changed with
// AddPermission and RemovePermission, for the function or one of its versions
// or aliases (the qualifier). A function without a policy is not an error
// here: it has no statements. Each statement comes back in plain terms
// (domain/resource-policy.ts), which can describe it in one English line.
import {AddPermissionCommand, GetPolicyCommand, RemovePermissionCommand, type AddPermissionCommandInput} from '@aws-sdk/client-lambda';
import {parsePolicy, readStatement, type PermissionRequest, type PermissionStatement} from '../domain/resource-policy.js';
import {cleanText} from '../domain/sanitize.js';
import type {Clients} from './clients.js';
import {errorName} from './errors.js';

export type {PermissionRequest, PermissionStatement} from '../domain/resource-policy.js';

export interface FunctionPolicy {
	statements: PermissionStatement[];
	/** The RevisionId of the function (or version, or alias) the policy was read with; undefined without a policy. */
	revisionId: string | undefined;
}

function cleanStatement(statement: PermissionStatement): PermissionStatement {
	const clean: PermissionStatement = {
		...statement,
		sid: cleanText(statement.sid),
		actions: statement.actions.map(cleanText),
		resource: cleanText(statement.resource),
		otherConditions: statement.otherConditions.map(cleanText),
		principals: statement.principals.map((principal) => {
			switch (principal.kind) {
				case 'service':
					return {kind: 'service', service: cleanText(principal.service)};
				case 'arn':
					return {kind: 'arn', arn: cleanText(principal.arn)};
				case 'other':
					return {kind: 'other', text: cleanText(principal.text)};
				default:
					return principal;
			}
		}),
	};
	for (const key of ['sourceArn', 'sourceAccount', 'principalOrgId', 'eventSourceToken', 'functionUrlAuthType'] as const) {
		const value = statement[key];
		if (value !== undefined) clean[key] = cleanText(value);
	}
	return clean;
}

function target(name: string, qualifier: string | undefined): {FunctionName: string; Qualifier?: string} {
	return qualifier === undefined ? {FunctionName: name} : {FunctionName: name, Qualifier: qualifier};
}

/** The policy of the function (or of a version or alias); no statements when it has none. */
export async function getPolicy(clients: Clients, name: string, qualifier?: string, signal?: AbortSignal): Promise<FunctionPolicy> {
	try {
		const output = await clients.lambda.send(new GetPolicyCommand(target(name, qualifier)), {abortSignal: signal});
		return {statements: parsePolicy(output.Policy ?? '{}').map(cleanStatement), revisionId: output.RevisionId};
	} catch (error) {
		// "The resource you requested does not exist.": no policy. "Function not found: ..." is a real error.
		if (errorName(error) === 'ResourceNotFoundException' && !/^Function not found/.test(error instanceof Error ? error.message : '')) {
			return {statements: [], revisionId: undefined};
		}
		throw error;
	}
}

/** The AddPermission members of a request; "" members are left out. */
function members(request: PermissionRequest): Omit<AddPermissionCommandInput, 'FunctionName' | 'Qualifier' | 'RevisionId'> {
	const input: Omit<AddPermissionCommandInput, 'FunctionName' | 'Qualifier' | 'RevisionId'> = {
		StatementId: request.statementId,
		Action: request.action,
		Principal: request.principal,
	};
	if (request.sourceArn) input.SourceArn = request.sourceArn;
	if (request.sourceAccount) input.SourceAccount = request.sourceAccount;
	if (request.eventSourceToken) input.EventSourceToken = request.eventSourceToken;
	if (request.principalOrgId) input.PrincipalOrgID = request.principalOrgId;
	if (request.functionUrlAuthType === 'NONE' || request.functionUrlAuthType === 'AWS_IAM') input.FunctionUrlAuthType = request.functionUrlAuthType;
	if (request.invokedViaFunctionUrl !== undefined) input.InvokedViaFunctionUrl = request.invokedViaFunctionUrl;
	return input;
}

export interface PermissionTarget {
	/** A version or alias; undefined: the function's own policy. */
	qualifier?: string;
	/** The RevisionId read with the policy: the change is refused (PreconditionFailedException) when someone changed it since. */
	revisionId?: string;
}

/** Adds a statement; resolves with it as Lambda wrote it. */
export async function addPermission(clients: Clients, name: string, request: PermissionRequest, where: PermissionTarget = {}): Promise<PermissionStatement> {
	const input: AddPermissionCommandInput = {...target(name, where.qualifier), ...members(request)};
	if (where.revisionId !== undefined) input.RevisionId = where.revisionId;
	const output = await clients.lambda.send(new AddPermissionCommand(input));
	let parsed: unknown;
	try {
		parsed = JSON.parse(output.Statement ?? '');
	} catch {
		parsed = undefined;
	}
	const statement = readStatement(parsed);
	if (statement === undefined) throw new Error('Lambda answered AddPermission without the statement it added.');
	return cleanStatement(statement);
}

/** Removes a statement by its ID. */
export async function removePermission(clients: Clients, name: string, statementId: string, where: PermissionTarget = {}): Promise<void> {
	await clients.lambda.send(
		new RemovePermissionCommand({
			...target(name, where.qualifier),
			StatementId: statementId,
			...(where.revisionId === undefined ? {} : {RevisionId: where.revisionId}),
		}),
	);
}
