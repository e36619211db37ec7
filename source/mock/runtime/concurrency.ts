// Concurrency as Lambda counts it: a function with reserved concurrency
// runs at most that many invocations at once (reserved 0: none, it is
// throttled); every other function draws on the unreserved pool, the
// account's limit less all reservations. Admission is synchronous, so N
// invocations started together against K places see exactly N - K throttles.

import {ThrottleError} from './types.js';

export interface Admission {
	functionName: string;
	/** The pool the invocation was counted in, kept so its release matches even if the reservation changes meanwhile. */
	pool: 'reserved' | 'unreserved';
}

export class ConcurrencyLedger {
	private readonly byFunction = new Map<string, number>();
	private unreserved = 0;
	private total = 0;

	/** Counts one more invocation, or throws ThrottleError when there is no room for it. */
	admit(functionName: string, reservedConcurrency: number | undefined, accountLimit: number, reservedTotal: number): Admission {
		const running = this.byFunction.get(functionName) ?? 0;
		let pool: Admission['pool'];
		if (reservedConcurrency !== undefined) {
			if (running >= reservedConcurrency) throw new ThrottleError('ReservedFunctionConcurrentInvocationLimitExceeded');
			pool = 'reserved';
		} else {
			if (this.unreserved >= Math.max(0, accountLimit - reservedTotal)) throw new ThrottleError('ConcurrentInvocationLimitExceeded');
			pool = 'unreserved';
			this.unreserved += 1;
		}
		this.byFunction.set(functionName, running + 1);
		this.total += 1;
		return {functionName, pool};
	}

	release(admission: Admission): void {
		const running = (this.byFunction.get(admission.functionName) ?? 1) - 1;
		if (running <= 0) this.byFunction.delete(admission.functionName);
		else this.byFunction.set(admission.functionName, running);
		if (admission.pool === 'unreserved') this.unreserved -= 1;
		this.total -= 1;
	}

	running(functionName?: string): number {
		return functionName === undefined ? this.total : (this.byFunction.get(functionName) ?? 0);
	}
}
