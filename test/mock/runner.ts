// Runs the local Lambda in its own process for the persistence test:
//   node dist/test/mock/runner.js DATA_DIR [TRANSITION_DELAY_MS] [SEED]
// prints {"endpoint": ...} on one line once it listens, and runs until killed.

import {startLocalLambda} from '../../source/mock/server.js';

const [dataDir, delay, seed] = process.argv.slice(2);
if (dataDir === undefined) {
	process.stderr.write('usage: runner.js DATA_DIR [TRANSITION_DELAY_MS] [seed|no-seed]\n');
	process.exit(2);
}
const server = await startLocalLambda({
	dataDir,
	transitionDelayMs: delay === undefined ? 500 : Number(delay),
	seed: seed === 'seed',
});
process.stdout.write(`${JSON.stringify({endpoint: server.endpoint})}\n`);
process.on('SIGTERM', () => {
	void server.close().then(() => process.exit(0));
});
