// The statistics of metric samples, computed as CloudWatch defines them.
// A SampleSet holds the samples of one period (or one stored minute): count,
// sum, minimum, maximum, and their distribution, which percentiles need: the
// distinct values with their counts while there are at most 1024 of them
// (exact), then a log-scale histogram whose values are within 1% of the real
// ones (bins of ratio 1.0202, like DDSketch). Statistic names are parsed as
// CloudWatch writes them (SampleCount, Sum, Average, Minimum, Maximum, pNN.NN,
// tmNN, tcNN, tsNN, wmNN, TM(a%:b%), TC, TS, WM, PR(a:b), IQM), and samples are
// grouped into periods with CloudWatch's rounding of the start time.
// Pure: the local CloudWatch stores and answers with it; the console may reuse it.

/** Distinct values kept exactly per sample set before it switches to the histogram. */
export const distinctValueLimit = 1024;

const relativeAccuracy = 0.01;
const gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
const logGamma = Math.log(gamma);
/** Samples below this count as zero in the histogram. */
const smallestIndexable = 1e-9;

export interface Histogram {
	/** How many samples were zero (or below 1e-9). */
	zero: number;
	/** Bin index → count: bin i holds the values in (gamma^(i-1), gamma^i]. */
	bins: Map<number, number>;
}

export interface SampleSet {
	count: number;
	sum: number;
	min: number;
	max: number;
	/** Distinct value → how many times it was seen, while exact. */
	values: Map<number, number> | undefined;
	/** The distribution once there were too many distinct values. */
	histogram: Histogram | undefined;
	/**
	 * False when no percentile-based statistic can be computed: a sample was
	 * negative, or samples came as a statistic set that is not a single value
	 * repeated (CloudWatch's rules). Then values and histogram are both undefined.
	 */
	distribution: boolean;
}

/** PutMetricData's StatisticValues. */
export interface StatisticValues {
	sampleCount: number;
	sum: number;
	minimum: number;
	maximum: number;
}

export function emptySampleSet(): SampleSet {
	return {count: 0, sum: 0, min: Infinity, max: -Infinity, values: new Map(), histogram: undefined, distribution: true};
}

function binIndex(value: number): number {
	return Math.ceil(Math.log(value) / logGamma);
}

/** The value a bin stands for: within 1% of every value in it. */
function binValue(index: number): number {
	return (2 * Math.pow(gamma, index)) / (gamma + 1);
}

function addToHistogram(histogram: Histogram, value: number, count: number): void {
	if (value < smallestIndexable) {
		histogram.zero += count;
		return;
	}
	const index = binIndex(value);
	histogram.bins.set(index, (histogram.bins.get(index) ?? 0) + count);
}

function toHistogram(set: SampleSet): void {
	const histogram: Histogram = {zero: 0, bins: new Map()};
	for (const [value, count] of set.values ?? []) addToHistogram(histogram, value, count);
	set.values = undefined;
	set.histogram = histogram;
}

function dropDistribution(set: SampleSet): void {
	set.distribution = false;
	set.values = undefined;
	set.histogram = undefined;
}

/** Adds `count` samples of `value` (count may be fractional, as PutMetricData's Counts). */
export function addSample(set: SampleSet, value: number, count = 1, limit = distinctValueLimit): void {
	if (!(count > 0) || !Number.isFinite(value)) return;
	set.count += count;
	set.sum += value * count;
	if (value < set.min) set.min = value;
	if (value > set.max) set.max = value;
	if (!set.distribution) return;
	if (value < 0) {
		dropDistribution(set);
		return;
	}
	if (set.values !== undefined) {
		set.values.set(value, (set.values.get(value) ?? 0) + count);
		if (set.values.size > limit) toHistogram(set);
	} else if (set.histogram !== undefined) {
		addToHistogram(set.histogram, value, count);
	}
}

/**
 * Adds a statistic set. Its samples keep a distribution only when they are
 * one value repeated (SampleCount 1 with Min = Max = Sum, or Min = Max and
 * Sum = Min × SampleCount), as CloudWatch requires for percentiles.
 */
