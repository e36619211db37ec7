// Destinations: where Lambda sends the record of an asynchronous invocation
// (on success, on failure: the function's EventInvokeConfig) and of a stream
// or Kafka batch that failed (an event source mapping's on-failure
// destination), one line each, the ARN of the one under the cursor in full
// below. `a` opens the console's "Add destination" form (source, mapping,
// condition, type, ARN), checked by domain/destinations.ts before anything is
// sent; inside the list `e` changes the chosen one's ARN and `d` removes it
// after a question. Every change goes through save.run (read-only refused,
// progress, errors). The Overview's "add destination" opens the form too.
import {Box, Text} from 'ink';
import React, {useEffect} from 'react';
import {withFormAdvice} from '../../../aws/errors.js';
import {changeEventInvokeConfig, getEventInvokeConfig} from '../../../aws/event-invoke-config.js';
import {listMappings, updateMapping, type EventSourceMapping} from '../../../aws/event-source-mappings.js';
import {
	checkDestinationEdit,
	checkDestinationForm,
	conditionChoices,
	describeLink,
	destinationsOf,
	linkLabel,
	mappingChoices,
	noMappingChoice,
	originChoices,
	typeChoices,
	type DestinationCondition,
	type DestinationField,
	type DestinationLink,
} from '../../../domain/destinations.js';
import {breakLines} from '../../../domain/format.js';
import {isTransitional} from '../../../domain/triggers.js';
import {ConfirmDialog, useConfirm} from '../../components/ConfirmDialog.js';
import {Form, type FormField} from '../../components/Form.js';
import {useConsole, useNotify} from '../../context.js';
import type {SaveResult} from '../../hooks/useConfigurationSave.js';
import {useResource} from '../../hooks/useResource.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import {ItemRows} from './ItemRows.js';
import type {SectionProps} from './sections.js';
import {useItemList} from './useItemList.js';
import {useSectionOverlay} from './useSectionOverlay.js';

type Overlay = {kind: 'add'} | {kind: 'edit'; link: DestinationLink} | {kind: 'remove'; link: DestinationLink};

/** Rows for the ARN of the destination under the cursor. */
const arnRows = 2;
const emptyText = 'No destinations. a adds one: where Lambda sends the record of an asynchronous invocation or a stream batch, on success or on failure.';
/** How often, and how many times, a mapping just updated is read again until Lambda has finished (about a minute). */
const mappingPollMs = 500;
const mappingPollsMax = 120;

