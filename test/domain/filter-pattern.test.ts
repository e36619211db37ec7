// CloudWatch Logs filter patterns (domain/filter-pattern.ts): the examples of
// the CloudWatch Logs user guide, with the events it says they match and the
// ones they do not, and AWS's error for a term it refuses.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {filterPatternAdvice, filterPatternHighlights, matchesFilterPattern, parseFilterPattern, type FilterPattern} from '../../source/domain/filter-pattern.js';

function pattern(source: string): FilterPattern {
	const parsed = parseFilterPattern(source);
	assert.ok(parsed.ok, `"${source}" should parse: ${parsed.ok ? '' : parsed.message}`);
	return parsed.pattern;
}

/** The messages among `messages` that `source` matches. */
function matching(source: string, messages: readonly string[]): string[] {
	const compiled = pattern(source);
	return messages.filter((message) => matchesFilterPattern(compiled, message));
}

function rejects(source: string, message: string | RegExp): void {
	const parsed = parseFilterPattern(source);
	assert.equal(parsed.ok, false, `"${source}" should not parse`);
	if (!parsed.ok) {
		if (typeof message === 'string') assert.equal(parsed.message, message);
		else assert.match(parsed.message, message);
	}
}

const requests = [
	'[ERROR 400] BAD REQUEST',
	'[ERROR 401] UNAUTHORIZED REQUEST',
	'[ERROR 419] MISSING ARGUMENTS',
	'[ERROR 420] INVALID ARGUMENTS',
	'[ERROR 500] INTERNAL SERVER ERROR',
	'[INFO] REQUEST FAILED',
	'[WARN] UNAUTHORIZED REQUEST',
];

describe('terms in unstructured events', () => {
	it('matches everything with an empty pattern or a quoted blank', () => {
		assert.deepEqual(matching('', requests), requests);
		assert.deepEqual(matching('   ', requests), requests);
		assert.deepEqual(matching('" "', requests), requests);
	});

	it('needs every term, case-sensitively', () => {
		assert.deepEqual(matching('ERROR', requests), requests.slice(0, 5));
		assert.deepEqual(matching('ERROR ARGUMENTS', requests), ['[ERROR 419] MISSING ARGUMENTS', '[ERROR 420] INVALID ARGUMENTS']);
		assert.deepEqual(matching('error', requests), []);
	});

	it('matches ?optional terms when any appears', () => {
		assert.deepEqual(matching('?ARGUMENTS ?FAILED', requests), [
			'[ERROR 419] MISSING ARGUMENTS',
			'[ERROR 420] INVALID ARGUMENTS',
			'[INFO] REQUEST FAILED',
		]);
	});

	it('ignores ?optional terms next to plain terms, as the guide says', () => {
		assert.deepEqual(matching('?ERROR ?ARGUMENTS REQUEST', requests), [
			'[ERROR 400] BAD REQUEST',
			'[ERROR 401] UNAUTHORIZED REQUEST',
			'[INFO] REQUEST FAILED',
			'[WARN] UNAUTHORIZED REQUEST',
		]);
	});

	it('matches exact phrases in quotes, and leaves out -excluded terms', () => {
		assert.deepEqual(matching('"INTERNAL SERVER ERROR"', requests), ['[ERROR 500] INTERNAL SERVER ERROR']);
		assert.deepEqual(matching('"SERVER INTERNAL"', requests), []);
		assert.deepEqual(matching('ERROR -ARGUMENTS', requests), [
			'[ERROR 400] BAD REQUEST',
			'[ERROR 401] UNAUTHORIZED REQUEST',
			'[ERROR 500] INTERNAL SERVER ERROR',
		]);
		assert.deepEqual(matching('REQUEST -"BAD REQUEST" -WARN', requests), ['[ERROR 401] UNAUTHORIZED REQUEST', '[INFO] REQUEST FAILED']);
	});

	it('matches terms with dots and dashes, and quoted request ids', () => {
		const lines = ['connect 10.0.0.1 ok', 'RequestId: 8f5e1b2c-1d2e-4f50-9a6b-0c1d2e3f4a5b done'];
		assert.deepEqual(matching('10.0.0.1', lines), ['connect 10.0.0.1 ok']);
		assert.deepEqual(matching('"8f5e1b2c-1d2e-4f50-9a6b-0c1d2e3f4a5b"', lines), [lines[1]]);
	});

	it('searches %regular expressions%', () => {
		assert.deepEqual(matching('%AUTHORIZED%', requests), ['[ERROR 401] UNAUTHORIZED REQUEST', '[WARN] UNAUTHORIZED REQUEST']);
		assert.deepEqual(matching('%^\\[ERROR 4[0-9]{2}\\]%', requests), requests.slice(0, 4));
		assert.deepEqual(matching('%colou?r%', ['color', 'colour', 'colr']), ['color', 'colour']);
		assert.deepEqual(matching('%a{3, 5}%', ['aa', 'aaa b']), ['aaa b']);
	});

	it("refuses what AWS refuses, with AWS's words", () => {
		rejects('Status: timeout', "Invalid character(s) in term ':'");
		rejects('a,b', "Invalid character(s) in term ','");
		rejects('SUCCESS*', "Invalid character(s) in term '*'");
		rejects('x(y)', "Invalid character(s) in term '('");
		rejects('%(ab)+%', "Invalid character(s) in term '('");
		rejects('"unterminated', 'Invalid filter pattern');
		rejects('? ERROR', 'Invalid filter pattern');
		rejects('x'.repeat(1025), 'Invalid filter pattern');
	});
});

