// Versions and aliases as the console shows and edits them, without I/O: the
// checks of the alias form (the service model's name pattern and lengths,
// weights 0.0-1.0 or 0%-100%, Lambda's routing rules) in words that say what is
// allowed, the routing of an alias as shares, and the bar that draws it in
// block characters (two glyphs, so it reads without colour too).
import {aliasNameMaxLength, descriptionMaxLength} from './limits.js';

/** A published version (or $LATEST) as ListVersionsByFunction gives it. */
export interface FunctionVersion {
	version: string;
	arn: string;
	description: string;
	lastModified: Date | undefined;
	codeSha256: string;
	runtime: string;
	memoryMb: number;
	state: string;
	revisionId: string;
}

/** An alias: the version it points to and, for weighted routing, a second version with its weight. */
export interface FunctionAlias {
	name: string;
	arn: string;
	functionVersion: string;
	description: string;
	/** The second version and the share of invocations it gets (0.0-1.0); undefined: all go to functionVersion. */
	additional: {version: string; weight: number} | undefined;
	revisionId: string;
}

/** What the alias form sends: CreateAlias and UpdateAlias take the same. */
export interface AliasSettings {
	description: string;
	functionVersion: string;
	/** undefined: no weighted routing. */
	additional: {version: string; weight: number} | undefined;
}

const aliasNameRegex = /^[a-zA-Z0-9_-]+$/;

/** The alias name: 1-128 letters, digits, - or _, and not only digits (that reads as a version). */
export function aliasNameProblem(text: string): string | undefined {
	const allowed = `letters, digits, - and _, 1 to ${aliasNameMaxLength} characters, e.g. live`;
	if (text.length === 0) return `Give the alias a name: ${allowed}`;
	if (text.length > aliasNameMaxLength) return `The name has ${text.length} characters: at most ${aliasNameMaxLength}`;
	if (!aliasNameRegex.test(text)) return `Only ${allowed}`;
	if (/^[0-9]+$/.test(text)) return 'Not only digits (that reads as a version number): e.g. v2 or live';
	return undefined;
}

/** A description of a version or an alias: at most 256 characters. */
export function descriptionProblem(text: string): string | undefined {
	return text.length > descriptionMaxLength ? `The description has ${text.length} characters: at most ${descriptionMaxLength}` : undefined;
}

const weightRange = 'a weight is 0.0 to 1.0, or 0% to 100% (e.g. 0.2 or 20%)';

/** A weight as typed: "0.2" or "20%"; undefined when it is not one in range. */
export function parseWeight(text: string): number | undefined {
	const trimmed = text.trim();
	const percent = /^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*%$/.exec(trimmed);
	const fraction = /^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.exec(trimmed);
	const value = percent?.[1] !== undefined ? Number(percent[1]) / 100 : fraction?.[1] !== undefined ? Number(fraction[1]) : Number.NaN;
	if (!Number.isFinite(value) || value < 0 || value > 1) return undefined;
	return value;
}

/** A share as a percentage, to a tenth at most: 0.2 → "20%", 1/3 → "33.3%". */
export function formatPercent(share: number): string {
	const tenths = Math.round(share * 1000) / 10;
	return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}%`;
}

/** Version numbers as a list for a message: "1, 2 and 3". */
function listed(versions: readonly string[]): string {
	if (versions.length <= 1) return versions.join('');
	return `${versions.slice(0, -1).join(', ')} and ${versions[versions.length - 1] ?? ''}`;
}

/** The version an alias points to: $LATEST or a version that `published` holds. */
export function versionProblem(text: string, published: readonly string[]): string | undefined {
	const value = text.trim();
	const choices = published.length === 0 ? 'no version is published: $LATEST, or publish one first (7 Versions, p)' : `$LATEST or ${listed(published)}`;
	if (value === '') return `Give a version: ${choices}`;
	if (value === '$LATEST') return undefined;
	if (!/^[0-9]+$/.test(value)) return `A version is $LATEST or a number: ${choices}`;
	if (!published.includes(value)) return `There is no version ${value}: ${choices}`;
	return undefined;
}

/**
 * The second version of weighted routing (empty: none): a published version,
 * not the first one, and not with $LATEST on either side.
 */
export function secondVersionProblem(text: string, first: string, published: readonly string[]): string | undefined {
	const value = text.trim();
	if (value === '') return undefined;
	if (value === '$LATEST' || first.trim() === '$LATEST') {
		return 'Weighted routing is between two published versions, never $LATEST: clear this, or choose numbered versions';
	}
	const problem = versionProblem(value, published);
	if (problem !== undefined) return problem;
	if (value === first.trim()) return `The second version must differ from the first (${value}), or be left empty`;
	return undefined;
}

/** The weight of the second version: needed with a second version, and only then. */
export function weightProblem(text: string, second: string): string | undefined {
	const hasSecond = second.trim() !== '';
	if (text.trim() === '') return hasSecond ? `Give the second version's weight: ${weightRange}` : undefined;
	if (!hasSecond) return 'A weight needs a second version: give one, or clear the weight';
	return parseWeight(text) === undefined ? `Out of range: ${weightRange}` : undefined;
}

