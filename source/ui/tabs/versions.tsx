// The Versions tab, as in the Lambda console: $LATEST and the published
// versions (newest first) with their description, when they were made, code
// SHA-256, runtime, memory, state and the aliases that point to them. Enter
// shows a version's configuration (read-only); p publishes $LATEST with a
// description, sending the CodeSha256 and RevisionId that were read so that a
// change made meanwhile is refused, and says so when nothing changed since the
// last version (Lambda then gives that one back); d deletes a version after a
// question, and explains why Lambda refuses while an alias points to it.
import {Box, Text} from 'ink';
import React, {useRef, useState} from 'react';
import {describeAwsError, errorName} from '../../aws/errors.js';
import {deleteVersion, publishVersion} from '../../aws/versions.js';
import {aliasesBlocking, aliasesOf, descriptionProblem, newestFirst, type FunctionVersion} from '../../domain/aliases.js';
import {fit, formatAge, formatDateTime} from '../../domain/format.js';
import type {FunctionDetail} from '../../domain/function-model.js';
import {descriptionMaxLength} from '../../domain/limits.js';
import {ConfirmDialog} from '../components/ConfirmDialog.js';
import {Field} from '../components/Field.js';
import {Form} from '../components/Form.js';
import {scrollOffset, VirtualTable, type Column} from '../components/VirtualTable.js';
import {useConsole, useNotify} from '../context.js';
import {layers, useKeys} from '../input.js';
import {bindingFor} from '../keymap.js';
import {ConfigurationView} from './versions/configuration-view.js';
import {useChanges, useDeleteQuestion, useVersionsAndAliases} from './versions/use-versions.js';
import {useListCursor} from './versions/use-list-cursor.js';

export interface VersionsTabProps {
	detail: FunctionDetail;
	reload(): void;
	width: number;
	height: number;
	active: boolean;
}

type Overlay = {kind: 'publish'} | {kind: 'delete'; version: string} | {kind: 'open'; version: string};

/** Lambda's refusal to delete a version an alias points to, with what to do about it (the names first: the message row is one line). */
function explainDeleteRefusal(error: unknown, version: string): string | undefined {
	if (errorName(error) !== 'ResourceConflictException' || !(error instanceof Error) || !/alias/i.test(error.message)) return undefined;
	const names = /\[([^\]]*)\]/.exec(error.message)?.[1];
	const which = names === undefined ? 'aliases point' : names.includes(',') ? `aliases ${names} point` : `alias ${names} points`;
	return `Lambda refused: ${which} to version ${version}. Repoint or delete first (6 Aliases). Lambda said: ${error.message}`;
}

/** Lambda's refusal to publish because $LATEST changed since it was read. */
function isChangedMeanwhile(error: unknown): boolean {
	const name = errorName(error);
	return name === 'PreconditionFailedException' || (name === 'InvalidParameterValueException' && error instanceof Error && /CodeSHA256/i.test(error.message));
}

