// Private test events, kept on this machine in the console's own settings file
// (conf), as the Lambda console keeps them in the browser: per function, up to
// ten. The file is ~/.config/lambdash/config.json, or the directory named by
// LAMBDASH_CONFIG_DIR. conf (and its JSON-schema validator) is loaded the first
// time the Test tab needs it, not at start.
import type {TestEvent} from '../domain/test-events.js';

interface StoredEvent {
	json: string;
	savedAt: string;
}

type Scopes = Record<string, Record<string, StoredEvent>>;

interface Settings extends Record<string, unknown> {
	testEvents: Scopes;
}

export interface PrivateTestEventStore {
	/** The file the events are kept in, for messages. */
	readonly path: string;
	/** The private events of one function, by name. */
	list(scope: string): TestEvent[];
	/** Adds or replaces an event; with previousName, renames it too. */
	save(scope: string, event: {name: string; json: string}, previousName?: string): void;
	remove(scope: string, name: string): void;
}

/** Where the settings are kept: LAMBDASH_CONFIG_DIR, or conf's place for "lambdash" in the user's config directory. */
export function configDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
	const value = env.LAMBDASH_CONFIG_DIR;
	return value === undefined || value === '' ? undefined : value;
}

function isStoredEvent(value: unknown): value is StoredEvent {
	return Boolean(value) && typeof value === 'object' && typeof (value as StoredEvent).json === 'string';
}

/**
 * The entries of a stored object, kept as a Map: a name is only ever a key, so
 * an event called __proto__ or constructor is an event like any other (an
 * object's `events[name] = …` would set its prototype instead, and lose it).
 */
function entriesOf<T>(value: unknown, isEntry: (entry: unknown) => entry is T): Map<string, T> {
	const entries = new Map<string, T>();
	if (!value || typeof value !== 'object' || Array.isArray(value)) return entries;
	for (const [key, entry] of Object.entries(value)) if (isEntry(entry)) entries.set(key, entry);
	return entries;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

export async function openPrivateTestEvents(directory: string | undefined = configDirectory()): Promise<PrivateTestEventStore> {
	const {default: Conf} = await import('conf');
	const conf = new Conf<Settings>({
		projectName: 'lambdash',
		projectSuffix: '',
		...(directory === undefined ? {} : {cwd: directory}),
		accessPropertiesByDotNotation: false,
		configFileMode: 0o600,
		defaults: {testEvents: {}},
	});
	const scopes = (): Map<string, Record<string, unknown>> => entriesOf(conf.get('testEvents'), isObject);
	const eventsOf = (scope: string): Map<string, StoredEvent> => entriesOf(scopes().get(scope), isStoredEvent);
	const write = (scope: string, events: Map<string, StoredEvent>): void => {
		const all = scopes();
		if (events.size === 0) all.delete(scope);
		else all.set(scope, Object.fromEntries(events));
		// Object.fromEntries defines each name as an own property, __proto__ included.
		conf.set('testEvents', Object.fromEntries(all));
	};
	return {
		path: conf.path,
		list(scope) {
			return [...eventsOf(scope)].map(([name, stored]) => ({name, json: stored.json, sharing: 'private' as const}));
		},
		save(scope, event, previousName) {
			const events = eventsOf(scope);
			if (previousName !== undefined && previousName !== event.name) events.delete(previousName);
			events.set(event.name, {json: event.json, savedAt: new Date().toISOString()});
			write(scope, events);
		},
		remove(scope, name) {
			const events = eventsOf(scope);
			events.delete(name);
			write(scope, events);
		},
	};
}
