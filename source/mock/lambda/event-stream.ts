// AWS event stream messages (application/vnd.amazon.eventstream), as
// InvokeWithResponseStream sends them: a prelude (total length, headers
// length, CRC32 of those 8 bytes), headers (name, type 7 = string, value),
// the payload, and the CRC32 of everything before it. Only string headers
// are written: :event-type, :content-type and :message-type.

const crcTable = ((): Uint32Array => {
	const table = new Uint32Array(256);
	for (let index = 0; index < 256; index += 1) {
		let value = index;
		for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
		table[index] = value >>> 0;
	}
	return table;
})();

/** CRC32 (IEEE, as zlib computes it). */
export function crc32(data: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of data) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function encodeHeaders(headers: Record<string, string>): Buffer {
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(headers)) {
		const nameBytes = Buffer.from(name, 'utf8');
		const valueBytes = Buffer.from(value, 'utf8');
		const part = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
		part.writeUInt8(nameBytes.length, 0);
		nameBytes.copy(part, 1);
		part.writeUInt8(7, 1 + nameBytes.length);
		part.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
		valueBytes.copy(part, 4 + nameBytes.length);
		parts.push(part);
	}
	return Buffer.concat(parts);
}

/** One event stream message. */
export function encodeMessage(headers: Record<string, string>, payload: Uint8Array): Buffer {
	const headerBytes = encodeHeaders(headers);
	const total = 12 + headerBytes.length + payload.length + 4;
	const message = Buffer.alloc(total);
	message.writeUInt32BE(total, 0);
	message.writeUInt32BE(headerBytes.length, 4);
	message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
	headerBytes.copy(message, 12);
	Buffer.from(payload).copy(message, 12 + headerBytes.length);
	message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
	return message;
}

/** An event of the stream: its type, and its payload's content type. */
export function encodeEvent(eventType: string, contentType: string, payload: Uint8Array): Buffer {
	return encodeMessage({':event-type': eventType, ':content-type': contentType, ':message-type': 'event'}, payload);
}
