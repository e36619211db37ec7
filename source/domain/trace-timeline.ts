// X-Ray traces as the Monitor tab draws them: the row of a trace in the list
// (from GetTraceSummaries), and a trace's timeline (from BatchGetTraces'
// segment documents: each segment and its nested subsegments, depth first,
// in start order) drawn as text bars on one time axis, with eighth blocks
// (▏▎▍▌▋▊▉█) for sub-cell precision. Each segment is labelled with its origin,
// as the X-Ray console does: a Lambda trace has two segments named after the
// function, "orders (Lambda)" (the service) and "orders (Function)", with
// Initialization, Invocation and Overhead indented under the function. Pure:
// the documents come in as the JSON strings X-Ray returns, and anything that
// is not a segment is skipped.

import stringWidth from 'string-width';
import {fit, truncate} from './format.js';
import {cleanText} from './sanitize.js';

export type TraceStatus = 'ok' | 'error' | 'fault' | 'throttle';

export interface TraceSummaryRow {
	id: string;
	startTime: Date;
	durationMs: number;
	responseTimeMs: number | undefined;
	status: TraceStatus;
	httpStatus: number | undefined;
	coldStart: boolean;
}

export interface TimelineRow {
	depth: number;
	name: string;
	/** The segment's origin (AWS::Lambda, AWS::Lambda::Function, ...); undefined for a subsegment. */
	origin: string | undefined;
	/** From the trace's start (the earliest start of all its segments). */
	startMs: number;
	durationMs: number;
	status: TraceStatus;
}

/** A segment's or subsegment's status, as X-Ray's flags say: a fault first, then a throttle (which is also an error), then an error. */
export function statusOf(flags: {fault?: boolean | undefined; throttle?: boolean | undefined; error?: boolean | undefined}): TraceStatus {
	if (flags.fault === true) return 'fault';
	if (flags.throttle === true) return 'throttle';
	if (flags.error === true) return 'error';
	return 'ok';
}

interface Node {
	id: string | undefined;
	name: string;
	origin: string | undefined;
	/** Epoch seconds. */
	start: number;
	/** Epoch seconds; undefined while in progress. */
	end: number | undefined;
	status: TraceStatus;
	children: Node[];
	/** The order it was read in, to keep ties stable. */
	order: number;
}

function record(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function nodeOf(value: unknown, isSegment: boolean, counter: {read: number}): Node | undefined {
	const fields = record(value);
	if (fields === undefined) return undefined;
	const name = fields['name'];
	const start = fields['start_time'];
	if (typeof name !== 'string' || typeof start !== 'number' || !Number.isFinite(start)) return undefined;
	const end = fields['end_time'];
	const origin = fields['origin'];
	const id = fields['id'];
	const node: Node = {
		id: typeof id === 'string' ? id : undefined,
		name: cleanText(name),
		origin: isSegment && typeof origin === 'string' ? cleanText(origin) : undefined,
		start,
		end: typeof end === 'number' && Number.isFinite(end) && end >= start ? end : undefined,
		status: statusOf({fault: fields['fault'] === true, throttle: fields['throttle'] === true, error: fields['error'] === true}),
		children: [],
		order: counter.read++,
	};
	const subsegments = fields['subsegments'];
	if (Array.isArray(subsegments)) {
		for (const subsegment of subsegments) {
			const child = nodeOf(subsegment, false, counter);
			if (child !== undefined) node.children.push(child);
		}
	}
	return node;
}

function findNode(nodes: readonly Node[], id: string): Node | undefined {
	for (const node of nodes) {
		if (node.id === id) return node;
		const found = findNode(node.children, id);
		if (found !== undefined) return found;
	}
	return undefined;
}

function eachNode(nodes: readonly Node[], visit: (node: Node) => void): void {
	for (const node of nodes) {
		visit(node);
		eachNode(node.children, visit);
	}
}

/** Milliseconds to the microsecond, X-Ray's precision (epoch seconds with 6 decimals). */
function microseconds(ms: number): number {
	return Math.round(ms * 1000) / 1000;
}

/**
 * The timeline of one trace: every segment (depth 0) and its subsegments
 * (nested, depth 1, 2, ...), siblings in start order, depth first. A
 * subsegment sent as its own document (type "subsegment") goes under the
 * segment or subsegment its parent_id names. Times are milliseconds from the
 * trace's start; one still in progress lasts until the trace's last end.
 */
export function timelineOf(segmentDocuments: readonly string[]): TimelineRow[] {
	const roots: Node[] = [];
	const detached: Array<{node: Node; parentId: string | undefined}> = [];
	const counter = {read: 0};
	for (const text of segmentDocuments) {
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			continue;
		}
		const fields = record(value);
		const isSubsegment = fields?.['type'] === 'subsegment';
		const node = nodeOf(value, !isSubsegment, counter);
		if (node === undefined) continue;
		if (isSubsegment) {
			const parentId = fields?.['parent_id'];
			detached.push({node, parentId: typeof parentId === 'string' ? parentId : undefined});
		} else {
			roots.push(node);
		}
	}
	for (const {node, parentId} of detached) {
		const parent = parentId === undefined ? undefined : findNode(roots, parentId);
		if (parent === undefined) roots.push(node);
		else parent.children.push(node);
	}
	if (roots.length === 0) return [];
	let traceStart = Number.POSITIVE_INFINITY;
	let traceEnd = Number.NEGATIVE_INFINITY;
	eachNode(roots, (node) => {
		traceStart = Math.min(traceStart, node.start);
		traceEnd = Math.max(traceEnd, node.end ?? node.start);
	});
	const rows: TimelineRow[] = [];
	const walk = (nodes: Node[], depth: number): void => {
		const ordered = [...nodes].sort((left, right) => left.start - right.start || left.order - right.order);
		for (const node of ordered) {
			rows.push({
				depth,
				name: node.name,
				origin: node.origin,
				startMs: microseconds((node.start - traceStart) * 1000),
				durationMs: microseconds(((node.end ?? traceEnd) - node.start) * 1000),
				status: node.status,
			});
			walk(node.children, depth + 1);
		}
	};
	walk(roots, 0);
	return rows;
}

