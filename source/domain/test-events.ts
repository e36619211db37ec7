// Saved test events, as the Lambda console keeps them: a name, the event's
// JSON, and where it is stored (privately on this machine, or shareable with
// the account through the EventBridge schema registry). The rules that hold
// before anything is saved or sent, and the lines of an event's preview.
import {formatBytes} from './format.js';
import {invokePayloadAsyncMax, invokePayloadSyncMax} from './limits.js';
import {cleanLines} from './sanitize.js';

export type TestEventSharing = 'private' | 'shareable';

export interface TestEvent {
	name: string;
	/** The event, as the JSON text the user wrote. */
	json: string;
	sharing: TestEventSharing;
}

/** The console's rule for an event's name. */
export const testEventNameMaxLength = 25;
const testEventNamePattern = /^[A-Za-z0-9._-]+$/;
/** Private events the console keeps per function. */
export const privateTestEventsMax = 10;

/** Why a name cannot be used for a new or renamed event; undefined when it can. */
export function testEventNameProblem(
	name: string,
	events: readonly TestEvent[],
	sharing: TestEventSharing,
	previous?: Pick<TestEvent, 'name' | 'sharing'>,
): string | undefined {
	if (name === '') return 'Give the event a name: up to 25 letters, digits, dots, hyphens and underscores.';
	if (name.length > testEventNameMaxLength) return `The name is ${name.length} characters long: at most ${testEventNameMaxLength} are allowed.`;
	if (!testEventNamePattern.test(name)) return 'A name may hold only letters, digits, dots (.), hyphens (-) and underscores (_).';
	const isPrevious = (event: TestEvent): boolean => previous !== undefined && event.name === previous.name && event.sharing === previous.sharing;
	const taken = events.some((event) => event.sharing === sharing && event.name === name && !isPrevious(event));
	if (taken) return `There is already a ${sharing} event named ${name}: choose another name.`;
	return undefined;
}

/** Whether the function has as many private events as the console keeps: a new one can only be shareable. */
export function privateEventsFull(events: readonly TestEvent[]): boolean {
	return events.filter((event) => event.sharing === 'private').length >= privateTestEventsMax;
}

/** Why one more private event cannot be saved; undefined when it can. */
export function privateCountProblem(events: readonly TestEvent[], movingIn: boolean): string | undefined {
	if (movingIn && privateEventsFull(events)) {
		// One line of a form's message at 80 columns (at most 74 characters).
		return `${privateTestEventsMax} private events is the most: delete one, or make this one shareable.`;
	}
	return undefined;
}

/** The largest event an invocation accepts. */
export function payloadLimit(async: boolean): number {
	return async ? invokePayloadAsyncMax : invokePayloadSyncMax;
}

/** Why an event of this size cannot be sent; undefined when it can. */
export function payloadSizeProblem(json: string, async: boolean): string | undefined {
	const bytes = Buffer.byteLength(json, 'utf8');
	const limit = payloadLimit(async);
	if (bytes <= limit) return undefined;
	const kind = async ? 'an asynchronous' : 'a synchronous';
	return `The event is ${bytes} bytes (${formatBytes(bytes)}): ${kind} invocation takes at most ${limit} bytes (${formatBytes(limit)}).`;
}

/** The events of a function in the order the list shows them: by name, private before shareable for the same name. */
export function sortedEvents(events: readonly TestEvent[]): TestEvent[] {
	return [...events].sort((a, b) => a.name.localeCompare(b.name) || (a.sharing === b.sharing ? 0 : a.sharing === 'private' ? -1 : 1));
}

/** The lines of an event's text: one more than its newlines, counted without copying a 7 MB event. */
export function eventLineCount(json: string): number {
	let count = 1;
	for (let at = json.indexOf('\n'); at !== -1; at = json.indexOf('\n', at + 1)) count += 1;
	return count;
}

/**
 * The first `count` lines of an event as the preview draws them: each cut to
 * `maxLength` characters first and then cleaned of control sequences, so the
 * preview of a 7 MB event costs what a small one's does.
 */
export function eventPreviewLines(json: string, count: number, maxLength: number): string[] {
	const lines: string[] = [];
	let start = 0;
	while (lines.length < count) {
		const end = json.indexOf('\n', start);
		const stop = end === -1 ? json.length : end;
		lines.push(cleanLines(json.slice(start, Math.min(stop, start + maxLength)))[0] ?? '');
		if (end === -1) break;
		start = end + 1;
	}
	return lines;
}
