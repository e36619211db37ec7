// This session's test invocations, per function: the Test tab starts them
// here and shows them from here, so an invocation that is still running when
// the user leaves the tab (or the function) lands in the history all the same,
// and coming back shows every result of the session to compare.
import {createContext, useContext, useSyncExternalStore} from 'react';
import {describeAwsError, errorName} from '../../aws/errors.js';
import {createInvokeClient, invokeFunction} from '../../aws/invoke.js';
import {outcomeOf, type Invocation} from '../../domain/invocation-result.js';
import type {Session} from '../../session.js';

/** The client invocations go through, as aws/invoke.ts makes it (ui/ names no SDK type). */
type InvokeClient = ReturnType<typeof createInvokeClient>;

/** Results kept per function; the oldest goes first (a response may be 6 MB). */
export const historyMax = 20;

export interface InvocationRequest {
	functionName: string;
	eventName: string;
	json: string;
	qualifier: string | undefined;
	async: boolean;
}

const none: readonly Invocation[] = [];

/** How the Test tab invokes a function: kept for the session, per function. */
export interface InvocationOptions {
	async: boolean;
	/** A version or alias; undefined: $LATEST. */
	qualifier: string | undefined;
}

const defaultOptions: InvocationOptions = {async: false, qualifier: undefined};

export class InvocationLog {
	private readonly byFunction = new Map<string, readonly Invocation[]>();
	private readonly options = new Map<string, InvocationOptions>();
	private readonly listeners = new Set<() => void>();
	private sequence = 0;
	private client: InvokeClient | undefined;

	constructor(
		private readonly session: Session,
		private readonly endpoint: string | undefined,
	) {}

	/** The function's invocations, newest first. */
	list(functionName: string): readonly Invocation[] {
		return this.byFunction.get(functionName) ?? none;
	}

	optionsOf(functionName: string): InvocationOptions {
		return this.options.get(functionName) ?? defaultOptions;
	}

	setOptions(functionName: string, options: InvocationOptions): void {
		this.options.set(functionName, options);
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Starts an invocation; it is listed at once, as running, and replaced by its result. */
	start(request: InvocationRequest): Invocation {
		this.sequence += 1;
		const running: Invocation = {
			sequence: this.sequence,
			functionName: request.functionName,
			eventName: request.eventName,
			qualifier: request.qualifier,
			async: request.async,
			startedAt: new Date(),
			elapsedMs: undefined,
			outcome: {kind: 'running'},
		};
		this.put(running);
		this.client ??= createInvokeClient(this.session);
		const started = performance.now();
		invokeFunction(this.client, {
			functionName: request.functionName,
			payload: request.json,
			qualifier: request.qualifier,
			async: request.async,
			tail: !request.async,
		}).then(
			(response) => this.put({...running, elapsedMs: performance.now() - started, outcome: outcomeOf(response)}),
			(error: unknown) => this.put({...running, elapsedMs: performance.now() - started, outcome: {kind: 'call-failed', message: this.describe(error, request)}}),
		);
		return running;
	}

	private describe(error: unknown, request: InvocationRequest): string {
		if (request.qualifier !== undefined && errorName(error) === 'ResourceNotFoundException') {
			return `${request.functionName} has no version or alias ${request.qualifier}: o chooses another (empty for $LATEST).`;
		}
		return describeAwsError(error, this.endpoint);
	}

	destroy(): void {
		this.client?.destroy();
		this.client = undefined;
	}

	private put(invocation: Invocation): void {
		const current = this.list(invocation.functionName);
		const others = current.filter((entry) => entry.sequence !== invocation.sequence);
		const next = [invocation, ...others].sort((a, b) => b.sequence - a.sequence).slice(0, historyMax);
		this.byFunction.set(invocation.functionName, next);
		for (const listener of this.listeners) listener();
	}
}

export const InvocationLogContext = createContext<InvocationLog | undefined>(undefined);

/** The log of this session's invocations, and the function's entries (newest first), re-rendered as they change. */
export function useInvocations(functionName: string): {log: InvocationLog; invocations: readonly Invocation[]} {
	const log = useContext(InvocationLogContext);
	if (!log) throw new Error('useInvocations outside <InvocationLogContext.Provider>');
	const invocations = useSyncExternalStore(
		(listener) => log.subscribe(listener),
		() => log.list(functionName),
	);
	return {log, invocations};
}
