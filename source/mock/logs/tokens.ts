// The paging tokens of the local CloudWatch Logs. Every event has a key
// (timestamp, sequence): the sequence number is unique across the whole
// service and grows with each event ingested, so keys order a stream the way
// CloudWatch does (by timestamp, then by arrival) and never collide.
//
// A position in a stream is the gap just after a key. GetLogEvents tokens are
// written as CloudWatch writes them, "f/<56 digits>/s" and "b/<56 digits>/s"
// (the digits encode the key); at either end of a stream the token that came
// in goes out again, which is how clients know to stop. Event ids are the same
// 56 digits. The other operations' nextToken values are opaque base64 text.

import {invalidToken} from './errors.js';

export interface EventKey {
	timestamp: number;
	sequence: number;
}

export type Direction = 'f' | 'b';

const digitsLength = 56;
const sequenceBits = 64n;
const sequenceMask = (1n << sequenceBits) - 1n;

function keyDigits(key: EventKey): string {
	const value = (BigInt(Math.max(0, Math.trunc(key.timestamp))) << sequenceBits) | BigInt(Math.max(0, key.sequence));
	return value.toString().padStart(digitsLength, '0');
}

/** A GetLogEvents token: the gap after `gap` in the given direction. */
export function streamToken(direction: Direction, gap: EventKey): string {
	return `${direction}/${keyDigits(gap)}/s`;
}

export function parseStreamToken(token: string): {direction: Direction; gap: EventKey} {
	const match = /^([fb])\/(\d{1,60})(?:\/s)?$/.exec(token);
	if (match === null) throw invalidToken();
	const value = BigInt(match[2] ?? '0');
	const timestamp = value >> sequenceBits;
	if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidToken();
	return {direction: match[1] === 'b' ? 'b' : 'f', gap: {timestamp: Number(timestamp), sequence: Number(value & sequenceMask)}};
}

/** The id FilterLogEvents gives an event. */
export function eventId(key: EventKey): string {
	return keyDigits(key);
}

/** The uploadSequenceToken / nextSequenceToken of a stream whose last event has this sequence number. */
export function sequenceToken(sequence: number): string {
	return String(sequence).padStart(digitsLength, '0');
}

/** Orders keys: negative when `left` comes first. */
export function compareKeys(left: EventKey, right: EventKey): number {
	return left.timestamp - right.timestamp || left.sequence - right.sequence;
}

/** An opaque token carrying `value` for operation `kind`. */
export function pageToken(kind: string, value: unknown): string {
	return Buffer.from(JSON.stringify({k: kind, v: value}), 'utf8').toString('base64url');
}

/** Reads a token made by pageToken for the same kind; anything else is "The specified nextToken is invalid." */
export function readPageToken(kind: string, token: string): unknown {
	try {
		const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
		if (typeof parsed === 'object' && parsed !== null && 'k' in parsed && 'v' in parsed && parsed.k === kind) return parsed.v;
	} catch {
		// falls through
	}
	throw invalidToken();
}
