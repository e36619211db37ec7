// Triggers: what invokes the function. Its event source mappings (SQS,
// Kinesis, DynamoDB Streams, MSK, Kafka, Amazon MQ, DocumentDB), each with
// Lambda's State, and the push sources its resource-based policy allows (S3,
// SNS, EventBridge ...), one line each; the trigger under the cursor is
// written out below the list. `a` adds one (a source is chosen, then its
// form, checked by domain/triggers.ts before anything is sent); inside the
// list `e` edits a mapping, `x` enables or disables it and `d` deletes it (or
// removes a push trigger's statement), each change after a question. After a
// change the mappings are read again until Lambda's State settles (Creating →
// Enabled, Deleting → gone), with the State shown as progress. Every change
// goes through save.run (read-only refused, progress, errors).
import {randomUUID} from 'node:crypto';
import {Box, Text} from 'ink';
import React, {useEffect, useRef, useState} from 'react';
import {errorName} from '../../../aws/errors.js';
import {createMapping, deleteMapping, listMappings, updateMapping, type EventSourceMapping} from '../../../aws/event-source-mappings.js';
import {addPermission, getPolicy, removePermission, type FunctionPolicy, type PermissionStatement} from '../../../aws/permissions.js';
import {wrapWordsWithin} from '../../../domain/format.js';
import {describeStatement} from '../../../domain/resource-policy.js';
import {accessLines, editFormFields, filtersText, generatedStatementId, mappingConflict, mappingFormFields, newMappingName, newPushName, pushFormFields, readEditForm, readMappingForm, readPushForm, statementConflict, triggerSourceOptions, type TriggerSourceOption} from '../../../domain/trigger-form.js';
import {isTransitional, stateTone, triggersOf, type Trigger} from '../../../domain/triggers.js';
import {ConfirmDialog, useConfirm} from '../../components/ConfirmDialog.js';
import {Field} from '../../components/Field.js';
import {Form, type FormField} from '../../components/Form.js';
import {Picker} from '../../components/Picker.js';
import {useConsole, useNotify} from '../../context.js';
import type {SaveResult} from '../../hooks/useConfigurationSave.js';
import {useResource} from '../../hooks/useResource.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {Theme} from '../../theme.js';
import {FormProblems} from './FormProblems.js';
import {ItemRows} from './ItemRows.js';
import type {SectionProps} from './sections.js';
import {useItemList} from './useItemList.js';
import {useSectionOverlay} from './useSectionOverlay.js';

interface TriggerData {
	mappings: EventSourceMapping[];
	policy: FunctionPolicy;
}

type Overlay =
	| {kind: 'choose'}
	| {kind: 'add'; option: TriggerSourceOption; statementId: string}
	| {kind: 'edit'; mapping: EventSourceMapping; trigger: Trigger}
	| {kind: 'confirm'; action: 'delete' | 'toggle'; trigger: Trigger};

const labelWidth = 16;
/** Reads of the mappings while waiting for a State to settle, and the pause between them (growing to the last). */
const settleReads = 90;
const settlePausesMs = [100, 200, 400, 700, 1000, 2000];

const pause = (ms: number): Promise<void> =>
	new Promise((resolve) => {
		setTimeout(resolve, ms);
	});

function toneColor(theme: Theme, state: string | undefined): string | undefined {
	switch (stateTone(state)) {
		case 'success':
			return theme.success;
		case 'muted':
			return theme.muted;
		case 'warning':
			return theme.warning;
		default:
			return undefined;
	}
}

