// Lambda layers of the local Lambda: PublishLayerVersion, ListLayers,
// ListLayerVersions, GetLayerVersion, GetLayerVersionByArn and
// DeleteLayerVersion, and what functions need of layers: that the versions
// they name exist, their sizes, and their archives for the execution
// environments. Archives live in the functions' content-addressed code store;
// a deleted version is kept (and still runs) while a function uses it, as in
// Lambda, and its number is never reused.

import {join} from 'node:path';
import {codeSizeUnzippedMax, codeSizeZippedMax, totalCodeSizeMax} from '../../domain/limits.js';
import type {Problem} from '../../domain/validate.js';
import type {FunctionStore} from '../store/function-store.js';
import {LayerStore, type LayerRecord, type LayerVersionRecord} from '../store/layer-store.js';
import type {LayerArtifact} from '../runtime/types.js';
import {LambdaError, throwProblems} from './errors.js';
import {optionalBlob, optionalObject, optionalString, optionalStringList, type JsonObject} from './input.js';
import {
	checkLayerName,
	checkLayerVersionArnMember,
	checkLayerVersionSettings,
	constraintProblem,
	decodeLayerMarker,
	encodeLayerMarker,
	parseLayerName,
	parseLayerVersionArn,
	readLayerFilters,
	readLayerPageSize,
	readVersionNumber,
	type LayerFilters,
} from './layer-input.js';
import {lambdaTimestamp, type Reply} from './service.js';
import {hexToBase64, inspectZip} from './zip.js';

export interface ResolvedLayer extends LayerArtifact {
	/** Zipped size (the Layers[].CodeSize of a function's configuration). */
	codeSize: number;
	/** Sum of the unzipped sizes of its entries. */
	codeSizeUnzipped: number;
}

export interface LayerServiceOptions {
	dataDir: string;
	region: string;
	accountId: string;
}

/** What the layers share with the functions: the code store, and the URL it is served from. */
export interface LayerCodeOptions {
	store: FunctionStore;
	/** The URL this server serves an archive from, by its hex SHA-256. */
	codeUrl: (sha256Hex: string) => string;
}

const notFoundMessage = 'The resource you requested does not exist.';

function matches(version: LayerVersionRecord, filters: LayerFilters): boolean {
	if (version.deleted === true) return false;
	if (filters.runtime !== undefined && version.compatibleRuntimes?.includes(filters.runtime) !== true) return false;
	if (filters.architecture !== undefined && version.compatibleArchitectures?.includes(filters.architecture) !== true) return false;
	return true;
}

/** Adds the fields a layer version has only when they were given: the list item and the full version both carry them. */
function withOptionalFields(shape: Record<string, unknown>, version: LayerVersionRecord): Record<string, unknown> {
	if (version.compatibleRuntimes !== undefined) shape['CompatibleRuntimes'] = [...version.compatibleRuntimes];
	if (version.licenseInfo !== undefined) shape['LicenseInfo'] = version.licenseInfo;
	if (version.compatibleArchitectures !== undefined) shape['CompatibleArchitectures'] = [...version.compatibleArchitectures];
	return shape;
}

export class LayerService {
	private readonly layers: LayerStore;
	private readonly dataDir: string;
	private readonly region: string;
	private readonly accountId: string;
	private code: LayerCodeOptions | undefined;

	private constructor(layers: LayerStore, options: LayerServiceOptions) {
		this.layers = layers;
		this.dataDir = options.dataDir;
		this.region = options.region;
		this.accountId = options.accountId;
	}

	static async open(options: LayerServiceOptions): Promise<LayerService> {
		return new LayerService(await LayerStore.open(options.dataDir), options);
	}

	/**
	 * Shares the functions' code store: the archives of layer versions are kept
	 * there, and never released while a layer version (or a function using a
	 * deleted one) needs them. Deleted versions no function uses any more go now.
	 */
	attach(code: LayerCodeOptions): void {
		this.code = code;
		code.store.addCodeUser((hex) => this.usesCode(hex));
		for (const layer of this.layers.all()) {
			this.pruneDeleted(layer).catch((error: unknown) => {
				process.stderr.write(`local Lambda: could not tidy layer ${layer.name}: ${(error as Error).message}\n`);
			});
		}
	}

