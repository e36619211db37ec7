// File processing: invoked by Amazon S3 when an object is created (s3:ObjectCreated:*).
//
// For every CSV or JSON object in the notification it reads the object, profiles it
// (rows, columns, and per column: empty cells, min/max/sum/mean for numbers, distinct
// values and the most common one for text) and returns one summary per object.
//
// The demo runs without S3, so objects are read from the sample-objects/<bucket>/<key>
// folder bundled with the function (where a production function would call GetObject).
// An object that is not valid JSON or CSV makes the invocation fail with
// MalformedObjectError, so S3's asynchronous retries and failure destinations can be seen.
//
// Environment: LOG_LEVEL (DEBUG, INFO, WARN, ERROR), MAX_OBJECT_BYTES (larger objects are
// skipped), SAMPLE_OBJECTS_DIR (where the bundled objects live, relative to the code).
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const codeDir = dirname(fileURLToPath(import.meta.url));

const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

function log(level, message, fields = {}) {
	const threshold = LEVELS[(process.env.LOG_LEVEL ?? 'INFO').toUpperCase()] ?? LEVELS.INFO;
	if (LEVELS[level] < threshold) return;
	const pairs = Object.entries(fields).map(([key, value]) => `${key}=${formatValue(value)}`);
	const line = [message, ...pairs].join(' ');
	if (level === 'ERROR') console.error(line);
	else if (level === 'WARN') console.warn(line);
	else if (level === 'DEBUG') console.debug(line);
	else console.info(line);
}

function formatValue(value) {
	return typeof value === 'string' && value !== '' && !/\s/.test(value) ? value : JSON.stringify(value);
}

class MalformedObjectError extends Error {
	constructor(message) {
		super(message);
		this.name = 'MalformedObjectError';
	}
}

const round2 = (value) => Math.round(value * 100) / 100;

// S3 event keys are URL-encoded, with '+' for spaces.
const decodeKey = (key) => decodeURIComponent(key.replace(/\+/g, ' '));

function objectPath(bucket, key) {
	const root = resolve(codeDir, process.env.SAMPLE_OBJECTS_DIR ?? 'sample-objects');
	const path = resolve(root, bucket, key);
	if (!path.startsWith(root + sep)) throw new MalformedObjectError(`Refusing key outside the bucket: ${key}`);
	return path;
}

// RFC 4180 CSV: quoted fields, "" inside quotes, CRLF or LF line ends.
function parseCsv(text) {
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') {
			row.push(field);
			field = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += char;
	}
	if (quoted) throw new MalformedObjectError('unterminated quoted field');
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((cells) => !(cells.length === 1 && cells[0] === ''));
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function isEmpty(value) {
	return value === null || value === undefined || value === '';
}

function profileColumn(name, values) {
	const present = values.filter((value) => !isEmpty(value));
	const empty = values.length - present.length;
	const numeric =
		present.length > 0 &&
		present.every((value) => (typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && NUMBER.test(value)));
	if (numeric) {
		const numbers = present.map(Number);
		const sum = numbers.reduce((total, value) => total + value, 0);
		return {
			name,
			type: 'number',
			empty,
			min: Math.min(...numbers),
			max: Math.max(...numbers),
			sum: round2(sum),
			mean: round2(sum / numbers.length),
		};
	}
	const counts = new Map();
	for (const value of present) {
		const text = typeof value === 'string' ? value : JSON.stringify(value);
		counts.set(text, (counts.get(text) ?? 0) + 1);
	}
	let top = null;
	let topCount = 0;
	for (const [text, count] of counts) {
		if (count > topCount) {
			top = text;
			topCount = count;
		}
	}
	return { name, type: 'string', empty, distinct: counts.size, top, topCount };
}

function profileTable(columns, records) {
	return columns.map((name) => profileColumn(name, records.map((record) => record[name])));
}

function profileCsv(text) {
	const [header, ...lines] = parseCsv(text);
	if (!header) throw new MalformedObjectError('empty CSV object');
	const columns = header.map((name) => name.trim());
	const records = [];
	let invalidRows = 0;
	for (const cells of lines) {
		if (cells.length !== columns.length) {
			invalidRows++;
			continue;
		}
		records.push(Object.fromEntries(columns.map((name, index) => [name, cells[index].trim()])));
	}
	return { format: 'csv', rows: records.length, invalidRows, columns: profileTable(columns, records) };
}

