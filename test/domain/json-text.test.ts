import assert from 'node:assert/strict';
import {test} from 'node:test';
import {checkJson, prettyJson, type JsonCheck} from '../../source/domain/json-text.js';

/** The mistake checkJson reports, as one object to compare. */
function mistake(text: string): {line: number; column: number; message: string} {
	const check: JsonCheck = checkJson(text);
	assert.equal(check.ok, false, `${JSON.stringify(text)} should be rejected`);
	if (check.ok) throw new Error('unreachable');
	return {line: check.line, column: check.column, message: check.message};
}

test('valid JSON gives the value JSON.parse gives', () => {
	const text = '{\n  "name": "x",\n  "list": [1, -0.5e10, 2E+3, 0, 0.25, true, false, null, {"deep": [[], {}]}],\n  "e": "\\u00e9\\ud83d\\ude00 \\" \\\\ \\/ \\b\\f\\n\\r\\t"\n}';
	const check = checkJson(text);
	assert.deepEqual(check, {ok: true, value: JSON.parse(text)});
	assert.deepEqual(checkJson('-0.5e10'), {ok: true, value: -5e9});
	assert.deepEqual(checkJson(' "é😀" '), {ok: true, value: 'é😀'});
	assert.deepEqual(checkJson('\r\n[]\r\n'), {ok: true, value: []});
});

test('empty text asks for a value', () => {
	const expected = {line: 1, column: 1, message: 'The event is empty: write a JSON value, such as {}'};
	assert.deepEqual(mistake(''), expected);
	assert.deepEqual(mistake(' \n\t\r\n '), expected);
});

test('a missing comma names what was expected after which property, at the next token', () => {
	assert.deepEqual(mistake('{\n  "key1": 1,\n  "key2": 2\n  "key3": 3\n}'), {
		line: 4,
		column: 3,
		message: 'Expected \',\' or \'}\' after the value of "key2"',
	});
	assert.deepEqual(mistake('[1, 2 3]'), {line: 1, column: 7, message: "Expected ',' or ']' after item 2 of the array"});
	assert.deepEqual(mistake('{"a": {"b": 1] }'), {
		line: 1,
		column: 14,
		message: 'Expected \',\' or \'}\' after the value of "b": \']\' does not close the object opened at line 1, column 7',
	});
});

test('an unclosed object, array or string says where it was opened, at the end of the text', () => {
	assert.deepEqual(mistake('{\n  "a": 1\n'), {line: 3, column: 1, message: 'Unexpected end: the object opened at line 1, column 1 is not closed'});
	assert.deepEqual(mistake('{"a": [1, 2'), {line: 1, column: 12, message: 'Unexpected end: the array opened at line 1, column 7 is not closed'});
	assert.deepEqual(mistake('["abc'), {line: 1, column: 6, message: 'Unexpected end: the string opened at line 1, column 2 is not closed'});
	assert.deepEqual(mistake('"ab\\'), {line: 1, column: 5, message: 'Unexpected end: the string opened at line 1, column 1 is not closed'});
});

test('trailing commas point at the comma', () => {
	assert.deepEqual(mistake('{\n  "a": 1,\n}'), {line: 2, column: 9, message: "Trailing comma before '}' (JSON does not allow it)"});
	assert.deepEqual(mistake('[1, 2, ]'), {line: 1, column: 6, message: "Trailing comma before ']' (JSON does not allow it)"});
});

test('quotes: property names need double quotes, strings too', () => {
	assert.deepEqual(mistake('{\n  name: "x"\n}'), {line: 2, column: 3, message: 'Property names need double quotes'});
	assert.deepEqual(mistake("{'name': 1}"), {line: 1, column: 2, message: 'Property names need double quotes, not single'});
	assert.deepEqual(mistake("{\"a\": 'x'}"), {line: 1, column: 7, message: 'Strings need double quotes, not single'});
	assert.deepEqual(mistake('{"a": “x”}'), {line: 1, column: 7, message: 'Strings need straight double quotes ("), not “ ”'});
	assert.deepEqual(mistake('{"a" 1}'), {line: 1, column: 6, message: 'Expected \':\' after the property name "a"'});
});