export function addStatisticValues(set: SampleSet, statistics: StatisticValues, limit = distinctValueLimit): void {
	const {sampleCount, sum, minimum, maximum} = statistics;
	if (!(sampleCount > 0)) return;
	const repeated = minimum === maximum && Math.abs(sum - minimum * sampleCount) <= 1e-9 * Math.max(1, Math.abs(sum));
	if (repeated) {
		addSample(set, minimum, sampleCount, limit);
		return;
	}
	set.count += sampleCount;
	set.sum += sum;
	if (minimum < set.min) set.min = minimum;
	if (maximum > set.max) set.max = maximum;
	dropDistribution(set);
}

/**
 * Adds the samples of `from` to `into`. With `keepDistribution` false the
 * result only answers SampleCount, Sum, Average, Minimum and Maximum (cheaper).
 */
export function mergeSampleSet(into: SampleSet, from: SampleSet, limit = distinctValueLimit, keepDistribution = true): void {
	if (from.count <= 0) return;
	into.count += from.count;
	into.sum += from.sum;
	if (from.min < into.min) into.min = from.min;
	if (from.max > into.max) into.max = from.max;
	if (!keepDistribution || !from.distribution) {
		if (into.distribution) dropDistribution(into);
		return;
	}
	if (!into.distribution) return;
	if (into.values !== undefined && from.values !== undefined) {
		for (const [value, count] of from.values) into.values.set(value, (into.values.get(value) ?? 0) + count);
		if (into.values.size > limit) toHistogram(into);
		return;
	}
	if (into.values !== undefined) toHistogram(into);
	const target = into.histogram;
	if (target === undefined) return;
	if (from.values !== undefined) {
		for (const [value, count] of from.values) addToHistogram(target, value, count);
	} else if (from.histogram !== undefined) {
		target.zero += from.histogram.zero;
		for (const [index, count] of from.histogram.bins) target.bins.set(index, (target.bins.get(index) ?? 0) + count);
	}
}

export function copySampleSet(set: SampleSet): SampleSet {
	return {
		count: set.count,
		sum: set.sum,
		min: set.min,
		max: set.max,
		values: set.values === undefined ? undefined : new Map(set.values),
		histogram: set.histogram === undefined ? undefined : {zero: set.histogram.zero, bins: new Map(set.histogram.bins)},
		distribution: set.distribution,
	};
}

// ---------------------------------------------------------------- statistics

export type StandardStatistic = 'SampleCount' | 'Average' | 'Sum' | 'Minimum' | 'Maximum';
export const standardStatistics: readonly StandardStatistic[] = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];

/** Bounds of a trimmed statistic: percentages of the samples, or values. A missing side is open. */
export interface StatisticBounds {
	percent: boolean;
	low: number | undefined;
	high: number | undefined;
}

export type Statistic =
	| {kind: 'standard'; name: StandardStatistic}
	| {kind: 'percentile'; percent: number}
	/** TM trimmed mean, TC trimmed count, TS trimmed sum, WM winsorized mean. */
	| {kind: 'trimmed'; function: 'TM' | 'TC' | 'TS' | 'WM'; bounds: StatisticBounds}
	/** PR: the percentage of samples with low < value <= high. */
	| {kind: 'rank'; low: number | undefined; high: number | undefined};

const numberPattern = /^\d+(?:\.\d{1,10})?$/;

function parsePercent(text: string): number | undefined {
	if (!numberPattern.test(text)) return undefined;
	const value = Number(text);
	return value >= 0 && value <= 100 ? value : undefined;
}

interface Bound {
	value: number | undefined;
	percent: boolean;
}

function parseBound(text: string): Bound | undefined {
	const trimmed = text.trim();
	if (trimmed === '') return {value: undefined, percent: false};
	if (trimmed.endsWith('%')) {
		const value = parsePercent(trimmed.slice(0, -1));
		return value === undefined ? undefined : {value, percent: true};
	}
	if (!/^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(trimmed)) return undefined;
	return {value: Number(trimmed), percent: false};
}

