// Saving a change to a function's configuration, the way every section of the
// Configuration tab does it: refused in read-only mode; sent with the
// RevisionId that was read; while Lambda applies it (InProgress) the message
// row shows progress and nothing else can be saved; when someone else changed
// the function first, their values and the user's are put side by side and the
// user chooses. The form that made the change stays open until it is saved or
// the user gives it up, so nothing typed is lost.
import {useCallback, useRef, useState} from 'react';
import {updateConfiguration, waitUntilUpdated} from '../../aws/configuration.js';
import {describeAwsError, errorName} from '../../aws/errors.js';
import {getFunctionDetail} from '../../aws/functions.js';
import type {ConfigurationChange, FunctionDetail} from '../../domain/function-model.js';
import {useConsole, useNotify} from '../context.js';

export type SaveResult = 'saved' | 'failed' | 'discarded';

export interface Conflict {
	label: string;
	change: ConfigurationChange;
	/** The function as someone else left it. */
	fresh: FunctionDetail;
	resolve(applyMine: boolean): void;
}

export interface ConfigurationSave {
	busy: boolean;
	conflict: Conflict | undefined;
	/** Sends a change; `label` says what changed ("memory 256 MB"). */
	save(label: string, change: ConfigurationChange): Promise<SaveResult>;
	/** Runs another kind of change (tags) with the same progress, errors and read-only rule. */
	run(label: string, action: () => Promise<void>): Promise<SaveResult>;
}

export function useConfigurationSave(name: string, detail: FunctionDetail | undefined, reload: () => void): ConfigurationSave {
	const {clients, session} = useConsole();
	const notify = useNotify();
	const [busy, setBusy] = useState(false);
	const [conflict, setConflict] = useState<Conflict | undefined>();
	const busyRef = useRef(false);

	const guard = useCallback((): boolean => {
		if (session.readOnly) {
			notify({tone: 'error', text: 'Read-only mode: changes are off. Start lambdash without --read-only to change functions.'});
			return false;
		}
		if (busyRef.current) {
			notify({tone: 'progress', text: `Still saving ${name}: wait for it to finish.`});
			return false;
		}
		return true;
	}, [name, notify, session.readOnly]);

	const finish = useCallback(
		async (label: string): Promise<SaveResult> => {
			notify({tone: 'progress', text: `Lambda is applying ${label} to ${name} (LastUpdateStatus InProgress)…`});
			const outcome = await waitUntilUpdated(clients, name);
			reload();
			if (outcome.status === 'Failed') {
				notify({tone: 'error', text: `${name}: the update failed: ${outcome.reason || 'no reason given'}. Check the values and try again.`});
				return 'failed';
			}
			notify({tone: 'success', text: `Saved ${label} for ${name}.`});
			return 'saved';
		},
		[clients, name, notify, reload],
	);

	const attempt = useCallback(
		async (label: string, change: ConfigurationChange, revisionId: string): Promise<SaveResult> => {
			try {
				await updateConfiguration(clients, name, revisionId, change);
			} catch (error) {
				if (errorName(error) !== 'PreconditionFailedException') {
					notify({tone: 'error', text: `${name}: ${describeAwsError(error, clients.endpoint)}`});
					return 'failed';
				}
				const fresh = await getFunctionDetail(clients, name);
				notify({tone: 'error', text: `Someone else changed ${name} first: compare, then keep theirs or apply yours.`});
				const applyMine = await new Promise<boolean>((resolve) => {
					setConflict({label, change, fresh, resolve});
				});
				setConflict(undefined);
				if (!applyMine) {
					reload();
					notify({tone: 'info', text: `Kept the values someone else saved; ${label} was not applied.`});
					return 'discarded';
				}
				return attempt(label, change, fresh.revisionId);
			}
			return finish(label);
		},
		[clients, finish, name, notify, reload],
	);

	const save = useCallback(
		async (label: string, change: ConfigurationChange): Promise<SaveResult> => {
			if (!guard()) return 'failed';
			busyRef.current = true;
			setBusy(true);
			notify({tone: 'progress', text: `Saving ${label} for ${name}…`});
			try {
				return await attempt(label, change, detail?.revisionId ?? '');
			} catch (error) {
				notify({tone: 'error', text: `${name}: ${describeAwsError(error, clients.endpoint)}`});
				return 'failed';
			} finally {
				busyRef.current = false;
				setBusy(false);
			}
		},
		[attempt, clients.endpoint, detail?.revisionId, guard, name, notify],
	);

	const run = useCallback(
		async (label: string, action: () => Promise<void>): Promise<SaveResult> => {
			if (!guard()) return 'failed';
			busyRef.current = true;
			setBusy(true);
			notify({tone: 'progress', text: `Saving ${label} for ${name}…`});
			try {
				await action();
				reload();
				notify({tone: 'success', text: `Saved ${label} for ${name}.`});
				return 'saved';
			} catch (error) {
				notify({tone: 'error', text: `${name}: ${describeAwsError(error, clients.endpoint)}`});
				return 'failed';
			} finally {
				busyRef.current = false;
				setBusy(false);
			}
		},
		[clients.endpoint, guard, name, notify, reload],
	);

	return {busy, conflict, save, run};
}
