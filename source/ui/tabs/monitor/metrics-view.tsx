// The Monitor tab's metrics: the Lambda console's charts (invocations,
// duration, errors and success rate, throttles, concurrency, and for functions
// invoked asynchronously their event metrics) drawn in the terminal, from one
// GetMetricData call per refresh. A grid of small charts; Enter enlarges one.
// Series differ by stroke as well as colour (NO_COLOR). A function is taken
// as asynchronous when its async metrics have data, or it has an
// EventInvokeConfig (read again on r) or a dead-letter queue: all three async charts
// show then. A refreshes every N seconds, N typed by the user.
import {Box, Text} from 'ink';
import React, {useEffect, useMemo, useState} from 'react';
import {getEventInvokeConfig} from '../../../aws/event-invoke-config.js';
import {getFunctionMetrics} from '../../../aws/function-metrics.js';
import {renderChart, type ChartLine} from '../../../domain/chart.js';
import {
	autoRefreshLimits,
	customRange,
	metricsRange,
	parseRefreshInterval,
	visibleCharts,
	type ChartDefinition,
	type MetricsRange,
	type TimeRangeId,
} from '../../../domain/function-metrics.js';
import {fit} from '../../../domain/format.js';
import {parseSince} from '../../../domain/time-range.js';
import {Form} from '../../components/Form.js';
import {useConsole} from '../../context.js';
import {useResource} from '../../hooks/useResource.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {Theme} from '../../theme.js';
import {commonViewKey, type ViewProps} from './view-props.js';

const presetRanges: readonly TimeRangeId[] = ['1h', '3h', '12h', '1d', '3d', '1w'];

type RangeChoice = {kind: 'preset'; id: TimeRangeId} | {kind: 'custom'; start: Date; end: Date};

function rangeOf(choice: RangeChoice, now: Date): MetricsRange | string {
	return choice.kind === 'preset' ? metricsRange(choice.id, now) : customRange(choice.start, choice.end);
}

