// The AWS event stream binary framing (application/vnd.amazon.eventstream),
// which StartLiveTail answers with. Each message is
//   prelude: total length (u32), headers length (u32), CRC32 of those 8 bytes
//   headers: name length (u8), name, type (7 = string), value length (u16), value
//   payload
//   CRC32 of everything before it
// all big-endian. CRC32 is the IEEE polynomial, written out here because
// zlib.crc32 is missing from older Node 20 releases.

const crcTable = ((): Uint32Array => {
	const table = new Uint32Array(256);
	for (let index = 0; index < 256; index += 1) {
		let value = index;
		for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
		table[index] = value >>> 0;
	}
	return table;
})();

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
	let crc = 0xffffffff;
	for (let index = start; index < end; index += 1) {
		crc = (crcTable[(crc ^ (bytes[index] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
	}
	return (crc ^ 0xffffffff) >>> 0;
}

/** One message with string headers. */
export function encodeEventStreamMessage(headers: Readonly<Record<string, string>>, payload: Uint8Array): Buffer {
	const headerParts: Buffer[] = [];
	for (const [name, value] of Object.entries(headers)) {
		const nameBytes = Buffer.from(name, 'utf8');
		const valueBytes = Buffer.from(value, 'utf8');
		const part = Buffer.alloc(1 + nameBytes.length + 3 + valueBytes.length);
		part.writeUInt8(nameBytes.length, 0);
		nameBytes.copy(part, 1);
		part.writeUInt8(7, 1 + nameBytes.length);
		part.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
		valueBytes.copy(part, 4 + nameBytes.length);
		headerParts.push(part);
	}
	const headerBytes = Buffer.concat(headerParts);
	const total = 12 + headerBytes.length + payload.length + 4;
	const message = Buffer.alloc(total);
	message.writeUInt32BE(total, 0);
	message.writeUInt32BE(headerBytes.length, 4);
	message.writeUInt32BE(crc32(message, 0, 8), 8);
	headerBytes.copy(message, 12);
	Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).copy(message, 12 + headerBytes.length);
	message.writeUInt32BE(crc32(message, 0, total - 4), total - 4);
	return message;
}

/** An event of the stream: `:event-type` names the union member, the payload is its JSON. */
export function encodeEvent(eventType: string, body: unknown): Buffer {
	return encodeEventStreamMessage(
		{':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event'},
		Buffer.from(JSON.stringify(body), 'utf8'),
	);
}

/** A modeled exception sent in the stream (SessionTimeoutException, SessionStreamingException). */
export function encodeException(exceptionType: string, message: string): Buffer {
	return encodeEventStreamMessage(
		{':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception'},
		Buffer.from(JSON.stringify({message}), 'utf8'),
	);
}
