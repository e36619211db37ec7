// The function detail's Download (D), as the Lambda console's: choose what
// (the code .zip, a SAM template, or both) and where (a directory, the
// current one by default), then the files are written: NAME.zip and
// template.yaml. Files already there are replaced only after a yes. Progress
// shows while the function is read and its code downloaded; then the paths
// written, and what the template could not say; an error says what to do
// next and goes back to the form with what was typed.
import React, {useRef, useState} from 'react';
import {describeAwsError} from '../../aws/errors.js';
import type {ExportProgress, ExportResult, ExportWhat} from '../../aws/export-function.js';
import type {FunctionDetail} from '../../domain/function-model.js';
import {cleanText} from '../../domain/sanitize.js';
import {useConsole} from '../context.js';
import {layers, useKeys} from '../input.js';
import {bindingFor} from '../keymap.js';
import {ConfirmDialog, useConfirm} from './ConfirmDialog.js';
import {Dialog} from './Dialog.js';
import {Form, type FormField} from './Form.js';

export interface ExportDialogProps {
	detail: FunctionDetail;
	width: number;
	height: number;
	active: boolean;
	onClose(): void;
	/** The directory the form starts with; default the current directory. */
	initialDirectory?: string;
}

const whatChoices: ReadonlyArray<{label: string; what: ExportWhat}> = [
	{label: 'Code (.zip) and SAM template', what: 'both'},
	{label: 'Code (.zip)', what: 'code'},
	{label: 'SAM template (template.yaml)', what: 'template'},
];

const progressText: Record<ExportProgress, string> = {
	reading: 'Reading the function: configuration, triggers, destinations, URL, policy…',
	downloading: 'Downloading the code…',
	writing: 'Writing the files…',
};

type Stage =
	| {kind: 'form'}
	| {kind: 'confirm'; existing: string[]}
	| {kind: 'working'; step: ExportProgress}
	| {kind: 'done'; result: ExportResult}
	| {kind: 'error'; message: string};

function whatOf(label: string): ExportWhat {
	return whatChoices.find((choice) => choice.label === label)?.what ?? 'both';
}

/** The exporter (and the YAML writer it brings) is loaded when the dialog first writes, not with the console. */
const loadExporter = (): Promise<typeof import('../../aws/export-function.js')> => import('../../aws/export-function.js');

export function ExportDialog({detail, width, height, active, onClose, initialDirectory}: ExportDialogProps) {
	const {clients, theme} = useConsole();
	const [values, setValues] = useState<Record<string, string>>(() => ({what: whatChoices[0]?.label ?? '', directory: initialDirectory ?? process.cwd()}));
	const [stage, setStage] = useState<Stage>({kind: 'form'});
	const mounted = useRef(true);
	React.useEffect(
		() => () => {
			mounted.current = false;
		},
		[],
	);
	const set = (next: Stage): void => {
		if (mounted.current) setStage(next);
	};

	const run = (chosen: Record<string, string>): void => {
		set({kind: 'working', step: 'reading'});
		loadExporter()
			.then(({exportFunction}) => exportFunction(clients, detail.name, {
			directory: chosen['directory'] ?? '.',
			what: whatOf(chosen['what'] ?? ''),
			onProgress: (step) => set({kind: 'working', step}),
		}))
			.then(
			(result) => set({kind: 'done', result}),
			(error: unknown) => {
				const code = (error as NodeJS.ErrnoException | undefined)?.code;
				const message =
					typeof code === 'string' && /^E[A-Z]+$/.test(code) && error instanceof Error
						? `${cleanText(error.message)}. Choose a directory you can write to.`
						: describeAwsError(error, clients.endpoint);
				set({kind: 'error', message});
			},
		);
	};

	const submit = (chosen: Record<string, string>): void => {
		setValues(chosen);
		loadExporter()
			.then(({existingExportFiles}) => existingExportFiles(chosen['directory'] ?? '.', detail.name, whatOf(chosen['what'] ?? '')))
			.then(
			(existing) => (existing.length > 0 ? set({kind: 'confirm', existing}) : run(chosen)),
			(error: unknown) => set({kind: 'error', message: error instanceof Error ? cleanText(error.message) : String(error)}),
		);
	};

	useConfirm(stage.kind === 'confirm' ? stage : undefined, {
		yes: () => run(values),
		no: () => set({kind: 'form'}),
	});

	useKeys(
		layers.overlay,
		(name) => {
			const id = bindingFor('form', name)?.id;
			if (stage.kind === 'done' && (id === 'form-save' || id === 'form-cancel')) onClose();
			else if (stage.kind === 'error' && (id === 'form-save' || id === 'form-cancel')) set({kind: 'form'});
			// While working, every key waits here.
			return true;
		},
		active && (stage.kind === 'working' || stage.kind === 'done' || stage.kind === 'error'),
	);

	const title = `Download ${cleanText(detail.name)}`;
	switch (stage.kind) {
		case 'form': {
			const fields: FormField[] = [
				{id: 'what', label: 'What', value: values['what'] ?? '', choices: whatChoices.map((choice) => choice.label), hint: '←/→ chooses'},
				{
					id: 'directory',
					label: 'Directory',
					value: values['directory'] ?? '',
					hint: `Written there: ${detail.name}.zip, template.yaml`,
					validate: (value) => (value.trim() === '' ? 'Give a directory: a path, created if missing (. is the current one)' : undefined),
				},
			];
			return <Form title={title} fields={fields} theme={theme} width={width} height={height} active={active} onSubmit={submit} onCancel={onClose} />;
		}
		case 'confirm':
			return (
				<ConfirmDialog
					title={title}
					question={`${stage.existing.length === 1 ? 'This file is' : 'These files are'} already there. Overwrite?`}
					details={stage.existing.map((path) => cleanText(path))}
					theme={theme}
					width={width}
					height={height}
				/>
			);
		case 'working':
			return <Dialog title={title} lines={[{text: progressText[stage.step]}]} width={width} height={height} borderColor={theme.accent} />;
		case 'done':
			return (
				<Dialog
					title={title}
					lines={[
						{text: 'Written:', bold: true, color: theme.success},
						...stage.result.written.map((path) => ({text: cleanText(path)})),
						...stage.result.notes.map((note) => ({text: `Note: ${cleanText(note)}`, color: theme.muted})),
						{text: ''},
						{text: 'Enter/Esc: close'},
					]}
					width={width}
					height={height}
					borderColor={theme.accent}
				/>
			);
		case 'error':
			return (
				<Dialog
					title={title}
					lines={[{text: 'Nothing was downloaded.', bold: true, color: theme.danger}, {text: stage.message}, {text: ''}, {text: 'Enter/Esc: back to the form'}]}
					width={width}
					height={height}
					borderColor={theme.danger}
				/>
			);
	}
}
