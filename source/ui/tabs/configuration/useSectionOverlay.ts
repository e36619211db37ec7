// What a Configuration section draws over the tab (a form, a picker, a
// question): which one is open, telling the tab so it leaves the keys to it,
// and the frame every form and picker of a section is drawn in. useSectionForm
// is the whole of it for a section edited in one form that e opens.
import {useState} from 'react';
import type {SaveResult} from '../../hooks/useConfigurationSave.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {Theme} from '../../theme.js';
import type {SectionProps} from './sections.js';

/** The props a Form or Picker of a section shares: over the whole tab, inactive while saving, Esc closes it. */
export interface OverlayFrame {
	theme: Theme;
	width: number;
	height: number;
	offsetLeft: number;
	active: boolean;
	onCancel(): void;
}

export interface SectionOverlay<T> {
	overlay: T | undefined;
	/** Opens `next` (undefined closes it). */
	open(next: T | undefined): void;
	/** Closes the overlay once the change is saved (or discarded); a failure keeps it open, with what was typed. */
	closeAfter(saving: Promise<SaveResult>): void;
	frame: OverlayFrame;
}

export function useSectionOverlay<T>({theme, height, screenWidth, paneLeft, active, save, onOverlay}: SectionProps): SectionOverlay<T> {
	const [overlay, setOverlay] = useState<T>();
	const open = (next: T | undefined): void => {
		setOverlay(next);
		onOverlay(next !== undefined);
	};
	const closeAfter = (saving: Promise<SaveResult>): void => {
		void saving.then((result) => {
			if (result !== 'failed') open(undefined);
		});
	};
	const frame = {theme, width: screenWidth, height, offsetLeft: -paneLeft, active: active && !save.busy, onCancel: () => open(undefined)};
	return {overlay, open, closeAfter, frame};
}

export interface SectionForm {
	isOpen: boolean;
	close(): void;
	closeAfter(saving: Promise<SaveResult>): void;
	frame: OverlayFrame;
}

/** A section edited in one form: e opens it, when `canOpen` (which may say why not) allows. */
export function useSectionForm(props: SectionProps, canOpen: () => boolean = () => true): SectionForm {
	const {overlay, open, closeAfter, frame} = useSectionOverlay<'form'>(props);
	useKeys(
		layers.section,
		(name) => {
			if (bindingFor('configuration', name)?.id !== 'edit') return false;
			if (canOpen()) open('form');
			return true;
		},
		props.active && overlay === undefined,
	);
	return {isOpen: overlay !== undefined, close: () => open(undefined), closeAfter, frame};
}
