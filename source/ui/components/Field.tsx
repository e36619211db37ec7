import {Box, Text} from 'ink';
import React, {type ReactNode} from 'react';
import type {Theme} from '../theme.js';

/** One "Label   value" line of a details view; the value is cut to the width, never wrapped. */
export function Field({label, children, theme, labelWidth = 14}: {label: string; children: ReactNode; theme: Theme; labelWidth?: number}) {
	return (
		<Box>
			<Box width={labelWidth} flexShrink={0}>
				<Text color={theme.muted}>{label}</Text>
			</Box>
			<Text wrap="truncate">{children}</Text>
		</Box>
	);
}
