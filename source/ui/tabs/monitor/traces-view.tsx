// The Monitor tab's traces: with active tracing on, each invocation's X-Ray
// trace (the Lambda service, the function, its initialization and invocation),
// listed newest first with duration and status; Enter draws one as a timeline.
import {Box, Text} from 'ink';
import React, {useState} from 'react';
import {getTimeline, listTraces} from '../../../aws/traces.js';
import {fit} from '../../../domain/format.js';
import {parseSince} from '../../../domain/time-range.js';
import {timelineBars, type TraceSummaryRow} from '../../../domain/trace-timeline.js';
import {useConsole} from '../../context.js';
import {useResource} from '../../hooks/useResource.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import {SinceForm, useSince} from './since-form.js';
import {commonViewKey, type ViewProps} from './view-props.js';

function traceRowText(trace: TraceSummaryRow, width: number): string {
	const text = [
		trace.startTime.toISOString().slice(11, 19),
		fit(trace.id, 35),
		fit(`${trace.durationMs.toFixed(1)} ms`, 11, 'right'),
		fit(trace.status, 8),
		trace.coldStart ? 'cold start' : '',
	].join(' ');
	return fit(text, width);
}

export function TracesView({detail, width, height, active, onOverlay}: ViewProps) {
	const {clients, theme} = useConsole();
	const range = useSince('1h', onOverlay);
	const since = range.since;
	const [selected, setSelected] = useState(0);
	const [opened, setOpened] = useState<string | undefined>();
	const traces = useResource(
		async (signal) => {
			const parsed = parseSince(since, new Date());
			if ('problem' in parsed) throw new Error(parsed.problem);
			return listTraces(await clients.xray(), detail.name, {start: parsed.start, end: parsed.end ?? new Date()}, signal);
		},
		[clients, detail.name, since],
		clients.endpoint,
	);
	const timeline = useResource(
		async (signal) => (opened === undefined ? undefined : getTimeline(await clients.xray(), opened, signal)),
		[clients, opened],
		clients.endpoint,
	);
	const rows = traces.data ?? [];
	const current = Math.min(selected, Math.max(0, rows.length - 1));
	const bodyHeight = Math.max(1, height - 2);

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
					setSelected(Math.min(rows.length - 1, current + 1));
					return true;
				case 'traces-up':
					setSelected(Math.max(0, current - 1));
					return true;
				case 'traces-open': {
					const trace = rows[current];
					if (trace) setOpened(trace.id);
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
	let body: React.ReactNode;
	if (opened !== undefined) {
		title = `Trace ${opened} · Esc back`;
		if (timeline.error) body = <Text color={theme.danger} wrap="wrap">{timeline.error}</Text>;
		else if (!timeline.data) body = <Text color={theme.muted}>{'Reading the trace…'}</Text>;
		else
			body = timelineBars(timeline.data, width)
				.slice(0, bodyHeight)
				.map((line, index) => (
					// eslint-disable-next-line react/no-array-index-key
					<Text key={index} color={timeline.data?.[index]?.status === 'ok' ? undefined : theme.danger} wrap="truncate">
						{line}
					</Text>
				));
	} else {
		title = `${rows.length} traces since ${since}${traces.loading ? ' · reading…' : ''}${tracingOff ? ' · active tracing is off' : ''}`;
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
			const first = Math.max(0, current - bodyHeight + 1);
			body = rows.slice(first, first + bodyHeight).map((trace, index) => (
				<Text key={trace.id} inverse={first + index === current} color={trace.status === 'ok' ? undefined : theme.danger} wrap="truncate">
					{traceRowText(trace, width)}
				</Text>
			));
		}
	}
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text color={theme.accent} wrap="truncate">
				{fit(title, width)}
			</Text>
			<Box flexDirection="column" height={bodyHeight}>
				{body}
			</Box>
			<Text color={theme.muted} wrap="truncate">
				{fit(opened ? 'Esc back to the traces' : 'Enter draws the trace · t range · r refresh', width)}
			</Text>
			<SinceForm title="Traces since" state={range} theme={theme} width={width} height={height} active={active} />
		</Box>
	);
}
