import assert from 'node:assert/strict';
import {test} from 'node:test';
import {functionErrorOf, outcomeOf, prettyPrintMax, resultLines, responseLines, summaryLine, verdictOf, type Invocation, type InvocationResponse} from '../../source/domain/invocation-result.js';

const report = 'REPORT RequestId: req-1\tDuration: 2.50 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\tInit Duration: 120.00 ms\t\n';

function invocation(response: InvocationResponse, extra: Partial<Invocation> = {}): Invocation {
	return {
		sequence: 1,
		functionName: 'hello',
		eventName: 'greet',
		qualifier: undefined,
		async: false,
		startedAt: new Date('2026-11-27T07:00:00Z'),
		elapsedMs: 5,
		outcome: outcomeOf(response),
		...extra,
	};
}

const ok: InvocationResponse = {statusCode: 200, requestId: 'req-1', payload: '{"statusCode":200,"body":"hi"}', functionError: undefined, log: `START RequestId: req-1\n${report}`, executedVersion: '$LATEST'};

test('a success shows its verdict, the REPORT figures, the pretty response and the log', () => {
	const lines = resultLines(invocation(ok), 60).map((line) => line.text);
	assert.equal(verdictOf(invocation(ok)), 'succeeded');
	assert.match(lines[0] ?? '', /^✔ Succeeded \(200\) · 2\.50 ms/);
	assert.ok(lines.includes('Billed      3 ms'));
	assert.ok(lines.includes('Memory      64 MB used of 128 MB'));
	assert.ok(lines.includes('Init        120.00 ms (cold start)'));
	assert.ok(lines.includes('Version     $LATEST'));
	assert.ok(lines.includes('  "statusCode": 200,'));
	assert.ok(lines.some((line) => line.startsWith('REPORT RequestId: req-1')));
});

test('a Node.js error shows its type, message and stack, not the raw document', () => {
	const payload = JSON.stringify({errorType: 'TypeError', errorMessage: 'Cannot read properties of undefined', trace: ['TypeError: Cannot read properties of undefined', '    at handler (/var/task/index.mjs:3:9)']});
	const failed = invocation({...ok, payload, functionError: 'Unhandled'});
	assert.equal(verdictOf(failed), 'failed');
	assert.equal(summaryLine(failed).text, '✘ Failed: TypeError — Cannot read properties of undefined');
	const lines = resultLines(failed, 80).map((line) => line.text);
	assert.ok(lines.includes('Type: TypeError'));
	assert.ok(lines.includes('      at handler (/var/task/index.mjs:3:9)'), 'the stack, indented under its heading');
	assert.ok(!lines.some((line) => line.includes('"errorType"')));
});

test('a Python error\'s stackTrace entries become lines', () => {
	const details = functionErrorOf(
		JSON.stringify({errorMessage: 'boom', errorType: 'ValueError', requestId: 'r', stackTrace: ['  File "/var/task/app.py", line 4, in handler\n    raise ValueError("boom")\n']}),
		'Unhandled',
	);
	assert.deepEqual(details, {type: 'ValueError', message: 'boom', stack: ['  File "/var/task/app.py", line 4, in handler', '    raise ValueError("boom")']});
	assert.deepEqual(functionErrorOf('not json', 'Unhandled'), {type: 'Unhandled', message: 'not json', stack: []});
});

test('an asynchronous invocation is queued, with no response to show', () => {
	const queued = invocation({statusCode: 202, requestId: 'req-2', payload: '', functionError: undefined, log: undefined, executedVersion: undefined}, {async: true});
	assert.equal(verdictOf(queued), 'queued');
	assert.match(summaryLine(queued).text, /Queued \(202\)/);
	assert.ok(!resultLines(queued, 60).some((line) => line.text.startsWith('── Response')));
});

test('a refused call says the function was not invoked, and why', () => {
	const refused: Invocation = {...invocation(ok), outcome: {kind: 'call-failed', message: 'Rate exceeded'}};
	assert.equal(verdictOf(refused), 'not-invoked');
	assert.equal(summaryLine(refused).text, '✘ Not invoked: Rate exceeded');
});

