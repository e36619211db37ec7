// A yes/no question over the screen before something is deleted or detached:
// useConfirm takes its keys (y yes; n, Enter or Esc no), ConfirmDialog draws it.
import React from 'react';
import {layers, useKeys} from '../input.js';
import {bindingFor} from '../keymap.js';
import type {Theme} from '../theme.js';
import {Dialog} from './Dialog.js';

export interface ConfirmAnswers<T> {
	yes(subject: T): void;
	no(): void;
	/** Keys wait (and reach nothing behind) while this is true, e.g. while the answer is saved. */
	busy?: boolean;
}

/** Asks about `subject` while it is defined: every key goes to the question. */
export function useConfirm<T>(subject: T | undefined, {yes, no, busy = false}: ConfirmAnswers<T>): void {
	useKeys(
		layers.overlay,
		(name) => {
			if (busy || subject === undefined) return true;
			const binding = bindingFor('confirm', name);
			if (binding?.id === 'confirm-yes') yes(subject);
			else if (binding?.id === 'confirm-no') no();
			return true;
		},
		subject !== undefined,
	);
}

interface Props {
	title: string;
	question: string;
	/** Lines under the question: what follows from a yes. */
	details?: readonly string[];
	theme: Theme;
	width: number;
	height: number;
}

export function ConfirmDialog({title, question, details = [], theme, width, height}: Props) {
	return (
		<Dialog
			title={title}
			lines={[{text: question, bold: true}, ...details.map((text) => ({text})), {text: ''}, {text: 'y: yes   n/Enter/Esc: no'}]}
			width={width}
			height={height}
			borderColor={theme.danger}
		/>
	);
}
