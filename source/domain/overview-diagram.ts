// The Overview's diagram, laid out as rows of text: the triggers in boxes on
// the left, the function in the middle, the destinations on the right, joined
// by arrows in box-drawing characters, as the Lambda console draws it. Each
// piece of a row says which box it belongs to, so the tab can show the
// selected box and open its section. When the boxes do not fit across, the
// same items are laid out as a list.
import stringWidth from 'string-width';
import {fit, truncate} from './format.js';

export type DiagramTone = 'muted' | 'success' | 'warning' | 'danger' | 'accent';

/** A trigger's or a destination's box: a title in its top border, one line of text inside. */
export interface DiagramItem {
	id: string;
	title: string;
	text: string;
	tone?: DiagramTone | undefined;
}

/** A line of the function's box; a line with its own id is selectable on its own (the function URL). */
export interface DiagramLine {
	text: string;
	id?: string | undefined;
	tone?: DiagramTone | undefined;
}

export interface DiagramInput {
	triggers: readonly DiagramItem[];
	fn: {id: string; title: string; lines: readonly DiagramLine[]};
	destinations: readonly DiagramItem[];
	/** The boxes drawn when there are no triggers, or no destinations (the console's "+ Add trigger"). */
	addTrigger: DiagramItem;
	addDestination: DiagramItem;
}

/** A piece of a row: its text, the box it belongs to (undefined for arrows and gaps), and how it is coloured. */
export interface Segment {
	text: string;
	id?: string | undefined;
	tone?: DiagramTone | undefined;
}

export type DiagramRow = Segment[];

export interface Diagram {
	mode: 'boxes' | 'list';
	rows: DiagramRow[];
	/** The selectable ids, in the order j and k move through them: triggers, the function, its URL, destinations. */
	order: string[];
}

/** The columns between two columns of boxes, where the arrows run. */
const laneWidth = 5;
const boxWidthMin = 16;
const boxWidthMax = 30;
const boxHeight = 3;
/** Fewer columns than this, and the boxes are a list. */
export const diagramWidthMin = boxWidthMin * 3 + laneWidth * 2;

function boxRows(item: DiagramItem, width: number): DiagramRow[] {
	const inner = width - 2;
	const title = truncate(item.title, Math.max(1, inner - 3));
	const top = `┌ ${title} ${'─'.repeat(Math.max(0, inner - 2 - stringWidth(title)))}┐`;
	return [
		[{text: fit(top, width), id: item.id, tone: item.tone}],
		[{text: `│ ${fit(item.text, inner - 2)} │`, id: item.id, tone: item.tone}],
		[{text: `└${'─'.repeat(inner)}┘`, id: item.id, tone: item.tone}],
	];
}

function functionRows(fn: DiagramInput['fn'], width: number): DiagramRow[] {
	const inner = width - 2;
	const title = truncate(fn.title, Math.max(1, inner - 3));
	const rows: DiagramRow[] = [[{text: `┌ ${title} ${'─'.repeat(Math.max(0, inner - 2 - stringWidth(title)))}┐`, id: fn.id, tone: 'accent'}]];
	for (const line of fn.lines) {
		rows.push([
			{text: '│ ', id: fn.id, tone: 'accent'},
			{text: fit(line.text, inner - 2), id: line.id ?? fn.id, tone: line.tone},
			{text: ' │', id: fn.id, tone: 'accent'},
		]);
	}
	rows.push([{text: `└${'─'.repeat(inner)}┘`, id: fn.id, tone: 'accent'}]);
	return rows;
}

/** At most `room` boxes: when there are more, the last shown says how many more (and opens their section). */
function capped(items: readonly DiagramItem[], room: number, more: (count: number) => DiagramItem): DiagramItem[] {
	if (items.length <= room) return [...items];
	const shown = items.slice(0, Math.max(0, room - 1));
	return [...shown, more(items.length - shown.length)];
}

/** The box-drawing character for a lane cell joined up, down, left and right. */
function junction(up: boolean, down: boolean, left: boolean, right: boolean): string {
	const key = `${up ? 'u' : ''}${down ? 'd' : ''}${left ? 'l' : ''}${right ? 'r' : ''}`;
	const characters: Record<string, string> = {
		ud: '│',
		lr: '─',
		dl: '┐',
		ul: '┘',
		udl: '┤',
		dr: '┌',
		ur: '└',
		udr: '├',
		ulr: '┴',
		dlr: '┬',
		udlr: '┼',
		u: '│',
		d: '│',
		l: '─',
		r: '─',
	};
	return characters[key] ?? ' ';
}

/**
 * The lane between two columns: arrows from each of `from` rows (on the left)
 * to each of `to` rows (on the right), joined by one vertical bus in the
 * middle; an arrowhead where it meets a box on the right.
 * `width` columns (at least the lane's).
 */
function laneCells(height: number, from: readonly number[], to: readonly number[], width = laneWidth): string[] {
	const cells = Array.from({length: height}, () => ' '.repeat(width));
	if (from.length === 0 || to.length === 0) return cells;
	const all = [...from, ...to];
	const top = Math.min(...all);
	const bottom = Math.max(...all);
	for (let row = 0; row < height; row++) {
		const left = from.includes(row);
		const right = to.includes(row);
		const bus = junction(row > top && row <= bottom, row >= top && row < bottom, left, right);
		const inside = row >= top && row <= bottom;
		cells[row] = `${left ? '─' : ' '}${inside ? bus : ' '}${right ? `${'─'.repeat(width - 4)}▶ ` : ' '.repeat(width - 2)}`;
	}
	return cells;
}

