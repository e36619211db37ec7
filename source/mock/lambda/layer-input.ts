// Reading the members of the layer operations as Lambda checks them: the
// constraints of the service model (LayerName, CompatibleRuntimes, MaxItems
// ...) reported together as one ValidationException, in Lambda's words, and
// the layer ARNs a function's Layers list names.

import {architectures, descriptionMaxLength, runtimes} from '../../domain/limits.js';
import type {Problem} from '../../domain/validate.js';
import {LambdaError, throwProblems} from './errors.js';

export const layerNamePattern = '(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+';
export const layerVersionArnModelPattern = 'arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+';
/** LayerName, LayerArn and LayerVersionArn are 1-140 characters. */
export const layerNameMaxLength = 140;
export const licenseInfoMaxLength = 512;
export const compatibleRuntimesMax = 15;
export const compatibleArchitecturesMax = 2;
/** MaxItems of ListLayers and ListLayerVersions (MaxLayerListItems). */
export const listLayersPageMax = 50;

const layerNameRegex = new RegExp(`^(?:${layerNamePattern})$`);
const layerVersionArnRegex = new RegExp(`^${layerVersionArnModelPattern}$`);

/** A layer as a LayerName member names it: a name, or a layer ARN (without a version). */
export interface LayerReference {
	name: string;
	partition?: string;
	region?: string;
	accountId?: string;
}

/** A layer version ARN, taken apart. */
export interface LayerVersionReference {
	partition: string;
	region: string;
	accountId: string;
	name: string;
	version: number;
}

export function constraintProblem(member: string, value: unknown, rule: string): Problem {
	const shown = value === undefined || value === null ? 'Value null' : `Value '${String(value)}'`;
	return {code: 'ValidationException', member, message: `${shown} at '${member}' failed to satisfy constraint: ${rule}`, constraint: true};
}

const listText = (values: readonly string[]): string => `[${values.join(', ')}]`;

export function checkLayerName(value: string): Problem[] {
	const problems: Problem[] = [];
	if (value.length > layerNameMaxLength) {
		problems.push(constraintProblem('layerName', value, `Member must have length less than or equal to ${layerNameMaxLength}`));
	}
	if (!layerNameRegex.test(value)) {
		problems.push(constraintProblem('layerName', value, `Member must satisfy regular expression pattern: ${layerNamePattern}`));
	}
	return problems;
}

/** The layer a valid LayerName member names. */
export function parseLayerName(value: string): LayerReference {
	const parts = value.split(':');
	if (parts[0] !== 'arn') return {name: value};
	const [, partition = '', , region = '', accountId = '', , name = ''] = parts;
	return {name, partition, region, accountId};
}

/** A layer version ARN of the model's pattern, or undefined. */
export function parseLayerVersionArn(value: string): LayerVersionReference | undefined {
	if (value.length > layerNameMaxLength || !layerVersionArnRegex.test(value)) return undefined;
	const [, partition = '', , region = '', accountId = '', , name = '', version = ''] = value.split(':');
	const number = Number(version);
	if (!Number.isSafeInteger(number)) return undefined;
	return {partition, region, accountId, name, version: number};
}

export function checkLayerVersionArnMember(value: string | null): void {
	if (value === null) throwProblems([constraintProblem('arn', null, 'Member must not be null')]);
	else {
		const problems: Problem[] = [];
		if (value.length > layerNameMaxLength) {
			problems.push(constraintProblem('arn', value, `Member must have length less than or equal to ${layerNameMaxLength}`));
		}
		if (value.length < 1) problems.push(constraintProblem('arn', value, 'Member must have length greater than or equal to 1'));
		if (!layerVersionArnRegex.test(value)) {
			problems.push(constraintProblem('arn', value, `Member must satisfy regular expression pattern: ${layerVersionArnModelPattern}`));
		}
		throwProblems(problems);
	}
}

