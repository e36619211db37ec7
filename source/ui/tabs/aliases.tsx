// The Aliases tab, as in the Lambda console: each alias with the version it
// points to (and a second version with its weight), its description, and its
// routing drawn as a bar of block characters ("v1 ████████░░ v2 80% / 20%",
// two glyphs so it reads in 16 colours and without colour). Enter shows the
// configuration the alias points to, with its routing and function URL; a
// creates an alias and e edits one in a form checked before anything is sent
// (the name pattern, versions that exist, weights 0.0-1.0 or 0%-100%, no
// $LATEST in weighted routing); e sends the alias's RevisionId, so a change
// made meanwhile is refused; d deletes an alias after a question.
import {Box, Text} from 'ink';
import React, {useRef, useState} from 'react';
import {describeAwsError, errorName, withFormAdvice} from '../../aws/errors.js';
import {createAlias, deleteAlias, updateAlias} from '../../aws/versions.js';
import {
	aliasNameProblem,
	aliasSettingsOf,
	aliasVersions,
	descriptionProblem,
	formatPercent,
	latestPublished,
	publishedVersions,
	routingBar,
	secondVersionProblem,
	versionProblem,
	weightProblem,
	type FunctionAlias,
} from '../../domain/aliases.js';
import {fit} from '../../domain/format.js';
import type {FunctionDetail} from '../../domain/function-model.js';
import {descriptionMaxLength} from '../../domain/limits.js';
import {ConfirmDialog} from '../components/ConfirmDialog.js';
import {Field} from '../components/Field.js';
import {Form, type FormField} from '../components/Form.js';
import {scrollOffset, VirtualTable, type Column} from '../components/VirtualTable.js';
import {useConsole, useNotify} from '../context.js';
import {layers, useKeys} from '../input.js';
import {bindingFor} from '../keymap.js';
import {ConfigurationView} from './versions/configuration-view.js';
import {useChanges, useDeleteQuestion, useVersionsAndAliases} from './versions/use-versions.js';
import {useListCursor} from './versions/use-list-cursor.js';

export interface AliasesTabProps {
	detail: FunctionDetail;
	reload(): void;
	width: number;
	height: number;
	active: boolean;
}

type Overlay = {kind: 'create'} | {kind: 'edit'; alias: string} | {kind: 'delete'; alias: string} | {kind: 'open'; alias: FunctionAlias};

