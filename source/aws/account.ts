// The account behind the credentials, and its concurrency.
import {GetAccountSettingsCommand} from '@aws-sdk/client-lambda';
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts';
import type {AccountConcurrency} from '../domain/function-model.js';
import type {Clients} from './clients.js';

export async function getAccountConcurrency(clients: Clients): Promise<AccountConcurrency> {
	const settings = await clients.lambda.send(new GetAccountSettingsCommand({}));
	const limit = settings.AccountLimit?.ConcurrentExecutions ?? 1000;
	return {limit, unreserved: settings.AccountLimit?.UnreservedConcurrentExecutions ?? limit};
}

/** The account ID, from STS; it also proves the credentials work. */
export async function getAccountId(clients: Clients): Promise<string> {
	const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
	return identity.Account ?? '?';
}

/** Resolve the region and credentials the SDK will use, so a missing one is reported before anything is drawn. */
export async function checkCredentials(clients: Clients): Promise<void> {
	await clients.lambda.config.region();
	await clients.lambda.config.credentials();
}
