// Editing an event's JSON in place, over the whole tab: Ctrl-S checks the JSON
// and saves; invalid JSON is explained with its line and column, the cursor is
// put there, and nothing is sent and nothing typed is lost. Esc closes, asking
// first when something changed.
import {Box, Text} from 'ink';
import React, {useMemo, useState} from 'react';
import {fit} from '../../../domain/format.js';
import {checkJson, prettyJson} from '../../../domain/json-text.js';
import {cleanText} from '../../../domain/sanitize.js';
import {bufferOf, editBuffer, moveTo, textOf, type TextBuffer} from '../../../domain/text-buffer.js';
import type {TestEvent} from '../../../domain/test-events.js';
import {ConfirmDialog, useConfirm} from '../../components/ConfirmDialog.js';
import {TextArea} from '../../components/TextArea.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {Theme} from '../../theme.js';

export interface JsonProblem {
	line: number;
	column: number;
	message: string;
}

interface Props {
	event: TestEvent;
	/** The text to start from: the event's, or what an outside editor left. */
	text: string;
	/** A problem found before the editor opened (an outside editor's invalid JSON). */
	problem?: JsonProblem | undefined;
	width: number;
	height: number;
	theme: Theme;
	active: boolean;
	/** Saves valid JSON; resolves to a message when saving failed (the editor stays open). */
	onSave(json: string): Promise<string | undefined>;
	onClose(): void;
}

/**
 * Whether two texts' lines are the same. An edit replaces only the lines it
 * touches and keeps the others (the same strings), so this is a pointer
 * comparison per line until the first edited one, however large the event.
 */
function sameLines(a: readonly string[], b: readonly string[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
	return true;
}

export function problemText(problem: JsonProblem): string {
	return `Line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

export function EventEditor({event, text, problem: initialProblem, width, height, theme, active, onSave, onClose}: Props) {
	const areaHeight = Math.max(3, height - 2);
	const [start] = useState(() => bufferOf(text));
	const [buffer, setBuffer] = useState<TextBuffer>(() => (initialProblem ? moveTo(start, initialProblem.line, initialProblem.column, areaHeight) : start));
	// The saved event's lines, split once: "changed" compares lines, not the whole text joined again on every key.
	const savedLines = useMemo(() => (text === event.json ? start.lines : bufferOf(event.json).lines), [start, text, event.json]);
	const [problem, setProblem] = useState<JsonProblem | undefined>(initialProblem);
	const [message, setMessage] = useState<string | undefined>();
	const [saving, setSaving] = useState(false);
	const [confirmDiscard, setConfirmDiscard] = useState<true | undefined>();
	const changed = useMemo(() => !sameLines(buffer.lines, savedLines), [buffer.lines, savedLines]);

	useConfirm(confirmDiscard, {yes: onClose, no: () => setConfirmDiscard(undefined)});

	useKeys(
		layers.overlay,
		(name, input, together) => {
			if (saving) return true;
			const binding = bindingFor('editor', name);
			switch (binding?.id) {
				case 'editor-cancel':
					if (changed) setConfirmDiscard(true);
					else onClose();
					return true;
				case 'editor-format': {
					const current = textOf(buffer);
					const check = checkJson(current);
					if (!check.ok) {
						setProblem(check);
						setBuffer(moveTo(buffer, check.line, check.column, areaHeight));
						return true;
					}
					setProblem(undefined);
					setBuffer(bufferOf(prettyJson(current)));
					return true;
				}
				case 'editor-save': {
					const current = textOf(buffer);
					const check = checkJson(current);
					if (!check.ok) {
						setProblem(check);
						setMessage(undefined);
						setBuffer(moveTo(buffer, check.line, check.column, areaHeight));
						return true;
					}
					setProblem(undefined);
					setSaving(true);
					setMessage('Saving…');
					void onSave(current).then((failure) => {
						setSaving(false);
						setMessage(failure);
					});
					return true;
				}
				default:
					setBuffer((current) => {
						const next = editBuffer(current, name, input, areaHeight);
						// A pasted line brings its own indentation: drop the one Enter carried over.
						return name === 'enter' && together ? editBuffer(next, 'ctrl+u', '', areaHeight) : next;
					});
					return true;
			}
		},
		active && confirmDiscard === undefined,
	);

	const status = problem ? problemText(problem) : (message ?? `${changed ? 'Changed' : 'Unchanged'} · Ctrl-S saves · Ctrl-F formats · Esc closes`);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold color={theme.accent} wrap="truncate">
				{fit(`Editing ${cleanText(event.name)} (${event.sharing}) · line ${buffer.row + 1}, column ${buffer.column + 1}`, width)}
			</Text>
			<TextArea buffer={buffer} width={width} height={areaHeight} theme={theme} errorLine={problem?.line} focused={active} />
			<Text color={problem || (message && message !== 'Saving…') ? theme.danger : theme.muted} wrap="truncate">
				{fit(status, width)}
			</Text>
			{confirmDiscard ? (
				<Box position="absolute" width={width} height={height}>
					<ConfirmDialog title="Discard changes" question={`Discard your changes to ${cleanText(event.name)}?`} details={['The saved event stays as it was.']} theme={theme} width={width} height={height} />
				</Box>
			) : null}
		</Box>
	);
}
