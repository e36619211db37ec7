// One key dispatcher: overlays (a question, help) get a key first, then the
// active screen, then the global bindings. A handler returns true when it used
// the key, and the key goes no further. Keys that arrive together are handled
// one at a time, each after React has rendered what the one before did.
import {useInput} from 'ink';
import React, {createContext, useContext, useEffect, useRef, useState, type ReactNode} from 'react';
import {keyName, splitTyped} from './keymap.js';

/**
 * `together` is true for a key that came in one chunk with others: a paste, or
 * keys typed faster than the terminal sends them (an editor does not indent
 * pasted lines again).
 */
export type KeyHandler = (name: string, input: string, together: boolean) => boolean;

/**
 * Who sees a key first: overlays, then a tab's own keys (the Configuration tab's
 * section list and read-only guard), then the section inside it, then the
 * screen, then the global keys. (Effects of children run before their
 * parents', so a parent that must come first needs the higher layer.)
 */
export const layers = {global: 0, screen: 1, section: 1.5, tab: 1.6, overlay: 2} as const;

interface Registration {
	layer: number;
	handler: {current: KeyHandler};
	/** Read at dispatch time, as of the latest render: no effect has to run first. */
	active: {current: boolean};
}

interface Registry {
	add(registration: Registration): () => void;
}

const RegistryContext = createContext<Registry | undefined>(undefined);

export function KeyDispatcher({children, onUnhandled}: {children: ReactNode; onUnhandled: KeyHandler}) {
	const registrations = useRef<Registration[]>([]);
	const fallback = useRef(onUnhandled);
	fallback.current = onUnhandled;
	const registry = useRef<Registry>({
		add(registration) {
			registrations.current.push(registration);
			return () => {
				registrations.current = registrations.current.filter((entry) => entry !== registration);
			};
		},
	});
	const queue = useRef<Array<{name: string; input: string; together: boolean}>>([]);
	const dispatch = useRef(({name, input, together}: {name: string; input: string; together: boolean}) => {
		const ordered = [...registrations.current].sort((a, b) => b.layer - a.layer);
		for (const registration of ordered) {
			if (registration.active.current && registration.handler.current(name, input, together)) return;
		}
		fallback.current(name, input, together);
	});
	// Keys that arrive together go one at a time: the next is dispatched from an
	// effect of the render that the one before caused (the tick is updated in the
	// same batch as the handler's own state), so every handler sees the screen as
	// the earlier keys left it.
	const [tick, setTick] = useState(0);
	const busy = useRef(false);
	const pump = useRef(() => {
		const next = queue.current.shift();
		if (!next) {
			busy.current = false;
			return;
		}
		busy.current = true;
		try {
			dispatch.current(next);
		} finally {
			setTick((value) => value + 1);
		}
	});
	useEffect(() => {
		if (busy.current) pump.current();
	}, [tick]);
	useInput((input, key) => {
		const plain = !key.ctrl && !key.meta && input.length > 1 && !input.includes('\u001B');
		// No binding uses Alt: Esc and a letter or digit typed together arrive as
		// Alt plus that key, and are the two presses they were. (Ink drops the Esc
		// before other characters, so Esc then / typed at once is only the /.)
		const escaped = key.meta && !key.ctrl && input.length > 0 && !key.escape && !/^\u001B/.test(input);
		const presses = plain
			? splitTyped(input)
			: escaped
				? [{name: 'escape', input: '\u001B'}, ...splitTyped(input)]
				: [{name: keyName(input, key), input}];
		const together = presses.length > 1;
		// One at a time: a large paste arrives as one chunk, too many to spread as arguments.
		for (const press of presses) queue.current.push({...press, together});
		if (!busy.current) pump.current();
	});
	return <RegistryContext.Provider value={registry.current}>{children}</RegistryContext.Provider>;
}

/** Receive keys while `active`; on the same layer, components mounted earlier come first. */
export function useKeys(layer: number, handler: KeyHandler, active = true): void {
	const registry = useContext(RegistryContext);
	const current = useRef(handler);
	current.current = handler;
	const isActive = useRef(active);
	isActive.current = active;
	useEffect(() => {
		if (!registry) return undefined;
		return registry.add({layer, handler: current, active: isActive});
	}, [registry, layer]);
}
