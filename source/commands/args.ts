// Flags and subcommands, parsed the same way for the console and every command.
import {parseArgs} from 'node:util';

export interface ConnectionFlags {
	local: boolean;
	dataDir: string | undefined;
	profile: string | undefined;
	region: string | undefined;
	endpointUrl: string | undefined;
	readOnly: boolean;
}

export type Invocation =
	| {command: 'console'; flags: ConnectionFlags}
	| {command: 'mock'; port: number | undefined; dataDir: string | undefined; region: string | undefined; transitionDelayMs: number | undefined}
	| {command: 'throttle' | 'unthrottle'; functionName: string; flags: ConnectionFlags}
	| {command: 'help'}
	| {command: 'version'};

export class UsageError extends Error {
	override name = 'UsageError';
}

export const usage = `Usage:
  lambdash [connection flags]            open the console
  lambdash --local                       the console on the bundled local Lambda (no AWS account needed)
  lambdash throttle NAME [flags]         set NAME's reserved concurrency to 0, remembering the old value
  lambdash unthrottle NAME [flags]       restore what NAME had before it was throttled
  lambdash mock [--port N] [--data-dir DIR] [--region R]
                                         run the local Lambda alone, for the AWS CLI and SDKs

Connection flags:
  --local                 start the local Lambda in this process and use it
  --data-dir DIR          the local Lambda's state (default: per-user data directory)
  --profile NAME          AWS profile (default: AWS_PROFILE, then the SDK's default chain)
  --region REGION         AWS region (default: AWS_REGION, then the profile's region)
  --endpoint-url URL      send every call to this endpoint (default: AWS_ENDPOINT_URL)
  --read-only             turn every action that changes something off
  -h, --help              this text
  -v, --version           the version`;

const connectionOptions = {
	local: {type: 'boolean'},
	'data-dir': {type: 'string'},
	profile: {type: 'string'},
	region: {type: 'string'},
	'endpoint-url': {type: 'string'},
	'read-only': {type: 'boolean'},
	help: {type: 'boolean', short: 'h'},
	version: {type: 'boolean', short: 'v'},
} as const;

function nonEmpty(value: string | undefined): string | undefined {
	return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function guard<T>(parseFlags: () => T): T {
	try {
		return parseFlags();
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify.*$/s, '') : String(error));
	}
}

export function parseInvocation(argv: string[], env: NodeJS.ProcessEnv = process.env): Invocation {
	const [first, ...rest] = argv;
	if (first === 'mock') {
		const {values, positionals} = guard(() =>
			parseArgs({
				args: rest,
				allowPositionals: true,
				strict: true,
				options: {
					port: {type: 'string'},
					'data-dir': {type: 'string'},
					region: {type: 'string'},
					'transition-delay-ms': {type: 'string'},
					help: {type: 'boolean', short: 'h'},
				},
			}),
		);
		if (values.help) return {command: 'help'};
		if (positionals.length > 0) throw new UsageError(`mock takes no arguments, got "${positionals.join(' ')}"`);
		return {
			command: 'mock',
			port: integerFlag('--port', values.port, 0, 65_535),
			dataDir: nonEmpty(values['data-dir']),
			region: nonEmpty(values.region),
			transitionDelayMs: integerFlag('--transition-delay-ms', values['transition-delay-ms'], 0, 600_000),
		};
	}
	const isAction = first === 'throttle' || first === 'unthrottle';
	const {values, positionals} = guard(() =>
		parseArgs({args: isAction ? rest : argv, options: connectionOptions, allowPositionals: true, strict: true}),
	);
	if (values.help) return {command: 'help'};
	if (values.version) return {command: 'version'};
	const flags: ConnectionFlags = {
		local: values.local ?? false,
		dataDir: nonEmpty(values['data-dir']),
		profile: nonEmpty(values.profile) ?? nonEmpty(env.AWS_PROFILE),
		region: nonEmpty(values.region) ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION),
		endpointUrl: nonEmpty(values['endpoint-url']) ?? nonEmpty(env.AWS_ENDPOINT_URL_LAMBDA) ?? nonEmpty(env.AWS_ENDPOINT_URL),
		readOnly: values['read-only'] ?? false,
	};
	if (flags.local && flags.endpointUrl && values['endpoint-url']) {
		throw new UsageError('--local and --endpoint-url both choose where to connect: use one of them');
	}
	if (flags.endpointUrl && !/^https?:\/\/[^\s/]+/.test(flags.endpointUrl)) {
		throw new UsageError(`--endpoint-url must be an http:// or https:// URL, got "${flags.endpointUrl}"`);
	}
	if (isAction) {
		if (positionals.length !== 1) throw new UsageError(`${first} takes one function name, e.g. lambdash ${first} my-function`);
		return {command: first, functionName: positionals[0]!, flags};
	}
	if (positionals.length > 0) throw new UsageError(`unknown command "${positionals[0]}"`);
	return {command: 'console', flags};
}

function integerFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
		throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
	}
	return Number(value);
}
