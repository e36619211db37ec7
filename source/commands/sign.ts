// `lambdash sign ZIP --signing-profile NAME`: signs a deployment package as a
// local signing profile, as AWS Signer's signing job does for Lambda: the
// signed package is the .zip with its signature inside
// (META-INF/lambdash-signature.json). The profile (an Ed25519 key pair) is
// kept in the local Lambda's data directory and created the first time it is
// named; the command prints its profile version ARN, which a code signing
// configuration lists in AllowedPublishers, and where the signed package went.

import {readFile, writeFile} from 'node:fs/promises';
import {basename, dirname, join, resolve} from 'node:path';
import type {SignOptions} from './args.js';
import {defaultDataDir} from '../mock/data-dir.js';
import {signPackage, SigningError} from '../mock/signing/package-signature.js';
import {openSigningProfile} from '../mock/signing/profiles.js';

/** Where the signed package goes when --out is not given: NAME-signed.zip beside NAME.zip. */
export function defaultSignedPath(zipPath: string): string {
	const name = basename(zipPath);
	const stem = name.toLowerCase().endsWith('.zip') ? name.slice(0, -'.zip'.length) : name;
	return join(dirname(zipPath), `${stem}-signed.zip`);
}

export async function runSignCommand(options: SignOptions): Promise<number> {
	const dataDir = options.dataDir ?? defaultDataDir();
	const out = resolve(options.out ?? defaultSignedPath(options.zipPath));
	let zip: Buffer;
	try {
		zip = await readFile(options.zipPath);
	} catch (error) {
		process.stderr.write(`lambdash sign: cannot read ${options.zipPath}: ${(error as Error).message}\n`);
		return 1;
	}
	let opened;
	try {
		opened = await openSigningProfile(dataDir, options.signingProfile);
	} catch (error) {
		process.stderr.write(`lambdash sign: ${(error as Error).message}\n`);
		return 1;
	}
	let signed;
	try {
		signed = signPackage(zip, opened.profile, options.validityDays === undefined ? {} : {validityDays: options.validityDays});
	} catch (error) {
		if (error instanceof SigningError) {
			process.stderr.write(`lambdash sign: cannot sign ${options.zipPath}: ${error.message}\n`);
			return 1;
		}
		throw error;
	}
	try {
		await writeFile(out, signed.zip);
	} catch (error) {
		process.stderr.write(`lambdash sign: cannot write ${out}: ${(error as Error).message}\n`);
		return 1;
	}
	const {document} = signed;
	const lines = [
		...(opened.created ? [`Created the signing profile ${options.signingProfile} (its keys: ${opened.path})`] : []),
		`Signed ${options.zipPath} as signing profile ${options.signingProfile}`,
		`Signing profile version ARN: ${document.signingProfileVersionArn}`,
		`Signing job ARN: ${document.signingJobArn}`,
		`Valid until: ${document.expiresAt}`,
		`Signed package: ${out}`,
		'',
		'Allow this profile in a code signing configuration of the local Lambda, e.g.:',
		`  aws lambda create-code-signing-config --allowed-publishers SigningProfileVersionArns=${document.signingProfileVersionArn} \\`,
		'      --code-signing-policies UntrustedArtifactOnDeployment=Enforce --endpoint-url http://127.0.0.1:9001',
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	return 0;
}
