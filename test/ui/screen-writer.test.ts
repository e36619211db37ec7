import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {describe, test} from 'node:test';
import xterm from '@xterm/headless';
import {ScreenWriter} from '../../source/ui/screen-writer.js';

class Screen extends EventEmitter {
	readonly terminal: InstanceType<typeof xterm.Terminal>;
	written: string[] = [];
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
		this.terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0});
	}
	write(data: string): boolean {
		this.written.push(data);
		this.terminal.write(data);
		return true;
	}
	async lines(): Promise<string[]> {
		await new Promise<void>((resolve) => this.terminal.write('', resolve));
		const buffer = this.terminal.buffer.active;
		return Array.from({length: this.rows}, (_, row) => buffer.getLine(row)?.translateToString(true) ?? '');
	}
	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.terminal.resize(columns, rows);
		this.emit('resize');
	}
}

const frame = (...lines: string[]) => lines.join('\n');
const drawn = (writer: ScreenWriter, text: string) => {
	writer.sink.write(text);
	writer.flush();
};

describe('ScreenWriter', () => {
	test('draws each frame at the top of the screen, whatever it replaced', async () => {
		const screen = new Screen(20, 6);
		const writer = new ScreenWriter(screen);
		drawn(writer, frame('loading…', '', 'x'));
		drawn(writer, frame('Functions (2)', 'a', 'b', 'c'));
		drawn(writer, frame('Functions (2)', 'a', 'B'));
		assert.deepEqual(await screen.lines(), ['Functions (2)', 'a', 'B', '', '', '']);
	});

	test('rewrites only the rows that changed', async () => {
		const screen = new Screen(20, 6);
		const writer = new ScreenWriter(screen);
		drawn(writer, frame('title', 'row one', 'row two', 'row three'));
		screen.written = [];
		drawn(writer, frame('title', 'row one', 'row 2', 'row three'));
		const output = screen.written.join('');
		assert.ok(output.includes('row 2'));
		assert.ok(!output.includes('title') && !output.includes('row one') && !output.includes('row three'), output);
		screen.written = [];
		drawn(writer, frame('title', 'row one', 'row 2', 'row three'));
		assert.equal(screen.written.join(''), '', 'an unchanged frame writes nothing');
	});

	test('rows that moved are scrolled by the terminal, and only the new row is written', async () => {
		const screen = new Screen(30, 10);
		const writer = new ScreenWriter(screen);
		const rows = (from: number) => Array.from({length: 6}, (_, index) => `function-${String(from + index).padStart(4, '0')} nodejs22.x`);
		drawn(writer, frame('Functions (1000)', ...rows(0), '', 'status'));
		screen.written = [];
		drawn(writer, frame('Functions (1000)', ...rows(1), '', 'status'));
		let output = screen.written.join('');
		assert.ok(output.includes('function-0006'), 'the row that came into view is written');
		assert.ok(!output.includes('function-0002'), `rows already on screen are not written again: ${JSON.stringify(output)}`);
		assert.ok(output.length < 120, `${output.length} bytes`);
		assert.deepEqual(await screen.lines(), ['Functions (1000)', ...rows(1), '', 'status', '']);
		screen.written = [];
		drawn(writer, frame('Functions (1000)', ...rows(0), '', 'status'));
		output = screen.written.join('');
		assert.ok(output.includes('function-0000') && !output.includes('function-0003'), JSON.stringify(output));
		assert.deepEqual(await screen.lines(), ['Functions (1000)', ...rows(0), '', 'status', '']);
	});

	test('a line as wide as the terminal keeps its last column, and a longer one is cut, not wrapped', async () => {
		const screen = new Screen(10, 4);
		screen.write('\u001B[?7l');
		const writer = new ScreenWriter(screen);
		drawn(writer, frame('0123456789', 'x'));
		drawn(writer, frame('0123456789', 'abcdefghijklmnop', ''));
		const lines = await screen.lines();
		assert.equal(lines[0], '0123456789');
		assert.match(lines[1]!, /^abcdefghi.$/, 'the long line stays on its row');
		assert.deepEqual(lines.slice(2), ['', ''], 'nothing spilled into the rows below');
	});

	test('frames written in one turn are drawn once, the latest', async () => {
		const screen = new Screen(20, 4);
		const writer = new ScreenWriter(screen);
		writer.sink.write(frame('first'));
		writer.sink.write(frame('second'));
		await new Promise((resolve) => setImmediate(resolve));
		assert.equal(screen.written.filter((data) => data.includes('first')).length, 0);
		assert.deepEqual((await screen.lines())[0], 'second');
	});

	test('a resize tells Ink the new size and repaints everything', async () => {
		const screen = new Screen(20, 6);
		const writer = new ScreenWriter(screen);
		let resized = 0;
		writer.sink.on('resize', () => resized++);
		drawn(writer, frame('title', 'body'));
		screen.terminal.write('garbage left by the terminal');
		screen.resize(30, 8);
		assert.equal(resized, 1);
		assert.equal(writer.sink.columns, 30);
		assert.equal(writer.sink.rows, 8);
		drawn(writer, frame('title', 'body'));
		assert.deepEqual(await screen.lines(), ['title', 'body', '', '', '', '', '', '']);
	});

	test('after close nothing more is drawn', async () => {
		const screen = new Screen(20, 4);
		const writer = new ScreenWriter(screen);
		writer.close();
		screen.written = [];
		drawn(writer, frame('late'));
		assert.deepEqual(screen.written, []);
	});
});
