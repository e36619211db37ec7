// Web application: a small catalogue behind a Lambda function URL or an API Gateway HTTP API
// (payload format 2.0).
//
//   GET  /            an HTML page listing the items
//   GET  /items       the items as JSON; ?q= filters by name, ?limit= caps the count
//   GET  /items/{id}  one item, or 404
//   POST /items       adds an item from a JSON body {"name": "...", "price": 12.5}; 201, or 400
//   GET  /health      {"status":"ok"}
// Anything else is 404 (405 for a known path with the wrong method). Items live in memory,
// so they last as long as the execution environment stays warm, as a cache would.
// Each request is logged as one access-log line: method, path, status, duration, client.
//
// Environment: LOG_LEVEL (DEBUG, INFO, WARN, ERROR), APP_NAME (the page title),
// MAX_PAGE_SIZE (the largest ?limit, default 50).

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

const items = [
	{ id: '1', name: 'Espresso machine', price: 249, stock: 12 },
	{ id: '2', name: 'Burr grinder', price: 129, stock: 30 },
	{ id: '3', name: 'Coffee beans 1 kg', price: 18.5, stock: 240 },
	{ id: '4', name: 'Milk frother', price: 39.9, stock: 0 },
];

const json = (statusCode, body, headers = {}) => ({
	statusCode,
	headers: { 'content-type': 'application/json', ...headers },
	body: JSON.stringify(body),
});

const escapeHtml = (text) =>
	String(text).replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]);

function page() {
	const title = escapeHtml(process.env.APP_NAME ?? 'Demo shop');
	const rows = items
		.map((item) => `<li>${escapeHtml(item.name)}: ${item.price.toFixed(2)}${item.stock === 0 ? ' (sold out)' : ''}</li>`)
		.join('');
	return {
		statusCode: 200,
		headers: { 'content-type': 'text/html; charset=utf-8' },
		body: `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><ul>${rows}</ul><p>${items.length} items. JSON at <a href="/items">/items</a>.</p></body></html>`,
	};
}

function listItems(query) {
	const max = Number(process.env.MAX_PAGE_SIZE ?? 50);
	const limit = query.limit === undefined ? max : Number(query.limit);
	if (!Number.isInteger(limit) || limit < 1 || limit > max) return json(400, { message: `limit must be an integer from 1 to ${max}` });
	const q = (query.q ?? '').toLowerCase();
	const matching = items.filter((item) => item.name.toLowerCase().includes(q));
	return json(200, { items: matching.slice(0, limit), count: Math.min(limit, matching.length), total: matching.length });
}

function readBody(event) {
	if (!event.body) return undefined;
	const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
	return JSON.parse(text);
}

function createItem(event) {
	let body;
	try {
		body = readBody(event);
	} catch {
		return json(400, { message: 'The body must be JSON' });
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return json(400, { message: 'The body must be a JSON object' });
	const name = typeof body.name === 'string' ? body.name.trim() : '';
	if (name === '' || name.length > 100) return json(400, { message: 'name is required (1-100 characters)' });
	if (typeof body.price !== 'number' || !Number.isFinite(body.price) || body.price < 0) return json(400, { message: 'price must be a non-negative number' });
	const stock = body.stock === undefined ? 0 : body.stock;
	if (!Number.isInteger(stock) || stock < 0) return json(400, { message: 'stock must be a non-negative integer' });
	const id = String(items.reduce((max, item) => Math.max(max, Number(item.id)), 0) + 1);
	const item = { id, name, price: body.price, stock };
	items.push(item);
	log('INFO', 'item created', { id, name });
	return json(201, item, { location: `/items/${id}` });
}

function route(method, path, event) {
	const query = event.queryStringParameters ?? {};
	if (path === '/' || path === '') return method === 'GET' ? page() : json(405, { message: 'Method Not Allowed' }, { allow: 'GET' });
	if (path === '/health') return json(200, { status: 'ok' });
	if (path === '/items') {
		if (method === 'GET') return listItems(query);
		if (method === 'POST') return createItem(event);
		return json(405, { message: 'Method Not Allowed' }, { allow: 'GET, POST' });
	}
	const match = /^\/items\/([^/]+)$/.exec(path);
	if (match) {
		if (method !== 'GET') return json(405, { message: 'Method Not Allowed' }, { allow: 'GET' });
		const item = items.find((candidate) => candidate.id === decodeURIComponent(match[1]));
		return item ? json(200, item) : json(404, { message: `No item ${decodeURIComponent(match[1])}` });
	}
	return json(404, { message: 'Not Found', path });
}

export const handler = async (event, context) => {
	const started = Date.now();
	const http = event?.requestContext?.http ?? {};
	const method = (http.method ?? event?.httpMethod ?? 'GET').toUpperCase();
	const path = (event?.rawPath ?? http.path ?? event?.path ?? '/').replace(/\/+$/, '') || '/';
	let response;
	try {
		response = route(method, path, event ?? {});
	} catch (error) {
		log('ERROR', 'request failed', { method, path, error: error.name, message: error.message, stack: error.stack });
		response = json(500, { message: 'Internal Server Error', requestId: context?.awsRequestId });
	}
	log(response.statusCode >= 500 ? 'ERROR' : response.statusCode >= 400 ? 'WARN' : 'INFO', `${method} ${path} ${response.statusCode}`, {
		ms: Date.now() - started,
		ip: http.sourceIp ?? '-',
		ua: http.userAgent ?? '-',
	});
	return response;
};
