// Flags and subcommands, parsed the same way for the console and every command.
import {parseArgs} from 'node:util';
import {isQualifier} from '../domain/validate.js';
import {isSigningProfileName, validityDaysMax} from '../domain/code-signature.js';
import {parseSince} from '../domain/time-range.js';

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
	| {
			command: 'mock';
			port: number | undefined;
			dataDir: string | undefined;
			region: string | undefined;
			transitionDelayMs: number | undefined;
			idleTimeoutSeconds: number | undefined;
			accountConcurrency: number | undefined;
			liveTailEventsPerSecond: number | undefined;
	  }
	| {command: 'throttle' | 'unthrottle'; functionName: string; flags: ConnectionFlags}
	| {command: 'invoke'; functionName: string; options: InvokeOptions; flags: ConnectionFlags}
	| {command: 'logs'; functionName: string; options: LogsOptions; flags: ConnectionFlags}
	| {command: 'sign'; options: SignOptions}
	| {command: 'export'; functionName: string; options: ExportOptions; flags: ConnectionFlags}
	| {command: 'deploy'; options: DeployOptions; flags: ConnectionFlags}
	| {command: 'help'}
	| {command: 'version'};

export interface InvokeOptions {
	/** The --payload text: JSON, or @FILE (read by the command, "-" for standard input). */
	payload: string | undefined;
	qualifier: string | undefined;
	async: boolean;
	tail: boolean;
}

export interface LogsOptions {
	/** The --since text (default "10m"): checked here, turned into a range by the command. */
	since: string;
	/** A CloudWatch Logs filter pattern. */
	filter: string | undefined;
	/** Keep tailing with Live Tail. */
	follow: boolean;
}

export interface SignOptions {
	/** The deployment package to sign. */
	zipPath: string;
	/** The local signing profile to sign as (created on first use). */
	signingProfile: string;
	/** Where the signed package goes; undefined: beside the input, as NAME-signed.zip. */
	out: string | undefined;
	/** How long the signature is valid; undefined: AWS Signer's default, 135 months. */
	validityDays: number | undefined;
	/** The local Lambda's data directory, where signing profiles are kept. */
	dataDir: string | undefined;
}

export interface ExportOptions {
	/** Where the files go (created if missing); default the current directory. */
	out: string;
	/** The code .zip, the SAM template (template.yaml), or both. */
	what: 'code' | 'template' | 'both';
	/** Replace files that are already there. */
	force: boolean;
}

export interface DeployOptions {
	/** The SAM template to deploy. */
	templatePath: string;
	/** --parameter-overrides KEY=VALUE words, checked by the command. */
	parameterOverrides: string[];
}

export class UsageError extends Error {
	override name = 'UsageError';
}

