// Lambda layers as the console checks them before it calls Lambda: the
// members of PublishLayerVersion (name, description, license, compatible
// runtimes and architectures, the 50 MB direct upload), layer version ARNs
// taken apart, and a function's list of layers (at most 5, one version of a
// layer, compatible with the function's runtime and architecture, and the
// 250 MB size limit of the function's code with its layers). Also the plain
// shapes of layers and versions the UI draws, and the zip of a directory.
// Limits are those of the Lambda service model and the Lambda quotas page.

import {formatBytes} from './format.js';
import {architectures, codeSizeUnzippedMax, codeSizeZippedMax, descriptionMaxLength, layersPerFunctionMax, runtimes} from './limits.js';
import {splitIdList} from './vpc-config.js';

/** LayerName of PublishLayerVersion when it is a name (not an ARN): the model's pattern and length. */
export const layerNameMaxLength = 140;
const layerNameRegex = /^[a-zA-Z0-9-_]+$/;
export const layerDescriptionMaxLength = descriptionMaxLength;
export const layerLicenseMaxLength = 512;
export const compatibleRuntimesMax = 15;
export const compatibleArchitecturesMax = 2;
/** Content.ZipFile: a package uploaded directly, zipped. */
export const layerZipDirectMax = codeSizeZippedMax;
export const layersMax = layersPerFunctionMax;
/** The function's code with all its layers, unzipped. */
export const functionWithLayersMax = codeSizeUnzippedMax;

const layerVersionArnRegex = /^arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+$/;

/** One version of a layer, as the lists give it. */
export interface LayerVersionSummary {
	arn: string;
	version: number;
	description: string;
	created: Date | undefined;
	/** Empty: the version does not say (any runtime). */
	compatibleRuntimes: string[];
	/** Empty: the version does not say (any architecture). */
	compatibleArchitectures: string[];
	license: string;
}

/** GetLayerVersion: the summary and the package. */
export interface LayerVersionDetail extends LayerVersionSummary {
	layerArn: string;
	/** The zipped size (Content.CodeSize): Lambda does not report the unzipped size of a layer. */
	codeSize: number;
	codeSha256: string;
}

export interface LayerSummary {
	name: string;
	arn: string;
	latest: LayerVersionSummary;
}

/** What PublishLayerVersion sends besides the package. */
export interface LayerPublishInput {
	name: string;
	description: string;
	compatibleRuntimes: string[];
	compatibleArchitectures: string[];
	license: string;
}

/** A layer version ARN, taken apart. */
export interface LayerVersionArn {
	partition: string;
	region: string;
	accountId: string;
	name: string;
	version: number;
	/** The layer's ARN: the version ARN without its version. */
	layerArn: string;
}

export function parseLayerVersionArn(text: string): LayerVersionArn | undefined {
	if (text.length > layerNameMaxLength || !layerVersionArnRegex.test(text)) return undefined;
	const parts = text.split(':');
	const version = Number(parts[7]);
	if (!Number.isSafeInteger(version)) return undefined;
	return {
		partition: parts[1] ?? '',
		region: parts[3] ?? '',
		accountId: parts[4] ?? '',
		name: parts[6] ?? '',
		version,
		layerArn: parts.slice(0, 7).join(':'),
	};
}

/** "name:version" for a layer version ARN; the ARN itself when it is not one. */
export function layerVersionLabel(arn: string): string {
	const parsed = parseLayerVersionArn(arn);
	return parsed === undefined ? arn : `${parsed.name}:${parsed.version}`;
}

export function layerArnProblem(text: string): string | undefined {
	if (text === '') return 'A layer version ARN: arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION';
	if (text.length > layerNameMaxLength) return `At most ${layerNameMaxLength} characters (${text.length} given)`;
	if (parseLayerVersionArn(text) === undefined) return 'Not a layer version ARN: arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION';
	return undefined;
}

export function layerNameProblem(name: string): string | undefined {
	if (name === '') return 'A name is needed: letters, digits, - and _';
	if (name.length > layerNameMaxLength) return `At most ${layerNameMaxLength} characters (${name.length} given)`;
	if (!layerNameRegex.test(name)) return 'Only letters, digits, - and _ (no spaces)';
	return undefined;
}

export function layerDescriptionProblem(text: string): string | undefined {
	return text.length > layerDescriptionMaxLength ? `At most ${layerDescriptionMaxLength} characters (${text.length} given)` : undefined;
}

export function layerLicenseProblem(text: string): string | undefined {
	return text.length > layerLicenseMaxLength ? `At most ${layerLicenseMaxLength} characters (${text.length} given)` : undefined;
}

/** The compatible runtimes typed: at most 15 of Lambda's runtime identifiers (none given: every runtime). */
export function runtimesProblem(text: string): string | undefined {
	const items = splitIdList(text);
	if (items.length > compatibleRuntimesMax) return `At most ${compatibleRuntimesMax} runtimes (${items.length} given)`;
	const unknown = items.find((item) => !runtimes.includes(item));
	return unknown === undefined ? undefined : `${unknown.slice(0, 30)}: not a Lambda runtime (e.g. nodejs22.x, python3.13, provided.al2023)`;
}

