// The problems of a section's refused form written out in full under it (the
// form's own message row cuts them): Permissions and Triggers check a whole
// request before anything is sent, and every problem it has is shown here.
import {Box, Text} from 'ink';
import React from 'react';
import {fit, wrapWords} from '../../../domain/format.js';
import {rowsUnderForm} from '../../components/Form.js';
import type {Theme} from '../../theme.js';

interface Props {
	problems: readonly string[];
	/** How many fields the form has: where it ends. */
	fields: number;
	theme: Theme;
	/** The pane's height, the whole tab's width and where the pane starts in it (the form is drawn over the whole tab). */
	height: number;
	screenWidth: number;
	paneLeft: number;
}

export function FormProblems({problems, fields, theme, height, screenWidth, paneLeft}: Props) {
	const under = rowsUnderForm(height, fields);
	const lines = problems.flatMap((problem) => wrapWords(problem, screenWidth - 2)).slice(0, under);
	if (lines.length === 0) return null;
	return (
		<Box position="absolute" marginTop={height - under} marginLeft={-paneLeft} flexDirection="column" width={screenWidth}>
			{lines.map((line, index) => (
				<Text key={`problem-${index}`} color={theme.danger}>
					{fit(` ${line}`, screenWidth)}
				</Text>
			))}
		</Box>
	);
}
