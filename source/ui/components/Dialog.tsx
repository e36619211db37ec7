// A question or a panel drawn over the screen, in a box. Every cell of the
// box is written (padded with spaces), so nothing behind it shows through.
import {Box, Text} from 'ink';
import React from 'react';
import stringWidth from 'string-width';
import {fit, truncate} from '../../domain/format.js';
import type {ColorName} from '../theme.js';

interface Props {
	title: string;
	lines: ReadonlyArray<{text: string; color?: ColorName | undefined; bold?: boolean}>;
	width: number; // the screen's width
	height: number; // the screen's height
	borderColor?: ColorName | undefined;
}

export function Dialog({title, lines, width, height, borderColor}: Props) {
	const longest = Math.max(stringWidth(title) + 4, ...lines.map((line) => stringWidth(line.text)));
	const inner = Math.max(10, Math.min(width - 6, longest + 2));
	const shown = lines.slice(0, Math.max(1, height - 2));
	const top = Math.max(0, Math.floor((height - shown.length - 2) / 2));
	const left = Math.max(0, Math.floor((width - inner - 2) / 2));
	const titleText = truncate(` ${title} `, inner);
	const titleRule = '─'.repeat(Math.max(0, inner - stringWidth(titleText)));
	return (
		<Box position="absolute" marginTop={top} marginLeft={left} flexDirection="column">
			<Text color={borderColor}>
				{'┌'}
				<Text bold>{titleText}</Text>
				{`${titleRule}┐`}
			</Text>
			{shown.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index}>
					<Text color={borderColor}>{'│'}</Text>
					<Text color={line.color} bold={line.bold}>
						{fit(` ${line.text}`, inner)}
					</Text>
					<Text color={borderColor}>{'│'}</Text>
				</Text>
			))}
			<Text color={borderColor}>{`└${'─'.repeat(inner)}┘`}</Text>
		</Box>
	);
}
