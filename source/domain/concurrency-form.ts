// What a person types into the console's Concurrency forms, checked before
// anything is sent: a whole number, the function's reserved concurrency and
// a version's or alias's provisioned concurrency. Lambda's rules are in
// validate.ts (reserved) and provisioned-concurrency.ts (provisioned); the
// messages here name the range the account leaves.

import {unreservedConcurrencyMin} from './limits.js';
import {
	checkProvisionedConcurrencyBudget,
	checkProvisionedConcurrentExecutions,
	maxProvisionedConcurrency,
	type ProvisionedBudget,
} from './provisioned-concurrency.js';
import {checkReservedConcurrency, maxReservedConcurrency} from './validate.js';

/** A whole number of at most 9 digits ("25", " 25 "), or undefined. */
export function wholeNumber(text: string): number | undefined {
	const trimmed = text.trim();
	return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** Reserved concurrency typed in the form: a message naming the range, or undefined. */
export function reservedConcurrencyProblem(text: string, reservedByOthers: number, accountLimit: number): string | undefined {
	const value = wholeNumber(text);
	const ok = value !== undefined && checkReservedConcurrency(value, reservedByOthers, accountLimit).length === 0;
	const max = maxReservedConcurrency(reservedByOthers, accountLimit);
	return ok ? undefined : `A whole number from 0 to ${max}: the account keeps ${unreservedConcurrencyMin} unreserved`;
}

/** The most provisioned concurrency a version or alias may ask for, and the sentence that says so. */
export function provisionedRangeFor(budget: ProvisionedBudget): {max: number; text: string} {
	const max = maxProvisionedConcurrency(budget);
	const reserved = budget.reservedConcurrency;
	const why = reserved === undefined ? `the account keeps ${unreservedConcurrencyMin} unreserved` : `within the reserved ${reserved}`;
	if (max < 1) {
		return {
			max,
			text:
				reserved === undefined
					? `Nothing fits: the account keeps ${unreservedConcurrencyMin} unreserved`
					: `Nothing fits the reserved ${reserved}: raise the reservation first`,
		};
	}
	return {max, text: `A whole number from 1 to ${max}: ${why}`};
}

/** Provisioned concurrency typed in the form: the range's sentence when it does not fit, or undefined. */
export function provisionedProblem(text: string, budget: ProvisionedBudget): string | undefined {
	const value = wholeNumber(text);
	const problems =
		value === undefined ? ['not a number'] : [...checkProvisionedConcurrentExecutions(value), ...checkProvisionedConcurrencyBudget(value, budget)];
	return problems.length === 0 ? undefined : provisionedRangeFor(budget).text;
}
