// Signing a deployment package as a local signing profile, and checking a
// package's signature: the signed package is the original .zip plus the entry
// META-INF/lambdash-signature.json (see domain/code-signature.ts for what it
// holds and covers). Checking says whether a package is unsigned, carries a
// signature that does not hold (the integrity check: a changed file, a changed
// signature document, or a profile whose key this data directory does not
// have), or carries a valid one; expiry and whether the profile is trusted are
// the code signing configuration's business (lambda/code-signing.ts).

import {createHash, createPrivateKey, createPublicKey, randomUUID, sign, verify} from 'node:crypto';
import {
	digestInput,
	expiryOf,
	parseSignatureDocument,
	parseSigningProfileVersionArn,
	serializeSignatureDocument,
	signatureEntryName,
	signatureFormat,
	signaturePlatform,
	signingJobArn,
	signingPayload,
	type PackageFile,
	type SignatureDocument,
	type UnsignedDocument,
} from '../../domain/code-signature.js';
import type {SigningProfile} from './profiles.js';
import {appendStoredEntry, readPackage} from './zip-entries.js';

export class SigningError extends Error {
	override name = 'SigningError';
}

export interface SignOptions {
	/** The signing time; default now. */
	now?: Date;
	/** How long the signature is valid; default AWS Signer's 135 months. */
	validityDays?: number;
}

export interface SignedPackage {
	zip: Uint8Array;
	document: SignatureDocument;
}

function digestOf(files: readonly PackageFile[]): string {
	const hash = createHash('sha384');
	for (const chunk of digestInput(files)) hash.update(chunk);
	return `sha384:${hash.digest('hex')}`;
}

/** Signs a package as `profile`. Refuses, as AWS Signer does, a package that is empty, already signed, or not a .zip. */
export function signPackage(zip: Uint8Array, profile: SigningProfile, options: SignOptions = {}): SignedPackage {
	let contents;
	try {
		contents = readPackage(zip);
	} catch (error) {
		throw new SigningError(error instanceof Error ? error.message : String(error));
	}
	if (contents.files.some((file) => file.name === signatureEntryName)) {
		throw new SigningError(`the package is already signed (it has ${signatureEntryName})`);
	}
	if (contents.files.length === 0) throw new SigningError('the package has no files');
	if (contents.duplicates.length > 0) throw new SigningError(`the package has more than one entry named ${contents.duplicates.join(', ')}`);
	const signedAt = options.now ?? new Date();
	const unsigned: UnsignedDocument = {
		format: signatureFormat,
		platform: signaturePlatform,
		signingProfileVersionArn: profile.profileVersionArn,
		signingJobArn: signingJobArn(profile.region, profile.accountId, randomUUID()),
		signedAt: signedAt.toISOString(),
		expiresAt: expiryOf(signedAt, options.validityDays).toISOString(),
		digest: digestOf(contents.files),
	};
	const signature = sign(null, Buffer.from(signingPayload(unsigned), 'utf8'), createPrivateKey(profile.privateKey)).toString('base64');
	const document: SignatureDocument = {...unsigned, signature};
	const entry = new TextEncoder().encode(serializeSignatureDocument(document));
	try {
		return {zip: appendStoredEntry(zip, signatureEntryName, entry, signedAt), document};
	} catch (error) {
		throw new SigningError(error instanceof Error ? error.message : String(error));
	}
}

export type PackageSignature =
	| {status: 'unsigned'}
	/** The integrity check failed: why, and the document when there is a readable one. */
	| {status: 'invalid'; problem: string; document?: SignatureDocument}
	| {status: 'valid'; document: SignatureDocument};

/** The signature a package carries, checked against the public key of the profile it names (`findProfile` looks a profile up by name). */
export function checkPackageSignature(zip: Uint8Array, findProfile: (name: string) => SigningProfile | undefined): PackageSignature {
	let contents;
	try {
		contents = readPackage(zip);
	} catch (error) {
		return {status: 'invalid', problem: error instanceof Error ? error.message : String(error)};
	}
	const entry = contents.files.find((file) => file.name === signatureEntryName);
	if (entry === undefined) return {status: 'unsigned'};
	if (contents.duplicates.length > 0) {
		return {status: 'invalid', problem: `the package has more than one entry named ${contents.duplicates.join(', ')}`};
	}
	const parsed = parseSignatureDocument(new TextDecoder().decode(entry.data));
	if ('problem' in parsed) return {status: 'invalid', problem: parsed.problem};
	const document = parsed.document;
	const reference = parseSigningProfileVersionArn(document.signingProfileVersionArn);
	const profile = reference === undefined ? undefined : findProfile(reference.name);
	if (profile === undefined || profile.profileVersionArn !== document.signingProfileVersionArn) {
		return {
			status: 'invalid',
			problem: `it is signed by ${document.signingProfileVersionArn}, a signing profile version this local Lambda has no key for`,
			document,
		};
	}
	const payload = Buffer.from(signingPayload(document), 'utf8');
	let holds: boolean;
	try {
		holds = verify(null, payload, createPublicKey(profile.publicKey), Buffer.from(document.signature, 'base64'));
	} catch {
		holds = false;
	}
	if (!holds) return {status: 'invalid', problem: 'the signature does not match its signing profile key', document};
	if (digestOf(contents.files) !== document.digest) {
		return {status: 'invalid', problem: 'the package was changed after it was signed', document};
	}
	return {status: 'valid', document};
}
