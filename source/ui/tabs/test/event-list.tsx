// The saved events of a function, private ones first and then the shareable
// ones, and under them how the next invocation will be made.
import {Box, Text} from 'ink';
import React from 'react';
import {fit} from '../../../domain/format.js';
import {cleanText} from '../../../domain/sanitize.js';
import type {TestEvent} from '../../../domain/test-events.js';
import type {Theme} from '../../theme.js';

interface Props {
	events: readonly TestEvent[];
	selected: number;
	focused: boolean;
	loading: boolean;
	problems: readonly string[];
	async: boolean;
	qualifier: string | undefined;
	width: number;
	height: number;
	theme: Theme;
}

type Row = {kind: 'heading'; text: string} | {kind: 'event'; index: number; event: TestEvent} | {kind: 'note'; text: string; danger?: boolean};

function rowsOf(events: readonly TestEvent[], loading: boolean, problems: readonly string[]): Row[] {
	const rows: Row[] = [];
	const group = (sharing: TestEvent['sharing'], title: string) => {
		const members = events.map((event, index) => ({event, index})).filter((entry) => entry.event.sharing === sharing);
		if (members.length === 0) return;
		rows.push({kind: 'heading', text: `${title} (${members.length})`});
		for (const {event, index} of members) rows.push({kind: 'event', index, event});
	};
	group('private', 'Private');
	group('shareable', 'Shareable');
	if (events.length === 0) {
		rows.push({kind: 'note', text: loading ? 'Reading saved events…' : 'No saved events yet.'});
		if (!loading) rows.push({kind: 'note', text: 'n: new from a template'});
	}
	for (const problem of problems) rows.push({kind: 'note', text: problem, danger: true});
	return rows;
}

export function EventList({events, selected, focused, loading, problems, async, qualifier, width, height, theme}: Props) {
	const footer = [`Invoke ${async ? 'asynchronously' : 'synchronously'}`, `  ${qualifier ? `qualifier ${qualifier}` : '$LATEST'}  (o)`];
	const rows = rowsOf(events, loading, problems);
	const room = Math.max(1, height - footer.length - 1);
	const selectedRow = rows.findIndex((row) => row.kind === 'event' && row.index === selected);
	const start = Math.max(0, Math.min(selectedRow - room + 1, rows.length - room));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Box flexDirection="column" height={room + 1}>
				<Text bold color={theme.accent}>
					{fit('Saved events', width)}
				</Text>
				{rows.slice(start, start + room).map((row, index) => {
					const key = `${start + index}`;
					if (row.kind === 'heading') {
						return (
							<Text key={key} color={theme.muted} wrap="truncate">
								{fit(row.text, width)}
							</Text>
						);
					}
					if (row.kind === 'note') {
						return (
							<Text key={key} color={row.danger ? theme.danger : theme.muted} wrap="truncate">
								{fit(row.text, width)}
							</Text>
						);
					}
					const current = row.index === selected;
					return (
						<Text key={key} inverse={current && focused} bold={current} wrap="truncate">
							{fit(`${current ? '>' : ' '} ${cleanText(row.event.name)}`, width)}
						</Text>
					);
				})}
			</Box>
			{footer.map((line) => (
				<Text key={line} color={theme.muted} wrap="truncate">
					{fit(line, width)}
				</Text>
			))}
		</Box>
	);
}
