// The central directory of a .zip, read without inflating anything: each
// entry's name (decoded as fflate decodes it, so the names match its output),
// whether it is a directory, and the Unix mode stored with it (so a
// `bootstrap` stays executable and a symbolic link stays one). Zip64 archives
// are read too.

export interface EntryInfo {
	/** The mode bits, type included (S_IFREG, S_IFDIR, S_IFLNK), when the zip stored Unix attributes. */
	mode?: number;
	directory: boolean;
}

const typeMask = 0o170000;
const typeDirectory = 0o040000;

/**
 * Reads the central directory of a zip: each entry's name (decoded as fflate
 * decodes it, so the names match its output) and external attributes.
 */
export function readEntryInfo(zip: Uint8Array): Map<string, EntryInfo> {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const entries = new Map<string, EntryInfo>();
	let end = -1;
	for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 65_535); offset -= 1) {
		if (view.getUint32(offset, true) === 0x06054b50) {
			end = offset;
			break;
		}
	}
	if (end < 0) return entries;
	let count = view.getUint16(end + 10, true);
	let offset = view.getUint32(end + 16, true);
	if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && view.getUint32(end - 20, true) === 0x07064b50) {
		const record = Number(view.getBigUint64(end - 12, true));
		if (record + 56 <= zip.length && view.getUint32(record, true) === 0x06064b50) {
			count = Number(view.getBigUint64(record + 32, true));
			offset = Number(view.getBigUint64(record + 48, true));
		}
	}
	const utf8 = new TextDecoder('utf-8');
	const latin1 = new TextDecoder('latin1');
	for (let index = 0; index < count && offset + 46 <= zip.length; index += 1) {
		if (view.getUint32(offset, true) !== 0x02014b50) break;
		const madeBy = view.getUint16(offset + 4, true);
		const flags = view.getUint16(offset + 8, true);
		const nameLength = view.getUint16(offset + 28, true);
		const extraLength = view.getUint16(offset + 30, true);
		const commentLength = view.getUint16(offset + 32, true);
		const attributes = view.getUint32(offset + 38, true);
		const nameBytes = zip.subarray(offset + 46, offset + 46 + nameLength);
		const name = (flags & 0x800) !== 0 ? utf8.decode(nameBytes) : latin1.decode(nameBytes);
		const unixMode = attributes >>> 16;
		const info: EntryInfo = {directory: name.endsWith('/') || (attributes & 0x10) !== 0};
		if (madeBy >> 8 === 3 && unixMode !== 0) {
			info.mode = unixMode;
			if ((unixMode & typeMask) === typeDirectory) info.directory = true;
		}
		entries.set(name, info);
		offset += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}