function profileJson(text) {
	let data;
	try {
		data = JSON.parse(text);
	} catch (error) {
		throw new MalformedObjectError(`not valid JSON (${error.message})`);
	}
	const records = Array.isArray(data) ? data : Array.isArray(data?.items) ? data.items : null;
	if (!records) {
		const keys = data !== null && typeof data === 'object' ? Object.keys(data) : [];
		return { format: 'json', rows: 1, invalidRows: 0, columns: keys.map((name) => profileColumn(name, [data[name]])) };
	}
	const columns = [];
	let invalidRows = 0;
	const objects = [];
	for (const record of records) {
		if (record === null || typeof record !== 'object' || Array.isArray(record)) {
			invalidRows++;
			continue;
		}
		objects.push(record);
		for (const key of Object.keys(record)) if (!columns.includes(key)) columns.push(key);
	}
	return { format: 'json', rows: objects.length, invalidRows, columns: profileTable(columns, objects) };
}

async function processRecord(record) {
	const bucket = record.s3.bucket.name;
	const key = decodeKey(record.s3.object.key);
	const size = record.s3.object.size ?? 0;
	const base = { bucket, key, size, eventName: record.eventName ?? null, eventTime: record.eventTime ?? null };
	const extension = extname(key).toLowerCase();
	if (extension !== '.csv' && extension !== '.json') {
		log('INFO', 'skipped: unsupported type', { object: `s3://${bucket}/${key}`, type: extension || 'none' });
		return { ...base, status: 'skipped', reason: `unsupported type ${extension || '(no extension)'}` };
	}
	const maxBytes = Number(process.env.MAX_OBJECT_BYTES ?? 10 * 1024 * 1024);
	if (size > maxBytes) {
		log('WARN', 'skipped: object too large', { object: `s3://${bucket}/${key}`, size, maxBytes });
		return { ...base, status: 'skipped', reason: `larger than MAX_OBJECT_BYTES (${maxBytes})` };
	}
	const path = objectPath(bucket, key);
	let text;
	try {
		if ((await stat(path)).size > maxBytes) throw new Error('too large');
		text = await readFile(path, 'utf8');
	} catch (error) {
		log('WARN', 'skipped: object not found', { object: `s3://${bucket}/${key}` });
		return { ...base, status: 'skipped', reason: 'object not found' };
	}
	log('DEBUG', 'read object', { object: `s3://${bucket}/${key}`, bytes: Buffer.byteLength(text) });
	let profile;
	try {
		profile = extension === '.csv' ? profileCsv(text) : profileJson(text);
	} catch (error) {
		if (error instanceof MalformedObjectError) error.message = `s3://${bucket}/${key} is malformed: ${error.message}`;
		throw error;
	}
	log('INFO', 'processed', {
		object: `s3://${bucket}/${key}`,
		format: profile.format,
		rows: profile.rows,
		columns: profile.columns.length,
		invalidRows: profile.invalidRows,
	});
	if (profile.invalidRows > 0) log('WARN', 'rows with the wrong number of fields were left out', { object: `s3://${bucket}/${key}`, invalidRows: profile.invalidRows });
	return { ...base, status: 'processed', ...profile };
}

export const handler = async (event, context) => {
	const records = (event?.Records ?? []).filter((record) => record?.eventSource === 'aws:s3' && record.s3);
	if (records.length === 0) {
		log('WARN', 'no S3 records in the event; is the trigger an S3 bucket notification?');
		return { processed: 0, skipped: 0, objects: [] };
	}
	log('INFO', 'received S3 notification', { records: records.length, requestId: context?.awsRequestId ?? 'local' });
	const objects = [];
	for (const record of records) {
		try {
			objects.push(await processRecord(record));
		} catch (error) {
			log('ERROR', 'failed', { object: `s3://${record.s3.bucket.name}/${decodeKey(record.s3.object.key)}`, error: error.name, message: error.message });
			throw error;
		}
	}
	const processed = objects.filter((object) => object.status === 'processed').length;
	return { processed, skipped: objects.length - processed, objects };
};