/** The lines written out for a mapping: label and value. */
function mappingDetail(mapping: EventSourceMapping): Array<[string, string]> {
	const lines: Array<[string, string]> = [];
	if (mapping.eventSourceArn !== undefined) lines.push(['Source ARN', mapping.eventSourceArn]);
	if (mapping.bootstrapServers.length > 0) lines.push(['Servers', mapping.bootstrapServers.join(', ')]);
	if (mapping.topics.length > 0) lines.push(['Topic', mapping.topics.join(', ')]);
	if (mapping.queues.length > 0) lines.push(['Queue', mapping.queues.join(', ')]);
	lines.push(...accessLines(mapping.sourceAccess, mapping.documentDb));
	lines.push(['Batch size', mapping.batchSize === undefined ? 'default' : String(mapping.batchSize)]);
	lines.push(['Batching window', mapping.batchingWindowSeconds === undefined ? 'default (0.5 s)' : `${mapping.batchingWindowSeconds} s`]);
	if (mapping.startingPosition !== undefined) {
		const at = mapping.startingPositionTimestamp === undefined ? '' : ` ${mapping.startingPositionTimestamp.toISOString()}`;
		lines.push(['Start position', `${mapping.startingPosition}${at}`]);
	}
	lines.push(['Filters', mapping.filters.length === 0 ? 'none' : filtersText(mapping.filters)]);
	if (mapping.kind === 'kinesis' || mapping.kind === 'dynamodb' || mapping.kind === 'msk' || mapping.kind === 'kafka') {
		lines.push(['On failure', mapping.onFailureDestination ?? 'none']);
	}
	lines.push(['Last result', mapping.lastProcessingResult ?? '-']);
	if (mapping.stateTransitionReason !== undefined && mapping.stateTransitionReason !== '') lines.push(['State reason', mapping.stateTransitionReason]);
	lines.push(['UUID', mapping.uuid]);
	return lines;
}

