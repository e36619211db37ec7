// A fresh local Lambda on a temporary data directory, and a session pointed at it.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createClients, type Clients} from '../../source/aws/clients.js';
import {startLocalLambda, type LocalLambda, type LocalLambdaOptions} from '../../source/mock/server.js';
import {localSession, type Session} from '../../source/session.js';

export interface TestLambda {
	lambda: LocalLambda;
	session: Session;
	clients: Clients;
	dataDir: string;
	/** A session like `session`, but read-only. */
	readOnlySession: Session;
	stop(): Promise<void>;
}

export async function startTestLambda(options: Partial<LocalLambdaOptions> = {}): Promise<TestLambda> {
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lambdash-test-'));
	const lambda = await startLocalLambda({transitionDelayMs: 50, ...options, dataDir, port: 0});
	const session = localSession(lambda.endpoint, dataDir, lambda.region, false);
	const clients = createClients(session);
	return {
		lambda,
		session,
		clients,
		dataDir,
		readOnlySession: {...session, readOnly: true},
		async stop() {
			clients.destroy();
			await lambda.close();
			if (!options.dataDir) rmSync(dataDir, {recursive: true, force: true});
		},
	};
}
