// Charts drawn with text: exact lines for a small known series, in braille and
// in blocks; the bounds at every size; no data; values that are not numbers;
// a single point; gaps; several series and which series drew what; the unit
// formatting of values and the time labels.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import stringWidth from 'string-width';
import {formatCompact, formatMetricValue, noDataMessage, renderChart, type ChartInput, type ChartLine} from '../../source/domain/chart.js';

const start = new Date('2024-01-31T12:00:00Z');
const end = new Date('2024-01-31T13:00:00Z');
const at = (minutes: number): Date => new Date(start.getTime() + minutes * 60_000);
const known = [0, 4, 2, 3, 1].map((value, index) => ({time: at(index * 10), value}));

function chart(overrides: Partial<ChartInput>): ChartLine[] {
	return renderChart({
		title: 'Invocations',
		unit: 'Count',
		series: [{label: 'Invocations', points: known}],
		start,
		end,
		width: 20,
		height: 6,
		style: 'braille',
		...overrides,
	});
}

const texts = (lines: ChartLine[]): string[] => lines.map((line) => line.text);

function assertWellFormed(lines: ChartLine[], width: number, height: number, what: string): void {
	assert.equal(lines.length, height, `${what}: ${height} lines`);
	for (const [row, line] of lines.entries()) {
		assert.ok(stringWidth(line.text) <= width, `${what}: row ${row} "${line.text}" fits ${width} columns`);
		assert.equal((line.segments ?? []).map((segment) => segment.text).join(''), line.text, `${what}: row ${row} segments make the text`);
	}
}

