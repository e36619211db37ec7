import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseSince} from '../../source/domain/time-range.js';

const now = new Date('2026-11-27T10:30:00.000Z');

function startOf(text: string): string {
	const range = parseSince(text, now);
	assert.ok(!('problem' in range), `"${text}" should parse, got ${'problem' in range ? range.problem : ''}`);
	assert.equal(range.end, undefined, `"${text}" has no end`);
	return range.start.toISOString();
}

function problemOf(text: string): string {
	const range = parseSince(text, now);
	assert.ok('problem' in range, `"${text}" should be refused`);
	return range.problem;
}

test('a duration goes back from now: seconds, minutes, hours, days, weeks, with or without "ago"', () => {
	assert.equal(startOf('90s'), '2026-11-27T10:28:30.000Z');
	assert.equal(startOf('15m'), '2026-11-27T10:15:00.000Z');
	assert.equal(startOf('1h'), '2026-11-27T09:30:00.000Z');
	assert.equal(startOf('2h ago'), '2026-11-27T08:30:00.000Z');
	assert.equal(startOf('3d'), '2026-11-24T10:30:00.000Z');
	assert.equal(startOf('1w'), '2026-11-20T10:30:00.000Z');
	assert.equal(startOf('1.5h'), '2026-11-27T09:00:00.000Z');
	assert.equal(startOf(' 10 minutes ago '), '2026-11-27T10:20:00.000Z');
	assert.equal(startOf('2 HOURS'), '2026-11-27T08:30:00.000Z');
});

test('a date and time without a zone is UTC; Z, UTC and offsets are read', () => {
	assert.equal(startOf('2026-11-27 07:00'), '2026-11-27T07:00:00.000Z');
	assert.equal(startOf('2026-11-27T07:00:00Z'), '2026-11-27T07:00:00.000Z');
	assert.equal(startOf('2026-11-27T07:00:05.250Z'), '2026-11-27T07:00:05.250Z');
	assert.equal(startOf('2026-11-27 07:00 UTC'), '2026-11-27T07:00:00.000Z');
	assert.equal(startOf('2026-11-27T09:00:00+02:00'), '2026-11-27T07:00:00.000Z');
	assert.equal(startOf('2026-11-27 02:00-0500'), '2026-11-27T07:00:00.000Z');
	assert.equal(startOf('2026-11-26'), '2026-11-26T00:00:00.000Z');
});

test('a time of day is its latest occurrence in UTC: today, or yesterday when it has not come yet', () => {
	assert.equal(startOf('07:00'), '2026-11-27T07:00:00.000Z');
	assert.equal(startOf('10:30'), '2026-11-27T10:30:00.000Z');
	assert.equal(startOf('23:15:30'), '2026-11-26T23:15:30.000Z');
});

test('a range FROM..TO (or FROM to TO) has an end', () => {
	assert.deepEqual(parseSince('2h..1h', now), {start: new Date('2026-11-27T08:30:00.000Z'), end: new Date('2026-11-27T09:30:00.000Z')});
	assert.deepEqual(parseSince('2026-11-27 07:00..2026-11-27 08:00', now), {
		start: new Date('2026-11-27T07:00:00.000Z'),
		end: new Date('2026-11-27T08:00:00.000Z'),
	});
	assert.deepEqual(parseSince('3h ago to now', now), {start: new Date('2026-11-27T07:30:00.000Z'), end: now});
});

test('what is not a time says which forms are, and that times are UTC', () => {
	const message = problemOf('yesterday');
	assert.match(message, /"yesterday" is not a time/);
	assert.match(message, /15m/);
	assert.match(message, /2026-11-27 07:00/);
	assert.match(message, /UTC/);
	assert.match(message, /FROM\.\.TO/);
	assert.match(problemOf(''), /no time given/);
	assert.match(problemOf('0m'), /above zero/);
	assert.match(problemOf('2026-02-30 07:00'), /not a real date/);
	assert.match(problemOf('2026-11-27 25:00'), /not a real date/);
	assert.match(problemOf('24:00'), /not a time of day/);
	assert.match(problemOf('2026-11-27T07:00+19:00'), /not a time zone offset/);
	assert.match(problemOf('2026-11-28 07:00'), /in the future .*UTC/);
	assert.match(problemOf('1h..2h'), /ends .* before it starts/);
	assert.match(problemOf('3h..2h..1h'), /more than one range separator/);
	assert.match(problemOf('1h..soon'), /"soon" is not a time/);
});
