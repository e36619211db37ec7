// Editing text in the user's own editor ($VISUAL, then $EDITOR, then vi): the
// text goes to a private temporary file, the console hands the terminal over
// until the editor exits, and the file is read back.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export type EditorResult = {kind: 'edited'; text: string} | {kind: 'unchanged'} | {kind: 'failed'; message: string};

export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
	return env['VISUAL']?.trim() || env['EDITOR']?.trim() || 'vi';
}

/** Runs the editor on `text` inside `suspend` (which gives it the terminal). */
export function editInEditor(text: string, fileName: string, suspend: <T>(work: () => T) => T): EditorResult {
	const directory = mkdtempSync(join(tmpdir(), 'lambdash-edit-'));
	const file = join(directory, fileName);
	const editor = editorCommand();
	try {
		writeFileSync(file, text, {mode: 0o600});
		const result = suspend(() => spawnSync(`${editor} "${file}"`, {shell: true, stdio: 'inherit'}));
		if (result.error !== undefined) return {kind: 'failed', message: `could not start ${editor}: ${result.error.message}`};
		if (result.status !== 0) {
			return {kind: 'failed', message: `${editor} exited with status ${result.status ?? result.signal ?? '?'}; nothing was changed. Set $EDITOR to the editor you use.`};
		}
		const edited = readFileSync(file, 'utf8');
		return edited === text ? {kind: 'unchanged'} : {kind: 'edited', text: edited};
	} catch (error) {
		return {kind: 'failed', message: (error as Error).message};
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
}
