import assert from 'node:assert/strict';
import {test} from 'node:test';
import {PtyTerminal} from './pty-terminal.js';

// A small full-screen program: prints a line, enters the alternate screen and
// hides the cursor, reports its size, waits for a key, reports the size again
// (after a resize), then restores the screen and the cursor and exits with 7.
const program = String.raw`
printf 'before alt\n'
printf '\e[?1049h\e[?25l\e[H\e[2J'
printf 'in alt %s\n' "$(stty size)"
IFS= read -r -n 1 key
printf 'key=%s size=%s\n' "$key" "$(stty size)"
IFS= read -r -n 1 key
printf '\e[?25h\e[?1049l'
printf 'restored\n'
exit 7
`;

test('PtyTerminal runs a program in a pseudo-terminal and reads the screen back', async (t) => {
	const term = PtyTerminal.start({command: '/bin/bash', args: ['-c', program], cols: 80, rows: 24});
	t.after(() => term.kill());

	await term.waitForText('in alt 24 80');
	assert.equal(term.isAlternateScreen(), true);
	assert.equal(term.cursorVisible(), false);
	assert.equal(term.row(0), 'in alt 24 80');
	assert.ok(!term.screen().includes('before alt'), 'the alternate screen starts blank');
	assert.equal(term.screen().split('\n').length, 24);

	term.resize(100, 30);
	assert.equal(term.terminal.cols, 100);
	assert.equal(term.terminal.rows, 30);
	term.write('x');
	await term.waitForText('key=x size=30 100');
	assert.equal(term.screen().split('\n').length, 30);

	term.press('enter');
	const exit = await term.waitForExit();
	assert.equal(exit.exitCode, 7);
	assert.equal(term.isAlternateScreen(), false);
	assert.equal(term.cursorVisible(), true);
	assert.match(term.screen(), /^before alt\nrestored$/m);
	assert.ok(term.bytesWritten() > 0);
	assert.ok(term.rawOutput().includes('\x1b[?1049h'));
	assert.equal(term.hasExited(), true);
});

test('waitForText rejects with the screen when the text never comes', async (t) => {
	const term = PtyTerminal.start({command: '/bin/bash', args: ['-c', 'printf "only this\\n"; sleep 5']});
	t.after(() => term.kill());
	await assert.rejects(term.waitForText('never shown', 300), (error: Error) => {
		assert.match(error.message, /timed out after 300 ms waiting for "never shown"/);
		assert.match(error.message, /only this/);
		return true;
	});
});

test('waitForText fails fast when the program exits first', async () => {
	const term = PtyTerminal.start({command: '/bin/bash', args: ['-c', 'printf "bye\\n"; exit 3']});
	await assert.rejects(term.waitForText('never shown', 5000), /exited \(code 3\).*\n(.|\n)*bye/);
	assert.deepEqual(await term.waitForExit(), {exitCode: 3});
});

test('the environment is the default one without CI, with TERM, plus the given variables', async () => {
	const term = PtyTerminal.start({
		command: '/bin/bash',
		args: ['-c', 'printf "TERM=%s CI=%s X=%s\\n" "$TERM" "${CI-unset}" "$X"'],
		env: {X: 'given'},
	});
	await term.waitForExit();
	assert.match(term.screen(), /TERM=xterm-256color CI=unset X=given/);
});

test('press sends the keys xterm sends', async (t) => {
	// od shows the bytes that arrive; raw mode so nothing is line-buffered.
	const term = PtyTerminal.start({
		command: '/bin/bash',
		args: ['-c', 'stty raw -echo; printf "ready\\r\\n"; head -c 8 | od -An -tx1; stty sane'],
	});
	t.after(() => term.kill());
	await term.waitForText('ready');
	term.press('up');
	term.press('pagedown');
	term.press('ctrl-c');
	await term.waitForExit();
	assert.match(term.screen(), /1b 5b 41 1b 5b 36 7e 03/);
});
