// lambdash throttle NAME / lambdash unthrottle NAME: one line of result, for runbooks.
import {createClients} from '../aws/clients.js';
import {throttleFunction, unthrottleFunction} from '../aws/concurrency.js';
import {describeAwsError} from '../aws/errors.js';
import type {Session} from '../session.js';

export async function runThrottleCommand(session: Session, action: 'throttle' | 'unthrottle', name: string): Promise<number> {
	if (session.readOnly) {
		console.error(`lambdash: read-only mode: ${action} changes the function; run it without --read-only.`);
		return 1;
	}
	const clients = createClients(session);
	try {
		const outcome = await (action === 'throttle' ? throttleFunction : unthrottleFunction)(clients, name);
		console.log(outcome.message);
		return 0;
	} catch (error) {
		console.error(`lambdash: could not ${action} ${name}: ${describeAwsError(error, clients.endpoint, 'command')}`);
		return 1;
	} finally {
		clients.destroy();
	}
}
