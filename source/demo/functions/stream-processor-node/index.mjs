// Stream processing: consumes a batch of order events from an Amazon Kinesis data stream.
//
// Each record's data is base64-encoded JSON such as
//   {"type":"order_placed","orderId":"o-1","customerId":"c-1","amount":59.9,"currency":"EUR"}
// The function validates every record, aggregates the good ones (events per type, revenue
// per currency, distinct customers, high-value orders) and logs one summary line per batch.
// Records it cannot read are reported back as batchItemFailures (the event source mapping
// needs FunctionResponseTypes ["ReportBatchItemFailures"]), so Lambda retries only those
// records instead of the whole batch.
//
// Environment: LOG_LEVEL (DEBUG, INFO, WARN, ERROR), HIGH_VALUE_ORDER (orders at or above
// this amount are logged as high value; default 500).

const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };
const TYPES = ['order_placed', 'order_shipped', 'order_cancelled', 'payment_refunded'];

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

const round2 = (value) => Math.round(value * 100) / 100;

// Returns the order event in a record, or throws with the reason it is unusable.
function decode(record) {
	const data = record?.kinesis?.data;
	if (typeof data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw new Error('data is not base64');
	const raw = Buffer.from(data, 'base64');
	const text = raw.toString('utf8');
	let order;
	try {
		order = JSON.parse(text);
	} catch {
		throw new Error(`data is not valid JSON (${raw.length} bytes)`);
	}
	if (order === null || typeof order !== 'object' || Array.isArray(order)) throw new Error('data is not a JSON object');
	if (!TYPES.includes(order.type)) throw new Error(`unknown event type ${JSON.stringify(order.type)}`);
	if (typeof order.orderId !== 'string' || order.orderId === '') throw new Error('orderId is missing');
	if (order.type === 'order_placed' || order.type === 'payment_refunded') {
		if (typeof order.amount !== 'number' || !Number.isFinite(order.amount) || order.amount < 0) throw new Error('amount must be a non-negative number');
		if (typeof order.currency !== 'string' || !/^[A-Z]{3}$/.test(order.currency)) throw new Error('currency must be an ISO 4217 code');
	}
	return order;
}

export const handler = async (event, context) => {
	const records = event?.Records ?? [];
	const highValue = Number(process.env.HIGH_VALUE_ORDER ?? 500);
	const batchItemFailures = [];
	const byType = {};
	const revenue = {};
	const customers = new Set();
	let highValueOrders = 0;

	for (const record of records) {
		const sequenceNumber = record?.kinesis?.sequenceNumber;
		let order;
		try {
			order = decode(record);
		} catch (error) {
			log('WARN', 'bad record', { sequenceNumber, partitionKey: record?.kinesis?.partitionKey, reason: error.message });
			batchItemFailures.push({ itemIdentifier: sequenceNumber });
			continue;
		}
		log('DEBUG', 'record', { sequenceNumber, type: order.type, orderId: order.orderId });
		byType[order.type] = (byType[order.type] ?? 0) + 1;
		if (typeof order.customerId === 'string') customers.add(order.customerId);
		if (order.type === 'order_placed') {
			revenue[order.currency] = round2((revenue[order.currency] ?? 0) + order.amount);
			if (order.amount >= highValue) {
				highValueOrders++;
				log('INFO', 'high-value order', { orderId: order.orderId, amount: order.amount, currency: order.currency });
			}
		} else if (order.type === 'payment_refunded') {
			revenue[order.currency] = round2((revenue[order.currency] ?? 0) - order.amount);
		}
	}

	const summary = {
		stream: (records[0]?.eventSourceARN ?? '').split('/').pop() || 'unknown',
		records: records.length,
		ok: records.length - batchItemFailures.length,
		failed: batchItemFailures.length,
		byType,
		revenue,
		customers: customers.size,
		highValueOrders,
	};
	log(batchItemFailures.length > 0 ? 'WARN' : 'INFO', 'batch summary', summary);
	return { batchItemFailures };
};
