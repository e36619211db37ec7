// The cursor of the Versions and Aliases tabs' lists: it stays on the list
// when the list shrinks, and goes to an item asked for (the version just
// published, the alias just created) as soon as the list holds it.
import {useEffect, useState, type Dispatch, type SetStateAction} from 'react';

export interface ListCursor<T> {
	cursor: number;
	selected: T | undefined;
	setCursor: Dispatch<SetStateAction<number>>;
	/** Puts the cursor on the item with this key once the list holds it. */
	select(key: string): void;
}

export function useListCursor<T>(items: readonly T[], keyOf: (item: T) => string): ListCursor<T> {
	const [cursor, setCursor] = useState(0);
	const [wanted, setWanted] = useState<string>();
	const count = items.length;
	useEffect(() => {
		if (wanted !== undefined) {
			const at = items.findIndex((item) => keyOf(item) === wanted);
			if (at >= 0) {
				setCursor(at);
				setWanted(undefined);
				return;
			}
		}
		if (cursor >= count) setCursor(Math.max(0, count - 1));
		// keyOf is the caller's way of naming items; it does not change what is in the list.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [items, count, cursor, wanted]);
	return {cursor, selected: items[cursor], setCursor, select: setWanted};
}
