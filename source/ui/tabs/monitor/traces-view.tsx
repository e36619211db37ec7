// The Monitor tab's traces: with active tracing on, each invocation's X-Ray
// trace (the Lambda service, the function, its initialization and invocation),
// listed newest first with duration and status; Enter draws one as a timeline,
// each segment labelled with its origin as the X-Ray console does (the
// service's "Lambda" segment, the "Function" segment and its subsegments
// under it), scrolled with the same keys when it is longer than the view.
import {Box, Text} from 'ink';
import React, {useMemo, useRef, useState} from 'react';
import {getTimeline, listTraces} from '../../../aws/traces.js';
import {fit, pluralise} from '../../../domain/format.js';
import {formatTableTime, timesNeedDate} from '../../../domain/invocation-reports.js';
import {cleanText} from '../../../domain/sanitize.js';
import {parseSince} from '../../../domain/time-range.js';
import {formatTraceDuration, timelineBars, type TraceSummaryRow} from '../../../domain/trace-timeline.js';
import {clampOffset} from '../../components/LineView.js';
import {scrollOffset} from '../../components/VirtualTable.js';
import {useConsole} from '../../context.js';
import {useResource} from '../../hooks/useResource.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import {SinceForm, useSince} from './since-form.js';
import {commonViewKey, type ViewProps} from './view-props.js';

const idColumns = 35;

/** One trace of the list, `width` columns wide: its start (with the date when `withDate`), id, duration, status, and whether it was a cold start. */
export function traceRowText(trace: TraceSummaryRow, width: number, withDate = false): string {
	const text = [
		formatTableTime(trace.startTime, withDate),
		fit(cleanText(trace.id), idColumns),
		fit(formatTraceDuration(trace.durationMs), 8, 'right'),
		fit(trace.status, 8),
		trace.coldStart ? 'cold start' : '',
	].join(' ');
	return fit(text, width);
}

export function traceHeader(width: number, withDate = false): string {
	return fit([fit('time', withDate ? 14 : 8), fit('trace', idColumns), fit('duration', 8, 'right'), 'status'].join(' '), width);
}

