// Draws the visible screen of a headless xterm into a PNG: no browser, no
// native canvas. Text comes from 8x16 bitmap glyphs (source/scripts/terminal-font.ts,
// derived from Terminus Font, SIL OFL 1.1); block elements, braille and the box
// drawing dashes Terminus lacks are drawn procedurally; the PNG is written here
// with node:zlib and a CRC-32 of our own.
import {deflateSync} from 'node:zlib';
import type {IBufferCell, Terminal} from '@xterm/headless';
import {boldGlyphs, GLYPH_HEIGHT, GLYPH_WIDTH, normalGlyphs} from './terminal-font.js';

export type Rgb = readonly [number, number, number];

export interface TerminalTheme {
	background: Rgb;
	foreground: Rgb;
	/** The 16 ANSI colours: black, red, green, yellow, blue, magenta, cyan, white, then the bright ones. */
	ansi: readonly Rgb[];
}

export interface TerminalPngOptions {
	/** Integer pixel scale: a cell is 8*scale by 16*scale pixels. Default 1. */
	scale?: number;
	theme?: TerminalTheme;
	/** Draw the cursor as an inverted block where it is. Default false. */
	cursor?: boolean;
}

/** A dark theme with the Tango palette, a common terminal default. */
export const darkTheme: TerminalTheme = {
	background: [0x1c, 0x1c, 0x1c],
	foreground: [0xd3, 0xd7, 0xcf],
	ansi: [
		[0x2e, 0x34, 0x36],
		[0xcc, 0x00, 0x00],
		[0x4e, 0x9a, 0x06],
		[0xc4, 0xa0, 0x00],
		[0x34, 0x65, 0xa4],
		[0x75, 0x50, 0x7b],
		[0x06, 0x98, 0x9a],
		[0xd3, 0xd7, 0xcf],
		[0x55, 0x57, 0x53],
		[0xef, 0x29, 0x29],
		[0x8a, 0xe2, 0x34],
		[0xfc, 0xe9, 0x4f],
		[0x72, 0x9f, 0xcf],
		[0xad, 0x7f, 0xa8],
		[0x34, 0xe2, 0xe2],
		[0xee, 0xee, 0xec],
	],
};

export const CELL_WIDTH = GLYPH_WIDTH;
export const CELL_HEIGHT = GLYPH_HEIGHT;

// ---------------------------------------------------------------- glyphs

type GlyphMap = Map<number, Uint8Array>;

function parseGlyphs(source: string): GlyphMap {
	const map: GlyphMap = new Map();
	for (const entry of source.split(/\s+/)) {
		if (!entry) continue;
		const [code, hex] = entry.split(':');
		if (!code || !hex || hex.length !== GLYPH_HEIGHT * 2) continue;
		map.set(parseInt(code, 16), Uint8Array.from(Buffer.from(hex, 'hex')));
	}
	return map;
}

function glyphRows(rows: number[]): Uint8Array {
	const out = new Uint8Array(GLYPH_HEIGHT);
	out.set(rows.slice(0, GLYPH_HEIGHT));
	return out;
}

// A few symbols TUIs use that Terminus lacks, drawn for this file.
const extraGlyphs: ReadonlyMap<number, Uint8Array> = new Map([
	[0x2605, glyphRows([0, 0, 0, 0x10, 0x10, 0x38, 0xfe, 0x7c, 0x38, 0x6c, 0x44])], // ★
	[0x2606, glyphRows([0, 0, 0, 0x10, 0x28, 0x28, 0xc6, 0x82, 0x44, 0x54, 0x6c, 0x44])], // ☆
	[0x26a0, glyphRows([0, 0, 0x10, 0x10, 0x28, 0x28, 0x54, 0x54, 0x92, 0x82, 0x92, 0xfe])], // ⚠
	[0x2714, glyphRows([0, 0, 0, 0, 0x03, 0x03, 0x06, 0x06, 0xcc, 0xec, 0x78, 0x38, 0x10])], // ✔
]);

// Characters drawn with the glyph of a look-alike.
const aliases: ReadonlyMap<number, number> = new Map([
	[0x23ce, 0x21b5], // ⏎ -> ↵
	[0x22ef, 0x2026], // ⋯ -> …
	[0x2219, 0x2022], // ∙ -> •
	[0x2012, 0x2013], // figure dash -> en dash
	[0x00a0, 0x0020],
]);

let normal: GlyphMap | undefined;
let bold: GlyphMap | undefined;

