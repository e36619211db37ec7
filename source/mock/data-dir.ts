// Where the local Lambda keeps its state unless told otherwise: per user,
// $XDG_DATA_HOME/lambdash/local-lambda, else ~/.local/share/lambdash/local-lambda.

import {homedir} from 'node:os';
import {isAbsolute, join} from 'node:path';

export function defaultDataDir(): string {
	const xdg = process.env['XDG_DATA_HOME'];
	const base = xdg !== undefined && xdg !== '' && isAbsolute(xdg) ? xdg : join(homedir(), '.local', 'share');
	return join(base, 'lambdash', 'local-lambda');
}
