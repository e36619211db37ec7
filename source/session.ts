// Who we talk to: the local Lambda or AWS, with which profile, region and
// endpoint, and whether mutating actions are allowed. Built once by the CLI.

export type Target =
	| {kind: 'local'; endpoint: string; dataDir: string}
	| {kind: 'aws'; profile: string | undefined; endpoint: string | undefined};

export interface Session {
	target: Target;
	region: string;
	readOnly: boolean;
	/** Static credentials for the local Lambda; undefined means the SDK's default chain (profiles, SSO, environment). */
	localCredentials?: {accessKeyId: string; secretAccessKey: string};
}

export const localCredentials = {accessKeyId: 'lambdash-local', secretAccessKey: 'lambdash-local'};

export function localSession(endpoint: string, dataDir: string, region: string, readOnly: boolean): Session {
	return {target: {kind: 'local', endpoint, dataDir}, region, readOnly, localCredentials};
}

/** One line that says where the console is pointed: never to be mistaken between local and AWS. */
export function describeTarget(session: Session, accountId?: string): string {
	const {target} = session;
	if (target.kind === 'local') return `local Lambda ${target.endpoint}`;
	const parts = ['AWS', target.profile ? `profile ${target.profile}` : 'default credentials'];
	if (accountId) parts.push(`account ${accountId}`);
	parts.push(session.region);
	if (target.endpoint) parts.push(`endpoint ${target.endpoint}`);
	return parts.join(' · ');
}
