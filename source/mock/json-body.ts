// A request body read as the JSON object every JSON protocol sends: empty is
// {}, anything else that is not an object is refused with the service's own
// error (each service words it its own way).

export type JsonObject = Record<string, unknown>;

export type BodyProblem = {kind: 'syntax'; detail: string} | {kind: 'not-object'};

export function jsonObjectOf(body: Buffer, refuse: (problem: BodyProblem) => Error): JsonObject {
	const text = body.toString('utf8');
	if (text.trim() === '') return {};
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw refuse({kind: 'syntax', detail: (error as Error).message});
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse({kind: 'not-object'});
	return value as JsonObject;
}
