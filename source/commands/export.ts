// lambdash export NAME: downloads a function as the Lambda console's Download
// does, into a directory (default the current one): its code as NAME.zip, a
// SAM template (template.yaml) describing it completely, or both. Files
// already there are replaced only with --force. Prints the paths written on
// standard output, and what the template could not say on standard error;
// exit 1 when the function cannot be read or a file cannot be written, 2 for
// bad flags.
import {createClients} from '../aws/clients.js';
import {describeAwsError} from '../aws/errors.js';
import {existingExportFiles, exportFunction} from '../aws/export-function.js';
import type {Session} from '../session.js';
import type {ExportOptions} from './args.js';

export async function runExportCommand(session: Session, name: string, options: ExportOptions): Promise<number> {
	const existing = options.force ? [] : await existingExportFiles(options.out, name, options.what);
	if (existing.length > 0) {
		console.error(`lambdash: ${existing.join(' and ')} already ${existing.length === 1 ? 'exists' : 'exist'}: pass --force to replace, or --out another directory.`);
		return 1;
	}
	const clients = createClients(session);
	try {
		const result = await exportFunction(clients, name, {directory: options.out, what: options.what});
		for (const path of result.written) console.log(path);
		for (const note of result.notes) console.error(`lambdash: note: ${note}`);
		return 0;
	} catch (error) {
		const message = error instanceof Error && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code ?? '')
			? `${error.message}. Check that the directory can be written, or choose another with --out.`
			: describeAwsError(error, clients.endpoint, 'command');
		console.error(`lambdash: could not export ${name}: ${message}`);
		return 1;
	} finally {
		clients.destroy();
	}
}
