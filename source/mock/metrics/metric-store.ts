// The local CloudWatch's metric data, in memory. One series per metric
// (namespace, name, exact dimension set) and unit; its samples are kept in one
// SampleSet per minute (count, sum, min, max and the distribution, see
// domain/metric-statistics.ts), or per second for high-resolution data put
// with StorageResolution 1. Buckets are grouped by hour, the unit of saving:
// recording a sample marks its hour changed, and the saver rewrites only the
// changed hours. Retention: 15 days (CloudWatch keeps 1-minute data that
// long); per-second buckets are merged into their minute after 3 hours, when
// CloudWatch stops serving sub-minute periods.

import {addSample, emptySampleSet, mergeSampleSet, type SampleSet, type TimedSamples} from '../../domain/metric-statistics.js';
import type {DimensionPairs} from './wire.js';

export const retentionSeconds = 15 * 86_400;
export const highResolutionSeconds = 3 * 3600;

export interface MetricIdentity {
	namespace: string;
	name: string;
	/** Sorted by name. */
	dimensions: DimensionPairs;
}

export interface Block {
	/** Minute start (epoch seconds) → samples. */
	minutes: Map<number, SampleSet>;
	/** Second (epoch seconds) → samples, for high-resolution data. */
	seconds: Map<number, SampleSet>;
}

export interface Series {
	readonly metricKey: string;
	readonly identity: MetricIdentity;
	readonly unit: string;
	/** Hour start (epoch seconds) → the buckets of that hour. */
	readonly blocks: Map<number, Block>;
	/** The newest bucket's time (epoch seconds). */
	latest: number;
}

/** A saved hour: every series' buckets in it. */
export interface HourSnapshot {
	hour: number;
	series: Array<{identity: MetricIdentity; unit: string; minutes: Array<[number, SampleSet]>; seconds: Array<[number, SampleSet]>}>;
}

export function metricKey(namespace: string, name: string, dimensions: DimensionPairs): string {
	return JSON.stringify([namespace, name, dimensions]);
}

/** A dimension map as sorted pairs. */
export function dimensionPairs(dimensions: Readonly<Record<string, string>>): DimensionPairs {
	return Object.keys(dimensions)
		.sort()
		.map((name) => [name, dimensions[name] ?? ''] as const);
}

export function hourOf(time: number): number {
	return Math.floor(time / 3600) * 3600;
}

function emptyBlock(): Block {
	return {minutes: new Map(), seconds: new Map()};
}

function blockIsEmpty(block: Block): boolean {
	return block.minutes.size === 0 && block.seconds.size === 0;
}

export class MetricStore {
	/** Metric key → unit → series. */
	private readonly metrics = new Map<string, Map<string, Series>>();
	/** Hours (epoch seconds) changed since they were last saved. */
	readonly dirtyHours = new Set<number>();

	/** The samples of the bucket `time` (epoch seconds) falls in, created if needed; marks its hour changed. */
	bucket(identity: MetricIdentity, unit: string, time: number, highResolution: boolean): SampleSet {
		const series = this.series(identity, unit);
		const second = Math.floor(time);
		const hour = hourOf(second);
		let block = series.blocks.get(hour);
		if (block === undefined) {
			block = emptyBlock();
			series.blocks.set(hour, block);
		}
		const map = highResolution ? block.seconds : block.minutes;
		const start = highResolution ? second : Math.floor(second / 60) * 60;
		let samples = map.get(start);
		if (samples === undefined) {
			samples = emptySampleSet();
			map.set(start, samples);
		}
		if (start > series.latest) series.latest = start;
		this.dirtyHours.add(hour);
		return samples;
	}

	/** Records one sample. */
	add(identity: MetricIdentity, unit: string, time: number, value: number, highResolution = false): void {
		addSample(this.bucket(identity, unit, time, highResolution), value);
	}

	private series(identity: MetricIdentity, unit: string): Series {
		const key = metricKey(identity.namespace, identity.name, identity.dimensions);
		let units = this.metrics.get(key);
		if (units === undefined) {
			units = new Map();
			this.metrics.set(key, units);
		}
		let series = units.get(unit);
		if (series === undefined) {
			series = {metricKey: key, identity, unit, blocks: new Map(), latest: -Infinity};
			units.set(unit, series);
		}
		return series;
	}

