// Environment variables: a table with the values hidden until asked for (v
// shows one, V all), add, edit and delete, all of them at once in $EDITOR as
// KEY=VALUE lines, the 4 KB budget as a gauge, and the KMS key. Every change
// is checked before it is sent; a file with mistakes is kept for the next E.
import {Box, Text} from 'ink';
import React, {useMemo, useState} from 'react';
import {
	checkEnvironmentVariableName,
	checkEnvironmentVariables,
	environmentTextHelp,
	environmentUsage,
	formatEnvironmentText,
	parseEnvironmentText,
	usageGauge,
} from '../../../domain/environment-variables.js';
import {fit} from '../../../domain/format.js';
import {cleanText} from '../../../domain/sanitize.js';
import {ConfirmDialog, useConfirm} from '../../components/ConfirmDialog.js';
import {Form, type FormField} from '../../components/Form.js';
import {useConsole, useNotify} from '../../context.js';
import {editInEditor} from '../../external-editor.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {SectionProps} from './sections.js';
import {useItemList} from './useItemList.js';
import {useSectionOverlay} from './useSectionOverlay.js';

/** What is wrong with a new or renamed variable's name, or undefined. */
function nameProblem(name: string, others: readonly string[]): string | undefined {
	if (name === '') return 'A name is needed, e.g. TABLE_NAME';
	return checkEnvironmentVariableName(name) ?? (others.includes(name) ? `${name} is already set: edit it instead` : undefined);
}

/** What Lambda would refuse a whole set of variables for (the 4 KB budget, a reserved name), or undefined. */
function setProblem(variables: Readonly<Record<string, string>>): string | undefined {
	return checkEnvironmentVariables(variables)[0];
}

type Overlay = {kind: 'add'} | {kind: 'edit'; name: string} | {kind: 'delete'; name: string} | {kind: 'kms'} | undefined;