describe('renderChart', () => {
	it('draws a known series as a braille line at 20x6', () => {
		assert.deepEqual(texts(chart({})), [
			'Invocations        1',
			'4┤  ⢰⠳⣄',
			' │ ⢠⠏ ⠈⠳⣤⠴⠚⠳⣄',
			' │⢀⡞        ⠈⠳⡄',
			'0┤⡼',
			' └12:00  12:30',
		]);
	});

	it('draws the same series as bars of blocks', () => {
		assert.deepEqual(texts(chart({style: 'block'})), [
			'Invocations        1',
			'4┤   █',
			' │   █     █',
			' │   █  █  █',
			'0┤   █  █  █  █',
			' └12:00  12:30',
		]);
	});

	it('says which series drew each run of characters', () => {
		const lines = chart({});
		assert.deepEqual(lines[0]?.segments, [
			{text: 'Invocations', series: 'label'},
			{text: '        ', series: 'axis'},
			{text: '1', series: 0},
		]);
		assert.deepEqual(lines[1]?.segments, [
			{text: '4┤  ', series: 'axis'},
			{text: '⢰⠳⣄', series: 0},
		]);
		assert.equal(lines[1]?.seriesIndex, 0);
		assert.equal(lines[5]?.seriesIndex, undefined, 'the time axis is no series');
	});

	it('draws bars in eighths of a cell', () => {
		const lines = chart({style: 'block', height: 3, series: [{label: 'x', points: [{time: at(10), value: 10}, {time: at(30), value: 3}]}]});
		// 10 is the top of the scale: a full cell; 3 of 10 is 2.4 eighths of the one plot row: ▂.
		assert.equal(lines[1]?.text, '10┤  █     ▂');
	});

	it('keeps exactly `height` lines of at most `width` columns at every size', () => {
		const inputs: Array<Partial<ChartInput>> = [
			{},
			{style: 'block'},
			{series: [{label: 'x', points: []}]},
			{series: [{label: 'x', points: [{time: at(30), value: 123_456}]}]},
			{
				unit: 'Milliseconds',
				title: 'Duration of the invocations of this function',
				series: [
					{label: 'Min', points: known},
					{label: 'Avg', points: known.map((point) => ({...point, value: point.value * 250.5}))},
					{label: 'Max', points: known.map((point) => ({...point, value: point.value * 1234.5}))},
				],
			},
			{unit: 'Percent', series: [{label: 'rate', points: known.map((point) => ({...point, value: 100 - point.value * 7.77}))}], end: new Date(start.getTime() + 9 * 86_400_000)},
		];
		for (const [index, input] of inputs.entries()) {
			for (let width = 0; width <= 90; width += width < 45 ? 1 : 3) {
				for (const height of [0, 1, 2, 3, 4, 5, 8, 9, 18, 24]) {
					for (const style of ['braille', 'block'] as const) {
						assertWellFormed(chart({...input, width, height, style}), width, height, `input ${index} at ${width}x${height} ${style}`);
					}
				}
			}
		}
	});

	it('is readable in a grid cell (38x8) and enlarged (78x18)', () => {
		const small = chart({width: 38, height: 8});
		assert.match(small[0]?.text ?? '', /^Invocations {2,}1$/);
		assert.match(small[1]?.text ?? '', /^4┤/);
		assert.match(small[6]?.text ?? '', /^0┤/);
		assert.match(small[7]?.text ?? '', /12:00.*12:15.*12:30.*12:45/);
		const large = chart({width: 78, height: 18});
		assert.equal(large.length, 18);
		assert.match(large[17]?.text ?? '', /12:00.*12:10.*12:20.*12:30.*12:40.*12:50/);
		assert.ok(large.slice(1, 17).some((line) => /^ *2┤/.test(line.text)), 'a middle label');
	});

	it('says there is no data when no series has a point in the range', () => {
		const lines = chart({series: [{label: 'Errors', points: [{time: at(-5), value: 3}]}], title: 'Errors', width: 38, height: 8});
		assert.equal(lines[0]?.text, 'Errors');
		assert.equal(lines[3]?.text, `        ${noDataMessage}`);
		assert.match(lines[7]?.text ?? '', /^12:00/);
		assertWellFormed(lines, 38, 8, 'no data');
	});

	it('leaves out values that are not finite numbers', () => {
		const noisy = [...known, {time: at(5), value: Number.NaN}, {time: at(15), value: Number.POSITIVE_INFINITY}, {time: at(25), value: Number.NEGATIVE_INFINITY}];
		assert.deepEqual(texts(chart({series: [{label: 'x', points: noisy}]})), texts(chart({series: [{label: 'x', points: known}]})));
		const only = chart({width: 38, series: [{label: 'x', points: [{time: at(5), value: Number.NaN}]}]});
		assert.equal(only[2]?.text.trim(), noDataMessage);
	});

	it('draws a single point as one dot, and its value in the title', () => {
		const lines = chart({series: [{label: 'x', points: [{time: at(30), value: 7}]}]});
		assert.equal(lines[0]?.text, 'Invocations        7');
		const dots = lines.slice(1, 5).map((line) => [...line.text.slice(2)].filter((ch) => ch !== ' '));
		assert.deepEqual(dots.flat().length, 1, 'one plotted cell');
		assert.match(lines[1]?.text ?? '', /^8┤ {9}⠄$/, '7 of 8: in the top row, half way across');
	});

	it('does not draw a line across a gap in the data', () => {
		const points = [0, 5, 10, 50, 55].map((minutes) => ({time: at(minutes), value: 2}));
		const lines = chart({width: 62, height: 6, series: [{label: 'x', points}]});
		const row = lines.find((line) => line.seriesIndex === 0)?.text ?? '';
		const plot = row.slice(2);
		assert.match(plot, /^\S+ {20,}\S+$/, `two separate runs: "${plot}"`);
	});

	it('labels several series in the title and tells them apart', () => {
		const lines = chart({
			width: 38,
			height: 8,
			unit: 'Milliseconds',
			title: 'Duration',
			series: [
				{label: 'Min', points: known.map((point) => ({...point, value: 2 + point.value}))},
				{label: 'Avg', points: known.map((point) => ({...point, value: 20 + point.value * 3}))},
				{label: 'Max', points: known.map((point) => ({...point, value: 60 + point.value * 5}))},
			],
		});
		assert.equal(lines[0]?.text, 'Duration  Min 3 ms Avg 23 ms Max 65 ms');
		assert.deepEqual(
			lines[0]?.segments?.map((segment) => segment.series),
			['label', 'axis', 0, 'axis', 1, 'axis', 2],
		);
		assert.equal(lines[1]?.text.slice(0, 6), '80 ms┤');
		const owners = new Set(lines.flatMap((line) => (line.segments ?? []).map((segment) => segment.series)));
		for (const series of [0, 1, 2]) assert.ok(owners.has(series), `series ${series} is drawn`);
		const narrow = chart({width: 24, height: 8, unit: 'Milliseconds', title: 'Duration', series: [
			{label: 'Min', points: known},
			{label: 'Max', points: known.map((point) => ({...point, value: point.value * 10}))},
		]});
		assert.equal(narrow[0]?.text, 'Duration      1 ms 10 ms', 'labels dropped before the values when narrow');
	});

	it('writes days as "Mon 27" for ranges of two days or more, and shifts times to the given offset', () => {
		const week = chart({width: 38, height: 8, end: new Date(start.getTime() + 7 * 86_400_000)});
		assert.match(week[7]?.text ?? '', /Thu 1 +Sat 3 +Mon 5 +Wed 7/);
		const shifted = chart({width: 38, height: 8, utcOffsetMinutes: 120});
		assert.match(shifted[7]?.text ?? '', /14:00.*14:15.*14:30.*14:45/);
	});
});

describe('formatMetricValue', () => {
	it('writes counts compactly', () => {
		assert.deepEqual([0, 7, 12.5, 999, 1234, 12_345, 999_999, 1_500_000, 0.25].map(formatCompact), ['0', '7', '12.5', '999', '1.23k', '12.3k', '1M', '1.5M', '0.25']);
		assert.equal(formatMetricValue(1200, 'Count'), '1.2k');
	});

	it('writes times in ms, s or min', () => {
		assert.equal(formatMetricValue(3.4, 'Milliseconds'), '3.4 ms');
		assert.equal(formatMetricValue(120, 'Milliseconds'), '120 ms');
		assert.equal(formatMetricValue(1500, 'Milliseconds'), '1.5 s');
		assert.equal(formatMetricValue(900_000, 'Milliseconds'), '15 min');
	});

	it('writes percentages with their sign', () => {
		assert.equal(formatMetricValue(99.54, 'Percent'), '99.5 %');
		assert.equal(formatMetricValue(100, 'Percent'), '100 %');
		assert.equal(formatMetricValue(Number.NaN, 'Percent'), '-');
	});
});
