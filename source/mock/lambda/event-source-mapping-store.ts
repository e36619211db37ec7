// The local Lambda's event source mappings, under the data directory:
//
//   DATA/event-source-mappings/<uuid>.json   one file per mapping
//
// Loaded once, the first time a mapping operation runs (synchronously, so
// that a create checks for duplicates without yielding before it stores),
// then served from memory. Every change is written atomically
// (writeFileAtomic) before the caller acknowledges it; writes of one mapping
// are queued, each writing it as it is when the write starts.

import {join} from 'node:path';
import {sourceKinds, type MappingSettings, type SourceAccess, type MappingState, type SourceKind} from '../../domain/event-source-mapping.js';
import {JsonRecordStore} from '../store/json-record-store.js';

export interface EventSourceMappingRecord {
	format: 1;
	uuid: string;
	kind: SourceKind;
	/** The function's ARN as the request named it (with its version or alias, if it named one). */
	functionArn: string;
	eventSourceArn?: string;
	/** Self-managed Kafka's KAFKA_BOOTSTRAP_SERVERS. */
	bootstrapServers?: string[];
	/** The settings given (Lambda's defaults are added when the mapping is shown). */
	settings: MappingSettings;
	/** SourceAccessConfigurations, kept as given ({Type, URI}; IAM_AUTH has no URI). */
	sourceAccessConfigurations?: SourceAccess[];
	enabled: boolean;
	/** The state as of the last change; a transitional one ends at transitionDueAt. */
	state: MappingState;
	/** Epoch ms when the transitional state ends (Enabled or Disabled as `enabled` says; Deleting: the mapping is gone). */
	transitionDueAt?: number;
	/** Epoch ms of the last change by a request. */
	lastModified: number;
	/** Epoch ms of creation: the order ListEventSourceMappings returns them in. */
	createdAt: number;
	tags: Record<string, string>;
}

const states: readonly string[] = ['Creating', 'Enabling', 'Enabled', 'Disabling', 'Disabled', 'Updating', 'Deleting'];

function isRecord(value: unknown): value is EventSourceMappingRecord {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Record<string, unknown>;
	return (
		record['format'] === 1 &&
		typeof record['uuid'] === 'string' &&
		/^[0-9a-f-]{36}$/.test(record['uuid']) &&
		typeof record['kind'] === 'string' &&
		(sourceKinds as readonly string[]).includes(record['kind']) &&
		typeof record['functionArn'] === 'string' &&
		typeof record['settings'] === 'object' &&
		record['settings'] !== null &&
		typeof record['enabled'] === 'boolean' &&
		typeof record['state'] === 'string' &&
		states.includes(record['state']) &&
		typeof record['lastModified'] === 'number' &&
		typeof record['createdAt'] === 'number'
	);
}

export class EventSourceMappingStore extends JsonRecordStore<EventSourceMappingRecord> {
	/** Loads the folder (missing: empty); leftover temporary files go, damaged files are reported on stderr and skipped. */
	static openSync(dataDir: string): EventSourceMappingStore {
		return new EventSourceMappingStore({
			directory: join(dataDir, 'event-source-mappings'),
			kind: 'an event source mapping',
			isRecord: isRecord,
			keyOf: (record) => record.uuid,
			normalise: (record) => ({...record, tags: record.tags ?? {}}),
		}).loadSync();
	}

	/** Every mapping, oldest first. */
	all(): EventSourceMappingRecord[] {
		return this.values().sort((left, right) => left.createdAt - right.createdAt || (left.uuid < right.uuid ? -1 : 1));
	}
}
