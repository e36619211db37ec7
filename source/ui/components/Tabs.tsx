import {Text} from 'ink';
import React from 'react';
import type {Theme} from '../theme.js';

export interface TabTitle {
	/** The key that opens it: the tab's place in the Lambda console (1 Overview … 5 Configuration). */
	number: number;
	title: string;
}

/** The tab bar: "1 Overview  5 Configuration" with the current tab in inverse video. */
export function Tabs({tabs, current, theme}: {tabs: readonly TabTitle[]; current: number; theme: Theme}) {
	return (
		<Text wrap="truncate">
			{tabs.map((tab, index) => (
				<Text key={tab.title}>
					<Text inverse={index === current} bold={index === current} color={index === current ? undefined : theme.muted}>
						{` ${tab.number} ${tab.title} `}
					</Text>
					{' '}
				</Text>
			))}
		</Text>
	);
}