/** The form's values as what is sent; undefined when a field is invalid (the form checks first). */
export function aliasSettingsOf(values: Readonly<Record<string, string>>): AliasSettings | undefined {
	const functionVersion = (values['version'] ?? '').trim();
	const second = (values['second'] ?? '').trim();
	const weight = parseWeight(values['weight'] ?? '');
	if (functionVersion === '') return undefined;
	if (second !== '' && weight === undefined) return undefined;
	return {
		description: values['description'] ?? '',
		functionVersion,
		additional: second === '' || weight === undefined ? undefined : {version: second, weight},
	};
}

/** Where an alias sends invocations: each version with its share, the alias's own first. */
export function routingOf(alias: Pick<FunctionAlias, 'functionVersion' | 'additional'>): Array<{version: string; share: number}> {
	if (alias.additional === undefined) return [{version: alias.functionVersion, share: 1}];
	const weight = Math.min(1, Math.max(0, alias.additional.weight));
	return [
		{version: alias.functionVersion, share: 1 - weight},
		{version: alias.additional.version, share: weight},
	];
}

export const barGlyphs = {first: '█', second: '░'} as const;

/** How many of `cells` the first version's share fills: a share above nothing shows at least one cell, and so does the rest. */
function firstCells(share: number, cells: number): number {
	const filled = Math.round(share * cells);
	if (share > 0 && filled === 0) return Math.min(1, cells);
	if (share < 1 && filled === cells) return Math.max(0, cells - 1);
	return filled;
}

/** The routing as a bar of `cells` block characters: "v3 ████████████████░░░░ v4 80% / 20%", or "v3 ████████████████████ 100%". */
export function routingBar(alias: Pick<FunctionAlias, 'functionVersion' | 'additional'>, cells = 20): string {
	const [first, second] = routingOf(alias);
	const label = (version: string): string => (version === '$LATEST' ? version : `v${version}`);
	if (first === undefined) return '';
	if (second === undefined) return `${label(first.version)} ${barGlyphs.first.repeat(cells)} 100%`;
	const filled = firstCells(first.share, cells);
	const bar = barGlyphs.first.repeat(filled) + barGlyphs.second.repeat(cells - filled);
	return `${label(first.version)} ${bar} ${label(second.version)} ${formatPercent(first.share)} / ${formatPercent(second.share)}`;
}

/** The alias's versions in a few characters: "1", or "1 + 2 (20%)". */
export function aliasVersions(alias: Pick<FunctionAlias, 'functionVersion' | 'additional'>): string {
	if (alias.additional === undefined) return alias.functionVersion;
	return `${alias.functionVersion} + ${alias.additional.version} (${formatPercent(alias.additional.weight)})`;
}

/** The aliases that send invocations to `version`, with the share when it is not all: ["live", "canary (20%)"]. */
export function aliasesOf(version: string, aliases: readonly FunctionAlias[]): string[] {
	const names: string[] = [];
	for (const alias of aliases) {
		const share = routingOf(alias).find((entry) => entry.version === version)?.share;
		if (share === undefined) continue;
		names.push(share === 1 ? alias.name : `${alias.name} (${formatPercent(share)})`);
	}
	return names;
}

/** The aliases that point to a version (with any weight): Lambda refuses to delete the version while there are any. */
export function aliasesBlocking(version: string, aliases: readonly FunctionAlias[]): string[] {
	return aliases.filter((alias) => alias.functionVersion === version || alias.additional?.version === version).map((alias) => alias.name);
}

/** $LATEST first, then the published versions, newest first. */
export function newestFirst<T extends Pick<FunctionVersion, 'version'>>(versions: readonly T[]): T[] {
	const number = (entry: T): number => (entry.version === '$LATEST' ? Number.POSITIVE_INFINITY : Number(entry.version));
	return [...versions].sort((left, right) => number(right) - number(left));
}

/** The published version numbers, in order, for the form's messages ($LATEST left out). */
export function publishedVersions(versions: readonly Pick<FunctionVersion, 'version'>[]): string[] {
	return versions
		.map((entry) => entry.version)
		.filter((version) => /^[0-9]+$/.test(version))
		.sort((left, right) => Number(left) - Number(right));
}

/** The highest published version number, or undefined when none is published. */
export function latestPublished(versions: readonly Pick<FunctionVersion, 'version'>[]): string | undefined {
	const published = publishedVersions(versions);
	return published[published.length - 1];
}
