// What calls a function and where its results go, read for the Overview in
// one go: its event source mappings, its resource-based policy (the push
// triggers), its asynchronous invocation destinations and its function URL.
// Each is read on its own, so one that fails (a missing permission) leaves
// the others to be drawn, and says what failed.
import type {Clients} from './clients.js';
import {describeAwsError} from './errors.js';
import {getEventInvokeConfig, type EventInvokeConfig} from './event-invoke-config.js';
import {listMappings, type EventSourceMapping} from './event-source-mappings.js';
import {getUrlConfig, type UrlConfig} from './function-url.js';
import {getPolicy, type FunctionPolicy} from './permissions.js';

export interface FunctionLinks {
	mappings: EventSourceMapping[];
	policy: FunctionPolicy;
	asyncConfig: EventInvokeConfig | undefined;
	url: UrlConfig | undefined;
	/** What could not be read, each as "the policy: <what to do>"; the rest is still there. */
	problems: string[];
}

export async function getFunctionLinks(clients: Clients, name: string, signal?: AbortSignal): Promise<FunctionLinks> {
	const [mappings, policy, asyncConfig, url] = await Promise.allSettled([
		listMappings(clients, name, signal),
		getPolicy(clients, name, undefined, signal),
		getEventInvokeConfig(clients, name, undefined, signal),
		getUrlConfig(clients, name, undefined, signal),
	]);
	if (signal?.aborted) throw signal.reason;
	const problems: string[] = [];
	const value = <T>(result: PromiseSettledResult<T>, what: string): T | undefined => {
		if (result.status === 'fulfilled') return result.value;
		problems.push(`${what}: ${describeAwsError(result.reason, clients.endpoint)}`);
		return undefined;
	};
	return {
		mappings: value(mappings, 'the event source mappings') ?? [],
		policy: value(policy, 'the resource-based policy') ?? {statements: [], revisionId: undefined},
		asyncConfig: value(asyncConfig, 'the asynchronous invocation settings'),
		url: value(url, 'the function URL'),
		problems,
	};
}
