// Deploying a package to the function: UpdateFunctionCode with the RevisionId
// the console read, then the progress while Lambda applies it (LastUpdateStatus
// InProgress) until it is Successful, or why it failed. The message row and
// the tab's own last line say where it is; errors say what to do next. The
// package uploaded is kept in the cache under its new CodeSha256, so the tab
// does not download what it has just sent.
import {useCallback, useRef, useState} from 'react';
import {cachePackage, codeSha256Of, describeCodeUpdateError, updateFunctionCode} from '../../../aws/code.js';
import {waitUntilUpdated} from '../../../aws/configuration.js';
import {errorName} from '../../../aws/errors.js';
import {formatBytes} from '../../../domain/format.js';
import type {FunctionDetail} from '../../../domain/function-model.js';
import {useConsole, useNotify, type Notice} from '../../context.js';

export interface Deploy {
	busy: boolean;
	/** The last thing said about the deploy (progress, success or failure), for the tab's last line. */
	status: Notice | undefined;
	/** Uploads the package; true when Lambda finished applying it (LastUpdateStatus Successful). */
	run(zip: Uint8Array, label: string): Promise<boolean>;
}

export function useDeploy(detail: FunctionDetail, reload: () => void, cacheDirectory: string): Deploy {
	const {clients} = useConsole();
	const notify = useNotify();
	const [busy, setBusy] = useState(false);
	const [status, setStatus] = useState<Notice | undefined>();
	const busyRef = useRef(false);
	const {name, revisionId} = detail;

	const say = useCallback(
		(notice: Notice) => {
			setStatus(notice);
			notify(notice);
		},
		[notify],
	);

	const run = useCallback(
		async (zip: Uint8Array, label: string): Promise<boolean> => {
			if (busyRef.current) {
				notify({tone: 'progress', text: `Still deploying to ${name}: wait for it to finish.`});
				return false;
			}
			busyRef.current = true;
			setBusy(true);
			try {
				say({tone: 'progress', text: `Uploading ${label} (${formatBytes(zip.length)}) to ${name} with UpdateFunctionCode…`});
				try {
					await updateFunctionCode(clients, name, zip, revisionId);
				} catch (error) {
					if (errorName(error) === 'PreconditionFailedException') {
						reload();
						say({
							tone: 'error',
							text: `Someone else changed ${name} first (its RevisionId changed): it is read again. Nothing was deployed; your changes are kept: check, then deploy again.`,
						});
					} else say({tone: 'error', text: `Not deployed: ${describeCodeUpdateError(error, clients.endpoint)}`});
					return false;
				}
				const sha = codeSha256Of(zip);
				cachePackage(cacheDirectory, sha, zip);
				say({tone: 'progress', text: `Lambda is updating ${name} (LastUpdateStatus InProgress)…`});
				const outcome = await waitUntilUpdated(clients, name);
				reload();
				if (outcome.status === 'Failed') {
					say({tone: 'error', text: `${name}: the update failed: ${outcome.reason || 'Lambda gave no reason'}. Fix what it names, then deploy again.`});
					return false;
				}
				if (outcome.status === 'InProgress') {
					say({tone: 'info', text: `${name} is still updating after two minutes: press r to see how it ends.`});
					return false;
				}
				say({tone: 'success', text: `Deployed ${label} to ${name}: LastUpdateStatus Successful.`});
				return true;
			} catch (error) {
				say({tone: 'error', text: `${name}: ${describeCodeUpdateError(error, clients.endpoint)}`});
				return false;
			} finally {
				busyRef.current = false;
				setBusy(false);
			}
		},
		[cacheDirectory, clients, name, notify, reload, revisionId, say],
	);

	return {busy, status, run};
}
