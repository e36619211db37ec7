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
	const scopes = (): Scopes => {
		const value = conf.get('testEvents');
		return value && typeof value === 'object' ? value : {};
	};
	const write = (scope: string, events: Record<string, StoredEvent>): void => {
		const all = {...scopes()};
		if (Object.keys(events).length === 0) delete all[scope];
		else all[scope] = events;
		conf.set('testEvents', all);
	};
	return {
		path: conf.path,
		list(scope) {
			const events = scopes()[scope] ?? {};
			return Object.entries(events)
				.filter((entry): entry is [string, StoredEvent] => isStoredEvent(entry[1]))
				.map(([name, stored]) => ({name, json: stored.json, sharing: 'private' as const}));
		},
		save(scope, event, previousName) {
			const events = {...(scopes()[scope] ?? {})};
			if (previousName !== undefined) delete events[previousName];
			events[event.name] = {json: event.json, savedAt: new Date().toISOString()};
			write(scope, events);
		},
		remove(scope, name) {
			const events = {...(scopes()[scope] ?? {})};
			delete events[name];
			write(scope, events);
		},
	};
}
