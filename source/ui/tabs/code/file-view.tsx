// One file of the package over the whole tab, as the Lambda console's editor
// shows it: line numbers, syntax highlighting in the theme's colours (plain
// with NO_COLOR), and only the lines in view drawn, so a file of megabytes
// scrolls as quickly as a short one (files over 1 MB are shown without
// highlighting, so opening one never stalls the screen). j/k, PgUp/PgDn and
// g/G scroll, e edits it, Esc closes it.
import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import stringWidth from 'string-width';
import {formatBytes, fit} from '../../../domain/format.js';
import {textOf} from '../../../domain/code-package.js';
import {cleanLines} from '../../../domain/sanitize.js';
import {clipSegments, highlight, languageOf, type Segment, type SyntaxTone} from '../../../domain/syntax-highlight.js';
import {bindingFor} from '../../keymap.js';
import type {Theme} from '../../theme.js';
import {useReaderScroll} from '../../hooks/useReaderScroll.js';

/** Files up to this size are highlighted; larger ones are shown as plain text. */
export const highlightMax = 1_048_576;

function toneColor(tone: SyntaxTone, theme: Theme): Theme['accent'] {
	switch (tone) {
		case 'keyword':
		case 'heading':
			return theme.accent;
		case 'string':
			return theme.success;
		case 'comment':
			return theme.muted;
		case 'number':
			return theme.warning;
		default:
			return undefined;
	}
}

interface Props {
	path: string;
	data: Uint8Array;
	/** Edited here and not deployed yet. */
	changed: boolean;
	theme: Theme;
	width: number;
	height: number;
	active: boolean;
	onClose(): void;
	onEdit(): void;
}

export function FileView({path, data, changed, theme, width, height, active, onClose, onEdit}: Props) {
	const lines = useMemo(() => cleanLines(textOf(data)), [data]);
	const highlighted = useMemo<Segment[][] | undefined>(
		() => (data.length > highlightMax ? undefined : highlight(lines, languageOf(path, lines[0] ?? ''))),
		[data.length, lines, path],
	);
	const viewHeight = Math.max(1, height - 2);
	const start = useReaderScroll({
		count: lines.length,
		viewHeight,
		active,
		onClose,
		other: (name) => {
			if (bindingFor('code', name)?.id !== 'code-edit') return false;
			onEdit();
			return true;
		},
	});
	const gutter = String(Math.max(1, lines.length)).length + 1;
	const textWidth = Math.max(1, width - gutter - 1);
	const shown = lines.length === 0 ? '0' : `${start + 1}-${Math.min(lines.length, start + viewHeight)}`;
	const position = ` lines ${shown} of ${lines.length}`;
	const title = ` ${path} · ${formatBytes(data.length)}${changed ? ' · ● changed, not deployed' : ''}${highlighted === undefined ? ' · over 1 MB: not highlighted' : ''}`;
	const rows: React.ReactNode[] = [];
	for (let index = start; index < start + viewHeight; index += 1) {
		const line = lines[index];
		if (line === undefined) {
			rows.push(<Text key={`empty-${index}`}>{' '.repeat(width)}</Text>);
			continue;
		}
		const segments = clipSegments(highlighted?.[index] ?? [{text: line, tone: 'plain'}], textWidth);
		const used = segments.reduce((sum, segment) => sum + stringWidth(segment.text), 0);
		rows.push(
			<Text key={index} wrap="truncate">
				<Text color={theme.muted}>{`${fit(String(index + 1), gutter - 1, 'right')} `}</Text>
				{' '}
				{segments.map((segment, at) => (
					// eslint-disable-next-line react/no-array-index-key
					<Text key={at} color={toneColor(segment.tone, theme)} bold={theme.colour && segment.tone === 'heading'}>
						{segment.text}
					</Text>
				))}
				{' '.repeat(Math.max(0, textWidth - used))}
			</Text>,
		);
	}
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold inverse>
				{fit(`${fit(title, Math.max(1, width - position.length))}${position}`, width)}
			</Text>
			{rows}
			<Text color={theme.muted}>{fit(' j/k scroll · PgUp/PgDn a page · g/G the ends · e edit · Esc close', width)}</Text>
		</Box>
	);
}
