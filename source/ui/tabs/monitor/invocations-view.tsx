// The Monitor tab's recent invocations: a table built from the REPORT lines,
// like the Lambda console's Logs Insights table (time, request ID, duration,
// billed duration, memory used of size, init duration, error), sortable, with
// the most expensive first by GB-seconds on c. Enter shows every line of one.
import {Box, Text} from 'ink';
import React, {useState} from 'react';
import {describeLogsError, logGroupOf, reportLines} from '../../../aws/function-logs.js';
import {fit} from '../../../domain/format.js';
import {invocationRows, sortRows, type InvocationRow, type InvocationSort} from '../../../domain/invocation-reports.js';
import {parseSince} from '../../../domain/time-range.js';
import {useConsole} from '../../context.js';
import {useResource} from '../../hooks/useResource.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {LogsRequest} from './logs-view.js';
import {SinceForm, useSince} from './since-form.js';
import {commonViewKey, type ViewProps} from './view-props.js';

const sorts: readonly InvocationSort[] = ['time', 'duration', 'billed', 'memory', 'init', 'cost'];

interface Props extends ViewProps {
	onOpenRequest(request: LogsRequest): void;
}

function number(value: number | undefined, digits: number): string {
	return value === undefined ? '' : value.toFixed(digits);
}

/** One table row, `width` columns wide. */
export function invocationRowText(row: InvocationRow, width: number): string {
	const fixed = [
		row.time.toISOString().slice(11, 19),
		row.requestId.slice(0, 8),
		fit(`${number(row.durationMs, 2)}`, 9, 'right'),
		fit(`${row.billedDurationMs}`, 7, 'right'),
		fit(`${row.maxMemoryUsedMb}/${row.memorySizeMb}`, 9, 'right'),
		fit(number(row.initDurationMs, 1), 7, 'right'),
		fit(row.gbSeconds.toFixed(5), 8, 'right'),
	].join(' ');
	return fit(`${fixed} ${row.error ?? ''}`, width);
}

export function invocationHeader(width: number): string {
	const fixed = ['time    ', 'request ', fit('ms', 9, 'right'), fit('billed', 7, 'right'), fit('MB used', 9, 'right'), fit('init', 7, 'right'), fit('GB-s', 8, 'right')].join(' ');
	return fit(`${fixed} error`, width);
}

export function InvocationsView({detail, width, height, active, onOverlay, onOpenRequest}: Props) {
	const {clients, theme} = useConsole();
	const group = logGroupOf(detail);
	const range = useSince('3h', onOverlay);
	const since = range.since;
	const [sort, setSort] = useState<InvocationSort>('time');
	const [descending, setDescending] = useState(true);
	const [selected, setSelected] = useState(0);
	const report = useResource(
		async (signal) => {
			const parsed = parseSince(since, new Date());
			if ('problem' in parsed) throw new Error(parsed.problem);
			try {
				return invocationRows(await reportLines(await clients.logs(), group, {start: parsed.start, end: parsed.end ?? new Date()}, signal));
			} catch (error) {
				throw new Error(describeLogsError(error, group, clients.endpoint));
			}
		},
		[clients, group, since],
		clients.endpoint,
	);
	const rows = sortRows(report.data ?? [], sort, descending);
	const current = Math.min(selected, Math.max(0, rows.length - 1));
	const bodyHeight = Math.max(1, height - 3);

	useKeys(
		layers.tab + 0.1,
		(name) => {
			if (commonViewKey(name, {refresh: report.reload, changeRange: range.ask})) return true;
			switch (bindingFor('invocations', name)?.id) {
				case 'invocations-down':
					setSelected(Math.min(rows.length - 1, current + 1));
					return true;
				case 'invocations-up':
					setSelected(Math.max(0, current - 1));
					return true;
				case 'invocations-sort':
					setSort((value) => sorts[(sorts.indexOf(value) + 1) % sorts.length] ?? 'time');
					setDescending(true);
					setSelected(0);
					return true;
				case 'invocations-reverse':
					setDescending((value) => !value);
					setSelected(0);
					return true;
				case 'invocations-costly':
					setSort('cost');
					setDescending(true);
					setSelected(0);
					return true;
				case 'invocations-open': {
					const row = rows[current];
					if (row) onOpenRequest({requestId: row.requestId, at: row.time});
					return true;
				}
				default:
					return false;
			}
		},
		active && !range.asking,
	);

	const first = Math.max(0, current - bodyHeight + 1);
	const totalCost = rows.reduce((sum, row) => sum + row.gbSeconds, 0);
	const title = `${rows.length} invocations since ${since} · sorted by ${sort} ${descending ? '↓' : '↑'} · ${totalCost.toFixed(4)} GB-s in all${report.loading ? ' · reading…' : ''}`;
	let body: React.ReactNode;
	if (report.error) {
		body = (
			<Text color={theme.danger} wrap="wrap">
				{report.error}
			</Text>
		);
	} else if (rows.length === 0) {
		body = <Text color={theme.muted}>{report.loading ? 'Reading the REPORT lines…' : 'No invocations in this range: t reads further back.'}</Text>;
	} else {
		body = rows.slice(first, first + bodyHeight).map((row, index) => (
			<Text key={row.requestId} inverse={first + index === current} color={row.error ? theme.danger : undefined} wrap="truncate">
				{invocationRowText(row, width)}
			</Text>
		));
	}
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text color={theme.accent} wrap="truncate">
				{fit(title, width)}
			</Text>
			<Text color={theme.muted} wrap="truncate">
				{invocationHeader(width)}
			</Text>
			<Box flexDirection="column" height={bodyHeight}>
				{body}
			</Box>
			<Text color={theme.muted} wrap="truncate">
				{fit('s sort · S reverse · c most expensive · Enter its log lines · t range', width)}
			</Text>
			<SinceForm title="Invocations since" state={range} theme={theme} width={width} height={height} active={active} />
		</Box>
	);
}
