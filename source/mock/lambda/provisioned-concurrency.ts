// The provisioned concurrency operations of the local Lambda:
// PutProvisionedConcurrencyConfig, GetProvisionedConcurrencyConfig,
// DeleteProvisionedConcurrencyConfig and ListProvisionedConcurrencyConfigs,
// kept in the function's record (FunctionRecord.provisionedConcurrencyConfigs)
// and allocated for real by the runtime manager, as Lambda answers them:
//
// - The model's constraints first, all at once (ValidationException); then
//   $LATEST is refused (Put: "... cannot be applied to unpublished function
//   versions."; Get and Delete: "The function resource provided must be an
//   alias or a published version."); then the version or alias must exist
//   ("Function not found: <ARN>:<version>", "Cannot find alias arn:
//   <ARN>:<alias>"); an alias must point to a published version, without
//   weights; the request must fit the function's reserved concurrency, or
//   leave the account 100 unreserved executions; an alias and the version it
//   points to cannot both have provisioned concurrency (ResourceConflictException).
// - Put answers 202 with Status IN_PROGRESS; the status becomes READY when
//   every environment's init has run, FAILED (StatusReason
//   FUNCTION_ERROR_INIT_FAILURE) when one fails. Allocated counts the
//   environments that exist, Available the initialised ones.
// - Get of a qualifier without a configuration: ProvisionedConcurrencyConfigNotFoundException
//   (404); Delete of one answers 204 all the same.
// - Deleting a version or an alias takes its configuration along; an alias
//   that moves to another version is allocated again for that version; when
//   the server starts, every stored configuration is allocated again.

import {
	aliasOnProvisionedVersionMessage,
	checkProvisionedAlias,
	checkProvisionedConcurrencyBudget,
	checkProvisionedConcurrentExecutions,
	checkProvisionedListMaxItems,
	checkProvisionedQualifier,
	checkProvisionedQualifierKind,
	configNotFoundMessage,
	initFailureReason,
	isVersionQualifier,
	listProvisionedConcurrencyConfigsPageMax,
	provisionedLastModified,
	unpublishedVersionMessage,
	versionOfProvisionedAliasMessage,
	type ProvisionedBudget,
	type ProvisionedConcurrencyStatus,
	type ProvisionedOperation,
} from '../../domain/provisioned-concurrency.js';
import {checkFunctionName, parseFunctionReference, type Problem} from '../../domain/validate.js';
import type {RuntimeManager} from '../runtime/manager.js';
import type {FunctionSnapshot} from '../runtime/types.js';
import type {FunctionRecord, ProvisionedConcurrencyConfigRecord} from '../store/records.js';
import {LambdaError, throwProblems} from './errors.js';
import {optionalInteger, parseJsonObject} from './input.js';
import type {LambdaService, Reply} from './service.js';

/** Where an allocation stands; kept in memory (a restarted server allocates again). */
interface Allocation {
	status: ProvisionedConcurrencyStatus;
	reason?: string;
	/** The version's configuration allocated for (an alias that moves is allocated again). */
	fingerprint: string;
}

/** The function, and the version or alias, a request names. */
interface Target {
	record: FunctionRecord;
	qualifier: string;
	/** The function's ARN with the qualifier. */
	arn: string;
}

function keyOf(functionName: string, qualifier: string): string {
	return `${functionName}:${qualifier}`;
}

function configNotFound(): LambdaError {
	return new LambdaError('ProvisionedConcurrencyConfigNotFoundException', configNotFoundMessage, {status: 404});
}

/** Whether the version or alias exists. */
function qualifierExists(record: FunctionRecord, qualifier: string): boolean {
	if (isVersionQualifier(qualifier)) return record.versions?.some((version) => version.version === qualifier) === true;
	return record.aliases?.some((alias) => alias.name === qualifier) === true;
}

/** The provisioned concurrency of one local Lambda: its configurations' allocations. */
export class ProvisionedConcurrency {
	private readonly service: LambdaService;
	private readonly allocations = new Map<string, Allocation>();

	constructor(service: LambdaService) {
		this.service = service;
	}

	// ---- operations ---------------------------------------------------------

