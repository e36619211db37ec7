// What each view of the Monitor tab receives.
import type {FunctionDetail} from '../../../domain/function-model.js';

export interface ViewProps {
	detail: FunctionDetail;
	width: number;
	height: number;
	active: boolean;
	/** A form of the view is open: the tab's own keys ([ and ]) wait. */
	onOverlay(open: boolean): void;
}