export function VersionsTab({detail, reload, width, height, active}: VersionsTabProps) {
	const {clients, theme} = useConsole();
	const notify = useNotify();
	const {name} = detail;
	const lists = useVersionsAndAliases(detail, true);
	const versions = newestFirst(lists.data?.versions ?? []);
	const aliases = lists.data?.aliases ?? [];
	const changes = useChanges();
	// The cursor goes to a version just published once the list holds it.
	const {cursor, selected, setCursor, select: setWanted} = useListCursor(versions, (entry) => entry.version);
	const offsetRef = useRef(0);
	const [overlay, setOverlay] = useState<Overlay>();
	const count = versions.length;

	const startDelete = (entry: FunctionVersion): void => {
		if (entry.version === '$LATEST') {
			notify({tone: 'error', text: '$LATEST is the function itself and is not deleted alone: X deletes the function.'});
			return;
		}
		const blocking = aliasesBlocking(entry.version, aliases);
		if (blocking.length > 0) {
			const which = blocking.length === 1 ? `Alias ${blocking[0] ?? ''} points` : `Aliases ${blocking.join(', ')} point`;
			const them = blocking.length === 1 ? 'it' : 'them';
			notify({
				tone: 'error',
				text: `${which} to version ${entry.version}: repoint ${them} (6 Aliases, e) or delete ${them} first. Lambda keeps a version an alias uses.`,
			});
			return;
		}
		setOverlay({kind: 'delete', version: entry.version});
	};

	useKeys(
		layers.tab,
		(key) => {
			const binding = bindingFor('versions', key);
			if (binding === undefined) return false;
			if (binding.dangerous === true && !changes.allowed()) return true;
			switch (binding.id) {
				case 'versions-down':
					setCursor((value) => Math.min(Math.max(0, count - 1), value + 1));
					return true;
				case 'versions-up':
					setCursor((value) => Math.max(0, value - 1));
					return true;
				case 'versions-open':
					if (selected !== undefined) setOverlay({kind: 'open', version: selected.version});
					return true;
				case 'versions-publish':
					setOverlay({kind: 'publish'});
					return true;
				case 'versions-delete':
					if (selected !== undefined) startDelete(selected);
					return true;
				default:
					return false;
			}
		},
		active && overlay === undefined,
	);

	useDeleteQuestion(active && overlay?.kind === 'delete' ? overlay.version : undefined, {
		changes,
		what: 'version',
		functionName: name,
		remove: async (version) => deleteVersion(clients, name, version),
		explain: explainDeleteRefusal,
		onClosed: () => setOverlay(undefined),
		reload: lists.reload,
	});

	const publish = (description: string): void => {
		if (!changes.allowed()) return;
		const known = new Set(versions.map((entry) => entry.version));
		void changes
			.run(`Publishing a version of ${name} from $LATEST…`, async () =>
				publishVersion(clients, name, {description, codeSha256: detail.codeSha256, revisionId: detail.revisionId}),
			)
			.then(
				(published) => {
					setOverlay(undefined);
					setWanted(published.version);
					if (known.has(published.version)) {
						notify({
							tone: 'info',
							text: `Nothing changed since version ${published.version}: Lambda gave that one back, no new version. Change $LATEST first.`,
						});
					} else {
						notify({tone: 'success', text: `Published version ${published.version} of ${name}.`});
					}
					lists.reload();
					reload();
				},
				(error: unknown) => {
					if (isChangedMeanwhile(error)) {
						notify({
							tone: 'error',
							text: `$LATEST changed since it was read: nothing published. Enter publishes it as it is now.`,
						});
						reload();
						return;
					}
					notify({tone: 'error', text: `${name}: ${describeAwsError(error, clients.endpoint)}`});
				},
			);
	};

	if (overlay?.kind === 'open') {
		return (
			<ConfigurationView
				functionName={name}
				target={{kind: 'version', version: overlay.version}}
				width={width}
				height={height}
				active={active}
				onClose={() => setOverlay(undefined)}
			/>
		);
	}

	const fixed = 7 + 8 + 7 + 10 + 5 + 6 + 12 + 7;
	const columns: Array<Column<FunctionVersion>> = [
		{title: 'Version', width: 7, value: (row) => row.version, strong: (row) => row.version !== '$LATEST'},
		{title: 'Description', width: Math.max(8, width - fixed), value: (row) => row.description || '-'},
		{title: 'Modified', width: 8, value: (row) => formatAge(row.lastModified)},
		{title: 'SHA-256', width: 7, value: (row) => row.codeSha256.slice(0, 7)},
		{title: 'Runtime', width: 10, value: (row) => row.runtime},
		{title: 'MB', width: 5, align: 'right', value: (row) => String(row.memoryMb)},
		{title: 'State', width: 6, value: (row) => row.state, color: (row) => (row.state === 'Active' ? undefined : row.state === 'Failed' ? theme.danger : theme.warning)},
		{title: 'Aliases', width: 12, value: (row) => aliasesOf(row.version, aliases).join(', ') || '-'},
	];
	const panelRows = 4;
	const tableHeight = Math.max(2, height - panelRows - 2);
	const visible = Math.max(1, tableHeight - 1);
	const first = scrollOffset(offsetRef.current, cursor, visible, count);
	offsetRef.current = first;
	const selectedAliases = selected === undefined ? [] : aliasesOf(selected.version, aliases);

	let table: React.ReactNode;
	if (lists.error && lists.data === undefined) {
		table = (
			<Text color={theme.danger} wrap="wrap">
				{`Could not read the versions of ${name}: ${lists.error}`}
			</Text>
		);
	} else if (lists.data === undefined) {
		table = <Text color={theme.muted}>{`Reading the versions of ${name}…`}</Text>;
	} else {
		table = (
			<VirtualTable
				rows={versions}
				columns={columns}
				selected={cursor}
				offset={first}
				height={tableHeight}
				theme={theme}
				empty="No versions."
				rowKey={(row) => row.version}
			/>
		);
	}
	const published = versions.length - (versions.some((entry) => entry.version === '$LATEST') ? 1 : 0);
	const footer = changes.busy ? 'Saving…' : `${lists.data !== undefined && published === 0 ? 'No version published yet · ' : ''}Enter configuration · p publish $LATEST · d delete`;
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
					<Field label={selected.version === '$LATEST' ? '$LATEST' : `Version ${selected.version}`} theme={theme}>
						{selected.description || '-'}
					</Field>
					<Field label="Modified" theme={theme}>
						{formatDateTime(selected.lastModified)}
					</Field>
					<Field label="Code SHA-256" theme={theme}>
						{selected.codeSha256}
					</Field>
					<Field label="Aliases" theme={theme}>
						{selectedAliases.length === 0 ? 'none point to it' : selectedAliases.join(', ')}
					</Field>
				</Box>
			)}
			<Text color={theme.muted} wrap="truncate">
				{fit(footer, width)}
			</Text>
			{overlay?.kind === 'publish' ? (
				<Form
					title={`Publish a new version of ${name} from $LATEST`}
					fields={[
						{
							id: 'description',
							label: 'Version description',
							value: '',
							hint: `Optional, up to ${descriptionMaxLength} characters`,
							validate: (text) => descriptionProblem(text),
						},
					]}
					theme={theme}
					width={width}
					height={height}
					active={active && !changes.busy}
					onSubmit={(values) => publish(values['description'] ?? '')}
					onCancel={() => setOverlay(undefined)}
				/>
			) : null}
			{overlay?.kind === 'delete' ? (
				<ConfirmDialog
					title="Delete version"
					question={`Delete version ${overlay.version} of ${name}?`}
					details={['Its code and configuration are deleted for good;', '$LATEST and the other versions stay.']}
					theme={theme}
					width={width}
					height={height}
				/>
			) : null}
		</Box>
	);
}
