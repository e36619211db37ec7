// Mobile backend: the profile API of a mobile app, behind an API Gateway REST API whose
// Cognito user pool authorizer puts the signed-in user's claims in
// requestContext.authorizer.claims.
//
//   GET    /profile          the caller's profile, created from the claims on first use
//   PUT    /profile          updates displayName, locale and notifications {push, email}
//   POST   /profile/devices  registers a push token {"platform": "ios"|"android", "token": "..."}
//   DELETE /profile          deletes the profile (204)
// No claims: 401. Bad input: 400. Unknown route: 404 (405 for a wrong method).
// Profiles are kept in memory in this demo, standing in for the TABLE_NAME DynamoDB table,
// so they last while the execution environment stays warm.
//
// Environment: LOG_LEVEL (DEBUG, INFO, WARN, ERROR), TABLE_NAME (the profiles table, named
// in the logs), ALLOWED_ORIGIN (the CORS origin, default *).

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

const profiles = new Map();

class BadRequest extends Error {
	constructor(message) {
		super(message);
		this.name = 'BadRequest';
	}
}

function respond(statusCode, body) {
	return {
		statusCode,
		headers: {
			'Content-Type': 'application/json',
			'Access-Control-Allow-Origin': process.env.ALLOWED_ORIGIN ?? '*',
			'Cache-Control': 'no-store',
		},
		body: body === undefined ? '' : JSON.stringify(body),
	};
}

function requestTime(event) {
	const epoch = event.requestContext?.requestTimeEpoch;
	return new Date(typeof epoch === 'number' ? epoch : Date.now()).toISOString();
}

function newProfile(claims, now) {
	const username = claims['cognito:username'] ?? claims.username ?? claims.sub;
	return {
		userId: claims.sub,
		username,
		email: claims.email ?? null,
		emailVerified: claims.email_verified === 'true' || claims.email_verified === true,
		displayName: claims.name ?? username,
		locale: claims.locale ?? 'en-US',
		notifications: { push: true, email: false },
		devices: [],
		createdAt: now,
		updatedAt: now,
	};
}

function parseBody(event) {
	if (!event.body) throw new BadRequest('a JSON body is required');
	const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		throw new BadRequest('the body is not valid JSON');
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadRequest('the body must be a JSON object');
	return body;
}

// Returns the changes to apply, or throws with what is wrong.
function validateUpdate(body) {
	const allowed = ['displayName', 'locale', 'notifications'];
	const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
	if (unknown.length > 0) throw new BadRequest(`fields that cannot be changed: ${unknown.join(', ')}`);
	const changes = {};
	if ('displayName' in body) {
		if (typeof body.displayName !== 'string' || body.displayName.trim().length < 1 || body.displayName.trim().length > 64)
			throw new BadRequest('displayName must be 1-64 characters');
		changes.displayName = body.displayName.trim();
	}
	if ('locale' in body) {
		if (typeof body.locale !== 'string' || !/^[a-z]{2}(-[A-Z]{2})?$/.test(body.locale)) throw new BadRequest('locale must look like en or en-US');
		changes.locale = body.locale;
	}
	if ('notifications' in body) {
		const n = body.notifications;
		if (n === null || typeof n !== 'object' || Array.isArray(n) || Object.entries(n).some(([key, value]) => !['push', 'email'].includes(key) || typeof value !== 'boolean'))
			throw new BadRequest('notifications takes push and email, each true or false');
		changes.notifications = n;
	}
	if (Object.keys(changes).length === 0) throw new BadRequest('nothing to change');
	return changes;
}

function handle(method, resource, event, claims, table) {
	const now = requestTime(event);
	const userId = claims.sub;
	if (resource === '/profile') {
		if (method === 'GET') {
			let profile = profiles.get(userId);
			if (!profile) {
				profile = newProfile(claims, now);
				profiles.set(userId, profile);
				log('INFO', 'profile created', { table, userId });
			}
			return respond(200, profile);
		}
		if (method === 'PUT') {
			const changes = validateUpdate(parseBody(event));
			const current = profiles.get(userId) ?? newProfile(claims, now);
			const profile = {
				...current,
				...changes,
				notifications: { ...current.notifications, ...(changes.notifications ?? {}) },
				updatedAt: now,
			};
			profiles.set(userId, profile);
			log('INFO', 'profile updated', { table, userId, fields: Object.keys(changes).join(',') });
			return respond(200, profile);
		}
		if (method === 'DELETE') {
			const existed = profiles.delete(userId);
			log('INFO', existed ? 'profile deleted' : 'profile to delete did not exist', { table, userId });
			return respond(204, undefined);
		}
		return respond(405, { message: 'Method Not Allowed' });
	}
	if (resource === '/profile/devices') {
		if (method !== 'POST') return respond(405, { message: 'Method Not Allowed' });
		const body = parseBody(event);
		if (body.platform !== 'ios' && body.platform !== 'android') throw new BadRequest('platform must be ios or android');
		if (typeof body.token !== 'string' || !/^[A-Za-z0-9:_-]{16,4096}$/.test(body.token)) throw new BadRequest('token must be a push token');
		const current = profiles.get(userId) ?? newProfile(claims, now);
		const devices = current.devices.filter((device) => device.token !== body.token);
		const device = { platform: body.platform, token: body.token, registeredAt: now };
		devices.push(device);
		profiles.set(userId, { ...current, devices, updatedAt: now });
		log('INFO', 'device registered', { table, userId, platform: body.platform, devices: devices.length });
		return respond(201, device);
	}
	return respond(404, { message: `No route ${method} ${event.path ?? resource}` });
}

export const handler = async (event, context) => {
	const method = (event?.httpMethod ?? 'GET').toUpperCase();
	const resource = event?.resource ?? event?.path ?? '/';
	const claims = event?.requestContext?.authorizer?.claims;
	const table = process.env.TABLE_NAME ?? 'UserProfiles';
	if (!claims || typeof claims.sub !== 'string' || claims.sub === '') {
		log('WARN', `${method} ${resource} 401`, { reason: 'no Cognito claims; is the authorizer attached?' });
		return respond(401, { message: 'Unauthorized' });
	}
	let response;
	try {
		response = handle(method, resource, event, claims, table);
	} catch (error) {
		if (!(error instanceof BadRequest)) {
			log('ERROR', 'request failed', { method, resource, error: error.name, message: error.message, stack: error.stack });
			response = respond(500, { message: 'Internal Server Error', requestId: context?.awsRequestId ?? null });
		} else response = respond(400, { message: error.message });
	}
	log(response.statusCode >= 400 ? 'WARN' : 'INFO', `${method} ${resource} ${response.statusCode}`, {
		user: claims['cognito:username'] ?? claims.sub,
		app: event.headers?.['User-Agent'] ?? event.headers?.['user-agent'] ?? '-',
	});
	return response;
};
