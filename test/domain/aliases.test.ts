// The pure side of versions and aliases: the alias form's checks (the service
// model's name pattern and lengths, weights as fractions or percentages,
// Lambda's routing rules) and the routing bar in block characters.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
	aliasesBlocking,
	aliasesOf,
	aliasNameProblem,
	aliasSettingsOf,
	aliasVersions,
	descriptionProblem,
	formatPercent,
	latestPublished,
	newestFirst,
	parseWeight,
	publishedVersions,
	routingBar,
	routingOf,
	secondVersionProblem,
	versionProblem,
	weightProblem,
	type FunctionAlias,
} from '../../source/domain/aliases.js';

const alias = (name: string, functionVersion: string, additional?: {version: string; weight: number}): FunctionAlias => ({
	name,
	arn: `arn:aws:lambda:us-east-1:123456789012:function:shop:${name}`,
	functionVersion,
	description: '',
	additional,
	revisionId: 'r',
});

describe('the alias form', () => {
	it('takes names of letters, digits, - and _, not only digits, up to 128', () => {
		assert.equal(aliasNameProblem('live'), undefined);
		assert.equal(aliasNameProblem('blue-green_2'), undefined);
		assert.match(aliasNameProblem('') ?? '', /Give the alias a name: letters, digits, - and _, 1 to 128 characters/);
		assert.match(aliasNameProblem('my alias') ?? '', /^Only letters, digits, - and _/);
		assert.match(aliasNameProblem('v.1') ?? '', /^Only letters/);
		assert.match(aliasNameProblem('12') ?? '', /Not only digits \(that reads as a version number\)/);
		assert.equal(aliasNameProblem('a'.repeat(128)), undefined);
		assert.match(aliasNameProblem('a'.repeat(129)) ?? '', /129 characters: at most 128/);
	});

	it('takes descriptions up to 256 characters', () => {
		assert.equal(descriptionProblem('x'.repeat(256)), undefined);
		assert.match(descriptionProblem('x'.repeat(257)) ?? '', /257 characters: at most 256/);
	});

	it('reads weights as fractions 0.0-1.0 or percentages 0%-100%', () => {
		assert.equal(parseWeight('0.2'), 0.2);
		assert.equal(parseWeight('20%'), 0.2);
		assert.equal(parseWeight(' 50 % '), 0.5);
		assert.equal(parseWeight('.25'), 0.25);
		assert.equal(parseWeight('0'), 0);
		assert.equal(parseWeight('1'), 1);
		assert.equal(parseWeight('100%'), 1);
		assert.equal(parseWeight('1.5'), undefined);
		assert.equal(parseWeight('150%'), undefined);
		assert.equal(parseWeight('-0.1'), undefined);
		assert.equal(parseWeight('half'), undefined);
		assert.equal(parseWeight(''), undefined);
	});

	it('names the range of a weight, and asks for one only with a second version', () => {
		assert.equal(weightProblem('', ''), undefined);
		assert.equal(weightProblem('20%', '2'), undefined);
		assert.match(weightProblem('1.5', '2') ?? '', /Out of range: a weight is 0\.0 to 1\.0, or 0% to 100%/);
		assert.match(weightProblem('', '2') ?? '', /Give the second version's weight: a weight is 0\.0 to 1\.0/);
		assert.match(weightProblem('0.2', '') ?? '', /A weight needs a second version/);
	});

	it('takes $LATEST or a published version, naming those there are', () => {
		assert.equal(versionProblem('$LATEST', []), undefined);
		assert.equal(versionProblem('2', ['1', '2']), undefined);
		assert.match(versionProblem('3', ['1', '2']) ?? '', /There is no version 3: \$LATEST or 1 and 2/);
		assert.match(versionProblem('latest', ['1', '2', '3']) ?? '', /A version is \$LATEST or a number: \$LATEST or 1, 2 and 3/);
		assert.match(versionProblem('1', []) ?? '', /no version is published: \$LATEST, or publish one first/);
		assert.match(versionProblem('', ['1']) ?? '', /Give a version/);
	});

	it('routes by weight only between two different published versions', () => {
		assert.equal(secondVersionProblem('', '$LATEST', ['1']), undefined);
		assert.equal(secondVersionProblem('2', '1', ['1', '2']), undefined);
		assert.match(secondVersionProblem('1', '1', ['1', '2']) ?? '', /must differ from the first \(1\)/);
		assert.match(secondVersionProblem('1', '$LATEST', ['1']) ?? '', /never \$LATEST/);
		assert.match(secondVersionProblem('$LATEST', '1', ['1']) ?? '', /never \$LATEST/);
		assert.match(secondVersionProblem('9', '1', ['1', '2']) ?? '', /There is no version 9/);
	});

	it('turns the values into what is sent', () => {
		assert.deepEqual(aliasSettingsOf({description: 'prod', version: '1', second: '2', weight: '20%'}), {
			description: 'prod',
			functionVersion: '1',
			additional: {version: '2', weight: 0.2},
		});
		assert.deepEqual(aliasSettingsOf({description: '', version: ' 3 ', second: '', weight: ''}), {description: '', functionVersion: '3', additional: undefined});
		assert.equal(aliasSettingsOf({description: '', version: '1', second: '2', weight: '1.5'}), undefined);
	});
});

describe('routing', () => {
	it('gives each version its share', () => {
		assert.deepEqual(routingOf(alias('live', '1')), [{version: '1', share: 1}]);
		const [first, second] = routingOf(alias('live', '1', {version: '2', weight: 0.2}));
		assert.equal(first?.version, '1');
		assert.ok(Math.abs((first?.share ?? 0) - 0.8) < 1e-9);
		assert.deepEqual(second, {version: '2', share: 0.2});
	});

	it('draws a bar of two glyphs, with the versions and their shares', () => {
		assert.equal(routingBar(alias('live', '3', {version: '4', weight: 0.2})), 'v3 ████████████████░░░░ v4 80% / 20%');
		assert.equal(routingBar(alias('live', '1', {version: '2', weight: 0.5}), 10), 'v1 █████░░░░░ v2 50% / 50%');
		assert.equal(routingBar(alias('live', '1')), `v1 ${'█'.repeat(20)} 100%`);
		assert.equal(routingBar(alias('dev', '$LATEST'), 4), '$LATEST ████ 100%');
	});

	it('keeps a cell for a share too small to fill one, on either side', () => {
		assert.equal(routingBar(alias('canary', '1', {version: '2', weight: 0.01}), 10), 'v1 █████████░ v2 99% / 1%');
		assert.equal(routingBar(alias('canary', '1', {version: '2', weight: 0.99}), 10), 'v1 █░░░░░░░░░ v2 1% / 99%');
		assert.equal(routingBar(alias('canary', '1', {version: '2', weight: 0}), 10), 'v1 ██████████ v2 100% / 0%');
	});

	it('writes percentages to a tenth', () => {
		assert.equal(formatPercent(0.2), '20%');
		assert.equal(formatPercent(1 / 3), '33.3%');
		assert.equal(formatPercent(0.125), '12.5%');
		assert.equal(aliasVersions(alias('live', '1', {version: '2', weight: 0.2})), '1 + 2 (20%)');
		assert.equal(aliasVersions(alias('live', '1')), '1');
	});

	it('says which aliases send invocations to a version, and which block its deletion', () => {
		const aliases = [alias('live', '1', {version: '2', weight: 0.2}), alias('beta', '2'), alias('old', '3')];
		assert.deepEqual(aliasesOf('1', aliases), ['live (80%)']);
		assert.deepEqual(aliasesOf('2', aliases), ['live (20%)', 'beta']);
		assert.deepEqual(aliasesOf('4', aliases), []);
		assert.deepEqual(aliasesBlocking('2', aliases), ['live', 'beta']);
		assert.deepEqual(aliasesBlocking('4', aliases), []);
	});

	it('lists the published versions in order', () => {
		const versions = [{version: '$LATEST'}, {version: '10'}, {version: '2'}, {version: '1'}];
		assert.deepEqual(publishedVersions(versions), ['1', '2', '10']);
		assert.equal(latestPublished(versions), '10');
		assert.equal(latestPublished([{version: '$LATEST'}]), undefined);
	});

	it('orders $LATEST first, then the published versions newest first', () => {
		const versions = [{version: '1'}, {version: '10'}, {version: '$LATEST'}, {version: '2'}];
		assert.deepEqual(newestFirst(versions).map((entry) => entry.version), ['$LATEST', '10', '2', '1']);
		assert.deepEqual(versions.map((entry) => entry.version), ['1', '10', '$LATEST', '2'], 'the list given is left as it was');
	});
});
