import {Text} from 'ink';
import React from 'react';
import stringWidth from 'string-width';
import type {Theme} from '../theme.js';

export interface TabTitle {
	/** The key that opens it: the tab's place in the Lambda console (1 Overview … 7 Versions). */
	number: number;
	title: string;
}

/**
 * How the tabs are labelled in `width` columns: " 1 Overview " with a space
 * between tabs when that fits, without it when not, and when even that is too
 * wide only the current tab's title is written, the others by their numbers.
 */
export function tabLabels(tabs: readonly TabTitle[], current: number, width: number): {labels: string[]; gap: string} {
	const full = tabs.map((tab) => ` ${tab.number} ${tab.title} `);
	const total = (labels: readonly string[], gap: string): number => labels.reduce((sum, label) => sum + stringWidth(label) + gap.length, 0);
	if (total(full, ' ') <= width) return {labels: full, gap: ' '};
	if (total(full, '') <= width) return {labels: full, gap: ''};
	return {labels: tabs.map((tab, index) => (index === current ? full[index] ?? '' : ` ${tab.number} `)), gap: ''};
}

/** The tab bar: "1 Overview  5 Configuration" with the current tab in inverse video. */
export function Tabs({tabs, current, theme, width}: {tabs: readonly TabTitle[]; current: number; theme: Theme; width: number}) {
	const {labels, gap} = tabLabels(tabs, current, width);
	return (
		<Text wrap="truncate">
			{tabs.map((tab, index) => (
				<Text key={tab.title}>
					<Text inverse={index === current} bold={index === current} color={index === current ? undefined : theme.muted}>
						{labels[index]}
					</Text>
					{gap}
				</Text>
			))}
		</Text>
	);
}