/** Parses a statistic as GetMetricData's Stat or GetMetricStatistics' (Extended)Statistics name it; undefined when invalid. */
export function parseStatistic(text: string): Statistic | undefined {
	if ((standardStatistics as readonly string[]).includes(text)) return {kind: 'standard', name: text as StandardStatistic};
	if (text === 'IQM') return {kind: 'trimmed', function: 'TM', bounds: {percent: true, low: 25, high: 75}};
	const short = /^(p|tm|tc|ts|wm)(\d+(?:\.\d{1,10})?)$/.exec(text);
	if (short !== null) {
		const [, prefix, number] = short;
		const percent = parsePercent(number ?? '');
		if (percent === undefined) return undefined;
		if (prefix === 'p') return {kind: 'percentile', percent};
		if (percent === 0) return undefined;
		const fn = prefix === 'tm' ? 'TM' : prefix === 'tc' ? 'TC' : prefix === 'ts' ? 'TS' : 'WM';
		return {kind: 'trimmed', function: fn, bounds: {percent: true, low: 0, high: percent}};
	}
	const long = /^(TM|TC|TS|WM|PR)\(([^:()]*):([^:()]*)\)$/i.exec(text);
	if (long === null) return undefined;
	const name = (long[1] ?? '').toUpperCase();
	const low = parseBound(long[2] ?? '');
	const high = parseBound(long[3] ?? '');
	if (low === undefined || high === undefined) return undefined;
	if (low.value === undefined && high.value === undefined) return undefined;
	const percent = low.percent || high.percent;
	// Both sides are percentages or both are values (an open side goes either way).
	if ((low.value !== undefined && low.percent !== percent) || (high.value !== undefined && high.percent !== percent)) return undefined;
	if (low.value !== undefined && high.value !== undefined && !(low.value < high.value)) return undefined;
	if (name === 'PR') return percent ? undefined : {kind: 'rank', low: low.value, high: high.value};
	const fn = name === 'TM' ? 'TM' : name === 'TC' ? 'TC' : name === 'TS' ? 'TS' : 'WM';
	const bounds: StatisticBounds = percent
		? {percent: true, low: low.value ?? 0, high: high.value ?? 100}
		: {percent: false, low: low.value, high: high.value};
	return {kind: 'trimmed', function: fn, bounds};
}

/** Whether the statistic needs the distribution of the samples (not only count, sum, min and max). */
export function needsDistribution(statistic: Statistic): boolean {
	return statistic.kind !== 'standard';
}

/** The distribution as ascending (value, count) pairs; histogram bins stand for their value, clamped to [min, max]. */
function sortedPairs(set: SampleSet): Array<[number, number]> {
	if (set.values !== undefined) return [...set.values].sort((left, right) => left[0] - right[0]);
	const pairs: Array<[number, number]> = [];
	const histogram = set.histogram;
	if (histogram === undefined) return pairs;
	const clamp = (value: number): number => Math.min(set.max, Math.max(set.min, value));
	if (histogram.zero > 0) pairs.push([clamp(0), histogram.zero]);
	const indexes = [...histogram.bins.keys()].sort((left, right) => left - right);
	for (const index of indexes) pairs.push([clamp(binValue(index)), histogram.bins.get(index) ?? 0]);
	return pairs;
}

/** The smallest value with at least `percent`% of the samples at or below it (nearest rank). */
function percentileOf(pairs: ReadonlyArray<readonly [number, number]>, total: number, percent: number, set: SampleSet): number {
	if (percent <= 0) return set.min;
	if (percent >= 100) return set.max;
	const target = (percent * total) / 100 - 1e-9 * Math.max(1, total);
	let cumulative = 0;
	for (const [value, count] of pairs) {
		cumulative += count;
		if (cumulative >= target) return value;
	}
	return set.max;
}

function trimmed(set: SampleSet, fn: 'TM' | 'TC' | 'TS' | 'WM', bounds: StatisticBounds): number | undefined {
	const pairs = sortedPairs(set);
	const total = set.count;
	let keptCount = 0;
	let keptSum = 0;
	if (bounds.percent) {
		const lowPercent = bounds.low ?? 0;
		const highPercent = bounds.high ?? 100;
		const lowCut = (lowPercent * total) / 100;
		const highCut = (highPercent * total) / 100;
		let before = 0;
		for (const [value, count] of pairs) {
			const after = before + count;
			const weight = Math.max(0, Math.min(after, highCut) - Math.max(before, lowCut));
			keptCount += weight;
			keptSum += weight * value;
			before = after;
		}
		if (fn === 'WM') {
			const lowValue = percentileOf(pairs, total, lowPercent, set);
			const highValue = percentileOf(pairs, total, highPercent, set);
			return (keptSum + lowCut * lowValue + (total - highCut) * highValue) / total;
		}
	} else {
		const low = bounds.low ?? -Infinity;
		const high = bounds.high ?? Infinity;
		if (fn === 'WM') {
			let sum = 0;
			for (const [value, count] of pairs) sum += Math.min(high, Math.max(low, value)) * count;
			return sum / total;
		}
		for (const [value, count] of pairs) {
			if (value > low && value <= high) {
				keptCount += count;
				keptSum += value * count;
			}
		}
	}
	if (fn === 'TC') return keptCount;
	if (fn === 'TS') return keptSum;
	return keptCount > 0 ? keptSum / keptCount : undefined;
}

