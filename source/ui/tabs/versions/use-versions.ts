// What the Versions and Aliases tabs both read and both guard: the function's
// versions and aliases (read again whenever the function is, after a save, r
// or a deploy), and the rule every change of theirs follows: refused in
// read-only mode, one at a time, with progress in the message row.
import {useCallback, useRef, useState} from 'react';
import {describeAwsError} from '../../../aws/errors.js';
import {listAliases, listVersions, withStates} from '../../../aws/versions.js';
import type {FunctionAlias, FunctionVersion} from '../../../domain/aliases.js';
import type {FunctionDetail} from '../../../domain/function-model.js';
import {useConfirm} from '../../components/ConfirmDialog.js';
import {useConsole, useNotify} from '../../context.js';
import {useResource, type Resource} from '../../hooks/useResource.js';

export const readOnlyMessage = 'Read-only mode: changes are off. Start lambdash without --read-only to change functions.';

/** The versions (with their State, when `states`) and aliases of the function, read again whenever `detail` is. */
export function useVersionsAndAliases(detail: FunctionDetail, states = false): Resource<{versions: FunctionVersion[]; aliases: FunctionAlias[]}> {
	const {clients} = useConsole();
	const {name} = detail;
	return useResource(
		async (signal) => {
			const [listed, aliases] = await Promise.all([listVersions(clients, name, signal), listAliases(clients, name, signal)]);
			const versions = states ? await withStates(clients, name, listed, signal) : listed;
			return {versions, aliases};
		},
		[clients, name, detail, states],
		clients.endpoint,
	);
}

export interface Changes {
	busy: boolean;
	/** Whether a change may start now; says why not (read-only, another change running) in the message row. */
	allowed(): boolean;
	/** Runs a change with `progress` shown meanwhile; one at a time. */
	run<T>(progress: string, work: () => Promise<T>): Promise<T>;
}

export function useChanges(): Changes {
	const {session} = useConsole();
	const notify = useNotify();
	const [busy, setBusy] = useState(false);
	const busyRef = useRef(false);
	const allowed = useCallback((): boolean => {
		if (session.readOnly) {
			notify({tone: 'error', text: readOnlyMessage});
			return false;
		}
		if (busyRef.current) {
			notify({tone: 'progress', text: 'Still saving the last change: wait for it to finish.'});
			return false;
		}
		return true;
	}, [notify, session.readOnly]);
	const run = useCallback(
		async <T>(progress: string, work: () => Promise<T>): Promise<T> => {
			busyRef.current = true;
			setBusy(true);
			notify({tone: 'progress', text: progress});
			try {
				return await work();
			} finally {
				busyRef.current = false;
				setBusy(false);
			}
		},
		[notify],
	);
	return {busy, allowed, run};
}

interface DeleteQuestion {
	changes: Changes;
	/** "version" or "alias", for the messages. */
	what: string;
	functionName: string;
	remove(target: string): Promise<void>;
	/** A refusal said in the tab's own words (an alias still points to the version); undefined: AWS's, made readable. */
	explain?(error: unknown, target: string): string | undefined;
	/** The question is answered: the tab closes it. */
	onClosed(): void;
	/** Reads the lists again after a deletion. */
	reload(): void;
}

/**
 * The y/n question before deleting a version or an alias (`target`, while it
 * is asked), and the deletion: refused in read-only mode, with progress, the
 * outcome said, and the lists read again.
 */
export function useDeleteQuestion(target: string | undefined, {changes, what, functionName, remove, explain, onClosed, reload}: DeleteQuestion): void {
	const {clients, session} = useConsole();
	const notify = useNotify();
	useConfirm(target, {
		busy: changes.busy,
		yes: (subject) => {
			if (session.readOnly) {
				notify({tone: 'error', text: readOnlyMessage});
				onClosed();
				return;
			}
			void changes
				.run(`Deleting ${what} ${subject} of ${functionName}…`, async () => remove(subject))
				.then(
					() => notify({tone: 'success', text: `Deleted ${what} ${subject} of ${functionName}.`}),
					(error: unknown) =>
						notify({tone: 'error', text: explain?.(error, subject) ?? `${functionName}: ${describeAwsError(error, clients.endpoint)}`}),
				)
				.finally(() => {
					onClosed();
					reload();
				});
		},
		no: () => {
			onClosed();
			notify({tone: 'info', text: 'Nothing deleted.'});
		},
	});
}