/** The members of PublishLayerVersion besides Content, as the model constrains them. */
export function checkLayerVersionSettings(settings: {
	description: string | undefined;
	licenseInfo: string | undefined;
	compatibleRuntimes: readonly string[] | undefined;
	compatibleArchitectures: readonly string[] | undefined;
}): Problem[] {
	const problems: Problem[] = [];
	const {description, licenseInfo, compatibleRuntimes, compatibleArchitectures} = settings;
	if (description !== undefined && description.length > descriptionMaxLength) {
		problems.push(constraintProblem('description', description, `Member must have length less than or equal to ${descriptionMaxLength}`));
	}
	if (compatibleRuntimes !== undefined) {
		if (compatibleRuntimes.length > compatibleRuntimesMax) {
			problems.push(
				constraintProblem('compatibleRuntimes', listText(compatibleRuntimes), `Member must have length less than or equal to ${compatibleRuntimesMax}`),
			);
		}
		if (compatibleRuntimes.some((runtime) => !runtimes.includes(runtime))) {
			problems.push(
				constraintProblem('compatibleRuntimes', listText(compatibleRuntimes), `Member must satisfy enum value set: ${listText(runtimes)}`),
			);
		}
	}
	if (licenseInfo !== undefined && licenseInfo.length > licenseInfoMaxLength) {
		problems.push(constraintProblem('licenseInfo', licenseInfo, `Member must have length less than or equal to ${licenseInfoMaxLength}`));
	}
	if (compatibleArchitectures !== undefined) {
		if (compatibleArchitectures.length > compatibleArchitecturesMax) {
			problems.push(
				constraintProblem(
					'compatibleArchitectures',
					listText(compatibleArchitectures),
					`Member must have length less than or equal to ${compatibleArchitecturesMax}`,
				),
			);
		}
		if (compatibleArchitectures.some((architecture) => !architectures.includes(architecture))) {
			problems.push(
				constraintProblem(
					'compatibleArchitectures',
					listText(compatibleArchitectures),
					`Member must satisfy constraint: [Member must satisfy enum value set: ${listText(architectures)}]`,
				),
			);
		}
	}
	return problems;
}

/** The CompatibleRuntime and CompatibleArchitecture filters of the List operations. */
export interface LayerFilters {
	runtime: string | undefined;
	architecture: string | undefined;
}

export function readLayerFilters(query: URLSearchParams): LayerFilters {
	const runtime = query.get('CompatibleRuntime') ?? undefined;
	const architecture = query.get('CompatibleArchitecture') ?? undefined;
	const problems: Problem[] = [];
	if (runtime !== undefined && !runtimes.includes(runtime)) {
		problems.push(constraintProblem('compatibleRuntime', runtime, `Member must satisfy enum value set: ${listText(runtimes)}`));
	}
	if (architecture !== undefined && !architectures.includes(architecture)) {
		problems.push(constraintProblem('compatibleArchitecture', architecture, `Member must satisfy enum value set: ${listText(architectures)}`));
	}
	throwProblems(problems);
	return {runtime, architecture};
}

/** MaxItems of ListLayers and ListLayerVersions: 1-50, 50 when absent. */
export function readLayerPageSize(query: URLSearchParams): number {
	const text = query.get('MaxItems');
	if (text === null) return listLayersPageMax;
	if (!/^-?\d+$/.test(text)) {
		throw new LambdaError('InvalidRequestContentException', `Could not parse the query parameter MaxItems: '${text}' is not an integer`);
	}
	const value = Number(text);
	if (value < 1) throwProblems([constraintProblem('maxItems', value, 'Member must have value greater than or equal to 1')]);
	if (value > listLayersPageMax) {
		throwProblems([constraintProblem('maxItems', value, `Member must have value less than or equal to ${listLayersPageMax}`)]);
	}
	return value;
}

/** The VersionNumber path member (a long): Lambda refuses numbers below 1. */
export function readVersionNumber(text: string): number {
	if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
		throw new LambdaError('InvalidRequestContentException', `Could not parse the path parameter VersionNumber: '${text}' is not an integer`);
	}
	const value = Number(text);
	if (value < 1) throw new LambdaError('InvalidParameterValueException', 'Layer Version Cannot be less than 1');
	return value;
}

export function encodeLayerMarker(value: string): string {
	return Buffer.from(`v1:${value}`, 'utf8').toString('base64url');
}

export function decodeLayerMarker(marker: string, operation: string): string {
	const decoded = Buffer.from(marker, 'base64url').toString('utf8');
	if (!decoded.startsWith('v1:') || decoded.length <= 3) {
		throw new LambdaError('InvalidParameterValueException', `Invalid Marker: pass the NextMarker of a previous ${operation} response.`);
	}
	return decoded.slice(3);
}
