// The Monitor tab's logs: the function's log group (LoggingConfig.LogGroup, or
// /aws/lambda/NAME) read with a time range and a CloudWatch filter pattern,
// searched within, one request's lines at a time, and followed live
// (StartLiveTail) into a bounded buffer that says how many lines it dropped,
// where it reconnected (lines sent meanwhile may be missing) and why it ended.
// Only the rows in view are laid out, so a flood of lines never stalls the keys.
// A pretty-printed JSON line and the cursor stay on their line when older
// lines are dropped: tailed lines are known by the buffer's sequence numbers,
// read lines by their place in one read (a new read starts afresh).
import {Box, Text} from 'ink';
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {accountIdOfArn, describeLogsError, filterEvents, listStreams, logGroupOf, requestLines, startLiveTail, type LiveTail} from '../../../aws/function-logs.js';
import {filterPatternAdvice} from '../../../domain/filter-pattern.js';
import {fit, pluralise, wrapWords} from '../../../domain/format.js';
import {LogBuffer} from '../../../domain/log-buffer.js';
import {displayLines, endedMarker, matches, prettyJsonLine, reconnectedNote, reconnectMarker, requestIdOf, type LogLine} from '../../../domain/log-lines.js';
import {cleanText} from '../../../domain/sanitize.js';
import {parseSince} from '../../../domain/time-range.js';
import {SinceForm, useSince} from './since-form.js';
import {Form} from '../../components/Form.js';
import {useConsole, useNotify} from '../../context.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import {commonViewKey, type ViewProps} from './view-props.js';

/** One request's lines, opened from a log line or from the recent invocations. */
export interface LogsRequest {
	requestId: string;
	/** When it ran: its lines are looked for around this time. */
	at: Date;
}

/** Lines kept while following: older ones are dropped, and counted. */
export const tailCapacity = 10_000;
/** The view takes in followed lines at most this often, however fast they come. */
const tailRedrawMs = 100;
/** A request's lines are looked for this long before and after the line that named it. */
const requestWindowMs = 15 * 60 * 1000;

type Source =
	| {kind: 'range'}
	| {kind: 'stream'; stream: string}
	| {kind: 'request'; request: LogsRequest}
	| {kind: 'streams'}
	| {kind: 'tail'};

interface Props extends ViewProps {
	request: LogsRequest | undefined;
	onRequestClosed(): void;
}

interface Loaded {
	lines: readonly LogLine[];
	note: string | undefined;
	/** Which read this was (each one counts up): what was marked on the lines of another read is not on these. */
	read: number;
}

/** The followed lines as last drawn: `first` is the sequence number of lines[0] (LogBuffer.firstSequence). */
interface TailSnapshot {
	lines: readonly LogLine[];
	dropped: number;
	first: number;
}

/** The lines shown pretty-printed, by their key (keyOf), in the lines they were chosen in (`scope`). */
interface Expanded {
	scope: string;
	keys: ReadonlySet<number>;
}

function timeOf(timestamp: number): string {
	return new Date(timestamp).toISOString().slice(11, 23);
}