export function TracesView({detail, width, height, active, onOverlay}: ViewProps) {
	const {clients, theme} = useConsole();
	const range = useSince('1h', onOverlay);
	const since = range.since;
	const [selected, setSelected] = useState(0);
	const [opened, setOpened] = useState<string | undefined>();
	const [timelineTop, setTimelineTop] = useState(0);
	const offsetRef = useRef(0);
	const traces = useResource(
		async (signal) => {
			const parsed = parseSince(since, new Date());
			if ('problem' in parsed) throw new Error(parsed.problem);
			const end = parsed.end ?? new Date();
			const rows = await listTraces(await clients.xray(), detail.name, {start: parsed.start, end}, signal);
			return {rows, rangeMs: end.getTime() - parsed.start.getTime()};
		},
		[clients, detail.name, since],
		clients.endpoint,
	);
	const timeline = useResource(
		async (signal) => (opened === undefined ? undefined : getTimeline(await clients.xray(), opened, signal)),
		[clients, opened],
		clients.endpoint,
	);
	const rows = useMemo(() => traces.data?.rows ?? [], [traces.data]);
	const withDate = useMemo(() => timesNeedDate(rows.map((row) => row.startTime), traces.data?.rangeMs), [rows, traces.data]);
	const current = Math.min(selected, Math.max(0, rows.length - 1));
	// The title and the keys; the list has its header too.
	const bodyHeight = Math.max(1, height - 2);
	const listHeight = Math.max(1, bodyHeight - 1);
	const first = scrollOffset(offsetRef.current, current, listHeight, rows.length);
	offsetRef.current = first;
	const timelineRows = timeline.data ?? [];
	const timelineStart = clampOffset(timelineTop, timelineRows.length, bodyHeight);

	useKeys(
		layers.tab + 0.1,
		(name) => {
			const refresh = () => {
				traces.reload();
				timeline.reload();
			};
			if (commonViewKey(name, {refresh, changeRange: range.ask})) return true;
			switch (bindingFor('traces', name)?.id) {
				case 'traces-back':
					if (opened === undefined) return false;
					setOpened(undefined);
					return true;
				case 'traces-down':
					if (opened !== undefined) setTimelineTop(clampOffset(timelineStart + 1, timelineRows.length, bodyHeight));
					else setSelected(Math.max(0, Math.min(rows.length - 1, current + 1)));
					return true;
				case 'traces-up':
					if (opened !== undefined) setTimelineTop(clampOffset(timelineStart - 1, timelineRows.length, bodyHeight));
					else setSelected(Math.max(0, current - 1));
					return true;
				case 'traces-page':
				case 'traces-ends': {
					const rowCount = opened === undefined ? rows.length : timelineRows.length;
					const page = opened === undefined ? listHeight : bodyHeight;
					const from = opened === undefined ? current : timelineStart;
					const to = name === 'g' ? 0 : name === 'G' ? rowCount : from + (name === 'pageup' ? -page : page);
					if (opened !== undefined) setTimelineTop(clampOffset(to, timelineRows.length, bodyHeight));
					else setSelected(Math.max(0, Math.min(rows.length - 1, to)));
					return true;
				}
				case 'traces-open': {
					const trace = rows[current];
					if (trace && opened === undefined) {
						setTimelineTop(0);
						setOpened(trace.id);
					}
					return true;
				}
				default:
					return false;
			}
		},
		active && !range.asking,
	);

	const tracingOff = detail.tracingMode !== 'Active';
	let title: string;
	let footer: string;
	let body: React.ReactNode;
	if (opened !== undefined) {
		title = `Trace ${cleanText(opened)} · Esc back`;
		const more = timelineRows.length > bodyHeight;
		footer = more
			? `rows ${timelineStart + 1}-${Math.min(timelineRows.length, timelineStart + bodyHeight)} of ${timelineRows.length} · j/k PgDn/PgUp scroll · Esc back to the traces`
			: 'Esc back to the traces';
		if (timeline.error) body = <Text color={theme.danger} wrap="wrap">{timeline.error}</Text>;
		else if (!timeline.data) body = <Text color={theme.muted}>{'Reading the trace…'}</Text>;
		else if (timelineRows.length === 0)
			body = (
				<Text color={theme.muted} wrap="wrap">
					{'X-Ray has no segments of this trace (it keeps traces for 30 days): r reads it again.'}
				</Text>
			);
		else
			body = timelineBars(timelineRows, width)
				.slice(timelineStart, timelineStart + bodyHeight)
				.map((line, index) => (
					// eslint-disable-next-line react/no-array-index-key
					<Text key={timelineStart + index} color={timelineRows[timelineStart + index]?.status === 'ok' ? undefined : theme.danger} wrap="truncate">
						{line}
					</Text>
				));
	} else {
		title = `${pluralise(rows.length, 'trace')} since ${since}${traces.loading ? ' · reading…' : ''}${tracingOff ? ' · active tracing is off' : ''}`;
		footer = 'Enter draws the trace · t range · r refresh';
		if (traces.error) body = <Text color={theme.danger} wrap="wrap">{`Could not read the traces: ${traces.error}`}</Text>;
		else if (rows.length === 0)
			body = (
				<Text color={theme.muted} wrap="wrap">
					{tracingOff
						? 'Active tracing is off for this function, so Lambda records no traces. Turn it on in the Configuration tab (5), Monitoring, then invoke the function.'
						: traces.loading
							? 'Reading the traces…'
							: 'No traces in this range: invoke the function (Test tab, 3), or t reads further back.'}
				</Text>
			);
		else {
			body = (
				<>
					<Text color={theme.muted} wrap="truncate">
						{traceHeader(width, withDate)}
					</Text>
					{rows.slice(first, first + listHeight).map((trace, index) => (
						<Text key={trace.id} inverse={first + index === current} color={trace.status === 'ok' ? undefined : theme.danger} wrap="truncate">
							{traceRowText(trace, width, withDate)}
						</Text>
					))}
				</>
			);
		}
	}
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text color={theme.accent} wrap="truncate">
				{fit(title, width)}
			</Text>
			<Box flexDirection="column" height={bodyHeight} overflow="hidden">
				{body}
			</Box>
			<Text color={theme.muted} wrap="truncate">
				{fit(footer, width)}
			</Text>
			<SinceForm title="Traces since" state={range} theme={theme} width={width} height={height} active={active} />
		</Box>
	);
}