	async put(reference: string, qualifierParameter: string | undefined, body: Buffer): Promise<Reply> {
		const requested = optionalInteger(parseJsonObject(body), 'ProvisionedConcurrentExecutions');
		throwProblems([...this.referenceProblems(reference, qualifierParameter), ...checkProvisionedConcurrentExecutions(requested)]);
		if (requested === undefined) {
			throw new LambdaError('ValidationException', "1 validation error detected: Value null at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must not be null");
		}
		const target = this.target(reference, qualifierParameter, 'put');
		const {record, qualifier} = target;
		const alias = record.aliases?.find((entry) => entry.name === qualifier);
		if (alias !== undefined) throwProblems(checkProvisionedAlias(alias.functionVersion, alias.additionalVersionWeights));
		throwProblems(checkProvisionedConcurrencyBudget(requested, this.budget(record, qualifier)));
		const configs = record.provisionedConcurrencyConfigs ?? [];
		if (alias !== undefined && configs.some((config) => config.qualifier === alias.functionVersion)) {
			throw new LambdaError('ResourceConflictException', aliasOnProvisionedVersionMessage);
		}
		if (alias === undefined) {
			const pointing = (record.aliases ?? []).filter((entry) => entry.functionVersion === qualifier);
			if (pointing.some((entry) => configs.some((config) => config.qualifier === entry.name))) {
				throw new LambdaError('ResourceConflictException', versionOfProvisionedAliasMessage);
			}
		}
		const config: ProvisionedConcurrencyConfigRecord = {qualifier, requested, lastModified: provisionedLastModified(new Date())};
		const index = configs.findIndex((entry) => entry.qualifier === qualifier);
		const next = index === -1 ? [...configs, config] : configs.map((entry, position) => (position === index ? config : entry));
		await this.service.save({...record, provisionedConcurrencyConfigs: next}, record);
		const counts = this.allocate(record.name, config);
		return {
			status: 202,
			body: {
				RequestedProvisionedConcurrentExecutions: requested,
				AvailableProvisionedConcurrentExecutions: counts.available,
				AllocatedProvisionedConcurrentExecutions: counts.allocated,
				Status: 'IN_PROGRESS',
				LastModified: config.lastModified,
			},
		};
	}

	get(reference: string, qualifierParameter: string | undefined): Reply {
		throwProblems(this.referenceProblems(reference, qualifierParameter));
		const target = this.target(reference, qualifierParameter, 'get');
		const config = target.record.provisionedConcurrencyConfigs?.find((entry) => entry.qualifier === target.qualifier);
		if (config === undefined) throw configNotFound();
		return {status: 200, body: this.shape(target.record.name, config)};
	}

	async delete(reference: string, qualifierParameter: string | undefined): Promise<Reply> {
		throwProblems(this.referenceProblems(reference, qualifierParameter));
		const {record, qualifier} = this.target(reference, qualifierParameter, 'delete');
		const configs = record.provisionedConcurrencyConfigs ?? [];
		if (configs.some((config) => config.qualifier === qualifier)) {
			await this.service.save({...record, provisionedConcurrencyConfigs: configs.filter((config) => config.qualifier !== qualifier)}, record);
			this.release(record.name, qualifier);
		}
		return {status: 204};
	}

	list(reference: string, query: URLSearchParams): Reply {
		throwProblems(checkFunctionName(reference));
		const size = pageSize(query);
		const parsed = parseFunctionReference(reference);
		const name = parsed?.name ?? reference;
		const elsewhere =
			(parsed?.region !== undefined && parsed.region !== this.service.region) ||
			(parsed?.accountId !== undefined && parsed.accountId !== this.service.accountId);
		const record = elsewhere ? undefined : this.service.store.get(name);
		if (record === undefined) throw new LambdaError('ResourceNotFoundException', `Function not found: ${this.service.arn(name)}`);
		const configs = record.provisionedConcurrencyConfigs ?? [];
		let start = 0;
		const marker = query.get('Marker');
		if (marker !== null && marker !== '') {
			const after = decodeMarker(marker);
			const index = configs.findIndex((config) => config.qualifier === after);
			start = index === -1 ? configs.length : index + 1;
		}
		const page = configs.slice(start, start + size);
		const body: Record<string, unknown> = {
			ProvisionedConcurrencyConfigs: page.map((config) => ({
				FunctionArn: `${this.service.arn(record.name)}:${config.qualifier}`,
				...this.shape(record.name, config),
			})),
		};
		const last = page[page.length - 1];
		if (start + size < configs.length && last !== undefined) body['NextMarker'] = encodeMarker(last.qualifier);
		return {status: 200, body};
	}

	// ---- allocation ----------------------------------------------------------

