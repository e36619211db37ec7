// A section's list of items in the rows it has: "Reading…" (or the error)
// until the items are read, the section's words when there are none, and
// otherwise the window of items around the cursor, the cursor's item in
// inverse while the focus is in the list. Permissions, Triggers and
// Destinations draw their lists with it.
import {Text} from 'ink';
import React from 'react';
import {wrapWords} from '../../../domain/format.js';
import type {Theme} from '../../theme.js';

/** The first item shown, so the cursor's item is in the middle of `rows` where it can be. */
export function firstShown(cursor: number, count: number, rows: number): number {
	return Math.max(0, Math.min(cursor - Math.floor(rows / 2), count - rows));
}

interface Props<T> {
	/** undefined until read. */
	items: readonly T[] | undefined;
	/** Why the items could not be read; shown instead of them. */
	error: string | undefined;
	/** What the section says when it has no items; wrapped to the width. */
	empty: string;
	cursor: number;
	inside: boolean;
	rows: number;
	width: number;
	theme: Theme;
	keyOf(item: T): string;
	/** One item's row (text, or Text pieces with their colours). */
	render(item: T): React.ReactNode;
}

export function ItemRows<T>({items, error, empty, cursor, inside, rows, width, theme, keyOf, render}: Props<T>) {
	if (items === undefined || (error !== undefined && items.length === 0)) {
		return (
			<Text color={error === undefined ? theme.muted : theme.danger} wrap="truncate">
				{error ?? 'Reading…'}
			</Text>
		);
	}
	if (items.length === 0) {
		return (
			<>
				{wrapWords(empty, width).map((line, index) => (
					<Text key={`empty-${index}`} color={theme.muted} wrap="truncate">
						{line}
					</Text>
				))}
			</>
		);
	}
	const first = firstShown(cursor, items.length, rows);
	return (
		<>
			{items.slice(first, first + rows).map((item, index) => (
				<Text key={keyOf(item)} inverse={inside && first + index === cursor} wrap="truncate">
					{render(item)}
				</Text>
			))}
		</>
	);
}