function listLayout(input: DiagramInput, width: number): Diagram {
	const rows: DiagramRow[] = [];
	const order: string[] = [];
	const item = (entry: DiagramItem): void => {
		rows.push([{text: fit(`  ${entry.title} · ${entry.text}`, width), id: entry.id, tone: entry.tone}]);
		order.push(entry.id);
	};
	rows.push([{text: fit('Triggers', width), tone: 'muted'}]);
	if (input.triggers.length === 0) item(input.addTrigger);
	for (const trigger of input.triggers) item(trigger);
	// λ says which line is the function, where no box does.
	rows.push([{text: fit(`λ ${input.fn.title}`, width), id: input.fn.id, tone: 'accent'}]);
	order.push(input.fn.id);
	for (const line of input.fn.lines) {
		rows.push([{text: fit(`  ${line.text}`, width), id: line.id ?? input.fn.id, tone: line.tone}]);
		if (line.id !== undefined && !order.includes(line.id)) order.push(line.id);
	}
	rows.push([{text: fit('Destinations', width), tone: 'muted'}]);
	if (input.destinations.length === 0) item(input.addDestination);
	for (const destination of input.destinations) item(destination);
	return {mode: 'list', rows, order};
}

/**
 * The diagram in `width` columns and at most `height` rows: boxes when they
 * fit across and the function's box fits down, a list otherwise (the list may
 * be longer than `height`: the tab scrolls it).
 */
export function layoutDiagram(input: DiagramInput, width: number, height: number): Diagram {
	const functionHeight = input.fn.lines.length + 2;
	if (width < diagramWidthMin || height < Math.max(functionHeight, boxHeight)) return listLayout(input, width);
	// The function's box as wide as its title and lines need (within bounds); the triggers and destinations share the rest.
	const sides = width - laneWidth * 2;
	const functionContent = Math.max(stringWidth(input.fn.title) + 1, ...input.fn.lines.map((line) => stringWidth(line.text))) + 4;
	const functionWidth = Math.max(boxWidthMin, Math.min(boxWidthMax, functionContent, sides - boxWidthMin * 2));
	const boxWidth = Math.min(boxWidthMax + 10, Math.floor((sides - functionWidth) / 2));
	const room = Math.max(1, Math.floor(height / boxHeight));
	// Room for one box a side but more to show: a box saying "2 more" would hide them all, so a list it is.
	if (room < 2 && (input.triggers.length > 1 || input.destinations.length > 1)) return listLayout(input, width);
	const triggers = capped(input.triggers.length === 0 ? [input.addTrigger] : input.triggers, room, (count) => ({
		id: 'triggers-more',
		title: 'More',
		text: `${count} more triggers`,
		tone: 'muted',
	}));
	const destinations = capped(input.destinations.length === 0 ? [input.addDestination] : input.destinations, room, (count) => ({
		id: 'destinations-more',
		title: 'More',
		text: `${count} more destinations`,
		tone: 'muted',
	}));
	const total = Math.max(triggers.length * boxHeight, destinations.length * boxHeight, functionHeight);
	const topOf = (count: number, size: number): number => Math.floor((total - count * size) / 2);
	const triggerTop = topOf(triggers.length, boxHeight);
	const destinationTop = topOf(destinations.length, boxHeight);
	const functionTop = topOf(1, functionHeight);
	const functionMiddle = functionTop + Math.floor(functionHeight / 2);

	const blank = ' '.repeat(boxWidth);
	const column = (items: readonly DiagramItem[], top: number): DiagramRow[] => {
		const rows: DiagramRow[] = Array.from({length: total}, () => [{text: blank}]);
		items.forEach((entry, index) => {
			boxRows(entry, boxWidth).forEach((row, offset) => {
				rows[top + index * boxHeight + offset] = row;
			});
		});
		return rows;
	};
	const left = column(triggers, triggerTop);
	const right = column(destinations, destinationTop);
	const middle: DiagramRow[] = Array.from({length: total}, () => [{text: ' '.repeat(functionWidth)}]);
	functionRows(input.fn, functionWidth).forEach((row, offset) => {
		middle[functionTop + offset] = row;
	});
	// Arrows only from real triggers and to real destinations, not to the "add" boxes.
	const middles = (items: readonly DiagramItem[], top: number): number[] => items.map((_, index) => top + index * boxHeight + 1);
	const leftLane = laneCells(total, input.triggers.length === 0 ? [] : middles(triggers, triggerTop), [functionMiddle]);
	// The columns left over go to the lane on the right, so the destinations end at the right edge.
	const rightWidth = width - boxWidth * 2 - functionWidth - laneWidth;
	const rightLane = laneCells(total, [functionMiddle], input.destinations.length === 0 ? [] : middles(destinations, destinationTop), rightWidth);

	const rows: DiagramRow[] = [];
	for (let row = 0; row < total; row++) {
		rows.push([
			...(left[row] ?? []),
			{text: leftLane[row] ?? '', tone: 'muted'},
			...(middle[row] ?? []),
			{text: rightLane[row] ?? '', tone: 'muted'},
			...(right[row] ?? []),
		]);
	}
	const order = [
		...triggers.map((entry) => entry.id),
		input.fn.id,
		...input.fn.lines.flatMap((line) => (line.id === undefined || line.id === input.fn.id ? [] : [line.id])),
		...destinations.map((entry) => entry.id),
	];
	return {mode: 'boxes', rows, order: [...new Set(order)]};
}
