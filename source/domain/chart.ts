// Time-series charts drawn with text, for the Monitor tab: a title line with
// the latest value of each series, a y axis labelled with unit-aware numbers
// (1.2k, 3.4 ms, 99.5 %), the plot, and an x axis of times (HH:MM for ranges
// under two days, "Mon 27" beyond). The plot is a line chart in braille
// (2 x 4 dots per cell) or a bar chart in eighth blocks (▁▂▃▄▅▆▇█). Every
// line says which series drew each run of its characters, so the UI can
// colour the series, or leave them plain when colour is off. Without colour,
// series still differ: each braille line has a stroke, solid (every dot) or
// dotted (every other dot), and the title marks each value with its stroke
// (⠒ solid, ⠂ dotted) when a chart has both.
// The title's legend shrinks to fit: "Min 1.37 ms Avg 3.61 ms", then short
// labels with one unit "min 1.4 avg 3.6 ms", then the values alone. Each
// value is the series' latest, or its total over the range ("total 12").
// A chart without data keeps its axes (0 to 1) and says so in the plot.
// Points that are not finite, or outside the range, are left out; a period
// without a point is a gap: a line is not drawn across it.
// Pure: lines of text, exactly `height` of them, none wider than `width`.

import stringWidth from 'string-width';

export interface ChartPoint {
	time: Date;
	value: number;
}

export interface ChartInput {
	title: string;
	/** CloudWatch's unit name of the values (Count, Milliseconds, Percent, ...). */
	unit: string;
	/** short: the label in a small chart (default the label); stroke: how a braille line is drawn (default solid). */
	series: Array<{label: string; points: ChartPoint[]; short?: string; stroke?: Stroke}>;
	/** What the title says of each series: its latest value (default) or its total over the range. */
	summary?: 'latest' | 'total';
	start: Date;
	end: Date;
	width: number;
	height: number;
	style: 'braille' | 'block';
	/** Minutes east of UTC for the time labels; default 0 (UTC). */
	utcOffsetMinutes?: number;
}

export type SegmentKind = number | 'axis' | 'label';

/** solid: every dot of the line; dotted: every other one. */
export type Stroke = 'solid' | 'dotted';

/** The mark before a value in the title that shows the stroke of its series. */
export const strokeMarks: Record<Stroke, string> = {solid: '⠒', dotted: '⠂'};

export interface ChartLine {
	text: string;
	/** The series most of this row's plotted cells belong to (plot rows only). */
	seriesIndex?: number;
	/** The text in runs, each with the series that drew it, or 'axis' / 'label'; they join to `text`. */
	segments?: Array<{text: string; series: SegmentKind}>;
}

export const noDataMessage = 'No data in this range';

// ---------------------------------------------------------------- numbers

/** Up to 3 significant figures, trailing zeros dropped: 0.25, 3.46, 12.5, 120. */
function shortNumber(value: number): string {
	const abs = Math.abs(value);
	if (abs === 0) return '0';
	let text: string;
	if (abs >= 99.95) text = value.toFixed(0);
	else if (abs >= 9.995) text = value.toFixed(1);
	else if (abs >= 1) text = value.toFixed(2);
	else text = value.toPrecision(2);
	if (text.includes('.') && !text.includes('e')) text = text.replace(/0+$/, '').replace(/\.$/, '');
	return text === '-0' ? '0' : text;
}

/** A number in few characters: 12, 0.5, 1.2k, 34.5k, 1.2M. */
export function formatCompact(value: number): string {
	if (!Number.isFinite(value)) return '-';
	const abs = Math.abs(value);
	const scales: Array<[number, string]> = [
		[1e12, 'T'],
		[1e9, 'G'],
		[1e6, 'M'],
		[1e3, 'k'],
	];
	for (const [scale, suffix] of scales) {
		if (abs >= scale * 0.9995) return `${shortNumber(value / scale)}${suffix}`;
	}
	return shortNumber(value);
}