/** A duration in at most 7 columns: "0.4ms", "812.3ms", "1.25s", "123.4s", "1234s". */
export function formatTraceDuration(ms: number): string {
	if (ms < 1000) return `${ms.toFixed(1)}ms`;
	const seconds = ms / 1000;
	if (seconds < 100) return `${seconds.toFixed(2)}s`;
	if (seconds < 1000) return `${seconds.toFixed(1)}s`;
	return `${Math.round(seconds)}s`;
}

/** Left-aligned blocks of 1 to 8 eighths of a cell. */
const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
const durationColumns = 7;
/** Each level of depth indents the name by this much. */
const indentColumns = 2;

/**
 * How the timeline names a segment's origin. Lambda records two segments
 * named after the function (as the X-Ray console shows them): AWS::Lambda, the
 * service ("Lambda"), and AWS::Lambda::Function, the function ("Function").
 * Any other origin is shown without its "AWS::" prefix (EC2::Instance).
 */
export function originLabel(origin: string): string {
	if (origin === 'AWS::Lambda') return 'Lambda';
	if (origin === 'AWS::Lambda::Function') return 'Function';
	return origin.replace(/^AWS::/, '');
}

/** What follows a row's name: a segment's origin in brackets, and the status when it is not ok (so it reads without colour too). */
function labelSuffix(row: TimelineRow): string {
	const origin = row.origin === undefined || row.origin === '' ? '' : ` (${originLabel(row.origin)})`;
	return `${origin}${row.status === 'ok' ? '' : ` ${row.status}`}`;
}

/** A row's label as wide as it is: indented by depth, the name, then the origin and status ("orders (Function) fault"). */
function fullLabel(row: TimelineRow): string {
	return `${' '.repeat(row.depth * indentColumns)}${row.name}${labelSuffix(row)}`;
}

/**
 * A row's label in exactly `columns` columns: indented by depth, the name,
 * and a segment's origin and a status other than ok after it. When it has to
 * be cut, the name is cut (with an ellipsis) and the origin and status kept,
 * as long as a little of the name still shows.
 */
export function timelineLabel(row: TimelineRow, columns: number): string {
	if (columns <= 0) return '';
	const indent = ' '.repeat(row.depth * indentColumns);
	const suffix = labelSuffix(row);
	const label = fullLabel(row);
	if (stringWidth(label) <= columns) return fit(label, columns);
	const room = columns - indent.length - stringWidth(suffix);
	if (suffix === '' || room < 3) return fit(label, columns);
	return fit(`${indent}${truncate(row.name, room)}${suffix}`, columns);
}

/** The bar of [fromEighth, toEighth) on an axis of `cells` cells: full blocks, and an eighth block where it ends inside a cell. */
function bar(fromEighth: number, toEighth: number, cells: number): string {
	const firstCell = Math.min(cells - 1, Math.floor(fromEighth / 8));
	const end = Math.min(cells * 8, Math.max(toEighth, fromEighth + 1, firstCell * 8 + 1));
	const fullCells = Math.floor(end / 8) - firstCell;
	const rest = end % 8;
	const text = ' '.repeat(firstCell) + '█'.repeat(fullCells) + (eighths[rest] ?? '');
	return text + ' '.repeat(Math.max(0, cells - firstCell - fullCells - (rest > 0 ? 1 : 0)));
}

/** The label column: as wide as the widest label, up to 45% of the width (the bars get the rest). */
function labelColumns(rows: readonly TimelineRow[], width: number): number {
	const widest = Math.max(1, ...rows.map((row) => stringWidth(fullLabel(row))));
	return Math.max(1, Math.min(widest, Math.floor(width * 0.45)));
}

/**
 * One line per row, never wider than `width` columns: the label (indented by
 * depth, the name with a segment's origin, see timelineLabel), the duration,
 * and the row's bar on the time axis shared by all rows (the rest of the
 * line: from the trace's start to its last end). The bar starts at the cell
 * its start falls in and ends to the eighth of a cell; every row shows at
 * least an eighth.
 */
export function timelineBars(rows: readonly TimelineRow[], width: number): string[] {
	if (width <= 0) return rows.map(() => '');
	const nameColumns = labelColumns(rows, width);
	const cells = width - nameColumns - durationColumns - 2;
	const total = Math.max(0, ...rows.map((row) => row.startMs + row.durationMs));
	return rows.map((row) => {
		const name = timelineLabel(row, nameColumns);
		const duration = fit(formatTraceDuration(row.durationMs), durationColumns, 'right');
		if (cells < 1) return fit(`${name} ${duration}`, width).trimEnd();
		const scale = total > 0 ? (cells * 8) / total : 0;
		const from = Math.round(row.startMs * scale);
		const to = total > 0 ? Math.round((row.startMs + row.durationMs) * scale) : cells * 8;
		return `${name} ${duration} ${bar(from, to, cells)}`.trimEnd();
	});
}