const kmsPattern = /^(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()$/;

export function EnvironmentSection(props: SectionProps) {
	const {detail, save, theme, width, height, active, inside, onLeave} = props;
	const {suspend} = useConsole();
	const notify = useNotify();
	const variables = detail.environment;
	const names = useMemo(() => Object.keys(variables).sort(), [variables]);
	const {cursor, selected, key: listKey} = useItemList(names, onLeave);
	const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
	const [revealAll, setRevealAll] = useState(false);
	const {overlay, open, closeAfter, frame} = useSectionOverlay<NonNullable<Overlay>>(props);
	/** An edited file that had mistakes: the next E opens it again, so nothing typed is lost. */
	const [draft, setDraft] = useState<string | undefined>();

	const apply = (label: string, next: Record<string, string>): Promise<boolean> => {
		const problem = setProblem(next);
		if (problem !== undefined) {
			notify({tone: 'error', text: problem});
			return Promise.resolve(false);
		}
		return save.save(label, {environment: next}).then((result) => result !== 'failed');
	};

	const editAll = (): void => {
		const sorted = Object.fromEntries(Object.keys(variables).sort().map((key) => [key, variables[key] ?? '']));
		const initial = draft ?? formatEnvironmentText(sorted, environmentTextHelp);
		const result = editInEditor(initial, 'environment.env', suspend);
		if (result.kind === 'failed') {
			notify({tone: 'error', text: result.message});
			return;
		}
		if (result.kind === 'unchanged') {
			notify({tone: 'info', text: 'The variables were left as they were: nothing changed.'});
			return;
		}
		const parsed = parseEnvironmentText(result.text);
		const errors = parsed.problems.map((problem) => problem.message);
		if (errors.length > 0) {
			const kept = result.text.split('\n').filter((line) => !line.startsWith('# ! ')).join('\n');
			setDraft(`${errors.map((error) => `# ! ${error}`).join('\n')}\n${kept}`);
			notify({tone: 'error', text: `Not saved: ${errors[0] ?? ''}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''} E opens your text again.`});
			return;
		}
		setDraft(undefined);
		void apply('environment variables', parsed.variables);
	};

	useKeys(
		layers.section,
		(name) => {
			const binding = bindingFor('configuration', name);
			switch (binding?.id) {
				case 'add':
					open({kind: 'add'});
					return true;
				case 'external-editor':
					editAll();
					return true;
				case 'reveal-all':
					setRevealAll((value) => !value);
					return true;
				default:
					break;
			}
			if (!inside) {
				if (binding?.id === 'edit') {
					open({kind: 'kms'});
					return true;
				}
				return false;
			}
			if (binding?.id === 'reveal') {
				if (selected !== undefined) {
					setRevealed((current) => {
						const next = new Set(current);
						if (next.has(selected)) next.delete(selected);
						else next.add(selected);
						return next;
					});
				}
				return true;
			}
			return listKey(binding, {edit: (entry) => open({kind: 'edit', name: entry}), delete: (entry) => open({kind: 'delete', name: entry})});
		},
		active && overlay === undefined,
	);

	useConfirm(active && overlay?.kind === 'delete' ? overlay.name : undefined, {
		yes: (name) => {
			const next = {...variables};
			delete next[name];
			void apply(`deleting ${name}`, next).then(() => open(undefined));
		},
		no: () => open(undefined),
	});

	const usage = environmentUsage(variables);
	const nameWidth = Math.min(28, Math.max(8, ...names.map((entry) => entry.length)) + 2);
	const listHeight = Math.max(1, height - 6);
	const first = Math.max(0, Math.min(cursor - Math.floor(listHeight / 2), names.length - listHeight));
	const shown = names.slice(first, first + listHeight);
	const valueOf = (entry: string): string =>
		revealAll || revealed.has(entry) ? cleanText(variables[entry] ?? '') : '••••••••';

	let form: React.ReactNode = null;
	if (overlay?.kind === 'add' || overlay?.kind === 'edit') {
		const editingName = overlay.kind === 'edit' ? overlay.name : undefined;
		const others = names.filter((entry) => entry !== editingName);
		const fields: FormField[] = [
			{id: 'name', label: 'Name', value: editingName ?? '', hint: 'e.g. TABLE_NAME', validate: (value) => nameProblem(value.trim(), others)},
			{
				id: 'value',
				label: 'Value',
				value: editingName === undefined ? '' : (variables[editingName] ?? ''),
				hint: 'any text',
				validate: (value, values) => {
					const next = {...variables};
					if (editingName !== undefined) delete next[editingName];
					next[(values['name'] ?? '').trim()] = value;
					return setProblem(next);
				},
			},
		];
		form = (
			<Form
				title={editingName === undefined ? 'Add an environment variable' : `Edit ${editingName}`}
				fields={fields}
				{...frame}
				onSubmit={(values) => {
					const name = (values['name'] ?? '').trim();
					const next = {...variables};
					if (editingName !== undefined) delete next[editingName];
					next[name] = values['value'] ?? '';
					void apply(editingName === undefined ? `variable ${name}` : `variable ${name}`, next).then((saved) => {
						if (saved) open(undefined);
					});
				}}
			/>
		);
	} else if (overlay?.kind === 'kms') {
		form = (
			<Form
				title="Key for the environment variables"
				fields={[
					{
						id: 'kms',
						label: 'KMS key ARN',
						value: detail.kmsKeyArn,
						hint: 'empty: Lambda\'s own key',
						validate: (value) => (kmsPattern.test(value.trim()) ? undefined : 'A KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), or empty'),
					},
				]}
				{...frame}
				onSubmit={(values) => {
					const arn = (values['kms'] ?? '').trim();
					if (arn === detail.kmsKeyArn) {
						open(undefined);
						return;
					}
					closeAfter(save.save(arn === '' ? 'Lambda\'s own key' : 'the KMS key', {kmsKeyArn: arn}));
				}}
			/>
		);
	} else if (overlay?.kind === 'delete') {
		form = <ConfirmDialog title="Delete variable" question={`Delete ${overlay.name} from ${detail.name}?`} theme={theme} width={width} height={height} />;
	}

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>
				{`Environment variables (${names.length})  `}
				<Text color={usage.usedBytes > usage.limitBytes * 0.9 ? theme.warning : theme.muted}>{usageGauge(usage)}</Text>
			</Text>
			<Text color={theme.muted} wrap="truncate">{`KMS key: ${detail.kmsKeyArn === '' ? 'Lambda\'s own (default)' : detail.kmsKeyArn}`}</Text>
			{names.length === 0 ? (
				<Text color={theme.muted}>No variables. a adds one, E opens them all in $EDITOR.</Text>
			) : (
				shown.map((entry) => {
					const current = inside && entry === selected;
					return (
						<Text key={entry} inverse={current} wrap="truncate">
							{fit(entry, nameWidth)}
							<Text color={current ? undefined : revealAll || revealed.has(entry) ? undefined : theme.muted}>{fit(valueOf(entry), Math.max(1, width - nameWidth))}</Text>
						</Text>
					);
				})
			)}
			<Box flexGrow={1} />
			<Text color={theme.muted} wrap="truncate">
				{inside ? 'e edit · a add · d delete · v show · V show all · E $EDITOR · Esc back' : 'Enter: the variables · a add · E $EDITOR · V show all · e KMS key'}
			</Text>
			{form}
		</Box>
	);
}
