// Which states of an Amazon States Language definition call a function (by
// its ARN as the Resource, or through lambda:invoke naming it in any form),
// in Parallel branches and Map item processors; the lines that name it; and
// the first checks of a definition Step Functions refuses.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {definitionLines, definitionProblem, functionNameMatches, lineNamesFunction, prettyDefinition, statesCalling} from '../../source/domain/state-machine-definition.js';

const fn = {name: 'pay', arn: 'arn:aws:lambda:eu-west-1:111122223333:function:pay', account: '111122223333', region: 'eu-west-1'};

function task(resource: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {Type: 'Task', Resource: resource, End: true, ...extra};
}

function machine(states: Record<string, unknown>): string {
	return JSON.stringify({StartAt: Object.keys(states)[0], States: states});
}

describe('statesCalling', () => {
	it('finds a Task whose Resource is the function ARN, with or without a version or alias', () => {
		const found = statesCalling(
			machine({
				Plain: task(fn.arn),
				Version: task(`${fn.arn}:3`),
				Alias: task(`${fn.arn}:live`),
				Latest: task(`${fn.arn}:$LATEST`),
			}),
			fn,
		);
		assert.deepEqual(
			found.map((call) => [call.stateName, call.path, call.resource]),
			[
				['Plain', 'Plain', fn.arn],
				['Version', 'Version', `${fn.arn}:3`],
				['Alias', 'Alias', `${fn.arn}:live`],
				['Latest', 'Latest', `${fn.arn}:$LATEST`],
			],
		);
	});

	it('does not take another function whose name starts the same, nor the same name elsewhere', () => {
		const found = statesCalling(
			machine({
				Longer: task(`${fn.arn}-refunds`),
				OtherAccount: task('arn:aws:lambda:eu-west-1:999999999999:function:pay'),
				OtherRegion: task('arn:aws:lambda:us-east-1:111122223333:function:pay'),
				NotATask: {Type: 'Pass', Result: fn.arn, End: true},
				Invoke: task('arn:aws:states:::lambda:invoke', {Parameters: {FunctionName: 'payroll'}}),
				Partial: task('arn:aws:states:::lambda:invoke', {Parameters: {FunctionName: '999999999999:function:pay'}}),
				Dynamic: task('arn:aws:states:::lambda:invoke', {Parameters: {'FunctionName.$': '$.name'}}),
				Sns: task('arn:aws:states:::sns:publish', {Parameters: {FunctionName: 'pay'}}),
			}),
			fn,
		);
		assert.deepEqual(found, []);
	});

	it('finds lambda:invoke and its .waitForTaskToken with every form of FunctionName', () => {
		const invoke = 'arn:aws:states:::lambda:invoke';
		const found = statesCalling(
			machine({
				Name: task(invoke, {Parameters: {FunctionName: 'pay', 'Payload.$': '$'}}),
				NameAlias: task(invoke, {Parameters: {FunctionName: 'pay:live'}}),
				Arn: task(invoke, {Parameters: {FunctionName: fn.arn}}),
				ArnVersion: task(invoke, {Parameters: {FunctionName: `${fn.arn}:7`}}),
				PartialArn: task(invoke, {Parameters: {FunctionName: '111122223333:function:pay'}}),
				PartialAlias: task(invoke, {Parameters: {FunctionName: '111122223333:function:pay:prod'}}),
				Token: task(`${invoke}.waitForTaskToken`, {Parameters: {FunctionName: 'pay', Payload: {'token.$': '$$.Task.Token'}}}),
				Jsonata: task(invoke, {QueryLanguage: 'JSONata', Arguments: {FunctionName: fn.arn, Payload: '{% $states.input %}'}}),
			}),
			fn,
		);
		assert.deepEqual(
			found.map((call) => call.stateName),
			['Name', 'NameAlias', 'Arn', 'ArnVersion', 'PartialArn', 'PartialAlias', 'Token', 'Jsonata'],
		);
		assert.equal(found[6]?.resource, 'arn:aws:states:::lambda:invoke.waitForTaskToken');
	});

	it('looks into Parallel branches and Map processors (Iterator and ItemProcessor), saying where each state is', () => {
		const found = statesCalling(
			machine({
				'Parallel A': {
					Type: 'Parallel',
					Branches: [
						{StartAt: 'Skip', States: {Skip: {Type: 'Pass', End: true}}},
						{
							StartAt: 'Charge',
							States: {
								Charge: task(fn.arn),
								Each: {Type: 'Map', ItemProcessor: {StartAt: 'Refund', States: {Refund: task('arn:aws:states:::lambda:invoke', {Parameters: {FunctionName: 'pay'}})}}, End: true},
							},
						},
					],
					Next: 'Old map',
				},
				'Old map': {Type: 'Map', Iterator: {StartAt: 'Line', States: {Line: task(fn.arn)}}, End: true},
			}),
			fn,
		);
		assert.deepEqual(
			found.map((call) => call.path),
			['Parallel A › branch 2 › Charge', 'Parallel A › branch 2 › Each › each item › Refund', 'Old map › each item › Line'],
		);
		assert.deepEqual(
			found.map((call) => call.stateName),
			['Charge', 'Refund', 'Line'],
		);
	});

	it('gives nothing for a definition that is not JSON, or not an object, or has no States', () => {
		assert.deepEqual(statesCalling('{"StartAt": ', fn), []);
		assert.deepEqual(statesCalling('[1, 2]', fn), []);
		assert.deepEqual(statesCalling('{"StartAt": "A"}', fn), []);
		assert.deepEqual(statesCalling('null', fn), []);
	});
});

