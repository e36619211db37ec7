// What an environment's processes write, cut into log records: the framed
// records the bootstraps write to the telemetry fd (uint32 BE type
// 0xa55a0003 text / 0xa55a0002 JSON, uint32 BE payload length, uint64 BE
// timestamp in microseconds, payload), and stdout/stderr, one record per
// line (custom runtimes, and the programs a function starts).

import {StringDecoder} from 'node:string_decoder';

export const frameTypeText = 0xa55a0003;
export const frameTypeJson = 0xa55a0002;
/** CloudWatch's largest log event; longer records are cut to this. */
export const recordMax = 256 * 1024;
const headerSize = 16;

export interface LogRecord {
	message: string;
	/** Epoch milliseconds the writer stamped, if it did. */
	timestampMs?: number;
	json: boolean;
}

/**
 * Reads framed records from the telemetry fd's bytes. A record longer than
 * recordMax is cut: its first recordMax bytes are kept, the rest is skipped
 * as it arrives (never held in memory).
 */
export class FrameDecoder {
	private pending: Buffer[] = [];
	private pendingBytes = 0;
	/** Bytes of an over-long record still to skip. */
	private skipping = 0;
	private broken = false;

	constructor(private readonly emit: (record: LogRecord) => void) {}

	push(chunk: Buffer): void {
		if (this.broken) return;
		let data = chunk;
		if (this.skipping > 0) {
			const skipped = Math.min(this.skipping, data.length);
			this.skipping -= skipped;
			data = data.subarray(skipped);
			if (data.length === 0) return;
		}
		this.pending.push(data);
		this.pendingBytes += data.length;
		while (this.pendingBytes >= headerSize) {
			const head = this.peek(headerSize);
			const type = head.readUInt32BE(0);
			const length = head.readUInt32BE(4);
			if ((type >>> 16) !== 0xa55a) {
				this.broken = true;
				this.pending = [];
				this.pendingBytes = 0;
				this.emit({message: '[lambdash] The runtime wrote a malformed log frame; its further framed logs are dropped.\n', json: false});
				return;
			}
			const kept = Math.min(length, recordMax);
			if (this.pendingBytes < headerSize + kept) return;
			const frame = this.take(headerSize + kept);
			const micros = frame.readBigUInt64BE(8);
			const timestampMs = Number(micros / 1000n);
			this.emit({message: frame.subarray(headerSize).toString('utf8'), json: type === frameTypeJson, ...(timestampMs > 0 ? {timestampMs} : {})});
			if (length > kept) {
				// Skip the rest of the record: what is here now, then what is still to come.
				const rest = length - kept;
				const here = Math.min(rest, this.pendingBytes);
				if (here > 0) this.take(here);
				this.skipping = rest - here;
				if (this.skipping > 0) return;
			}
		}
	}
	private peek(size: number): Buffer {
		const first = this.pending[0];
		if (first !== undefined && first.length >= size) return first;
		const joined = Buffer.concat(this.pending, this.pendingBytes);
		this.pending = [joined];
		return joined;
	}

	private take(size: number): Buffer {
		const joined = this.peek(size);
		const frame = joined.subarray(0, size);
		const rest = joined.subarray(size);
		this.pending = rest.length > 0 ? [rest] : [];
		this.pendingBytes -= size;
		return frame;
	}
}

/** Cuts a byte stream into lines; a line longer than recordMax is emitted in pieces. */
export class LineSplitter {
	private readonly decoder = new StringDecoder('utf8');
	private partial = '';

	constructor(private readonly emit: (record: LogRecord) => void) {}

	push(chunk: Buffer): void {
		const joined = this.partial + this.decoder.write(chunk);
		let start = 0;
		let newline = joined.indexOf('\n');
		while (newline >= 0) {
			this.emit({message: joined.slice(start, newline + 1), json: false});
			start = newline + 1;
			newline = joined.indexOf('\n', start);
		}
		let text = joined.slice(start);
		while (text.length >= recordMax) {
			this.emit({message: `${text.slice(0, recordMax)}\n`, json: false});
			text = text.slice(recordMax);
		}
		this.partial = text;
	}

	/** The last line, when the stream ends without a newline. */
	end(): void {
		const rest = this.partial + this.decoder.end();
		this.partial = '';
		if (rest !== '') this.emit({message: `${rest}\n`, json: false});
	}
}
