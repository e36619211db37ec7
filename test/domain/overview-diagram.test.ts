import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import stringWidth from 'string-width';
import {diagramWidthMin, layoutDiagram, type DiagramInput, type DiagramRow} from '../../source/domain/overview-diagram.js';

function input(triggers: number, destinations: number, url = false): DiagramInput {
	return {
		triggers: Array.from({length: triggers}, (_, index) => ({id: `t${index}`, title: 'SQS · Enabled', text: `queue-${index}`})),
		fn: {id: 'function', title: 'orders', lines: [{text: 'Layers (2)'}, ...(url ? [{id: 'url', text: 'URL · NONE'}] : [])]},
		destinations: Array.from({length: destinations}, (_, index) => ({id: `d${index}`, title: index === 0 ? 'On success' : 'On failure', text: `SNS topic-${index}`})),
		addTrigger: {id: 'add-trigger', title: '+ Add trigger', text: 'a'},
		addDestination: {id: 'add-destination', title: '+ Add destination', text: 'd'},
	};
}

const text = (rows: readonly DiagramRow[]): string[] => rows.map((row) => row.map((segment) => segment.text).join(''));

describe('the Overview diagram', () => {
	test('two triggers and two destinations: boxes in three columns, arrows in, a bus, arrows out', () => {
		const diagram = layoutDiagram(input(2, 2), 80, 12);
		assert.equal(diagram.mode, 'boxes');
		const lines = text(diagram.rows);
		assert.equal(lines.length, 6, 'two boxes of three rows a side');
		for (const line of lines) assert.equal(stringWidth(line), 80, `every row is the width: ${line}`);
		assert.deepEqual(lines, [
			'┌ SQS · Enabled ──────────┐                          ┌ On success ─────────────┐',
			'│ queue-0                 │─┐   ┌ orders ──────┐ ┌─▶ │ SNS topic-0             │',
			'└─────────────────────────┘ ├─▶ │ Layers (2)   │─┤   └─────────────────────────┘',
			'┌ SQS · Enabled ──────────┐ │   └──────────────┘ │   ┌ On failure ─────────────┐',
			'│ queue-1                 │─┘                    └─▶ │ SNS topic-1             │',
			'└─────────────────────────┘                          └─────────────────────────┘',
		]);
		assert.deepEqual(diagram.order, ['t0', 't1', 'function', 'd0', 'd1']);
	});

	test('each box\'s rows say which box they are; arrows belong to none', () => {
		const diagram = layoutDiagram(input(1, 1, true), 80, 12);
		const ids = new Set(diagram.rows.flatMap((row) => row.flatMap((segment) => (segment.id === undefined ? [] : [segment.id]))));
		assert.deepEqual([...ids].sort(), ['d0', 'function', 't0', 'url']);
		const arrows = diagram.rows.flatMap((row) => row.filter((segment) => segment.text.includes('▶')));
		assert.ok(arrows.length > 0 && arrows.every((segment) => segment.id === undefined));
		assert.deepEqual(diagram.order, ['t0', 'function', 'url', 'd0'], 'the URL line is chosen on its own, after the function');
	});

	test('without triggers or destinations, the add boxes stand there, with no arrows to them', () => {
		const diagram = layoutDiagram(input(0, 0), 80, 12);
		const lines = text(diagram.rows).join('\n');
		assert.match(lines, /┌ \+ Add trigger/);
		assert.match(lines, /┌ \+ Add destination/);
		assert.doesNotMatch(lines, /▶/);
		assert.deepEqual(diagram.order, ['add-trigger', 'function', 'add-destination']);
	});

	test('more boxes than rows: the last one shown says how many more', () => {
		const diagram = layoutDiagram(input(7, 1), 80, 9);
		const lines = text(diagram.rows).join('\n');
		assert.equal(diagram.rows.length, 9);
		assert.match(lines, /│ 5 more triggers +│/);
		assert.deepEqual(diagram.order, ['t0', 't1', 'triggers-more', 'function', 'd0']);
	});

	test('narrower than three boxes and their lanes, or too low for the function: a list of the same items', () => {
		for (const [width, height] of [
			[diagramWidthMin - 1, 12],
			[80, 2],
		] as const) {
			const diagram = layoutDiagram(input(1, 1, true), width, height);
			assert.equal(diagram.mode, 'list');
			assert.deepEqual(text(diagram.rows).map((line) => line.trimEnd()), [
				'Triggers',
				'  SQS · Enabled · queue-0',
				'λ orders',
				'  Layers (2)',
				'  URL · NONE',
				'Destinations',
				'  On success · SNS topic-0',
			]);
			assert.deepEqual(diagram.order, ['t0', 'function', 'url', 'd0']);
		}
		assert.equal(layoutDiagram(input(1, 1), diagramWidthMin, 12).mode, 'boxes');
		assert.equal(layoutDiagram(input(1, 1), 80, 4).mode, 'boxes', 'one box a side fits in four rows');
		assert.equal(layoutDiagram(input(2, 1), 80, 4).mode, 'list', 'two triggers do not: a list rather than a box saying "2 more"');
	});

	test('a long name is cut with an ellipsis inside its box, never past its border', () => {
		const long = input(1, 0);
		long.triggers = [{id: 't0', title: 'Kinesis · Enabled', text: 'a-very-long-stream-name-that-does-not-fit'}];
		const lines = text(layoutDiagram(long, 80, 12).rows);
		assert.match(lines[1] ?? '', /^│ a-very-long-stream-nam… │─/);
	});
});
