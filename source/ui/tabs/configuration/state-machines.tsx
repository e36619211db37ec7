// State machines: the Step Functions state machines whose definition calls the
// function (a Task with its ARN as the Resource, or lambda:invoke naming it),
// each with its type and the states that call it; the ARN of the one under the
// cursor, and where to see it (its Step Functions console page, or the local
// Lambda it came from), below the list. Inside the list Enter opens the
// definition over the whole tab, the lines naming the function in the accent
// colour; j/k, PgUp/PgDn and g/G scroll it, Esc closes it. Nothing here
// changes anything.
import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import {stateMachineConsoleUrl, stateMachinesCalling, type StateMachineCalling} from '../../../aws/state-machines.js';
import {breakLines, fit, wrapWords} from '../../../domain/format.js';
import {definitionLines} from '../../../domain/state-machine-definition.js';
import {LineView} from '../../components/LineView.js';
import {Field} from '../../components/Field.js';
import {useConsole} from '../../context.js';
import {useResource} from '../../hooks/useResource.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {Theme} from '../../theme.js';
import {firstShown} from './ItemRows.js';
import type {SectionProps} from './sections.js';
import {useItemList} from './useItemList.js';
import {useSectionOverlay} from './useSectionOverlay.js';
import {useReaderScroll} from '../../hooks/useReaderScroll.js';

const labelWidth = 7;
const nameWidthMax = 24;
const typeWidth = 10;
/** Rows for the states the selected state machine calls the function from, written out in full. */
const statesRows = 2;
/** Rows of an error, at most. */
const errorRows = 4;

/** Where the state machine can be seen: its console page on AWS; against the local Lambda, the endpoint it came from. */
function whereToSee(machine: StateMachineCalling, region: string, endpoint: string | undefined): {label: string; text: string} {
	return endpoint === undefined ? {label: 'Link', text: stateMachineConsoleUrl(region, machine.arn)} : {label: 'From', text: `the local Lambda at ${endpoint}`};
}

const statesText = (machine: StateMachineCalling): string => machine.states.map((state) => state.path).join(', ');

function rowText(machine: StateMachineCalling, nameWidth: number): string {
	return `${fit(machine.name, nameWidth - 1)} ${fit(machine.type, typeWidth - 1)} ${statesText(machine)}`;
}

interface DefinitionProps {
	machine: StateMachineCalling;
	functionName: string;
	where: {label: string; text: string};
	theme: Theme;
	width: number;
	height: number;
	left: number;
	active: boolean;
	onClose(): void;
}

/** The definition over the whole tab; only the lines in view are drawn. */
function DefinitionView({machine, functionName, where, theme, width, height, left, active, onClose}: DefinitionProps) {
	// Not on every key that scrolls it: a definition may be long, and each line is searched for the function.
	const lines = useMemo(() => definitionLines(machine.definition, functionName, width), [machine.definition, functionName, width]);
	const viewHeight = Math.max(1, height - 3);
	const start = useReaderScroll({count: lines.length, viewHeight, active, onClose});
	const shown = lines.length === 0 ? '0' : `${start + 1}-${Math.min(lines.length, start + viewHeight)}`;
	const position = ` lines ${shown} of ${lines.length}`;
	const padded = [...lines, ...Array.from({length: Math.max(0, viewHeight - (lines.length - start))}, () => ({text: '', tone: 'normal' as const}))];
	return (
		<Box position="absolute" marginLeft={left} flexDirection="column" width={width} height={height}>
			<Text bold inverse>
				{fit(`${fit(` ${machine.name} · ${machine.type} · definition`, Math.max(1, width - position.length))}${position}`, width)}
			</Text>
			<Text color={theme.muted}>{fit(` ${where.label} ${where.text}`, width)}</Text>
			<LineView lines={padded} offset={start} width={width} height={viewHeight} theme={theme} />
			<Text color={theme.muted}>{fit(` j/k scroll · PgUp/PgDn a page · g/G the ends · Esc close`, width)}</Text>
		</Box>
	);
}