/** A value in its unit, as a chart label: 12, 1.2k, 3.4 ms, 1.5 s, 99.5 %. */
export function formatMetricValue(value: number, unit: string): string {
	if (!Number.isFinite(value)) return '-';
	const abs = Math.abs(value);
	switch (unit) {
		case 'Milliseconds':
			if (abs < 999.5) return `${shortNumber(value)} ms`;
			if (abs < 59_950) return `${shortNumber(value / 1000)} s`;
			return `${formatCompact(value / 60_000)} min`;
		case 'Seconds':
			if (abs < 59.95) return `${shortNumber(value)} s`;
			return `${formatCompact(value / 60)} min`;
		case 'Percent':
			return `${shortNumber(value)} %`;
		default:
			return formatCompact(value);
	}
}

/** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is at least `value` (> 0). */
function niceCeiling(value: number): number {
	const exponent = Math.floor(Math.log10(value));
	const base = Math.pow(10, exponent);
	for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
		if (step * base >= value * (1 - 1e-9)) return step * base;
	}
	return 10 * base;
}

// ---------------------------------------------------------------- times

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const minuteMs = 60_000;
const dayMs = 86_400_000;
const clockIntervals = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720].map((minutes) => minutes * minuteMs);
const dayIntervals = [1, 2, 7, 14, 28, 56, 91, 182, 364].map((days) => days * dayMs);

function timeLabel(localMs: number, days: boolean): string {
	const date = new Date(localMs);
	if (days) return `${weekdays[date.getUTCDay()]} ${date.getUTCDate()}`;
	return date.toISOString().slice(11, 16);
}

// ---------------------------------------------------------------- the grid

interface Cell {
	ch: string;
	owner: SegmentKind;
}

class Grid {
	readonly rows: Cell[][];

	constructor(
		readonly width: number,
		height: number,
	) {
		this.rows = Array.from({length: height}, () => Array.from({length: width}, (): Cell => ({ch: ' ', owner: 'axis'})));
	}

	set(row: number, column: number, ch: string, owner: SegmentKind): void {
		const cells = this.rows[row];
		if (cells === undefined || column < 0 || column >= this.width) return;
		cells[column] = {ch, owner};
	}

	/** Writes text from a column on, one column per character (others are replaced), cut at the right edge. */
	write(row: number, column: number, text: string, owner: SegmentKind): void {
		let at = column;
		for (const ch of singleColumn(text)) {
			this.set(row, at, ch, owner);
			at += 1;
		}
	}

