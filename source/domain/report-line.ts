// The figures of an invocation, read from the log Lambda writes at its end:
// the REPORT line of the text log format, or the platform.report record of
// the JSON format.

export interface ReportFigures {
	requestId: string;
	durationMs: number;
	billedDurationMs: number;
	memorySizeMb: number;
	maxMemoryUsedMb: number;
	/** Only on a cold start. */
	initDurationMs?: number;
	/** "timeout", "error" … when the invocation did not end normally. */
	status?: string;
	errorType?: string;
}

const reportPattern =
	/REPORT RequestId: (\S+)\s+Duration: ([\d.]+) ms\s+Billed Duration: (\d+) ms\s+Memory Size: (\d+) MB\s+Max Memory Used: (\d+) MB(?:\s+Init Duration: ([\d.]+) ms)?(?:\s+Status: (\S+))?(?:\s+Error Type: (\S+))?/;

function fromTextLine(line: string): ReportFigures | undefined {
	const match = reportPattern.exec(line);
	if (!match) return undefined;
	const [, requestId = '', duration = '0', billed = '0', memory = '0', used = '0', init, status, errorType] = match;
	return {
		requestId,
		durationMs: Number(duration),
		billedDurationMs: Number(billed),
		memorySizeMb: Number(memory),
		maxMemoryUsedMb: Number(used),
		...(init === undefined ? {} : {initDurationMs: Number(init)}),
		...(status === undefined ? {} : {status}),
		...(errorType === undefined ? {} : {errorType}),
	};
}

function numberAt(record: Record<string, unknown>, key: string): number | undefined {
	const value = record[key];
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function fromJsonLine(line: string): ReportFigures | undefined {
	if (!line.includes('platform.report')) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(line);
	} catch {
		return undefined;
	}
	if (!parsed || typeof parsed !== 'object') return undefined;
	const {type, record} = parsed as {type?: unknown; record?: unknown};
	if (type !== 'platform.report' || !record || typeof record !== 'object') return undefined;
	const {requestId, metrics, status, errorType} = record as {requestId?: unknown; metrics?: unknown; status?: unknown; errorType?: unknown};
	if (typeof requestId !== 'string' || !metrics || typeof metrics !== 'object') return undefined;
	const figures = metrics as Record<string, unknown>;
	const init = numberAt(figures, 'initDurationMs');
	return {
		requestId,
		durationMs: numberAt(figures, 'durationMs') ?? 0,
		billedDurationMs: numberAt(figures, 'billedDurationMs') ?? 0,
		memorySizeMb: numberAt(figures, 'memorySizeMB') ?? 0,
		maxMemoryUsedMb: numberAt(figures, 'maxMemoryUsedMB') ?? 0,
		...(init === undefined ? {} : {initDurationMs: init}),
		...(typeof status === 'string' && status !== 'success' ? {status} : {}),
		...(typeof errorType === 'string' ? {errorType} : {}),
	};
}

/** The figures of the last report in a log (the invocation's own, in a log tail); undefined when there is none. */
export function parseReport(log: string): ReportFigures | undefined {
	const lines = log.split('\n');
	for (let index = lines.length - 1; index >= 0; index--) {
		const line = lines[index] ?? '';
		const figures = line.includes('REPORT RequestId:') ? fromTextLine(line) : fromJsonLine(line);
		if (figures) return figures;
	}
	return undefined;
}