export function AliasesTab({detail, width, height, active}: AliasesTabProps) {
	const {clients, theme} = useConsole();
	const notify = useNotify();
	const {name} = detail;
	const lists = useVersionsAndAliases(detail);
	const aliases = lists.data?.aliases ?? [];
	const published = publishedVersions(lists.data?.versions ?? []);
	const changes = useChanges();
	// The cursor goes to an alias just created once the list holds it.
	const {cursor, selected, setCursor, select: setWanted} = useListCursor(aliases, (alias) => alias.name);
	const offsetRef = useRef(0);
	const [overlay, setOverlay] = useState<Overlay>();
	const count = aliases.length;

	useKeys(
		layers.tab,
		(key) => {
			const binding = bindingFor('aliases', key);
			if (binding === undefined) return false;
			if (binding.dangerous === true && !changes.allowed()) return true;
			switch (binding.id) {
				case 'aliases-down':
					setCursor((value) => Math.min(Math.max(0, count - 1), value + 1));
					return true;
				case 'aliases-up':
					setCursor((value) => Math.max(0, value - 1));
					return true;
				case 'aliases-open':
					if (selected !== undefined) setOverlay({kind: 'open', alias: selected});
					return true;
				case 'aliases-create':
					if (lists.data === undefined) notify({tone: 'progress', text: `Still reading the versions of ${name}: a moment.`});
					else setOverlay({kind: 'create'});
					return true;
				case 'aliases-edit':
					if (selected === undefined) notify({tone: 'error', text: `${name} has no alias to edit: a creates one.`});
					else setOverlay({kind: 'edit', alias: selected.name});
					return true;
				case 'aliases-delete':
					if (selected !== undefined) setOverlay({kind: 'delete', alias: selected.name});
					return true;
				default:
					return false;
			}
		},
		active && overlay === undefined,
	);

	useDeleteQuestion(active && overlay?.kind === 'delete' ? overlay.alias : undefined, {
		changes,
		what: 'alias',
		functionName: name,
		remove: async (alias) => deleteAlias(clients, name, alias),
		onClosed: () => setOverlay(undefined),
		reload: lists.reload,
	});

	const save = (values: Record<string, string>): void => {
		if (!changes.allowed()) return;
		const settings = aliasSettingsOf(values);
		if (settings === undefined || overlay === undefined) return;
		const routing = settings.additional === undefined ? `version ${settings.functionVersion}` : `${aliasVersions(settings)}`;
		if (overlay.kind === 'create') {
			const alias = (values['name'] ?? '').trim();
			void changes
				.run(`Creating alias ${alias} of ${name}…`, async () => createAlias(clients, name, alias, settings))
				.then(
					() => {
						setOverlay(undefined);
						setWanted(alias);
						notify({tone: 'success', text: `Created alias ${alias} of ${name}: ${routing}.`});
						lists.reload();
					},
					(error: unknown) => notify({tone: 'error', text: `${name}: ${describeAwsError(withFormAdvice(error), clients.endpoint)}`}),
				);
			return;
		}
		if (overlay.kind !== 'edit') return;
		const alias = overlay.alias;
		const current = aliases.find((entry) => entry.name === alias);
		void changes
			.run(`Saving alias ${alias} of ${name}…`, async () => updateAlias(clients, name, alias, settings, current?.revisionId ?? ''))
			.then(
				() => {
					setOverlay(undefined);
					notify({tone: 'success', text: `Saved alias ${alias} of ${name}: ${routing}.`});
					lists.reload();
				},
				(error: unknown) => {
					if (errorName(error) === 'PreconditionFailedException') {
						notify({
							tone: 'error',
							text: `Someone changed alias ${alias} first: nothing saved, theirs is listed. Enter saves yours, Esc keeps theirs.`,
						});
						lists.reload();
						return;
					}
					notify({tone: 'error', text: `${name}: ${describeAwsError(withFormAdvice(error), clients.endpoint)}`});
				},
			);
	};

	if (overlay?.kind === 'open') {
		return (
			<ConfigurationView
				functionName={name}
				target={{kind: 'alias', alias: overlay.alias}}
				width={width}
				height={height}
				active={active}
				onClose={() => setOverlay(undefined)}
			/>
		);
	}

	// The columns: the bar takes what the name, versions and a short description leave, 8 to 20 cells.
	const nameWidth = 14;
	const versionsWidth = 14;
	const labelsWidth = Math.max(0, ...aliases.map((alias) => routingBar(alias, 0).length));
	const cells = Math.max(8, Math.min(20, width - nameWidth - versionsWidth - labelsWidth - 16 - 3));
	const routingWidth = labelsWidth + cells;
	const columns: Array<Column<FunctionAlias>> = [
		{title: 'Name', width: nameWidth, value: (row) => row.name, strong: () => true},
		{title: 'Version', width: versionsWidth, value: (row) => aliasVersions(row)},
		{title: 'Routing', width: routingWidth, value: (row) => routingBar(row, cells)},
		{title: 'Description', width: Math.max(8, width - nameWidth - versionsWidth - routingWidth - 3), value: (row) => row.description || '-'},
	];
	const panelRows = 3;
	const tableHeight = Math.max(2, height - panelRows - 2);
	const visible = Math.max(1, tableHeight - 1);
	const first = scrollOffset(offsetRef.current, cursor, visible, count);
	offsetRef.current = first;

	let table: React.ReactNode;
	if (lists.error && lists.data === undefined) {
		table = (
			<Text color={theme.danger} wrap="wrap">
				{`Could not read the aliases of ${name}: ${lists.error}`}
			</Text>
		);
	} else if (lists.data === undefined) {
		table = <Text color={theme.muted}>{`Reading the aliases of ${name}…`}</Text>;
	} else {
		table = (
			<VirtualTable
				rows={aliases}
				columns={columns}
				selected={cursor}
				offset={first}
				height={tableHeight}
				theme={theme}
				empty={`No aliases. a creates one: a name for a version${published.length === 0 ? ' (publish one in 7 Versions)' : ''}.`}
				rowKey={(row) => row.name}
			/>
		);
	}

	let form: React.ReactNode = null;
	if (overlay?.kind === 'create' || overlay?.kind === 'edit') {
		const editing = overlay.kind === 'edit' ? aliases.find((alias) => alias.name === overlay.alias) : undefined;
		const range = published.length === 0 ? '$LATEST (no version published yet)' : `$LATEST or ${published[0] ?? ''}${published.length > 1 ? ` to ${published[published.length - 1] ?? ''}` : ''}`;
		const fields: FormField[] = [
			...(overlay.kind === 'create'
				? [
						{
							id: 'name',
							label: 'Name',
							value: '',
							hint: 'Letters, digits, - and _, e.g. live',
							validate: (text: string) => {
								const problem = aliasNameProblem(text.trim());
								if (problem !== undefined) return problem;
								return aliases.some((alias) => alias.name === text.trim()) ? `${name} has an alias ${text.trim()} already: e edits it` : undefined;
							},
						},
					]
				: []),
			{
				id: 'description',
				label: 'Description',
				value: editing?.description ?? '',
				hint: `Optional, up to ${descriptionMaxLength} characters`,
				validate: (text) => descriptionProblem(text),
			},
			{
				id: 'version',
				label: 'Version',
				value: editing?.functionVersion ?? latestPublished(lists.data?.versions ?? []) ?? '$LATEST',
				hint: range,
				validate: (text) => versionProblem(text, published),
			},
			{
				id: 'second',
				label: 'Second version',
				value: editing?.additional?.version ?? '',
				hint: 'Optional: weighted routing to another version',
				validate: (text, values) => secondVersionProblem(text, values['version'] ?? '', published),
			},
			{
				id: 'weight',
				label: 'Its weight',
				value: editing?.additional === undefined ? '' : formatPercent(editing.additional.weight),
				hint: 'The second version\'s share: 0.0-1.0 or 0%-100%',
				validate: (text, values) => weightProblem(text, values['second'] ?? ''),
			},
		];
		form = (
			<Form
				// A new form for each alias, so one's values never show in another's.
				key={overlay.kind === 'edit' ? `edit ${overlay.alias}` : 'create'}
				title={overlay.kind === 'create' ? `Create an alias of ${name}` : `Edit alias ${overlay.alias} of ${name}`}
				fields={fields}
				theme={theme}
				width={width}
				height={height}
				active={active && !changes.busy}
				onSubmit={save}
				onCancel={() => setOverlay(undefined)}
			/>
		);
	} else if (overlay?.kind === 'delete') {
		form = (
			<ConfirmDialog
				title="Delete alias"
				question={`Delete alias ${overlay.alias} of ${name}?`}
				details={['Whatever invokes it by name fails until it is made again;', 'the versions it points to stay.']}
				theme={theme}
				width={width}
				height={height}
			/>
		);
	}

	const footer = changes.busy ? 'Saving…' : 'Enter configuration · a create · e edit · d delete';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Box height={tableHeight} flexDirection="column">
				{table}
			</Box>
			<Text color={theme.muted}>{'─'.repeat(Math.max(0, width))}</Text>
			{selected === undefined ? (
				<Box height={panelRows} />
			) : (
				<Box flexDirection="column" height={panelRows}>
					<Field label={`Alias ${selected.name}`} theme={theme} labelWidth={Math.min(30, Math.max(14, selected.name.length + 8))}>
						{routingBar(selected)}
					</Field>
					<Field label="Description" theme={theme}>
						{selected.description || '-'}
					</Field>
					<Field label="ARN" theme={theme}>
						{selected.arn}
					</Field>
				</Box>
			)}
			<Text color={theme.muted} wrap="truncate">
				{fit(footer, width)}
			</Text>
			{form}
		</Box>
	);
}
