// Charts drawn with text: exact lines for a small known series, in braille and
// in blocks; the bounds at every size; no data; values that are not numbers;
// a single point; gaps; several series and which series drew what; series
// told apart without colour (strokes, marks, a legend that fits a small cell);
// counts summed over the range; the unit formatting of values and the time labels.

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

/** How many dots a braille character has raised. */
function bitCount(ch: string): number {
	const code = ch.codePointAt(0) ?? 0;
	if (code < 0x2800 || code > 0x28ff) return 0;
	let bits = code - 0x2800;
	let count = 0;
	for (; bits > 0; bits >>= 1) count += bits & 1;
	return count;
}

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
			{
				summary: 'total',
				title: 'Async delivery failures',
				series: [
					{label: 'Destination', short: 'dest', points: known.map((point) => ({...point, value: point.value * 1000}))},
					{label: 'DLQ', short: 'dlq', stroke: 'dotted', points: known},
				],
			},
			{summary: 'total', unit: 'Percent', series: [{label: 'none', points: []}]},
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

	it('says there is no data when no series has a point in the range, keeping its axes from 0 to 1', () => {
		const lines = chart({series: [{label: 'Errors', points: [{time: at(-5), value: 3}]}], title: 'Errors', summary: 'total', width: 38, height: 8});
		assert.deepEqual(texts(lines), [
			'Errors',
			'  1┤',
			'   │',
			`0.5┤      ${noDataMessage}`,
			'   │',
			'   │',
			'  0┤',
			'   └12:00  12:15   12:30   12:45',
		]);
		assertWellFormed(lines, 38, 8, 'no data');
		const percent = chart({series: [{label: 'rate', points: []}], unit: 'Percent', width: 38, height: 8});
		assert.match(percent[1]?.text ?? '', /^100 %┤$/);
		const narrow = chart({series: [{label: 'x', points: []}], width: 12, height: 6});
		assert.equal(narrow[2]?.text, 'No data in …', 'too narrow for the axis labels: the message alone');
	});

	it('leaves out values that are not finite numbers', () => {
		const noisy = [...known, {time: at(5), value: Number.NaN}, {time: at(15), value: Number.POSITIVE_INFINITY}, {time: at(25), value: Number.NEGATIVE_INFINITY}];
		assert.deepEqual(texts(chart({series: [{label: 'x', points: noisy}]})), texts(chart({series: [{label: 'x', points: known}]})));
		const only = chart({width: 38, series: [{label: 'x', points: [{time: at(5), value: Number.NaN}]}]});
		assert.ok(only[2]?.text.endsWith(noDataMessage));
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
		assert.equal(narrow[0]?.text, 'Duration Min 1 Max 10 ms', 'narrower: short labels, the unit once');
		const narrower = chart({width: 20, height: 8, unit: 'Milliseconds', title: 'Duration', series: [
			{label: 'Min', points: known},
			{label: 'Max', points: known.map((point) => ({...point, value: point.value * 10}))},
		]});
		assert.equal(narrower[0]?.text, 'Duration     1 10 ms', 'narrower still: the values alone');
	});

	it('tells series apart without colour: a dotted stroke draws every other dot, and the title marks each stroke', () => {
		const flat = (value: number): Array<{time: Date; value: number}> => Array.from({length: 61}, (_, minute) => ({time: at(minute), value}));
		const duration = (strokes: Array<'solid' | 'dotted' | undefined>): ChartLine[] =>
			chart({
				width: 39,
				height: 8,
				unit: 'Milliseconds',
				title: 'Duration',
				series: [
					{label: 'Min', short: 'min', points: flat(1.37), stroke: strokes[0]},
					{label: 'Avg', short: 'avg', points: flat(3.61), stroke: strokes[1]},
					{label: 'Max', short: 'max', points: flat(6.66), stroke: strokes[2]},
				],
			});
		const same = duration([undefined, undefined, undefined]);
		const apart = duration(['dotted', 'solid', 'dotted']);
		// One colour for all (NO_COLOR): the same dots, the labels in the title the only clue.
		assert.deepEqual(texts(same), [
			'Duration     min 1.4 avg 3.6 max 6.7 ms',
			'8 ms┤',
			`    │${'⠉'.repeat(34)}`,
			'4 ms┤',
			`    │${'⠒'.repeat(34)}`,
			`    │${'⣀'.repeat(34)}`,
			'0 ms┤',
			'    └12:00  12:15   12:30   12:45',
		]);
		// Strokes: the average solid (both dots of a cell), the minimum and maximum one dot a cell, and the marks to match.
		assert.deepEqual(texts(apart), [
			'Duration  ⠂min 1.4 ⠒avg 3.6 ⠂max 6.7 ms',
			'8 ms┤',
			`    │${'⠁'.repeat(34)}`,
			'4 ms┤',
			`    │${'⠒'.repeat(34)}`,
			`    │${'⡀'.repeat(34)}`,
			'0 ms┤',
			'    └12:00  12:15   12:30   12:45',
		]);
		assert.deepEqual(
			apart[0]?.segments?.map((segment) => [segment.text, segment.series]),
			[['Duration', 'label'], ['  ', 'axis'], ['⠂min 1.4', 0], [' ', 'axis'], ['⠒avg 3.6', 1], [' ', 'axis'], ['⠂max 6.7', 2], [' ', 'axis'], ['ms', 'label']],
		);
		// Enlarged: the full labels and values, still marked.
		const wide = chart({width: 78, height: 18, unit: 'Milliseconds', title: 'Duration', series: [
			{label: 'Min', points: flat(1.37), stroke: 'dotted'},
			{label: 'Avg', points: flat(3.61)},
		]});
		assert.match(wide[0]?.text ?? '', /^Duration +⠂Min 1\.37 ms ⠒Avg 3\.61 ms$/);
		// A dotted line that climbs is dotted too: no two dots of it side by side in a row of dots.
		const climbing = chart({width: 39, height: 8, series: [{label: 'x', stroke: 'dotted', points: known}]});
		const solid = chart({width: 39, height: 8, series: [{label: 'x', points: known}]});
		const dots = (lines: ChartLine[]): number => lines.slice(1, 7).reduce((sum, line) => sum + [...line.text].reduce((count, ch) => count + bitCount(ch), 0), 0);
		assert.ok(dots(climbing) * 2 <= dots(solid) + 2, `dotted ${dots(climbing)} of solid ${dots(solid)} dots`);
	});

	it('sums counts over the range in the title when asked, and says so', () => {
		const counts = [{time: at(0), value: 3}, {time: at(20), value: 2}, {time: at(40), value: 1}];
		assert.equal(chart({width: 39, summary: 'total', series: [{label: 'Invocations', points: counts}]})[0]?.text, 'Invocations                     total 6');
		assert.equal(chart({width: 39, series: [{label: 'Invocations', points: counts}]})[0]?.text, 'Invocations                           1', 'the latest by default');
		assert.equal(chart({width: 14, summary: 'total', series: [{label: 'Invocations', points: counts}]})[0]?.text, 'Invocations  6', 'narrow: the number alone');
		const events = chart({
			width: 39,
			title: 'Async events',
			summary: 'total',
			series: [
				{label: 'Received', short: 'recv', points: counts},
				{label: 'Dropped', short: 'drop', stroke: 'dotted', points: []},
			],
		});
		assert.equal(events[0]?.text, 'Async events      total ⠒recv 6 ⠂drop 0', 'a series without a point counts 0');
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
