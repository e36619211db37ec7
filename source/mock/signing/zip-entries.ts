// The .zip side of code signing: the files of a package as the signature's
// digest sees them (name, Unix mode, content; directories left out), and
// adding the signature entry to a package without touching the bytes of its
// other entries (so their compression, modes and symbolic links stay as they
// were: the signed package is the original with one more entry).

import {unzipSync} from 'fflate';
import {readEntryInfo} from '../../domain/zip-directory.js';
import type {PackageFile} from '../../domain/code-signature.js';

export class ZipFormatError extends Error {
	override name = 'ZipFormatError';
}

export interface PackageContents {
	/** Every file but directories, the signature entry included. */
	files: PackageFile[];
	/** Names that appear more than once (an unpacker keeps one of them: a package with such names cannot be trusted). */
	duplicates: string[];
}

const typeMask = 0o170000;
const typeDirectory = 0o040000;

/** The files of a .zip; throws ZipFormatError when it is not one. */
export function readPackage(zip: Uint8Array): PackageContents {
	const seen = new Set<string>();
	const duplicates = new Set<string>();
	let contents: Record<string, Uint8Array>;
	try {
		if (zip.length < 22) throw new Error('too short');
		contents = unzipSync(zip, {
			filter: (file) => {
				if (seen.has(file.name)) duplicates.add(file.name);
				seen.add(file.name);
				return true;
			},
		});
	} catch (error) {
		throw new ZipFormatError(`not a readable .zip file (${error instanceof Error ? error.message : String(error)})`);
	}
	const info = readEntryInfo(zip);
	const files: PackageFile[] = [];
	for (const [name, data] of Object.entries(contents)) {
		const entry = info.get(name);
		const mode = entry?.mode ?? 0;
		const directory = name.endsWith('/') || entry?.directory === true || (mode & typeMask) === typeDirectory;
		if (!directory) files.push({name, mode, data});
	}
	return {files, duplicates: [...duplicates]};
}

const crcTable = ((): Uint32Array => {
	const table = new Uint32Array(256);
	for (let index = 0; index < 256; index += 1) {
		let value = index;
		for (let bit = 0; bit < 8; bit += 1) value = (value & 1) !== 0 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
		table[index] = value >>> 0;
	}
	return table;
})();

function crc32(data: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of data) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time fields of a .zip entry, in UTC. */
function dosDateTime(date: Date): {time: number; date: number} {
	const year = Math.max(1980, Math.min(2107, date.getUTCFullYear()));
	return {
		time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
		date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
	};
}

interface EndOfCentralDirectory {
	offset: number;
	entries: number;
	directorySize: number;
	directoryOffset: number;
	commentLength: number;
}

function endOfCentralDirectory(zip: Uint8Array): EndOfCentralDirectory {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 65_535); offset -= 1) {
		if (view.getUint32(offset, true) !== 0x06054b50) continue;
		const commentLength = view.getUint16(offset + 20, true);
		if (offset + 22 + commentLength !== zip.length) continue;
		return {
			offset,
			entries: view.getUint16(offset + 10, true),
			directorySize: view.getUint32(offset + 12, true),
			directoryOffset: view.getUint32(offset + 16, true),
			commentLength,
		};
	}
	throw new ZipFormatError('not a .zip file: it has no end of central directory record');
}

/**
 * The package with one more file, stored (not compressed), mode 0644, after
 * its other entries. Archives in the ZIP64 format (over 65535 entries or 4 GB)
 * are refused: no Lambda deployment package is that large.
 */
export function appendStoredEntry(zip: Uint8Array, name: string, data: Uint8Array, modified: Date): Uint8Array {
	const end = endOfCentralDirectory(zip);
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const zip64 = end.offset >= 20 && view.getUint32(end.offset - 20, true) === 0x07064b50;
	if (zip64 || end.entries >= 0xfffe || end.directoryOffset === 0xffffffff || end.directorySize === 0xffffffff) {
		throw new ZipFormatError('ZIP64 archives are not supported');
	}
	if (end.directoryOffset + end.directorySize !== end.offset) {
		throw new ZipFormatError('the central directory is not where the end record says (a self-extracting or damaged archive?)');
	}
	const nameBytes = new TextEncoder().encode(name);
	const crc = crc32(data);
	const stamp = dosDateTime(modified);
	const utf8Flag = 0x0800;

	const local = new Uint8Array(30 + nameBytes.length);
	const localView = new DataView(local.buffer);
	localView.setUint32(0, 0x04034b50, true);
	localView.setUint16(4, 20, true);
	localView.setUint16(6, utf8Flag, true);
	localView.setUint16(8, 0, true);
	localView.setUint16(10, stamp.time, true);
	localView.setUint16(12, stamp.date, true);
	localView.setUint32(14, crc, true);
	localView.setUint32(18, data.length, true);
	localView.setUint32(22, data.length, true);
	localView.setUint16(26, nameBytes.length, true);
	localView.setUint16(28, 0, true);
	local.set(nameBytes, 30);

	const central = new Uint8Array(46 + nameBytes.length);
	const centralView = new DataView(central.buffer);
	centralView.setUint32(0, 0x02014b50, true);
	centralView.setUint16(4, (3 << 8) | 20, true);
	centralView.setUint16(6, 20, true);
	centralView.setUint16(8, utf8Flag, true);
	centralView.setUint16(10, 0, true);
	centralView.setUint16(12, stamp.time, true);
	centralView.setUint16(14, stamp.date, true);
	centralView.setUint32(16, crc, true);
	centralView.setUint32(20, data.length, true);
	centralView.setUint32(24, data.length, true);
	centralView.setUint16(28, nameBytes.length, true);
	centralView.setUint32(38, (0o100644 << 16) >>> 0, true);
	centralView.setUint32(42, end.directoryOffset, true);
	central.set(nameBytes, 46);

	const directoryOffset = end.directoryOffset + local.length + data.length;
	const directorySize = end.directorySize + central.length;
	if (directoryOffset + directorySize > 0xffffffff) throw new ZipFormatError('the signed archive would need ZIP64');
	const record = new Uint8Array(22 + end.commentLength);
	record.set(zip.subarray(end.offset, zip.length));
	const recordView = new DataView(record.buffer);
	recordView.setUint16(8, end.entries + 1, true);
	recordView.setUint16(10, end.entries + 1, true);
	recordView.setUint32(12, directorySize, true);
	recordView.setUint32(16, directoryOffset, true);

	const out = new Uint8Array(directoryOffset + directorySize + record.length);
	out.set(zip.subarray(0, end.directoryOffset), 0);
	out.set(local, end.directoryOffset);
	out.set(data, end.directoryOffset + local.length);
	out.set(zip.subarray(end.directoryOffset, end.offset), directoryOffset);
	out.set(central, directoryOffset + end.directorySize);
	out.set(record, directoryOffset + directorySize);
	return out;
}
