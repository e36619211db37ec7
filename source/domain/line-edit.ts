// One line of text being edited in a form field: the text and the cursor, and
// what each editing key does to them. Pure, so every key is tested directly.

export interface LineEdit {
	text: string;
	/** Cursor position, in code points from the start (0 … length). */
	cursor: number;
}

export function lineAt(text: string): LineEdit {
	return {text, cursor: Array.from(text).length};
}

function chars(edit: LineEdit): string[] {
	return Array.from(edit.text);
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/** Length of a text in code points, counted without splitting it into an array. */
export function codePointLength(text: string): number {
	let count = 0;
	for (let index = 0; index < text.length; index++) {
		if (isHighSurrogate(text.charCodeAt(index)) && index + 1 < text.length && isLowSurrogate(text.charCodeAt(index + 1))) index += 1;
		count += 1;
	}
	return count;
}

/**
 * Where the code point `cursor` starts in the text's UTF-16 units, walking no
 * further than the cursor: an edit near the start of a 7 MB line costs what an
 * edit of a short one does. A cursor past the end stops at the end, and
 * `cursor` says where it stopped.
 */
export function codePointOffset(text: string, cursor: number): {index: number; cursor: number} {
	let index = 0;
	let count = 0;
	while (count < cursor && index < text.length) {
		index += unitsAt(text, index);
		count += 1;
	}
	return {index, cursor: count};
}

/** The UTF-16 length of the code point that ends at `index` (2 for a surrogate pair). */
function unitsBefore(text: string, index: number): number {
	return index >= 2 && isLowSurrogate(text.charCodeAt(index - 1)) && isHighSurrogate(text.charCodeAt(index - 2)) ? 2 : 1;
}

/** The UTF-16 length of the code point that starts at `index`. */
function unitsAt(text: string, index: number): number {
	return isHighSurrogate(text.charCodeAt(index)) && index + 1 < text.length && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1;
}

/**
 * The line after one key press; the same line when the key does not edit text.
 * Edits slice the text at the cursor rather than split it into characters, so a
 * key costs the same on a line of any length (an event pasted as one 7 MB line).
 */
export function editLine(edit: LineEdit, name: string, input: string): LineEdit {
	const {text} = edit;
	const {index, cursor} = codePointOffset(text, Math.max(0, edit.cursor));
	switch (name) {
		case 'left':
			return {text, cursor: Math.max(0, cursor - 1)};
		case 'right':
			return {text, cursor: index < text.length ? cursor + 1 : cursor};
		case 'home':
		case 'ctrl+a':
			return {text, cursor: 0};
		case 'end':
		case 'ctrl+e':
			return {text, cursor: codePointLength(text)};
		case 'backspace':
			if (cursor === 0) return edit;
			return {text: text.slice(0, index - unitsBefore(text, index)) + text.slice(index), cursor: cursor - 1};
		case 'ctrl+d':
			if (index >= text.length) return edit;
			return {text: text.slice(0, index) + text.slice(index + unitsAt(text, index)), cursor};
		case 'ctrl+u':
			return {text: text.slice(index), cursor: 0};
		case 'ctrl+k':
			return {text: text.slice(0, index), cursor};
		case 'ctrl+w': {
			// Back over spaces, then over the word before them (a surrogate half is never a space).
			let start = index;
			while (start > 0 && text[start - 1] === ' ') start -= 1;
			while (start > 0 && text[start - 1] !== ' ') start -= 1;
			return {text: text.slice(0, start) + text.slice(index), cursor: cursor - codePointLength(text.slice(start, index))};
		}
		default: {
			// Printable characters only: a key name that is not the character itself is not text.
			if (input === '' || name !== input || /[\u0000-\u001F\u007F]/.test(input)) return edit;
			return {text: text.slice(0, index) + input + text.slice(index), cursor: cursor + codePointLength(input)};
		}
	}
}

/** The part of a line that fits `width` columns with the cursor in view: the text before, at and after the cursor. */
export function visibleLine(edit: LineEdit, width: number): {before: string; at: string; after: string} {
	const list = chars(edit);
	const cursor = Math.min(Math.max(0, edit.cursor), list.length);
	const room = Math.max(1, width - 1);
	const start = Math.max(0, Math.min(cursor - Math.floor(room * 0.75), list.length - room));
	const begin = Math.max(0, Math.min(start, cursor));
	const end = Math.min(list.length, begin + room);
	return {
		before: list.slice(begin, cursor).join(''),
		at: list[cursor] ?? ' ',
		after: list.slice(cursor + 1, Math.max(cursor + 1, end)).join(''),
	};
}
