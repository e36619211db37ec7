// The Test tab: saved events on the left (private ones kept on this machine,
// shareable ones in the account's schema registry, as the Lambda console keeps
// them), and on the right the selected event or an invocation's result. Enter
// invokes; the result says at once whether it succeeded, with the figures of
// the REPORT line, the response or the error, and the log tail; H lists this
// session's invocations to compare.
import {Box, Text} from 'ink';
import React, {useEffect, useMemo, useState} from 'react';
import type {FunctionDetail} from '../../../domain/function-model.js';
import {fit, wrapWords} from '../../../domain/format.js';
import {resultLines, type Invocation} from '../../../domain/invocation-result.js';
import {checkJson} from '../../../domain/json-text.js';
import {cleanText} from '../../../domain/sanitize.js';
import {
	eventLineCount,
	eventPreviewLines,
	payloadSizeProblem,
	privateCountProblem,
	privateEventsFull,
	privateTestEventsMax,
	testEventNameProblem,
	type TestEvent,
	type TestEventSharing,
} from '../../../domain/test-events.js';
import {templateText, testEventTemplates} from '../../../domain/test-event-templates.js';
import {isQualifier} from '../../../domain/validate.js';
import {ConfirmDialog, useConfirm} from '../../components/ConfirmDialog.js';
import {Form} from '../../components/Form.js';
import {clampOffset, LineView} from '../../components/LineView.js';
import {Picker} from '../../components/Picker.js';
import {useConsole, useNotify} from '../../context.js';
import {editInEditor} from '../../external-editor.js';
import {useInvocations} from '../../hooks/useInvocationLog.js';
import {useTestEvents} from '../../hooks/useTestEvents.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import {EventEditor, type JsonProblem} from './event-editor.js';
import {EventList} from './event-list.js';
import {HistoryPane} from './history-pane.js';

interface Props {
	detail: FunctionDetail;
	width: number;
	height: number;
	active: boolean;
}

type Pane =
	| {kind: 'event'}
	| {kind: 'result'; sequence: number}
	| {kind: 'history'}
	/** Why the selected event was not sent: nothing was invoked. */
	| {kind: 'refused'; text: string};

type Overlay =
	| {kind: 'templates'}
	| {kind: 'name'; json: string; previous: TestEvent | undefined}
	| {kind: 'editor'; event: TestEvent; text: string; problem: JsonProblem | undefined}
	| {kind: 'options'}
	| {kind: 'delete'; event: TestEvent};

const listWidth = 28;
const sharingChoices: readonly TestEventSharing[] = ['private', 'shareable'];
const invocationTypes = ['synchronous', 'asynchronous'] as const;

