// Start the console in the terminal: the alternate screen, raw keys, Ink
// rendering whole frames that the ScreenWriter draws row by row; and leave the
// terminal as it was, however it ends. Anything printed meanwhile (console
// output, process warnings) is held and shown after the terminal is restored.
import {render} from 'ink';
import React from 'react';
import type {Clients} from '../aws/clients.js';
import type {Session} from '../session.js';
import {App} from './app.js';
import {ConsoleContext} from './context.js';
import {ScreenWriter} from './screen-writer.js';
import {themeFor, type Theme} from './theme.js';

// Autowrap off while the console owns the screen: a line too long for the
// terminal (a frame laid out for the width before a resize) is cut at the edge
// instead of spilling into the row below.
const enterAlternateScreen = '\u001B[?1049h\u001B[H\u001B[?7l';
const leaveAlternateScreen = '\u001B[?7h\u001B[?1049l';
const showCursor = '\u001B[?25h';

export interface ConsoleStreams {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
}

/** Render the console and resolve when the user quits; the terminal is restored. */
export async function runConsole(
	session: Session,
	clients: Clients,
	streams: ConsoleStreams = process,
	theme: Theme = themeFor(),
	configDir?: string,
): Promise<void> {
	const {stdout} = streams;
	const held = holdOutput();
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		writer.close();
		stdout.write(showCursor + leaveAlternateScreen);
		held.release(streams.stderr);
	};
	stdout.write(enterAlternateScreen);
	const writer = new ScreenWriter(stdout);
	const onSignal = (signal: NodeJS.Signals) => {
		instance.unmount();
		restore();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	};
	const suspend = <T,>(work: () => T): T => {
		const {stdin} = streams;
		writer.pause();
		stdout.write(showCursor + leaveAlternateScreen);
		if (stdin.isTTY) stdin.setRawMode(false);
		try {
			return work();
		} finally {
			if (stdin.isTTY) stdin.setRawMode(true);
			stdout.write(enterAlternateScreen);
			writer.resume();
		}
	};
	const instance = render(
		<ConsoleContext.Provider value={{session, clients, theme, suspend, configDir}}>
			<App />
		</ConsoleContext.Provider>,
		{
			stdin: streams.stdin,
			stdout: writer.sink as unknown as NodeJS.WriteStream,
			stderr: streams.stderr,
			exitOnCtrlC: false,
			// Whole frames to the writer, on every commit; the writer coalesces them.
			debug: true,
			patchConsole: false,
		},
	);
	process.once('SIGTERM', onSignal);
	process.once('SIGHUP', onSignal);
	try {
		await instance.waitUntilExit();
	} finally {
		process.off('SIGTERM', onSignal);
		process.off('SIGHUP', onSignal);
		instance.cleanup();
		restore();
	}
}

/** Keep console output and process warnings off the screen while the console owns it. */
function holdOutput(): {release(stderr: NodeJS.WriteStream): void} {
	const lines: string[] = [];
	const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
	const originals = methods.map((method) => console[method]);
	for (const method of methods) {
		console[method] = (...args: unknown[]) => {
			lines.push(args.map((arg) => (typeof arg === 'string' ? arg : String(arg))).join(' '));
		};
	}
	const warningListeners = process.listeners('warning');
	process.removeAllListeners('warning');
	const onWarning = (warning: Error) => lines.push(`${warning.name}: ${warning.message}`);
	process.on('warning', onWarning);
	return {
		release(stderr) {
			methods.forEach((method, index) => {
				console[method] = originals[index]!;
			});
			process.off('warning', onWarning);
			for (const listener of warningListeners) process.on('warning', listener);
			if (lines.length > 0) stderr.write(`${lines.join('\n')}\n`);
		},
	};
}
