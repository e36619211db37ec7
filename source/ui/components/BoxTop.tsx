// The top border of a box drawn over the screen (a form, a picker): the title
// in bold, cut to the box's inner width, and the rule after it.
import {Text} from 'ink';
import React from 'react';
import stringWidth from 'string-width';
import {truncate} from '../../domain/format.js';
import type {ColorName} from '../theme.js';

export function BoxTop({title, inner, color}: {title: string; inner: number; color: ColorName | undefined}) {
	const titleText = truncate(` ${title} `, inner);
	return (
		<Text color={color}>
			{'┌'}
			<Text bold>{titleText}</Text>
			{`${'─'.repeat(Math.max(0, inner - stringWidth(titleText)))}┐`}
		</Text>
	);
}