export function LogsView({detail, width, height, active, onOverlay, request, onRequestClosed}: Props) {
	const {clients, session, theme} = useConsole();
	const notify = useNotify();
	const group = logGroupOf(detail);
	// StartLiveTail takes the group's ARN: the function's ARN has the account, so STS need not be asked.
	const accountId = accountIdOfArn(detail.arn);
	const range = useSince('1h', onOverlay);
	const since = range.since;
	const [pattern, setPattern] = useState('');
	const [source, setSource] = useState<Source>(() => (request ? {kind: 'request', request} : {kind: 'range'}));
	const [loaded, setLoaded] = useState<Loaded | undefined>();
	const [error, setError] = useState<string | undefined>();
	const [loading, setLoading] = useState(false);
	const [generation, setGeneration] = useState(0);
	const [streams, setStreams] = useState<Array<{name: string; lastEventTime: Date | undefined}>>([]);
	const [cursor, setCursor] = useState(0);
	const [top, setTop] = useState(0);
	const [wrap, setWrap] = useState(false);
	const [pretty, setPretty] = useState<Expanded>({scope: '', keys: new Set()});
	const [search, setSearch] = useState('');
	const [form, setForm] = useState<'filter' | 'search' | undefined>();
	const [follow, setFollow] = useState(true);
	const [paused, setPaused] = useState(false);
	const [tailStatus, setTailStatus] = useState<string>('');
	/** Set when the tail reconnected (reconnectedNote): it stays in the header until the tail starts afresh. */
	const [reconnected, setReconnected] = useState<string | undefined>();
	/** CloudWatch sent a sample: more than 500 lines a second matched. */
	const [sampled, setSampled] = useState(false);
	const tailBuffer = useRef(new LogBuffer<LogLine>(tailCapacity));
	const [tailSnapshot, setTailSnapshot] = useState<TailSnapshot>({lines: [], dropped: 0, first: 0});
	const pausedRef = useRef(paused);
	pausedRef.current = paused;
	const reads = useRef(0);

	useEffect(() => {
		if (request) setSource({kind: 'request', request});
	}, [request]);

	// Reading: a range, a stream, a request's lines, or the list of streams.
	useEffect(() => {
		if (source.kind === 'tail') return undefined;
		const controller = new AbortController();
		setLoading(true);
		setError(undefined);
		const now = new Date();
		const read = async (): Promise<void> => {
			const client = await clients.logs();
			if (source.kind === 'streams') {
				setStreams(await listStreams(client, group, controller.signal));
				return;
			}
			if (source.kind === 'request') {
				const at = source.request.at.getTime();
				const lines = await requestLines(client, group, source.request.requestId, {start: new Date(at - requestWindowMs), end: new Date(at + requestWindowMs)}, controller.signal);
				reads.current += 1;
				setLoaded({lines, note: `request ${source.request.requestId}`, read: reads.current});
				return;
			}
			const parsed = parseSince(since, now);
			if ('problem' in parsed) throw new Error(parsed.problem);
			const result = await filterEvents(
				client,
				{group, ...(pattern ? {pattern} : {}), start: parsed.start, ...(parsed.end ? {end: parsed.end} : {}), ...(source.kind === 'stream' ? {streams: [source.stream]} : {})},
				controller.signal,
			);
			reads.current += 1;
			setLoaded({lines: result.lines, note: result.truncated ? 'the first 10,000 lines: narrow the range or the filter' : undefined, read: reads.current});
		};
		read().then(
			() => {
				if (controller.signal.aborted) return;
				setLoading(false);
				// A list of streams and one request read from the top; a range from its newest line.
				setCursor(source.kind === 'streams' || source.kind === 'request' ? 0 : Number.MAX_SAFE_INTEGER);
			},
			(caught: unknown) => {
				if (controller.signal.aborted) return;
				setLoading(false);
				setError(describeLogsError(caught, group, clients.endpoint));
			},
		);
		return () => controller.abort();
	}, [clients, group, pattern, since, source, generation]);

	// Following: StartLiveTail into a bounded buffer, drawn at most every 100 ms.
	useEffect(() => {
		if (source.kind !== 'tail') return undefined;
		const buffer = tailBuffer.current;
		buffer.clear();
		// What a read left (its error, its "reading…") is not the tail's.
		setError(undefined);
		setLoading(false);
		setTailSnapshot({lines: [], dropped: 0, first: buffer.firstSequence});
		setTailStatus('connecting…');
		setReconnected(undefined);
		setSampled(false);
		// Lines logged between a drop and the reconnection never come: the gap gets a line of its own.
		let disconnected = false;
		const input = {group, ...(accountId === undefined ? {} : {accountId}), ...(pattern ? {pattern} : {})};
		const tail: LiveTail = startLiveTail(session, input, {
			onLines: (lines) => buffer.push(lines),
			onSampled: () => setSampled(true),
			onStatus: (status) => {
				if (status.kind === 'connected') {
					setTailStatus('live');
					if (disconnected) {
						const now = new Date();
						buffer.push([reconnectMarker(now)]);
						setReconnected(reconnectedNote(now));
						disconnected = false;
					}
				} else if (status.kind === 'reconnecting') {
					disconnected = true;
					setTailStatus(`reconnecting (attempt ${status.attempt}): ${status.reason}`);
				} else {
					// The header has room for little of the reason: the last line holds all of it.
					buffer.push([endedMarker(new Date(), status.reason)]);
					setTailStatus(`ended: ${status.reason}`);
				}
			},
		});
		let seen = -1;
		let shownFirst = buffer.firstSequence;
		const timer = setInterval(() => {
			if (pausedRef.current || buffer.version === seen) return;
			seen = buffer.version;
			const first = buffer.firstSequence;
			const shift = first - shownFirst;
			shownFirst = first;
			setTailSnapshot({lines: buffer.items, dropped: buffer.dropped, first});
			// Older lines went: the cursor and the window stay on the lines they were on.
			if (shift > 0) {
				setCursor((value) => (value === Number.MAX_SAFE_INTEGER ? value : Math.max(0, value - shift)));
				setTop((value) => Math.max(0, value - shift));
			}
		}, tailRedrawMs);
		return () => {
			clearInterval(timer);
			tail.stop();
		};
	}, [accountId, group, pattern, session, source.kind]);

	const lines: readonly LogLine[] = source.kind === 'tail' ? tailSnapshot.lines : (loaded?.lines ?? []);
	const last = Math.max(0, lines.length - 1);
	// Following, the cursor is on the newest line until the user moves it (derived, so a batch of lines is one render).
	const following = source.kind === 'tail' && follow;
	const at = source.kind === 'streams' ? Math.min(cursor, Math.max(0, streams.length - 1)) : following ? last : Math.min(cursor, last);

	// What a pretty-printed line is known by: its sequence number in a tail, its place in one read.
	const tailFirst = tailSnapshot.first;
	const scope = source.kind === 'tail' ? 'tail' : `read ${loaded?.read ?? 0}`;
	const keyOf = (index: number): number => (source.kind === 'tail' ? tailFirst + index : index);
	const expanded = pretty.scope === scope ? pretty.keys : undefined;

	const bodyHeight = Math.max(1, height - 2);
	const rowsOf = (index: number): string[] => {
		const line = lines[index];
		if (!line) return [];
		const prefix = `${timeOf(line.timestamp)} `;
		const room = Math.max(10, width - prefix.length);
		const json = expanded?.has(keyOf(index)) === true ? prettyJsonLine(line.message) : undefined;
		// The console's own lines (a gap, an end) are always shown whole, broken at spaces.
		const body = line.marker
			? wrapWords(cleanText(line.message), room)
			: json
				? json.flatMap((text) => displayLines({...line, message: text}, room, wrap))
				: displayLines(line, room, wrap);
		return body.map((text, row) => (row === 0 ? prefix : ' '.repeat(prefix.length)) + text);
	};
	// The window: the cursor's line is always in it; only its lines are laid out.
	const view = useMemo(() => {
		if (source.kind === 'streams' || lines.length === 0) return {start: 0, rows: [] as Array<{index: number; text: string}>};
		// Each line in reach is laid out once, however often the steps below look at it.
		const laidOut = new Map<number, string[]>();
		const rowsAt = (index: number): string[] => {
			let rows = laidOut.get(index);
			if (rows === undefined) {
				rows = rowsOf(index);
				laidOut.set(index, rows);
			}
			return rows;
		};
		const rowsTall = (index: number): number => Math.max(1, rowsAt(index).length);
		// The first line of a window that starts at `from` with `used` rows below, taking in lines above while they fit.
		const backFrom = (from: number, used: number): number => {
			let first = from;
			while (first > 0 && used < bodyHeight) {
				const above = rowsTall(first - 1);
				if (used + above > bodyHeight) break;
				used += above;
				first -= 1;
			}
			return first;
		};
		// From the first line shown before, unless the cursor's line would then fall
		// below the window: then from as far back as fits, walking back from the cursor
		// (a few rows of work, however many lines there are).
		let start = Math.min(top, at);
		let fits = at - start < bodyHeight;
		if (fits) {
			let used = 0;
			for (let index = start; index <= at; index++) used += rowsTall(index);
			fits = used <= bodyHeight;
		}
		if (!fits) start = backFrom(at, rowsTall(at));
		// Fewer lines than before (a filter, a shorter read): the window is filled
		// as far back as fits, so it ends at the last line rather than showing
		// one line on an empty screen.
		let below = 0;
		for (let index = start; index < lines.length && below < bodyHeight; index++) below += rowsTall(index);
		start = backFrom(start, below);
		const rows: Array<{index: number; text: string}> = [];
		for (let index = start; index < lines.length && rows.length < bodyHeight; index++) {
			for (const text of rowsAt(index)) {
				if (rows.length >= bodyHeight) break;
				rows.push({index, text});
			}
		}
		return {start, rows};
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [lines, top, at, bodyHeight, width, wrap, expanded, tailFirst, source.kind]);
	useEffect(() => {
		if (view.start !== top) setTop(view.start);
	}, [top, view.start]);

	const move = (delta: number) => {
		if (source.kind === 'tail') setFollow(false);
		setCursor(Math.max(0, Math.min(source.kind === 'streams' ? streams.length - 1 : last, at + delta)));
	};
	const findMatch = (direction: 1 | -1) => {
		if (search === '') {
			notify({tone: 'info', text: 'No search yet: / searches within the lines.'});
			return;
		}
		for (let step = 1; step <= lines.length; step++) {
			const index = (at + direction * step + lines.length) % lines.length;
			const line = lines[index];
			if (line && matches(line, search)) {
				if (source.kind === 'tail') setFollow(false);
				setCursor(index);
				return;
			}
		}
		notify({tone: 'info', text: `No line contains "${search}".`});
	};

	useKeys(
		layers.tab + 0.1,
		(name) => {
			// A live tail is always current: r reads again only what was read once.
			const refresh = () => {
				if (source.kind !== 'tail') setGeneration((value) => value + 1);
			};
			if (commonViewKey(name, {refresh, changeRange: range.ask})) return true;
			const binding = bindingFor('logs', name)?.id;
			switch (binding) {
				case 'logs-down':
					move(1);
					return true;
				case 'logs-up':
					move(-1);
					return true;
				case 'logs-page':
					move(name === 'pageup' ? -(bodyHeight - 1) : bodyHeight - 1);
					return true;
				case 'logs-ends':
					if (name === 'g') move(-Number.MAX_SAFE_INTEGER);
					else {
						setCursor(Number.MAX_SAFE_INTEGER);
						if (source.kind === 'tail') setFollow(true);
					}
					return true;
				case 'logs-filter':
					openForm('filter');
					return true;
				case 'logs-search':
					openForm('search');
					return true;
				case 'logs-next-match':
					findMatch(name === 'N' ? -1 : 1);
					return true;
				case 'logs-follow':
					if (source.kind === 'tail') setSource({kind: 'range'});
					else {
						setFollow(true);
						setPaused(false);
						setSource({kind: 'tail'});
					}
					return true;
				case 'logs-pause':
					if (source.kind !== 'tail') {
						notify({tone: 'info', text: 'p pauses a live tail: F starts one.'});
						return true;
					}
					setPaused((value) => !value);
					return true;
				case 'logs-wrap':
					setWrap((value) => !value);
					return true;
				case 'logs-json': {
					const line = lines[at];
					if (!line || !prettyJsonLine(line.message)) {
						notify({tone: 'info', text: 'This line holds no JSON object.'});
						return true;
					}
					const key = keyOf(at);
					setPretty((current) => {
						// Lines of another read or another tail were marked: these start with none.
						const next = new Set(current.scope === scope ? current.keys : []);
						if (next.has(key)) next.delete(key);
						else next.add(key);
						return {scope, keys: next};
					});
					return true;
				}
				case 'logs-request': {
					if (source.kind === 'streams') {
						const stream = streams[at];
						if (stream) setSource({kind: 'stream', stream: stream.name});
						return true;
					}
					const line = lines[at];
					const requestId = line ? requestIdOf(line.message) : undefined;
					if (!line || !requestId) {
						notify({tone: 'info', text: 'This line names no request ID.'});
						return true;
					}
					setSource({kind: 'request', request: {requestId, at: new Date(line.timestamp)}});
					return true;
				}
				case 'logs-streams':
					setSource({kind: 'streams'});
					return true;
				case 'logs-back':
					if (source.kind === 'range') return false;
					if (source.kind === 'request') onRequestClosed();
					setSource(source.kind === 'stream' ? {kind: 'streams'} : {kind: 'range'});
					return true;
				default:
					return false;
			}
		},
		active && form === undefined && !range.asking,
	);

	function openForm(kind: 'filter' | 'search') {
		setForm(kind);
		onOverlay(true);
	}
	const closeForm = () => {
		setForm(undefined);
		onOverlay(false);
	};

	const titles: Record<Source['kind'], string> = {
		range: `since ${since}`,
		stream: source.kind === 'stream' ? `stream ${source.stream}` : '',
		request: source.kind === 'request' ? `request ${source.request.requestId} · Esc back` : '',
		streams: 'streams, newest first · Enter reads one',
		tail: `live tail: ${paused ? 'paused (p goes on)' : tailStatus === 'live' && reconnected !== undefined ? reconnected : tailStatus}${sampled ? ' · sampled (over 500 lines/s matched: f narrows)' : ''}${tailSnapshot.dropped > 0 ? ` · ${tailSnapshot.dropped} older lines dropped` : ''}`,
	};
	const filterText = pattern ? ` · filter ${pattern}` : '';
	const searchText = search ? ` · search "${search}"` : '';
	const header = `${group} · ${titles[source.kind]}${filterText}${searchText}`;
	const count = source.kind === 'streams' ? `${streams.length} streams` : `${pluralise(lines.length, 'line')}${loaded?.note && source.kind !== 'tail' ? ` (${loaded.note})` : ''}`;
	const footer = `${count}${loading ? ' · reading…' : ''} · f filter · / search · F follow · s streams · w wrap · J json`;

	let body: React.ReactNode;
	if (error) {
		body = (
			<Text color={theme.danger} wrap="wrap">
				{error}
			</Text>
		);
	} else if (source.kind === 'streams') {
		const first = Math.max(0, at - bodyHeight + 1);
		body = streams.slice(first, first + bodyHeight).map((stream, index) => (
			<Text key={stream.name} inverse={first + index === at} wrap="truncate">
				{fit(`${stream.lastEventTime ? stream.lastEventTime.toISOString().slice(0, 19).replace('T', ' ') : '(no events)'}  ${cleanText(stream.name)}`, width)}
			</Text>
		));
		if (streams.length === 0 && !loading) body = <Text color={theme.muted}>{'No streams yet: the function has not written logs.'}</Text>;
	} else if (lines.length === 0) {
		body = (
			<Text color={theme.muted}>
				{loading ? 'Reading…' : source.kind === 'tail' ? 'Waiting for new lines: invoke the function (Test tab, 3).' : 'No lines in this range. t changes the range, f the filter, F follows new lines.'}
			</Text>
		);
	} else {
		body = view.rows.map((row, position) => {
			const line = lines[row.index];
			const hit = search !== '' && line !== undefined && matches(line, search);
			const marker = line?.marker === 'ended' ? theme.danger : line?.marker === 'gap' ? theme.accent : undefined;
			return (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={position} inverse={row.index === at} color={marker ?? (hit ? theme.warning : undefined)} wrap="truncate">
					{fit(row.text, width)}
				</Text>
			);
		});
	}

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text color={theme.accent} wrap="truncate">
				{fit(header, width)}
			</Text>
			<Box flexDirection="column" height={bodyHeight}>
				{body}
			</Box>
			<Text color={theme.muted} wrap="truncate">
				{fit(footer, width)}
			</Text>
			{form === 'filter' ? (
				<Form
					title="CloudWatch filter pattern"
					fields={[
						{
							id: 'pattern',
							label: 'Pattern',
							value: pattern,
							hint: 'Empty: every line · ERROR · "Task timed out" · { $.level = "ERROR" }',
							// CloudWatch's reason and what it would read, before anything is sent; what was typed stays.
							validate: (value) => filterPatternAdvice(value),
						},
					]}
					theme={theme}
					width={width}
					height={height}
					active={active}
					onSubmit={(values) => {
						setPattern((values['pattern'] ?? '').trim());
						closeForm();
					}}
					onCancel={closeForm}
				/>
			) : null}
			<SinceForm
				title="Time range of the logs"
				state={range}
				theme={theme}
				width={width}
				height={height}
				active={active}
				onChosen={() => {
					if (source.kind !== 'range' && source.kind !== 'tail') setSource({kind: 'range'});
				}}
			/>
			{form === 'search' ? (
				<Form
					title="Search within the lines"
					fields={[{id: 'search', label: 'Text', value: search, hint: 'Matching lines stand out; n and N go from one to the next'}]}
					theme={theme}
					width={width}
					height={height}
					active={active}
					onSubmit={(values) => {
						setSearch(values['search'] ?? '');
						closeForm();
					}}
					onCancel={closeForm}
				/>
			) : null}
		</Box>
	);
}
