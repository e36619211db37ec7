import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseInvocation, UsageError} from '../../source/commands/args.js';

test('the console takes the AWS CLI flags, and the environment as the AWS CLI does', () => {
	const invocation = parseInvocation(['--profile', 'prod', '--region', 'eu-west-1', '--read-only'], {});
	assert.deepEqual(invocation, {
		command: 'console',
		flags: {local: false, dataDir: undefined, profile: 'prod', region: 'eu-west-1', endpointUrl: undefined, readOnly: true},
	});
	const fromEnv = parseInvocation([], {AWS_PROFILE: 'dev', AWS_REGION: 'us-west-2', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566'});
	assert.equal(fromEnv.command, 'console');
	if (fromEnv.command === 'console') {
		assert.equal(fromEnv.flags.profile, 'dev');
		assert.equal(fromEnv.flags.region, 'us-west-2');
		assert.equal(fromEnv.flags.endpointUrl, 'http://127.0.0.1:4566');
	}
	const flagWins = parseInvocation(['--region', 'ap-south-1'], {AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'eu-north-1'});
	assert.ok(flagWins.command === 'console' && flagWins.flags.region === 'ap-south-1');
});

test('throttle and unthrottle take one function name and the same flags', () => {
	assert.deepEqual(parseInvocation(['throttle', 'orders', '--local'], {}), {
		command: 'throttle',
		functionName: 'orders',
		flags: {local: true, dataDir: undefined, profile: undefined, region: undefined, endpointUrl: undefined, readOnly: false},
	});
	assert.throws(() => parseInvocation(['unthrottle'], {}), UsageError);
	assert.throws(() => parseInvocation(['unthrottle', 'a', 'b'], {}), /one function name/);
});

test('mock takes a port and a data directory, checked', () => {
	assert.deepEqual(parseInvocation(['mock', '--port', '9001', '--data-dir', '/tmp/x'], {}), {
		command: 'mock',
		port: 9001,
		dataDir: '/tmp/x',
		region: undefined,
		transitionDelayMs: undefined,
		idleTimeoutSeconds: undefined,
		accountConcurrency: undefined,
		liveTailEventsPerSecond: undefined,
	});
	const tuned = parseInvocation(['mock', '--idle-timeout', '60', '--account-concurrency', '50', '--live-tail-events', '20000'], {});
	assert.ok(tuned.command === 'mock' && tuned.idleTimeoutSeconds === 60 && tuned.accountConcurrency === 50 && tuned.liveTailEventsPerSecond === 20_000);
	assert.throws(() => parseInvocation(['mock', '--live-tail-events', '0'], {}), /--live-tail-events must be a whole number from 1 to 1000000/);
	assert.throws(() => parseInvocation(['mock', '--idle-timeout', '0'], {}), /--idle-timeout must be a whole number from 1 to 86400/);
	assert.throws(() => parseInvocation(['mock', '--port', 'http'], {}), /--port must be a whole number from 0 to 65535/);
	assert.throws(() => parseInvocation(['mock', '--port', '70000'], {}), /--port/);
});

test('bad flags say what is wrong', () => {
	assert.throws(() => parseInvocation(['--colour'], {}), /Unknown option '--colour'/);
	assert.throws(() => parseInvocation(['--endpoint-url', 'localhost:9001'], {}), /must be an http:\/\/ or https:\/\/ URL/);
	assert.throws(() => parseInvocation(['frobnicate'], {}), /unknown command "frobnicate"/);
	assert.deepEqual(parseInvocation(['--help'], {}), {command: 'help'});
});

test('invoke takes a function name, a payload, a qualifier, --async or --tail, and the connection flags', () => {
	assert.deepEqual(parseInvocation(['invoke', 'orders', '--payload', '{"id":1}', '--qualifier', 'live', '--tail', '--local'], {}), {
		command: 'invoke',
		functionName: 'orders',
		options: {payload: '{"id":1}', qualifier: 'live', async: false, tail: true},
		flags: {local: true, dataDir: undefined, profile: undefined, region: undefined, endpointUrl: undefined, readOnly: false},
	});
	const queued = parseInvocation(['invoke', 'orders', '--async', '--payload', '@event.json'], {});
	assert.ok(queued.command === 'invoke' && queued.options.async && queued.options.payload === '@event.json');
	assert.throws(() => parseInvocation(['invoke'], {}), /invoke takes one function name/);
	assert.throws(() => parseInvocation(['invoke', 'orders', '--qualifier', 'a:b'], {}), /--qualifier must be \$LATEST, a version number or an alias name/);
	assert.throws(() => parseInvocation(['invoke', 'orders', '--async', '--tail'], {}), /--tail needs a synchronous invoke/);
	assert.throws(() => parseInvocation(['throttle', 'orders', '--tail'], {}), /Unknown option '--tail'/);
});

test('logs takes a function name, --since (10m unless given), --filter, --follow, and the connection flags', () => {
	assert.deepEqual(parseInvocation(['logs', 'orders', '--endpoint-url', 'http://127.0.0.1:9001'], {}), {
		command: 'logs',
		functionName: 'orders',
		options: {since: '10m', filter: undefined, follow: false},
		flags: {local: false, dataDir: undefined, profile: undefined, region: undefined, endpointUrl: 'http://127.0.0.1:9001', readOnly: false},
	});
	const full = parseInvocation(['logs', 'orders', '--since', '2h ago', '--filter', '?ERROR ?WARN', '--follow', '--region', 'eu-west-1'], {});
	assert.ok(full.command === 'logs');
	assert.deepEqual(full.options, {since: '2h ago', filter: '?ERROR ?WARN', follow: true});
	assert.equal(full.flags.region, 'eu-west-1');
	const short = parseInvocation(['logs', 'orders', '-f'], {});
	assert.ok(short.command === 'logs' && short.options.follow);
	const range = parseInvocation(['logs', 'orders', '--since', '2h..1h', '--filter', '  '], {});
	assert.ok(range.command === 'logs' && range.options.since === '2h..1h' && range.options.filter === undefined);
	assert.throws(() => parseInvocation(['logs'], {}), /logs takes one function name/);
	assert.throws(() => parseInvocation(['logs', 'orders', '--since', 'yesterday'], {}), (error: unknown) => {
		assert.ok(error instanceof UsageError);
		assert.match(error.message, /^--since: "yesterday" is not a time: .*15m.*UTC/);
		return true;
	});
	assert.throws(() => parseInvocation(['logs', 'orders', '--follow', '--since', '2h..1h'], {}), /--follow tails from now on/);
	assert.throws(() => parseInvocation(['logs', 'orders', '--tail'], {}), /Unknown option '--tail'/);
	assert.throws(() => parseInvocation(['invoke', 'orders', '--since', '1h'], {}), /Unknown option '--since'/);
});

test('sign takes a package, a signing profile, --out, --validity-days and --data-dir, checked', async () => {
	assert.deepEqual(parseInvocation(['sign', 'fn.zip', '--signing-profile', 'release_signer', '--out', 'signed.zip', '--validity-days', '30', '--data-dir', '/tmp/d'], {}), {
		command: 'sign',
		options: {zipPath: 'fn.zip', signingProfile: 'release_signer', out: 'signed.zip', validityDays: 30, dataDir: '/tmp/d'},
	});
	assert.deepEqual(parseInvocation(['sign', 'fn.zip', '--signing-profile', 'ci'], {}), {
		command: 'sign',
		options: {zipPath: 'fn.zip', signingProfile: 'ci', out: undefined, validityDays: undefined, dataDir: undefined},
	});
	assert.deepEqual(parseInvocation(['sign', '--help'], {}), {command: 'help'});
	assert.throws(() => parseInvocation(['sign', '--signing-profile', 'ci'], {}), /sign takes one deployment package/);
	assert.throws(() => parseInvocation(['sign', 'a.zip', 'b.zip', '--signing-profile', 'ci'], {}), /sign takes one deployment package/);
	assert.throws(() => parseInvocation(['sign', 'fn.zip'], {}), /sign needs --signing-profile NAME/);
	assert.throws(() => parseInvocation(['sign', 'fn.zip', '--signing-profile', 'my-signer'], {}), /--signing-profile must be 2 to 64 letters, digits and underscores/);
	assert.throws(() => parseInvocation(['sign', 'fn.zip', '--signing-profile', 'ci', '--validity-days', '0'], {}), /--validity-days must be a whole number from 1 to 4110/);
	assert.throws(() => parseInvocation(['sign', 'fn.zip', '--signing-profile', 'ci', '--local'], {}), /Unknown option '--local'/);
	const {usage} = await import('../../source/commands/args.js');
	assert.match(usage, /lambdash sign ZIP --signing-profile NAME/);
});
