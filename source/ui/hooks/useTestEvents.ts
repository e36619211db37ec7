// A function's saved test events: the private ones from this machine's
// settings and the shareable ones from the account's EventBridge schema
// registry, read together and changed through one place, so moving an event
// between private and shareable is a save in one store and a delete in the other.
import {useCallback, useEffect, useMemo, useState} from 'react';
import {describeAwsError} from '../../aws/errors.js';
import {deleteSharedEvent, listSharedEvents, saveSharedEvent} from '../../aws/shared-test-events.js';
import {openPrivateTestEvents, type PrivateTestEventStore} from '../../config/test-events.js';
import type {FunctionDetail} from '../../domain/function-model.js';
import {privateCountProblem, sortedEvents, type TestEvent} from '../../domain/test-events.js';
import type {Session} from '../../session.js';
import {useConsole} from '../context.js';

/** A refusal of ours (a limit, read-only), whose message is shown as it is. */
class EventProblem extends Error {}

const stores = new Map<string, Promise<PrivateTestEventStore>>();

function privateStore(directory: string | undefined): Promise<PrivateTestEventStore> {
	const key = directory ?? '';
	let store = stores.get(key);
	if (!store) {
		store = openPrivateTestEvents(directory);
		stores.set(key, store);
		// A settings file that cannot be read is tried again next time.
		store.catch(() => stores.delete(key));
	}
	return store;
}

/** The key private events are kept under: the function's ARN in AWS; the data directory and name on the local Lambda. */
export function privateScope(session: Session, detail: Pick<FunctionDetail, 'name' | 'arn'>): string {
	return session.target.kind === 'local' ? `local:${session.target.dataDir}:${detail.name}` : detail.arn;
}

export interface TestEvents {
	events: TestEvent[];
	loading: boolean;
	/** Why the private events could not be read (the settings file), if so. */
	privateProblem: string | undefined;
	/** Why the shareable events could not be read (permissions, network), if so. */
	sharedProblem: string | undefined;
	/** Saves an event (new, edited, renamed, or moved between private and shareable); rejects with a message to show. */
	save(event: TestEvent, previous?: TestEvent): Promise<void>;
	remove(event: TestEvent): Promise<void>;
	reload(): void;
}

export function useTestEvents(detail: FunctionDetail): TestEvents {
	const {session, clients, configDir} = useConsole();
	const name = detail.name;
	const scope = privateScope(session, detail);
	const [privateEvents, setPrivateEvents] = useState<TestEvent[]>([]);
	const [sharedEvents, setSharedEvents] = useState<TestEvent[]>([]);
	const [privateProblem, setPrivateProblem] = useState<string | undefined>();
	const [sharedProblem, setSharedProblem] = useState<string | undefined>();
	const [loading, setLoading] = useState(true);
	const [generation, setGeneration] = useState(0);

	useEffect(() => {
		const controller = new AbortController();
		setLoading(true);
		const readPrivate = privateStore(configDir).then(
			(store) => {
				setPrivateEvents(store.list(scope));
				setPrivateProblem(undefined);
			},
			(error: unknown) => setPrivateProblem(`Private events could not be read: ${(error as Error).message}`),
		);
		const readShared = clients
			.schemas()
			.then((client) => listSharedEvents(client, name, controller.signal))
			.then(
				(shared) => {
					setSharedEvents(shared.map((event) => ({name: event.name, json: event.json, sharing: 'shareable' as const})));
					setSharedProblem(undefined);
				},
				(error: unknown) => {
					if (!controller.signal.aborted) setSharedProblem(`Shareable events could not be read: ${describeAwsError(error, clients.endpoint)}`);
				},
			);
		void Promise.all([readPrivate, readShared]).then(() => {
			if (!controller.signal.aborted) setLoading(false);
		});
		return () => controller.abort();
		// The function read again (r) reads its events again too: a colleague may have shared one.
	}, [clients, configDir, name, scope, generation, detail]);

	const reload = useCallback(() => setGeneration((value) => value + 1), []);
	const events = useMemo(() => sortedEvents([...privateEvents, ...sharedEvents]), [privateEvents, sharedEvents]);

	const save = useCallback(
		async (event: TestEvent, previous?: TestEvent): Promise<void> => {
			const movingIn = event.sharing === 'private' && previous?.sharing !== 'private';
			const countProblem = privateCountProblem(events, movingIn);
			if (countProblem) throw new EventProblem(countProblem);
			if (event.sharing === 'shareable' || previous?.sharing === 'shareable') {
				if (session.readOnly) throw new EventProblem('Read-only mode: shareable events are kept in AWS and cannot be changed. Save it as private, or start without --read-only.');
			}
			try {
				if (event.sharing === 'private') {
					const store = await privateStore(configDir);
					store.save(scope, {name: event.name, json: event.json}, previous?.sharing === 'private' ? previous.name : undefined);
					if (previous?.sharing === 'shareable') await deleteSharedEvent(await clients.schemas(), name, previous.name);
				} else {
					const client = await clients.schemas();
					await saveSharedEvent(client, name, {
						name: event.name,
						json: event.json,
						...(previous?.sharing === 'shareable' && previous.name !== event.name ? {previousName: previous.name} : {}),
					});
					if (previous?.sharing === 'private') (await privateStore(configDir)).remove(scope, previous.name);
				}
			} catch (error) {
				throw new EventProblem(error instanceof EventProblem ? error.message : describeAwsError(error, clients.endpoint));
			} finally {
				reload();
			}
		},
		[clients, configDir, events, name, reload, scope, session.readOnly],
	);

	const remove = useCallback(
		async (event: TestEvent): Promise<void> => {
			try {
				if (event.sharing === 'private') (await privateStore(configDir)).remove(scope, event.name);
				else {
					if (session.readOnly) throw new EventProblem('Read-only mode: shareable events are kept in AWS and cannot be deleted.');
					await deleteSharedEvent(await clients.schemas(), name, event.name);
				}
			} catch (error) {
				throw new EventProblem(error instanceof EventProblem ? error.message : describeAwsError(error, clients.endpoint));
			} finally {
				reload();
			}
		},
		[clients, configDir, name, reload, scope, session.readOnly],
	);

	return {events, loading, privateProblem, sharedProblem, save, remove, reload};
}