	/**
	 * Brings the allocations of a function in line with its record: a
	 * configuration whose version or alias is gone goes with it (the record is
	 * saved without it), an alias that points elsewhere now is allocated for
	 * that version, and nothing is allocated for a function that is gone.
	 */
	async sync(functionName: string): Promise<void> {
		const record = this.service.store.get(functionName);
		const configs = record?.provisionedConcurrencyConfigs ?? [];
		const standing = record === undefined ? [] : configs.filter((config) => qualifierExists(record, config.qualifier));
		if (record !== undefined && standing.length !== configs.length) {
			await this.service.save({...record, provisionedConcurrencyConfigs: standing}, record);
		}
		const runtime = this.runtime();
		// A service that runs nothing (no invoker attached) has nothing allocated.
		if (runtime === undefined) return;
		const wanted = new Set(standing.map((config) => keyOf(functionName, config.qualifier)));
		for (const key of runtime.provisionedKeys(functionName)) if (!wanted.has(key)) runtime.unprovision(key);
		for (const key of [...this.allocations.keys()]) if (key.startsWith(`${functionName}:`) && !wanted.has(key)) this.allocations.delete(key);
		for (const config of standing) {
			const key = keyOf(functionName, config.qualifier);
			const fingerprint = this.snapshotOf(functionName, config.qualifier)?.fingerprint;
			if (fingerprint === undefined || this.allocations.get(key)?.fingerprint !== fingerprint) this.allocate(functionName, config);
		}
	}

	/** The runtime manager, when the service runs functions. */
	private runtime(): RuntimeManager | undefined {
		try {
			return this.service.invoker.runtimeManager;
		} catch (error) {
			if (error instanceof LambdaError) return undefined;
			throw error;
		}
	}

	/** Allocates every stored configuration again (the server started). */
	restore(): void {
		for (const record of this.service.store.all()) {
			for (const config of record.provisionedConcurrencyConfigs ?? []) {
				if (qualifierExists(record, config.qualifier)) this.allocate(record.name, config);
			}
		}
	}

	/** Starts allocating a configuration (IN_PROGRESS); the counts of its environments before the change. */
	private allocate(functionName: string, config: ProvisionedConcurrencyConfigRecord): {allocated: number; available: number} {
		const key = keyOf(functionName, config.qualifier);
		const runtime = this.service.invoker.runtimeManager;
		const record = this.service.store.get(functionName);
		const alias = record?.aliases?.find((entry) => entry.name === config.qualifier);
		if (alias !== undefined && alias.functionVersion === '$LATEST') {
			// An alias moved to $LATEST: nothing can be allocated for it.
			runtime.unprovision(key);
			this.allocations.set(key, {status: 'FAILED', reason: unpublishedVersionMessage, fingerprint: ''});
			return {allocated: 0, available: 0};
		}
		const snapshot = this.snapshotOf(functionName, config.qualifier);
		if (snapshot === undefined) {
			runtime.unprovision(key);
			this.allocations.set(key, {status: 'FAILED', reason: initFailureReason, fingerprint: ''});
			return {allocated: 0, available: 0};
		}
		const before = runtime.provisionedCounts(key);
		const same = before !== undefined && before.fingerprint === snapshot.fingerprint;
		const allocation: Allocation = {status: 'IN_PROGRESS', fingerprint: snapshot.fingerprint};
		this.allocations.set(key, allocation);
		void runtime.provision(snapshot, key, config.requested).then((result) => {
			if (this.allocations.get(key) !== allocation) return;
			if (result.failed === undefined) {
				allocation.status = 'READY';
			} else {
				allocation.status = 'FAILED';
				allocation.reason = result.failed;
			}
		});
		return same ? {allocated: before.allocated, available: before.available} : {allocated: 0, available: 0};
	}

	/** Stops a configuration's environments (it was deleted). */
	private release(functionName: string, qualifier: string): void {
		const key = keyOf(functionName, qualifier);
		this.allocations.delete(key);
		this.service.invoker.runtimeManager.unprovision(key);
	}

	/** What the environments of a version or alias run; undefined when it cannot be built (a layer is gone). */
	private snapshotOf(functionName: string, qualifier: string): FunctionSnapshot | undefined {
		try {
			return this.service.invoker.provisioningSnapshot(functionName, qualifier);
		} catch {
			return undefined;
		}
	}

	// ---- shapes and checks ---------------------------------------------------

	/** The members Get and List answer with (List adds FunctionArn). */
	private shape(functionName: string, config: ProvisionedConcurrencyConfigRecord): Record<string, unknown> {
		const key = keyOf(functionName, config.qualifier);
		const allocation = this.allocations.get(key);
		const counts = this.service.invoker.runtimeManager.provisionedCounts(key);
		const status = allocation?.status ?? 'IN_PROGRESS';
		const body: Record<string, unknown> = {
			RequestedProvisionedConcurrentExecutions: config.requested,
			AvailableProvisionedConcurrentExecutions: status === 'FAILED' ? 0 : (counts?.available ?? 0),
			AllocatedProvisionedConcurrentExecutions: status === 'FAILED' ? 0 : (counts?.allocated ?? 0),
			Status: status,
		};
		if (status === 'FAILED' && allocation?.reason !== undefined) body['StatusReason'] = allocation.reason;
		body['LastModified'] = config.lastModified;
		return body;
	}

