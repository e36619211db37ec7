// A list to choose from, drawn over the screen in a box: ↑/↓ (j/k) move,
// Enter takes the item under the cursor, or, when several may be chosen,
// Space chooses and unchooses and Enter accepts them all. Esc goes back. The
// caller checks what was chosen: a message naming what is allowed keeps the
// picker open, with the choice as it was, and the message under the list.
import {Box, Text} from 'ink';
import React, {useState} from 'react';
import {fit} from '../../domain/format.js';
import {layers, useKeys} from '../input.js';
import {bindingFor} from '../keymap.js';
import type {Theme} from '../theme.js';
import {BoxTop} from './BoxTop.js';

export interface PickerItem {
	id: string;
	/** One line, cleaned of control sequences by the caller. */
	text: string;
}

interface Props {
	title: string;
	items: readonly PickerItem[];
	/** Several may be chosen (Space); otherwise Enter takes the item under the cursor. */
	multiple: boolean;
	/** What is chosen at first (several), or where the cursor starts (one). */
	chosen?: readonly string[];
	/** A line under the list while there is no message: what to choose, the limits. */
	hint: string;
	theme: Theme;
	width: number;
	height: number;
	/** Where the picker's area starts, relative to the component that draws it (negative: to its left). */
	offsetLeft?: number;
	active: boolean;
	/** The IDs chosen, in the list's order; a message naming what is allowed refuses them. */
	onAccept(ids: string[]): string | undefined;
	onCancel(): void;
}

export function Picker({title, items, multiple, chosen = [], hint, theme, width, height, offsetLeft = 0, active, onAccept, onCancel}: Props) {
	const startCursor = (): number => Math.max(0, items.findIndex((item) => item.id === chosen[0]));
	const [cursor, setCursor] = useState(startCursor);
	const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set(multiple ? chosen : []));
	const [problem, setProblem] = useState<string | undefined>();
	// A screen may show one picker after another in the same place: a new title is a new question, asked afresh.
	const [askedFor, setAskedFor] = useState(title);
	if (askedFor !== title) {
		setAskedFor(title);
		setCursor(startCursor());
		setPicked(new Set(multiple ? chosen : []));
		setProblem(undefined);
	}
	const last = Math.max(0, items.length - 1);
	// The items may change under the picker (fewer of them): the cursor stays on one.
	const at = Math.min(cursor, last);
	const inner = Math.max(20, Math.min(width - 4, 76));
	const rows = Math.max(1, Math.min(items.length, height - 6));

	useKeys(
		layers.overlay,
		(name) => {
			const form = bindingFor('form', name)?.id;
			if (form === 'form-cancel') {
				onCancel();
				return true;
			}
			if (form === 'form-save') {
				const current = items[at];
				const ids = multiple ? items.filter((item) => picked.has(item.id)).map((item) => item.id) : current ? [current.id] : [];
				setProblem(onAccept(ids));
				return true;
			}
			if (form === 'form-next' || name === 'j') setCursor(Math.min(last, at + 1));
			else if (form === 'form-previous' || name === 'k') setCursor(Math.max(0, at - 1));
			else if (name === 'pagedown') setCursor(Math.min(last, at + rows));
			else if (name === 'pageup') setCursor(Math.max(0, at - rows));
			else if (name === 'home' || name === 'g') setCursor(0);
			else if (name === 'end' || name === 'G') setCursor(last);
			else if (name === ' ' && multiple) {
				const item = items[at];
				if (item !== undefined) {
					setPicked((current) => {
						const next = new Set(current);
						if (next.has(item.id)) next.delete(item.id);
						else next.add(item.id);
						return next;
					});
					setProblem(undefined);
				}
			}
			return true;
		},
		active,
	);

	const first = Math.max(0, Math.min(at - Math.floor(rows / 2), items.length - rows));
	const shown = items.slice(first, first + rows);
	const count = multiple ? `${picked.size} chosen · ` : '';
	const keys = multiple ? '↑/↓ move · Space chooses · Enter accepts · Esc back' : '↑/↓ move · Enter chooses · Esc back';
	const top = Math.max(0, Math.floor((height - rows - 5) / 2));
	const left = Math.max(0, Math.floor((width - inner - 2) / 2)) + offsetLeft;
	const line = (content: React.ReactNode, key?: string) => (
		<Text key={key}>
			<Text color={theme.accent}>{'│'}</Text>
			{content}
			<Text color={theme.accent}>{'│'}</Text>
		</Text>
	);
	return (
		<Box position="absolute" marginTop={top} marginLeft={left} flexDirection="column">
			<BoxTop title={title} inner={inner} color={theme.accent} />
			{items.length === 0
				? line(<Text color={theme.muted}>{fit(' Nothing to choose from.', inner)}</Text>)
				: shown.map((item, index) => {
						const here = first + index === at;
						const marker = multiple ? (picked.has(item.id) ? '[x] ' : '[ ] ') : '';
						return line(<Text inverse={here}>{fit(` ${marker}${item.text}`, inner)}</Text>, item.id);
					})}
			{line(<Text color={problem ? theme.danger : theme.muted}>{fit(` ${problem ?? `${count}${hint}`}`, inner)}</Text>)}
			{line(<Text color={theme.muted}>{fit(` ${keys}`, inner)}</Text>)}
			<Text color={theme.accent}>{`└${'─'.repeat(inner)}┘`}</Text>
		</Box>
	);
}
