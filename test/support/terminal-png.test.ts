import assert from 'node:assert/strict';
import {test} from 'node:test';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {inflateSync} from 'node:zlib';
import xtermHeadless from '@xterm/headless';
import type {Terminal} from '@xterm/headless';
import {CELL_HEIGHT, CELL_WIDTH, crc32, darkTheme, hasGlyph, terminalToPng} from '../../source/scripts/terminal-png.js';
import type {Rgb} from '../../source/scripts/terminal-png.js';
import {takeScreenshots} from '../../source/scripts/screenshots.js';

interface DecodedPng {
	width: number;
	height: number;
	pixel(x: number, y: number): Rgb;
}

/** A minimal PNG decoder for 8-bit RGB, non-interlaced images: enough to check ours. */
function decodePng(png: Buffer): DecodedPng {
	assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
	let offset = 8;
	let width = 0;
	let height = 0;
	const idat: Buffer[] = [];
	const types: string[] = [];
	while (offset < png.length) {
		const length = png.readUInt32BE(offset);
		const type = png.toString('latin1', offset + 4, offset + 8);
		const data = png.subarray(offset + 8, offset + 8 + length);
		const crc = png.readUInt32BE(offset + 8 + length);
		assert.equal(crc, crc32(png.subarray(offset + 4, offset + 8 + length)), `CRC of ${type}`);
		types.push(type);
		if (type === 'IHDR') {
			width = data.readUInt32BE(0);
			height = data.readUInt32BE(4);
			assert.deepEqual([...data.subarray(8)], [8, 2, 0, 0, 0], '8-bit RGB, deflate, no interlace');
		} else if (type === 'IDAT') idat.push(data);
		offset += 12 + length;
	}
	assert.equal(types[0], 'IHDR');
	assert.equal(types.at(-1), 'IEND');
	const raw = inflateSync(Buffer.concat(idat));
	const stride = width * 3;
	assert.equal(raw.length, (stride + 1) * height);
	const pixels = new Uint8Array(stride * height);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)] ?? 0;
		for (let i = 0; i < stride; i++) {
			const value = raw[y * (stride + 1) + 1 + i] ?? 0;
			const a = i >= 3 ? (pixels[y * stride + i - 3] ?? 0) : 0;
			const b = y > 0 ? (pixels[(y - 1) * stride + i] ?? 0) : 0;
			const c = i >= 3 && y > 0 ? (pixels[(y - 1) * stride + i - 3] ?? 0) : 0;
			let predictor = 0;
			if (filter === 1) predictor = a;
			else if (filter === 2) predictor = b;
			else if (filter === 3) predictor = Math.floor((a + b) / 2);
			else if (filter === 4) {
				const p = a + b - c;
				const pa = Math.abs(p - a);
				const pb = Math.abs(p - b);
				const pc = Math.abs(p - c);
				predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
			} else assert.equal(filter, 0, `filter type ${filter}`);
			pixels[y * stride + i] = (value + predictor) & 0xff;
		}
	}
	return {
		width,
		height,
		pixel(x, y) {
			const i = (y * width + x) * 3;
			return [pixels[i] ?? -1, pixels[i + 1] ?? -1, pixels[i + 2] ?? -1];
		},
	};
}

/** The distinct colours in a cell, as "r,g,b" strings. */
function cellColours(image: DecodedPng, column: number, row: number, scale = 1): Set<string> {
	const colours = new Set<string>();
	for (let y = 0; y < CELL_HEIGHT * scale; y++) {
		for (let x = 0; x < CELL_WIDTH * scale; x++) {
			colours.add(image.pixel(column * CELL_WIDTH * scale + x, row * CELL_HEIGHT * scale + y).join(','));
		}
	}
	return colours;
}

const key = (rgb: Rgb): string => rgb.join(',');

async function terminalWith(text: string, cols = 80, rows = 24): Promise<Terminal> {
	const terminal = new xtermHeadless.Terminal({cols, rows, allowProposedApi: true});
	await new Promise<void>((resolve) => terminal.write(text, resolve));
	return terminal;
}

const sample = [
	// row 0: red background "A" in the 16-colour palette, then bright green on default
	'\x1b[41;37mA\x1b[0m\x1b[92mB\x1b[0m ',
	// row 1: box drawing, braille, block
	'┌─┐⣿█▀',
	// row 2: 256-colour and truecolour backgrounds, inverse
	'\x1b[48;5;196m \x1b[0m\x1b[48;2;10;20;30m \x1b[0m\x1b[7mX\x1b[0m',
	// row 3: ASCII, Latin-1 and TUI symbols
	'Hé▲▼●○✓✗…↑↓←→⏎',
].join('\r\n');

