// An environment's processes, seen through /proc on Linux: the runtime's
// process and everything it started (a custom runtime's shell script runs
// curl and the function's own programs). Memory is their resident set
// (VmRSS), and the runtime's peak (VmHWM, which the kernel keeps, so a
// spike between two samples still counts); stopping an environment kills
// the whole tree, so nothing it started is left behind. Elsewhere (no /proc)
// memory reads as unknown and only the runtime's process is killed.

import {readdirSync, readFileSync} from 'node:fs';

export interface MemorySample {
	/** Resident memory of the whole tree now, bytes. */
	currentBytes: number;
	/** The runtime process's peak resident memory, bytes. */
	peakBytes: number;
}

const procAvailable = (() => {
	try {
		readFileSync('/proc/self/status', 'latin1');
		return true;
	} catch {
		return false;
	}
})();

/** At most this many processes are followed in a tree (a fork bomb is not walked forever). */
const treeMax = 256;

function statusKb(status: string, field: string): number {
	const start = status.indexOf(`${field}:`);
	if (start < 0) return 0;
	const match = /\d+/.exec(status.slice(start + field.length + 1, start + field.length + 40));
	return match === null ? 0 : Number(match[0]);
}

function children(pid: number, allThreads: boolean): number[] {
	const found: number[] = [];
	const tasks = allThreads ? safeReaddir(`/proc/${pid}/task`) : [String(pid)];
	for (const task of tasks) {
		let text: string;
		try {
			text = readFileSync(`/proc/${pid}/task/${task}/children`, 'latin1');
		} catch {
			continue;
		}
		for (const part of text.split(' ')) {
			const child = Number(part);
			if (Number.isInteger(child) && child > 0) found.push(child);
		}
	}
	return found;
}

function safeReaddir(path: string): string[] {
	try {
		return readdirSync(path);
	} catch {
		return [];
	}
}

/** The processes under pid (not pid itself), breadth first. */
export function descendants(pid: number, allThreads = true): number[] {
	if (!procAvailable) return [];
	const found: number[] = [];
	const queue = [pid];
	while (queue.length > 0 && found.length < treeMax) {
		const next = queue.shift();
		if (next === undefined) break;
		for (const child of children(next, allThreads)) {
			if (found.includes(child)) continue;
			found.push(child);
			queue.push(child);
		}
	}
	return found;
}

/** The tree's memory now; undefined where it cannot be read (no /proc, or the process is gone). */
export function sampleMemory(pid: number): MemorySample | undefined {
	if (!procAvailable) return undefined;
	let status: string;
	try {
		status = readFileSync(`/proc/${pid}/status`, 'latin1');
	} catch {
		return undefined;
	}
	const rootKb = statusKb(status, 'VmRSS');
	const peakKb = statusKb(status, 'VmHWM');
	let othersKb = 0;
	// Children of the main thread only: where runtimes start their processes, and one read instead of one per thread.
	for (const child of descendants(pid, false)) {
		try {
			othersKb += statusKb(readFileSync(`/proc/${child}/status`, 'latin1'), 'VmRSS');
		} catch {
			// It ended between the two reads.
		}
	}
	return {currentBytes: (rootKb + othersKb) * 1024, peakBytes: Math.max(peakKb, rootKb) * 1024};
}

/** SIGKILLs a process and everything under it. */
export function killTree(pid: number): void {
	const tree = [pid, ...descendants(pid)];
	for (const member of tree) {
		try {
			process.kill(member, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}
}