	// ---- names -------------------------------------------------------------

	layerArn(name: string): string {
		return `arn:aws:lambda:${this.region}:${this.accountId}:layer:${name}`;
	}

	versionArn(name: string, version: number): string {
		return `${this.layerArn(name)}:${version}`;
	}

	/** The layer version a layer version ARN names in this region and account, deleted ones included. */
	private find(arn: string): {layer: LayerRecord; version: LayerVersionRecord} | undefined {
		const parsed = parseLayerVersionArn(arn);
		if (parsed === undefined || parsed.partition !== 'aws' || parsed.region !== this.region || parsed.accountId !== this.accountId) return undefined;
		const layer = this.layers.get(parsed.name);
		const version = layer?.versions.find((entry) => entry.version === parsed.version);
		return layer === undefined || version === undefined ? undefined : {layer, version};
	}

	/** The layer a LayerName member names, when it is one of this region and account. */
	private locate(layerName: string): {name: string; foreign: boolean} {
		throwProblems(checkLayerName(layerName));
		const reference = parseLayerName(layerName);
		const foreign =
			(reference.partition !== undefined && reference.partition !== 'aws') ||
			(reference.region !== undefined && reference.region !== this.region) ||
			(reference.accountId !== undefined && reference.accountId !== this.accountId);
		return {name: reference.name, foreign};
	}

	// ---- what functions need -----------------------------------------------

	/** The layer versions these ARNs name, in order (deleted versions a function still uses included). */
	resolve(arns: readonly string[]): ResolvedLayer[] {
		return arns.map((arn) => {
			const found = this.find(arn);
			if (found === undefined) throw new LambdaError('InvalidParameterValueException', `Layer version ${arn} does not exist.`);
			const {version} = found;
			return {
				arn,
				zipPath: this.codePath(version.codeSha256Hex),
				sha256Hex: version.codeSha256Hex,
				codeSize: version.codeSize,
				codeSizeUnzipped: version.codeSizeUnzipped,
			};
		});
	}

	/** Layers[].CodeSize of a function's configuration: the archive's size, 0 for a version this server does not have. */
	codeSizeOf(arn: string): number {
		return this.find(arn)?.version.codeSize ?? 0;
	}

	/**
	 * Lambda's checks of a function's new Layers list (CreateFunction,
	 * UpdateFunctionConfiguration): every version exists in the function's
	 * region, no layer twice, and the function's code with its layers stays
	 * within the unzipped size limit.
	 */
	checkFunctionLayers(arns: readonly string[], functionCodeSizeUnzipped: number): void {
		const seen = new Map<string, string>();
		for (const arn of arns) {
			const parsed = parseLayerVersionArn(arn);
			if (parsed !== undefined && parsed.region !== this.region) {
				throw new LambdaError(
					'InvalidParameterValueException',
					`Layers are not in the same region as the function. Layers are expected to be in region ${this.region}.`,
				);
			}
			const found = this.find(arn);
			if (found === undefined || found.version.deleted === true) {
				throw new LambdaError('InvalidParameterValueException', `Layer version ${arn} does not exist.`);
			}
			const layerArn = arn.slice(0, arn.lastIndexOf(':'));
			const other = seen.get(layerArn);
			if (other !== undefined) {
				throw new LambdaError(
					'InvalidParameterValueException',
					`Two different versions of the same layer are not allowed to be referenced in the same function. ${other} and ${arn} are versions of the same layer.`,
				);
			}
			seen.set(layerArn, arn);
		}
		this.checkCombinedSize(arns, functionCodeSizeUnzipped);
	}

