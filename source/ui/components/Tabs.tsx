import {Text} from 'ink';
import React from 'react';
import type {Theme} from '../theme.js';

/** The tab bar: "1 Overview  2 Code ..." with the current tab in inverse video. */
export function Tabs({titles, current, theme}: {titles: readonly string[]; current: number; theme: Theme}) {
	return (
		<Text wrap="truncate">
			{titles.map((title, index) => (
				<Text key={title}>
					<Text inverse={index === current} bold={index === current} color={index === current ? undefined : theme.muted}>
						{` ${index + 1} ${title} `}
					</Text>
					{' '}
				</Text>
			))}
		</Text>
	);
}
