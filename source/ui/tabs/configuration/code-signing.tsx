// Code signing: the configuration Lambda checks the function's deployments
// against (its allowed publishers and what happens to untrusted code), and
// the account's configurations. Outside the list `e` attaches one or changes
// it (picked from ListCodeSigningConfigs) and `d` detaches it, after asking;
// inside it `e` edits the configuration under the cursor; `a` creates one
// anywhere. Every change is checked before it is sent and goes through
// save.run (read-only refused, progress and errors in the message row).
import {Box, Text} from 'ink';
import React from 'react';
import {
	attachCodeSigningConfig,
	createCodeSigningConfig,
	detachCodeSigningConfig,
	getCodeSigningConfig,
	getFunctionCodeSigningConfigArn,
	listCodeSigningConfigs,
	untrustedArtifactPolicies,
	updateCodeSigningConfig,
	type CodeSigningConfigInput,
	type CodeSigningConfigSummary,
} from '../../../aws/code-signing.js';
import {describeAwsError} from '../../../aws/errors.js';
import {parseSigningProfileVersionArn} from '../../../domain/code-signature.js';
import {descriptionProblem, publishersProblem} from '../../../domain/code-signing-form.js';
import {breakLines, fit} from '../../../domain/format.js';
import {allowedPublishersMax, descriptionMaxLength} from '../../../domain/limits.js';
import {cleanText} from '../../../domain/sanitize.js';
import {splitIdList} from '../../../domain/vpc-config.js';
import {ConfirmDialog, useConfirm} from '../../components/ConfirmDialog.js';
import {Field} from '../../components/Field.js';
import {Form, type FormField} from '../../components/Form.js';
import {Picker} from '../../components/Picker.js';
import {useConsole, useNotify} from '../../context.js';
import {useResource} from '../../hooks/useResource.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {SectionProps} from './sections.js';
import {useItemList} from './useItemList.js';
import {useSectionOverlay} from './useSectionOverlay.js';

const labelWidth = 16;
/** Publishers drawn for the attached configuration; the rest are counted. */
const publishersShown = 3;

interface CodeSigningState {
	/** The function's configuration; undefined when it has none. */
	attachedArn: string | undefined;
	/** Its settings, when Lambda could say (a configuration may be unreadable, or gone). */
	attached: CodeSigningConfigSummary | undefined;
	attachedError: string | undefined;
	configs: CodeSigningConfigSummary[];
}

type Overlay = {kind: 'attach'} | {kind: 'detach'} | {kind: 'create'} | {kind: 'edit'; config: CodeSigningConfigSummary};

const policyMeaning = (policy: string): string =>
	policy === 'Enforce' ? 'Enforce: untrusted code is refused' : 'Warn: untrusted code deploys, with a warning';

/**
 * A publisher as a person reads it: the signing profile and its version, with
 * the account and region only where they are not the function's; else the ARN.
 */
function publisherText(arn: string, functionArn: string): string {
	const parsed = parseSigningProfileVersionArn(arn);
	if (parsed === undefined) return arn;
	const [, , , region = '', account = ''] = functionArn.split(':');
	const elsewhere = [parsed.accountId === account ? '' : `account ${parsed.accountId}`, parsed.region === region ? '' : parsed.region].filter((part) => part !== '');
	return `${parsed.name}/${parsed.version}${elsewhere.length > 0 ? ` (${elsewhere.join(', ')})` : ''}`;
}


function configText(config: CodeSigningConfigSummary): string {
	return `${fit(config.id, 23)}${fit(config.untrustedArtifactOnDeployment, 9)}${config.description}`;
}