	private referenceProblems(reference: string, qualifier: string | undefined): Problem[] {
		return [...checkFunctionName(reference), ...checkProvisionedQualifier(qualifier)];
	}

	/** The version or alias a request names, which must exist; $LATEST is refused first, as Lambda refuses it. */
	private target(reference: string, qualifierParameter: string | undefined, operation: ProvisionedOperation): Target {
		const qualifier = qualifierParameter ?? '';
		throwProblems(checkProvisionedQualifierKind(qualifier, operation));
		const parsed = parseFunctionReference(reference);
		if (parsed === undefined) throw new LambdaError('ResourceNotFoundException', `Function not found: ${reference}`);
		if (parsed.qualifier !== undefined && parsed.qualifier !== qualifier) {
			throw new LambdaError('InvalidParameterValueException', 'The derived qualifier from the function name does not match the specified qualifier.');
		}
		const arn = `${this.service.arn(parsed.name)}:${qualifier}`;
		const elsewhere =
			(parsed.region !== undefined && parsed.region !== this.service.region) ||
			(parsed.accountId !== undefined && parsed.accountId !== this.service.accountId);
		const record = elsewhere ? undefined : this.service.store.get(parsed.name);
		if (record === undefined || !qualifierExists(record, qualifier)) {
			throw new LambdaError('ResourceNotFoundException', isVersionQualifier(qualifier) ? `Function not found: ${arn}` : `Cannot find alias arn: ${arn}`);
		}
		return {record, qualifier, arn};
	}

	/** What the account and the function already hold, besides this version's or alias's own configuration. */
	private budget(record: FunctionRecord, qualifier: string): ProvisionedBudget {
		let otherProvisionedOfFunction = 0;
		let otherUnreservedProvisioned = 0;
		let reservedTotal = 0;
		for (const entry of this.service.store.all()) {
			if (entry.reservedConcurrency !== undefined) reservedTotal += entry.reservedConcurrency;
			for (const config of entry.provisionedConcurrencyConfigs ?? []) {
				if (entry.name === record.name && config.qualifier === qualifier) continue;
				if (entry.name === record.name) otherProvisionedOfFunction += config.requested;
				if (entry.reservedConcurrency === undefined) otherUnreservedProvisioned += config.requested;
			}
		}
		return {
			...(record.reservedConcurrency === undefined ? {} : {reservedConcurrency: record.reservedConcurrency}),
			otherProvisionedOfFunction,
			reservedTotal,
			otherUnreservedProvisioned,
		};
	}
}

function encodeMarker(qualifier: string): string {
	return Buffer.from(`pcc1:${qualifier}`, 'utf8').toString('base64url');
}

function decodeMarker(marker: string): string {
	const decoded = Buffer.from(marker, 'base64url').toString('utf8');
	if (!decoded.startsWith('pcc1:') || decoded.length <= 'pcc1:'.length) {
		throw new LambdaError('InvalidParameterValueException', 'Invalid Marker: pass the NextMarker of a previous ListProvisionedConcurrencyConfigs response.');
	}
	return decoded.slice('pcc1:'.length);
}

function pageSize(query: URLSearchParams): number {
	const text = query.get('MaxItems');
	if (text === null) return listProvisionedConcurrencyConfigsPageMax;
	if (!/^-?\d+$/.test(text)) throw new LambdaError('InvalidRequestContentException', `Could not parse the query parameter MaxItems: '${text}' is not an integer`);
	const value = Number(text);
	throwProblems(checkProvisionedListMaxItems(value));
	return value;
}

const instances = new WeakMap<LambdaService, ProvisionedConcurrency>();

/** The provisioned concurrency of this local Lambda (one per service). */
export function provisionedConcurrencyOf(service: LambdaService): ProvisionedConcurrency {
	let instance = instances.get(service);
	if (instance === undefined) {
		instance = new ProvisionedConcurrency(service);
		instances.set(service, instance);
	}
	return instance;
}

/** After a version or an alias changed (deleted, or pointed elsewhere): the function's allocations follow. */
export function syncProvisionedConcurrency(service: LambdaService, functionName: string): Promise<void> {
	return provisionedConcurrencyOf(service).sync(functionName);
}

/** When the server starts: every stored configuration is allocated again. */
export function restoreProvisionedConcurrency(service: LambdaService): void {
	provisionedConcurrencyOf(service).restore();
}