	/** The function's code with its layers, unzipped, within Lambda's limit (UpdateFunctionCode checks only this). */
	checkCombinedSize(arns: readonly string[], functionCodeSizeUnzipped: number): void {
		let total = functionCodeSizeUnzipped;
		for (const arn of arns) total += this.find(arn)?.version.codeSizeUnzipped ?? 0;
		if (total > codeSizeUnzippedMax) {
			throw new LambdaError(
				'InvalidParameterValueException',
				`Function code combined with layers exceeds the maximum allowed size of ${codeSizeUnzippedMax} bytes. The actual size is ${total} bytes.`,
			);
		}
	}

	/** The zipped size of every layer version (GetAccountSettings' TotalCodeSize counts them). */
	totalCodeSize(): number {
		let total = 0;
		for (const layer of this.layers.all()) for (const version of layer.versions) if (version.deleted !== true) total += version.codeSize;
		return total;
	}

	// ---- shapes ------------------------------------------------------------

	private listItem(layer: LayerRecord, version: LayerVersionRecord): Record<string, unknown> {
		const item: Record<string, unknown> = {
			LayerVersionArn: this.versionArn(layer.name, version.version),
			Version: version.version,
			Description: version.description,
			CreatedDate: version.createdDate,
		};
		return withOptionalFields(item, version);
	}

	private versionBody(layer: LayerRecord, version: LayerVersionRecord): Record<string, unknown> {
		const body: Record<string, unknown> = {
			Content: {
				Location: this.requireCode().codeUrl(version.codeSha256Hex),
				CodeSha256: hexToBase64(version.codeSha256Hex),
				CodeSize: version.codeSize,
			},
			LayerArn: this.layerArn(layer.name),
			LayerVersionArn: this.versionArn(layer.name, version.version),
			Description: version.description,
			CreatedDate: version.createdDate,
			Version: version.version,
		};
		return withOptionalFields(body, version);
	}

	// ---- operations --------------------------------------------------------

	async publishLayerVersion(layerName: string, body: JsonObject): Promise<Reply> {
		const content = optionalObject(body, 'Content');
		const zip = content === undefined ? undefined : optionalBlob(content, 'ZipFile');
		const description = optionalString(body, 'Description');
		const licenseInfo = optionalString(body, 'LicenseInfo');
		const compatibleRuntimes = optionalStringList(body, 'CompatibleRuntimes');
		const compatibleArchitectures = optionalStringList(body, 'CompatibleArchitectures');
		const problems: Problem[] = [...checkLayerName(layerName)];
		if (content === undefined) problems.push(constraintProblem('content', null, 'Member must not be null'));
		problems.push(...checkLayerVersionSettings({description, licenseInfo, compatibleRuntimes, compatibleArchitectures}));
		throwProblems(problems);
		if (zip === undefined) {
			const other = ['S3Bucket', 'S3Key', 'S3ObjectVersion'].filter((key) => content?.[key] !== undefined && content[key] !== null);
			throw new LambdaError(
				'InvalidParameterValueException',
				other.length > 0
					? `The local Lambda takes layer content only as Content.ZipFile (${other.join(', ')} not supported): upload the .zip file itself.`
					: 'Please provide a source for the layer content: the local Lambda takes Content.ZipFile (S3 locations are not supported).',
			);
		}
		const {name, foreign} = this.locate(layerName);
		if (foreign) {
			throw new LambdaError(
				'InvalidParameterValueException',
				`The layer ARN ${layerName} does not belong to this region (${this.region}) and account (${this.accountId}).`,
			);
		}
		if (zip.length > codeSizeZippedMax) {
			throw new LambdaError('RequestEntityTooLargeException', `Zipped size must be smaller than ${codeSizeZippedMax} bytes`);
		}
		const inspected = inspectZip(zip);
		const code = this.requireCode();
		if (this.functionsCodeSize(code.store) + this.totalCodeSize() + inspected.size > totalCodeSizeMax) {
			throw new LambdaError('CodeStorageExceededException', 'Code storage limit exceeded.');
		}

		// The number is taken now, so that concurrent publishes get different ones; it is never reused.
		const existing = this.layers.get(name);
		const number = (existing?.lastVersionNumber ?? 0) + 1;
		this.layers.set({format: 1, name, versions: [], ...existing, lastVersionNumber: number});
		const version: LayerVersionRecord = {
			version: number,
			description: description ?? '',
			createdDate: lambdaTimestamp(),
			codeSha256Hex: inspected.sha256Hex,
			codeSize: inspected.size,
			codeSizeUnzipped: inspected.unzippedSize,
		};
		if (compatibleRuntimes !== undefined) version.compatibleRuntimes = [...compatibleRuntimes];
		if (compatibleArchitectures !== undefined) version.compatibleArchitectures = [...compatibleArchitectures];
		if (licenseInfo !== undefined) version.licenseInfo = licenseInfo;
		try {
			await code.store.putCode(inspected.sha256Hex, zip);
			const current = this.layers.get(name) ?? {format: 1, name, lastVersionNumber: number, versions: []};
			const versions = [...current.versions, version].sort((left, right) => left.version - right.version);
			this.layers.set({...current, versions});
			await this.layers.persist(name);
		} catch (error) {
			const current = this.layers.get(name);
			if (current !== undefined) this.layers.set({...current, versions: current.versions.filter((entry) => entry !== version)});
			await this.layers.persist(name).catch(() => undefined);
			await code.store.releaseCode(inspected.sha256Hex).catch(() => undefined);
			throw new LambdaError('ServiceException', `The local Lambda could not save the layer version: ${(error as Error).message}`);
		}
		const layer = this.layers.get(name);
		if (layer === undefined) throw new LambdaError('ServiceException', 'The local Lambda lost the layer it just saved.');
		await this.pruneDeleted(layer).catch(() => undefined);
		return {status: 201, body: this.versionBody(layer, version)};
	}

