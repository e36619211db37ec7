// Start the console in the terminal: the alternate screen, raw keys, Ink with
// line-by-line updates; and leave the terminal as it was, however it ends.
import {render} from 'ink';
import React from 'react';
import type {Clients} from '../aws/clients.js';
import type {Session} from '../session.js';
import {App} from './app.js';
import {ConsoleContext} from './context.js';
import {themeFor, type Theme} from './theme.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?1049l';
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
): Promise<void> {
	const {stdout} = streams;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		stdout.write(showCursor + leaveAlternateScreen);
	};
	stdout.write(enterAlternateScreen);
	const onSignal = (signal: NodeJS.Signals) => {
		instance.unmount();
		restore();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	};
	const instance = render(
		<ConsoleContext.Provider value={{session, clients, theme}}>
			<App />
		</ConsoleContext.Provider>,
		{
			stdin: streams.stdin,
			stdout,
			stderr: streams.stderr,
			exitOnCtrlC: false,
			patchConsole: true,
			incrementalRendering: true,
			maxFps: 60,
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
