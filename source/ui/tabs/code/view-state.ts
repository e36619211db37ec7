// What the Code tab keeps while the console runs, per function and endpoint:
// the files edited and not deployed, the open folders and the file under the
// cursor. The tab is unmounted when another tab is shown (to invoke the
// function from the Test tab, say); the edits must not be lost with it.
import {useCallback, useState} from 'react';

export interface CodeViewState {
	/** Edited files not deployed yet: path → the new content. */
	changes: ReadonlyMap<string, Uint8Array>;
	/** Open folders, each path ending with '/'. */
	open: ReadonlySet<string>;
	cursor: string | undefined;
}

/** The state without the changes that are exactly these edits: a file edited again since stays changed. */
export function withoutEdits(state: CodeViewState, edits: Iterable<readonly [string, Uint8Array]>): CodeViewState {
	const changes = new Map(state.changes);
	for (const [path, data] of edits) if (changes.get(path) === data) changes.delete(path);
	return {...state, changes};
}

const kept = new Map<string, CodeViewState>();
const fresh = (): CodeViewState => ({changes: new Map(), open: new Set(), cursor: undefined});

export function useCodeViewState(key: string): [CodeViewState, (update: (state: CodeViewState) => CodeViewState) => void] {
	const [state, setState] = useState<{key: string; value: CodeViewState}>(() => ({key, value: kept.get(key) ?? fresh()}));
	const current = state.key === key ? state.value : (kept.get(key) ?? fresh());
	// Written through to `kept` at once, so a deploy that ends after the tab is gone still clears what it deployed.
	const update = useCallback(
		(change: (state: CodeViewState) => CodeViewState) => {
			const value = change(kept.get(key) ?? fresh());
			kept.set(key, value);
			setState({key, value});
		},
		[key],
	);
	return [current, update];
}