describe('JSON patterns', () => {
	const trail = JSON.stringify({
		eventType: 'UpdateTrail',
		sourceIPAddress: '111.111.111.111',
		arrayKey: ['value', 'another value'],
		objectList: [
			{name: 'a', id: 1},
			{name: 'b', id: 2},
		],
		SomeObject: null,
		'cluster.name': 'c',
		enabled: true,
	});
	const users = JSON.stringify({
		user: {id: 1, email: 'John.Stiles@example.com'},
		users: [
			{id: 2, email: 'John.Doe@example.com'},
			{id: 3, email: 'Jane.Doe@example.com'},
		],
		actions: ['GET', 'PUT', 'DELETE'],
		coordinates: [
			[0, 1, 2],
			[4, 5, 6],
			[7, 8, 9],
		],
	});
	const matches = (source: string, message: string): boolean => matchesFilterPattern(pattern(source), message);

	it("matches the guide's string, wildcard, regex and selector examples", () => {
		assert.equal(matches('{ $.eventType = "UpdateTrail" }', trail), true);
		assert.equal(matches('{ $.eventType = "UpdateBucket" }', trail), false);
		assert.equal(matches('{ $.eventType = Update* }', trail), true);
		assert.equal(matches('{ $.sourceIPAddress != 123.123.* }', trail), true);
		assert.equal(matches('{ $.sourceIPAddress != 111.111.* }', trail), false);
		assert.equal(matches('{ $.arrayKey[0] = "value" }', trail), true);
		assert.equal(matches('{ $.arrayKey[1] = "value" }', trail), false);
		assert.equal(matches('{ $.eventType = %Trail% }', trail), true);
		assert.equal(matches('{ $.arrayKey[*] = %val.{2}% }', trail), true);
		assert.equal(matches('{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }', trail), true);
		assert.equal(matches("{ $.['cluster.name'] = \"c\" }", trail), true);
		assert.equal(matches('{ $.objectList[1].name = "b" }', trail), true);
		assert.equal(matches('{ $.objectList[*].id = 2 }', trail), true);
	});

	it('tests IS TRUE, IS NULL and NOT EXISTS, and compares nothing against objects', () => {
		assert.equal(matches('{ $.SomeObject IS NULL }', trail), true);
		assert.equal(matches('{ $.eventType IS NULL }', trail), false);
		assert.equal(matches('{ $.enabled IS TRUE }', trail), true);
		assert.equal(matches('{ $.enabled IS FALSE }', trail), false);
		assert.equal(matches('{ $.SomeOtherObject NOT EXISTS }', trail), true);
		assert.equal(matches('{ $.eventType NOT EXISTS }', trail), false);
		assert.equal(matches('{ $.objectList = "a" }', trail), false);
		assert.equal(matches('{ $.missing != "x" }', trail), false);
		rejects('{ $.x IS NOT NULL }', 'Invalid filter pattern');
		rejects('{ $.x EXISTS }', 'Invalid filter pattern');
	});

	it('compares numbers, including scientific notation', () => {
		const metrics = '{"bandwidth": 80, "latency": 40, "errorCode": 400, "number": [1000]}';
		assert.equal(matches('{ $.bandwidth > 75 }', metrics), true);
		assert.equal(matches('{ $.latency < 50 }', metrics), true);
		assert.equal(matches('{ $.latency >= 41 }', metrics), false);
		assert.equal(matches('{ $.errorCode = 400 }', metrics), true);
		assert.equal(matches('{ $.errorCode != 500 }', metrics), true);
		assert.equal(matches('{ $.number[0] = 1e+3 }', metrics), true);
		assert.equal(matches('{ $.number[0] != 1e-3 }', metrics), true);
		rejects('{ $.latency > slow }', 'Invalid filter pattern');
	});

	it('combines with && and ||, && first, parentheses as written', () => {
		assert.equal(matches('{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', users), true);
		assert.equal(matches('{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }', users), true);
		assert.equal(matches('{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }', users), false);
		assert.equal(matches('{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', users), false);
		assert.equal(matches('{ $.coordinates[1][2] = 6 }', users), true);
	});

	it('matches only events that are JSON documents', () => {
		assert.equal(matches('{ $.level = "ERROR" }', '2026-01-01T00:00:00Z\tabc\tERROR\t{"level":"ERROR"}'), false);
		assert.equal(matches('{ $.level = "ERROR" }', '{"level":"ERROR"}\n'), true);
		assert.equal(matches('{ $.level = "ERROR" }', '{"level":'), false);
	});

	it('rejects malformed JSON patterns', () => {
		rejects('{ $.a = 1', 'Invalid filter pattern');
		rejects('{ a = 1 }', 'Invalid filter pattern');
		rejects('{ $."sc-status" = 5* }', 'Invalid character(s) in term \'$."\'');
		rejects('{ $.a = 1 && }', 'Invalid filter pattern');
	});
});

