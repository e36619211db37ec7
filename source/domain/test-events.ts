// Saved test events, as the Lambda console keeps them: a name, the event's
// JSON, and where it is stored (privately on this machine, or shareable with
// the account through the EventBridge schema registry). The rules that hold
// before anything is saved or sent.
import {formatBytes} from './format.js';
import {invokePayloadAsyncMax, invokePayloadSyncMax} from './limits.js';

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

/** Why one more private event cannot be saved; undefined when it can. */
export function privateCountProblem(events: readonly TestEvent[], movingIn: boolean): string | undefined {
	const count = events.filter((event) => event.sharing === 'private').length;
	if (movingIn && count >= privateTestEventsMax) {
		return `This function already has ${privateTestEventsMax} private events, the most the console keeps: delete one, or make this one shareable.`;
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
