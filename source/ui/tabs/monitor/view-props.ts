// What each view of the Monitor tab receives.
import type {FunctionDetail} from '../../../domain/function-model.js';
import {bindingFor} from '../../keymap.js';

export interface ViewProps {
	detail: FunctionDetail;
	width: number;
	height: number;
	active: boolean;
	/** A form of the view is open: the tab's own keys ([ and ]) wait. */
	onOverlay(open: boolean): void;
}

/** The keys every view answers, each in its own way: r reads the view again, t changes its time range. True when the key was one of them. */
export function commonViewKey(name: string, actions: {refresh(): void; changeRange(): void}): boolean {
	const id = bindingFor('monitor', name)?.id;
	if (id === 'monitor-refresh') actions.refresh();
	else if (id === 'time-range') actions.changeRange();
	else return false;
	return true;
}