test('a refused call\'s long message is shown whole: it has no Error section to give the rest', () => {
	const advice = 'The local Lambda cannot run orders-image: it is a container image function. '.repeat(3) + 'Running images needs a container engine.';
	const refused: Invocation = {...invocation(ok), outcome: {kind: 'call-failed', message: advice}};
	const text = resultLines(refused, 50)
		.map((line) => line.text)
		.join(' ')
		.replace(/\s+/g, ' ');
	assert.match(text, /Running images needs a container engine\./);
	assert.doesNotMatch(text, /…/);
});

test('a response over 1 MB is shown as received, wrapped to the width, and control sequences are removed', () => {
	const big = `{"data":"${'a'.repeat(prettyPrintMax)}"}`;
	const {lines, note} = responseLines(big);
	assert.match(note ?? '', /shown as received/);
	assert.equal(lines.length, 1);
	const wrapped = resultLines(invocation({...ok, payload: big}), 50);
	assert.ok(wrapped.every((line) => line.text.length <= 50));
	assert.ok(wrapped.length > prettyPrintMax / 50);
	const escapes = responseLines('plain \u001B[31mred\u001B[0m text');
	assert.deepEqual(escapes.lines, ['plain red text']);
});

test('a response of 200,000 short lines is laid out without running out of stack, every line there', () => {
	// Array(200000).fill(1), pretty-printed one value a line: more lines than a call takes arguments.
	const payload = JSON.stringify(Array.from({length: 200_000}, () => 1));
	const lines = resultLines(invocation({...ok, payload}), 51);
	const body = lines.filter((line) => line.text === '  1,' || line.text === '  1');
	assert.equal(body.length, 200_000);
	assert.equal(lines.filter((line) => line.text === '[').length, 1);
	const lastItem = lines.findIndex((line) => line.text === '  1');
	assert.ok(lines.slice(lastItem).some((line) => line.text.startsWith('REPORT RequestId: req-1')), 'the log tail still follows the response');
});

test('an error with 200,000 stack lines, and a log of 200,000 lines, are laid out too', () => {
	const payload = JSON.stringify({errorType: 'RangeError', errorMessage: 'deep', trace: Array.from({length: 200_000}, (_, index) => `    at frame${index} (index.mjs:1:1)`)});
	const failed = resultLines(invocation({...ok, payload, functionError: 'Unhandled'}), 80);
	assert.ok(failed.some((line) => line.text === '      at frame199999 (index.mjs:1:1)'));
	const log = `${'a line\n'.repeat(200_000)}${report}`;
	const logged = resultLines(invocation({...ok, log}), 80);
	assert.equal(logged.filter((line) => line.text === 'a line').length, 200_000);
});

test('a long error message is given whole under Error, and cut in the verdict at the top', () => {
	const message = 'word '.repeat(10_000).trim();
	const failed = invocation({...ok, payload: JSON.stringify({errorType: 'Error', errorMessage: message}), functionError: 'Unhandled'});
	const lines = resultLines(failed, 60);
	const errorAt = lines.findIndex((line) => line.text.startsWith('── Error'));
	// Three lines of verdict, then the details: the error is on the first screen.
	assert.ok(errorAt > 0 && errorAt <= 12, `the details are near the top (at ${errorAt})`);
	assert.ok(lines[2]?.text.endsWith('…'), 'the verdict is cut on its third line');
	const underError = lines.slice(errorAt).filter((line) => line.tone === 'danger').map((line) => line.text).join(' ');
	assert.equal(underError.match(/word/g)?.length, 10_000);
});

test('JSON nested too deeply to reformat is shown as received and says so; a pretty response is cleaned of control characters', () => {
	const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
	const {lines, note} = responseLines(deep);
	assert.equal(note, 'Nested too deeply to reformat: shown as received.');
	assert.deepEqual(lines, [deep]);
	// JSON.stringify leaves DEL, C1 controls and bidirectional overrides as they are: they must not reach the terminal.
	const sneaky = responseLines(JSON.stringify({text: 'a\u009B31mb\u202Ec\u007F'}));
	assert.deepEqual(sneaky.lines, ['{', '  "text": "abc"', '}']);
});