	listLayers(query: URLSearchParams): Reply {
		const filters = readLayerFilters(query);
		const pageSize = readLayerPageSize(query);
		const marker = query.get('Marker');
		const after = marker === null || marker === '' ? undefined : decodeLayerMarker(marker, 'ListLayers');
		const items: Array<Record<string, unknown>> = [];
		let more = false;
		for (const layer of this.layers.all()) {
			if (after !== undefined && layer.name <= after) continue;
			const latest = layer.versions.filter((version) => matches(version, filters)).at(-1);
			if (latest === undefined) continue;
			if (items.length === pageSize) {
				more = true;
				break;
			}
			items.push({LayerName: layer.name, LayerArn: this.layerArn(layer.name), LatestMatchingVersion: this.listItem(layer, latest)});
		}
		const body: Record<string, unknown> = {Layers: items};
		const last = items.at(-1);
		if (more && last !== undefined) body['NextMarker'] = encodeLayerMarker(String(last['LayerName']));
		return {status: 200, body};
	}

	listLayerVersions(layerName: string, query: URLSearchParams): Reply {
		const filters = readLayerFilters(query);
		const pageSize = readLayerPageSize(query);
		const {name, foreign} = this.locate(layerName);
		const marker = query.get('Marker');
		let before = Number.POSITIVE_INFINITY;
		if (marker !== null && marker !== '') {
			const decoded = decodeLayerMarker(marker, 'ListLayerVersions');
			if (!/^[0-9]+$/.test(decoded)) {
				throw new LambdaError('InvalidParameterValueException', 'Invalid Marker: pass the NextMarker of a previous ListLayerVersions response.');
			}
			before = Number(decoded);
		}
		const layer = foreign ? undefined : this.layers.get(name);
		if (layer === undefined) return {status: 200, body: {LayerVersions: []}}; // as Lambda answers for a layer it does not have
		const versions = layer.versions.filter((version) => matches(version, filters) && version.version < before).reverse(); // newest first
		const page = versions.slice(0, pageSize);
		const body: Record<string, unknown> = {LayerVersions: page.map((version) => this.listItem(layer, version))};
		const last = page.at(-1);
		if (versions.length > pageSize && last !== undefined) body['NextMarker'] = encodeLayerMarker(String(last.version));
		return {status: 200, body};
	}

