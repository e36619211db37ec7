// File systems: the EFS access point the function mounts and the path under
// /mnt it mounts it at (FileSystemConfigs, at most one), saved like every other
// setting (useConfigurationSave: the RevisionId, progress, and a change
// someone else made first shown side by side). `e` opens a form of the ARN and the mount
// path, checked before anything is sent (checkFileSystemForm), including
// Lambda's rule that the function runs in a VPC, which the VPC section sets;
// a refusal keeps what was typed and shows every problem under the form.
// `d` removes the file system after asking. On the local Lambda the section
// also tells where the files are (DATA/file-systems/<access point ID>/) and
// the LAMBDASH_MOUNT_<NAME> variable the function finds them by.
import {join} from 'node:path';
import {Box, Text} from 'ink';
import React from 'react';
import {accessPointId, checkFileSystemForm, mountVariableName, type FileSystemConfig} from '../../../domain/file-systems.js';
import {breakLines, fit, truncate, wrapWords} from '../../../domain/format.js';
import {cleanText} from '../../../domain/sanitize.js';
import {BoxTop} from '../../components/BoxTop.js';
import {ConfirmDialog, useConfirm} from '../../components/ConfirmDialog.js';
import {Field} from '../../components/Field.js';
import {Form, rowsUnderForm, type FormField} from '../../components/Form.js';
import {useConsole, useNotify} from '../../context.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {SectionProps} from './sections.js';
import {useSectionOverlay} from './useSectionOverlay.js';

const labelWidth = 14;

/** The form (with the problems of its last refused save) or the question before removing. */
type Overlay = {kind: 'form'; problems: string[]} | {kind: 'remove'; config: FileSystemConfig};

