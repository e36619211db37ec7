// Environment variables as the console edits them: names, reserved keys, the
// 4 KB gauge, and the KEY=VALUE text of an $EDITOR session.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
	checkEnvironmentVariableName,
	checkEnvironmentVariables,
	environmentTextHelp,
	environmentUsage,
	formatEnvironmentText,
	parseEnvironmentText,
} from '../../source/domain/environment-variables.js';

describe('environment variable checks', () => {
	it('names: a letter, then letters, digits or _, at least 2 characters; reserved keys refused; each message says what is allowed', () => {
		assert.equal(checkEnvironmentVariableName('TABLE_NAME'), undefined);
		assert.equal(checkEnvironmentVariableName('a1'), undefined);
		assert.match(checkEnvironmentVariableName('A') ?? '', /start with a letter, then letters, digits or underscores, at least 2 characters/);
		assert.match(checkEnvironmentVariableName('1ABC') ?? '', /^'1ABC' is not a valid variable name/);
		assert.match(checkEnvironmentVariableName('MY-VAR') ?? '', /not a valid variable name/);
		assert.match(checkEnvironmentVariableName('AWS_REGION') ?? '', /^AWS_REGION is set by Lambda itself and cannot be set here; choose another name \(reserved: .*LAMBDA_TASK_ROOT/);
		assert.equal(checkEnvironmentVariableName('TZ'), undefined, 'TZ may be set');
	});

	it('measures the 4 KB as Lambda does: the variables as compact JSON, in UTF-8 bytes', () => {
		assert.deepEqual(environmentUsage({}), {usedBytes: 2, limitBytes: 4096});
		assert.deepEqual(environmentUsage({A1: 'b'}), {usedBytes: '{"A1":"b"}'.length, limitBytes: 4096});
		assert.equal(environmentUsage({QUOTE: 'say "hi"\n'}).usedBytes, Buffer.byteLength(String.raw`{"QUOTE":"say \"hi\"\n"}`), 'escapes count');
		assert.equal(environmentUsage({CITY: 'Zürich'}).usedBytes, '{"CITY":"Zürich"}'.length + 1, 'ü is 2 bytes');
		const fits = {BIG: 'x'.repeat(4096 - 10)};
		assert.equal(environmentUsage(fits).usedBytes, 4096);
		assert.deepEqual(checkEnvironmentVariables(fits), []);
		assert.deepEqual(checkEnvironmentVariables({BIG: 'x'.repeat(4087)}), [
			'The variables take 4097 bytes; Lambda allows 4096 bytes (4 KB) in all, measured as JSON: shorten or remove some.',
		]);
		assert.equal(checkEnvironmentVariables({'1X': 'a', AWS_REGION: 'b', OK: 'c'}).length, 2);
	});
});

describe('the KEY=VALUE text of an $EDITOR session', () => {
	it('reads KEY=VALUE lines, skipping comments and blank lines; values may contain = and #', () => {
		const parsed = parseEnvironmentText(
			['# Environment of orders', '', 'TABLE=orders', '  URL = https://x.test/?a=b&c=d', 'EMPTY=', 'HASH=#not-a-comment', '   # indented comment', 'SPACED=  kept  '].join('\n'),
		);
		assert.deepEqual(parsed.problems, []);
		assert.deepEqual(parsed.variables, {TABLE: 'orders', URL: ' https://x.test/?a=b&c=d', EMPTY: '', HASH: '#not-a-comment', SPACED: '  kept  '});
	});

	it('reports each problem with its line: no =, no name, bad or reserved names, repeated keys', () => {
		const parsed = parseEnvironmentText(['A1=1', 'JUSTTEXT', '=value', '1BAD=x', 'AWS_REGION=eu-west-1', 'A1=2', '\r'].join('\r\n'));
		assert.deepEqual(
			parsed.problems.map((problem) => problem.line),
			[2, 3, 4, 5, 6],
		);
		assert.equal(parsed.problems[0]?.message, "Line 2: write KEY=VALUE (no '=' found).");
		assert.equal(parsed.problems[1]?.message, "Line 3: the name before '=' is missing; write KEY=VALUE.");
		assert.match(parsed.problems[2]?.message ?? '', /^Line 4: '1BAD' is not a valid variable name/);
		assert.match(parsed.problems[3]?.message ?? '', /^Line 5: AWS_REGION is set by Lambda itself/);
		assert.equal(parsed.problems[4]?.message, 'Line 6: A1 is already set on line 1; keep one of them.');
		assert.equal(parsed.variables['A1'], '1', 'of a repeated key, the first line counts');
	});

	it('reports the 4 KB limit for the whole text, without a line', () => {
		const parsed = parseEnvironmentText(`BIG=${'x'.repeat(5000)}\n`);
		assert.equal(parsed.problems.length, 1);
		assert.equal(parsed.problems[0]?.line, undefined);
		assert.match(parsed.problems[0]?.message ?? '', /Lambda allows 4096 bytes/);
	});

	it('writes the variables so that they read back the same, with the help as comments', () => {
		const variables = {
			PLAIN: 'value=with=equals',
			MULTI: 'line one\nline two',
			PADDED: ' padded ',
			QUOTED: '"already quoted"',
			EMPTY: '',
			HASH: '# not a comment',
		};
		const text = formatEnvironmentText(variables, environmentTextHelp);
		assert.ok(text.startsWith('# One KEY=VALUE a line.'));
		assert.ok(text.includes('\nPLAIN=value=with=equals\n'));
		assert.ok(text.includes('\nMULTI="line one\\nline two"\n'));
		assert.ok(text.endsWith('\n'));
		const parsed = parseEnvironmentText(text);
		assert.deepEqual(parsed.problems, []);
		assert.deepEqual(parsed.variables, variables);
		assert.deepEqual(parseEnvironmentText(formatEnvironmentText({})).variables, {}, 'an empty text removes them all');
		assert.equal(parseEnvironmentText('A1="not json').variables['A1'], '"not json', 'a value that only starts with a quote is taken as written');
	});
});
