// The Code tab: the function's deployment package as a file tree (downloaded
// from GetFunction's Code.Location, kept in a cache by CodeSha256), its code
// size and SHA-256; Enter shows a file with syntax highlighting, e edits it in
// $VISUAL or $EDITOR (the terminal handed over and given back), and u deploys
// the changed files: the package is rebuilt and uploaded with
// UpdateFunctionCode and the RevisionId that was read, and the tab follows the
// update until Lambda has applied it. U deploys a local directory or .zip
// instead; x discards the changes. Packages over Lambda's limits are refused
// before anything is sent. A container image function shows its image and
// image configuration instead of a tree.
import {Box, Text} from 'ink';
import React, {useEffect, useMemo, useState} from 'react';
import {codeCacheDirectory} from '../../../aws/code.js';
import {configDirectory} from '../../../config/test-events.js';
import {
	buildPackage,
	bytesOf,
	changedSummary,
	isBinary,
	packageSizeProblem,
	parentFolder,
	sameBytes,
	textOf,
	treeRows,
	withChanges,
	type CodePackage,
} from '../../../domain/code-package.js';
import {fit, formatBytes, pluralise, wrapWords} from '../../../domain/format.js';
import type {FunctionDetail} from '../../../domain/function-model.js';
import {cleanText} from '../../../domain/sanitize.js';
import {ConfirmDialog, useConfirm} from '../../components/ConfirmDialog.js';
import {Field} from '../../components/Field.js';
import {Form} from '../../components/Form.js';
import {useConsole, useNotify} from '../../context.js';
import {editInEditor} from '../../external-editor.js';
import {useResource} from '../../hooks/useResource.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import {FileView} from './file-view.js';
import {ImageView} from './image-view.js';
import {loadCode} from './load.js';
import {localPathProblem, readLocalPackage, type LocalPackage} from './local-package.js';
import {TreeView} from './tree-view.js';
import {useDeploy} from './use-deploy.js';
import {useCodeViewState, withoutEdits} from './view-state.js';

export interface CodeTabProps {
	detail: FunctionDetail;
	/** Reads the function again (after a deploy). */
	reload(): void;
	width: number;
	height: number;
	active: boolean;
	/** The tab shows something over itself (a file, a form): help lists the reader's keys. */
	onView?(view: 'tree' | 'file'): void;
}

type Overlay =
	| {kind: 'deploy'; zip: Uint8Array; paths: string[]}
	| {kind: 'from'}
	| {kind: 'deploy-local'; local: LocalPackage}
	| {kind: 'discard'};

const readOnlyMessage = 'Read-only mode: changes are off. Start lambdash without --read-only to edit and deploy code.';
const labelWidth = 10;