export function CodeSigningSection(props: SectionProps) {
	const {detail, save, theme, width, height, active, inside, onLeave} = props;
	const {clients, session} = useConsole();
	const notify = useNotify();
	const {overlay, open, closeAfter, frame} = useSectionOverlay<Overlay>(props);

	// Read again whenever the function is (after every change, and on r).
	const state = useResource(
		async (signal): Promise<CodeSigningState> => {
			const [attachedArn, configs] = await Promise.all([
				getFunctionCodeSigningConfigArn(clients, detail.name, signal),
				listCodeSigningConfigs(clients, signal),
			]);
			let attached = configs.find((config) => config.arn === attachedArn);
			let attachedError: string | undefined;
			if (attachedArn !== undefined && attached === undefined) {
				attached = await getCodeSigningConfig(clients, attachedArn, signal).catch((error: unknown) => {
					attachedError = describeAwsError(error, clients.endpoint);
					return undefined;
				});
			}
			return {attachedArn, attached, attachedError, configs};
		},
		[clients, detail],
		clients.endpoint,
	);
	const data = state.data;
	const configs = data?.configs ?? [];
	const {cursor, selected, key: listKey} = useItemList(configs, onLeave);

	/** The data, or a message saying why there is none yet. */
	const ready = (): CodeSigningState | undefined => {
		if (data === undefined) {
			notify(
				state.error
					? {tone: 'error', text: `Code signing of ${detail.name}: ${state.error}`}
					: {tone: 'progress', text: 'Still reading the code signing configurations…'},
			);
		}
		return data;
	};

	useKeys(
		layers.section,
		(name) => {
			const binding = bindingFor('configuration', name);
			switch (binding?.id) {
				case 'add':
					if (ready()) open({kind: 'create'});
					return true;
				case 'delete': {
					const current = ready();
					if (current === undefined) return true;
					if (current.attachedArn === undefined) notify({tone: 'info', text: `${detail.name} has no code signing configuration to detach.`});
					else open({kind: 'detach'});
					return true;
				}
				case 'edit': {
					const current = ready();
					if (current === undefined) return true;
					if (inside) {
						if (selected !== undefined) open({kind: 'edit', config: selected});
					} else if (current.configs.length === 0) {
						notify({tone: 'info', text: `No code signing configurations in ${session.region} yet: a creates one.`});
					} else {
						open({kind: 'attach'});
					}
					return true;
				}
				default:
					break;
			}
			return inside && listKey(binding);
		},
		active && overlay === undefined,
	);

	useConfirm(active && overlay?.kind === 'detach' ? overlay : undefined, {
		yes: () => closeAfter(save.run('detaching the code signing configuration', () => detachCodeSigningConfig(clients, detail.name))),
		no: () => open(undefined),
		// While the detach is saved, keys wait: they must not reach the screen behind.
		busy: save.busy,
	});
	let layer: React.ReactNode = null;
	if (overlay?.kind === 'attach') {
		const attachedId = data?.attached?.id;
		layer = (
			<Picker
				title={`Code signing configuration of ${detail.name}`}
				items={configs.map((config) => ({id: config.arn, text: cleanText(configText(config))}))}
				multiple={false}
				chosen={data?.attachedArn ? [data.attachedArn] : []}
				hint="Lambda checks every deployment against the one chosen"
				{...frame}
				onAccept={([arn]) => {
					const config = configs.find((entry) => entry.arn === arn);
					if (config === undefined) return undefined;
					if (config.arn === data?.attachedArn) {
						open(undefined);
						notify({tone: 'info', text: `${detail.name} already has ${config.id}.`});
						return undefined;
					}
					closeAfter(save.run(`code signing configuration ${config.id}${attachedId ? ` (was ${attachedId})` : ''}`, () => attachCodeSigningConfig(clients, detail.name, config.arn)));
					return undefined;
				}}
			/>
		);
	} else if (overlay?.kind === 'create' || overlay?.kind === 'edit') {
		const editing = overlay.kind === 'edit' ? overlay.config : undefined;
		const fields: FormField[] = [
			{id: 'description', label: 'Description', value: editing?.description ?? '', hint: `up to ${descriptionMaxLength} characters`, validate: descriptionProblem},
			{
				id: 'publishers',
				label: 'Publishers',
				value: editing?.signingProfileVersionArns.join(', ') ?? '',
				hint: `signing profile version ARNs, comma-separated, 1 to ${allowedPublishersMax}`,
				validate: publishersProblem,
			},
			{
				id: 'policy',
				label: 'Untrusted code',
				value: editing?.untrustedArtifactOnDeployment ?? 'Warn',
				choices: untrustedArtifactPolicies,
				hint: 'Warn: deploy it, with a warning · Enforce: refuse it',
			},
		];
		layer = (
			<Form
				title={editing ? `Edit code signing configuration ${editing.id}` : 'Create a code signing configuration'}
				fields={fields}
				{...frame}
				onSubmit={(values) => {
					const input: CodeSigningConfigInput = {
						description: values['description'] ?? '',
						signingProfileVersionArns: splitIdList(values['publishers'] ?? ''),
						untrustedArtifactOnDeployment: values['policy'] === 'Enforce' ? 'Enforce' : 'Warn',
					};
					const run = editing
						? save.run(`code signing configuration ${editing.id}`, async () => {
								await updateCodeSigningConfig(clients, editing.arn, input);
							})
						: save.run(`a new code signing configuration (${input.untrustedArtifactOnDeployment})`, async () => {
								await createCodeSigningConfig(clients, input);
							});
					closeAfter(run);
				}}
			/>
		);
	} else if (overlay?.kind === 'detach') {
		layer = (
			<ConfirmDialog
				title="Detach code signing"
				question={`Detach ${data?.attached?.id ?? data?.attachedArn ?? 'the configuration'} from ${detail.name}?`}
				details={['Its deployments will no longer be checked for signatures.']}
				theme={theme}
				width={width}
				height={height}
			/>
		);
	}

	const attached = data?.attached;
	const publishers = attached?.signingProfileVersionArns ?? [];
	const attachedRows: React.ReactNode[] = [];
	if (data === undefined) {
		attachedRows.push(
			<Text key="loading" color={state.error ? theme.danger : theme.muted} wrap="truncate">
				{state.error ?? 'Reading…'}
			</Text>,
		);
	} else if (data.attachedArn === undefined) {
		attachedRows.push(
			<Field key="none" label="Attached" theme={theme} labelWidth={labelWidth}>
				<Text color={theme.muted}>none: deployments are not checked</Text>
			</Field>,
		);
	} else {
		attachedRows.push(
			<Field key="id" label="Attached" theme={theme} labelWidth={labelWidth}>
				{attached?.id ?? ''}
			</Field>,
			// An ARN is longer than the pane: it goes on as many lines as it needs, broken after a colon.
			...breakLines(data.attachedArn, width - labelWidth, ':').map((line, index) => (
				<Field key={`arn-${line}`} label={index === 0 ? 'ARN' : ''} theme={theme} labelWidth={labelWidth}>
					{line}
				</Field>
			)),
		);
		if (attached === undefined) {
			attachedRows.push(
				<Text key="unread" color={theme.danger} wrap="truncate">
					{`Settings not read: ${data.attachedError ?? 'not found'}`}
				</Text>,
			);
		} else {
			attachedRows.push(
				<Field key="description" label="Description" theme={theme} labelWidth={labelWidth}>
					{attached.description === '' ? <Text color={theme.muted}>none</Text> : attached.description}
				</Field>,
				<Field key="policy" label="Untrusted code" theme={theme} labelWidth={labelWidth}>
					{policyMeaning(attached.untrustedArtifactOnDeployment)}
				</Field>,
				...publishers.slice(0, publishersShown).map((arn, index) => (
					<Field key={`publisher-${arn}`} label={index === 0 ? 'Publishers' : ''} theme={theme} labelWidth={labelWidth}>
						{publisherText(arn, detail.arn)}
					</Field>
				)),
			);
			if (publishers.length > publishersShown) {
				attachedRows.push(
					<Field key="more" label="" theme={theme} labelWidth={labelWidth}>
						<Text color={theme.muted}>{`… and ${publishers.length - publishersShown} more`}</Text>
					</Field>,
				);
			}
		}
	}

	const listHeight = Math.max(1, height - attachedRows.length - 4);
	const first = Math.max(0, Math.min(cursor - Math.floor(listHeight / 2), configs.length - listHeight));
	const footer = inside ? 'e edit · a create · d detach · Esc back' : 'e attach or change · d detach · a create · Enter: the list';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>Code signing</Text>
			{attachedRows}
			<Text> </Text>
			<Text>
				<Text bold>{`Configurations in ${session.region} (${configs.length})`}</Text>
				{data?.attachedArn !== undefined ? <Text color={theme.muted}>  * attached</Text> : null}
			</Text>
			{data !== undefined && configs.length === 0 ? (
				<Text color={theme.muted}>None yet. a creates one.</Text>
			) : (
				configs.slice(first, first + listHeight).map((config) => (
					<Text key={config.arn} inverse={inside && config === selected} wrap="truncate">
						{config.arn === data?.attachedArn ? <Text color={theme.success}>* </Text> : '  '}
						{cleanText(configText(config))}
					</Text>
				))
			)}
			<Box flexGrow={1} />
			<Text color={theme.muted} wrap="truncate">
				{save.busy ? 'Saving…' : footer}
			</Text>
			{layer}
		</Box>
	);
}
