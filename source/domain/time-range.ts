// The time range of a log search as a person types it ("15m", "2h ago",
// "2026-11-27 07:00", "07:00", "1h..30m"), for `lambdash logs --since` and the
// Monitor tab. Times without a zone are UTC, as the console shows every time
// in UTC; a time of day alone means its latest occurrence (today, or
// yesterday when that time has not come yet today).

export type TimeRange = {start: Date; end?: Date};

const unitMs: Record<string, number> = {
	s: 1000,
	m: 60_000,
	h: 3_600_000,
	d: 86_400_000,
	w: 604_800_000,
};

const relativePattern = /^(\d+(?:\.\d+)?)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)(?:\s+ago)?$/i;
const dateTimePattern =
	/^(\d{4})-(\d{2})-(\d{2})(?:[ tT](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(z|utc|[+-]\d{2}:?\d{2})?$/i;
const timeOfDayPattern = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(z|utc)?$/i;

/** The forms a time may take, for messages. */
export const timeRangeHelp =
	'a duration back from now (90s, 15m, 1h, 2h ago, 3d, 1w), a UTC date and time (2026-11-27 07:00, 2026-11-27T07:00:00Z, or with a zone such as +02:00), a UTC time of day (07:00: its latest occurrence), or a range FROM..TO (2h..1h, 2026-11-27 07:00..2026-11-27 08:00)';

type Point = {at: Date} | {problem: string};

function unitOf(word: string): number {
	const letter = word.toLowerCase().startsWith('mi') || word.toLowerCase() === 'm' ? 'm' : word.toLowerCase().charAt(0);
	return unitMs[letter] ?? 0;
}

function offsetMs(zone: string | undefined): number {
	if (zone === undefined || /^(z|utc)$/i.test(zone)) return 0;
	const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
	if (!match) return 0;
	const minutes = Number(match[2]) * 60 + Number(match[3]);
	return (match[1] === '-' ? -1 : 1) * minutes * 60_000;
}

function parsePoint(text: string, now: Date): Point {
	const trimmed = text.trim();
	if (/^now$/i.test(trimmed)) return {at: new Date(now.getTime())};
	const relative = relativePattern.exec(trimmed);
	if (relative) {
		const amount = Number(relative[1]);
		if (!(amount > 0)) return {problem: `"${trimmed}" is no time back: give a duration above zero, such as 15m`};
		return {at: new Date(now.getTime() - amount * unitOf(relative[2] ?? ''))};
	}
	const dateTime = dateTimePattern.exec(trimmed);
	if (dateTime) {
		const [, year, month, day, hour = '0', minute = '0', second = '0', millis = '0', zone] = dateTime;
		const fields = [Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)] as const;
		const utc = Date.UTC(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], Number(millis.padEnd(3, '0')));
		const check = new Date(utc);
		if (
			check.getUTCFullYear() !== fields[0] ||
			check.getUTCMonth() !== fields[1] ||
			check.getUTCDate() !== fields[2] ||
			fields[3] > 23 ||
			fields[4] > 59 ||
			fields[5] > 59
		) {
			return {problem: `"${trimmed}" is not a real date and time`};
		}
		if (zone !== undefined && !/^(z|utc)$/i.test(zone) && !/^[+-](?:0\d|1[0-4]):?[0-5]\d$/.test(zone)) {
			return {problem: `"${zone}" is not a time zone offset: write it as +02:00 or -05:00, or Z for UTC`};
		}
		return {at: new Date(utc - offsetMs(zone))};
	}
	const timeOfDay = timeOfDayPattern.exec(trimmed);
	if (timeOfDay) {
		const hour = Number(timeOfDay[1]);
		const minute = Number(timeOfDay[2]);
		const second = Number(timeOfDay[3] ?? '0');
		if (hour > 23 || minute > 59 || second > 59) return {problem: `"${trimmed}" is not a time of day`};
		let at = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour, minute, second);
		if (at > now.getTime()) at -= unitMs.d ?? 86_400_000;
		return {at: new Date(at)};
	}
	return {problem: `"${trimmed}" is not a time: give ${timeRangeHelp}`};
}

/**
 * The range a log search covers: from a start (and, for FROM..TO, to an end)
 * until now. `problem` says what is wrong and which forms are allowed.
 */
export function parseSince(text: string, now: Date): TimeRange | {problem: string} {
	const trimmed = text.trim();
	if (trimmed === '') return {problem: `no time given: give ${timeRangeHelp}`};
	const parts = trimmed.includes('..') ? trimmed.split('..') : trimmed.split(/\s+to\s+/i);
	if (parts.length > 2) return {problem: `"${trimmed}" has more than one range separator: write FROM..TO`};
	const start = parsePoint(parts[0] ?? '', now);
	if ('problem' in start) return start;
	if (start.at.getTime() < 0) return {problem: `"${parts[0]?.trim() ?? ''}" is before 1970: CloudWatch Logs keeps nothing that old`};
	if (start.at.getTime() > now.getTime()) {
		return {problem: `"${parts[0]?.trim() ?? ''}" is in the future (${start.at.toISOString()}; times without a zone are UTC): give a time before now`};
	}
	if (parts.length === 1) return {start: start.at};
	const end = parsePoint(parts[1] ?? '', now);
	if ('problem' in end) return end;
	if (end.at.getTime() <= start.at.getTime()) {
		return {problem: `the range ends (${end.at.toISOString()}) before it starts (${start.at.toISOString()}): write the earlier time first, FROM..TO`};
	}
	return {start: start.at, end: end.at};
}
