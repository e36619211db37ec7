// The region the SDK would use for a profile (environment, then the profile's config), if any.
import {LambdaClient} from '@aws-sdk/client-lambda';

export async function resolveRegion(profile: string | undefined): Promise<string | undefined> {
	const client = new LambdaClient(profile ? {profile} : {});
	try {
		const region = await client.config.region();
		return region || undefined;
	} catch {
		return undefined;
	} finally {
		client.destroy();
	}
}
