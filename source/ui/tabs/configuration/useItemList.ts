// The keys of a Configuration section's list of items (variables, tags,
// provisioned concurrency, code signing configurations): j/k move, Esc/←
// leave the list, e and d act on the item under the cursor, and the cursor
// stays on the list when it shrinks.
import {useEffect, useState} from 'react';
import type {Binding} from '../../keymap.js';

export interface ItemActions<T> {
	edit?(item: T): void;
	delete?(item: T): void;
}

export interface ItemList<T> {
	cursor: number;
	/** The item under the cursor; undefined when the list is empty. */
	selected: T | undefined;
	/** A key pressed inside the list; true when it is one of the tab's bindings (used, or kept from the screen behind). */
	key(binding: Binding | undefined, actions?: ItemActions<T>): boolean;
	/** Puts the cursor on the item at `index` (another tab asked for that item). */
	moveTo(index: number): void;
}

export function useItemList<T>(items: readonly T[], onLeave: () => void): ItemList<T> {
	const [cursor, setCursor] = useState(0);
	const count = items.length;
	useEffect(() => {
		if (cursor >= count) setCursor(Math.max(0, count - 1));
	}, [cursor, count]);
	const selected = items[cursor];
	const key = (binding: Binding | undefined, actions: ItemActions<T> = {}): boolean => {
		const id = binding?.id;
		if (id === 'section-down') setCursor((value) => Math.min(Math.max(0, count - 1), value + 1));
		else if (id === 'section-up') setCursor((value) => Math.max(0, value - 1));
		else if (id === 'section-leave') onLeave();
		else if (id === 'edit' && actions.edit !== undefined) {
			if (selected !== undefined) actions.edit(selected);
		} else if (id === 'delete' && actions.delete !== undefined) {
			if (selected !== undefined) actions.delete(selected);
		}
		return binding !== undefined;
	};
	return {cursor, selected, key, moveTo: (index) => setCursor(Math.max(0, Math.min(Math.max(0, count - 1), index)))};
}
