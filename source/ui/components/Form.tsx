// A form drawn over the screen: labelled fields edited in place, each checked
// by its validator when the form is saved. Nothing is sent while a field is
// invalid: the message names what is allowed, the focus goes to the field,
// and everything typed stays as it was.
import {Box, Text} from 'ink';
import React, {useState} from 'react';
import stringWidth from 'string-width';
import {fit} from '../../domain/format.js';
import {editLine, lineAt, visibleLine, type LineEdit} from '../../domain/line-edit.js';
import {cleanText} from '../../domain/sanitize.js';
import {layers, useKeys} from '../input.js';
import {bindingFor} from '../keymap.js';
import type {Theme} from '../theme.js';
import {BoxTop} from './BoxTop.js';

export interface FormField {
	id: string;
	label: string;
	value: string;
	/** A line under the field while it has no error: the allowed values, an example. */
	hint?: string;
	/** A choice field cycles through these with ←/→ or Space instead of taking text. */
	choices?: readonly string[];
	/** What is wrong with the value, naming what is allowed; undefined when it is fine. */
	validate?: (value: string, values: Record<string, string>) => string | undefined;
}

interface Props {
	title: string;
	fields: readonly FormField[];
	theme: Theme;
	width: number;
	height: number;
	/** Where the form's area starts, relative to the component that draws it (negative: to its left). */
	offsetLeft?: number;
	active: boolean;
	/** Saving; the form stays open (with what was typed) until the caller closes it. */
	onSubmit(values: Record<string, string>): void;
	onCancel(): void;
	/**
	 * Problems found after the form was sent (AWS refused it: "the name is
	 * taken"), by field id: shown on their fields as the form's own checks
	 * are, with the focus on the first. A new object each time it is set.
	 */
	problems?: Readonly<Record<string, string>> | undefined;
}

/**
 * The rows of the screen under a form of `fields` fields (a form centres
 * itself: a title row, two rows a field, a footer row and the bottom border):
 * where a caller writes out the problems of a refused form, since they are
 * longer than the form's message line.
 */
export function rowsUnderForm(height: number, fields: number): number {
	const rows = fields * 2 + 1 + 2;
	return Math.max(0, height - Math.max(0, Math.floor((height - rows) / 2)) - rows);
}

export function Form({title, fields, theme, width, height, offsetLeft = 0, active, onSubmit, onCancel, problems}: Props) {
	const [edits, setEdits] = useState<LineEdit[]>(() => fields.map((field) => lineAt(field.value)));
	const [focus, setFocus] = useState(0);
	const [errors, setErrors] = useState<Array<string | undefined>>(() => fields.map(() => undefined));
	const [shownProblems, setShownProblems] = useState(problems);
	if (problems !== shownProblems) {
		setShownProblems(problems);
		if (problems !== undefined) {
			const found = fields.map((field) => problems[field.id]);
			setErrors(found);
			const first = found.findIndex((problem) => problem !== undefined);
			if (first >= 0) setFocus(first);
		}
	}

	const valuesOf = (current: LineEdit[]): Record<string, string> =>
		Object.fromEntries(fields.map((field, index) => [field.id, current[index]?.text ?? '']));

	useKeys(
		layers.overlay,
		(name, input) => {
			const binding = bindingFor('form', name);
			const field = fields[focus];
			switch (binding?.id) {
				case 'form-next':
					setFocus((value) => (value + 1) % fields.length);
					return true;
				case 'form-previous':
					setFocus((value) => (value + fields.length - 1) % fields.length);
					return true;
				case 'form-cancel':
					onCancel();
					return true;
				case 'form-save': {
					const values = valuesOf(edits);
					const found = fields.map((each) => each.validate?.(values[each.id] ?? '', values));
					setErrors(found);
					const first = found.findIndex((error) => error !== undefined);
					if (first >= 0) {
						setFocus(first);
						return true;
					}
					onSubmit(values);
					return true;
				}
				default:
					break;
			}
			if (field === undefined) return true;
			if (field.choices !== undefined && field.choices.length > 0) {
				const step = name === 'left' ? -1 : name === 'right' || name === ' ' ? 1 : 0;
				if (step !== 0) {
					const choices = field.choices;
					setEdits((current) =>
						current.map((edit, index) => {
							if (index !== focus) return edit;
							const at = Math.max(0, choices.indexOf(edit.text));
							return lineAt(choices[(at + step + choices.length) % choices.length] ?? '');
						}),
					);
				}
				return true;
			}
			setEdits((current) => current.map((edit, index) => (index === focus ? editLine(edit, name, input) : edit)));
			// A field typed into is checked again on save; until then its old message would mislead.
			setErrors((current) => current.map((error, index) => (index === focus ? undefined : error)));
			return true;
		},
		active,
	);

	const labelWidth = Math.min(22, Math.max(...fields.map((field) => stringWidth(field.label))) + 2);
	const inner = Math.max(20, Math.min(width - 4, 76));
	const valueWidth = Math.max(4, inner - labelWidth - 3);
	const footer = 'Tab/↓ next · Enter saves · Esc cancels';
	const rows = fields.length * 2 + 1;
	const top = Math.max(0, Math.floor((height - rows - 2) / 2));
	const left = Math.max(0, Math.floor((width - inner - 2) / 2)) + offsetLeft;
	return (
		<Box position="absolute" marginTop={top} marginLeft={left} flexDirection="column">
			<BoxTop title={title} inner={inner} color={theme.accent} />
			{fields.map((field, index) => {
				const edit = edits[index] ?? lineAt('');
				const focused = index === focus;
				const error = errors[index];
				const note = error ?? field.hint ?? '';
				const shown = visibleLine({text: cleanText(edit.text), cursor: edit.cursor}, valueWidth);
				const choice = field.choices !== undefined;
				return (
					<React.Fragment key={field.id}>
						<Text>
							<Text color={theme.accent}>{'│'}</Text>
							<Text bold={focused} color={focused ? undefined : theme.muted}>
								{fit(` ${field.label}`, labelWidth)}
							</Text>
							{focused && !choice ? (
								<Text>
									{fit(' ', 1)}
									<Text underline>{shown.before}</Text>
									<Text inverse>{shown.at}</Text>
									<Text underline>{fit(shown.after, Math.max(0, valueWidth - stringWidth(shown.before) - stringWidth(shown.at)))}</Text>
									{'  '}
								</Text>
							) : (
								<Text inverse={focused && choice}>{fit(` ${choice ? `‹ ${edit.text} ›` : cleanText(edit.text)}`, valueWidth + 3)}</Text>
							)}
							<Text color={theme.accent}>{'│'}</Text>
						</Text>
						<Text>
							<Text color={theme.accent}>{'│'}</Text>
							<Text color={error ? theme.danger : theme.muted}>{fit(`${' '.repeat(Math.min(labelWidth + 1, Math.max(2, inner - stringWidth(note) - 1)))}${note}`, inner)}</Text>
							<Text color={theme.accent}>{'│'}</Text>
						</Text>
					</React.Fragment>
				);
			})}
			<Text>
				<Text color={theme.accent}>{'│'}</Text>
				<Text color={theme.muted}>{fit(` ${footer}`, inner)}</Text>
				<Text color={theme.accent}>{'│'}</Text>
			</Text>
			<Text color={theme.accent}>{`└${'─'.repeat(inner)}┘`}</Text>
		</Box>
	);
}
