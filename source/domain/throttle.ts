// Throttling a function is setting its reserved concurrency to 0, exactly what
// the Lambda console's Throttle button does. To unthrottle to what it had
// before, lambdash remembers the earlier setting in a tag on the function
// itself, so any machine (another engineer's console, a runbook) restores it.

/** The tag that holds the reserved concurrency a throttled function had before. */
export const throttleRestoreTag = 'lambdash:throttled-from';
const unreserved = 'unreserved';

/** What a function's concurrency goes back to when it is unthrottled. */
export type ConcurrencyRestore = {kind: 'unreserved'} | {kind: 'reserved'; value: number};

export function isThrottled(reservedConcurrency: number | undefined): boolean {
	return reservedConcurrency === 0;
}

export function encodeRestore(reservedConcurrency: number | undefined): string {
	return reservedConcurrency === undefined ? unreserved : String(reservedConcurrency);
}

/** The restore point a tag holds; a missing or unreadable tag means "no reservation", as the console's own unthrottle leaves it. */
export function decodeRestore(tagValue: string | undefined): ConcurrencyRestore {
	if (tagValue !== undefined && /^[1-9]\d{0,5}$/.test(tagValue)) {
		return {kind: 'reserved', value: Number(tagValue)};
	}
	return {kind: 'unreserved'};
}

export function describeRestore(restore: ConcurrencyRestore): string {
	return restore.kind === 'unreserved'
		? 'no reservation'
		: `reserved concurrency ${restore.value}`;
}

/** Reserved concurrency as a short cell: "-" for none, "throttled" for 0, else the number. */
export function concurrencyLabel(reservedConcurrency: number | undefined): string {
	if (reservedConcurrency === undefined) return '-';
	if (reservedConcurrency === 0) return 'throttled';
	return String(reservedConcurrency);
}