export function TestTab({detail, width, height, active}: Props) {
	const {theme, session, suspend} = useConsole();
	const notify = useNotify();
	const name = detail.name;
	const testEvents = useTestEvents(detail);
	const {events} = testEvents;
	const {log, invocations} = useInvocations(name);
	const options = log.optionsOf(name);
	const [selected, setSelected] = useState(0);
	const [pane, setPane] = useState<Pane>(() => (invocations[0] ? {kind: 'result', sequence: invocations[0].sequence} : {kind: 'event'}));
	const [focus, setFocus] = useState<'events' | 'pane'>('events');
	const [offset, setOffset] = useState(0);
	const [historyRow, setHistoryRow] = useState(0);
	const [overlay, setOverlay] = useState<Overlay | undefined>();
	const [busy, setBusy] = useState(false);
	const [, setTick] = useState(0);
	const current = events[Math.min(selected, events.length - 1)];

	const paneWidth = Math.max(10, width - listWidth - 1);
	const shown: Invocation | undefined = pane.kind === 'result' ? invocations.find((entry) => entry.sequence === pane.sequence) : undefined;
	const lines = useMemo(() => (shown ? resultLines(shown, paneWidth) : []), [shown, paneWidth]);
	const viewHeight = Math.max(1, height - 1);

	// While an invocation runs, its elapsed time counts up.
	const running = shown?.outcome.kind === 'running';
	useEffect(() => {
		if (!running) return undefined;
		const timer = setInterval(() => setTick((value) => value + 1), 250);
		return () => clearInterval(timer);
	}, [running]);

	// After a save the list is read again: keep the saved event selected.
	const [follow, setFollow] = useState<Pick<TestEvent, 'name' | 'sharing'> | undefined>();
	useEffect(() => {
		if (!follow) return;
		const index = events.findIndex((each) => each.name === follow.name && each.sharing === follow.sharing);
		if (index < 0) return;
		setSelected(index);
		setFollow(undefined);
	}, [events, follow]);

	const saveEvent = async (event: TestEvent, previous: TestEvent | undefined): Promise<string | undefined> => {
		setBusy(true);
		notify({tone: 'progress', text: `Saving ${event.name}${event.sharing === 'shareable' ? ' to the schema registry' : ''}…`});
		try {
			await testEvents.save(event, previous);
			setFollow({name: event.name, sharing: event.sharing});
			setPane({kind: 'event'});
			notify({tone: 'success', text: `Saved ${event.name} (${event.sharing}).`});
			return undefined;
		} catch (error) {
			const message = (error as Error).message;
			notify({tone: 'error', text: message});
			return message;
		} finally {
			setBusy(false);
		}
	};

	const refuse = (text: string) => {
		setPane({kind: 'refused', text});
		setFocus('events');
		notify({tone: 'error', text: 'Not invoked: nothing was sent (the reason is on the right).'});
	};

	const invoke = (event: TestEvent) => {
		if (session.readOnly) {
			refuse('Read-only mode: invoking runs the function, which may change things. Start lambdash without --read-only to invoke.');
			return;
		}
		const check = checkJson(event.json);
		if (!check.ok) {
			refuse(`${event.name} is not valid JSON: line ${check.line}, column ${check.column}: ${check.message}. e edits it.`);
			return;
		}
		const sizeProblem = payloadSizeProblem(event.json, options.async);
		if (sizeProblem) {
			refuse(sizeProblem);
			return;
		}
		notify(undefined);
		const started = log.start({functionName: name, eventName: event.name, json: event.json, qualifier: options.qualifier, async: options.async});
		setPane({kind: 'result', sequence: started.sequence});
		setOffset(0);
	};

	// The private limit is told when a new event is begun, not after its template and name: a full
	// function's new event is made shareable, unless read-only mode keeps it from the account.
	const privateFull = privateEventsFull(events);
	const startNewEvent = () => {
		if (privateFull && session.readOnly) {
			notify({tone: 'error', text: `Read-only mode saves no shareable event; ${privateTestEventsMax} private is the most: delete one.`});
			return;
		}
		setOverlay({kind: 'templates'});
	};

	const openEditor = (event: TestEvent) => setOverlay({kind: 'editor', event, text: event.json, problem: undefined});

	const editOutside = (event: TestEvent) => {
		const result = editInEditor(event.json, `${event.name}.json`, suspend);
		if (result.kind === 'failed') {
			notify({tone: 'error', text: `The editor failed: ${result.message}`});
			return;
		}
		if (result.kind === 'unchanged') {
			notify({tone: 'info', text: `${event.name} is unchanged.`});
			return;
		}
		const check = checkJson(result.text);
		if (!check.ok) {
			// Nothing is lost: the text comes back here, with the problem shown where it is.
			setOverlay({kind: 'editor', event, text: result.text, problem: check});
			return;
		}
		void saveEvent({...event, json: result.text}, event);
	};

	useConfirm(overlay?.kind === 'delete' ? overlay.event : undefined, {
		busy,
		yes: (event) => {
			setBusy(true);
			testEvents.remove(event).then(
				() => {
					notify({tone: 'success', text: `Deleted ${event.name}.`});
					setSelected((value) => Math.max(0, value - 1));
				},
				(error: unknown) => notify({tone: 'error', text: (error as Error).message}),
			).finally(() => {
				setBusy(false);
				setOverlay(undefined);
			});
		},
		no: () => setOverlay(undefined),
	});

	const scrollBy = (delta: number) => setOffset((value) => clampOffset(value + delta, lines.length, viewHeight));

	useKeys(
		layers.tab,
		(key) => {
			if (busy) return true;
			const binding = bindingFor('test', key);
			const inPane = focus === 'pane';
			switch (binding?.id) {
				case 'event-down':
					if (inPane && pane.kind === 'history') setHistoryRow((value) => Math.min(invocations.length - 1, value + 1));
					else if (inPane) scrollBy(1);
					else {
						setSelected((value) => Math.min(events.length - 1, value + 1));
						setPane({kind: 'event'});
					}
					return true;
				case 'event-up':
					if (inPane && pane.kind === 'history') setHistoryRow((value) => Math.max(0, value - 1));
					else if (inPane) scrollBy(-1);
					else {
						setSelected((value) => Math.max(0, value - 1));
						setPane({kind: 'event'});
					}
					return true;
				case 'result-page':
					scrollBy(key === 'pageup' ? -(viewHeight - 1) : viewHeight - 1);
					return true;
				case 'result-ends':
					setOffset(key === 'g' ? 0 : clampOffset(lines.length, lines.length, viewHeight));
					return true;
				case 'into-result':
					if (pane.kind === 'event' && invocations[0]) setPane({kind: 'result', sequence: invocations[0].sequence});
					if (pane.kind !== 'event' || invocations[0]) setFocus('pane');
					return true;
				case 'leave-result':
					if (!inPane && pane.kind !== 'history') return false;
					setFocus('events');
					if (pane.kind === 'history') setPane(invocations[0] ? {kind: 'result', sequence: invocations[0].sequence} : {kind: 'event'});
					return true;
				case 'invoke':
					if (inPane && pane.kind === 'history') {
						const chosen = invocations[historyRow];
						if (chosen) {
							setPane({kind: 'result', sequence: chosen.sequence});
							setOffset(0);
						}
						return true;
					}
					if (!current) {
						startNewEvent();
						return true;
					}
					invoke(current);
					return true;
				case 'toggle-view':
					if (pane.kind === 'event') {
						if (invocations[0]) setPane({kind: 'result', sequence: invocations[0].sequence});
						else notify({tone: 'info', text: 'No result yet: Enter invokes the selected event.'});
					} else {
						setPane({kind: 'event'});
						setFocus('events');
					}
					setOffset(0);
					return true;
				case 'history':
					setPane({kind: 'history'});
					setHistoryRow(0);
					setFocus('pane');
					return true;
				case 'new-event':
					startNewEvent();
					return true;
				case 'edit-event':
					if (current) openEditor(current);
					return true;
				case 'external-edit-event':
					if (current) editOutside(current);
					return true;
				case 'rename-event':
					if (current) setOverlay({kind: 'name', json: current.json, previous: current});
					return true;
				case 'delete-event':
					if (current) setOverlay({kind: 'delete', event: current});
					return true;
				case 'invoke-options':
					setOverlay({kind: 'options'});
					return true;
				default:
					return false;
			}
		},
		active && overlay === undefined,
	);

	if (overlay?.kind === 'editor') {
		return (
			<EventEditor
				key={`${overlay.event.sharing}:${overlay.event.name}`}
				event={overlay.event}
				text={overlay.text}
				problem={overlay.problem}
				width={width}
				height={height}
				theme={theme}
				active={active}
				onSave={async (json) => {
					const failure = await saveEvent({...overlay.event, json}, overlay.event);
					if (failure === undefined) setOverlay(undefined);
					return failure;
				}}
				onClose={() => setOverlay(undefined)}
			/>
		);
	}

	const problems = [testEvents.privateProblem, testEvents.sharedProblem].filter((problem): problem is string => problem !== undefined);
	let right: React.ReactNode;
	if (pane.kind === 'history') {
		right = null;
	} else if (pane.kind === 'refused') {
		right = (
			<Box flexDirection="column" width={paneWidth} height={height}>
				<Text bold color={theme.danger}>
					{fit('✘ Not invoked: nothing was sent', paneWidth)}
				</Text>
				{wrapWords(cleanText(pane.text), paneWidth).map((line, index) => (
					// eslint-disable-next-line react/no-array-index-key
					<Text key={index} color={theme.danger}>
						{fit(line, paneWidth)}
					</Text>
				))}
			</Box>
		);
	} else if (shown) {
		const start = clampOffset(offset, lines.length, viewHeight);
		const position = lines.length > viewHeight ? ` · lines ${start + 1}–${Math.min(lines.length, start + viewHeight)} of ${lines.length}` : '';
		const elapsed = shown.outcome.kind === 'running' ? ` · ${((Date.now() - shown.startedAt.getTime()) / 1000).toFixed(1)} s` : '';
		right = (
			<Box flexDirection="column" width={paneWidth} height={height}>
				<Text color={focus === 'pane' ? theme.accent : theme.muted} bold={focus === 'pane'} wrap="truncate">
					{fit(`Result #${shown.sequence}${elapsed}${position}${focus === 'pane' ? '' : ' · l scrolls'}`, paneWidth)}
				</Text>
				<LineView lines={lines} offset={offset} width={paneWidth} height={viewHeight} theme={theme} />
			</Box>
		);
	} else {
		right = <EventPreview event={current} problems={problems} width={paneWidth} height={height} />;
	}

	return (
		<Box width={width} height={height}>
			{pane.kind === 'history' ? (
				<HistoryPane invocations={invocations} selected={historyRow} width={width} height={height} focused={focus === 'pane'} theme={theme} />
			) : (
				<>
					<Box flexDirection="column" width={listWidth} flexShrink={0}>
						<EventList
							events={events}
							selected={selected}
							focused={focus === 'events'}
							loading={testEvents.loading}
							problems={problems.map((problem) => (problem.startsWith('Private') ? 'Private: not read' : 'Shareable: not read'))}
							async={options.async}
							qualifier={options.qualifier}
							width={listWidth}
							height={height}
							theme={theme}
						/>
					</Box>
					<Box width={1} flexShrink={0} />
					{right}
				</>
			)}
			{overlay?.kind === 'templates' ? (
				<Picker
					title="New event from a template"
					items={testEventTemplates.map((template) => ({id: template.id, text: template.title}))}
					multiple={false}
					hint={privateFull ? `${privateTestEventsMax} private events is the most: this new one is made shareable` : 'Realistic sample events: the one you take is yours to edit'}
					theme={theme}
					width={width}
					height={height}
					active={active}
					onAccept={(ids) => {
						const template = testEventTemplates.find((each) => each.id === ids[0]);
						if (template) setOverlay({kind: 'name', json: templateText(template), previous: undefined});
						return undefined;
					}}
					onCancel={() => setOverlay(undefined)}
				/>
			) : null}
			{overlay?.kind === 'name' ? (
				<Form
					title={overlay.previous ? `Rename ${cleanText(overlay.previous.name)}` : 'Save the new event'}
					fields={[
						{
							id: 'name',
							label: 'Event name',
							value: overlay.previous?.name ?? templateEventName(overlay.json),
							hint: 'Up to 25 letters, digits, dots, hyphens and underscores',
							validate: (value, values) => testEventNameProblem(value, events, (values['sharing'] ?? 'private') as TestEventSharing, overlay.previous),
						},
						{
							id: 'sharing',
							label: 'Sharing',
							value: overlay.previous?.sharing ?? (privateFull ? 'shareable' : 'private'),
							choices: sharingChoices,
							hint: 'Private: this machine only · Shareable: everyone in the account',
							validate: (value) => (value === 'private' ? privateCountProblem(events, overlay.previous?.sharing !== 'private') : undefined),
						},
					]}
					theme={theme}
					width={width}
					height={height}
					active={active && !busy}
					onSubmit={(values) => {
						const sharing = values['sharing'] === 'shareable' ? 'shareable' : 'private';
						const event: TestEvent = {name: values['name'] ?? '', json: overlay.json, sharing};
						const previous = overlay.previous;
						void saveEvent(event, previous).then((failure) => {
							if (failure !== undefined) return;
							// A new event goes straight into the editor, to be made this function's own.
							if (previous) setOverlay(undefined);
							else setOverlay({kind: 'editor', event, text: event.json, problem: undefined});
						});
					}}
					onCancel={() => setOverlay(undefined)}
				/>
			) : null}
			{overlay?.kind === 'options' ? (
				<Form
					title="Invocation"
					fields={[
						{id: 'type', label: 'Invocation type', value: options.async ? 'asynchronous' : 'synchronous', choices: invocationTypes, hint: 'Asynchronous queues the event (up to 1 MB)'},
						{
							id: 'qualifier',
							label: 'Version or alias',
							value: options.qualifier ?? '',
							hint: 'Empty: $LATEST · a version number or an alias name',
							validate: (value) => (value === '' || isQualifier(value) ? undefined : 'A version (1, 2 …), $LATEST or an alias name: letters, digits, - and _, up to 128 characters.'),
						},
					]}
					theme={theme}
					width={width}
					height={height}
					active={active}
					onSubmit={(values) => {
						const qualifier = values['qualifier'] ?? '';
						log.setOptions(name, {async: values['type'] === 'asynchronous', qualifier: qualifier === '' || qualifier === '$LATEST' ? undefined : qualifier});
						setOverlay(undefined);
						setTick((value) => value + 1);
					}}
					onCancel={() => setOverlay(undefined)}
				/>
			) : null}
			{overlay?.kind === 'delete' ? (
				<Box position="absolute" width={width} height={height}>
					<ConfirmDialog
						title="Delete test event"
						question={`Delete the ${overlay.event.sharing} event ${cleanText(overlay.event.name)}?`}
						details={overlay.event.sharing === 'shareable' ? ['It is deleted for everyone in the account.'] : ['It is kept only on this machine.']}
						theme={theme}
						width={width}
						height={height}
					/>
				</Box>
			) : null}
		</Box>
	);
}

