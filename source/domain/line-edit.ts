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

/** The line after one key press; the same line when the key does not edit text. */
export function editLine(edit: LineEdit, name: string, input: string): LineEdit {
	const list = chars(edit);
	const cursor = Math.min(Math.max(0, edit.cursor), list.length);
	switch (name) {
		case 'left':
			return {text: edit.text, cursor: Math.max(0, cursor - 1)};
		case 'right':
			return {text: edit.text, cursor: Math.min(list.length, cursor + 1)};
		case 'home':
		case 'ctrl+a':
			return {text: edit.text, cursor: 0};
		case 'end':
		case 'ctrl+e':
			return {text: edit.text, cursor: list.length};
		case 'backspace':
			if (cursor === 0) return edit;
			list.splice(cursor - 1, 1);
			return {text: list.join(''), cursor: cursor - 1};
		case 'ctrl+d':
			if (cursor >= list.length) return edit;
			list.splice(cursor, 1);
			return {text: list.join(''), cursor};
		case 'ctrl+u':
			return {text: list.slice(cursor).join(''), cursor: 0};
		case 'ctrl+k':
			return {text: list.slice(0, cursor).join(''), cursor};
		case 'ctrl+w': {
			let start = cursor;
			while (start > 0 && list[start - 1] === ' ') start -= 1;
			while (start > 0 && list[start - 1] !== ' ') start -= 1;
			return {text: [...list.slice(0, start), ...list.slice(cursor)].join(''), cursor: start};
		}
		default: {
			// Printable characters only: a key name that is not the character itself is not text.
			if (input === '' || name !== input || /[\u0000-\u001F\u007F]/.test(input)) return edit;
			const typed = Array.from(input);
			list.splice(cursor, 0, ...typed);
			return {text: list.join(''), cursor: cursor + typed.length};
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
