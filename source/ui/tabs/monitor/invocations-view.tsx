// The Monitor tab's recent invocations: a table built from the REPORT lines,
// like the Lambda console's Logs Insights table (time, request ID, duration,
// billed duration, memory used of size, init duration, error), sortable, with
// the most expensive first by GB-seconds on c. Enter shows every line of one.
// Times are UTC, with the date when the invocations or the range cover more
// than one day; the selected invocation's whole request ID and its error (cut
// in the table) show under the table, over two lines when there is room.
import {Box, Text} from 'ink';
import React, {useMemo, useRef, useState} from 'react';
import {describeLogsError, logGroupOf, reportLines} from '../../../aws/function-logs.js';
import {fit, pluralise, wrapWordsWithin} from '../../../domain/format.js';
import {
	formatGbSeconds,
	formatTableTime,
	invocationRows,
	sortRows,
	timesNeedDate,
	type InvocationRow,
	type InvocationSort,
} from '../../../domain/invocation-reports.js';
import {parseSince} from '../../../domain/time-range.js';
import {scrollOffset} from '../../components/VirtualTable.js';
import {useConsole} from '../../context.js';
import {useResource} from '../../hooks/useResource.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {LogsRequest} from './logs-view.js';
import {SinceForm, useSince} from './since-form.js';
import {commonViewKey, type ViewProps} from './view-props.js';

const sorts: readonly InvocationSort[] = ['time', 'duration', 'billed', 'memory', 'init', 'cost'];

/** The lines around the rows and the selected invocation: the title, the header and the keys. */
const chromeLines = 3;

interface Props extends ViewProps {
	onOpenRequest(request: LogsRequest): void;
}

function number(value: number | undefined, digits: number): string {
	return value === undefined ? '' : value.toFixed(digits);
}

/** The width of the time column: HH:MM:SS, or MM-DD HH:MM:SS with the date. */
function timeColumns(withDate: boolean): number {
	return withDate ? 14 : 8;
}

/** One table row, `width` columns wide; with the date in the time column when `withDate`. */
export function invocationRowText(row: InvocationRow, width: number, withDate = false): string {
	const fixed = [
		fit(formatTableTime(row.time, withDate), timeColumns(withDate)),
		fit(row.requestId.slice(0, 8), 8),
		fit(`${number(row.durationMs, 2)}`, 9, 'right'),
		fit(`${row.billedDurationMs}`, 6, 'right'),
		fit(`${row.maxMemoryUsedMb}/${row.memorySizeMb}`, 11, 'right'),
		fit(number(row.initDurationMs, 1), 7, 'right'),
		fit(formatGbSeconds(row.gbSeconds), 7, 'right'),
	].join(' ');
	return fit(`${fixed} ${row.error ?? ''}`, width);
}

export function invocationHeader(width: number, withDate = false): string {
	const fixed = [
		fit('time', timeColumns(withDate)),
		'request ',
		fit('ms', 9, 'right'),
		'billed',
		fit('MB used', 11, 'right'),
		fit('init', 7, 'right'),
		fit('GB-s', 7, 'right'),
	].join(' ');
	return fit(`${fixed} error`, width);
}

/**
 * The selected invocation under the table, in `lines` lines of `width`
 * columns: its whole request ID and its error (which the table cuts), broken
 * at spaces, the last line cut with an ellipsis when there is more.
 */
export function invocationDetailLines(row: InvocationRow | undefined, width: number, lines: number): string[] {
	const text = row === undefined ? '' : `${row.requestId} · ${row.error ?? 'no error'}`;
	const wrapped = text === '' ? [] : wrapWordsWithin(text, Math.max(1, width), lines);
	return Array.from({length: lines}, (_, index) => fit(wrapped[index] ?? '', width));
}

