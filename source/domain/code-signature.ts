// Code signing of deployment packages, the pure parts: the names and ARNs of
// signing profiles and signing jobs (as AWS Signer writes them), the signature
// document a signed .zip carries, what exactly is signed, and when a signature
// expires. The local Lambda checks packages with these, and `lambdash sign`
// makes them; hashing and the Ed25519 keys live in source/mock/signing/.
//
// How a signature travels: like AWS Signer's signed .zip, the signed package is
// the same .zip with its signature inside. lambdash adds one stored entry,
// META-INF/lambdash-signature.json (the META-INF folder is where JAR, APK and
// OpenDocument archives keep theirs), holding the profile version ARN, the
// signing job ARN, the signing time, the expiry, a SHA-384 digest of every
// other file of the package (name, Unix mode and content, in a canonical
// order) and an Ed25519 signature over all of these.

/** The entry of a signed .zip that holds its signature. */
export const signatureEntryName = 'META-INF/lambdash-signature.json';
export const signatureFormat = 'lambdash-signature/1';
/** What signs: Ed25519 over a SHA-384 digest of the package (AWS Signer's Lambda platform is AWSLambda-SHA384-ECDSA). */
export const signaturePlatform = 'lambdash-Ed25519-SHA384';

/** AWS Signer's signing profile names: 2-64 letters, digits and underscores. */
export const signingProfileNamePattern = '[a-zA-Z0-9_]{2,64}';
const profileNameRegex = new RegExp(`^${signingProfileNamePattern}$`);
/** AWS Signer's profile version ids: 10 letters and digits. */
const profileVersionRegex = /^[a-zA-Z0-9]{10}$/;

/** AWS Signer's default signature validity period: 135 months (also the longest it allows). */
export const defaultValidityMonths = 135;
/** The longest --validity-days: about 135 months. */
export const validityDaysMax = 4110;

export function isSigningProfileName(name: string): boolean {
	return profileNameRegex.test(name);
}

export function isSigningProfileVersion(version: string): boolean {
	return profileVersionRegex.test(version);
}

/** arn:aws:signer:REGION:ACCOUNT:/signing-profiles/NAME */
export function signingProfileArn(region: string, accountId: string, name: string): string {
	return `arn:aws:signer:${region}:${accountId}:/signing-profiles/${name}`;
}

/** arn:aws:signer:REGION:ACCOUNT:/signing-profiles/NAME/VERSION: what a code signing configuration's AllowedPublishers lists. */
export function signingProfileVersionArn(region: string, accountId: string, name: string, version: string): string {
	return `${signingProfileArn(region, accountId, name)}/${version}`;
}

/** arn:aws:signer:REGION:ACCOUNT:/signing-jobs/JOB-ID */
export function signingJobArn(region: string, accountId: string, jobId: string): string {
	return `arn:aws:signer:${region}:${accountId}:/signing-jobs/${jobId}`;
}

export interface SigningProfileVersionReference {
	region: string;
	accountId: string;
	name: string;
	version: string;
}

/** The parts of a signing profile version ARN, or undefined when it is not one. */
export function parseSigningProfileVersionArn(arn: string): SigningProfileVersionReference | undefined {
	const match = /^arn:aws:signer:([a-z0-9-]+):(\d{12}):\/signing-profiles\/([^/]+)\/([^/]+)$/.exec(arn);
	if (match === null) return undefined;
	const [, region = '', accountId = '', name = '', version = ''] = match;
	if (!isSigningProfileName(name) || !isSigningProfileVersion(version)) return undefined;
	return {region, accountId, name, version};
}

/** What META-INF/lambdash-signature.json holds. Times are ISO 8601 (UTC). */
export interface SignatureDocument {
	format: typeof signatureFormat;
	platform: typeof signaturePlatform;
	signingProfileVersionArn: string;
	signingJobArn: string;
	signedAt: string;
	expiresAt: string;
	/** "sha384:" and the hex digest of the package's other entries (see digestInput). */
	digest: string;
	/** Base64 of the Ed25519 signature over signingPayload(document). */
	signature: string;
}

export type UnsignedDocument = Omit<SignatureDocument, 'signature'>;

/** The exact bytes (as text) the signature covers: every field but the signature, one a line. */
export function signingPayload(document: UnsignedDocument): string {
	return [
		document.format,
		document.platform,
		document.signingProfileVersionArn,
		document.signingJobArn,
		document.signedAt,
		document.expiresAt,
		document.digest,
		'',
	].join('\n');
}

