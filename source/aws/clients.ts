// The SDK clients for a session. The only place that decides endpoint, region,
// profile and credentials for every AWS call.
import {LambdaClient} from '@aws-sdk/client-lambda';
import {STSClient} from '@aws-sdk/client-sts';
import type {EC2Client} from '@aws-sdk/client-ec2';
import type {SchemasClient} from '@aws-sdk/client-schemas';
import type {CloudWatchClient} from '@aws-sdk/client-cloudwatch';
import type {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import type {IAMClient} from '@aws-sdk/client-iam';
import type {SFNClient} from '@aws-sdk/client-sfn';
import type {XRayClient} from '@aws-sdk/client-xray';
import type {Session} from '../session.js';

export interface Clients {
	lambda: LambdaClient;
	sts: STSClient;
	/**
	 * EC2, for the VPC section's lists of VPCs, subnets and security groups:
	 * made the first time it is asked for, its SDK module loaded only then (it is
	 * large, and the console's first frame does not need it).
	 */
	ec2(): Promise<EC2Client>;
	/**
	 * EventBridge Schemas, for shareable test events (the registry
	 * lambda-testevent-schemas): made the first time it is asked for, its SDK
	 * module loaded only then.
	 */
	schemas(): Promise<SchemasClient>;
	/** CloudWatch Logs, for the Monitor tab's logs and recent invocations: made, and its SDK loaded, on first use. */
	logs(): Promise<CloudWatchLogsClient>;
	/** CloudWatch metrics, for the Monitor tab's charts: made, and its SDK loaded, on first use. */
	cloudwatch(): Promise<CloudWatchClient>;
	/** X-Ray, for the Monitor tab's traces: made, and its SDK loaded, on first use. */
	xray(): Promise<XRayClient>;
	/** Step Functions, for the state machines that call the function: made, and its SDK loaded, on first use. */
	sfn(): Promise<SFNClient>;
	/** IAM, for the execution roles a new function may take (AWS only): made, and its SDK loaded, on first use. */
	iam(): Promise<IAMClient>;
	/** The endpoint the clients talk to, for messages; undefined for AWS's own. */
	endpoint: string | undefined;
	destroy(): void;
}

interface CommonConfig {
	region: string;
	endpoint?: string;
	profile?: string;
	credentials?: {accessKeyId: string; secretAccessKey: string};
	maxAttempts: number;
	requestHandler: {connectionTimeout: number; requestTimeout: number};
}

export function clientConfig(session: Session): CommonConfig {
	const config: CommonConfig = {
		region: session.region,
		maxAttempts: 3,
		requestHandler: {connectionTimeout: 5000, requestTimeout: 30_000},
	};
	const {target} = session;
	if (target.kind === 'local') {
		config.endpoint = target.endpoint;
		if (session.localCredentials) config.credentials = session.localCredentials;
	} else {
		if (target.endpoint) config.endpoint = target.endpoint;
		if (target.profile) config.profile = target.profile;
	}
	return config;
}

/**
 * An SDK module loaded on demand. The shipped bundle turns the SDK's CommonJS
 * into a module whose only export is `default` (the exports object); Node's own
 * loader gives the named exports as well. Either way, this is the exports.
 */
export async function loadSdk<T extends object>(load: Promise<T>): Promise<T> {
	const module = await load;
	const exports: unknown = (module as {default?: unknown}).default;
	return exports !== null && typeof exports === 'object' ? (exports as T) : module;
}

export function endpointOf(session: Session): string | undefined {
	return session.target.endpoint;
}

/** A client made the first time it is asked for (its SDK module loaded only then), and destroyed with the others. */
function lazyClient<T extends {destroy(): void}>(make: () => Promise<T>): {get(): Promise<T>; destroy(): void} {
	let client: Promise<T> | undefined;
	return {
		get() {
			client ??= make();
			return client;
		},
		destroy() {
			void client?.then((made) => made.destroy(), () => undefined);
		},
	};
}

export function createClients(session: Session): Clients {
	const config = clientConfig(session);
	const lambda = new LambdaClient(config);
	const sts = new STSClient(config);
	const ec2 = lazyClient(() => loadSdk(import('@aws-sdk/client-ec2')).then((module) => new module.EC2Client(config)));
	const schemas = lazyClient(() => loadSdk(import('@aws-sdk/client-schemas')).then((module) => new module.SchemasClient(config)));
	const logs = lazyClient(() => loadSdk(import('@aws-sdk/client-cloudwatch-logs')).then((module) => new module.CloudWatchLogsClient(config)));
	const cloudwatch = lazyClient(() => loadSdk(import('@aws-sdk/client-cloudwatch')).then((module) => new module.CloudWatchClient(config)));
	const xray = lazyClient(() => loadSdk(import('@aws-sdk/client-xray')).then((module) => new module.XRayClient(config)));
	const sfn = lazyClient(() => loadSdk(import('@aws-sdk/client-sfn')).then((module) => new module.SFNClient(config)));
	const iam = lazyClient(() => loadSdk(import('@aws-sdk/client-iam')).then((module) => new module.IAMClient(config)));
	const lazy = [ec2, schemas, logs, cloudwatch, xray, sfn, iam];
	return {
		lambda,
		sts,
		ec2: ec2.get,
		schemas: schemas.get,
		logs: logs.get,
		cloudwatch: cloudwatch.get,
		xray: xray.get,
		sfn: sfn.get,
		iam: iam.get,
		endpoint: endpointOf(session),
		destroy() {
			lambda.destroy();
			sts.destroy();
			for (const client of lazy) client.destroy();
		},
	};
}