/** The compatible architectures typed: x86_64, arm64 or both (none: not said). */
export function architecturesProblem(text: string): string | undefined {
	const items = splitIdList(text);
	const unknown = items.find((item) => !architectures.includes(item));
	if (unknown !== undefined) return `${unknown.slice(0, 30)}: not an architecture (${architectures.join(' or ')})`;
	if (items.length > compatibleArchitecturesMax) return `At most ${compatibleArchitecturesMax} architectures`;
	return undefined;
}

/** What is wrong with a package to upload directly, by its zipped size; undefined when it can be sent. */
export function packageSizeProblem(zippedBytes: number): string | undefined {
	if (zippedBytes === 0) return 'The package is empty: a layer needs at least one file';
	if (zippedBytes > layerZipDirectMax) {
		return `The zipped package is ${formatBytes(zippedBytes)}: at most ${formatBytes(layerZipDirectMax)} can be uploaded directly`;
	}
	return undefined;
}

/** A zip archive starts with a local file header (or is an empty archive's end record). */
export function looksLikeZip(bytes: Uint8Array): boolean {
	return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/** The function a layer is added to, as far as layers care. */
export interface LayerTarget {
	runtime: string;
	architectures: readonly string[];
	packageType: string;
	/** The zipped size of the function's package (CodeSize). */
	codeSize: number;
	layers: ReadonlyArray<{arn: string; codeSize: number}>;
}

/** Why a layer version does not fit the function's runtime or architecture; undefined when it does (or does not say). */
export function compatibilityProblem(version: Pick<LayerVersionSummary, 'compatibleRuntimes' | 'compatibleArchitectures'>, target: Pick<LayerTarget, 'runtime' | 'architectures'>): string | undefined {
	const architecture = target.architectures[0] ?? 'x86_64';
	if (version.compatibleRuntimes.length > 0 && !version.compatibleRuntimes.includes(target.runtime)) {
		return `It is for ${version.compatibleRuntimes.join(', ')}, not ${target.runtime}`;
	}
	if (version.compatibleArchitectures.length > 0 && !version.compatibleArchitectures.includes(architecture)) {
		return `It is for ${version.compatibleArchitectures.join(', ')}, not ${architecture}`;
	}
	return undefined;
}

/** Why no layer can be added now (the count, a container image); undefined when one can. */
export function addLayerProblem(target: LayerTarget): string | undefined {
	if (target.packageType === 'Image') return 'A container image function has no layers: build them into the image';
	if (target.layers.length >= layersMax) {
		return `A function can use at most ${layersMax} layers and this one has ${target.layers.length}: remove one (d) first`;
	}
	return undefined;
}

/** The zipped sizes of the function and its layers: what the 250 MB check can use (Lambda reports no unzipped sizes). */
export function zippedTotal(target: Pick<LayerTarget, 'codeSize' | 'layers'>): number {
	return target.layers.reduce((sum, layer) => sum + layer.codeSize, target.codeSize);
}

/**
 * Why the function cannot take this layer version: too many layers, another
 * version of the same layer, an incompatible runtime or architecture, or a
 * size over 250 MB. The sizes are the zipped ones (the only ones Lambda
 * reports), so a total under the limit may still be refused by Lambda, which
 * counts the unzipped sizes.
 */
export function layerAdditionProblem(target: LayerTarget, version: Pick<LayerVersionDetail, 'arn' | 'codeSize' | 'compatibleRuntimes' | 'compatibleArchitectures'>): string | undefined {
	const blocked = addLayerProblem(target);
	if (blocked !== undefined) return blocked;
	const parsed = parseLayerVersionArn(version.arn);
	const label = layerVersionLabel(version.arn);
	if (parsed !== undefined) {
		const same = target.layers.find((layer) => parseLayerVersionArn(layer.arn)?.layerArn === parsed.layerArn);
		if (same !== undefined) return `The function already uses ${layerVersionLabel(same.arn)}: one version of a layer at a time (remove it first)`;
	}
	const incompatible = compatibilityProblem(version, target);
	if (incompatible !== undefined) return `${label} cannot be added: ${incompatible}`;
	const total = zippedTotal(target) + version.codeSize;
	if (total > functionWithLayersMax) {
		return `Code and layers would be ${formatBytes(total)} zipped, over the ${formatBytes(functionWithLayersMax)} limit (unzipped)`;
	}
	return undefined;
}

/** The list with the item at `index` moved one place up (-1) or down (+1); the same list at an end. */
export function moveItem<T>(items: readonly T[], index: number, step: -1 | 1): T[] {
	const target = index + step;
	const next = [...items];
	if (index < 0 || index >= items.length || target < 0 || target >= items.length) return next;
	const [moved] = next.splice(index, 1);
	if (moved !== undefined) next.splice(target, 0, moved);
	return next;
}
