// The keys of a long text drawn over a tab (a file of the package, a state
// machine's definition, a version's configuration): the 'reader' bindings
// scroll it by a line, a page or to an end, and Esc closes it. The text
// takes every other key (so nothing reaches the tab under it) except
// quitting, help and what `passes` lets through; `other` may use a key first.
import {useState} from 'react';
import {clampOffset} from '../components/LineView.js';
import {layers, useKeys} from '../input.js';
import {bindingFor} from '../keymap.js';

interface Options {
	/** How many lines the text has, and how many are in view. */
	count: number;
	viewHeight: number;
	active: boolean;
	onClose(): void;
	/** A key for the view itself (e to edit); true when used. */
	other?(name: string): boolean;
	/** Keys the screen behind still gets, besides q, Ctrl-C and ?. */
	passes?: readonly string[];
}

/** The first line in view. */
export function useReaderScroll({count, viewHeight, active, onClose, other, passes = []}: Options): number {
	const [offset, setOffset] = useState(0);
	const start = clampOffset(offset, count, viewHeight);
	const scrollTo = (next: number): void => setOffset(clampOffset(next, count, viewHeight));
	useKeys(
		layers.overlay,
		(name) => {
			switch (bindingFor('reader', name)?.id) {
				case 'reader-close':
					onClose();
					return true;
				case 'reader-down':
					scrollTo(start + 1);
					return true;
				case 'reader-up':
					scrollTo(start - 1);
					return true;
				case 'reader-page-down':
					scrollTo(start + viewHeight - 1);
					return true;
				case 'reader-page-up':
					scrollTo(start - (viewHeight - 1));
					return true;
				case 'reader-top':
					scrollTo(0);
					return true;
				case 'reader-bottom':
					scrollTo(count);
					return true;
				default:
					if (other?.(name) === true) return true;
					return name !== 'q' && name !== 'ctrl+c' && name !== '?' && !passes.includes(name);
			}
		},
		active,
	);
	return start;
}
