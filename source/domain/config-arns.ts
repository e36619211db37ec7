// The ARNs a person types into the console's Configuration forms: the
// dead-letter queue (an SQS queue or SNS topic), the KMS key for environment
// variables, and code signing's signing profile versions. Each check returns
// undefined for an ARN Lambda takes, else a message that says what is
// allowed. Whether the resource exists is for AWS to say.

const partition = 'aws[a-zA-Z-]*';
const region = '[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d';
const account = '\\d{12}';

/** arn:aws:sqs:REGION:ACCOUNT:QUEUE — a queue name: 1-80 letters, digits, - and _ (not a FIFO queue). */
const sqsRegex = new RegExp(`^arn:${partition}:sqs:(${region}):${account}:([A-Za-z0-9_-]{1,80})$`);
/** arn:aws:sns:REGION:ACCOUNT:TOPIC — a topic name: 1-256 letters, digits, - and _. */
const snsRegex = new RegExp(`^arn:${partition}:sns:(${region}):${account}:([A-Za-z0-9_-]{1,256})$`);
/** arn:aws:kms:REGION:ACCOUNT:key/KEY-ID or alias/NAME. */
const kmsRegex = new RegExp(`^arn:${partition}:kms:${region}:${account}:(?:key/[A-Za-z0-9-]{1,64}|alias/[A-Za-z0-9/_-]{1,256})$`);
/** arn:aws:signer:REGION:ACCOUNT:/signing-profiles/PROFILE/VERSION — a profile name of 2-64 letters, digits and _, a 10-character version. */
const signingProfileVersionRegex = new RegExp(`^arn:${partition}:signer:${region}:${account}:/signing-profiles/[A-Za-z0-9_]{2,64}/[A-Za-z0-9]{10}$`);

/**
 * A dead-letter queue: an SQS queue (not FIFO) or SNS topic ARN, in the
 * function's region when `functionRegion` is given.
 */
export function checkDeadLetterTargetInput(arn: string, functionRegion?: string): string | undefined {
	const allowed = 'an SQS queue ARN (arn:aws:sqs:us-east-1:123456789012:my-queue) or an SNS topic ARN (arn:aws:sns:us-east-1:123456789012:my-topic)';
	if (arn.endsWith('.fifo')) return `'${arn}' is a FIFO queue or topic: a dead-letter queue must be a standard SQS queue or SNS topic, ${allowed}.`;
	const match = sqsRegex.exec(arn) ?? snsRegex.exec(arn);
	if (match === null) return `'${arn}' is not a dead-letter queue: give ${allowed}.`;
	if (functionRegion !== undefined && match[1] !== functionRegion) {
		return `The dead-letter queue must be in the function's region (${functionRegion}); '${arn}' is in ${match[1] ?? ''}.`;
	}
	return undefined;
}

/** The KMS key that encrypts environment variables: a key or alias ARN; "" (no key) is taken too, to use Lambda's own key. */
export function checkKmsKeyInput(arn: string): string | undefined {
	if (arn === '' || kmsRegex.test(arn)) return undefined;
	return `'${arn}' is not a KMS key ARN: give arn:aws:kms:REGION:ACCOUNT:key/KEY-ID (or alias/NAME), or leave it empty to use Lambda's own key.`;
}

/** A signing profile version ARN of a code signing configuration. */
export function checkSigningProfileVersionInput(arn: string): string | undefined {
	if (signingProfileVersionRegex.test(arn)) return undefined;
	return `'${arn}' is not a signing profile version ARN: give arn:aws:signer:REGION:ACCOUNT:/signing-profiles/PROFILE/VERSION (a profile name of 2-64 letters, digits or _, a 10-character version).`;
}
