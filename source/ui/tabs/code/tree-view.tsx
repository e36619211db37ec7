// The package's files as a tree: folders (▸ closed, ▾ open) before files,
// indented by depth, each with its size; a file edited and not deployed yet
// (or a folder holding one) is marked ●. Only the rows in view are drawn,
// with the cursor kept in view.
import {Box, Text} from 'ink';
import React from 'react';
import stringWidth from 'string-width';
import type {TreeRow} from '../../../domain/code-package.js';
import {fit, formatBytes, truncate} from '../../../domain/format.js';
import {cleanText} from '../../../domain/sanitize.js';
import type {Theme} from '../../theme.js';

const sizeWidth = 8;

interface Props {
	rows: readonly TreeRow[];
	cursor: number;
	focused: boolean;
	theme: Theme;
	width: number;
	height: number;
}

/** The first row drawn: the cursor stays in view, a little below the middle when it can. */
export function treeOffset(cursor: number, count: number, height: number): number {
	return Math.max(0, Math.min(cursor - Math.floor(height / 2), count - height));
}

export function TreeView({rows, cursor, focused, theme, width, height}: Props) {
	const first = treeOffset(cursor, rows.length, height);
	const nameWidth = Math.max(4, width - sizeWidth - 1);
	return (
		<Box flexDirection="column" width={width} height={height}>
			{rows.slice(first, first + height).map((row, index) => {
				const selected = focused && first + index === cursor;
				const icon = row.kind === 'folder' ? (row.open ? '▾ ' : '▸ ') : '  ';
				const lead = `${'  '.repeat(row.depth)}${icon}`;
				const marker = row.changed ? ' ●' : '';
				const name = truncate(`${cleanText(row.name)}${row.kind === 'folder' ? '/' : ''}`, Math.max(1, nameWidth - stringWidth(lead) - stringWidth(marker)));
				const pad = ' '.repeat(Math.max(0, nameWidth - stringWidth(lead) - stringWidth(name) - stringWidth(marker)));
				return (
					<Text key={row.path} inverse={selected} wrap="truncate">
						{lead}
						<Text bold={row.kind === 'folder'} color={selected ? undefined : row.kind === 'folder' ? theme.accent : undefined}>
							{name}
						</Text>
						<Text color={selected ? undefined : theme.warning}>{marker}</Text>
						{pad}
						<Text color={selected ? undefined : theme.muted}>{` ${fit(formatBytes(row.size), sizeWidth, 'right')}`}</Text>
					</Text>
				);
			})}
		</Box>
	);
}
