// Permissions: the execution role the function runs as, and its resource-based
// policy (who may invoke it), each statement as one line "who may do what,
// under which condition" with its statement ID; the statement under the
// cursor is written out in full below the list. `a` adds a permission with a
// form (AddPermission), checked by the domain's form check before anything is
// sent; inside the list `d` removes the statement under the cursor after a
// question (RemovePermission). Both send the RevisionId the policy was read
// with, and go through save.run (read-only refused, progress, errors).
import {Box, Text} from 'ink';
import React, {useState} from 'react';
import {errorName} from '../../../aws/errors.js';
import {addPermission, getPolicy, removePermission, type FunctionPolicy, type PermissionRequest, type PermissionStatement} from '../../../aws/permissions.js';
import {fit, wrapWordsWithin} from '../../../domain/format.js';
import {checkPermissionForm, describeStatement, statementIdMaxLength} from '../../../domain/resource-policy.js';
import {cleanText} from '../../../domain/sanitize.js';
import {ConfirmDialog, useConfirm} from '../../components/ConfirmDialog.js';
import {Field} from '../../components/Field.js';
import {Form, type FormField} from '../../components/Form.js';
import {useConsole, useNotify} from '../../context.js';
import type {SaveResult} from '../../hooks/useConfigurationSave.js';
import {useResource} from '../../hooks/useResource.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import {FormProblems} from './FormProblems.js';
import {ItemRows} from './ItemRows.js';
import type {SectionProps} from './sections.js';
import {useItemList} from './useItemList.js';
import {useSectionOverlay} from './useSectionOverlay.js';

type Overlay = {kind: 'add'} | {kind: 'remove'; statement: PermissionStatement};

const labelWidth = 16;
/** Rows for the statement under the cursor, written out in full. */
const detailRows = 3;
const defaultAction = 'lambda:InvokeFunction';

/** The request the form's values make; empty optional members are left out. */
function requestOf(values: Record<string, string>): PermissionRequest {
	const request: PermissionRequest = {
		statementId: (values['sid'] ?? '').trim(),
		principal: (values['principal'] ?? '').trim(),
		action: (values['action'] ?? '').trim(),
	};
	const sourceArn = (values['sourceArn'] ?? '').trim();
	const sourceAccount = (values['sourceAccount'] ?? '').trim();
	if (sourceArn !== '') request.sourceArn = sourceArn;
	if (sourceAccount !== '') request.sourceAccount = sourceAccount;
	return request;
}

/** The role's name, the last part of its ARN (arn:aws:iam::123456789012:role/service-role/name). */
function roleName(arn: string): string {
	return arn.slice(arn.lastIndexOf('/') + 1);
}

