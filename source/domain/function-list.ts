// Pure logic behind the function list: filtering and the cells of a row.
import type {FunctionSummary} from './function-model.js';

/** Functions whose name, runtime or description contains every word of the filter, ignoring case. */
export function filterFunctions(functions: readonly FunctionSummary[], filter: string): readonly FunctionSummary[] {
	const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return functions;
	return functions.filter((fn) => {
		const haystack = `${fn.name}\n${fn.runtime}\n${fn.description}`.toLowerCase();
		return words.every((word) => haystack.includes(word));
	});
}

/** The state cell: the update in progress or failed matters more than "Active". */
export function stateLabel(fn: Pick<FunctionSummary, 'state' | 'lastUpdateStatus'>): string {
	if (fn.state === 'Active' && fn.lastUpdateStatus === 'InProgress') return 'Updating';
	if (fn.state === 'Active' && fn.lastUpdateStatus === 'Failed') return 'UpdFail';
	return fn.state;
}

export type Health = 'ok' | 'busy' | 'bad';

export function stateHealth(fn: Pick<FunctionSummary, 'state' | 'lastUpdateStatus'>): Health {
	if (fn.state === 'Failed' || fn.state === 'Inactive' || fn.lastUpdateStatus === 'Failed') return 'bad';
	if (fn.state === 'Pending' || fn.lastUpdateStatus === 'InProgress') return 'busy';
	return 'ok';
}
