// The Overview tab: the function at a glance. On top, the console's diagram:
// what calls the function (event source mappings, and the services its
// resource-based policy lets in) on the left, the function with its layers
// and URL in the middle, where its results go on the right. j/k choose a box,
// Enter opens the box's section of the Configuration tab, `a` and `d` open
// the forms that add a trigger and a destination. Under it, the function's
// settings, as many as there is room for.
import {Box, Text} from 'ink';
import React, {useEffect, useMemo, useState} from 'react';
import {getFunctionLinks, type FunctionLinks} from '../../aws/function-links.js';
import {destinationsOf} from '../../domain/destinations.js';
import {breakLines, formatAge, formatBytes, formatDateTime, formatTimeout, pluralise, truncate} from '../../domain/format.js';
import type {AccountConcurrency, FunctionDetail} from '../../domain/function-model.js';
import {layoutDiagram, type DiagramInput, type DiagramItem, type DiagramLine, type DiagramTone} from '../../domain/overview-diagram.js';
import {decodeRestore, describeRestore, throttleRestoreTag} from '../../domain/throttle.js';
import {isTransitional, triggersOf} from '../../domain/triggers.js';
import {Field} from '../components/Field.js';
import {useConsole, useNotify} from '../context.js';
import {useResource} from '../hooks/useResource.js';
import {layers, useKeys} from '../input.js';
import {bindingFor} from '../keymap.js';
import type {Theme} from '../theme.js';

interface Props {
	detail: FunctionDetail;
	/** Reserved concurrency as the console knows it now (it changes on throttle); null for none. */
	reserved: number | null;
	account: AccountConcurrency | undefined;
	theme: Theme;
	width: number;
	height: number;
	active: boolean;
	/** Opens a section of the Configuration tab ('triggers', 'destinations', ...), with its add form when `intent` is 'add', or on one of its items. */
	onOpenSection(section: string, intent?: 'add', item?: string): void;
}

/** A box of the diagram: the section it opens, and what is said about it under the diagram. */
interface BoxInfo {
	section: string;
	intent?: 'add';
	/** The section's item the box is. */
	item?: string;
	about: string;
}

/** While Lambda changes a mapping (a transitional State), the Overview reads again this often until it settles. */
const settleCheckMs = 1000;

/** The diagram takes at most this many rows (four boxes a side), leaving the rest to the settings. */
const diagramRowsMax = 12;

function concurrencyText(reserved: number | null, account: AccountConcurrency | undefined): string {
	const free = account ? `${account.unreserved} of ${account.limit} free` : '';
	if (reserved === null) return `none reserved: uses the unreserved pool${free ? ` (${free})` : ''}`;
	return `${reserved} reserved${free ? ` (unreserved pool: ${free})` : ''}`;
}

function mappingTone(state: string | undefined, enabled: boolean | undefined): DiagramTone | undefined {
	if (state === undefined || state === 'Enabled') return undefined;
	if (state === 'Disabled' || enabled === false) return 'muted';
	return 'warning';
}

/** What the diagram shows, and what each of its boxes opens. */
function diagramOf(detail: FunctionDetail, links: FunctionLinks | undefined, throttled: boolean): {input: DiagramInput; boxes: Map<string, BoxInfo>} {
	const boxes = new Map<string, BoxInfo>();
	const triggers: DiagramItem[] = [];
	const destinations: DiagramItem[] = [];
	if (links !== undefined) {
		for (const trigger of triggersOf(links.mappings, links.policy.statements)) {
			triggers.push({
				id: trigger.id,
				title: trigger.state === undefined ? trigger.service : `${trigger.service} · ${trigger.state}`,
				text: trigger.name,
				tone: mappingTone(trigger.state, trigger.enabled),
			});
			boxes.set(trigger.id, {section: 'triggers', item: trigger.id, about: `${trigger.service} ${trigger.arn ?? trigger.name}`});
		}
		for (const destination of destinationsOf(links.asyncConfig?.settings, links.mappings)) {
			const from = destination.origin === 'mapping' ? ` · ${destination.sourceName ?? 'mapping'}` : '';
			destinations.push({id: destination.id, title: `On ${destination.condition}${from}`, text: `${destination.service} ${destination.name}`});
			const source = destination.origin === 'mapping' ? `batches from ${destination.sourceName ?? 'the mapping'}` : 'asynchronous invocations';
			boxes.set(destination.id, {section: 'destinations', item: destination.id, about: `${source}, on ${destination.condition}: ${destination.arn}`});
		}
	}
	const reading = links === undefined;
	const lines: DiagramLine[] = [{text: detail.layers.length === 0 ? 'No layers' : `Layers (${detail.layers.length})`}];
	if (links?.url !== undefined) {
		lines.push({id: 'url', text: `URL · ${links.url.authType}`});
		boxes.set('url', {section: 'function-url', about: `Function URL ${links.url.url} (auth ${links.url.authType}, ${links.url.invokeMode})`});
	}
	if (throttled) lines.push({text: 'THROTTLED', tone: 'danger'});
	boxes.set('function', {section: 'general', about: detail.arn});
	boxes.set('add-trigger', {section: 'triggers', intent: 'add', about: 'No triggers: a adds one (SQS, Kinesis, DynamoDB, S3, SNS, EventBridge, …)'});
	boxes.set('add-destination', {section: 'destinations', intent: 'add', about: 'No destinations: d adds one, for asynchronous invocations or a stream'});
	boxes.set('triggers-more', {section: 'triggers', about: 'Every trigger is in the Configuration tab\'s Triggers section'});
	boxes.set('destinations-more', {section: 'destinations', about: 'Every destination is in the Configuration tab\'s Destinations section'});
	return {
		input: {
			triggers,
			fn: {id: 'function', title: detail.name, lines},
			destinations,
			addTrigger: reading ? {id: 'add-trigger', title: 'Triggers', text: 'reading…', tone: 'muted'} : {id: 'add-trigger', title: '+ Add trigger', text: 'a', tone: 'muted'},
			addDestination: reading
				? {id: 'add-destination', title: 'Destinations', text: 'reading…', tone: 'muted'}
				: {id: 'add-destination', title: '+ Add destination', text: 'd', tone: 'muted'},
		},
		boxes,
	};
}

