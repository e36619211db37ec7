// The SDK clients for a session. The only place that decides endpoint, region,
// profile and credentials for every AWS call.
import {LambdaClient} from '@aws-sdk/client-lambda';
import {STSClient} from '@aws-sdk/client-sts';
import type {Session} from '../session.js';

export interface Clients {
	lambda: LambdaClient;
	sts: STSClient;
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
	return {
		lambda,
		sts,
		endpoint: endpointOf(session),
		destroy() {
			lambda.destroy();
			sts.destroy();
		},
	};
}
