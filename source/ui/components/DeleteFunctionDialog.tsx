// Deleting a function (X): as in the Lambda console, the user types the
// function's name to confirm. Enter deletes (DeleteFunction) when the name is
// typed exactly; a name typed wrong says so and sends nothing, keeping what was
// typed. Esc cancels. Progress and errors show in the dialog.
import React, {useState} from 'react';
import {deleteFunction} from '../../aws/create-function.js';
import {describeAwsError} from '../../aws/errors.js';
import {wrapWords} from '../../domain/format.js';
import {editLine, lineAt, visibleLine, type LineEdit} from '../../domain/line-edit.js';
import {cleanText} from '../../domain/sanitize.js';
import {useConsole, useNotify} from '../context.js';
import {layers, useKeys} from '../input.js';
import {bindingFor} from '../keymap.js';
import {Dialog} from './Dialog.js';

export interface DeleteFunctionDialogProps {
	name: string;
	width: number;
	height: number;
	/** Takes the keys while open. */
	active: boolean;
	/** Closed: `deleted` says whether the function is gone. */
	onClose(deleted: boolean): void;
}

type Status = {kind: 'typing'; problem?: string} | {kind: 'deleting'} | {kind: 'failed'; message: string};

export function DeleteFunctionDialog({name, width, height, active, onClose}: DeleteFunctionDialogProps) {
	const {clients, session, theme} = useConsole();
	const notify = useNotify();
	const [edit, setEdit] = useState<LineEdit>(() => lineAt(''));
	const [status, setStatus] = useState<Status>({kind: 'typing'});

	const run = (): void => {
		if (session.readOnly) {
			setStatus({kind: 'failed', message: 'Read-only mode: deleting is off. Start lambdash without --read-only to change functions.'});
			return;
		}
		setStatus({kind: 'deleting'});
		deleteFunction(clients, name).then(
			() => {
				notify({tone: 'success', text: `Deleted ${name}.`});
				onClose(true);
			},
			(error: unknown) => setStatus({kind: 'failed', message: describeAwsError(error, clients.endpoint)}),
		);
	};

	useKeys(
		layers.overlay,
		(key, input) => {
			if (status.kind === 'deleting') return true;
			const binding = bindingFor('form', key)?.id;
			if (binding === 'form-cancel') {
				onClose(false);
				return true;
			}
			if (binding === 'form-save') {
				if (edit.text !== name) {
					setStatus({kind: 'typing', problem: edit.text === '' ? `Type ${name} to confirm.` : `That is not the name: type ${name} exactly (letters and case as shown). Nothing was deleted.`});
					return true;
				}
				run();
				return true;
			}
			if (binding === 'form-next' || binding === 'form-previous') return true;
			setEdit((current) => editLine(current, key, input));
			if (status.kind !== 'typing' || status.problem !== undefined) setStatus({kind: 'typing'});
			return true;
		},
		active,
	);

	const shown = cleanText(name);
	const inputWidth = Math.max(10, Math.min(width - 14, 66));
	const line = visibleLine({text: cleanText(edit.text), cursor: edit.cursor}, inputWidth);
	const note =
		status.kind === 'deleting'
			? {text: `Deleting ${shown}…`, color: theme.warning}
			: status.kind === 'failed'
				? {text: status.message, color: theme.danger}
				: status.problem !== undefined
					? {text: status.problem, color: theme.danger}
					: {text: 'Enter deletes · Esc cancels'};
	return (
		<Dialog
			title="Delete function"
			lines={[
				{text: `Delete ${shown}?`, bold: true, color: theme.danger},
				{text: 'The function, its versions, aliases, triggers and settings are removed.'},
				{text: 'This cannot be undone. Its logs are kept.'},
				{text: ''},
				{text: `To confirm, type the function's name: ${shown}`},
				{text: `> ${line.before}${line.at === ' ' && line.after === '' ? '█' : line.at}${line.after}`},
				{text: ''},
				...wrapWords(note.text, Math.max(20, Math.min(width - 10, 72))).map((text) => ({text, color: note.color})),
			]}
			width={width}
			height={height}
			borderColor={theme.danger}
		/>
	);
}