function lookupGlyph(code: number, isBold: boolean): Uint8Array | undefined {
	normal ??= parseGlyphs(normalGlyphs);
	bold ??= parseGlyphs(boldGlyphs);
	const target = aliases.get(code) ?? code;
	// Box drawing keeps its weight whatever the text attributes say.
	const preferBold = isBold && !(target >= 0x2500 && target <= 0x257f);
	return (preferBold ? bold.get(target) : undefined) ?? normal.get(target) ?? extraGlyphs.get(target);
}

/** Whether the renderer has a glyph (from the font or drawn) for a code point. */
export function hasGlyph(code: number): boolean {
	return (
		code === 0x20 ||
		isProcedural(code) ||
		lookupGlyph(code, false) !== undefined
	);
}

// ---------------------------------------------------------------- canvas

class Canvas {
	readonly pixels: Uint8Array;
	constructor(
		readonly width: number,
		readonly height: number,
	) {
		this.pixels = new Uint8Array(width * height * 3);
	}

	fill(x: number, y: number, w: number, h: number, color: Rgb): void {
		const x0 = Math.max(0, Math.round(x));
		const y0 = Math.max(0, Math.round(y));
		const x1 = Math.min(this.width, Math.round(x + w));
		const y1 = Math.min(this.height, Math.round(y + h));
		for (let py = y0; py < y1; py++) {
			let offset = (py * this.width + x0) * 3;
			for (let px = x0; px < x1; px++) {
				this.pixels[offset++] = color[0];
				this.pixels[offset++] = color[1];
				this.pixels[offset++] = color[2];
			}
		}
	}
}

function mix(a: Rgb, b: Rgb, amountOfA: number): Rgb {
	return [
		Math.round(a[0] * amountOfA + b[0] * (1 - amountOfA)),
		Math.round(a[1] * amountOfA + b[1] * (1 - amountOfA)),
		Math.round(a[2] * amountOfA + b[2] * (1 - amountOfA)),
	];
}

// ---------------------------------------------------------------- colours

const cubeLevels = [0, 95, 135, 175, 215, 255];

function paletteColor(index: number, theme: TerminalTheme): Rgb {
	if (index < 16) return theme.ansi[index] ?? theme.foreground;
	if (index < 232) {
		const i = index - 16;
		return [cubeLevels[Math.floor(i / 36)] ?? 0, cubeLevels[Math.floor(i / 6) % 6] ?? 0, cubeLevels[i % 6] ?? 0];
	}
	const level = 8 + (index - 232) * 10;
	return [level, level, level];
}