	lines(plotRows: ReadonlySet<number>): ChartLine[] {
		return this.rows.map((cells, index) => {
			let end = cells.length;
			while (end > 0 && cells[end - 1]?.ch === ' ') end -= 1;
			const used = cells.slice(0, end);
			const segments: Array<{text: string; series: SegmentKind}> = [];
			for (const cell of used) {
				const last = segments[segments.length - 1];
				if (last !== undefined && last.series === cell.owner) last.text += cell.ch;
				else segments.push({text: cell.ch, series: cell.owner});
			}
			const line: ChartLine = {text: used.map((cell) => cell.ch).join(''), segments};
			if (plotRows.has(index)) {
				const counts = new Map<number, number>();
				for (const cell of used) if (typeof cell.owner === 'number') counts.set(cell.owner, (counts.get(cell.owner) ?? 0) + 1);
				let best: number | undefined;
				for (const [series, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = series;
				if (best !== undefined) line.seriesIndex = best;
			}
			return line;
		});
	}
}

/** The characters of a text as single columns: wide ones become "?", zero-width ones are dropped. */
function singleColumn(text: string): string[] {
	const result: string[] = [];
	for (const ch of text) {
		const width = stringWidth(ch);
		if (width === 1) result.push(ch);
		else if (width > 1) result.push('?');
	}
	return result;
}

function columnsOf(text: string): number {
	return singleColumn(text).length;
}

function cut(text: string, width: number): string {
	const chars = singleColumn(text);
	if (chars.length <= width) return chars.join('');
	if (width <= 0) return '';
	return `${chars.slice(0, width - 1).join('')}…`;
}

// ---------------------------------------------------------------- data

interface CleanSeries {
	label: string;
	short: string;
	stroke: Stroke;
	points: Array<{time: number; value: number}>;
}

function clean(input: ChartInput): CleanSeries[] {
	const start = input.start.getTime();
	const end = input.end.getTime();
	return input.series.map((series) => ({
		label: series.label,
		short: series.short ?? series.label,
		stroke: series.stroke ?? 'solid',
		points: series.points
			.map((point) => ({time: point.time.getTime(), value: point.value}))
			.filter((point) => Number.isFinite(point.time) && Number.isFinite(point.value) && point.time >= start && point.time <= end)
			.sort((left, right) => left.time - right.time),
	}));
}

/** The usual distance between points (the period): the smallest positive one. */
function stepOf(series: CleanSeries[]): number | undefined {
	let step: number | undefined;
	for (const {points} of series) {
		for (let index = 1; index < points.length; index++) {
			const difference = (points[index]?.time ?? 0) - (points[index - 1]?.time ?? 0);
			if (difference > 0 && (step === undefined || difference < step)) step = difference;
		}
	}
	return step;
}

interface Scale {
	min: number;
	max: number;
}

function scaleOf(series: CleanSeries[], unit: string): Scale {
	let low = Infinity;
	let high = -Infinity;
	for (const {points} of series) {
		for (const {value} of points) {
			low = Math.min(low, value);
			high = Math.max(high, value);
		}
	}
	const min = low >= 0 ? 0 : -niceCeiling(-low);
	let max = high > 0 ? niceCeiling(high) : 0;
	if (unit === 'Percent' && low >= 0) max = Math.max(100, max);
	if (max <= min) max = min + 1;
	return {min, max};
}

// ---------------------------------------------------------------- parts

/** A number in at most about 3 characters for a small legend: 0.25, 1.4, 12, 120, 1.2k. */
function roughNumber(value: number): string {
	const abs = Math.abs(value);
	if (abs === 0) return '0';
	if (abs >= 999.5) return formatCompact(value);
	if (abs >= 9.95) return value.toFixed(0);
	if (abs >= 1) return value.toFixed(1).replace(/\.0$/, '');
	return String(Number(value.toPrecision(2)));
}

/** Values in one unit for a small legend: the numbers and the unit written once after them ("" for counts). */
function compactValues(values: number[], unit: string): {texts: string[]; suffix: string} {
	const largest = Math.max(0, ...values.map((value) => Math.abs(value)));
	const scaled = (divisor: number, suffix: string): {texts: string[]; suffix: string} => ({texts: values.map((value) => roughNumber(value / divisor)), suffix});
	switch (unit) {
		case 'Milliseconds':
			if (largest < 999.5) return scaled(1, 'ms');
			if (largest < 59_950) return scaled(1000, 's');
			return scaled(60_000, 'min');
		case 'Seconds':
			return largest < 59.95 ? scaled(1, 's') : scaled(60, 'min');
		case 'Percent':
			return scaled(1, '%');
		default:
			return {texts: values.map((value) => formatCompact(value)), suffix: ''};
	}
}

interface LegendPart {
	text: string;
	owner: SegmentKind;
}

/** The legends of the title, widest first: full labels and values, short labels with one unit, values alone, and that without "total". */
function legendVariants(input: ChartInput, series: CleanSeries[]): LegendPart[][] {
	const total = input.summary === 'total';
	const anyData = series.some((entry) => entry.points.length > 0);
	const entries: Array<{index: number; label: string; short: string; mark: string; value: number}> = [];
	const marked = new Set(series.map((entry) => entry.stroke)).size > 1;
	series.forEach((entry, index) => {
		const last = entry.points[entry.points.length - 1];
		let value: number | undefined;
		if (total) value = anyData ? entry.points.reduce((sum, point) => sum + point.value, 0) : undefined;
		else value = last?.value;
		if (value === undefined) return;
		entries.push({index, label: singleColumn(entry.label).join(''), short: singleColumn(entry.short).join(''), mark: marked ? strokeMarks[entry.stroke] : '', value});
	});
	if (entries.length === 0) return [[]];
	const prefix: LegendPart[] = total ? [{text: 'total', owner: 'label'}] : [];
	const compact = compactValues(
		entries.map((entry) => entry.value),
		input.unit,
	);
	const suffix: LegendPart[] = compact.suffix === '' ? [] : [{text: compact.suffix, owner: 'label'}];
	const bare = [...entries.map((entry, at) => ({text: `${entry.mark}${compact.texts[at] ?? ''}`, owner: entry.index})), ...suffix];
	if (series.length === 1) {
		const single = entries.map((entry) => ({text: formatMetricValue(entry.value, input.unit), owner: entry.index}));
		return total ? [[...prefix, ...single], single] : [single];
	}
	return [
		[...prefix, ...entries.map((entry) => ({text: `${entry.mark}${entry.label} ${formatMetricValue(entry.value, input.unit)}`, owner: entry.index}))],
		[...prefix, ...entries.map((entry, at) => ({text: `${entry.mark}${entry.short} ${compact.texts[at] ?? ''}`, owner: entry.index})), ...suffix],
		[...prefix, ...bare],
		...(total ? [bare] : []),
	];
}

function titleLine(grid: Grid, input: ChartInput, series: CleanSeries[]): void {
	const width = grid.width;
	const variants = legendVariants(input, series);
	const title = singleColumn(input.title);
	const valuesWidth = (parts: LegendPart[]): number => parts.reduce((sum, part) => sum + columnsOf(part.text), 0) + Math.max(0, parts.length - 1);
	const room = (parts: LegendPart[]): number => width - valuesWidth(parts) - (parts.length > 0 ? 1 : 0);
	// The first variant with the whole title, else the first with at least a few of its letters.
	const chosen =
		variants.find((parts) => room(parts) >= title.length) ??
		variants.find((parts) => room(parts) >= Math.min(title.length, 4)) ??
		variants.find((parts) => room(parts) >= 0);
	if (chosen !== undefined) {
		grid.write(0, 0, cut(input.title, room(chosen)), 'label');
		let at = width - valuesWidth(chosen);
		for (const part of chosen) {
			grid.write(0, at, part.text, part.owner);
			at += columnsOf(part.text) + 1;
		}
		return;
	}
	// Not even the values fit: as many of them as do.
	let at = 0;
	for (const part of variants[variants.length - 1] ?? []) {
		if (at + columnsOf(part.text) > width) break;
		grid.write(0, at, part.text, part.owner);
		at += columnsOf(part.text) + 1;
	}
}

function timeAxis(grid: Grid, row: number, left: number, input: ChartInput): void {
	const plotWidth = grid.width - left;
	const start = input.start.getTime();
	const end = input.end.getTime();
	const span = end - start;
	if (plotWidth <= 0 || !(span > 0)) return;
	const days = span >= 2 * dayMs;
	const offset = (input.utcOffsetMinutes ?? 0) * minuteMs;
	const labelWidth = days ? 6 : 5;
	const intervals = days ? dayIntervals : clockIntervals.concat(dayIntervals);
	const interval = intervals.find((candidate) => (candidate / span) * plotWidth >= labelWidth + 2);
	if (interval === undefined) return;
	let free = left;
	for (let tick = Math.ceil((start + offset) / interval) * interval; tick - offset <= end; tick += interval) {
		const label = timeLabel(tick, days || interval >= dayMs);
		const column = left + Math.floor(((tick - offset - start) / span) * plotWidth);
		// Centred on its tick, or shifted to stay inside the row, as long as it still covers the tick.
		const from = Math.min(grid.width - label.length, Math.max(free, column - Math.floor(label.length / 2)));
		if (from < free || from > column || column >= from + label.length) continue;
		grid.write(row, from, label, 'axis');
		free = from + label.length + 2;
	}
}

/** Braille dot bits: [x within the cell][y within the cell]. */
const dotBits = [
	[0x01, 0x02, 0x04, 0x40],
	[0x08, 0x10, 0x20, 0x80],
];

function plotBraille(grid: Grid, top: number, rows: number, left: number, series: CleanSeries[], scale: Scale, input: ChartInput): void {
	const columns = grid.width - left;
	const dotsX = columns * 2;
	const dotsY = rows * 4;
	const start = input.start.getTime();
	const span = Math.max(1, input.end.getTime() - start);
	const step = stepOf(series);
	const bits: number[][] = Array.from({length: rows}, () => new Array<number>(columns).fill(0));
	const counts: Array<Array<Map<number, number>>> = Array.from({length: rows}, () => Array.from({length: columns}, () => new Map<number, number>()));
	const xOf = (time: number): number => Math.min(dotsX - 1, Math.max(0, Math.floor(((time - start) / span) * dotsX)));
	const yOf = (value: number): number => dotsY - 1 - Math.round(((value - scale.min) / (scale.max - scale.min)) * (dotsY - 1));

	series.forEach((entry, index) => {
		const own = new Set<number>();
		// A dotted line draws every other dot it passes; its points themselves always show.
		let passed = 0;
		const dot = (x: number, y: number, always = false): void => {
			if (x < 0 || x >= dotsX || y < 0 || y >= dotsY) return;
			const key = y * dotsX + x;
			if (own.has(key)) return;
			own.add(key);
			const skipped = entry.stroke === 'dotted' && !always && passed % 2 === 1;
			passed += 1;
			if (skipped) return;
			const row = Math.floor(y / 4);
			const column = Math.floor(x / 2);
			const bit = dotBits[x % 2]?.[y % 4] ?? 0;
			const rowBits = bits[row];
			if (rowBits !== undefined) rowBits[column] = (rowBits[column] ?? 0) | bit;
			const cellCounts = counts[row]?.[column];
			cellCounts?.set(index, (cellCounts.get(index) ?? 0) + 1);
		};
		const fillColumn = (x: number, from: number, to: number): void => {
			for (let y = Math.min(from, to); y <= Math.max(from, to); y++) dot(x, y);
		};
		const line = (x0: number, y0: number, x1: number, y1: number): void => {
			if (x1 <= x0) {
				fillColumn(x0, y0, y1);
				return;
			}
			for (let x = x0; x <= x1; x++) {
				const fraction = (value: number): number => Math.min(1, Math.max(0, (value - x0) / (x1 - x0)));
				const a = y0 + (y1 - y0) * fraction(x - 0.5);
				const b = y0 + (y1 - y0) * fraction(x + 0.5);
				fillColumn(x, Math.round(a), Math.round(b));
			}
		};
		let previous: {x: number; y: number; time: number} | undefined;
		for (const point of entry.points) {
			const x = xOf(point.time);
			const y = yOf(point.value);
			const joined = previous !== undefined && (step === undefined || point.time - previous.time <= step * 1.5);
			if (previous !== undefined && joined) line(previous.x, previous.y, x, y);
			else dot(x, y, true);
			previous = {x, y, time: point.time};
		}
	});

	for (let row = 0; row < rows; row++) {
		for (let column = 0; column < columns; column++) {
			const value = bits[row]?.[column] ?? 0;
			if (value === 0) continue;
			let owner = 0;
			let most = -1;
			for (const [index, count] of counts[row]?.[column] ?? new Map<number, number>()) {
				if (count > most || (count === most && index < owner)) {
					owner = index;
					most = count;
				}
			}
			grid.set(top + row, left + column, String.fromCharCode(0x2800 + value), owner);
		}
	}
}

const eighths = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

function plotBlocks(grid: Grid, top: number, rows: number, left: number, series: CleanSeries[], scale: Scale, input: ChartInput): void {
	const columns = grid.width - left;
	const start = input.start.getTime();
	const span = Math.max(1, input.end.getTime() - start);
	const total = rows * 8;
	// Per column, per series: the highest value of the points that fall in it.
	const heights: Array<Map<number, number>> = Array.from({length: columns}, () => new Map<number, number>());
	series.forEach((entry, index) => {
		const highest = new Map<number, number>();
		for (const point of entry.points) {
			const column = Math.min(columns - 1, Math.max(0, Math.floor(((point.time - start) / span) * columns)));
			highest.set(column, Math.max(highest.get(column) ?? -Infinity, point.value));
		}
		for (const [column, value] of highest) {
			let height = Math.round(((value - scale.min) / (scale.max - scale.min)) * total);
			if (height === 0 && value > scale.min) height = 1;
			heights[column]?.set(index, Math.min(total, Math.max(0, height)));
		}
	});
	for (let column = 0; column < columns; column++) {
		const bars = heights[column];
		if (bars === undefined || bars.size === 0) continue;
		for (let row = 0; row < rows; row++) {
			const fromBottom = rows - 1 - row;
			let fill = 0;
			let owner = 0;
			let ownerHeight = Infinity;
			for (const [index, height] of bars) {
				const here = Math.min(8, Math.max(0, height - fromBottom * 8));
				if (here > fill || (here === fill && here > 0 && height < ownerHeight)) {
					fill = here;
					owner = index;
					ownerHeight = height;
				}
			}
			if (fill > 0) grid.set(top + row, left + column, eighths[fill] ?? '█', owner);
		}
	}
}

// ---------------------------------------------------------------- the chart

export function renderChart(input: ChartInput): ChartLine[] {
	const height = Math.max(0, Math.floor(input.height));
	const width = Math.max(0, Math.floor(input.width));
	if (height === 0) return [];
	const grid = new Grid(width, height);
	const series = clean(input);
	titleLine(grid, input, series);
	if (height === 1 || width === 0) return grid.lines(new Set());

	const axisRow = height >= 3 ? height - 1 : undefined;
	const top = 1;
	const rows = (axisRow ?? height) - top;
	const plotRows = new Set(Array.from({length: rows}, (_, index) => top + index));
	const hasData = series.some((entry) => entry.points.length > 0);
	// Without data the axes stay, from 0 to 1 (to 100 % for a percentage).
	const scale = hasData ? scaleOf(series, input.unit) : {min: 0, max: input.unit === 'Percent' ? 100 : 1};
	const dotsY = rows * 4;
	// The top of the scale wins the only row of a one-row plot.
	const labelled = new Map<number, string>([
		[rows - 1, formatMetricValue(scale.min, input.unit)],
		[0, formatMetricValue(scale.max, input.unit)],
	]);
	if (rows >= 5) {
		const middleDot = dotsY - 1 - Math.round(0.5 * (dotsY - 1));
		labelled.set(Math.floor(middleDot / 4), formatMetricValue((scale.max + scale.min) / 2, input.unit));
	}
	const labelWidth = Math.max(...[...labelled.values()].map((label) => label.length));
	const withLabels = width >= labelWidth + 1 + (hasData ? 8 : noDataMessage.length);
	const left = withLabels ? labelWidth + 1 : 0;
	if (withLabels) {
		for (let row = 0; row < rows; row++) {
			const label = labelled.get(row);
			if (label !== undefined) grid.write(top + row, labelWidth - label.length, label, 'axis');
			grid.set(top + row, labelWidth, label === undefined ? '│' : '┤', 'axis');
		}
		if (axisRow !== undefined) grid.set(axisRow, labelWidth, '└', 'axis');
	}
	if (!hasData) {
		const message = cut(noDataMessage, width - left);
		grid.write(top + Math.floor((rows - 1) / 2), left + Math.max(0, Math.floor((width - left - message.length) / 2)), message, 'label');
		if (axisRow !== undefined) timeAxis(grid, axisRow, left, input);
		return grid.lines(new Set());
	}
	if (input.style === 'block') plotBlocks(grid, top, rows, left, series, scale, input);
	else plotBraille(grid, top, rows, left, series, scale, input);
	if (axisRow !== undefined) timeAxis(grid, axisRow, left, input);
	return grid.lines(plotRows);
}