describe('space-delimited patterns', () => {
	const access = '127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';
	const app = [
		'INFO 09/25/2014 12:00:00 GET /service/resource/67 1200',
		'INFO 09/25/2014 12:00:01 POST /service/resource/67/part/111 1310',
		'WARNING 09/25/2014 12:00:02 Invalid user request',
		'ERROR 09/25/2014 12:00:02 Failed to process request',
	];

	it("parses the guide's access log line, with brackets and quotes as single fields", () => {
		const fields = '[ip=%127\\.0\\.0\\.[1-9]%, user, username, timestamp, request =*.html*, status_code = 4*, bytes]';
		assert.deepEqual(matching(fields, [access]), [access]);
		assert.deepEqual(matching('[..., request =*.html*, status_code = 4*, bytes]', [access]), [access]);
		assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code = 404 || status_code = 410, bytes]', [access]), [access]);
		assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code = 5*, bytes]', [access]), []);
		assert.deepEqual(matching('[..., status_code, bytes > 1000]', [access]), [access]);
		assert.deepEqual(matching('[..., status_code, bytes > 2000]', [access]), []);
		assert.deepEqual(matching('[ip, user, username, timestamp = "10/Oct/2000*", ...]', [access]), [access]);
	});

	it('gives the rest of the line to the last field, so w1 needs a w2', () => {
		assert.deepEqual(matching('[w1=ERROR, w2]', app), ['ERROR 09/25/2014 12:00:02 Failed to process request']);
		assert.deepEqual(matching('[w1=ERROR]', app), []);
		assert.deepEqual(matching('[w1=ERROR || w1=WARNING, w2]', app), app.slice(2));
		assert.deepEqual(matching('[w1!=ERROR && w1!=WARNING, w2]', app), app.slice(0, 2));
		assert.deepEqual(matching('[logLevel, date, time, method, url=%/service/resource/[0-9]+$%, response_time]', app), [app[0]]);
		assert.deepEqual(matching('[logLevel, date, time, method, url=%/service/resource/[0-9]+/part/[0-9]+$%, response_time]', app), [app[1]]);
	});

	it("matches Lambda's tab-separated console lines", () => {
		const line = '2026-01-01T10:00:00.000Z\t8f5e1b2c-1d2e-4f50-9a6b-0c1d2e3f4a5b\tINFO\tHello world';
		assert.deepEqual(matching('[timestamp=*Z, request_id="*-*", event]', [line, 'START RequestId: x Version: $LATEST']), [line]);
		assert.deepEqual(matching('[timestamp, request_id, level=INFO, ...]', [line]), [line]);
		assert.deepEqual(matching('[timestamp, request_id, level=ERROR, ...]', [line]), []);
	});

	it('rejects malformed delimited patterns', () => {
		rejects('[a, b', 'Invalid filter pattern');
		rejects('[]', 'Invalid filter pattern');
		rejects('[a IS NULL]', 'Invalid filter pattern');
		rejects('[a="x, b]', 'Invalid filter pattern');
	});
});