export const usage = `Usage:
  lambdash [connection flags]            open the console
  lambdash --local                       the console on the bundled local Lambda (no AWS account needed)
  lambdash throttle NAME [flags]         set NAME's reserved concurrency to 0, remembering the old value
  lambdash unthrottle NAME [flags]       restore what NAME had before it was throttled
  lambdash invoke NAME [--payload JSON|@FILE] [--qualifier Q] [--async] [--tail] [flags]
                                         invoke NAME and print its response (and, with --tail,
                                         the end of its log); exits 1 when the function fails
  lambdash logs NAME [--since 10m] [--filter PATTERN] [--follow] [flags]
                                         print NAME's log events as TIME STREAM MESSAGE lines;
                                         --since 90s, 15m, 2h ago, 3d, 2026-11-27 07:00 (UTC),
                                         07:00 or FROM..TO; --filter takes a CloudWatch filter
                                         pattern (ERROR, "Task timed out", { $.level = "ERROR" });
                                         --follow keeps tailing until Ctrl-C
  lambdash export NAME [--out DIR] [--what code|template|both] [--force] [flags]
                                         download NAME as the console's Download does: its code
                                         (NAME.zip) and a SAM template (template.yaml) describing
                                         it completely, into DIR (default: here); --force replaces
                                         files already there
  lambdash deploy TEMPLATE [--parameter-overrides KEY=VALUE ...] [--local | --endpoint-url URL]
                                         create or update on the local Lambda the functions, layers,
                                         URLs, event invoke configs and triggers a SAM template
                                         describes (in this process, or a running lambdash mock);
                                         for AWS use sam deploy
  lambdash mock [--port N] [--data-dir DIR] [--region R] [--idle-timeout SECONDS]
                [--account-concurrency N] [--live-tail-events N]
                                         run the local Lambda alone, for the AWS CLI and SDKs;
                                         idle execution environments stop after 300 s,
                                         1000 invocations may run at once, and a live tail
                                         gets 500 events a second (as CloudWatch), unless set
  lambdash sign ZIP --signing-profile NAME [--out FILE] [--validity-days N] [--data-dir DIR]
                                         sign a deployment package as a local signing profile
                                         (created on first use) for the local Lambda's code
                                         signing; prints the profile version ARN to allow

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

const logsOptions = {
	since: {type: 'string'},
	filter: {type: 'string'},
	follow: {type: 'boolean', short: 'f'},
} as const;

const exportOptions = {
	out: {type: 'string'},
	what: {type: 'string'},
	force: {type: 'boolean'},
} as const;

const invokeOptions = {
	payload: {type: 'string'},
	qualifier: {type: 'string'},
	async: {type: 'boolean'},
	tail: {type: 'boolean'},
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
					'idle-timeout': {type: 'string'},
					'account-concurrency': {type: 'string'},
					'live-tail-events': {type: 'string'},
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
			idleTimeoutSeconds: integerFlag('--idle-timeout', values['idle-timeout'], 1, 86_400),
			accountConcurrency: integerFlag('--account-concurrency', values['account-concurrency'], 1, 100_000),
			liveTailEventsPerSecond: integerFlag('--live-tail-events', values['live-tail-events'], 1, 1_000_000),
		};
	}
	if (first === 'sign') return parseSign(rest);
	// --parameter-overrides takes the KEY=VALUE words after it, as sam deploy's does.
	const overrides: string[] = [];
	let args = rest;
	if (first === 'deploy') {
		args = [];
		let collecting = false;
		for (const word of rest) {
			if (word === '--parameter-overrides') collecting = true;
			else if (word.startsWith('--parameter-overrides=')) overrides.push(word.slice('--parameter-overrides='.length));
			else if (collecting && !word.startsWith('-')) overrides.push(word);
			else {
				collecting = false;
				args.push(word);
			}
		}
	}
	const isAction = first === 'throttle' || first === 'unthrottle' || first === 'invoke' || first === 'logs' || first === 'export' || first === 'deploy';
	const {values, positionals} = guard(() =>
		parseArgs({
			args: isAction ? args : argv,
			options:
				first === 'invoke'
					? {...connectionOptions, ...invokeOptions}
					: first === 'logs'
						? {...connectionOptions, ...logsOptions}
						: first === 'export'
							? {...connectionOptions, ...exportOptions}
							: connectionOptions,
			allowPositionals: true,
			strict: true,
		}),
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
	if (first === 'deploy') {
		if (positionals.length !== 1) throw new UsageError('deploy takes one template, e.g. lambdash deploy template.yaml');
		if (flags.readOnly) throw new UsageError('deploy changes functions: run it without --read-only');
		return {command: 'deploy', options: {templatePath: positionals[0]!, parameterOverrides: overrides}, flags};
	}
	if (isAction) {
		if (positionals.length !== 1) throw new UsageError(`${first} takes one function name, e.g. lambdash ${first} my-function`);
		const functionName = positionals[0]!;
		const option = (name: string): unknown => (values as Record<string, unknown>)[name];
		const text = (name: string): string | undefined => {
			const value = option(name);
			return typeof value === 'string' ? value : undefined;
		};
		if (first === 'export') {
			const what = nonEmpty(text('what')) ?? 'both';
			if (what !== 'code' && what !== 'template' && what !== 'both') throw new UsageError(`--what must be code, template or both, got "${what}"`);
			return {command: 'export', functionName, options: {out: nonEmpty(text('out')) ?? '.', what, force: option('force') === true}, flags};
		}
		if (first === 'logs') return {command: 'logs', functionName, options: parseLogsOptions(text('since'), text('filter'), option('follow') === true), flags};
		if (first === 'invoke') {
			const qualifier = nonEmpty(text('qualifier'));
			if (qualifier !== undefined && !isQualifier(qualifier)) {
				throw new UsageError(`--qualifier must be $LATEST, a version number or an alias name (letters, digits, $, _ and -), got "${qualifier}"`);
			}
			const async = option('async') === true;
			const tail = option('tail') === true;
			if (async && tail) throw new UsageError('--tail needs a synchronous invoke: Lambda returns no log for --async');
			return {command: 'invoke', functionName, options: {payload: text('payload'), qualifier, async, tail}, flags};
		}
		return {command: first === 'throttle' ? 'throttle' : 'unthrottle', functionName, flags};
	}
	if (positionals.length > 0) throw new UsageError(`unknown command "${positionals[0]}"`);
	return {command: 'console', flags};
}

function parseLogsOptions(sinceFlag: string | undefined, filter: string | undefined, follow: boolean): LogsOptions {
	const since = nonEmpty(sinceFlag) ?? '10m';
	const range = parseSince(since, new Date());
	if ('problem' in range) throw new UsageError(`--since: ${range.problem}`);
	if (follow && range.end !== undefined) throw new UsageError('--follow tails from now on: give --since without an end (e.g. --since 1h)');
	return {since, filter: filter === undefined || filter.trim() === '' ? undefined : filter, follow};
}

function integerFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
		throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
	}
	return Number(value);
}

function parseSign(args: string[]): Invocation {
	const {values, positionals} = guard(() =>
		parseArgs({
			args,
			allowPositionals: true,
			strict: true,
			options: {
				'signing-profile': {type: 'string'},
				out: {type: 'string'},
				'validity-days': {type: 'string'},
				'data-dir': {type: 'string'},
				help: {type: 'boolean', short: 'h'},
			},
		}),
	);
	if (values.help) return {command: 'help'};
	if (positionals.length !== 1) throw new UsageError('sign takes one deployment package, e.g. lambdash sign function.zip --signing-profile my_signer');
	const signingProfile = nonEmpty(values['signing-profile']);
	if (signingProfile === undefined) throw new UsageError('sign needs --signing-profile NAME: the local signing profile to sign as');
	if (!isSigningProfileName(signingProfile)) {
		throw new UsageError(`--signing-profile must be 2 to 64 letters, digits and underscores, got "${signingProfile}"`);
	}
	return {
		command: 'sign',
		options: {
			zipPath: positionals[0]!,
			signingProfile,
			out: nonEmpty(values.out),
			validityDays: integerFlag('--validity-days', values['validity-days'], 1, validityDaysMax),
			dataDir: nonEmpty(values['data-dir']),
		},
	};
}