export function FileSystemsSection(props: SectionProps) {
	const {detail, save, theme, width, height, screenWidth, paneLeft, active} = props;
	const {session} = useConsole();
	const notify = useNotify();
	const {overlay, open, frame} = useSectionOverlay<Overlay>(props);
	const local = session.target.kind === 'local' ? session.target : undefined;
	const inVpc = detail.vpc.subnetIds.length > 0;

	const current = detail.fileSystems[0];

	/** Sends the function's file systems through the one save path, and waits while Lambda applies them. */
	const apply = async (label: string, configs: FileSystemConfig[]): Promise<boolean> => (await save.save(label, {fileSystems: configs})) !== 'failed';

	useKeys(
		layers.section,
		(name) => {
			switch (bindingFor('configuration', name)?.id) {
				case 'edit':
					open({kind: 'form', problems: []});
					return true;
				case 'delete': {
					const config = current;
					if (config === undefined) notify({tone: 'info', text: `${detail.name} has no file system to remove: e adds one.`});
					else open({kind: 'remove', config});
					return true;
				}
				default:
					return false;
			}
		},
		active && overlay === undefined,
	);

	useConfirm(active && overlay?.kind === 'remove' ? overlay.config : undefined, {
		yes: (config) => {
			void apply(`removing the file system ${accessPointId(config.arn)}`, []).then((done) => {
				if (done) open(undefined);
			});
		},
		no: () => open(undefined),
		// While the removal is saved, keys wait: they must not reach the screen behind.
		busy: save.busy,
	});

	// While the form's change is saved, keys wait: they must not reach the screen behind.
	useKeys(layers.overlay, () => true, active && overlay?.kind === 'form' && save.busy);

	const submit = (values: Record<string, string>): void => {
		const config: FileSystemConfig = {arn: (values['arn'] ?? '').trim(), localMountPath: (values['path'] ?? '').trim()};
		// The format problems, then Lambda's VPC rule, which the VPC section satisfies.
		const formatProblems = checkFileSystemForm(config, true);
		const problems = checkFileSystemForm(config, inVpc).map((problem) =>
			formatProblems.includes(problem) ? problem : `${problem} The VPC section (e there) sets them.`,
		);
		if (problems.length > 0) {
			open({kind: 'form', problems});
			notify({tone: 'error', text: `Not saved: ${problems[0] ?? ''}`});
			return;
		}
		if (current !== undefined && current.arn === config.arn && current.localMountPath === config.localMountPath) {
			open(undefined);
			notify({tone: 'info', text: `${detail.name}'s file system is unchanged.`});
			return;
		}
		open({kind: 'form', problems: []});
		void apply(`file system ${accessPointId(config.arn)} at ${config.localMountPath}`, [config]).then((done) => {
			if (done) open(undefined);
		});
	};

	let layer: React.ReactNode = null;
	if (overlay?.kind === 'form') {
		const fields: FormField[] = [
			{id: 'arn', label: 'Access point ARN', value: current?.arn ?? '', hint: 'arn:aws:elasticfilesystem:<region>:<account>:access-point/fsap-<17 hex>'},
			{id: 'path', label: 'Local mount path', value: current?.localMountPath ?? '', hint: '/mnt/ and a name of letters, digits, - _ . (like /mnt/efs)'},
		];
		// Every problem of the last refused save, in full, just under the form (the message row cuts long lines).
		const inner = Math.max(20, Math.min(screenWidth - 4, 76));
		const under = rowsUnderForm(height, fields.length);
		const left = Math.max(0, Math.floor((screenWidth - inner - 2) / 2)) - paneLeft;
		const room = under - 2;
		const wrapped = overlay.problems.flatMap((problem) => wrapWords(cleanText(problem), inner - 4).map((line, index) => `${index === 0 ? '• ' : '  '}${line}`));
		const shown = wrapped.length > room ? [...wrapped.slice(0, Math.max(0, room - 1)), '  …'] : wrapped;
		layer = (
			<>
				<Form key="form" title={current ? `File system of ${detail.name}` : `Add a file system to ${detail.name}`} fields={fields} {...frame} onSubmit={submit} />
				{shown.length > 0 && room > 0 ? (
					<Box key="problems" position="absolute" marginTop={height - under} marginLeft={left} flexDirection="column">
						<BoxTop title="Not saved" inner={inner} color={theme.danger} />
						{shown.map((line, index) => (
							<Text key={index}>
								<Text color={theme.danger}>{'│'}</Text>
								{fit(` ${line}`, inner)}
								<Text color={theme.danger}>{'│'}</Text>
							</Text>
						))}
						<Text color={theme.danger}>{`└${'─'.repeat(inner)}┘`}</Text>
					</Box>
				) : null}
			</>
		);
	} else if (overlay?.kind === 'remove') {
		layer = (
			<ConfirmDialog
				title="Remove the file system"
				question={`Remove ${accessPointId(overlay.config.arn)} from ${detail.name}?`}
				details={[`It is mounted at ${overlay.config.localMountPath}.`, 'Its files stay; the function no longer mounts them.']}
				theme={theme}
				width={width}
				height={height}
			/>
		);
	}

	const valueWidth = Math.max(10, width - labelWidth);
	const rows: React.ReactNode[] = [];
	if (current === undefined) {
		rows.push(
			<Text key="none">No file system.</Text>,
			<Text key="tmp" color={theme.muted} wrap="truncate">
				Only /tmp, which goes with each execution environment.
			</Text>,
		);
	} else {
		rows.push(
			<Field key="id" label="Access point" theme={theme} labelWidth={labelWidth}>
				{accessPointId(current.arn)}
			</Field>,
			...breakLines(current.arn, valueWidth, ':/').map((line, index) => (
				<Field key={`arn-${line}`} label={index === 0 ? 'ARN' : ''} theme={theme} labelWidth={labelWidth}>
					{line}
				</Field>
			)),
			<Field key="path" label="Mount path" theme={theme} labelWidth={labelWidth}>
				{current.localMountPath}
			</Field>,
		);
		if (local !== undefined) {
			const directory = `${join(local.dataDir, 'file-systems', accessPointId(current.arn))}/`;
			rows.push(
				...breakLines(cleanText(directory), valueWidth, ':/').map((line, index) => (
					<Field key={`dir-${line}`} label={index === 0 ? 'Directory' : ''} theme={theme} labelWidth={labelWidth}>
						{line}
					</Field>
				)),
				<Field key="variable" label="Variable" theme={theme} labelWidth={labelWidth}>
					{`${mountVariableName(current.localMountPath)} (its path)`}
				</Field>,
			);
		}
	}
	if (!inVpc) {
		rows.push(
			<Text key="vpc" color={theme.warning} wrap="truncate">
				{truncate('Needs a VPC first: the VPC section connects it.', width)}
			</Text>,
		);
	}
	// One column short of the pane: a form drawn over the tab leaves the last column showing.
	const localNote = local
		? wrapWords('The local Lambda keeps the files in DATA/file-systems/<access point ID>/ and tells the function where they are in LAMBDASH_MOUNT_<NAME>.', width - 1)
		: [];
	const footer = current ? 'e edits · d removes the file system' : 'e adds one (an EFS access point)';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>File systems</Text>
			{rows}
			<Box flexGrow={1} />
			{localNote.map((line) => (
				<Text key={line} color={theme.muted} wrap="truncate">
					{line}
				</Text>
			))}
			<Text color={theme.muted} wrap="truncate">
				{save.busy ? 'Saving…' : footer}
			</Text>
			{layer}
		</Box>
	);
}