describe('functionNameMatches', () => {
	it('takes the name, the ARN and the partial ARN, each with a qualifier, and nothing else', () => {
		for (const value of ['pay', 'pay:1', 'pay:$LATEST', fn.arn, `${fn.arn}:live`, '111122223333:function:pay', '111122223333:function:pay:2']) {
			assert.ok(functionNameMatches(value, fn), value);
		}
		for (const value of ['Pay', 'pay:', 'pay:a:b', 'payment', `${fn.arn}x`, 'function:pay', '111122223333:function:payment', 'arn:aws:lambda:eu-west-1:111122223333:function:pay:bad qualifier']) {
			assert.ok(!functionNameMatches(value, fn), value);
		}
	});

	it('takes a function ARN that is itself qualified as the function', () => {
		assert.ok(functionNameMatches('pay', {...fn, arn: `${fn.arn}:live`}));
		assert.deepEqual(statesCalling(machine({A: task(fn.arn)}), {...fn, arn: `${fn.arn}:live`}).length, 1);
	});
});

describe('lineNamesFunction and prettyDefinition', () => {
	it('marks the lines that name the function as a whole word', () => {
		assert.ok(lineNamesFunction(`      "Resource": "${fn.arn}",`, 'pay'));
		assert.ok(lineNamesFunction('        "FunctionName": "pay:live"', 'pay'));
		assert.ok(!lineNamesFunction('        "FunctionName": "payroll"', 'pay'));
		assert.ok(!lineNamesFunction('        "Comment": "repay"', 'pay'));
		assert.ok(lineNamesFunction('a.b', 'a.b'), 'a name is not a pattern');
		assert.ok(!lineNamesFunction('axb', 'a.b'));
	});

	it('indents JSON by two spaces and leaves anything else as it is', () => {
		assert.equal(prettyDefinition('{"StartAt":"A","States":{}}'), '{\n  "StartAt": "A",\n  "States": {}\n}');
		assert.equal(prettyDefinition('not json'), 'not json');
	});
});

describe('definitionLines', () => {
	it('keeps short lines, breaks a long one under itself after a colon, and marks the lines naming the function', () => {
		const definition = prettyDefinition(JSON.stringify({StartAt: 'A', States: {A: {Type: 'Task', Resource: fn.arn, End: true}}}));
		const lines = definitionLines(definition, 'pay', 40);
		assert.ok(lines.every((line) => line.text.length <= 40), JSON.stringify(lines));
		const marked = lines.filter((line) => line.tone === 'heading').map((line) => line.text);
		assert.deepEqual(marked, ['      "Resource": "arn:aws:lambda:', '        eu-west-1:111122223333:function:', '        pay",']);
		assert.equal(lines.find((line) => line.text.includes('StartAt'))?.tone, 'normal');
		assert.equal(lines.map((line) => line.text.trim()).join(''), definition.split('\n').map((line) => line.trim()).join(''), 'nothing lost');
	});

	it('strips terminal control sequences from the definition', () => {
		const lines = definitionLines('{"Comment": "\u001b[31mred\u001b[0m"}', 'pay', 80);
		assert.deepEqual(lines.map((line) => line.text), ['{"Comment": "red"}']);
	});
});

describe('definitionProblem', () => {
	it('accepts a definition with StartAt naming one of its States', () => {
		assert.equal(definitionProblem(machine({A: {Type: 'Pass', End: true}})), undefined);
	});

	it('says what Step Functions says of JSON that is not, and of missing or wrong StartAt and States', () => {
		assert.match(definitionProblem('{"StartAt": ') ?? '', /^INVALID_JSON_DESCRIPTION: /);
		assert.equal(definitionProblem('[]'), 'SCHEMA_VALIDATION_FAILED: Expected value of type: Object at /');
		assert.equal(definitionProblem('{}'), 'SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt, States] at /');
		assert.equal(definitionProblem('{"States": {}}'), 'SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at /');
		assert.equal(definitionProblem('{"StartAt": 1, "States": {}}'), 'SCHEMA_VALIDATION_FAILED: Expected value of type: String at /StartAt');
		assert.equal(definitionProblem('{"StartAt": "A", "States": []}'), 'SCHEMA_VALIDATION_FAILED: Expected value of type: Object at /States');
		assert.equal(definitionProblem('{"StartAt": "A", "States": {"B": {"Type": "Pass", "End": true}}}'), "MISSING_TRANSITION_TARGET: Missing 'Next' target: A at /StartAt");
	});
});
