// Lambda layers: the account's layers and their versions (every page), one
// version by name or ARN, publishing a version from a zip sent directly
// (Content.ZipFile) and deleting one, mapped to the plain shapes of
// domain/layers.ts with every text from outside cleaned.
import {
	DeleteLayerVersionCommand,
	GetLayerVersionByArnCommand,
	GetLayerVersionCommand,
	ListLayerVersionsCommand,
	ListLayersCommand,
	PublishLayerVersionCommand,
	type Architecture,
	type GetLayerVersionResponse,
	type LayerVersionsListItem,
	type Runtime,
} from '@aws-sdk/client-lambda';
import {parseLambdaTimestamp} from '../domain/format.js';
import type {LayerPublishInput, LayerSummary, LayerVersionDetail, LayerVersionSummary} from '../domain/layers.js';
import {cleanText} from '../domain/sanitize.js';
import type {Clients} from './clients.js';

/** Only the versions compatible with a runtime and architecture (as the console lists them for a function). */
export interface LayerFilter {
	runtime?: string;
	architecture?: string;
}

function toVersionSummary(item: LayerVersionsListItem | GetLayerVersionResponse): LayerVersionSummary {
	return {
		arn: cleanText(item.LayerVersionArn ?? ''),
		version: item.Version ?? 0,
		description: cleanText(item.Description ?? ''),
		created: parseLambdaTimestamp(item.CreatedDate),
		compatibleRuntimes: (item.CompatibleRuntimes ?? []).map((runtime) => cleanText(runtime)),
		compatibleArchitectures: (item.CompatibleArchitectures ?? []).map((architecture) => cleanText(architecture)),
		license: cleanText(item.LicenseInfo ?? ''),
	};
}

function toVersionDetail(response: GetLayerVersionResponse): LayerVersionDetail {
	return {
		...toVersionSummary(response),
		layerArn: cleanText(response.LayerArn ?? ''),
		codeSize: response.Content?.CodeSize ?? 0,
		codeSha256: cleanText(response.Content?.CodeSha256 ?? ''),
	};
}

const filterMembers = (filter: LayerFilter) => ({
	...(filter.runtime === undefined ? {} : {CompatibleRuntime: filter.runtime as Runtime}),
	...(filter.architecture === undefined ? {} : {CompatibleArchitecture: filter.architecture as Architecture}),
});

/** Every layer of the account and region with its latest (matching) version, by name. */
export async function listLayers(clients: Clients, filter: LayerFilter = {}, signal?: AbortSignal): Promise<LayerSummary[]> {
	const layers: LayerSummary[] = [];
	let marker: string | undefined;
	do {
		// eslint-disable-next-line no-await-in-loop
		const page = await clients.lambda.send(new ListLayersCommand({Marker: marker, MaxItems: 50, ...filterMembers(filter)}), {abortSignal: signal});
		for (const layer of page.Layers ?? []) {
			if (layer.LatestMatchingVersion === undefined) continue;
			layers.push({name: cleanText(layer.LayerName ?? ''), arn: cleanText(layer.LayerArn ?? ''), latest: toVersionSummary(layer.LatestMatchingVersion)});
		}
		marker = page.NextMarker;
	} while (marker !== undefined && marker !== '');
	return layers.sort((left, right) => left.name.localeCompare(right.name));
}

/** Every version of a layer (that matches), newest first. */
export async function listLayerVersions(clients: Clients, layerName: string, filter: LayerFilter = {}, signal?: AbortSignal): Promise<LayerVersionSummary[]> {
	const versions: LayerVersionSummary[] = [];
	let marker: string | undefined;
	do {
		// eslint-disable-next-line no-await-in-loop
		const page = await clients.lambda.send(
			new ListLayerVersionsCommand({LayerName: layerName, Marker: marker, MaxItems: 50, ...filterMembers(filter)}),
			{abortSignal: signal},
		);
		versions.push(...(page.LayerVersions ?? []).map(toVersionSummary));
		marker = page.NextMarker;
	} while (marker !== undefined && marker !== '');
	return versions.sort((left, right) => right.version - left.version);
}

export async function getLayerVersion(clients: Clients, layerName: string, version: number): Promise<LayerVersionDetail> {
	return toVersionDetail(await clients.lambda.send(new GetLayerVersionCommand({LayerName: layerName, VersionNumber: version})));
}

export async function getLayerVersionByArn(clients: Clients, arn: string): Promise<LayerVersionDetail> {
	return toVersionDetail(await clients.lambda.send(new GetLayerVersionByArnCommand({Arn: arn})));
}

/** Publishes a new version from a zip uploaded directly (at most 50 MB). */
export async function publishLayerVersion(clients: Clients, input: LayerPublishInput, zip: Uint8Array): Promise<LayerVersionDetail> {
	const response = await clients.lambda.send(
		new PublishLayerVersionCommand({
			LayerName: input.name,
			Content: {ZipFile: zip},
			...(input.description === '' ? {} : {Description: input.description}),
			...(input.compatibleRuntimes.length === 0 ? {} : {CompatibleRuntimes: input.compatibleRuntimes as Runtime[]}),
			...(input.compatibleArchitectures.length === 0 ? {} : {CompatibleArchitectures: input.compatibleArchitectures as Architecture[]}),
			...(input.license === '' ? {} : {LicenseInfo: input.license}),
		}),
	);
	return toVersionDetail(response);
}

export async function deleteLayerVersion(clients: Clients, layerName: string, version: number): Promise<void> {
	await clients.lambda.send(new DeleteLayerVersionCommand({LayerName: layerName, VersionNumber: version}));
}