/** The statistic of a set of samples; undefined when CloudWatch would have no value (no samples, or no distribution for it). */
export function computeStatistic(set: SampleSet, statistic: Statistic): number | undefined {
	if (!(set.count > 0)) return undefined;
	if (statistic.kind === 'standard') {
		switch (statistic.name) {
			case 'SampleCount':
				return set.count;
			case 'Sum':
				return set.sum;
			case 'Average':
				return set.sum / set.count;
			case 'Minimum':
				return set.min;
			case 'Maximum':
				return set.max;
		}
	}
	if (!set.distribution || set.min < 0) return undefined;
	if (statistic.kind === 'percentile') return percentileOf(sortedPairs(set), set.count, statistic.percent, set);
	if (statistic.kind === 'trimmed') return trimmed(set, statistic.function, statistic.bounds);
	const low = statistic.low ?? -Infinity;
	const high = statistic.high ?? Infinity;
	let inside = 0;
	for (const [value, count] of sortedPairs(set)) if (value > low && value <= high) inside += count;
	return (inside / set.count) * 100;
}

// ---------------------------------------------------------------- periods

/** Periods CloudWatch accepts: 1, 5, 10, 20 and 30 seconds (high resolution), or a multiple of 60. */
export function isValidPeriod(period: number): boolean {
	if (!Number.isInteger(period) || period < 1) return false;
	return period % 60 === 0 || [1, 5, 10, 20, 30].includes(period);
}

/**
 * CloudWatch's rounding of a query's start time (epoch seconds): down to the
 * period for periods under a minute; otherwise down to the minute when it is
 * less than 15 days ago, to 5 minutes up to 63 days ago, to the hour beyond.
 */
export function alignStartTime(start: number, period: number, now: number): number {
	if (period < 60) return Math.floor(start / period) * period;
	const age = now - start;
	const unit = age > 63 * 86_400 ? 3600 : age > 15 * 86_400 ? 300 : 60;
	return Math.floor(start / unit) * unit;
}

/** The periods of a query: from `start` (aligned) in steps of `period` seconds, up to `end` (exclusive). */
export interface PeriodGrid {
	start: number;
	end: number;
	period: number;
}

/** How many datapoints the grid can hold at most. */
export function periodCount(grid: PeriodGrid): number {
	return Math.max(0, Math.ceil((grid.end - grid.start) / grid.period));
}

export interface TimedSamples {
	/** Epoch seconds: the start of the stored bucket, or of the period. */
	time: number;
	samples: SampleSet;
}

/**
 * Groups stored buckets into the periods of the grid (a bucket counts in the
 * period its start falls in; buckets outside [start, end) are left out) and
 * returns the periods that have samples, oldest first.
 */
export function aggregateIntoPeriods(
	buckets: Iterable<TimedSamples>,
	grid: PeriodGrid,
	keepDistribution = true,
	limit = 20_000,
): TimedSamples[] {
	const periods = new Map<number, SampleSet>();
	for (const bucket of buckets) {
		if (bucket.time < grid.start || bucket.time >= grid.end || bucket.samples.count <= 0) continue;
		const time = grid.start + Math.floor((bucket.time - grid.start) / grid.period) * grid.period;
		let set = periods.get(time);
		if (set === undefined) {
			set = emptySampleSet();
			if (!keepDistribution) set.distribution = false;
			set.values = keepDistribution ? new Map() : undefined;
			periods.set(time, set);
		}
		mergeSampleSet(set, bucket.samples, limit, keepDistribution);
	}
	return [...periods]
		.sort((left, right) => left[0] - right[0])
		.map(([time, samples]) => ({time, samples}));
}