export function TriggersSection(props: SectionProps) {
	const {detail, save, theme, width, height, screenWidth, paneLeft, active, inside, onLeave, intent, onIntentHandled} = props;
	const {clients, session} = useConsole();
	const notify = useNotify();
	const {overlay, open: openOverlay, closeAfter, frame} = useSectionOverlay<Overlay>(props);
	/** What was wrong with the form when it was last refused; cleared when it opens or closes. */
	const [problems, setProblems] = useState<string[]>([]);
	const open = (next: Overlay | undefined): void => {
		setProblems([]);
		openOverlay(next);
	};
	const mounted = useRef(true);
	useEffect(
		() => () => {
			mounted.current = false;
		},
		[],
	);

	// Read again whenever the function is (after every change, and on r).
	const data = useResource(
		async (signal): Promise<TriggerData> => {
			const [mappings, policy] = await Promise.all([listMappings(clients, detail.name, signal), getPolicy(clients, detail.name, undefined, signal)]);
			return {mappings, policy};
		},
		[clients, detail],
		clients.endpoint,
	);
	const mappings = data.data?.mappings ?? [];
	const statements = data.data?.policy.statements ?? [];
	const triggers = triggersOf(mappings, statements);
	const {cursor, selected, key: listKey, moveTo} = useItemList(triggers, onLeave);
	const mappingOf = (trigger: Trigger): EventSourceMapping | undefined => mappings.find((mapping) => `mapping:${mapping.uuid}` === trigger.id);
	const statementOf = (trigger: Trigger): PermissionStatement | undefined => statements.find((statement) => `permission:${statement.sid}` === trigger.id);

	// The Overview showed a trigger: the cursor goes to it once the triggers are read.
	const {focus} = props;
	useEffect(() => {
		if (focus === undefined || !active || (data.data === undefined && data.error === undefined)) return;
		const at = triggers.findIndex((trigger) => trigger.id === focus);
		if (at >= 0) moveTo(at);
		onIntentHandled();
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [focus, active, data.data, data.error]);

	// The Overview asked to add a trigger: open the add flow as a would.
	useEffect(() => {
		if (intent !== 'add' || !active) return;
		onIntentHandled();
		if (session.readOnly) notify({tone: 'error', text: 'Read-only mode: changes are off. Start lambdash without --read-only to change functions.'});
		else open({kind: 'choose'});
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [intent, active]);

	/**
	 * Reads the mappings until this one's State settles (or it is gone, when
	 * deleted), showing each State as progress and on the list.
	 */
	const settle = async (uuid: string, what: string, gone: boolean): Promise<void> => {
		for (let read = 0; read < settleReads && mounted.current; read++) {
			// eslint-disable-next-line no-await-in-loop
			await pause(settlePausesMs[Math.min(read, settlePausesMs.length - 1)] ?? 1000);
			// eslint-disable-next-line no-await-in-loop
			const current = (await listMappings(clients, detail.name)).find((mapping) => mapping.uuid === uuid);
			data.reload();
			if (current === undefined) {
				if (gone) return;
				throw new Error(`The trigger ${uuid} is gone: someone else deleted it. Press r to refresh.`);
			}
			if (!isTransitional(current.state)) return;
			notify({tone: 'progress', text: `${what}: Lambda reports ${current.state}…`});
		}
		if (mounted.current) notify({tone: 'info', text: `${what}: Lambda has not finished yet; r shows the State when it has.`});
	};

	/** Runs a change; when someone else changed the policy first, the triggers are read again to be seen. */
	const change = (label: string, action: () => Promise<unknown>): Promise<SaveResult> =>
		save.run(label, async () => {
			try {
				await action();
			} catch (error) {
				if (errorName(error) === 'PreconditionFailedException' || errorName(error) === 'ResourceConflictException') data.reload();
				throw error;
			}
		});

	const revisionId = (): string => data.data?.policy.revisionId ?? detail.revisionId;

	/** A mapping that is not in the middle of a change; otherwise says to wait. */
	const settled = (trigger: Trigger): EventSourceMapping | undefined => {
		const mapping = mappingOf(trigger);
		if (mapping === undefined) return undefined;
		if (isTransitional(mapping.state)) {
			notify({tone: 'info', text: `The trigger ${trigger.service} ${trigger.name} is ${mapping.state}: wait until it settles (r refreshes).`});
			return undefined;
		}
		return mapping;
	};

	const edit = (trigger: Trigger): void => {
		if (trigger.origin === 'permission') {
			notify({tone: 'info', text: "A push trigger is a statement of the policy: it cannot be changed. d removes it, a adds another."});
			return;
		}
		const mapping = settled(trigger);
		if (mapping === undefined) return;
		if (mapping.kind === undefined) {
			notify({tone: 'info', text: 'This console does not know this kind of source: change it with the AWS CLI.'});
			return;
		}
		open({kind: 'edit', mapping, trigger});
	};

	const toggle = (trigger: Trigger): void => {
		if (trigger.origin === 'permission') {
			notify({tone: 'info', text: 'A push trigger cannot be turned off here: d removes its permission, or turn it off at the source.'});
			return;
		}
		if (settled(trigger) !== undefined) open({kind: 'confirm', action: 'toggle', trigger});
	};

	const remove = (trigger: Trigger): void => {
		if (trigger.origin === 'mapping' && settled(trigger) === undefined) return;
		open({kind: 'confirm', action: 'delete', trigger});
	};

	useKeys(
		layers.section,
		(name) => {
			const binding = bindingFor('configuration', name);
			switch (binding?.id) {
				case 'add':
					open({kind: 'choose'});
					return true;
				case 'edit':
				case 'toggle-enabled':
				case 'delete':
					if (!inside) {
						notify({tone: 'info', text: 'Enter goes into the triggers; e, x and d then act on the one chosen.'});
						return true;
					}
					if (binding.id === 'toggle-enabled') {
						if (selected !== undefined) toggle(selected);
						return true;
					}
					break;
				default:
					break;
			}
			return inside && listKey(binding, {edit, delete: remove});
		},
		active && overlay === undefined,
	);

	const answer = (subject: Extract<Overlay, {kind: 'confirm'}>): void => {
		const {trigger, action} = subject;
		const what = `${trigger.service} ${trigger.name}`;
		if (action === 'toggle') {
			const mapping = mappingOf(trigger);
			if (mapping === undefined) return open(undefined);
			const enable = mapping.enabled !== true;
			closeAfter(
				change(`${enable ? 'enabling' : 'disabling'} trigger ${what}`, async () => {
					await updateMapping(clients, mapping.uuid, {enabled: enable});
					await settle(mapping.uuid, `${enable ? 'Enabling' : 'Disabling'} ${what}`, false);
				}),
			);
			return;
		}
		if (trigger.origin === 'mapping') {
			const mapping = mappingOf(trigger);
			if (mapping === undefined) return open(undefined);
			closeAfter(
				change(`deleting trigger ${what}`, async () => {
					await deleteMapping(clients, mapping.uuid);
					await settle(mapping.uuid, `Deleting ${what}`, true);
				}),
			);
			return;
		}
		const statement = statementOf(trigger);
		if (statement === undefined) return open(undefined);
		closeAfter(change(`removing trigger ${what}`, () => removePermission(clients, detail.name, statement.sid, {revisionId: revisionId()})));
	};

	useConfirm(active && overlay?.kind === 'confirm' ? overlay : undefined, {
		yes: answer,
		no: () => open(undefined),
		// While the change is saved, keys wait: they must not reach the screen behind.
		busy: save.busy,
	});

	/** Refuses the form with its problems (the first in the message line, all under the form); true when there were any. */
	const refuse = (found: readonly string[]): boolean => {
		setProblems([...found]);
		const first = found[0];
		if (first !== undefined) notify({tone: 'error', text: `Not sent: ${first}`});
		return first !== undefined;
	};

	const submitAdd = (option: TriggerSourceOption, values: Record<string, string>): void => {
		const current = data.data;
		if (current === undefined) {
			notify(data.error ? {tone: 'error', text: `Triggers of ${detail.name}: ${data.error}`} : {tone: 'progress', text: `Still reading the triggers of ${detail.name}…`});
			return;
		}
		if (option.origin === 'mapping') {
			const reading = readMappingForm(option.id, values, detail.name, Date.now());
			const found = [...reading.problems];
			const conflict = found.length === 0 ? mappingConflict(current.mappings, reading.request) : undefined;
			if (conflict !== undefined) found.push(conflict);
			if (refuse(found)) return;
			const what = newMappingName(option.id, reading.request);
			closeAfter(
				change(`trigger ${what}`, async () => {
					const created = await createMapping(clients, reading.request);
					data.reload();
					await settle(created.uuid, `Creating ${what}`, false);
				}),
			);
			return;
		}
		const reading = readPushForm(option, values);
		const found = [...reading.problems];
		const conflict = found.length === 0 ? statementConflict(current.policy.statements, reading.request.statementId ?? '') : undefined;
		if (conflict !== undefined) found.push(conflict);
		if (refuse(found)) return;
		closeAfter(change(`trigger ${newPushName(reading.request)}`, () => addPermission(clients, detail.name, reading.request, {revisionId: revisionId()})));
	};

	const submitEdit = (mapping: EventSourceMapping, trigger: Trigger, values: Record<string, string>): void => {
		const reading = readEditForm(mapping, values, Date.now());
		if (refuse(reading.problems)) return;
		const what = `${trigger.service} ${trigger.name}`;
		if (Object.keys(reading.request).length === 0) {
			notify({tone: 'info', text: `Nothing changed in the trigger ${what}: nothing was sent.`});
			open(undefined);
			return;
		}
		closeAfter(
			change(`trigger ${what} settings`, async () => {
				await updateMapping(clients, mapping.uuid, reading.request);
				await settle(mapping.uuid, `Updating ${what}`, false);
			}),
		);
	};

	/** A form over the tab, with the problems of its last refusal written out under it. */
	const formLayer = (title: string, fields: readonly FormField[], onSubmit: (values: Record<string, string>) => void): React.ReactNode => {
		// One shape whether or not there are problems: the form must not be drawn anew (it holds what was typed).
		return (
			<>
				<Form title={title} fields={fields} {...frame} onCancel={() => open(undefined)} onSubmit={onSubmit} />
				<FormProblems problems={problems} fields={fields.length} theme={theme} height={height} screenWidth={screenWidth} paneLeft={paneLeft} />
			</>
		);
	};

	let layer: React.ReactNode = null;
	if (overlay?.kind === 'choose') {
		layer = (
			<Picker
				title={`Add a trigger to ${detail.name}`}
				items={triggerSourceOptions.map((option) => ({id: option.id, text: option.label}))}
				multiple={false}
				hint="Choose the source: Lambda reads it, or it pushes (invokes)"
				{...frame}
				onAccept={([id]) => {
					const option = triggerSourceOptions.find((each) => each.id === id);
					if (option === undefined) return 'Choose a source.';
					open({kind: 'add', option, statementId: generatedStatementId(randomUUID())});
					return undefined;
				}}
			/>
		);
	} else if (overlay?.kind === 'add') {
		const {option} = overlay;
		const fields = option.origin === 'mapping' ? mappingFormFields(option.id) : pushFormFields(option, overlay.statementId);
		layer = formLayer(`Add trigger: ${option.label.replace(' (push)', '')}`, fields, (values) => submitAdd(option, values));
	} else if (overlay?.kind === 'edit') {
		const {mapping, trigger} = overlay;
		layer = formLayer(`Edit trigger ${trigger.service} ${trigger.name}`, editFormFields(mapping), (values) => submitEdit(mapping, trigger, values));
	} else if (overlay?.kind === 'confirm') {
		const {trigger, action} = overlay;
		const what = `${trigger.service} ${trigger.name}`;
		const mapping = mappingOf(trigger);
		const statement = statementOf(trigger);
		let question: string;
		let details: string[];
		if (action === 'toggle') {
			const enable = mapping?.enabled !== true;
			question = `${enable ? 'Enable' : 'Disable'} the trigger ${what}?`;
			details = [enable ? 'Lambda starts reading from the source again.' : 'Lambda stops reading from the source until it is enabled again; records wait there.'];
		} else if (trigger.origin === 'mapping') {
			question = `Delete the trigger ${what}?`;
			details = ['Lambda stops reading and deletes the mapping.', `UUID ${mapping?.uuid ?? ''}`];
		} else {
			question = `Delete the trigger ${what}?`;
			details = [
				...wrapWordsWithin(statement === undefined ? trigger.id : describeStatement(statement), Math.max(20, width - 6), 2),
				`Statement ${statement?.sid ?? ''}`,
				"It leaves the policy; the source's own setting stays.",
			];
		}
		layer = (
			<ConfirmDialog
				title={action === 'toggle' ? 'Enable or disable trigger' : 'Delete trigger'}
				question={question}
				details={details}
				theme={theme}
				width={width}
				height={height}
			/>
		);
	}

	// The trigger under the cursor, written out below the list.
	const selectedMapping = selected === undefined ? undefined : mappingOf(selected);
	const selectedStatement = selected === undefined ? undefined : statementOf(selected);
	const detailRoom = Math.max(0, height - 7);
	let shownDetail: React.ReactNode[] = [];
	if (selectedMapping !== undefined) {
		shownDetail = mappingDetail(selectedMapping)
			.slice(0, detailRoom)
			.map(([label, value]) => (
				<Field key={label} label={label} theme={theme} labelWidth={labelWidth}>
					{value}
				</Field>
			));
	} else if (selectedStatement !== undefined) {
		shownDetail = wrapWordsWithin(`${selectedStatement.sid}: ${describeStatement(selectedStatement)}`, width, Math.min(4, detailRoom)).map((line, index) => (
			<Text key={`statement-${index}`} color={theme.muted} wrap="truncate">
				{line}
			</Text>
		));
	}
	const listHeight = Math.max(1, height - 4 - shownDetail.length);
	const footer = inside ? 'a add · e edit · x on/off · d delete · Esc back' : 'Enter: the triggers · a add a trigger';
	const list = (
		<ItemRows
			items={data.data === undefined ? undefined : triggers}
			error={data.error}
			empty="No triggers: a adds one (SQS, Kinesis, S3, SNS…)."
			cursor={cursor}
			inside={inside}
			rows={listHeight}
			width={width}
			theme={theme}
			keyOf={(trigger) => trigger.id}
			render={(trigger) => {
				const mapping = mappingOf(trigger);
				return (
					<>
						{`${trigger.service} ${trigger.name} · `}
						{trigger.origin === 'mapping' ? (
							<>
								<Text color={toneColor(theme, trigger.state)}>{trigger.state === undefined || trigger.state === '' ? 'unknown state' : trigger.state}</Text>
								{mapping?.batchSize === undefined ? '' : ` · batch ${mapping.batchSize}`}
							</>
						) : (
							<Text color={theme.muted}>push</Text>
						)}
					</>
				);
			}}
		/>
	);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>{data.data === undefined ? 'Triggers' : `Triggers (${triggers.length})`}</Text>
			{list}
			{shownDetail.length > 0 ? <Text> </Text> : null}
			{shownDetail}
			<Box flexGrow={1} />
			<Text color={theme.muted} wrap="truncate">
				{save.busy ? 'Saving…' : footer}
			</Text>
			{layer}
		</Box>
	);
}
