// The tokenizer behind the Code tab's file view: each language's keywords,
// strings, comments and numbers, what spans lines, and segments cut to a width.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {clipSegments, highlight, languageOf, type Segment, type SyntaxTone} from '../../source/domain/syntax-highlight.js';

/** The segments of one line with the given tone. */
function tokens(segments: readonly Segment[], tone: SyntaxTone): string[] {
	return segments.filter((segment) => segment.tone === tone).map((segment) => segment.text);
}

const one = (line: string, language: Parameters<typeof highlight>[1]): Segment[] => highlight([line], language)[0] ?? [];

describe('languageOf', () => {
	it('knows a file by its extension, or by its first line', () => {
		assert.equal(languageOf('src/index.mjs'), 'javascript');
		assert.equal(languageOf('handler.ts'), 'javascript');
		assert.equal(languageOf('lambda_function.py'), 'python');
		assert.equal(languageOf('package.json'), 'json');
		assert.equal(languageOf('template.YAML'), 'yaml');
		assert.equal(languageOf('README.md'), 'markdown');
		assert.equal(languageOf('run', '#!/usr/bin/env python3'), 'python');
		assert.equal(languageOf('bootstrap'), 'shell');
		assert.equal(languageOf('notes.txt'), undefined);
	});
});

describe('highlight', () => {
	it('puts every character of a line in exactly one segment', () => {
		const line = 'const x = "a\\"b" + 42; // done';
		for (const language of ['javascript', 'python', 'json', 'shell', 'yaml', 'markdown', undefined] as const) {
			assert.equal(one(line, language).map((segment) => segment.text).join(''), line, String(language));
		}
	});

	it('JavaScript: keywords, strings, numbers and comments; identifiers that contain keywords stay plain', () => {
		const segments = one('export const total = await sum("a", 0x1F) + 3.5e2; // constant', 'javascript');
		assert.deepEqual(tokens(segments, 'keyword'), ['export', 'const', 'await']);
		assert.deepEqual(tokens(segments, 'string'), ['"a"']);
		assert.deepEqual(tokens(segments, 'number'), ['0x1F', '3.5e2']);
		assert.deepEqual(tokens(segments, 'comment'), ['// constant']);
		assert.deepEqual(tokens(one('constant1 = item2', 'javascript'), 'keyword'), []);
		assert.deepEqual(tokens(one('constant1 = item2', 'javascript'), 'number'), []);
	});

	it('JavaScript: block comments and template literals span lines', () => {
		const lines = highlight(['/* one', 'two */ let a = `x', 'y` + 1;'], 'javascript');
		assert.deepEqual(tokens(lines[0]!, 'comment'), ['/* one']);
		assert.deepEqual(tokens(lines[1]!, 'comment'), ['two */']);
		assert.deepEqual(tokens(lines[1]!, 'keyword'), ['let']);
		assert.deepEqual(tokens(lines[2]!, 'string'), ['y`']);
		assert.deepEqual(tokens(lines[2]!, 'number'), ['1']);
	});

	it('Python: keywords, prefixed strings, comments, decorators and triple-quoted strings across lines', () => {
		const lines = highlight(['@app.route', 'def handler(event, context):  # entry', '    """Doc', '    more"""', '    return f"{event}" if True else 10'], 'python');
		assert.deepEqual(tokens(lines[0]!, 'keyword'), ['@app.route']);
		assert.deepEqual(tokens(lines[1]!, 'keyword'), ['def']);
		assert.deepEqual(tokens(lines[1]!, 'comment'), ['# entry']);
		assert.deepEqual(tokens(lines[2]!, 'string'), ['"""Doc']);
		assert.deepEqual(tokens(lines[3]!, 'string'), ['    more"""']);
		assert.deepEqual(tokens(lines[4]!, 'keyword'), ['return', 'if', 'True', 'else']);
		assert.deepEqual(tokens(lines[4]!, 'string'), ['f"{event}"']);
		assert.deepEqual(tokens(lines[4]!, 'number'), ['10']);
	});

	it('JSON: keys apart from string values; numbers and literals', () => {
		const segments = one('{"name": "demo", "size": -12.5, "ok": true, "none": null}', 'json');
		assert.deepEqual(tokens(segments, 'keyword'), ['"name"', '"size"', '"ok"', 'true', '"none"', 'null']);
		assert.deepEqual(tokens(segments, 'string'), ['"demo"']);
		assert.deepEqual(tokens(segments, 'number'), ['-12.5']);
	});

	it('shell: comments only where a word starts, strings, variables and keywords', () => {
		const segments = one('if [ -n "$HOME" ]; then echo ${USER}#x; fi # check', 'shell');
		assert.deepEqual(tokens(segments, 'keyword'), ['if', 'then', 'echo', 'fi']);
		assert.deepEqual(tokens(segments, 'string'), ['"$HOME"']);
		assert.deepEqual(tokens(segments, 'number'), ['${USER}']);
		assert.deepEqual(tokens(segments, 'comment'), ['# check']);
	});

	it('YAML: keys, quoted strings, numbers, literals and comments', () => {
		const lines = highlight(['# settings', 'name: "demo"', '  - size: 128 # MB', 'enabled: true', '---'], 'yaml');
		assert.deepEqual(tokens(lines[0]!, 'comment'), ['# settings']);
		assert.deepEqual(tokens(lines[1]!, 'keyword'), ['name:']);
		assert.deepEqual(tokens(lines[1]!, 'string'), ['"demo"']);
		assert.deepEqual(tokens(lines[2]!, 'keyword'), ['size:']);
		assert.deepEqual(tokens(lines[2]!, 'number'), ['128']);
		assert.deepEqual(tokens(lines[2]!, 'comment'), ['# MB']);
		assert.deepEqual(tokens(lines[3]!, 'keyword'), ['enabled:', 'true']);
		assert.deepEqual(tokens(lines[4]!, 'keyword'), ['---']);
	});

	it('Markdown: headings, bullets, inline code and fenced code', () => {
		const lines = highlight(['# Title', '- use `npm test`', '```sh', '# not a heading', '```', 'text'], 'markdown');
		assert.deepEqual(tokens(lines[0]!, 'heading'), ['# Title']);
		assert.deepEqual(tokens(lines[1]!, 'keyword'), ['- ']);
		assert.deepEqual(tokens(lines[1]!, 'string'), ['`npm test`']);
		assert.deepEqual(tokens(lines[3]!, 'string'), ['# not a heading']);
		assert.deepEqual(tokens(lines[3]!, 'heading'), []);
		assert.deepEqual(tokens(lines[5]!, 'plain'), ['text']);
	});

	it('plain text for an unknown language', () => {
		assert.deepEqual(one('if 1 "x"', undefined), [{text: 'if 1 "x"', tone: 'plain'}]);
	});
});

describe('clipSegments', () => {
	it('keeps a line that fits, and cuts a longer one to the width with an ellipsis', () => {
		const segments: Segment[] = [
			{text: 'const', tone: 'keyword'},
			{text: ' x = ', tone: 'plain'},
			{text: '"long string"', tone: 'string'},
		];
		assert.deepEqual(clipSegments(segments, 30), segments);
		const cut = clipSegments(segments, 12);
		assert.equal(cut.map((segment) => segment.text).join(''), 'const x = "…');
		assert.deepEqual(cut.map((segment) => segment.tone), ['keyword', 'plain', 'string', 'plain']);
	});
});
