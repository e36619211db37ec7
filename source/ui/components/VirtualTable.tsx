// A table that renders only the rows that fit: with 10,000 functions a frame
// still holds one screenful of rows, and moving the cursor rewrites two lines.
import {Box, Text} from 'ink';
import React from 'react';
import {fit} from '../../domain/format.js';
import type {ColorName, Theme} from '../theme.js';

export interface Column<T> {
	title: string;
	width: number;
	align?: 'left' | 'right';
	value(row: T): string;
	color?(row: T): ColorName | undefined;
	/** Bold, in colour or not: what must stand out also without colour (NO_COLOR). */
	strong?(row: T): boolean;
}

interface Props<T> {
	rows: readonly T[];
	columns: ReadonlyArray<Column<T>>;
	selected: number;
	/** The first visible row (see scrollOffset). */
	offset: number;
	height: number; // lines for the header and the rows
	theme: Theme;
	empty: string;
	rowKey(row: T): string;
}

/** The first visible row, so that the selected row stays in view and the view moves as little as possible. */
export function scrollOffset(previous: number, selected: number, visible: number, total: number): number {
	if (visible <= 0) return 0;
	let offset = Math.min(previous, Math.max(0, total - visible));
	if (selected < offset) offset = selected;
	if (selected >= offset + visible) offset = selected - visible + 1;
	return Math.max(0, offset);
}

export function VirtualTable<T>({rows, columns, selected, offset, height, theme, empty, rowKey}: Props<T>) {
	const visible = Math.max(0, height - 1);
	const header = columns.map((column) => fit(column.title, column.width, column.align)).join(' ');
	const slice = rows.slice(offset, offset + visible);
	return (
		<Box flexDirection="column" height={height}>
			<Text bold color={theme.muted} wrap="truncate">
				{header}
			</Text>
			{rows.length === 0 ? (
				<Text color={theme.muted}>{empty}</Text>
			) : (
				slice.map((row, index) => (
					<TableRow
						key={rowKey(row)}
						row={row}
						columns={columns}
						selected={offset + index === selected}
						theme={theme}
					/>
				))
			)}
		</Box>
	);
}

interface RowProps<T> {
	row: T;
	columns: ReadonlyArray<Column<T>>;
	selected: boolean;
	theme: Theme;
}

function TableRow<T>({row, columns, selected}: RowProps<T>) {
	return (
		<Text inverse={selected} wrap="truncate">
			{columns.map((column, index) => {
				const cell = fit(column.value(row), column.width, column.align) + (index < columns.length - 1 ? ' ' : '');
				const color = column.color?.(row);
				return color || column.strong?.(row) ? (
					<Text key={column.title} color={color} bold>
						{cell}
					</Text>
				) : (
					cell
				);
			})}
		</Text>
	);
}