export function OverviewTab({detail, reserved, account, theme, width, height, active, onOpenSection}: Props) {
	const {clients, session} = useConsole();
	const notify = useNotify();
	const links = useResource((signal) => getFunctionLinks(clients, detail.name, signal), [clients, detail], clients.endpoint);
	const linksData = links.data;
	const settling = linksData?.mappings.some((mapping) => isTransitional(mapping.state)) === true;
	const reloadLinks = links.reload;
	useEffect(() => {
		if (!settling || links.loading) return undefined;
		const timer = setTimeout(reloadLinks, settleCheckMs);
		return () => clearTimeout(timer);
	}, [settling, links.loading, reloadLinks]);
	const throttled = reserved === 0;
	// Laid out when what it shows or its room changes, not on every key that moves the choice.
	const {boxes, diagram} = useMemo(() => {
		const {input, boxes: opened} = diagramOf(detail, linksData, throttled);
		return {boxes: opened, diagram: layoutDiagram(input, width, Math.min(diagramRowsMax, Math.max(3, height - 6)))};
	}, [detail, linksData, throttled, width, height]);
	const [chosen, setChosen] = useState('function');
	const selected = diagram.order.includes(chosen) ? chosen : 'function';
	const selectedIndex = Math.max(0, diagram.order.indexOf(selected));

	useKeys(
		layers.tab,
		(name) => {
			const binding = bindingFor('overview', name);
			if (binding === undefined) return false;
			if (binding.dangerous && session.readOnly) {
				notify({tone: 'error', text: 'Read-only mode: changes are off. Start lambdash without --read-only to add triggers and destinations.'});
				return true;
			}
			switch (binding.id) {
				case 'box-next':
					setChosen(diagram.order[Math.min(diagram.order.length - 1, selectedIndex + 1)] ?? selected);
					return true;
				case 'box-previous':
					setChosen(diagram.order[Math.max(0, selectedIndex - 1)] ?? selected);
					return true;
				case 'box-open': {
					const box = boxes.get(selected);
					if (box !== undefined) onOpenSection(box.section, box.intent, box.item);
					return true;
				}
				case 'add-trigger':
					onOpenSection('triggers', 'add');
					return true;
				case 'add-destination':
					onOpenSection('destinations', 'add');
					return true;
				default:
					return false;
			}
		},
		active,
	);

	const color = (tone: DiagramTone | undefined): string | undefined => (tone === undefined ? undefined : theme[tone]);
	// A list longer than its rows scrolls to keep the selected item in view.
	const diagramRows = Math.min(diagram.rows.length, diagramRowsMax, Math.max(3, height - 6));
	const selectedRow = Math.max(0, diagram.rows.findIndex((row) => row.some((segment) => segment.id === selected)));
	const firstRow = Math.min(Math.max(0, selectedRow - diagramRows + 1), Math.max(0, diagram.rows.length - diagramRows));
	const drawn = diagram.rows.slice(firstRow, firstRow + diagramRows).map((row, index) => (
		<Text key={`row-${index}`} wrap="truncate">
			{row.map((segment, part) => (
				<Text key={part} color={color(segment.tone)} inverse={segment.id !== undefined && segment.id === selected}>
					{segment.text}
				</Text>
			))}
		</Text>
	));
	// What the chosen box is, whole (ARNs and URLs are long): on two rows when one is not enough.
	const aboutLines = breakLines(boxes.get(selected)?.about ?? '', width, ' :/');
	const about = aboutLines.length <= 2 ? aboutLines : [aboutLines[0] ?? '', truncate(aboutLines.slice(1).join(''), width)];
	const problem = links.error === undefined ? linksData?.problems[0] : `the triggers and destinations: ${links.error}`;

	const tagEntries = Object.entries(detail.tags).filter(([key]) => key !== throttleRestoreTag);
	const tags =
		tagEntries.length === 0
			? 'none'
			: `${pluralise(tagEntries.length, 'tag')}: ${tagEntries.map(([key, value]) => `${key}=${value}`).join(', ')}`;
	const layerText =
		detail.layers.length === 0
			? 'none'
			: `${pluralise(detail.layers.length, 'layer')}: ${detail.layers.map((layer) => layer.arn.split(':layer:')[1] ?? layer.arn).join(', ')}`;
	const stateColor = detail.state === 'Active' ? theme.success : detail.state === 'Failed' ? theme.danger : theme.warning;
	const updateColor =
		detail.lastUpdateStatus === 'Failed' ? theme.danger : detail.lastUpdateStatus === 'InProgress' ? theme.warning : undefined;
	const code =
		detail.packageType === 'Image'
			? `container image ${detail.imageUri ?? ''}`
			: `${formatBytes(detail.codeSize)} zip · SHA-256 ${detail.codeSha256}`;
	const restore = decodeRestore(detail.tags[throttleRestoreTag]);
	// The settings, the ones an on-call engineer needs first.
	const fields = [
		<Field key="state" label="State" theme={theme}>
			<Text color={stateColor}>{detail.state}</Text>
			{' · last update '}
			<Text color={updateColor}>{detail.lastUpdateStatus}</Text>
			{detail.stateReason || detail.lastUpdateStatusReason ? ` · ${detail.lastUpdateStatusReason || detail.stateReason}` : ''}
		</Field>,
		<Field key="concurrency" label="Concurrency" theme={theme}>
			{throttled ? (
				<Text color={theme.danger} bold>
					{`THROTTLED: reserved 0, every invocation is rejected. T restores ${describeRestore(restore)}`}
				</Text>
			) : (
				concurrencyText(reserved, account)
			)}
		</Field>,
		<Field key="arn" label="ARN" theme={theme}>
			{detail.arn}
		</Field>,
		<Field key="runtime" label="Runtime" theme={theme}>
			{`${detail.runtime} · handler ${detail.handler || '-'} · ${detail.architectures.join(', ')}`}
		</Field>,
		<Field key="memory" label="Memory" theme={theme}>
			{`${detail.memoryMb} MB · ephemeral storage ${detail.ephemeralStorageMb} MB · timeout ${formatTimeout(detail.timeoutSeconds)}`}
		</Field>,
		<Field key="code" label="Code" theme={theme}>
			{code}
		</Field>,
		<Field key="role" label="Role" theme={theme}>
			{detail.role || '-'}
		</Field>,
		<Field key="modified" label="Modified" theme={theme}>
			{`${formatDateTime(detail.lastModified)} (${formatAge(detail.lastModified)})`}
		</Field>,
		<Field key="description" label="Description" theme={theme}>
			{detail.description || '-'}
		</Field>,
		<Field key="layers" label="Layers" theme={theme}>
			{layerText}
		</Field>,
		<Field key="environment" label="Environment" theme={theme}>
			{pluralise(detail.environmentVariableCount, 'variable')}
		</Field>,
		<Field key="tags" label="Tags" theme={theme}>
			{tags}
		</Field>,
	];
	const footer = problem === undefined ? 1 : 2;
	const fieldRows = Math.max(0, height - drawn.length - about.length - footer);
	return (
		<Box flexDirection="column" width={width} height={height}>
			{drawn}
			{about.map((line, index) => (
				<Text key={`about-${index}`} wrap="truncate" color={theme.muted}>
					{line}
				</Text>
			))}
			{problem === undefined ? null : (
				<Text wrap="truncate" color={theme.warning}>
					{`Could not read ${problem}`}
				</Text>
			)}
			<Text wrap="truncate" color={theme.muted}>
				{'j/k choose · Enter opens its section · a add trigger · d add destination'}
			</Text>
			{fields.slice(0, fieldRows)}
		</Box>
	);
}