export function CodeTab({detail, reload, width, height, active, onView}: CodeTabProps) {
	const {clients, session, theme, suspend, configDir} = useConsole();
	const notify = useNotify();
	const name = detail.name;
	const cacheDirectory = useMemo(() => codeCacheDirectory(configDir ?? configDirectory()), [configDir]);
	// Read again whenever the function is (after a deploy, and on r).
	const loaded = useResource((signal) => loadCode(clients, name, cacheDirectory, signal), [clients, name, cacheDirectory, detail], clients.endpoint);
	const [state, update] = useCodeViewState(`${clients.endpoint ?? session.region}|${name}`);
	const [viewing, setViewing] = useState<string>();
	const [overlay, setOverlay] = useState<Overlay>();
	const deploy = useDeploy(detail, reload, cacheDirectory);

	const code = loaded.data;
	const pkg: CodePackage | undefined = code?.kind === 'zip' ? code.package : undefined;
	const filesByPath = useMemo(() => new Map((pkg?.files ?? []).map((file) => [file.path, file])), [pkg]);
	const sizes = useMemo(
		() => (pkg?.files ?? []).map((file) => ({path: file.path, size: state.changes.get(file.path)?.length ?? file.data.length})),
		[pkg, state.changes],
	);
	const changedPaths = useMemo(() => new Set(state.changes.keys()), [state.changes]);
	const rows = useMemo(() => treeRows(sizes, state.open, changedPaths), [sizes, state.open, changedPaths]);
	const found = rows.findIndex((row) => row.path === state.cursor);
	const cursor = found >= 0 ? found : 0;
	const selected = rows[cursor];

	useEffect(() => {
		onView?.(viewing === undefined ? 'tree' : 'file');
	}, [onView, viewing]);
	// A change the package read now already holds (deployed, by this console or another) is no change any more.
	useEffect(() => {
		if (pkg === undefined) return;
		const same = [...state.changes].filter(([path, data]) => {
			const deployed = filesByPath.get(path)?.data;
			return deployed !== undefined && sameBytes(deployed, data);
		});
		if (same.length > 0) update((current) => withoutEdits(current, same));
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [pkg]);

	const contentOf = (path: string): Uint8Array | undefined => state.changes.get(path) ?? filesByPath.get(path)?.data;
	const moveTo = (index: number): void => {
		const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
		if (row !== undefined) update((current) => ({...current, cursor: row.path}));
	};
	const setOpen = (folder: string, open: boolean): void =>
		update((current) => {
			const next = new Set(current.open);
			if (open) next.add(folder);
			else next.delete(folder);
			return {...current, open: next, cursor: open ? current.cursor : folder};
		});

	/** Refuses a change in read-only mode, while a deploy runs, and on a container image function. */
	const mayChange = (): boolean => {
		if (session.readOnly) {
			notify({tone: 'error', text: readOnlyMessage});
			return false;
		}
		if (deploy.busy) {
			notify({tone: 'progress', text: `Still deploying to ${name}: wait for it to finish.`});
			return false;
		}
		if (code?.kind === 'image') {
			notify({tone: 'info', text: `${name} runs a container image: push a new image to change its code.`});
			return false;
		}
		return true;
	};

	const edit = (path: string): void => {
		if (!mayChange()) return;
		const original = filesByPath.get(path)?.data;
		const data = contentOf(path);
		if (data === undefined) return;
		if (isBinary(data)) {
			notify({tone: 'info', text: `${cleanText(path)} is binary (${data.length} bytes): it cannot be edited as text.`});
			return;
		}
		const result = editInEditor(textOf(data), path.split('/').at(-1) ?? 'file', suspend);
		if (result.kind === 'failed') {
			notify({tone: 'error', text: `The editor failed: ${result.message}`});
			return;
		}
		if (result.kind === 'unchanged') {
			notify({tone: 'info', text: `${cleanText(path)} is unchanged.`});
			return;
		}
		const edited = bytesOf(result.text);
		const next = new Map(state.changes);
		if (original !== undefined && sameBytes(original, edited)) next.delete(path);
		else next.set(path, edited);
		update((current) => ({...current, changes: next}));
		notify(
			next.size === 0
				? {tone: 'info', text: `${cleanText(path)} is as deployed again: nothing to deploy.`}
				: {tone: 'info', text: `Edited ${cleanText(path)}: not deployed yet.`},
		);
	};

	const startDeploy = (): void => {
		if (!mayChange() || pkg === undefined) return;
		if (state.changes.size === 0) {
			notify({tone: 'info', text: 'Nothing changed to deploy: e edits a file, U deploys a local directory or .zip.'});
			return;
		}
		const files = withChanges(pkg.files, state.changes);
		const unzipped = files.reduce((sum, file) => sum + file.data.length, 0);
		const early = packageSizeProblem(0, unzipped);
		if (early !== undefined) {
			notify({tone: 'error', text: `Not deployed: ${early}`});
			return;
		}
		const zip = buildPackage(files);
		const problem = packageSizeProblem(zip.length, unzipped);
		if (problem !== undefined) {
			notify({tone: 'error', text: `Not deployed: ${problem}`});
			return;
		}
		setOverlay({kind: 'deploy', zip, paths: [...state.changes.keys()].sort()});
	};

	const runDeploy = (zip: Uint8Array, label: string, deployed: ReadonlyMap<string, Uint8Array> | 'all'): void => {
		setOverlay(undefined);
		void deploy.run(zip, label).then((ok) => {
			// Only what was deployed: a file edited again meanwhile stays changed.
			if (ok) update((current) => (deployed === 'all' ? {...current, changes: new Map()} : withoutEdits(current, deployed)));
		});
	};

	const deployLocal = (values: Record<string, string>): void => {
		try {
			const local = readLocalPackage(values['path'] ?? '');
			setOverlay({kind: 'deploy-local', local});
		} catch (error) {
			setOverlay(undefined);
			notify({tone: 'error', text: `Not deployed: ${(error as Error).message}`});
		}
	};

	useConfirm(overlay?.kind === 'deploy' || overlay?.kind === 'deploy-local' || overlay?.kind === 'discard' ? overlay : undefined, {
		yes(subject) {
			if (subject.kind === 'deploy') runDeploy(subject.zip, changedSummary(subject.paths.length).replace(' changed', ''), new Map(state.changes));
			else if (subject.kind === 'deploy-local') runDeploy(subject.local.zip, subject.local.path, 'all');
			else if (subject.kind === 'discard') {
				setOverlay(undefined);
				update((current) => ({...current, changes: new Map()}));
				notify({tone: 'info', text: `Discarded the changes to ${name}'s code.`});
			}
		},
		no() {
			setOverlay(undefined);
		},
	});

	useKeys(
		layers.tab,
		(keyName) => {
			const binding = bindingFor('code', keyName);
			if (binding === undefined) return false;
			if (binding.dangerous && session.readOnly) {
				notify({tone: 'error', text: readOnlyMessage});
				return true;
			}
			switch (binding.id) {
				case 'code-down':
					moveTo(cursor + 1);
					return true;
				case 'code-up':
					moveTo(cursor - 1);
					return true;
				case 'code-open':
					if (selected === undefined) return true;
					if (selected.kind === 'folder') setOpen(selected.path, !selected.open);
					else {
						const data = contentOf(selected.path);
						if (data !== undefined && isBinary(data)) notify({tone: 'info', text: `${cleanText(selected.path)}: binary, ${data.length} bytes (not shown as text).`});
						else if (data !== undefined) setViewing(selected.path);
					}
					return true;
				case 'code-close-folder': {
					if (selected === undefined) return true;
					if (selected.kind === 'folder' && selected.open) setOpen(selected.path, false);
					else {
						const parent = parentFolder(selected.path);
						if (parent !== '') setOpen(parent, false);
					}
					return true;
				}
				case 'code-edit':
					if (selected?.kind === 'file') edit(selected.path);
					else if (code?.kind === 'image') mayChange();
					else if (selected !== undefined) notify({tone: 'info', text: 'Choose a file to edit: Enter opens the folder.'});
					return true;
				case 'code-deploy':
					startDeploy();
					return true;
				case 'code-deploy-from':
					if (mayChange()) setOverlay({kind: 'from'});
					return true;
				case 'code-discard':
					if (state.changes.size === 0) notify({tone: 'info', text: 'Nothing to discard: no file is changed.'});
					else setOverlay({kind: 'discard'});
					return true;
				default:
					return false;
			}
		},
		active && overlay === undefined && viewing === undefined,
	);

	if (viewing !== undefined) {
		const data = contentOf(viewing);
		if (data !== undefined) {
			return (
				<FileView
					key={viewing}
					path={cleanText(viewing)}
					data={data}
					changed={state.changes.has(viewing)}
					theme={theme}
					width={width}
					height={height}
					active={active && overlay === undefined}
					onClose={() => setViewing(undefined)}
					onEdit={() => edit(viewing)}
				/>
			);
		}
	}

	const header: React.ReactNode[] = [];
	let body: React.ReactNode;
	if (code === undefined) {
		body = loaded.error ? (
			wrapWords(loaded.error, width)
				.slice(0, Math.max(1, height - 2))
				.map((line, index) => (
					// eslint-disable-next-line react/no-array-index-key
					<Text key={index} color={theme.danger}>
						{line}
					</Text>
				))
		) : (
			<Text color={theme.muted}>{`Downloading ${name}'s deployment package…`}</Text>
		);
	} else if (code.kind === 'image') {
		body = <ImageView image={code} theme={theme} width={width} height={Math.max(1, height - 1)} />;
	} else {
		const files = code.package.files.length;
		header.push(
			<Field key="size" label="Code size" theme={theme} labelWidth={labelWidth}>
				{`${formatBytes(detail.codeSize)} zipped · ${pluralise(files, 'file')}, ${formatBytes(code.package.unzippedSize)} unzipped`}
			</Field>,
			<Field key="sha" label="SHA-256" theme={theme} labelWidth={labelWidth}>
				{detail.codeSha256}
			</Field>,
		);
		if (loaded.error) {
			header.push(
				<Text key="error" color={theme.danger} wrap="truncate">
					{loaded.error}
				</Text>,
			);
		}
		const treeHeight = Math.max(1, height - header.length - 2);
		body =
			rows.length === 0 ? (
				<Text color={theme.muted}>The package holds no files.</Text>
			) : (
				<TreeView rows={rows} cursor={cursor} focused theme={theme} width={width} height={treeHeight} />
			);
	}

	let footer: {text: string; color: (typeof theme)['accent']};
	if (deploy.busy && deploy.status !== undefined) footer = {text: deploy.status.text, color: theme.warning};
	else if (state.changes.size > 0) footer = {text: `${changedSummary(state.changes.size)}: u deploys, x discards`, color: theme.warning};
	else if (code?.kind === 'zip') footer = {text: 'Enter open · e edit · U deploy a directory or .zip · r reload', color: theme.muted};
	else footer = {text: '', color: theme.muted};

	return (
		<Box flexDirection="column" width={width} height={height}>
			{header}
			{body}
			<Box flexGrow={1} />
			<Text color={footer.color}>{fit(footer.text, width)}</Text>
			{overlay?.kind === 'from' ? (
				<Form
					title={`Deploy to ${name} from this machine`}
					fields={[
						{
							id: 'path',
							label: 'Directory or .zip',
							value: '',
							hint: 'e.g. ./dist or build/function.zip (.git is left out)',
							validate: (value) => localPathProblem(value),
						},
					]}
					theme={theme}
					width={width}
					height={height}
					active={active}
					onSubmit={deployLocal}
					onCancel={() => setOverlay(undefined)}
				/>
			) : null}
			{overlay?.kind === 'deploy' ? (
				<ConfirmDialog
					title="Deploy"
					question={`Deploy ${pluralise(overlay.paths.length, 'changed file')} to ${name}?`}
					details={[
						...overlay.paths.slice(0, 5).map((path) => `● ${cleanText(path)}`),
						...(overlay.paths.length > 5 ? [`and ${overlay.paths.length - 5} more`] : []),
						`The package (${formatBytes(overlay.zip.length)}) is uploaded with UpdateFunctionCode.`,
					]}
					theme={theme}
					width={width}
					height={height}
				/>
			) : null}
			{overlay?.kind === 'deploy-local' ? (
				<ConfirmDialog
					title="Deploy"
					question={`Replace ${name}'s code with ${overlay.local.kind === 'zip' ? 'this .zip' : 'this directory'}?`}
					details={[
						...wrapWords(cleanText(overlay.local.path), Math.max(20, width - 12)).slice(0, 3),
						`${pluralise(overlay.local.files, 'file')}, ${formatBytes(overlay.local.zip.length)} zipped, ${formatBytes(overlay.local.unzippedSize)} unzipped.`,
						...(state.changes.size > 0 ? [`The ${pluralise(state.changes.size, 'changed file')} here ${state.changes.size === 1 ? 'is' : 'are'} dropped too.`] : []),
					]}
					theme={theme}
					width={width}
					height={height}
				/>
			) : null}
			{overlay?.kind === 'discard' ? (
				<ConfirmDialog
					title="Discard"
					question={`Discard ${changedSummary(state.changes.size)}?`}
					details={['The files go back to what is deployed; your edits are lost.']}
					theme={theme}
					width={width}
					height={height}
				/>
			) : null}
		</Box>
	);
}