export function DestinationsSection(props: SectionProps) {
	const {detail, save, theme, width, height, active, inside, onLeave, intent, onIntentHandled} = props;
	const {clients, session} = useConsole();
	const notify = useNotify();
	const {overlay, open, closeAfter, frame} = useSectionOverlay<Overlay>(props);

	// Read again whenever the function is (after every change, and on r).
	const config = useResource((signal) => getEventInvokeConfig(clients, detail.name, undefined, signal), [clients, detail], clients.endpoint);
	const mappingsResource = useResource((signal) => listMappings(clients, detail.name, signal), [clients, detail], clients.endpoint);
	const mappings: readonly EventSourceMapping[] = mappingsResource.data ?? [];
	const links = destinationsOf(config.data?.settings, mappings);
	const {cursor, selected, key: listKey, moveTo} = useItemList(links, onLeave);
	const loaded = config.data !== undefined && mappingsResource.data !== undefined;
	const loadError = config.error ?? mappingsResource.error;

	/** True when both are read; otherwise says why the form cannot open yet. */
	const ready = (): boolean => {
		if (loaded) return true;
		notify(
			loadError === undefined
				? {tone: 'progress', text: `Still reading the destinations of ${detail.name}…`}
				: {tone: 'error', text: `Destinations of ${detail.name}: ${loadError}. r reads them again.`},
		);
		return false;
	};

	// The Overview showed a destination: the cursor goes to it once the destinations are read.
	const {focus} = props;
	useEffect(() => {
		if (focus === undefined || !active || (!loaded && loadError === undefined)) return;
		const at = links.findIndex((link) => link.id === focus);
		if (at >= 0) moveTo(at);
		onIntentHandled();
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [focus, active, loaded, loadError]);

	// The Overview asked to add a destination: open the form as `a` would, once there is something to choose from.
	useEffect(() => {
		if (intent !== 'add' || !active) return;
		if (session.readOnly) {
			notify({tone: 'error', text: 'Read-only mode: changes are off. Start lambdash without --read-only to change functions.'});
			onIntentHandled();
			return;
		}
		if (!loaded && loadError === undefined) return;
		if (ready()) open({kind: 'add'});
		onIntentHandled();
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [intent, active, loaded, loadError]);

	/** Sends a change, then reads both again so the list shows what Lambda keeps. */
	const change = (label: string, action: () => Promise<void>): Promise<SaveResult> =>
		save.run(label, async () => {
			try {
				await action();
			} catch (error) {
				throw withFormAdvice(error);
			} finally {
				config.reload();
				mappingsResource.reload();
			}
		});

	/**
	 * Sets (or, with '', removes) one destination of a link's kind. A mapping
	 * answers in state Updating (a transitional State: it takes no other update
	 * meanwhile, ResourceInUseException): the change is done when Lambda has
	 * finished it, so progress is shown until the mapping is Enabled or Disabled again.
	 */
	const apply = async (origin: DestinationLink['origin'], condition: DestinationCondition, mappingUuid: string | undefined, arn: string): Promise<void> => {
		if (origin === 'asynchronous') {
			await changeEventInvokeConfig(clients, detail.name, condition === 'success' ? {onSuccess: arn} : {onFailure: arn});
			return;
		}
		const updated = await updateMapping(clients, mappingUuid ?? '', {onFailureDestination: arn});
		let state = updated.state;
		for (let polls = 0; isTransitional(state) && polls < mappingPollsMax; polls++) {
			notify({tone: 'progress', text: `Lambda is applying the change to the mapping (State ${state})…`});
			// eslint-disable-next-line no-await-in-loop
			await new Promise((resolve) => setTimeout(resolve, mappingPollMs));
			// eslint-disable-next-line no-await-in-loop
			const fresh = (await listMappings(clients, detail.name)).find((each) => each.uuid === mappingUuid);
			state = fresh?.state ?? '';
		}
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
				case 'delete':
					if (!inside) {
						notify({tone: 'info', text: `Enter goes into the destinations; ${binding.id === 'edit' ? 'e then edits' : 'd then removes'} the one chosen.`});
						return true;
					}
					break;
				default:
					break;
			}
			return (
				inside &&
				listKey(binding, {
					edit: (link) => open({kind: 'edit', link}),
					delete: (link) => open({kind: 'remove', link}),
				})
			);
		},
		active && overlay === undefined,
	);

	useConfirm(active && overlay?.kind === 'remove' ? overlay.link : undefined, {
		yes: (link) => closeAfter(change(`no ${linkLabel(link, mappings)}`, () => apply(link.origin, link.condition, link.mappingUuid, ''))),
		no: () => open(undefined),
		// While the removal is saved, keys wait: they must not reach the screen behind.
		busy: save.busy,
	});

	const context = {functionName: detail.name, mappings, links};
	let layer: React.ReactNode = null;
	if (overlay?.kind === 'add') {
		const streams = mappingChoices(mappings).map((choice) => choice.label);
		const problem = (field: DestinationField) => (_value: string, values: Record<string, string>) => checkDestinationForm(values, context).problems[field];
		const fields: FormField[] = [
			{
				id: 'source',
				label: 'Source',
				value: originChoices[0]?.label ?? '',
				choices: originChoices.map((choice) => choice.label),
				hint: 'asynchronous invocation, or a stream mapping (←/→)',
				validate: problem('source'),
			},
			{
				id: 'mapping',
				label: 'Mapping',
				value: streams[0] ?? noMappingChoice,
				choices: streams.length > 0 ? streams : [noMappingChoice],
				hint: 'for a mapping: Kinesis, DynamoDB Streams, Kafka (←/→)',
				validate: problem('mapping'),
			},
			{
				id: 'condition',
				label: 'Condition',
				value: conditionChoices[1]?.label ?? '',
				choices: conditionChoices.map((choice) => choice.label),
				hint: 'a mapping: on failure only (←/→)',
				validate: problem('condition'),
			},
			{
				id: 'type',
				label: 'Destination type',
				value: typeChoices[0]?.label ?? '',
				choices: typeChoices.map((choice) => choice.label),
				hint: 'S3: on failure only; Kafka topic: Kafka mappings (←/→)',
				validate: problem('type'),
			},
			{id: 'arn', label: 'Destination', value: '', hint: 'its ARN, e.g. arn:aws:sqs:REGION:ACCOUNT:QUEUE', validate: problem('arn')},
		];
		layer = (
			<Form
				title={`Add destination: ${detail.name}`}
				fields={fields}
				{...frame}
				onSubmit={(values) => {
					const {request} = checkDestinationForm(values, context);
					if (request === undefined) return;
					closeAfter(change(request.label, () => apply(request.origin, request.condition, request.mappingUuid, request.arn)));
				}}
			/>
		);
	} else if (overlay?.kind === 'edit') {
		const {link} = overlay;
		layer = (
			<Form
				title={`Edit destination: ${describeLink(link, mappings).split(' → ')[0] ?? ''}`}
				fields={[
					{
						id: 'arn',
						label: 'Destination',
						value: link.arn,
						hint: 'its ARN; d removes it instead',
						validate: (value) => checkDestinationEdit(link, value, context),
					},
				]}
				{...frame}
				onSubmit={(values) => {
					const arn = (values['arn'] ?? '').trim();
					if (arn === link.arn) {
						open(undefined);
						return;
					}
					closeAfter(change(linkLabel(link, mappings), () => apply(link.origin, link.condition, link.mappingUuid, arn)));
				}}
			/>
		);
	} else if (overlay?.kind === 'remove') {
		const {link} = overlay;
		layer = (
			<ConfirmDialog
				title="Remove destination"
				question="Remove this destination?"
				details={[describeLink(link, mappings), ...breakLines(link.arn, Math.max(20, width - 6), ':/').slice(0, 2), 'Lambda stops sending records there at once.']}
				theme={theme}
				width={width}
				height={height}
			/>
		);
	}

	const arnLines = selected === undefined ? [] : breakLines(selected.arn, Math.max(10, width - 2), ':/').slice(0, arnRows);
	// The title, an error line, the ARN (and a blank line above it) and the footer take the rest.
	const listHeight = Math.max(1, height - 2 - (loadError === undefined ? 0 : 1) - (arnLines.length > 0 ? arnLines.length + 1 : 0));
	const footer = inside ? 'a add · e edit · d remove · Esc back' : 'Enter: the destinations · a add one';
	// What could not be read is said on its own line, above what could.
	const list = (
		<ItemRows
			items={loaded || loadError !== undefined ? links : undefined}
			error={undefined}
			empty={loadError === undefined ? emptyText : ''}
			cursor={cursor}
			inside={inside}
			rows={listHeight}
			width={width}
			theme={theme}
			keyOf={(link) => link.id}
			render={(link) => describeLink(link, mappings)}
		/>
	);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>{`Destinations${loaded ? ` (${links.length})` : ''}`}</Text>
			{loadError === undefined ? null : (
				<Text color={theme.danger} wrap="truncate">
					{`Could not read them all: ${loadError}`}
				</Text>
			)}
			{list}
			{arnLines.length > 0 ? <Text> </Text> : null}
			{arnLines.map((line, index) => (
				<Text key={`arn-${index}`} color={theme.muted} wrap="truncate">
					{`  ${line}`}
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
