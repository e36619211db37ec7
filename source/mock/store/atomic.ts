// Durable file writes: write a temporary file, fsync it, rename it over the
// target, fsync the directory. After `await`, the file survives a crash (the
// process being SIGKILLed, or the machine losing power on a file system that
// honours fsync), and a reader never sees a half-written file.
//
// Directory fsyncs are shared: writes that finish their rename while a
// directory fsync is already running wait for the next one, so a burst of
// writes (thousands of functions created at once) costs few directory fsyncs.

import {open, rename, unlink} from 'node:fs/promises';
import {join} from 'node:path';

let temporaryCounter = 0;

export const temporarySuffix = '.tmp';

function temporaryName(filename: string): string {
	temporaryCounter += 1;
	return `.${filename}.${process.pid}.${temporaryCounter}${temporarySuffix}`;
}

interface DirectorySync {
	running: Promise<void> | undefined;
	next: Promise<void> | undefined;
}

const directorySyncs = new Map<string, DirectorySync>();

async function fsyncDirectory(directory: string): Promise<void> {
	const handle = await open(directory, 'r');
	try {
		await handle.sync();
	} catch (error) {
		// Some file systems refuse fsync on a directory (EINVAL, EISDIR): nothing more to do there.
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw error;
	} finally {
		await handle.close();
	}
}

/** Resolves once a directory fsync that STARTED after this call has finished. */
export function syncDirectory(directory: string): Promise<void> {
	let state = directorySyncs.get(directory);
	if (state === undefined) {
		state = {running: undefined, next: undefined};
		directorySyncs.set(directory, state);
	}
	const current = state;
	if (current.running === undefined) {
		current.running = fsyncDirectory(directory).finally(() => {
			current.running = undefined;
		});
		return current.running;
	}
	if (current.next === undefined) {
		const waitFor = current.running;
		current.next = waitFor
			.catch(() => undefined)
			.then(() => {
				current.next = undefined;
				current.running = fsyncDirectory(directory).finally(() => {
					current.running = undefined;
				});
				return current.running;
			});
	}
	return current.next;
}

export async function writeFileAtomic(directory: string, filename: string, data: string | Uint8Array): Promise<void> {
	const temporary = join(directory, temporaryName(filename));
	const handle = await open(temporary, 'w', 0o600);
	try {
		await handle.writeFile(data);
		await handle.sync();
	} catch (error) {
		await handle.close().catch(() => undefined);
		await unlink(temporary).catch(() => undefined);
		throw error;
	}
	await handle.close();
	try {
		await rename(temporary, join(directory, filename));
	} catch (error) {
		await unlink(temporary).catch(() => undefined);
		throw error;
	}
	await syncDirectory(directory);
}

/** Removes a file durably; a file that is already gone is fine. */
export async function removeFileDurable(directory: string, filename: string): Promise<void> {
	try {
		await unlink(join(directory, filename));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
		throw error;
	}
	await syncDirectory(directory);
}
