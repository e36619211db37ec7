// The Layers screen (`:layers`): the account's layers with their latest
// version, Enter for a layer's versions, p to publish a version from a
// directory or .zip, d to delete a version after a question, r to read them
// again. Publishing and deleting are refused in read-only mode.
import {Box, Text} from 'ink';
import React, {useRef, useState} from 'react';
import {describeAwsError} from '../../aws/errors.js';
import {deleteLayerVersion, listLayerVersions, listLayers} from '../../aws/layers.js';
import {formatDateTime} from '../../domain/format.js';
import type {LayerSummary, LayerVersionSummary} from '../../domain/layers.js';
import {ConfirmDialog, useConfirm} from '../components/ConfirmDialog.js';
import {VirtualTable, scrollOffset} from '../components/VirtualTable.js';
import {useConsole, useNotify} from '../context.js';
import {useResource} from '../hooks/useResource.js';
import {layers as keyLayers, useKeys} from '../input.js';
import {bindingFor} from '../keymap.js';
import {PublishForm} from './layers/PublishForm.js';
import {layerColumns, runtimesText, versionColumns} from './layers/columns.js';

export interface LayersScreenProps {
	width: number;
	height: number;
	active: boolean;
	/** Esc from the list of layers: back to the functions. */
	onBack(): void;
}

type Overlay = {kind: 'publish'; layerName: string} | {kind: 'delete'; layerName: string; version: LayerVersionSummary};

/** The row under the cursor within a list that may have shrunk. */
const clamp = (cursor: number, count: number): number => Math.max(0, Math.min(cursor, count - 1));