test('terminalToPng draws an 80x24 terminal as a valid 640x384 PNG', async () => {
	const terminal = await terminalWith(sample);
	const png = terminalToPng(terminal);
	const image = decodePng(png);
	assert.equal(image.width, 80 * CELL_WIDTH);
	assert.equal(image.height, 24 * CELL_HEIGHT);

	// The empty bottom-right cell is all background.
	assert.deepEqual(cellColours(image, 79, 23), new Set([key(darkTheme.background)]));
	// Row 0: the "A" cell is red background with white (palette 7) strokes.
	const red = darkTheme.ansi[1];
	const white = darkTheme.ansi[7];
	assert.ok(red && white);
	assert.deepEqual(image.pixel(0, 0), red);
	assert.deepEqual(cellColours(image, 0, 0), new Set([key(red), key(white)]));
	// "B" in bright green on the default background.
	const green = darkTheme.ansi[10];
	assert.ok(green);
	assert.deepEqual(cellColours(image, 1, 0), new Set([key(darkTheme.background), key(green)]));

	// Row 1: every drawing character puts foreground pixels in its cell.
	for (let column = 0; column < 6; column++) {
		assert.ok(cellColours(image, column, 1).has(key(darkTheme.foreground)), `cell ${column} of row 1`);
	}
	// "─" is a line across the cell's full width (it joins its neighbours).
	let lineRow = -1;
	for (let y = 0; y < CELL_HEIGHT; y++) {
		if (key(image.pixel(CELL_WIDTH, CELL_HEIGHT + y)) === key(darkTheme.foreground)) lineRow = y;
	}
	assert.ok(lineRow >= 0);
	for (let x = 0; x < CELL_WIDTH; x++) {
		assert.deepEqual(image.pixel(CELL_WIDTH + x, CELL_HEIGHT + lineRow), darkTheme.foreground);
	}
	// "█" fills its cell; "▀" fills the top half only.
	assert.deepEqual(cellColours(image, 4, 1), new Set([key(darkTheme.foreground)]));
	assert.deepEqual(image.pixel(5 * CELL_WIDTH, CELL_HEIGHT), darkTheme.foreground);
	assert.deepEqual(image.pixel(5 * CELL_WIDTH, 2 * CELL_HEIGHT - 1), darkTheme.background);

	// Row 2: 256-colour 196 is pure red; truecolour as given; inverse swaps.
	assert.deepEqual(cellColours(image, 0, 2), new Set(['255,0,0']));
	assert.deepEqual(cellColours(image, 1, 2), new Set(['10,20,30']));
	assert.deepEqual(image.pixel(2 * CELL_WIDTH, 2 * CELL_HEIGHT), darkTheme.foreground);
	assert.ok(cellColours(image, 2, 2).has(key(darkTheme.background)));

	// Row 3: every character has a glyph, and each draws something.
	for (const [column, char] of [...'Hé▲▼●○✓✗…↑↓←→⏎'].entries()) {
		assert.ok(hasGlyph(char.codePointAt(0) ?? 0), `glyph for ${char}`);
		assert.ok(cellColours(image, column, 3).has(key(darkTheme.foreground)), `pixels for ${char}`);
	}
});

test('the glyphs cover ASCII, Latin-1, box drawing, blocks and braille', () => {
	const ranges: Array<[number, number]> = [
		[0x21, 0x7e],
		[0xa1, 0xff],
		[0x2500, 0x257f],
		[0x2580, 0x259f],
		[0x2800, 0x28ff],
	];
	for (const [from, to] of ranges) {
		for (let code = from; code <= to; code++) {
			assert.ok(hasGlyph(code), `U+${code.toString(16).toUpperCase()}`);
		}
	}
});

test('scale multiplies the cell size', async () => {
	const terminal = await terminalWith('\x1b[44mZ', 10, 3);
	const image = decodePng(terminalToPng(terminal, {scale: 2}));
	assert.equal(image.width, 10 * CELL_WIDTH * 2);
	assert.equal(image.height, 3 * CELL_HEIGHT * 2);
	const blue = darkTheme.ansi[4];
	assert.ok(blue);
	assert.deepEqual(image.pixel(0, 0), blue);
	assert.ok(cellColours(image, 0, 0, 2).has(key(darkTheme.foreground)));
});

test('the screenshot shows the alternate screen when the program is in it', async () => {
	const terminal = await terminalWith('normal\r\n\x1b[?1049h\x1b[H\x1b[42m \x1b[0m', 10, 3);
	const image = decodePng(terminalToPng(terminal));
	const green = darkTheme.ansi[2];
	assert.ok(green);
	assert.deepEqual(cellColours(image, 0, 0), new Set([key(green)]));
});

test('takeScreenshots walks the steps of a program in a pseudo-terminal and writes a PNG of each', async (t) => {
	const outDir = mkdtempSync(join(tmpdir(), 'lambdash-screenshot-test-'));
	t.after(() => rmSync(outDir, {recursive: true, force: true}));
	const program = String.raw`
printf '\e[?1049h\e[?25l\e[H\e[2Jfirst screen: press x'
IFS= read -r -n 1 key
printf '\e[H\e[2J\e[42;30m second %s \e[0m' "$key"
IFS= read -r -n 1 key
printf '\e[?25h\e[?1049l'
exit 0
`;
	const lines: string[] = [];
	const written = await takeScreenshots({
		terminal: {command: '/bin/bash', args: ['-c', program], cols: 40, rows: 10},
		steps: [
			{file: 'one.png', keys: [], waitFor: 'press x'},
			{file: 'skipped.png', keys: [], waitFor: /first/, capture: false},
			{file: 'two.png', keys: ['x'], waitFor: /second x/},
		],
		outDir,
		quitKeys: [{key: 'enter'}],
		log: (line) => lines.push(line),
	});
	assert.deepEqual(written, [join(outDir, 'one.png'), join(outDir, 'two.png')]);
	assert.equal(lines.length, 2);
	const one = decodePng(readFileSync(join(outDir, 'one.png')));
	assert.equal(one.width, 40 * CELL_WIDTH);
	assert.equal(one.height, 10 * CELL_HEIGHT);
	assert.ok(cellColours(one, 0, 0).has(key(darkTheme.foreground)), '"f" of "first" is drawn');
	const two = decodePng(readFileSync(join(outDir, 'two.png')));
	const green = darkTheme.ansi[2];
	assert.ok(green);
	assert.deepEqual(cellColours(two, 0, 0), new Set([key(green)]));
	assert.deepEqual(cellColours(two, 39, 9), new Set([key(darkTheme.background)]));
});