export function serializeSignatureDocument(document: SignatureDocument): string {
	return `${JSON.stringify(document, null, '\t')}\n`;
}

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** The signature document of a package, or why the text is not one. */
export function parseSignatureDocument(text: string): {document: SignatureDocument} | {problem: string} {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return {problem: `${signatureEntryName} is not JSON`};
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {problem: `${signatureEntryName} is not a JSON object`};
	const record = value as Record<string, unknown>;
	if (record['format'] !== signatureFormat) return {problem: `${signatureEntryName} is not in the ${signatureFormat} format`};
	if (record['platform'] !== signaturePlatform) return {problem: `the signature's platform is not ${signaturePlatform}`};
	const field = (key: string): string | undefined => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
	const profileArn = field('signingProfileVersionArn');
	const jobArn = field('signingJobArn');
	const signedAt = field('signedAt');
	const expiresAt = field('expiresAt');
	const digest = field('digest');
	const signature = field('signature');
	if (profileArn === undefined || parseSigningProfileVersionArn(profileArn) === undefined) {
		return {problem: 'the signature names no signing profile version ARN'};
	}
	if (jobArn === undefined || !/^arn:aws:signer:[a-z0-9-]+:\d{12}:\/signing-jobs\/[0-9a-f-]{36}$/.test(jobArn)) {
		return {problem: 'the signature names no signing job ARN'};
	}
	if (signedAt === undefined || !isoTimestamp.test(signedAt) || expiresAt === undefined || !isoTimestamp.test(expiresAt)) {
		return {problem: 'the signature has no valid signing time and expiry'};
	}
	if (digest === undefined || !/^sha384:[0-9a-f]{96}$/.test(digest)) return {problem: 'the signature has no SHA-384 digest'};
	if (signature === undefined || !/^[A-Za-z0-9+/]{86}==$/.test(signature)) return {problem: 'the signature has no Ed25519 signature'};
	return {
		document: {
			format: signatureFormat,
			platform: signaturePlatform,
			signingProfileVersionArn: profileArn,
			signingJobArn: jobArn,
			signedAt,
			expiresAt,
			digest,
			signature,
		},
	};
}

/** When a signature made at `signedAt` expires: after `validityDays` days, or AWS Signer's default of 135 months. */
export function expiryOf(signedAt: Date, validityDays?: number): Date {
	if (validityDays !== undefined) return new Date(signedAt.getTime() + validityDays * 86_400_000);
	const expiry = new Date(signedAt.getTime());
	expiry.setUTCMonth(expiry.getUTCMonth() + defaultValidityMonths);
	return expiry;
}

export function isExpired(document: Pick<SignatureDocument, 'expiresAt'>, now: Date): boolean {
	return now.getTime() >= Date.parse(document.expiresAt);
}

/** A file of a package, as the digest sees it. */
export interface PackageFile {
	name: string;
	/** The Unix mode bits the .zip stores (type included), 0 when it stores none. */
	mode: number;
	data: Uint8Array;
}

const encoder = new TextEncoder();

function compareBytes(left: Uint8Array, right: Uint8Array): number {
	const length = Math.min(left.length, right.length);
	for (let index = 0; index < length; index += 1) {
		const difference = (left[index] ?? 0) - (right[index] ?? 0);
		if (difference !== 0) return difference;
	}
	return left.length - right.length;
}

function uint32(value: number): Uint8Array {
	const bytes = new Uint8Array(4);
	new DataView(bytes.buffer).setUint32(0, value >>> 0, false);
	return bytes;
}

function uint64(value: number): Uint8Array {
	const bytes = new Uint8Array(8);
	new DataView(bytes.buffer).setBigUint64(0, BigInt(value), false);
	return bytes;
}

/**
 * What the digest is computed over, as chunks to hash in order: the files by
 * the bytes of their UTF-8 names, each framed as name length (32 bits), name,
 * mode (32 bits), content length (64 bits), content. The signature entry is
 * left out. So renaming, adding, removing, changing or re-moding any file
 * changes the digest, and no two packages share one input.
 */
export function digestInput(files: readonly PackageFile[]): Uint8Array[] {
	const named = files
		.filter((file) => file.name !== signatureEntryName)
		.map((file) => ({file, nameBytes: encoder.encode(file.name)}))
		.sort((left, right) => compareBytes(left.nameBytes, right.nameBytes));
	const chunks: Uint8Array[] = [];
	for (const {file, nameBytes} of named) {
		chunks.push(uint32(nameBytes.length), nameBytes, uint32(file.mode), uint64(file.data.length), file.data);
	}
	return chunks;
}
