// The local Step Functions' state machines, under the data directory:
//
//   DATA/state-machines/<sha-256 of the name, 40 hex>.json   one file per state machine
//
// (a name may hold characters a file name cannot, so the file is named by a
// hash of it). Loaded once when the server starts, then served from memory;
// every change is written atomically before it is acknowledged.

import {createHash} from 'node:crypto';
import {join} from 'node:path';
import {JsonRecordStore} from '../store/json-record-store.js';
import type {Tag} from './input.js';

export type StateMachineType = 'STANDARD' | 'EXPRESS';
export const stateMachineTypes: readonly StateMachineType[] = ['STANDARD', 'EXPRESS'];

export interface StateMachineRecord {
	format: 1;
	name: string;
	arn: string;
	type: StateMachineType;
	definition: string;
	roleArn: string;
	/** Epoch ms. */
	creationDate: number;
	/** Changes with every UpdateStateMachine. */
	revisionId: string;
	tags: Tag[];
}

/** The key (and file name) of the state machine named `name`. */
export function recordKey(name: string): string {
	return createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 40);
}

function isTagList(value: unknown): value is Tag[] {
	return (
		Array.isArray(value) &&
		value.every((tag: unknown) => typeof tag === 'object' && tag !== null && typeof (tag as Tag).key === 'string' && typeof (tag as Tag).value === 'string')
	);
}

function isStateMachineRecord(value: unknown): value is StateMachineRecord {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Record<string, unknown>;
	return (
		record['format'] === 1 &&
		typeof record['name'] === 'string' &&
		typeof record['arn'] === 'string' &&
		(record['type'] === 'STANDARD' || record['type'] === 'EXPRESS') &&
		typeof record['definition'] === 'string' &&
		typeof record['roleArn'] === 'string' &&
		typeof record['creationDate'] === 'number' &&
		typeof record['revisionId'] === 'string' &&
		isTagList(record['tags'])
	);
}

export class StateMachineStore extends JsonRecordStore<StateMachineRecord> {
	/** Loads the folder (missing: empty); leftover temporary files go, damaged files are reported on stderr and skipped. */
	static openSync(dataDir: string): StateMachineStore {
		return new StateMachineStore({
			directory: join(dataDir, 'state-machines'),
			kind: 'a state machine',
			isRecord: isStateMachineRecord,
			keyOf: (record) => recordKey(record.name),
		}).loadSync();
	}

	byName(name: string): StateMachineRecord | undefined {
		return this.get(recordKey(name));
	}

	/** Every state machine, by name (the order ListStateMachines pages through). */
	sorted(): StateMachineRecord[] {
		return this.values().sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
	}
}
