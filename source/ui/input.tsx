// One key dispatcher: overlays (a question, help) get a key first, then the
// active screen, then the global bindings. A handler returns true when it used
// the key, and the key goes no further.
import {useInput} from 'ink';
import React, {createContext, useContext, useEffect, useRef, type ReactNode} from 'react';
import {keyName} from './keymap.js';

export type KeyHandler = (name: string, input: string) => boolean;

export const layers = {global: 0, screen: 1, overlay: 2} as const;

interface Registration {
	layer: number;
	handler: {current: KeyHandler};
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
	useInput((input, key) => {
		const name = keyName(input, key);
		const ordered = [...registrations.current].sort((a, b) => b.layer - a.layer);
		for (const registration of ordered) {
			if (registration.handler.current(name, input)) return;
		}
		fallback.current(name, input);
	});
	return <RegistryContext.Provider value={registry.current}>{children}</RegistryContext.Provider>;
}

/** Receive keys while `active`; later registrations on the same layer come after earlier ones. */
export function useKeys(layer: number, handler: KeyHandler, active = true): void {
	const registry = useContext(RegistryContext);
	const current = useRef(handler);
	current.current = handler;
	useEffect(() => {
		if (!registry || !active) return undefined;
		return registry.add({layer, handler: current});
	}, [registry, layer, active]);
}