function rgbOf(value: number): Rgb {
	return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function cellColors(cell: IBufferCell, theme: TerminalTheme): {fg: Rgb; bg: Rgb} {
	const isBold = cell.isBold() !== 0;
	let fg: Rgb;
	if (cell.isFgRGB()) fg = rgbOf(cell.getFgColor());
	else if (cell.isFgPalette()) {
		const index = cell.getFgColor();
		// As xterm's drawBoldTextInBrightColors: bold text in the first 8 colours is bright.
		fg = paletteColor(isBold && index < 8 ? index + 8 : index, theme);
	} else fg = theme.foreground;
	let bg: Rgb;
	if (cell.isBgRGB()) bg = rgbOf(cell.getBgColor());
	else if (cell.isBgPalette()) bg = paletteColor(cell.getBgColor(), theme);
	else bg = theme.background;
	if (cell.isInverse()) [fg, bg] = [bg, fg];
	if (cell.isDim()) fg = mix(fg, bg, 0.5);
	if (cell.isInvisible()) fg = bg;
	return {fg, bg};
}

// ---------------------------------------------------------------- procedural glyphs

function isProcedural(code: number): boolean {
	return (
		(code >= 0x2580 && code <= 0x259f) ||
		(code >= 0x2800 && code <= 0x28ff) ||
		dashes.has(code)
	);
}

// Box drawing dashes: the solid line they break, and where the line is on.
const dashes: ReadonlyMap<number, {base: number; horizontal: boolean; on: (i: number) => boolean}> = new Map([
	[0x2504, {base: 0x2500, horizontal: true, on: (i: number) => i % 3 !== 2}],
	[0x2505, {base: 0x2501, horizontal: true, on: (i: number) => i % 3 !== 2}],
	[0x2506, {base: 0x2502, horizontal: false, on: (i: number) => i % 5 !== 0 && i !== 15}],
	[0x2507, {base: 0x2503, horizontal: false, on: (i: number) => i % 5 !== 0 && i !== 15}],
	[0x2508, {base: 0x2500, horizontal: true, on: (i: number) => i % 2 === 0}],
	[0x2509, {base: 0x2501, horizontal: true, on: (i: number) => i % 2 === 0}],
	[0x250a, {base: 0x2502, horizontal: false, on: (i: number) => i % 4 !== 3}],
	[0x250b, {base: 0x2503, horizontal: false, on: (i: number) => i % 4 !== 3}],
	[0x254c, {base: 0x2500, horizontal: true, on: (i: number) => i % 4 !== 3}],
	[0x254d, {base: 0x2501, horizontal: true, on: (i: number) => i % 4 !== 3}],
	[0x254e, {base: 0x2502, horizontal: false, on: (i: number) => i % 8 !== 0 && i % 8 !== 7}],
	[0x254f, {base: 0x2503, horizontal: false, on: (i: number) => i % 8 !== 0 && i % 8 !== 7}],
]);

function dashGlyph(code: number): Uint8Array | undefined {
	const dash = dashes.get(code);
	if (!dash) return undefined;
	const base = lookupGlyph(dash.base, false);
	if (!base) return undefined;
	const out = new Uint8Array(GLYPH_HEIGHT);
	let mask = 0;
	for (let x = 0; x < GLYPH_WIDTH; x++) if (dash.on(x)) mask |= 0x80 >> x;
	for (let y = 0; y < GLYPH_HEIGHT; y++) {
		const row = base[y] ?? 0;
		out[y] = dash.horizontal ? row & mask : dash.on(y) ? row : 0;
	}
	return out;
}

/** Draws a block element or a braille pattern into the cell; false when `code` is neither. */
function drawProcedural(canvas: Canvas, code: number, x: number, y: number, w: number, h: number, fg: Rgb, bg: Rgb): boolean {
	if (code >= 0x2800 && code <= 0x28ff) {
		const bits = code - 0x2800;
		// Dot n (1-8) -> bit n-1; columns at 1/8 and 5/8 of the width, rows every quarter.
		const dots: Array<[number, number, number]> = [
			[0, 0, 0x01], [0, 1, 0x02], [0, 2, 0x04], [1, 0, 0x08],
			[1, 1, 0x10], [1, 2, 0x20], [0, 3, 0x40], [1, 3, 0x80],
		];
		const size = Math.max(1, Math.round(w / 4));
		for (const [column, row, bit] of dots) {
			if (!(bits & bit)) continue;
			canvas.fill(x + Math.round((w * (1 + column * 4)) / 8), y + Math.round((h * (1 + row * 4)) / 16), size, size, fg);
		}
		return true;
	}
	if (code < 0x2580 || code > 0x259f) return false;
	const eighthH = (n: number): number => Math.round((h * n) / 8);
	const eighthW = (n: number): number => Math.round((w * n) / 8);
	const hw = Math.round(w / 2);
	const hh = Math.round(h / 2);
	const quadrants = (ul: boolean, ur: boolean, ll: boolean, lr: boolean): void => {
		if (ul) canvas.fill(x, y, hw, hh, fg);
		if (ur) canvas.fill(x + hw, y, w - hw, hh, fg);
		if (ll) canvas.fill(x, y + hh, hw, h - hh, fg);
		if (lr) canvas.fill(x + hw, y + hh, w - hw, h - hh, fg);
	};
	if (code === 0x2580) canvas.fill(x, y, w, hh, fg);
	else if (code <= 0x2588) {
		const n = code - 0x2580; // lower n eighths
		canvas.fill(x, y + h - eighthH(n), w, eighthH(n), fg);
	} else if (code <= 0x258f) {
		const n = 0x2590 - code; // left n eighths
		canvas.fill(x, y, eighthW(n), h, fg);
	} else if (code === 0x2590) canvas.fill(x + hw, y, w - hw, h, fg);
	else if (code <= 0x2593) canvas.fill(x, y, w, h, mix(fg, bg, (code - 0x2590) / 4));
	else if (code === 0x2594) canvas.fill(x, y, w, eighthH(1), fg);
	else if (code === 0x2595) canvas.fill(x + w - eighthW(1), y, eighthW(1), h, fg);
	else {
		const table: Record<number, [boolean, boolean, boolean, boolean]> = {
			0x2596: [false, false, true, false],
			0x2597: [false, false, false, true],
			0x2598: [true, false, false, false],
			0x2599: [true, false, true, true],
			0x259a: [true, false, false, true],
			0x259b: [true, true, true, false],
			0x259c: [true, true, false, true],
			0x259d: [false, true, false, false],
			0x259e: [false, true, true, false],
			0x259f: [false, true, true, true],
		};
		const q = table[code];
		if (q) quadrants(...q);
	}
	return true;
}

function drawBitmap(canvas: Canvas, glyph: Uint8Array, x: number, y: number, scale: number, color: Rgb): void {
	for (let row = 0; row < GLYPH_HEIGHT; row++) {
		const bits = glyph[row] ?? 0;
		if (bits === 0) continue;
		for (let column = 0; column < GLYPH_WIDTH; column++) {
			if (bits & (0x80 >> column)) canvas.fill(x + column * scale, y + row * scale, scale, scale, color);
		}
	}
}

function drawMissing(canvas: Canvas, x: number, y: number, w: number, h: number, scale: number, color: Rgb): void {
	const left = x + scale;
	const top = y + 3 * scale;
	const right = x + w - 2 * scale;
	const bottom = y + h - 4 * scale;
	canvas.fill(left, top, right - left, scale, color);
	canvas.fill(left, bottom - scale, right - left, scale, color);
	canvas.fill(left, top, scale, bottom - top, color);
	canvas.fill(right - scale, top, scale, bottom - top, color);
}

// ---------------------------------------------------------------- terminal -> pixels

/** Renders the terminal's visible screen (the active buffer's viewport) to RGB pixels. */
export function renderTerminal(
	terminal: Terminal,
	options: TerminalPngOptions = {},
): {width: number; height: number; pixels: Uint8Array} {
	const scale = Math.max(1, Math.round(options.scale ?? 1));
	const theme = options.theme ?? darkTheme;
	const cw = CELL_WIDTH * scale;
	const ch = CELL_HEIGHT * scale;
	const canvas = new Canvas(terminal.cols * cw, terminal.rows * ch);
	canvas.fill(0, 0, canvas.width, canvas.height, theme.background);
	const buffer = terminal.buffer.active;
	let cell: IBufferCell | undefined;
	for (let row = 0; row < terminal.rows; row++) {
		const line = buffer.getLine(buffer.viewportY + row);
		if (!line) continue;
		for (let column = 0; column < terminal.cols; column++) {
			cell = line.getCell(column, cell);
			if (!cell) continue;
			const width = cell.getWidth();
			if (width === 0) continue; // the right half of a wide character
			const x = column * cw;
			const y = row * ch;
			const w = cw * Math.max(1, width);
			let {fg, bg} = cellColors(cell, theme);
			const isCursor =
				options.cursor === true && buffer.cursorX === column && buffer.baseY + buffer.cursorY === buffer.viewportY + row;
			if (isCursor) [fg, bg] = [bg, fg];
			canvas.fill(x, y, w, ch, bg);
			const chars = cell.getChars();
			const code = chars.codePointAt(0) ?? 0x20;
			if (code !== 0x20 && chars !== '' && !cell.isInvisible()) {
				if (!drawProcedural(canvas, code, x, y, cw, ch, fg, bg)) {
					const glyph = dashGlyph(code) ?? lookupGlyph(code, cell.isBold() !== 0);
					if (glyph) {
						const offset = width > 1 ? Math.floor((w - cw) / 2) : 0;
						drawBitmap(canvas, glyph, x + offset, y, scale, fg);
					} else drawMissing(canvas, x, y, w, ch, scale, fg);
				}
			}
			if (cell.isUnderline()) canvas.fill(x, y + 14 * scale, w, scale, fg);
			if (cell.isStrikethrough()) canvas.fill(x, y + 8 * scale, w, scale, fg);
			if (cell.isOverline()) canvas.fill(x, y, w, scale, fg);
		}
	}
	return {width: canvas.width, height: canvas.height, pixels: canvas.pixels};
}

// ---------------------------------------------------------------- PNG

const crcTable = ((): Uint32Array => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

export function crc32(data: Uint8Array, initial = 0): number {
	let crc = ~initial >>> 0;
	for (const byte of data) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
	return ~crc >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'latin1');
	out.set(data, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

/** Encodes 8-bit RGB pixels (row-major, no padding) as a PNG. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type: truecolour
	header[10] = 0; // deflate
	header[11] = 0; // adaptive filtering
	header[12] = 0; // no interlace
	const stride = width * 3;
	const raw = Buffer.alloc((stride + 1) * height);
	for (let y = 0; y < height; y++) {
		// Filter 1 (Sub) for every row: flat terminal colours make long runs of zeros.
		const rowStart = y * (stride + 1);
		raw[rowStart] = 1;
		for (let i = 0; i < stride; i++) {
			const value = rgb[y * stride + i] ?? 0;
			const left = i >= 3 ? (rgb[y * stride + i - 3] ?? 0) : 0;
			raw[rowStart + 1 + i] = (value - left) & 0xff;
		}
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, {level: 9})),
		chunk('IEND', new Uint8Array(0)),
	]);
}

/** The terminal's visible screen as a PNG, each cell 8x16 pixels times `scale`. */
export function terminalToPng(terminal: Terminal, options: TerminalPngOptions = {}): Buffer {
	const {width, height, pixels} = renderTerminal(terminal, options);
	return encodePng(width, height, pixels);
}