export function StateMachinesSection(props: SectionProps) {
	const {detail, theme, width, height, screenWidth, paneLeft, active, inside, onLeave} = props;
	const {clients, session} = useConsole();
	const {overlay, open} = useSectionOverlay<{machine: StateMachineCalling}>(props);

	// Read again whenever the function is (after every change, and on r).
	const found = useResource((signal) => stateMachinesCalling(clients, {name: detail.name, arn: detail.arn}, signal), [clients, detail], clients.endpoint);
	const machines = found.data ?? [];
	const {cursor, selected, key: listKey} = useItemList(machines, onLeave);

	useKeys(
		layers.section,
		(name) => {
			const binding = bindingFor('configuration', name);
			if (!inside) return false;
			if (binding?.id === 'section-enter') {
				if (selected !== undefined) open({machine: selected});
				return true;
			}
			return listKey(binding);
		},
		active && overlay === undefined,
	);

	const nameWidth = Math.min(nameWidthMax, Math.max(5, ...machines.map((machine) => machine.name.length + 1)));
	const where = selected === undefined ? undefined : whereToSee(selected, session.region, clients.endpoint);
	const below: React.ReactNode[] = [];
	if (selected !== undefined && where !== undefined) {
		below.push(
			<Text key="gap"> </Text>,
			...wrapWords(statesText(selected), width - labelWidth)
				.slice(0, statesRows)
				.map((line, index) => (
					<Field key={`states-${line}`} label={index === 0 ? 'States' : ''} theme={theme} labelWidth={labelWidth}>
						{line}
					</Field>
				)),
			...breakLines(selected.arn, width - labelWidth, ':').map((line, index) => (
				<Field key={`arn-${line}`} label={index === 0 ? 'ARN' : ''} theme={theme} labelWidth={labelWidth}>
					{line}
				</Field>
			)),
			...breakLines(where.text, width - labelWidth, '/#?& ').map((line, index) => (
				<Field key={`link-${line}`} label={index === 0 ? where.label : ''} theme={theme} labelWidth={labelWidth}>
					{line}
				</Field>
			)),
		);
	}

	let list: React.ReactNode;
	if (found.data === undefined) {
		list = found.error ? (
			wrapWords(found.error, width)
				.slice(0, errorRows)
				.map((line, index) => (
					// eslint-disable-next-line react/no-array-index-key
					<Text key={`error-${index}`} color={theme.danger}>
						{line}
					</Text>
				))
		) : (
			<Text color={theme.muted}>Reading the state machines…</Text>
		);
	} else if (machines.length === 0) {
		list = <Text color={theme.muted}>No state machine calls this function.</Text>;
	} else {
		const listHeight = Math.max(1, height - 4 - below.length);
		const first = firstShown(cursor, machines.length, listHeight);
		list = machines.slice(first, first + listHeight).map((machine) => (
			<Text key={machine.arn} inverse={inside && machine === selected} wrap="truncate">
				{rowText(machine, nameWidth)}
			</Text>
		));
	}

	const footer = inside ? 'Enter the definition · Esc back' : 'Enter: the state machines';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">
				{`State machines calling ${detail.name}${found.data === undefined ? '' : ` (${machines.length})`}`}
			</Text>
			{machines.length > 0 ? <Text color={theme.muted}>{fit(`${fit('Name', nameWidth - 1)} ${fit('Type', typeWidth - 1)} States that call it`, width)}</Text> : null}
			{list}
			{below}
			<Box flexGrow={1} />
			<Text color={theme.muted} wrap="truncate">
				{found.loading && found.data !== undefined ? 'Reading again…' : footer}
			</Text>
			{overlay === undefined ? null : (
				<DefinitionView
					machine={overlay.machine}
					functionName={detail.name}
					where={whereToSee(overlay.machine, session.region, clients.endpoint)}
					theme={theme}
					width={screenWidth}
					height={height}
					left={-paneLeft}
					active={active}
					onClose={() => open(undefined)}
				/>
			)}
		</Box>
	);
}
