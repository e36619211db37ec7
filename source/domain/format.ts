import stringWidth from 'string-width';

/** Bytes as a person reads them: 512 B, 1.2 KB, 3.4 MB (powers of 1024, as the Lambda console shows sizes). */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return '-';
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	// At most three digits, so a size never needs more than six columns: "999 KB", "1.0 MB".
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	if (unit === 0) return `${value} B`;
	return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** A duration in seconds as the Lambda console writes a timeout: 3 s, 1 min 30 s, 15 min. */
export function formatTimeout(seconds: number): string {
	const minutes = Math.floor(seconds / 60);
	const rest = seconds % 60;
	if (minutes === 0) return `${rest} s`;
	return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** Short form of a timeout for a narrow table column: 3s, 90s, 15m. */
export function formatTimeoutShort(seconds: number): string {
	return seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

/** Lambda's LastModified ("2024-01-31T12:34:56.789+0000") as a Date, or undefined when it is not one. */
export function parseLambdaTimestamp(value: string | undefined): Date | undefined {
	if (!value) return undefined;
	const normalised = value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
	const date = new Date(normalised);
	return Number.isNaN(date.getTime()) ? undefined : date;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How long ago, in the fewest characters that still read well: "now", "5m ago", "3h ago", "12d ago", then the month: "Jan 2024". */
export function formatAge(date: Date | undefined, now: Date = new Date()): string {
	if (!date) return '-';
	const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
	if (seconds < 60) return 'now';
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
	if (seconds < 86_400 * 60) return `${Math.floor(seconds / 86_400)}d ago`;
	return `${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** A date and time in UTC, to the second: 2024-01-31 12:34:56 UTC. */
export function formatDateTime(date: Date | undefined): string {
	if (!date) return '-';
	return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Cut text to at most `width` terminal columns, ending in an ellipsis when cut. */
export function truncate(text: string, width: number): string {
	if (width <= 0) return '';
	if (stringWidth(text) <= width) return text;
	let result = '';
	let used = 0;
	for (const character of text) {
		const w = stringWidth(character);
		if (used + w > width - 1) break;
		result += character;
		used += w;
	}
	return `${result}…`;
}

/** Exactly `width` columns: cut with an ellipsis or padded with spaces, on the left or the right. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	const cut = truncate(text, width);
	const padding = ' '.repeat(Math.max(0, width - stringWidth(cut)));
	return align === 'left' ? cut + padding : padding + cut;
}

export function pluralise(count: number, singular: string, plural = `${singular}s`): string {
	return `${count} ${count === 1 ? singular : plural}`;
}

/** Text broken into lines of at most `width` characters at spaces; a word longer than a line is cut. */
export function wrapWords(text: string, width: number): string[] {
	const room = Math.max(1, width);
	const lines: string[] = [];
	let line = '';
	for (const whole of text.split(' ')) {
		let word = whole;
		while (word.length > room) {
			if (line !== '') {
				lines.push(line);
				line = '';
			}
			lines.push(word.slice(0, room));
			word = word.slice(room);
		}
		if (line !== '' && line.length + 1 + word.length > room) {
			lines.push(line);
			line = word;
		} else line = line === '' ? word : `${line} ${word}`;
	}
	if (line !== '') lines.push(line);
	return lines;
}

/** At most `rows` lines of `text` broken at spaces into `width` columns, the last cut with an ellipsis when there is more. */
export function wrapWordsWithin(text: string, width: number, rows: number): string[] {
	const lines = wrapWords(text, width);
	if (lines.length <= rows) return lines;
	const shown = lines.slice(0, rows);
	shown[rows - 1] = truncate(`${shown[rows - 1] ?? ''} ${lines.slice(rows).join(' ')}`, width);
	return shown;
}

/**
 * A long name (an ARN, a URL, a path) on as many lines of at most `width`
 * characters as it needs, each ending just after one of `breakAfter` where it
 * can; a part longer than a line is cut.
 */
export function breakLines(text: string, width: number, breakAfter: string): string[] {
	const room = Math.max(1, width);
	const escaped = breakAfter.replace(/[\]\\^-]/g, '\\$&');
	const lines: string[] = [];
	let line = '';
	for (const part of text.split(new RegExp(`(?<=[${escaped}])`))) {
		if (line !== '' && line.length + part.length > room) {
			lines.push(line);
			line = '';
		}
		line += part;
		while (line.length > room) {
			lines.push(line.slice(0, room));
			line = line.slice(room);
		}
	}
	if (line !== '') lines.push(line);
	return lines;
}