describe('highlights', () => {
	it('marks every occurrence of the terms a terms pattern matched, merged', () => {
		const message = 'ERROR: disk ERROR on /dev/sda';
		assert.deepEqual(filterPatternHighlights(pattern('ERROR'), message), [
			{start: 0, end: 5},
			{start: 12, end: 17},
		]);
		assert.deepEqual(filterPatternHighlights(pattern('"disk ERROR" ERROR'), message), [
			{start: 0, end: 5},
			{start: 7, end: 17},
		]);
		assert.deepEqual(filterPatternHighlights(pattern('?sda ?nvme'), message), [{start: 26, end: 29}]);
		assert.deepEqual(filterPatternHighlights(pattern('%/dev/[a-z]+%'), message), [{start: 21, end: 29}]);
	});

	it('marks nothing for structured patterns', () => {
		assert.deepEqual(filterPatternHighlights(pattern('{ $.a = 1 }'), '{"a":1}'), []);
		assert.deepEqual(filterPatternHighlights(pattern(''), 'x'), []);
	});
});

describe('filterPatternAdvice: why a pattern is refused and what would be read, in one line', () => {
	/** A form's note at 80 columns holds 74 characters. */
	const advice = (source: string): string => {
		const text = filterPatternAdvice(source);
		assert.ok(text !== undefined, `"${source}" should be refused`);
		assert.ok(text.length <= 74, `one line at 80 columns: ${text}`);
		return text;
	};

	it('has nothing to say about a pattern CloudWatch reads, or an empty one', () => {
		for (const source of ['', '   ', 'ERROR', '?ERROR ?WARN', '"foo:bar"', '{ $.level = "ERROR" }', '[a, b = 5]', '%ERRO?R%']) {
			assert.equal(filterPatternAdvice(source), undefined, source);
		}
	});

	it("gives CloudWatch's reason for a character a term may not hold, and the term quoted", () => {
		assert.equal(advice('foo:bar'), `Invalid character(s) in term ':': quote such a term, "foo:bar"`);
		assert.equal(advice('ERROR -Status:timeout'), `Invalid character(s) in term ':': quote such a term, -"Status:timeout"`);
		assert.match(advice(`ERROR ${'x'.repeat(40)}:y`), /^Invalid character\(s\) in term ':': quote such a term, "a:b"$/);
		assert.match(advice('%(ab)+%'), /^Invalid character\(s\) in term '\(': a %regex% has no groups: %ERROR\|WARN%$/);
		assert.match(advice('{ $."sc-status" = 5 }'), /^Invalid character\(s\) in term '\$\."': write it as \{ \$\.level = "ERROR" \}$/);
	});

	it('says what is wrong where CloudWatch says only "Invalid filter pattern", with an example of the kind meant', () => {
		assert.equal(advice('{ $.level = '), 'Not a pattern CloudWatch reads: no closing }. Try { $.level = "ERROR" }');
		assert.match(advice('{ $.a = }'), /^Not a pattern CloudWatch reads\. Try \{ \$\.level/);
		assert.match(advice('{ $.x IS NOT NULL }'), /only NOT EXISTS/);
		assert.match(advice('[a, b'), /no closing \]/);
		assert.match(advice('[]'), /^Not a pattern CloudWatch reads\. Try \[ip, user/);
		assert.match(advice('"Task timed'), /a " is not closed/);
		assert.match(advice('? ERROR'), /no blank after \? or -/);
		assert.match(advice('%%'), /check the %regex%/);
		assert.match(advice('"a"b'), /blank between terms/);
		assert.equal(advice('x'.repeat(1025)), 'A filter pattern holds at most 1024 characters; this one has 1025');
	});
});
