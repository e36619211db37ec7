// What a person types into the console's code signing configuration form,
// checked before anything is sent: the allowed publishers (1 to 20 signing
// profile version ARNs, comma-separated) and the description. The limits
// are those of limits.ts, the same the local Lambda enforces.

import {checkSigningProfileVersionInput} from './config-arns.js';
import {allowedPublishersMax, descriptionMaxLength} from './limits.js';
import {checkDescription} from './validate.js';
import {splitIdList} from './vpc-config.js';

/** What is wrong with the publishers typed, in one line naming what is allowed; undefined when they can be sent. */
export function publishersProblem(text: string): string | undefined {
	const arns = splitIdList(text);
	if (arns.length === 0) return 'At least one publisher: a signing profile version ARN';
	if (arns.length > allowedPublishersMax) return `At most ${allowedPublishersMax} publishers (${arns.length} given)`;
	const bad = arns.findIndex((arn) => checkSigningProfileVersionInput(arn) !== undefined);
	if (bad < 0) return undefined;
	return `ARN ${bad + 1}: not arn:aws:signer:REGION:ACCOUNT:/signing-profiles/NAME/VERSION`;
}

/** A description typed in the form: a message naming the limit, or undefined. */
export function descriptionProblem(text: string): string | undefined {
	return checkDescription(text).length === 0 ? undefined : `Up to ${descriptionMaxLength} characters (${text.length} typed)`;
}
