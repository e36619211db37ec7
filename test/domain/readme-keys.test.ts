import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {readmePath, withGeneratedKeys} from '../../source/scripts/readme-keys.js';
import {keymap, keyLabel} from '../../source/ui/keymap.js';

test('the README key table is the one generated from the keymap (run npm run readme:keys)', () => {
	const readme = readFileSync(readmePath(), 'utf8');
	assert.equal(readme, withGeneratedKeys(readme));
});

test('every binding is in the README with its keys', () => {
	const readme = readFileSync(readmePath(), 'utf8');
	for (const binding of keymap) {
		assert.ok(readme.includes(binding.description), binding.description);
		for (const key of binding.keys) assert.ok(readme.includes(`\`${keyLabel(key)}\``), key);
	}
});

test('no two bindings of one scope share a key', () => {
	const seen = new Map<string, string>();
	for (const binding of keymap) {
		for (const key of binding.keys) {
			const id = `${binding.scope}:${key}`;
			assert.ok(!seen.has(id), `${id} is bound to ${seen.get(id)} and ${binding.id}`);
			seen.set(id, binding.id);
		}
	}
});