export function InvocationsView({detail, width, height, active, onOverlay, onOpenRequest}: Props) {
	const {clients, theme} = useConsole();
	const group = logGroupOf(detail);
	const range = useSince('3h', onOverlay);
	const since = range.since;
	const [sort, setSort] = useState<InvocationSort>('time');
	const [descending, setDescending] = useState(true);
	const [selected, setSelected] = useState(0);
	const offsetRef = useRef(0);
	const report = useResource(
		async (signal) => {
			const parsed = parseSince(since, new Date());
			if ('problem' in parsed) throw new Error(parsed.problem);
			const end = parsed.end ?? new Date();
			try {
				const rows = invocationRows(await reportLines(await clients.logs(), group, {start: parsed.start, end}, signal));
				return {rows, rangeMs: end.getTime() - parsed.start.getTime()};
			} catch (error) {
				throw new Error(describeLogsError(error, group, clients.endpoint));
			}
		},
		[clients, group, since],
		clients.endpoint,
	);
	const rows = useMemo(() => sortRows(report.data?.rows ?? [], sort, descending), [report.data, sort, descending]);
	const withDate = useMemo(() => timesNeedDate(rows.map((row) => row.time), report.data?.rangeMs), [rows, report.data]);
	const current = Math.min(selected, Math.max(0, rows.length - 1));
	// The selected invocation under the table: two lines when an error may need them and there is room, none when there is no room.
	const anyError = rows.some((row) => row.error !== undefined);
	const detailLines = height >= 14 && anyError ? 2 : height >= 6 ? 1 : 0;
	const bodyHeight = Math.max(1, height - chromeLines - detailLines);
	const first = scrollOffset(offsetRef.current, current, bodyHeight, rows.length);
	offsetRef.current = first;
	const choose = (index: number): void => setSelected(Math.max(0, Math.min(rows.length - 1, index)));

	useKeys(
		layers.tab + 0.1,
		(name) => {
			if (commonViewKey(name, {refresh: report.reload, changeRange: range.ask})) return true;
			switch (bindingFor('invocations', name)?.id) {
				case 'invocations-down':
					choose(current + 1);
					return true;
				case 'invocations-up':
					choose(current - 1);
					return true;
				case 'invocations-page':
					choose(current + (name === 'pageup' ? -bodyHeight : bodyHeight));
					return true;
				case 'invocations-ends':
					choose(name === 'g' ? 0 : rows.length - 1);
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

	const totalCost = rows.reduce((sum, row) => sum + row.gbSeconds, 0);
	const title = `${pluralise(rows.length, 'invocation')} since ${since} · sorted by ${sort} ${descending ? '↓' : '↑'} · ${totalCost.toFixed(4)} GB-s in all${report.loading ? ' · reading…' : ''}`;
	const chosen = rows[current];
	let body: React.ReactNode;
	if (report.error) {
		body = (
			<Text color={theme.danger} wrap="wrap">
				{report.error}
			</Text>
		);
	} else if (rows.length === 0) {
		body = (
			<Text color={theme.muted} wrap="wrap">
				{report.loading ? 'Reading the REPORT lines…' : 'No invocations in this range: t reads further back.'}
			</Text>
		);
	} else {
		body = rows.slice(first, first + bodyHeight).map((row, index) => (
			// An asynchronous invocation's retries share its request ID: the position is the key.
			// eslint-disable-next-line react/no-array-index-key
			<Text key={first + index} inverse={first + index === current} color={row.error ? theme.danger : undefined} wrap="truncate">
				{invocationRowText(row, width, withDate)}
			</Text>
		));
	}
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text color={theme.accent} wrap="truncate">
				{fit(title, width)}
			</Text>
			<Text color={theme.muted} wrap="truncate">
				{invocationHeader(width, withDate)}
			</Text>
			<Box flexDirection="column" height={bodyHeight} overflow="hidden">
				{body}
			</Box>
			{invocationDetailLines(report.error ? undefined : chosen, width, detailLines).map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} color={chosen?.error ? theme.danger : theme.muted} wrap="truncate">
					{line}
				</Text>
			))}
			<Text color={theme.muted} wrap="truncate">
				{fit('s sort · S reverse · c most expensive · Enter its log lines · t range', width)}
			</Text>
			<SinceForm title="Invocations since" state={range} theme={theme} width={width} height={height} active={active} />
		</Box>
	);
}
