// The local CloudWatch's data on disk, so the charts survive a restart:
// <dataDir>/metrics/<YYYY-MM-DDTHH>.json, one file per UTC hour with every
// series' buckets of that hour, each written whole and atomically (temporary
// file, fsync, rename). The service rewrites the hours that changed, in the
// background a few seconds after the samples arrive, and deletes the hours
// that fell out of retention. A bucket is written as
// {"n": count, "s": sum, "lo": min, "hi": max} plus its distribution: "v" the
// [value, count] pairs while exact, or "h" {"z": zeros, "b": [[bin, count]]}.

import {mkdir, readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {Histogram, SampleSet} from '../../domain/metric-statistics.js';
import {removeFileDurable, temporarySuffix, writeFileAtomic} from '../store/atomic.js';
import type {HourSnapshot, MetricIdentity, MetricStore} from './metric-store.js';
import {isObject} from './wire.js';

const fileFormat = 1;
const namePattern = /^(\d{4}-\d{2}-\d{2}T\d{2})\.json$/;

export function hourFileName(hour: number): string {
	return `${new Date(hour * 1000).toISOString().slice(0, 13)}.json`;
}

function hourFromFileName(name: string): number | undefined {
	const match = namePattern.exec(name);
	if (match === null) return undefined;
	const time = Date.parse(`${match[1]}:00:00Z`);
	return Number.isFinite(time) ? time / 1000 : undefined;
}

type Encoded = Record<string, unknown>;

function encodeSamples(set: SampleSet): Encoded {
	const encoded: Encoded = {n: set.count, s: set.sum, lo: set.min, hi: set.max};
	if (set.values !== undefined) encoded['v'] = [...set.values];
	else if (set.histogram !== undefined) encoded['h'] = {z: set.histogram.zero, b: [...set.histogram.bins]};
	return encoded;
}

function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

function decodePairs(value: unknown): Map<number, number> | undefined {
	if (!Array.isArray(value)) return undefined;
	const map = new Map<number, number>();
	for (const pair of value) {
		if (!Array.isArray(pair) || pair.length !== 2 || !isFiniteNumber(pair[0]) || !isFiniteNumber(pair[1])) return undefined;
		map.set(pair[0], pair[1]);
	}
	return map;
}

function decodeSamples(value: unknown): SampleSet | undefined {
	if (!isObject(value)) return undefined;
	const {n, s, lo, hi, v, h} = value;
	if (!isFiniteNumber(n) || !isFiniteNumber(s) || !isFiniteNumber(lo) || !isFiniteNumber(hi) || n <= 0) return undefined;
	const set: SampleSet = {count: n, sum: s, min: lo, max: hi, values: undefined, histogram: undefined, distribution: false};
	if (v !== undefined) {
		const values = decodePairs(v);
		if (values === undefined) return undefined;
		set.values = values;
		set.distribution = true;
	} else if (h !== undefined) {
		if (!isObject(h) || !isFiniteNumber(h['z'])) return undefined;
		const bins = decodePairs(h['b']);
		if (bins === undefined) return undefined;
		const histogram: Histogram = {zero: h['z'], bins};
		set.histogram = histogram;
		set.distribution = true;
	}
	return set;
}

function decodeBuckets(value: unknown, hour: number): Array<[number, SampleSet]> | undefined {
	if (value === undefined) return [];
	if (!Array.isArray(value)) return undefined;
	const buckets: Array<[number, SampleSet]> = [];
	for (const entry of value) {
		if (!Array.isArray(entry) || entry.length !== 2 || !isFiniteNumber(entry[0])) return undefined;
		const time = entry[0];
		if (time < hour || time >= hour + 3600) return undefined;
		const samples = decodeSamples(entry[1]);
		if (samples === undefined) return undefined;
		buckets.push([time, samples]);
	}
	return buckets;
}

function decodeIdentity(value: Encoded): MetricIdentity | undefined {
	const {namespace, name, dimensions} = value;
	if (typeof namespace !== 'string' || typeof name !== 'string' || !Array.isArray(dimensions)) return undefined;
	const pairs: Array<readonly [string, string]> = [];
	for (const pair of dimensions) {
		if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') return undefined;
		pairs.push([pair[0], pair[1]]);
	}
	return {namespace, name, dimensions: pairs};
}

export function encodeHour(snapshot: HourSnapshot): string {
	return JSON.stringify({
		format: fileFormat,
		hour: snapshot.hour,
		series: snapshot.series.map((entry) => ({
			namespace: entry.identity.namespace,
			name: entry.identity.name,
			dimensions: entry.identity.dimensions,
			unit: entry.unit,
			minutes: entry.minutes.filter(([, set]) => set.count > 0).map(([time, set]) => [time, encodeSamples(set)]),
			seconds: entry.seconds.filter(([, set]) => set.count > 0).map(([time, set]) => [time, encodeSamples(set)]),
		})),
	});
}

export function decodeHour(text: string, hour: number): HourSnapshot | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (!isObject(parsed) || parsed['format'] !== fileFormat || parsed['hour'] !== hour || !Array.isArray(parsed['series'])) return undefined;
	const snapshot: HourSnapshot = {hour, series: []};
	for (const entry of parsed['series']) {
		if (!isObject(entry) || typeof entry['unit'] !== 'string') return undefined;
		const identity = decodeIdentity(entry);
		const minutes = decodeBuckets(entry['minutes'], hour);
		const seconds = decodeBuckets(entry['seconds'], hour);
		if (identity === undefined || minutes === undefined || seconds === undefined) return undefined;
		snapshot.series.push({identity, unit: entry['unit'], minutes, seconds});
	}
	return snapshot;
}

export class MetricFiles {
	/** Hours that have a file. */
	private readonly saved = new Set<number>();

	constructor(readonly directory: string) {}

	/** Loads every saved hour into the store; a file it cannot read is reported and left alone. */
	async load(store: MetricStore): Promise<void> {
		await mkdir(this.directory, {recursive: true, mode: 0o700});
		for (const name of await readdir(this.directory)) {
			if (name.startsWith('.') && name.endsWith(temporarySuffix)) {
				await removeFileDurable(this.directory, name).catch(() => undefined);
				continue;
			}
			const hour = hourFromFileName(name);
			if (hour === undefined) continue;
			const snapshot = decodeHour(await readFile(join(this.directory, name), 'utf8'), hour);
			if (snapshot === undefined) {
				process.stderr.write(`local CloudWatch: ignoring unreadable metrics file ${join(this.directory, name)}\n`);
				continue;
			}
			store.restore(snapshot);
			this.saved.add(hour);
		}
	}

	/** Writes an hour's file (its text from encodeHour), or removes it when the hour holds nothing any more. */
	async save(hour: number, text: string | undefined): Promise<void> {
		if (text === undefined) {
			if (!this.saved.has(hour)) return;
			await removeFileDurable(this.directory, hourFileName(hour));
			this.saved.delete(hour);
			return;
		}
		await writeFileAtomic(this.directory, hourFileName(hour), text);
		this.saved.add(hour);
	}
}
