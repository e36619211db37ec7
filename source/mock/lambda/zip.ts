// Deployment packages: a zip is checked (its central directory is read, not
// its contents), measured and hashed the way Lambda reports it.

import {createHash} from 'node:crypto';
import {unzipSync} from 'fflate';
import {codeSizeUnzippedMax} from '../../domain/limits.js';
import {LambdaError} from './errors.js';

export interface InspectedZip {
	sha256Hex: string;
	/** CodeSha256 as Lambda reports it: base64 of the SHA-256. */
	sha256Base64: string;
	size: number;
	unzippedSize: number;
	entries: number;
}

export function inspectZip(zip: Uint8Array): InspectedZip {
	let unzippedSize = 0;
	let entries = 0;
	try {
		if (zip.length < 22) throw new Error('too short');
		unzipSync(zip, {
			filter: (file) => {
				unzippedSize += file.originalSize;
				entries += 1;
				return false;
			},
		});
	} catch {
		throw new LambdaError(
			'InvalidParameterValueException',
			'Could not unzip uploaded file. Please check your file, then try to upload again.',
		);
	}
	if (unzippedSize > codeSizeUnzippedMax) {
		throw new LambdaError('InvalidParameterValueException', `Unzipped size must be smaller than ${codeSizeUnzippedMax} bytes`);
	}
	const digest = createHash('sha256').update(zip).digest();
	return {
		sha256Hex: digest.toString('hex'),
		sha256Base64: digest.toString('base64'),
		size: zip.length,
		unzippedSize,
		entries,
	};
}

export function hexToBase64(hex: string): string {
	return Buffer.from(hex, 'hex').toString('base64');
}
