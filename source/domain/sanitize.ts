// Text from outside (function names, descriptions, tag values, error messages,
// log lines) must never drive the terminal: strip every control sequence and
// control character before it is drawn.

// CSI, OSC, DCS/SOS/PM/APC strings, and two-character ESC sequences.
const escapeSequence =
	// eslint-disable-next-line no-control-regex
	/\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[PX^_][^\u001B]*(?:\u001B\\)?|[@-Z\\-_]|.)?|\u009B[0-?]*[ -/]*[@-~]|[\u0090\u0098\u009D-\u009F][^\u009C\u0007]*(?:\u009C|\u0007)?/g;
// C0 and C1 controls, DEL, and Unicode bidirectional overrides that could
// reorder what the user sees.
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** One line of outside text, safe to draw: no escapes, no controls; tabs and newlines become spaces. */
export function cleanText(text: string): string {
	return text.replace(escapeSequence, '').replace(/[\t\n\r]/g, ' ').replace(controlCharacter, '');
}

/** Several lines of outside text, safe to draw: like cleanText, but newlines are kept and tabs expanded. */
export function cleanLines(text: string): string[] {
	return text
		.replace(escapeSequence, '')
		.split(/\r?\n/)
		.map((line) => line.replace(/\t/g, '    ').replace(/\r/g, '').replace(controlCharacter, ''));
}
