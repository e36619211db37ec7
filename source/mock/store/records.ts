// What the local Lambda keeps about a function: one JSON file per function.

export type FunctionState = 'Pending' | 'Active' | 'Inactive' | 'Failed';
export type LastUpdateStatus = 'InProgress' | 'Successful' | 'Failed';

export interface LoggingConfigRecord {
	LogFormat: string;
	ApplicationLogLevel?: string;
	SystemLogLevel?: string;
	LogGroup: string;
}

export interface FunctionRecord {
	/** Format of this record, for later migrations. */
	format: 1;
	name: string;
	runtime: string;
	role: string;
	handler: string;
	description: string;
	timeout: number;
	memorySize: number;
	ephemeralStorage: number;
	architectures: string[];
	/** undefined: no Environment was ever set (Lambda then omits it from the configuration). */
	environment: Record<string, string> | undefined;
	tracingMode: string;
	layers: string[];
	loggingConfig: LoggingConfigRecord;
	/** Hex SHA-256 of the zip: the name of its blob in the code store. */
	codeSha256Hex: string;
	codeSize: number;
	/** Sum of the uncompressed sizes of the zip's entries. */
	codeSizeUnzipped: number;
	lastModified: string;
	revisionId: string;
	state: FunctionState;
	stateReason?: string;
	stateReasonCode?: string;
	lastUpdateStatus: LastUpdateStatus;
	lastUpdateStatusReason?: string;
	lastUpdateStatusReasonCode?: string;
	/** When the transition in flight (Pending->Active, InProgress->Successful) completes, as epoch ms. */
	transitionDueAt?: number;
	tags: Record<string, string>;
	/** undefined: no reservation. */
	reservedConcurrency?: number;
	/** Accepted and echoed, not acted on. */
	kmsKeyArn?: string;
	deadLetterTargetArn?: string;
}

export function isFunctionRecord(value: unknown): value is FunctionRecord {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Record<string, unknown>;
	return (
		record['format'] === 1 &&
		typeof record['name'] === 'string' &&
		typeof record['runtime'] === 'string' &&
		typeof record['codeSha256Hex'] === 'string' &&
		typeof record['revisionId'] === 'string' &&
		typeof record['tags'] === 'object' &&
		record['tags'] !== null
	);
}
