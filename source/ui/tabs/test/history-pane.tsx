// This session's invocations of the function, newest first, one row each:
// when, which event, how it ended, and its figures, to compare runs.
import {Box, Text} from 'ink';
import React from 'react';
import {fit} from '../../../domain/format.js';
import {verdictOf, type Invocation, type Verdict} from '../../../domain/invocation-result.js';
import type {Theme} from '../../theme.js';

const verdictText: Record<Verdict, string> = {
	running: '… running',
	succeeded: '✔ ok',
	failed: '✘ failed',
	queued: '✔ queued',
	'not-invoked': '✘ refused',
};

function figures(invocation: Invocation): {duration: string; memory: string; version: string} {
	const {outcome} = invocation;
	if (outcome.kind !== 'done') return {duration: '', memory: '', version: ''};
	const report = outcome.report;
	return {
		duration: report ? `${report.durationMs.toFixed(1)} ms` : '',
		memory: report ? `${report.maxMemoryUsedMb}/${report.memorySizeMb}` : '',
		version: outcome.response.executedVersion ?? '',
	};
}

/** One history row, `width` columns wide. */
export function historyRow(invocation: Invocation, width: number): string {
	const {duration, memory, version} = figures(invocation);
	const time = invocation.startedAt.toISOString().slice(11, 19);
	const fixed = `#${invocation.sequence}`.padEnd(4) + ` ${time} `;
	const tail = ` ${fit(verdictText[verdictOf(invocation)], 10)}${fit(duration, 10, 'right')} ${fit(memory, 9, 'right')} ${fit(version, 7)}`;
	const eventWidth = Math.max(4, width - fixed.length - tail.length);
	return fit(fixed + fit(invocation.eventName, eventWidth) + tail, width);
}

export function historyHeader(width: number): string {
	const fixed = `${'#'.padEnd(4)} ${'time'.padEnd(8)} `;
	const tail = ` ${fit('result', 10)}${fit('duration', 10, 'right')} ${fit('MB used', 9, 'right')} ${fit('version', 7)}`;
	return fit(fixed + fit('event', Math.max(4, width - fixed.length - tail.length)) + tail, width);
}

export function HistoryPane({invocations, selected, width, height, focused, theme}: {invocations: readonly Invocation[]; selected: number; width: number; height: number; focused: boolean; theme: Theme}) {
	const rows = Math.max(1, height - 2);
	const start = Math.max(0, Math.min(selected - rows + 1, invocations.length - rows));
	const colour = (invocation: Invocation) => {
		const verdict = verdictOf(invocation);
		return verdict === 'failed' || verdict === 'not-invoked' ? theme.danger : verdict === 'running' ? theme.warning : undefined;
	};
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold color={theme.accent} wrap="truncate">
				{fit(`This session's invocations (${invocations.length})${focused ? ' · Enter shows one' : ''}`, width)}
			</Text>
			<Text color={theme.muted} wrap="truncate">
				{historyHeader(width)}
			</Text>
			{invocations.length === 0 ? <Text color={theme.muted}>{'None yet: Enter invokes the selected event.'}</Text> : null}
			{invocations.slice(start, start + rows).map((invocation, index) => (
				<Text key={invocation.sequence} inverse={focused && start + index === selected} color={colour(invocation)} wrap="truncate">
					{historyRow(invocation, width)}
				</Text>
			))}
		</Box>
	);
}