export function PermissionsSection(props: SectionProps) {
	const {detail, save, theme, width, height, screenWidth, paneLeft, active, inside, onLeave} = props;
	const {clients} = useConsole();
	const notify = useNotify();
	const {overlay, open: openOverlay, closeAfter, frame} = useSectionOverlay<Overlay>(props);
	/** What was wrong with the form when it was last refused; cleared when it opens or closes. */
	const [problems, setProblems] = useState<string[]>([]);
	const open = (next: Overlay | undefined): void => {
		setProblems([]);
		openOverlay(next);
	};

	// Read again whenever the function is (after every change, and on r).
	const policy = useResource((signal): Promise<FunctionPolicy> => getPolicy(clients, detail.name, undefined, signal), [clients, detail], clients.endpoint);
	const statements = policy.data?.statements ?? [];
	const {cursor, selected, key: listKey} = useItemList(statements, onLeave);

	/** The RevisionId to send: the one GetPolicy gave, or the function's when it has no policy yet. */
	const revisionId = (): string => policy.data?.revisionId ?? detail.revisionId;

	/** Runs a change of the policy; when someone else changed the function first, the policy is read again to be seen. */
	const change = (label: string, action: () => Promise<unknown>): Promise<SaveResult> =>
		save.run(label, async () => {
			try {
				await action();
			} catch (error) {
				if (errorName(error) === 'PreconditionFailedException') policy.reload();
				throw error;
			}
		});

	/** The policy, or a message saying why there is none yet. */
	const ready = (): FunctionPolicy | undefined => {
		if (policy.data === undefined) {
			notify(
				policy.error
					? {tone: 'error', text: `Permissions of ${detail.name}: ${policy.error}`}
					: {tone: 'progress', text: `Still reading the policy of ${detail.name}…`},
			);
		}
		return policy.data;
	};

	useKeys(
		layers.section,
		(name) => {
			const binding = bindingFor('configuration', name);
			switch (binding?.id) {
				case 'add':
					if (ready()) open({kind: 'add'});
					return true;
				case 'edit':
					notify({tone: 'info', text: 'A statement cannot be changed: a adds a new one, and d removes the old one.'});
					return true;
				case 'delete':
					if (!inside) {
						notify({tone: 'info', text: 'Enter goes into the statements; d then removes the one chosen.'});
						return true;
					}
					break;
				default:
					break;
			}
			return inside && listKey(binding, {delete: (statement) => open({kind: 'remove', statement})});
		},
		active && overlay === undefined,
	);

	useConfirm(active && overlay?.kind === 'remove' ? overlay.statement : undefined, {
		yes: (statement) =>
			closeAfter(change(`removing permission ${statement.sid}`, () => removePermission(clients, detail.name, statement.sid, {revisionId: revisionId()}))),
		no: () => open(undefined),
		// While the removal is saved, keys wait: they must not reach the screen behind.
		busy: save.busy,
	});

	let layer: React.ReactNode = null;
	if (overlay?.kind === 'add') {
		const fields: FormField[] = [
			{id: 'sid', label: 'Statement ID', value: '', hint: `letters, digits, - and _, up to ${statementIdMaxLength}`},
			{id: 'principal', label: 'Principal', value: '', hint: 's3.amazonaws.com, an account ID, an IAM ARN, or *'},
			{id: 'action', label: 'Action', value: defaultAction, hint: 'lambda:InvokeFunction, another lambda: action, or *'},
			{id: 'sourceArn', label: 'Source ARN', value: '', hint: 'optional: the bucket, topic or rule that may call'},
			{id: 'sourceAccount', label: 'Source account', value: '', hint: 'optional: the 12-digit account it belongs to'},
		];
		// One shape whether or not there are problems: the form must not be drawn anew (it holds what was typed).
		layer = (
			<>
				<Form
					title={`Add a permission to ${detail.name}`}
					fields={fields}
					{...frame}
					onCancel={() => open(undefined)}
					onSubmit={(values) => {
						const request = requestOf(values);
						const found = checkPermissionForm(request);
						const sid = request.statementId ?? '';
						if (found.length === 0 && statements.some((statement) => statement.sid === sid)) {
							found.push(`The statement ID ${sid} is taken: choose another, or remove that statement first.`);
						}
						const first = found[0];
						setProblems(found);
						if (first !== undefined) {
							notify({tone: 'error', text: `Not sent: ${first}`});
							return;
						}
						closeAfter(change(`permission ${sid}`, () => addPermission(clients, detail.name, request, {revisionId: revisionId()})));
					}}
				/>
				<FormProblems problems={problems} fields={fields.length} theme={theme} height={height} screenWidth={screenWidth} paneLeft={paneLeft} />
			</>
		);
	} else if (overlay?.kind === 'remove') {
		const {statement} = overlay;
		layer = (
			<ConfirmDialog
				title="Remove permission"
				question={`Remove the statement ${statement.sid}?`}
				details={[...wrapWordsWithin(describeStatement(statement), Math.max(20, width - 6), 2), `It goes from ${detail.name}'s policy at once.`]}
				theme={theme}
				width={width}
				height={height}
			/>
		);
	}

	const role = cleanText(detail.role);
	const sidWidth = Math.min(24, Math.max(4, ...statements.map((statement) => statement.sid.length)) + 2);
	const shownDetail = selected === undefined ? [] : wrapWordsWithin(`${selected.sid}: ${describeStatement(selected)}`, width, detailRows);
	const listHeight = Math.max(1, height - 7 - shownDetail.length);
	const footer = inside ? 'a add · d remove · Esc back' : 'Enter: the statements · a add a permission';
	const list = (
		<ItemRows
			items={policy.data === undefined ? undefined : statements}
			error={policy.error}
			empty="No statements: only the account's IAM may invoke it."
			cursor={cursor}
			inside={inside}
			rows={listHeight}
			width={width}
			theme={theme}
			keyOf={(statement) => statement.sid}
			render={(statement) => `${fit(statement.sid, sidWidth)}${describeStatement(statement)}`}
		/>
	);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>Permissions</Text>
			<Field label="Execution role" theme={theme} labelWidth={labelWidth}>
				{role === '' ? <Text color={theme.muted}>none</Text> : roleName(role)}
			</Field>
			{/* The ARN under the name, across the pane: with a path (service-role/) it is longer than a field's value. */}
			<Text color={theme.muted} wrap="truncate">{`  ${role}`}</Text>
			<Text bold>{`Resource-based policy (${statements.length})`}</Text>
			{list}
			{shownDetail.length > 0 ? <Text> </Text> : null}
			{shownDetail.map((line, index) => (
				<Text key={`detail-${index}`} color={theme.muted} wrap="truncate">
					{line}
				</Text>
			))}
			<Box flexGrow={1} />
			<Text color={theme.muted} wrap="truncate">
				{save.busy ? 'Saving…' : footer}
			</Text>
			{layer}
		</Box>
	);
}
