// Local signing profiles: what AWS Signer keeps for a signing profile, kept in
// the local Lambda's data directory. A profile is an Ed25519 key pair and a
// profile version:
//
//   DATA/signing-profiles/<name>.json   (mode 0600, folder 0700)
//   {format, profileName, profileVersion, profileVersionArn, region, accountId,
//    createdAt, publicKey (SPKI PEM), privateKey (PKCS#8 PEM)}
//
// `lambdash sign` creates a profile the first time it is named (never
// replacing one: two signers racing create it once), and signs with its
// private key; the local Lambda reads the public key when it checks a
// package. The file name encodes the name as function files do, so profiles
// whose names differ only in case stay apart on any file system.

import {generateKeyPairSync, randomBytes} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {link, mkdir, open, readFile, unlink} from 'node:fs/promises';
import {join} from 'node:path';
import {isSigningProfileName, isSigningProfileVersion, signingProfileVersionArn} from '../../domain/code-signature.js';
import {syncDirectory, temporarySuffix} from '../store/atomic.js';
import {functionFileName} from '../store/function-store.js';

export interface SigningProfile {
	format: 1;
	profileName: string;
	/** AWS Signer's profile version id: 10 letters and digits. */
	profileVersion: string;
	/** What a code signing configuration's AllowedPublishers lists. */
	profileVersionArn: string;
	region: string;
	accountId: string;
	createdAt: string;
	/** Ed25519, SPKI PEM. */
	publicKey: string;
	/** Ed25519, PKCS#8 PEM. */
	privateKey: string;
}

/** The region and account of new profiles' ARNs: the local Lambda's defaults. */
export const localSignerRegion = 'us-east-1';
export const localSignerAccountId = '123456789012';

export function signingProfilesDir(dataDir: string): string {
	return join(dataDir, 'signing-profiles');
}

export function signingProfilePath(dataDir: string, name: string): string {
	return join(signingProfilesDir(dataDir), functionFileName(name));
}

function isSigningProfile(value: unknown): value is SigningProfile {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Record<string, unknown>;
	return (
		record['format'] === 1 &&
		typeof record['profileName'] === 'string' &&
		typeof record['profileVersion'] === 'string' &&
		isSigningProfileVersion(record['profileVersion']) &&
		typeof record['profileVersionArn'] === 'string' &&
		typeof record['publicKey'] === 'string' &&
		typeof record['privateKey'] === 'string'
	);
}

function parseProfile(text: string, name: string): SigningProfile | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return isSigningProfile(value) && value.profileName === name ? value : undefined;
	} catch {
		return undefined;
	}
}

/** The profile called `name` in this data directory, or undefined (also when its file is damaged). */
export function readSigningProfileSync(dataDir: string, name: string): SigningProfile | undefined {
	if (!isSigningProfileName(name)) return undefined;
	try {
		return parseProfile(readFileSync(signingProfilePath(dataDir, name), 'utf8'), name);
	} catch {
		return undefined;
	}
}

const alphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function newProfileVersion(): string {
	return [...randomBytes(10)].map((byte) => alphanumerics[byte % alphanumerics.length] ?? 'A').join('');
}

export interface OpenedProfile {
	profile: SigningProfile;
	/** True when this call created it. */
	created: boolean;
	path: string;
}

/**
 * The profile called `name`, created (with a new key pair) when the data
 * directory has none. A damaged profile file is an error, never replaced: its
 * key may have signed packages.
 */
export async function openSigningProfile(
	dataDir: string,
	name: string,
	options: {region?: string; accountId?: string; now?: Date} = {},
): Promise<OpenedProfile> {
	if (!isSigningProfileName(name)) {
		throw new Error(`"${name}" is not a signing profile name: use 2 to 64 letters, digits and underscores`);
	}
	const directory = signingProfilesDir(dataDir);
	const path = signingProfilePath(dataDir, name);
	await mkdir(directory, {recursive: true, mode: 0o700});
	const existing = await readExisting(path, name);
	if (existing !== undefined) return {profile: existing, created: false, path};

	const region = options.region ?? localSignerRegion;
	const accountId = options.accountId ?? localSignerAccountId;
	const version = newProfileVersion();
	const keys = generateKeyPairSync('ed25519');
	const profile: SigningProfile = {
		format: 1,
		profileName: name,
		profileVersion: version,
		profileVersionArn: signingProfileVersionArn(region, accountId, name, version),
		region,
		accountId,
		createdAt: (options.now ?? new Date()).toISOString(),
		publicKey: keys.publicKey.export({type: 'spki', format: 'pem'}).toString(),
		privateKey: keys.privateKey.export({type: 'pkcs8', format: 'pem'}).toString(),
	};
	// Written whole to a temporary file, then linked into place: link() fails
	// when the profile appeared meanwhile, so a profile is never replaced.
	const temporary = join(directory, `.${functionFileName(name)}.${process.pid}.${randomBytes(4).toString('hex')}${temporarySuffix}`);
	const handle = await open(temporary, 'wx', 0o600);
	try {
		await handle.writeFile(`${JSON.stringify(profile, null, '\t')}\n`);
		await handle.sync();
	} finally {
		await handle.close();
	}
	try {
		await link(temporary, path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		const winner = await readExisting(path, name);
		if (winner === undefined) throw new Error(`the signing profile file ${path} is damaged`);
		return {profile: winner, created: false, path};
	} finally {
		await unlink(temporary).catch(() => undefined);
	}
	await syncDirectory(directory);
	return {profile, created: true, path};
}

async function readExisting(path: string, name: string): Promise<SigningProfile | undefined> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
	const profile = parseProfile(text, name);
	if (profile === undefined) throw new Error(`the signing profile file ${path} is damaged: move it away to create the profile anew`);
	return profile;
}
