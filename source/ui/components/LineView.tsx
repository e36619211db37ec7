// A window onto a long list of styled lines (a result, a log): only the rows
// in view are drawn, so a response of a hundred thousand lines scrolls as
// quickly as a short one.
import {Box, Text} from 'ink';
import React from 'react';
import {fit} from '../../domain/format.js';
import type {StyledLine, Tone} from '../../domain/invocation-result.js';
import type {Theme} from '../theme.js';

export function toneColor(tone: Tone, theme: Theme): Theme['accent'] {
	switch (tone) {
		case 'muted':
			return theme.muted;
		case 'heading':
			return theme.accent;
		case 'success':
			return theme.success;
		case 'danger':
			return theme.danger;
		case 'warning':
			return theme.warning;
		default:
			return undefined;
	}
}

/** The first line shown when `offset` is asked for: never past the last page. */
export function clampOffset(offset: number, count: number, height: number): number {
	return Math.max(0, Math.min(offset, count - height));
}

export function LineView({lines, offset, width, height, theme}: {lines: readonly StyledLine[]; offset: number; width: number; height: number; theme: Theme}) {
	const start = clampOffset(offset, lines.length, height);
	const shown = lines.slice(start, start + height);
	return (
		<Box flexDirection="column" width={width} height={height}>
			{shown.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={start + index} color={toneColor(line.tone, theme)} bold={line.tone === 'heading' || start + index === 0} wrap="truncate">
					{fit(line.text, width)}
				</Text>
			))}
		</Box>
	);
}