	getLayerVersion(layerName: string, versionText: string): Reply {
		const {name, foreign} = this.locate(layerName);
		const number = readVersionNumber(versionText);
		const layer = foreign ? undefined : this.layers.get(name);
		const version = layer?.versions.find((entry) => entry.version === number && entry.deleted !== true);
		if (layer === undefined || version === undefined) throw new LambdaError('ResourceNotFoundException', notFoundMessage);
		return {status: 200, body: this.versionBody(layer, version)};
	}

	getLayerVersionByArn(arn: string | null): Reply {
		checkLayerVersionArnMember(arn);
		const found = arn === null ? undefined : this.find(arn);
		if (found === undefined || found.version.deleted === true) throw new LambdaError('ResourceNotFoundException', notFoundMessage);
		return {status: 200, body: this.versionBody(found.layer, found.version)};
	}

	async deleteLayerVersion(layerName: string, versionText: string): Promise<Reply> {
		const number = readVersionNumber(versionText);
		const {name, foreign} = this.locate(layerName);
		const layer = foreign ? undefined : this.layers.get(name);
		const version = layer?.versions.find((entry) => entry.version === number);
		// Deleting a version that does not exist (or no longer does) succeeds, as in Lambda.
		if (layer === undefined || version === undefined || version.deleted === true) return {status: 204};
		const used = this.usedByFunction(this.versionArn(name, number));
		const versions = used
			? layer.versions.map((entry): LayerVersionRecord => (entry === version ? {...entry, deleted: true} : entry))
			: layer.versions.filter((entry) => entry !== version);
		this.layers.set({...layer, versions});
		try {
			await this.layers.persist(name);
		} catch (error) {
			this.layers.set(layer);
			throw new LambdaError('ServiceException', `The local Lambda could not delete the layer version: ${(error as Error).message}`);
		}
		if (!used) await this.requireCode().store.releaseCode(version.codeSha256Hex).catch(() => undefined);
		return {status: 204};
	}

	async close(): Promise<void> {
		await this.layers.flush();
	}

	// ---- the code store ----------------------------------------------------

	private requireCode(): LayerCodeOptions {
		if (this.code === undefined) throw new LambdaError('ServiceException', 'The local Lambda cannot store layers: no code store is attached.');
		return this.code;
	}

	private codePath(hex: string): string {
		return this.code?.store.codePath(hex) ?? join(this.dataDir, 'code', `${hex}.zip`);
	}

	/** Whether a function, or one of its published versions, lists this layer version. */
	private usedByFunction(arn: string): boolean {
		if (this.code === undefined) return true;
		for (const record of this.code.store.all()) {
			if (record.layers.includes(arn)) return true;
			if (record.versions?.some((version) => version.layers.includes(arn)) === true) return true;
		}
		return false;
	}

	/** Whether a layer version needs this archive (a deleted one only while a function uses it). */
	private usesCode(hex: string): boolean {
		for (const layer of this.layers.all()) {
			for (const version of layer.versions) {
				if (version.codeSha256Hex !== hex) continue;
				if (version.deleted !== true || this.usedByFunction(this.versionArn(layer.name, version.version))) return true;
			}
		}
		return false;
	}

	/** Forgets the deleted versions of a layer that no function uses any more, and releases their archives. */
	private async pruneDeleted(layer: LayerRecord): Promise<void> {
		const gone = layer.versions.filter((version) => version.deleted === true && !this.usedByFunction(this.versionArn(layer.name, version.version)));
		if (gone.length === 0 || this.code === undefined) return;
		const current = this.layers.get(layer.name) ?? layer;
		this.layers.set({...current, versions: current.versions.filter((version) => !gone.some((entry) => entry.version === version.version))});
		await this.layers.persist(layer.name);
		for (const version of gone) await this.code.store.releaseCode(version.codeSha256Hex).catch(() => undefined);
	}

	private functionsCodeSize(store: FunctionStore): number {
		let total = 0;
		for (const record of store.all()) {
			total += record.codeSize;
			for (const version of record.versions ?? []) total += version.codeSize;
		}
		return total;
	}
}
