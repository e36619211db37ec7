// The Configuration tab: a list of sections on the left, as in the Lambda
// console, and the chosen section on the right. ↑/↓ choose a section; Enter
// (or →) goes into a section's items (variables, tags), Esc (or ←) comes back.
// Every change goes through one save path (useConfigurationSave): read-only
// refused, RevisionId sent, progress while Lambda applies it, and a conflict
// with someone else's change shown side by side.
import {Box, Text} from 'ink';
import React, {useEffect, useState} from 'react';
import type {FunctionDetail} from '../../../domain/function-model.js';
import {fit} from '../../../domain/format.js';
import {useConsole, useNotify} from '../../context.js';
import {useConfigurationSave} from '../../hooks/useConfigurationSave.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import {ConflictDialog} from './conflict.js';
import {sections, type SectionProps} from './sections.js';

/** A section to show, asked for by another tab (the Overview's boxes and its "add" keys); `at` tells one request from the next. */
export interface SectionRequest {
	section: string;
	intent?: 'add';
	/** An item of the section to show, by its id. */
	item?: string;
	at: number;
}

interface Props {
	detail: FunctionDetail;
	reload(): void;
	width: number;
	height: number;
	active: boolean;
	request?: SectionRequest | undefined;
}

const listWidth = 18;

function sectionIndex(request: SectionRequest | undefined): number {
	return Math.max(0, sections.findIndex((entry) => entry.id === request?.section));
}

export function ConfigurationTab({detail, reload, width, height, active, request}: Props) {
	const {theme, session} = useConsole();
	const notify = useNotify();
	const [selected, setSelected] = useState(() => sectionIndex(request));
	const [inside, setInside] = useState(false);
	const [overlay, setOverlay] = useState(false);
	const [intent, setIntent] = useState<'add' | undefined>(request?.intent);
	const [focus, setFocus] = useState<string | undefined>(request?.item);
	useEffect(() => {
		if (request === undefined) return;
		const index = sectionIndex(request);
		setSelected(index);
		// An item asked for: the focus goes into the section's list, onto it.
		setInside(request.item !== undefined && sections[index]?.hasItems === true);
		setIntent(request.intent);
		setFocus(request.item);
	}, [request]);
	const save = useConfigurationSave(detail.name, detail, reload);
	const section = sections[selected] ?? sections[0]!;

	useKeys(
		layers.tab,
		(name) => {
			const binding = bindingFor('configuration', name);
			if (binding?.dangerous && session.readOnly) {
				notify({tone: 'error', text: 'Read-only mode: changes are off. Start lambdash without --read-only to change functions.'});
				return true;
			}
			if (inside) return false;
			switch (binding?.id) {
				case 'section-down':
					setSelected((value) => Math.min(sections.length - 1, value + 1));
					return true;
				case 'section-up':
					setSelected((value) => Math.max(0, value - 1));
					return true;
				case 'section-enter':
					if (section.hasItems) setInside(true);
					return section.hasItems;
				default:
					return false;
			}
		},
		active && !overlay && !save.conflict,
	);

	const paneWidth = Math.max(10, width - listWidth - 1);
	const props: SectionProps = {
		detail,
		save,
		theme,
		width: paneWidth,
		height,
		screenWidth: width,
		paneLeft: listWidth + 1,
		active: active && !save.conflict,
		inside,
		onLeave: () => setInside(false),
		onOverlay: setOverlay,
		intent: active ? intent : undefined,
		focus: active ? focus : undefined,
		onIntentHandled: () => {
			setIntent(undefined);
			setFocus(undefined);
		},
	};
	const Pane = section.Pane;
	return (
		<Box width={width} height={height}>
			<Box flexDirection="column" width={listWidth} flexShrink={0}>
				{sections.map((entry, index) => {
					const current = index === selected;
					return (
						<Text key={entry.id} inverse={current && !inside} bold={current} color={current ? undefined : theme.muted}>
							{fit(` ${entry.title}`, listWidth - 1)}
						</Text>
					);
				})}
			</Box>
			<Box flexDirection="column" width={paneWidth} marginLeft={1}>
				<Pane {...props} />
			</Box>
			{save.conflict ? <ConflictDialog conflict={save.conflict} current={detail} width={width} height={height} active={active} /> : null}
		</Box>
	);
}
