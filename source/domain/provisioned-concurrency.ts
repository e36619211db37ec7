// Provisioned concurrency, pure: the model's constraints on
// ProvisionedConcurrentExecutions, Qualifier and MaxItems, Lambda's rules on
// what may have provisioned concurrency (a published version or an alias
// pointing to one, never $LATEST, not a weighted alias, not an alias and the
// version it points to at once) and how much (within the function's reserved
// concurrency, or leaving the account at least 100 unreserved executions), in
// Lambda's words. The local Lambda's API and the console's form both check
// with these.

import {accountConcurrentExecutions, unreservedConcurrencyMin} from './limits.js';
import {constraintProblem as constraint, isQualifier, parameterProblem as parameter, qualifierMaxLength, qualifierPattern, type Problem} from './validate.js';

/** ProvisionedConcurrentExecutions: PositiveInteger (at least 1). */
export const provisionedConcurrentExecutionsMin = 1;
/** ListProvisionedConcurrencyConfigs: MaxItems 1-50 (MaxProvisionedConcurrencyConfigListItems). */
export const listProvisionedConcurrencyConfigsPageMax = 50;

/** The status of an allocation (ProvisionedConcurrencyStatusEnum). */
export type ProvisionedConcurrencyStatus = 'IN_PROGRESS' | 'READY' | 'FAILED';
/** The StatusReason of an allocation whose environments' init failed. */
export const initFailureReason = 'FUNCTION_ERROR_INIT_FAILURE';

export type ProvisionedOperation = 'put' | 'get' | 'delete';

export const unpublishedVersionMessage = 'Provisioned Concurrency Configs cannot be applied to unpublished function versions.';
export const notAliasOrVersionMessage = 'The function resource provided must be an alias or a published version.';
export const weightedAliasMessage = 'Alias with weights can not be used with Provisioned Concurrency';
export const aliasOnProvisionedVersionMessage = "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version";
export const versionOfProvisionedAliasMessage = 'Version is pointed by a Provisioned Concurrency alias';
export const configNotFoundMessage = 'No Provisioned Concurrency Config found for this function';



/** A version number ("1", "2", ...), as opposed to an alias name. */
export function isVersionQualifier(qualifier: string): boolean {
	return /^[0-9]+$/.test(qualifier);
}

/** The model's constraints on ProvisionedConcurrentExecutions. */
export function checkProvisionedConcurrentExecutions(value: number | undefined): Problem[] {
	if (value === undefined) return [constraint('provisionedConcurrentExecutions', undefined, 'Member must not be null')];
	if (!Number.isInteger(value) || value < provisionedConcurrentExecutionsMin) {
		return [
			constraint(
				'provisionedConcurrentExecutions',
				value,
				`Member must have value greater than or equal to ${provisionedConcurrentExecutionsMin}`,
			),
		];
	}
	return [];
}

/** The model's constraints on the Qualifier (required by Put, Get and Delete). */
export function checkProvisionedQualifier(value: string | undefined): Problem[] {
	if (value === undefined) return [constraint('qualifier', undefined, 'Member must not be null')];
	const problems: Problem[] = [];
	if (value.length < 1) problems.push(constraint('qualifier', value, 'Member must have length greater than or equal to 1'));
	if (value.length > qualifierMaxLength) {
		problems.push(constraint('qualifier', value, `Member must have length less than or equal to ${qualifierMaxLength}`));
	}
	if (!isQualifier(value)) {
		problems.push(constraint('qualifier', value, `Member must satisfy regular expression pattern: ${qualifierPattern}`));
	}
	return problems;
}

/** $LATEST never has provisioned concurrency: Put refuses it in its words, Get and Delete in theirs. */
export function checkProvisionedQualifierKind(qualifier: string, operation: ProvisionedOperation): Problem[] {
	if (qualifier !== '$LATEST') return [];
	return [parameter('qualifier', operation === 'put' ? unpublishedVersionMessage : notAliasOrVersionMessage)];
}

/** An alias may have provisioned concurrency when it points to a published version, without weights. */
export function checkProvisionedAlias(functionVersion: string, additionalVersionWeights: Readonly<Record<string, number>> | undefined): Problem[] {
	if (functionVersion === '$LATEST') return [parameter('qualifier', unpublishedVersionMessage)];
	if (additionalVersionWeights !== undefined && Object.keys(additionalVersionWeights).length > 0) {
		return [parameter('qualifier', weightedAliasMessage)];
	}
	return [];
}

/** What the rest of the account and the function already hold, for a request's budget. */
export interface ProvisionedBudget {
	/** The function's reserved concurrency; undefined: it draws on the unreserved pool. */
	reservedConcurrency?: number;
	/** Provisioned concurrency of the function's other versions and aliases. */
	otherProvisionedOfFunction: number;
	/** The sum of every function's reserved concurrency. */
	reservedTotal: number;
	/**
	 * Provisioned concurrency drawn on the unreserved pool by every other
	 * configuration (of functions without reserved concurrency), this
	 * function's other versions and aliases included.
	 */
	otherUnreservedProvisioned: number;
	/** The account's concurrency limit (default 1000). */
	accountLimit?: number;
}

/**
 * Provisioned concurrency counts against the function's reserved concurrency
 * when it has some, else against the account's unreserved pool, which keeps
 * at least 100 executions.
 */
export function checkProvisionedConcurrencyBudget(requested: number, budget: ProvisionedBudget): Problem[] {
	const accountLimit = budget.accountLimit ?? accountConcurrentExecutions;
	if (budget.reservedConcurrency !== undefined) {
		if (budget.otherProvisionedOfFunction + requested > budget.reservedConcurrency) {
			return [
				parameter(
					'provisionedConcurrentExecutions',
					'Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function',
				),
			];
		}
		return [];
	}
	if (requested > accountLimit) {
		return [
			parameter(
				'provisionedConcurrentExecutions',
				`Specified ConcurrentExecutions for function is greater than account's unreserved concurrency [${accountLimit}].`,
			),
		];
	}
	if (accountLimit - budget.reservedTotal - budget.otherUnreservedProvisioned - requested < unreservedConcurrencyMin) {
		return [
			parameter(
				'provisionedConcurrentExecutions',
				`Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${unreservedConcurrencyMin}].`,
			),
		];
	}
	return [];
}

/** The most provisioned concurrency this version or alias may request (0: none). */
export function maxProvisionedConcurrency(budget: ProvisionedBudget): number {
	const accountLimit = budget.accountLimit ?? accountConcurrentExecutions;
	if (budget.reservedConcurrency !== undefined) return Math.max(0, budget.reservedConcurrency - budget.otherProvisionedOfFunction);
	return Math.max(0, Math.min(accountLimit, accountLimit - budget.reservedTotal - budget.otherUnreservedProvisioned - unreservedConcurrencyMin));
}

/** The model's constraints on ListProvisionedConcurrencyConfigs' MaxItems. */
export function checkProvisionedListMaxItems(value: number): Problem[] {
	const problems: Problem[] = [];
	if (value < 1) problems.push(constraint('maxItems', value, 'Member must have value greater than or equal to 1'));
	if (value > listProvisionedConcurrencyConfigsPageMax) {
		problems.push(constraint('maxItems', value, `Member must have value less than or equal to ${listProvisionedConcurrencyConfigsPageMax}`));
	}
	return problems;
}

/** Lambda's LastModified of a provisioned concurrency configuration: 2019-12-31T20:28:49+0000 (seconds, no fraction). */
export function provisionedLastModified(date: Date): string {
	return `${date.toISOString().slice(0, 19)}+0000`;
}