/** The default name of a new event: the template's, when the text is a template's. */
function templateEventName(json: string): string {
	return testEventTemplates.find((template) => templateText(template) === json)?.eventName ?? '';
}

function EventPreview({event, problems, width, height}: {event: TestEvent | undefined; problems: readonly string[]; width: number; height: number}) {
	const {theme} = useConsole();
	const problemLines = problems.flatMap((problem) => wrapWords(cleanText(problem), width));
	// What depends only on the text is worked out once per event, not on every frame: an event may be 6 MB.
	const json = event?.json ?? '';
	const total = useMemo(() => eventLineCount(json), [json]);
	const bytes = useMemo(() => Buffer.byteLength(json, 'utf8'), [json]);
	const room = Math.max(1, height - 2 - problemLines.length);
	const more = total > room ? total - room + 1 : 0;
	const count = more > 0 ? room - 1 : total;
	// Each line is cut (with room for tabs and escapes that cleaning removes) before it is cleaned.
	const shown = useMemo(() => eventPreviewLines(json, count, width * 4 + 64), [json, count, width]);
	if (!event) {
		return (
			<Box flexDirection="column" width={width} height={height}>
				<Text color={theme.muted} wrap="truncate">
					{fit('A test event is the JSON your function receives.', width)}
				</Text>
				<Text color={theme.muted} wrap="truncate">
					{fit('n makes one from a template; Enter then invokes.', width)}
				</Text>
				{problemLines.map((line, index) => (
					// eslint-disable-next-line react/no-array-index-key
					<Text key={index} color={theme.danger} wrap="truncate">
						{line}
					</Text>
				))}
			</Box>
		);
	}
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold color={theme.accent} wrap="truncate">
				{fit(`${cleanText(event.name)} · ${event.sharing} · ${bytes} bytes`, width)}
			</Text>
			{problemLines.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={`p${index}`} color={theme.danger} wrap="truncate">
					{line}
				</Text>
			))}
			{shown.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} wrap="truncate">
					{fit(line, width)}
				</Text>
			))}
			{more > 0 ? <Text color={theme.muted}>{fit(`… ${more} more lines (e edits, E in $EDITOR)`, width)}</Text> : null}
			<Text color={theme.muted} wrap="truncate">
				{fit('Enter invokes · e edits · n new · ? keys', width)}
			</Text>
		</Box>
	);
}
