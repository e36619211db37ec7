// The code signing configuration form, checked before anything is sent: 1 to
// 20 signing profile version ARNs (the bad one numbered) and a description of
// at most 256 characters.

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {descriptionProblem, publishersProblem} from '../../source/domain/code-signing-form.js';

const publisher = (index: number): string => `arn:aws:signer:us-east-1:123456789012:/signing-profiles/team_${index}/a1B2c3D4e5`;

test('publishers: 1 to 20 signing profile version ARNs, comma-separated', () => {
	assert.equal(publishersProblem(publisher(1)), undefined);
	assert.equal(publishersProblem(Array.from({length: 20}, (_, index) => publisher(index)).join(', ')), undefined);
	assert.equal(publishersProblem(' , '), 'At least one publisher: a signing profile version ARN');
	assert.equal(publishersProblem(Array.from({length: 21}, (_, index) => publisher(index)).join(',')), 'At most 20 publishers (21 given)');
	assert.equal(
		publishersProblem(`${publisher(1)}, arn:aws:signer:us-east-1:123456789012:/signing-profiles/team`),
		'ARN 2: not arn:aws:signer:REGION:ACCOUNT:/signing-profiles/NAME/VERSION',
	);
});

test('a description of at most 256 characters', () => {
	assert.equal(descriptionProblem(''), undefined);
	assert.equal(descriptionProblem('x'.repeat(256)), undefined);
	assert.equal(descriptionProblem('x'.repeat(257)), 'Up to 256 characters (257 typed)');
});
