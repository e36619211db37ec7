// The functions of the account, shared by the list and the detail: loaded a
// page at a time (the first page is drawn at once). What ListFunctions leaves
// out (state, last update status, reserved concurrency) is read with one
// GetFunction per function, and only for the rows someone can see.
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {Clients} from '../../aws/clients.js';
import {describeAwsError} from '../../aws/errors.js';
import {getFunctionDetail, listFunctionPages} from '../../aws/functions.js';
import type {FunctionDetail, FunctionSummary} from '../../domain/function-model.js';

/** Reserved concurrency per function name: a number, null for no reservation; missing while unknown. */
export type ConcurrencyMap = ReadonlyMap<string, number | null>;
/** State and last update status per function name, as GetFunction last said; missing while unknown. */
export type StateMap = ReadonlyMap<string, Pick<FunctionSummary, 'state' | 'lastUpdateStatus'>>;

export interface FunctionStore {
	functions: readonly FunctionSummary[];
	loading: boolean;
	error: string | undefined;
	concurrency: ConcurrencyMap;
	states: StateMap;
	/** Counts refreshes: what was read row by row is read again after each. */
	generation: number;
	refresh(): void;
	/** Read what the list does not hold (state, reserved concurrency) for these functions, once each. */
	requestDetails(names: readonly string[]): void;
	setConcurrency(name: string, value: number | undefined): void;
	/** What a GetFunction said (the row's settings, state, reserved concurrency), read elsewhere, e.g. by the detail screen. */
	noteDetail(detail: FunctionDetail): void;
}

const byName = (a: FunctionSummary, b: FunctionSummary) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The list's row of a function, from what GetFunction said. */
function summaryOf(detail: FunctionDetail): FunctionSummary {
	return {
		name: detail.name,
		arn: detail.arn,
		description: detail.description,
		runtime: detail.runtime,
		handler: detail.handler,
		memoryMb: detail.memoryMb,
		timeoutSeconds: detail.timeoutSeconds,
		codeSize: detail.codeSize,
		lastModified: detail.lastModified,
		state: detail.state,
		lastUpdateStatus: detail.lastUpdateStatus,
		packageType: detail.packageType,
		architectures: detail.architectures,
	};
}

function sameRow(a: FunctionSummary, b: FunctionSummary): boolean {
	return (
		a.description === b.description &&
		a.runtime === b.runtime &&
		a.handler === b.handler &&
		a.memoryMb === b.memoryMb &&
		a.timeoutSeconds === b.timeoutSeconds &&
		a.codeSize === b.codeSize &&
		a.lastModified?.getTime() === b.lastModified?.getTime() &&
		a.architectures.join() === b.architectures.join()
	);
}
const flushEveryMs = 200;
const detailRequestsAtOnce = 4;

export function useFunctionStore(clients: Clients): FunctionStore {
	const [functions, setFunctions] = useState<readonly FunctionSummary[]>([]);
	const [loading, setLoading] = useState(true);
	const [error, setError] = useState<string | undefined>();
	const [concurrency, setConcurrencyMap] = useState<ConcurrencyMap>(() => new Map());
	const [states, setStateMap] = useState<StateMap>(() => new Map());
	const [generation, setGeneration] = useState(0);
	const requested = useRef(new Set<string>());
	const queue = useRef<string[]>([]);
	const inFlight = useRef(0);
	const mounted = useRef(true);

	useEffect(() => {
		mounted.current = true;
		return () => {
			mounted.current = false;
		};
	}, []);

	useEffect(() => {
		const controller = new AbortController();
		const isRefresh = generation > 0;
		setLoading(true);
		setError(undefined);
		let collected: FunctionSummary[] = [];
		let lastFlush = 0;
		let firstPage = true;
		const flush = () => {
			lastFlush = Date.now();
			setFunctions([...collected].sort(byName));
		};
		void (async () => {
			try {
				for await (const page of listFunctionPages(clients, controller.signal)) {
					if (controller.signal.aborted) return;
					collected = collected.concat(page);
					// A refresh keeps the old list on screen until the new one is whole.
					if (!isRefresh && (firstPage || Date.now() - lastFlush >= flushEveryMs)) flush();
					firstPage = false;
				}
				if (controller.signal.aborted) return;
				flush();
				setLoading(false);
			} catch (caught) {
				if (controller.signal.aborted) return;
				if (collected.length > 0 && !isRefresh) flush();
				setError(describeAwsError(caught, clients.endpoint));
				setLoading(false);
			}
		})();
		return () => controller.abort();
	}, [clients, generation]);

	const setConcurrency = useCallback((name: string, value: number | undefined) => {
		requested.current.add(name);
		setConcurrencyMap((previous) => {
			if (previous.get(name) === (value ?? null)) return previous;
			return new Map(previous).set(name, value ?? null);
		});
	}, []);

	const noteDetail = useCallback(
		(detail: FunctionDetail) => {
			setConcurrency(detail.name, detail.reservedConcurrency);
			// A change made in the detail (memory, timeout, ...) shows in the list at once.
			setFunctions((previous) => {
				const index = previous.findIndex((fn) => fn.name === detail.name);
				const current = previous[index];
				if (current === undefined || sameRow(current, detail)) return previous;
				const next = [...previous];
				next[index] = {...summaryOf(detail), state: current.state, lastUpdateStatus: current.lastUpdateStatus};
				return next;
			});
			setStateMap((previous) => {
				const known = previous.get(detail.name);
				if (known?.state === detail.state && known.lastUpdateStatus === detail.lastUpdateStatus) return previous;
				return new Map(previous).set(detail.name, {state: detail.state, lastUpdateStatus: detail.lastUpdateStatus});
			});
		},
		[setConcurrency],
	);

	const pump = useCallback(() => {
		while (inFlight.current < detailRequestsAtOnce && queue.current.length > 0) {
			const name = queue.current.shift()!;
			inFlight.current++;
			getFunctionDetail(clients, name)
				.then(
					(detail) => {
						if (mounted.current) noteDetail(detail);
					},
					() => {
						// Not drawn when it cannot be read (no permission, deleted); asked again on refresh.
					},
				)
				.finally(() => {
					inFlight.current--;
					if (mounted.current) pump();
				});
		}
	}, [clients, noteDetail]);

	const requestDetails = useCallback(
		(names: readonly string[]) => {
			let added = false;
			for (const name of names) {
				if (requested.current.has(name)) continue;
				requested.current.add(name);
				queue.current.push(name);
				added = true;
			}
			if (added) pump();
		},
		[pump],
	);

	const refresh = useCallback(() => {
		// The old values stay on screen until the new ones arrive.
		requested.current.clear();
		queue.current = [];
		setGeneration((value) => value + 1);
	}, []);

	return useMemo(
		() => ({functions, loading, error, concurrency, states, generation, refresh, requestDetails, setConcurrency, noteDetail}),
		[functions, loading, error, concurrency, states, generation, refresh, requestDetails, setConcurrency, noteDetail],
	);
}
