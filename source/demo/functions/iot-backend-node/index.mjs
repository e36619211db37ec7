// IoT backend: an AWS IoT Core topic rule sends each greenhouse sensor's telemetry here,
//   SELECT *, topic() AS topic, timestamp() AS receivedAt FROM 'greenhouse/+/telemetry'
// The function checks every reading against its threshold, logs one ALERT line per breach
// (warning; critical when more than 10% past the threshold), and works out the commands the
// device should get on greenhouse/<deviceId>/commands (fan, vents, irrigation).
// A message without a device id (in the message or its topic) is rejected and logged.
//
// Environment: LOG_LEVEL (DEBUG, INFO, WARN, ERROR), ALERT_THRESHOLD (the temperature, in
// degrees Celsius, above which to alert; default 30), HUMIDITY_MAX (%, default 85),
// CO2_MAX (ppm, default 1000), SOIL_MOISTURE_MIN (%, default 20), BATTERY_MIN (%, default 20).

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

// metric, where it is in the message, the variable that sets its limit, default, direction,
// unit, and the command that remedies a breach.
const RULES = [
	{ metric: 'temperature', env: 'ALERT_THRESHOLD', fallback: 30, direction: 'above', unit: 'C', command: ['fan', 'on'] },
	{ metric: 'humidity', env: 'HUMIDITY_MAX', fallback: 85, direction: 'above', unit: '%', command: ['vents', 'open'] },
	{ metric: 'co2', env: 'CO2_MAX', fallback: 1000, direction: 'above', unit: 'ppm', command: ['vents', 'open'] },
	{ metric: 'soilMoisture', env: 'SOIL_MOISTURE_MIN', fallback: 20, direction: 'below', unit: '%', command: ['irrigation', 'on'] },
	{ metric: 'battery', env: 'BATTERY_MIN', fallback: 20, direction: 'below', unit: '%', command: null },
];

const round2 = (value) => Math.round(value * 100) / 100;

function limit(rule) {
	const value = Number(process.env[rule.env]);
	return process.env[rule.env] !== undefined && process.env[rule.env] !== '' && Number.isFinite(value) ? value : rule.fallback;
}

function readingOf(message, metric) {
	const value = message.readings?.[metric] ?? message[metric];
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export const handler = async (event, context) => {
	const message = event !== null && typeof event === 'object' ? event : {};
	const topic = typeof message.topic === 'string' ? message.topic : '';
	const deviceId = typeof message.deviceId === 'string' && message.deviceId !== '' ? message.deviceId : topic.split('/')[1];
	if (!deviceId) {
		log('ERROR', 'rejected telemetry without a device id', { topic: topic || '-', keys: Object.keys(message).join(',') });
		return { status: 'REJECTED', reason: 'no deviceId in the message or its topic' };
	}

	const alerts = [];
	const commands = {};
	const readings = {};
	for (const rule of RULES) {
		const value = readingOf(message, rule.metric);
		if (value === undefined) continue;
		readings[rule.metric] = value;
		const threshold = limit(rule);
		const breached = rule.direction === 'above' ? value > threshold : value < threshold;
		if (!breached) continue;
		const excess = threshold === 0 ? Infinity : Math.abs(value - threshold) / Math.abs(threshold);
		const alert = {
			metric: rule.metric,
			value,
			threshold,
			direction: rule.direction,
			unit: rule.unit,
			severity: excess > 0.1 ? 'critical' : 'warning',
			deviation: round2(value - threshold),
		};
		alerts.push(alert);
		if (rule.command) commands[rule.command[0]] = rule.command[1];
		log('WARN', 'ALERT', { device: deviceId, metric: rule.metric, value, threshold, severity: alert.severity });
	}
	const ignored = Object.keys(message.readings ?? {}).filter((key) => !(key in readings));
	if (ignored.length > 0) log('DEBUG', 'readings without a rule', { device: deviceId, metrics: ignored.join(',') });

	const status = alerts.some((alert) => alert.severity === 'critical') ? 'CRITICAL' : alerts.length > 0 ? 'WARNING' : 'OK';
	const receivedAt = typeof message.receivedAt === 'number' ? new Date(message.receivedAt).toISOString() : null;
	log(status === 'OK' ? 'INFO' : 'WARN', 'telemetry', {
		device: deviceId,
		status,
		alerts: alerts.length,
		...readings,
		...(Object.keys(commands).length > 0 ? { commands: Object.entries(commands).map(([k, v]) => `${k}:${v}`).join(',') } : {}),
	});
	return {
		deviceId,
		status,
		sampledAt: message.sampledAt ?? receivedAt,
		receivedAt,
		readings,
		alerts,
		commandTopic: `greenhouse/${deviceId}/commands`,
		commands,
	};
};
