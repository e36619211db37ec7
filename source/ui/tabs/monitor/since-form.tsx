// The form that sets how far back a view of the Monitor tab reads: "15m",
// "2h ago", "3d", or a time.
import React from 'react';
import {parseSince} from '../../../domain/time-range.js';
import {Form} from '../../components/Form.js';
import type {Theme} from '../../theme.js';

interface Props {
	title: string;
	since: string;
	theme: Theme;
	width: number;
	height: number;
	active: boolean;
	onSubmit(since: string): void;
	onCancel(): void;
}

export function SinceForm({title, since, theme, width, height, active, onSubmit, onCancel}: Props) {
	return (
		<Form
			title={title}
			fields={[
				{
					id: 'since',
					label: 'Since',
					value: since,
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
			onSubmit={(values) => onSubmit(values['since'] ?? since)}
			onCancel={onCancel}
		/>
	);
}