test('unexpected characters and words say what a value can be', () => {
	const kinds = '(a string, number, object, array, true, false or null)';
	assert.deepEqual(mistake('{"a": x}'), {line: 1, column: 7, message: `Unexpected character 'x': expected a value ${kinds}`});
	assert.deepEqual(mistake('[1, @]'), {line: 1, column: 5, message: `Unexpected character '@': expected a value ${kinds}`});
	assert.deepEqual(mistake('\uFEFF{}'), {line: 1, column: 1, message: `Unexpected character U+FEFF: expected a value ${kinds}`});
	assert.deepEqual(mistake('[undefined]'), {line: 1, column: 2, message: `Unexpected word 'undefined': expected a value ${kinds}`});
	assert.deepEqual(mistake('True'), {line: 1, column: 1, message: 'Write true in lower case, not True'});
	assert.deepEqual(mistake('{"a": }'), {line: 1, column: 7, message: `Expected a value for "a" ${kinds}, not '}'`});
	assert.deepEqual(mistake('[1,,2]'), {line: 1, column: 4, message: `Expected a value ${kinds}, not ','`});
	assert.deepEqual(mistake('// note\n{}'), {line: 1, column: 1, message: 'Comments are not allowed in JSON'});
	assert.deepEqual(mistake('{} {}'), {line: 1, column: 4, message: 'Unexpected text after the JSON value'});
	assert.deepEqual(mistake('[1]\n\nx'), {line: 3, column: 1, message: 'Unexpected text after the JSON value'});
});

test('escapes and control characters inside strings', () => {
	assert.deepEqual(mistake('{"path": "C:\\qa"}'), {line: 1, column: 13, message: 'Invalid escape \\q in a string'});
	assert.deepEqual(mistake('"\\u12G4"'), {line: 1, column: 2, message: 'Invalid escape \\u12 in a string: \\u needs four hexadecimal digits'});
	assert.deepEqual(mistake('{"a": "one\ntwo"}'), {line: 1, column: 11, message: 'Control character in a string (write \\n)'});
	assert.deepEqual(mistake('"a\tb"'), {line: 1, column: 3, message: 'Control character in a string (write \\t)'});
	assert.deepEqual(mistake('"\u0001"'), {line: 1, column: 2, message: 'Control character in a string (write \\u0001)'});
});

test('numbers follow JSON: no leading zeros, digits on both sides of the point, a digit in the exponent', () => {
	for (const valid of ['0', '-0', '-0.5e10', '1.25', '10', '1e5', '1E-5', '2e+3']) assert.equal(checkJson(valid).ok, true, valid);
	assert.deepEqual(mistake('01'), {line: 1, column: 1, message: 'Numbers cannot have leading zeros (write 1, not 01)'});
	assert.deepEqual(mistake('[1.]'), {line: 1, column: 4, message: 'Expected a digit after the decimal point (write 1.0, not 1.)'});
	assert.deepEqual(mistake('.5'), {line: 1, column: 1, message: 'Numbers need a digit before the decimal point (write 0.5, not .5)'});
	assert.deepEqual(mistake('+1'), {line: 1, column: 1, message: "Numbers cannot start with '+' (write 1, not +1)"});
	assert.deepEqual(mistake('-x'), {line: 1, column: 2, message: "Expected a digit after '-'"});
	assert.deepEqual(mistake('1e'), {line: 1, column: 3, message: 'Expected a digit in the exponent (as in 1e10)'});
});

test('columns count characters, not UTF-16 units or bytes', () => {
	assert.deepEqual(mistake('{"😀日本": 1 x}'), {line: 1, column: 11, message: 'Expected \',\' or \'}\' after the value of "😀日本"'});
	assert.deepEqual(mistake('["😀😀", x]'), {line: 1, column: 8, message: "Unexpected character 'x': expected a value (a string, number, object, array, true, false or null)"});
});

test('100 000 levels of nesting are checked without overflowing the stack', () => {
	const depth = 100_000;
	assert.equal(checkJson('['.repeat(depth) + ']'.repeat(depth)).ok, true);
	assert.equal(checkJson('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)).ok, true);
	assert.deepEqual(mistake('['.repeat(depth)), {line: 1, column: depth + 1, message: `Unexpected end: the array opened at line 1, column ${depth} is not closed`});
	// Too deep for JSON.stringify: prettyJson leaves the text alone instead of throwing.
	const deep = '['.repeat(depth) + ']'.repeat(depth);
	assert.equal(prettyJson(deep), deep);
});

test('a 6 MB event is checked, and a mistake near its end is found', () => {
	const items = Array.from({length: 40_000}, (_, index) => ({id: index, name: `item ${index}`, text: 'héllo wörld 日本 '.repeat(5), list: [1, 2.5, true, null]}));
	const text = JSON.stringify(items, null, 2);
	assert.ok(text.length > 6_000_000, `the event is ${text.length} characters`);
	const check = checkJson(text);
	assert.equal(check.ok, true);
	assert.equal(check.ok && Array.isArray(check.value) ? check.value.length : -1, 40_000);
	const lines = text.split('\n');
	const broken = `${text.slice(0, -2)},\n]`;
	assert.deepEqual(mistake(broken), {line: lines.length - 1, column: 4, message: "Trailing comma before ']' (JSON does not allow it)"});
});

test('prettyJson indents valid JSON by two spaces and leaves anything else as it is', () => {
	assert.equal(prettyJson('{"a":[1,{"b":null}]}'), '{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ]\n}');
	assert.equal(prettyJson('{"a": 1,}'), '{"a": 1,}');
	assert.equal(prettyJson(''), '');
});