export function MetricsView({detail, width, height, active, onOverlay}: ViewProps) {
	const {clients, theme} = useConsole();
	const [choice, setChoice] = useState<RangeChoice>({kind: 'preset', id: '3h'});
	// Seconds between refreshes; 0: off.
	const [auto, setAuto] = useState(0);
	const [selected, setSelected] = useState(0);
	const [enlarged, setEnlarged] = useState(false);
	// The form open over the charts, if any: the time range, or the auto-refresh interval.
	const [asking, setAsking] = useState<'range' | 'auto' | undefined>();
	const [stamp, setStamp] = useState(() => new Date());
	const range = useMemo(() => rangeOf(choice, stamp), [choice, stamp]);
	const metrics = useResource(
		async (signal) => {
			if (typeof range === 'string') throw new Error(range);
			return getFunctionMetrics(await clients.cloudwatch(), detail.name, range, signal);
		},
		[clients, detail.name, range],
		clients.endpoint,
	);
	// Whether the function is invoked asynchronously, as far as its settings say (read again with r; an error says nothing).
	const asyncSettings = useResource((signal) => getEventInvokeConfig(clients, detail.name, undefined, signal), [clients, detail.name], clients.endpoint);
	const knownAsynchronous = detail.deadLetterTargetArn !== '' || asyncSettings.data?.configured === true;
	// r reads the metrics and the asynchronous settings again: a destination added meanwhile counts.
	const refresh = () => {
		setStamp(new Date());
		asyncSettings.reload();
	};
	const openForm = (form: 'range' | 'auto') => {
		setAsking(form);
		onOverlay(true);
	};
	const closeForm = () => {
		setAsking(undefined);
		onOverlay(false);
	};

	useEffect(() => {
		if (auto === 0 || !active) return undefined;
		const timer = setInterval(() => setStamp(new Date()), auto * 1000);
		return () => clearInterval(timer);
	}, [auto, active]);

	const charts = visibleCharts(metrics.data, knownAsynchronous);
	const columns = width >= 76 ? 2 : 1;
	const cellWidth = Math.floor((width - (columns - 1)) / columns);
	// Two rows of charts when each gets six lines or more; one chart in whatever is left when less
	// (a chart drops plot rows before its title and time axis).
	const available = Math.max(1, height - 1);
	const cellHeight = Math.min(available, Math.max(6, Math.floor(available / 2)));
	const gridRows = Math.max(1, Math.floor(available / cellHeight));
	const current = Math.min(selected, charts.length - 1);

	useKeys(
		layers.tab + 0.1,
		(name) => {
			// t steps through the presets, then asks for a range of one's own.
			const changeRange = () => {
				if (choice.kind === 'preset' && choice.id !== '1w') {
					setChoice({kind: 'preset', id: presetRanges[presetRanges.indexOf(choice.id) + 1] ?? '1w'});
					setStamp(new Date());
				} else {
					openForm('range');
				}
			};
			if (commonViewKey(name, {refresh, changeRange})) return true;
			if (bindingFor('monitor', name)?.id === 'auto-refresh') {
				openForm('auto');
				return true;
			}
			const binding = bindingFor('metrics', name)?.id;
			if (binding === 'chart-back') {
				if (!enlarged) return false;
				setEnlarged(false);
				return true;
			}
			if (binding === 'chart-enlarge') {
				setEnlarged(true);
				return true;
			}
			if (binding === 'chart-move' && !enlarged) {
				const step = name === 'left' || name === 'h' ? -1 : name === 'right' || name === 'l' ? 1 : name === 'up' || name === 'k' ? -columns : columns;
				setSelected(Math.max(0, Math.min(charts.length - 1, current + step)));
				return true;
			}
			return false;
		},
		active && asking === undefined,
	);

	const now = new Date();
	const rangeText = typeof range === 'string' ? 'invalid range' : range.label;
	const status = metrics.loading ? 'reading…' : `read ${stamp.toISOString().slice(11, 19)} UTC`;
	const header = `${rangeText} · ${status}${auto ? ` · every ${auto} s` : ''} · t range · A auto · r refresh`;

	let body: React.ReactNode;
	if (metrics.error && !metrics.data) {
		body = (
			<Text color={theme.danger} wrap="wrap">
				{`Could not read the metrics: ${metrics.error}`}
			</Text>
		);
	} else if (typeof range !== 'string' && metrics.data) {
		const data = metrics.data;
		const draw = (chart: ChartDefinition, chartWidth: number, chartHeight: number, chosen: boolean) => (
			<ChartBox key={chart.id} lines={renderChart({
				title: chart.title,
				unit: chart.unit,
				series: chart.series.map(({queryId, ...series}) => ({...series, points: data.get(queryId)?.points ?? []})),
				summary: chart.summary,
				start: range.start,
				end: range.end,
				width: chartWidth,
				height: chartHeight,
				style: 'braille',
			})} chosen={chosen} theme={theme} width={chartWidth} />
		);
		if (enlarged && charts[current]) {
			body = draw(charts[current], width, height - 1, false);
		} else {
			const firstRow = Math.max(0, Math.floor(current / columns) - gridRows + 1);
			const rows: React.ReactNode[] = [];
			for (let row = firstRow; row < firstRow + gridRows; row++) {
				const cells = charts.slice(row * columns, row * columns + columns);
				if (cells.length === 0) break;
				rows.push(
					<Box key={row} height={cellHeight}>
						{cells.map((chart, index) => (
							<Box key={chart.id} width={cellWidth} marginRight={index < columns - 1 ? 1 : 0}>
								{draw(chart, cellWidth, cellHeight, row * columns + index === current)}
							</Box>
						))}
					</Box>,
				);
			}
			body = rows;
		}
	} else {
		body = <Text color={theme.muted}>{typeof range === 'string' ? range : 'Reading the metrics…'}</Text>;
	}

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text color={theme.muted} wrap="truncate">
				{fit(header, width)}
			</Text>
			{body}
			{asking === 'auto' ? (
				<Form
					title="Refresh the charts every N seconds"
					fields={[
						{
							id: 'seconds',
							label: 'Seconds',
							value: auto === 0 ? '' : String(auto),
							hint: `${autoRefreshLimits.min} to ${autoRefreshLimits.max}; 0 or empty: off`,
							validate: (value) => {
								const parsed = parseRefreshInterval(value);
								return 'problem' in parsed ? parsed.problem : undefined;
							},
						},
					]}
					theme={theme}
					width={width}
					height={height}
					active={active}
					onSubmit={(values) => {
						const parsed = parseRefreshInterval(values['seconds'] ?? '');
						if ('problem' in parsed) return;
						setAuto(parsed.seconds);
						// Turned on: read now, then every N seconds.
						if (parsed.seconds > 0) setStamp(new Date());
						closeForm();
					}}
					onCancel={closeForm}
				/>
			) : null}
			{asking === 'range' ? (
				<Form
					title="Time range of the charts"
					fields={[
						{id: 'start', label: 'From', value: '1w ago', hint: '"6h ago", "2d", or a time: 2026-11-27 06:00 (UTC)', validate: (value) => sinceProblem(value, now)},
						{
							id: 'end',
							label: 'To',
							value: '',
							hint: 'Empty: now',
							validate: (value, values) => {
								const problem = value === '' ? undefined : sinceProblem(value, now);
								if (problem) return problem;
								const start = startOf(values['start'] ?? '', now);
								const end = value === '' ? now : startOf(value, now);
								const checked = start && end ? customRange(start, end) : undefined;
								return typeof checked === 'string' ? checked : undefined;
							},
						},
					]}
					theme={theme}
					width={width}
					height={height}
					active={active}
					onSubmit={(values) => {
						const start = startOf(values['start'] ?? '', now);
						const end = values['end'] ? startOf(values['end'], now) : now;
						if (start && end) {
							const checked = customRange(start, end);
							if (typeof checked === 'string') return;
							setChoice({kind: 'custom', start, end});
						}
						closeForm();
					}}
					onCancel={() => {
						// Esc in the form goes back to the first preset: t cycles again from there.
						setChoice({kind: 'preset', id: '1h'});
						closeForm();
					}}
				/>
			) : null}
		</Box>
	);
}

function sinceProblem(text: string, now: Date): string | undefined {
	const parsed = parseSince(text, now);
	return 'problem' in parsed ? parsed.problem : undefined;
}

function startOf(text: string, now: Date): Date | undefined {
	const parsed = parseSince(text, now);
	return 'problem' in parsed ? undefined : parsed.start;
}

const seriesColours = (theme: Theme): Array<Theme['accent']> => [theme.accent, theme.warning, theme.success];

function ChartBox({lines, chosen, theme, width}: {lines: readonly ChartLine[]; chosen: boolean; theme: Theme; width: number}) {
	const colours = seriesColours(theme);
	return (
		<Box flexDirection="column" width={width}>
			{lines.map((line, row) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={row} wrap="truncate" inverse={chosen && row === 0}>
					{line.segments
						? line.segments.map((segment, index) => (
								// eslint-disable-next-line react/no-array-index-key
								<Text key={index} color={segment.series === 'axis' ? theme.muted : segment.series === 'label' ? undefined : colours[segment.series % colours.length]}>
									{segment.text}
								</Text>
							))
						: line.text}
				</Text>
			))}
		</Box>
	);
}
