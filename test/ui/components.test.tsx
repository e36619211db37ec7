import assert from 'node:assert/strict';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {Box} from 'ink';
import React from 'react';
import {Dialog} from '../../source/ui/components/Dialog.js';
import {tabLabels, Tabs} from '../../source/ui/components/Tabs.js';
import {themeFor} from '../../source/ui/theme.js';

// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\u001B\[[0-9;]*m/g, '');

test('a dialog draws its title and lines in a closed box', () => {
	const {lastFrame, unmount} = render(
		<Box width={80} height={20}>
			<Dialog title="Throttle" lines={[{text: 'Throttle fn?'}, {text: 'Every invocation will be rejected.'}]} width={80} height={20} />
		</Box>,
	);
	const lines = plain(lastFrame() ?? '').split('\n').filter((line) => line.trim() !== '');
	assert.match(lines[0]!, /┌ Throttle ─+┐/);
	assert.match(lines[1]!, /│ Throttle fn\? +│/);
	assert.match(lines[2]!, /│ Every invocation will be rejected\. +│/);
	assert.match(lines[3]!, /└─+┘/);
	const widths = new Set(lines.map((line) => line.trim().length));
	assert.equal(widths.size, 1, 'every row of the box is as wide as the others');
	unmount();
});

test('the tab bar numbers the tabs by their places in the Lambda console', () => {
	const tabs = [
		{number: 1, title: 'Overview'},
		{number: 5, title: 'Configuration'},
	];
	const {lastFrame, unmount} = render(<Tabs tabs={tabs} current={0} theme={themeFor({NO_COLOR: '1'})} width={80} />);
	assert.match(plain(lastFrame() ?? ''), /1 Overview +5 Configuration/);
	unmount();
});

test('the tab bar fits its width: the space between tabs goes first, then the titles of the other tabs', () => {
	const tabs = [
		{number: 1, title: 'Overview'},
		{number: 2, title: 'Code'},
		{number: 3, title: 'Test'},
		{number: 4, title: 'Monitor'},
		{number: 5, title: 'Configuration'},
		{number: 6, title: 'Aliases'},
		{number: 7, title: 'Versions'},
	];
	const line = (current: number, width: number): string => {
		const {labels, gap} = tabLabels(tabs, current, width);
		return labels.join(gap);
	};
	assert.equal(line(0, 100), ' 1 Overview   2 Code   3 Test   4 Monitor   5 Configuration   6 Aliases   7 Versions ');
	assert.equal(line(0, 80), ' 1 Overview  2 Code  3 Test  4 Monitor  5 Configuration  6 Aliases  7 Versions ');
	assert.ok(line(0, 80).length <= 80);
	assert.equal(line(6, 40), ' 1  2  3  4  5  6  7 Versions ');
});
