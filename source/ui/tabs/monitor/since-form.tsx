// How far back a view of the Monitor tab reads ("15m", "2h ago", "3d", or a
// time), and the form that changes it: useSince holds the value and whether
// the form is open; SinceForm draws it while it is.
import React, {useState} from 'react';
import {parseSince} from '../../../domain/time-range.js';
import {Form} from '../../components/Form.js';
import type {Theme} from '../../theme.js';

export interface SinceState {
	since: string;
	asking: boolean;
	/** Opens the form (the tab's own keys wait meanwhile). */
	ask(): void;
	choose(since: string): void;
	close(): void;
}

export function useSince(initial: string, onOverlay: (open: boolean) => void): SinceState {
	const [since, setSince] = useState(initial);
	const [asking, setAsking] = useState(false);
	const close = () => {
		setAsking(false);
		onOverlay(false);
	};
	return {
		since,
		asking,
		ask() {
			setAsking(true);
			onOverlay(true);
		},
		choose(value) {
			setSince(value);
			close();
		},
		close,
	};
}

interface Props {
	title: string;
	state: SinceState;
	theme: Theme;
	width: number;
	height: number;
	active: boolean;
	/** Also told of a new value (the logs view leaves a request or a stream for it). */
	onChosen?(since: string): void;
}

export function SinceForm({title, state, theme, width, height, active, onChosen}: Props) {
	if (!state.asking) return null;
	return (
		<Form
			title={title}
			fields={[
				{
					id: 'since',
					label: 'Since',
					value: state.since,
					hint: '15m · 1h · 2h ago · 3d · 2026-11-27 06:00 (UTC)',
					validate: (value) => {
						const parsed = parseSince(value, new Date());
						return 'problem' in parsed ? parsed.problem : undefined;
					},
				},
			]}
			theme={theme}
			width={width}
			height={height}
			active={active}
			onSubmit={(values) => {
				const value = values['since'] ?? state.since;
				state.choose(value);
				onChosen?.(value);
			}}
			onCancel={state.close}
		/>
	);
}