	/** The series of exactly this metric (dimensions match exactly), of one unit or of all. */
	find(namespace: string, name: string, dimensions: DimensionPairs, unit?: string): Series[] {
		const units = this.metrics.get(metricKey(namespace, name, dimensions));
		if (units === undefined) return [];
		if (unit === undefined) return [...units.values()];
		const series = units.get(unit);
		return series === undefined ? [] : [series];
	}

	/** The buckets of a series with start <= time < end (epoch seconds), in no particular order. */
	*buckets(series: Series, start: number, end: number): Generator<TimedSamples> {
		for (const [hour, block] of series.blocks) {
			if (hour + 3600 <= start || hour >= end) continue;
			for (const map of [block.minutes, block.seconds]) {
				for (const [time, samples] of map) if (time >= start && time < end) yield {time, samples};
			}
		}
	}

	/** Every metric with data, with the time of its newest bucket (over all its units). */
	list(): Array<{identity: MetricIdentity; latest: number}> {
		const result: Array<{identity: MetricIdentity; latest: number}> = [];
		for (const units of this.metrics.values()) {
			let identity: MetricIdentity | undefined;
			let latest = -Infinity;
			for (const series of units.values()) {
				identity = series.identity;
				latest = Math.max(latest, series.latest);
			}
			if (identity !== undefined) result.push({identity, latest});
		}
		return result;
	}

	/**
	 * Drops the buckets older than `cutoff` and merges per-second buckets older
	 * than `highResolutionCutoff` into their minute (epoch seconds); marks the
	 * hours it changes.
	 */
	expire(cutoff: number, highResolutionCutoff: number): void {
		for (const [key, units] of this.metrics) {
			for (const [unit, series] of units) {
				for (const [hour, block] of series.blocks) {
					if (hour >= cutoff && (block.seconds.size === 0 || hour >= highResolutionCutoff)) continue;
					let changed = false;
					for (const map of [block.minutes, block.seconds]) {
						for (const time of map.keys()) {
							if (time < cutoff) {
								map.delete(time);
								changed = true;
							}
						}
					}
					for (const [time, samples] of block.seconds) {
						if (time >= highResolutionCutoff) continue;
						const minute = Math.floor(time / 60) * 60;
						let target = block.minutes.get(minute);
						if (target === undefined) {
							target = emptySampleSet();
							block.minutes.set(minute, target);
						}
						mergeSampleSet(target, samples);
						block.seconds.delete(time);
						changed = true;
					}
					if (changed) this.dirtyHours.add(hour);
					if (blockIsEmpty(block)) series.blocks.delete(hour);
				}
				if (series.blocks.size === 0) units.delete(unit);
			}
			if (units.size === 0) this.metrics.delete(key);
		}
	}

	/** Everything stored for one hour, or undefined when nothing is. */
	snapshot(hour: number): HourSnapshot | undefined {
		const series: HourSnapshot['series'] = [];
		for (const units of this.metrics.values()) {
			for (const entry of units.values()) {
				const block = entry.blocks.get(hour);
				if (block === undefined || blockIsEmpty(block)) continue;
				series.push({identity: entry.identity, unit: entry.unit, minutes: [...block.minutes], seconds: [...block.seconds]});
			}
		}
		return series.length === 0 ? undefined : {hour, series};
	}

	/** Adds a saved hour back (on start-up); does not mark it changed. */
	restore(snapshot: HourSnapshot): void {
		for (const entry of snapshot.series) {
			const series = this.series(entry.identity, entry.unit);
			let block = series.blocks.get(snapshot.hour);
			if (block === undefined) {
				block = emptyBlock();
				series.blocks.set(snapshot.hour, block);
			}
			for (const [map, buckets] of [
				[block.minutes, entry.minutes],
				[block.seconds, entry.seconds],
			] as const) {
				for (const [time, samples] of buckets) {
					const existing = map.get(time);
					if (existing === undefined) map.set(time, samples);
					else mergeSampleSet(existing, samples);
					if (time > series.latest) series.latest = time;
				}
			}
		}
	}
}
