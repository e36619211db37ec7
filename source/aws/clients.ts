// The SDK clients for a session. The only place that decides endpoint, region,
// profile and credentials for every AWS call.
import {LambdaClient} from '@aws-sdk/client-lambda';
import {STSClient} from '@aws-sdk/client-sts';
import type {EC2Client} from '@aws-sdk/client-ec2';
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

export function endpointOf(session: Session): string | undefined {
	return session.target.endpoint;
}

export function createClients(session: Session): Clients {
	const config = clientConfig(session);
	const lambda = new LambdaClient(config);
	const sts = new STSClient(config);
	let ec2: Promise<EC2Client> | undefined;
	return {
		lambda,
		sts,
		ec2() {
			ec2 ??= import('@aws-sdk/client-ec2').then((module) => new module.EC2Client(config));
			return ec2;
		},
		endpoint: endpointOf(session),
		destroy() {
			lambda.destroy();
			sts.destroy();
			void ec2?.then((client) => client.destroy(), () => undefined);
		},
	};
}