export function LayersScreen({width, height, active, onBack}: LayersScreenProps) {
	const {clients, session, theme} = useConsole();
	const notify = useNotify();
	/** The layer whose versions are shown; undefined: the list of layers. */
	const [opened, setOpened] = useState<string | undefined>();
	const [layerCursor, setLayerCursor] = useState(0);
	const [versionCursor, setVersionCursor] = useState(0);
	const [overlay, setOverlay] = useState<Overlay | undefined>();
	const [deleting, setDeleting] = useState(false);
	const offsetRef = useRef(0);

	const layerList = useResource((signal) => listLayers(clients, {}, signal), [clients], clients.endpoint);
	const versionList = useResource(
		(signal) => (opened === undefined ? Promise.resolve<LayerVersionSummary[]>([]) : listLayerVersions(clients, opened, {}, signal)),
		[clients, opened],
		clients.endpoint,
	);
	const allLayers = layerList.data ?? [];
	const versions = opened === undefined ? [] : (versionList.data ?? []);
	const inVersions = opened !== undefined;
	const count = inVersions ? versions.length : allLayers.length;
	const cursor = clamp(inVersions ? versionCursor : layerCursor, count);
	const layer: LayerSummary | undefined = inVersions ? undefined : allLayers[cursor];
	const version: LayerVersionSummary | undefined = inVersions ? versions[cursor] : layer?.latest;
	const versionLayerName = inVersions ? opened : layer?.name;

	const reload = (): void => {
		layerList.reload();
		versionList.reload();
	};

	const refuseReadOnly = (what: string): boolean => {
		if (!session.readOnly) return false;
		notify({tone: 'error', text: `Read-only mode: ${what} is off. Start lambdash without --read-only to change layers.`});
		return true;
	};

	const move = (to: number): void => {
		const next = clamp(to, count);
		if (inVersions) setVersionCursor(next);
		else setLayerCursor(next);
	};

	useKeys(
		keyLayers.screen,
		(name) => {
			const binding = bindingFor('layers', name);
			switch (binding?.id) {
				case 'layers-down':
					move(cursor + 1);
					return true;
				case 'layers-up':
					move(cursor - 1);
					return true;
				case 'layers-open':
					if (!inVersions && layer !== undefined) {
						setOpened(layer.name);
						setVersionCursor(0);
					}
					return true;
				case 'layers-back':
					if (inVersions) setOpened(undefined);
					else onBack();
					return true;
				case 'layers-refresh':
					reload();
					notify({tone: 'info', text: 'Reading the layers again…'});
					return true;
				case 'layers-publish':
					if (!refuseReadOnly('publishing layer versions')) setOverlay({kind: 'publish', layerName: opened ?? ''});
					return true;
				case 'layers-delete':
					if (refuseReadOnly('deleting layer versions')) return true;
					if (version === undefined || versionLayerName === undefined) notify({tone: 'info', text: 'No layer version to delete here.'});
					else setOverlay({kind: 'delete', layerName: versionLayerName, version});
					return true;
				default:
					return false;
			}
		},
		active && overlay === undefined,
	);

	useConfirm(active && overlay?.kind === 'delete' ? overlay : undefined, {
		busy: deleting,
		yes: (subject) => {
			if (subject.kind !== 'delete') return;
			setDeleting(true);
			notify({tone: 'progress', text: `Deleting ${subject.layerName} version ${subject.version.version}…`});
			deleteLayerVersion(clients, subject.layerName, subject.version.version).then(
				() => {
					notify({tone: 'success', text: `Deleted ${subject.layerName} version ${subject.version.version}. Functions that use it keep it.`});
					setOverlay(undefined);
					setDeleting(false);
					reload();
				},
				(error: unknown) => {
					notify({tone: 'error', text: `${subject.layerName}: ${describeAwsError(error, clients.endpoint)}`});
					setOverlay(undefined);
					setDeleting(false);
				},
			);
		},
		no: () => {
			setOverlay(undefined);
			notify({tone: 'info', text: 'Nothing deleted.'});
		},
	});

	const loading = inVersions ? versionList.loading : layerList.loading;
	const error = inVersions ? versionList.error : layerList.error;
	const tableHeight = Math.max(2, height - 4);
	const offset = scrollOffset(offsetRef.current, cursor, tableHeight - 1, count);
	offsetRef.current = offset;
	const title = inVersions ? `Layers › ${opened}: versions (${versions.length})` : `Layers (${allLayers.length})`;
	const empty = loading
		? 'Loading…'
		: error !== undefined
			? 'Could not read them (see below). r tries again.'
			: inVersions
				? 'No versions left. p publishes one, Esc goes back.'
				: 'No layers in this region. p publishes a version from a directory or .zip.';
	const about =
		version === undefined
			? ''
			: `${version.arn}  ${formatDateTime(version.created)}${version.license === '' ? '' : `  license: ${version.license}`}`;
	const keysLine = inVersions
		? 'p publish a version · d delete the version · r refresh · Esc the layers'
		: 'Enter versions · p publish · d delete the latest version · r refresh · Esc back';

	let drawn: React.ReactNode = null;
	if (overlay?.kind === 'publish') {
		drawn = (
			<PublishForm
				layerName={overlay.layerName}
				theme={theme}
				width={width}
				height={height}
				active={active}
				onCancel={() => setOverlay(undefined)}
				onPublished={(published) => {
					setOverlay(undefined);
					const name = published.layerArn.split(':').at(-1) ?? overlay.layerName;
					setOpened(name);
					setVersionCursor(0);
					reload();
				}}
			/>
		);
	} else if (overlay?.kind === 'delete') {
		drawn = (
			<ConfirmDialog
				title="Delete layer version"
				question={`Delete ${overlay.layerName} version ${overlay.version.version}?`}
				details={[`Runtimes: ${runtimesText(overlay.version)}`, 'Functions that use it keep it; no new function can add it.', 'It cannot be undone.']}
				theme={theme}
				width={width}
				height={height}
			/>
		);
	}

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate">
				<Text bold color={theme.accent}>
					{title}
				</Text>
				<Text color={theme.muted}>{loading && count > 0 ? '  loading…' : ''}</Text>
			</Text>
			{inVersions ? (
				<VirtualTable rows={versions} columns={versionColumns(width)} selected={cursor} offset={offset} height={tableHeight} theme={theme} empty={empty} rowKey={(row) => row.arn} />
			) : (
				<VirtualTable rows={allLayers} columns={layerColumns(width)} selected={cursor} offset={offset} height={tableHeight} theme={theme} empty={empty} rowKey={(row) => row.arn} />
			)}
			<Text color={error === undefined ? theme.muted : theme.danger} wrap="truncate">
				{error ?? about}
			</Text>
			<Text color={theme.muted} wrap="truncate">
				{version !== undefined && version.description !== '' && !inVersions ? version.description : ''}
			</Text>
			<Text color={theme.muted} wrap="truncate">
				{keysLine}
			</Text>
			{drawn}
		</Box>
	);
}
