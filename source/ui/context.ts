import {createContext, useContext} from 'react';
import type {Clients} from '../aws/clients.js';
import type {Session} from '../session.js';
import type {Theme} from './theme.js';

export interface ConsoleContextValue {
	session: Session;
	clients: Clients;
	theme: Theme;
	/** Hands the terminal to another program (an $EDITOR) while `work` runs, then draws the console again. */
	suspend<T>(work: () => T): T;
	/** Where the console's settings (private test events) are kept; undefined: LAMBDASH_CONFIG_DIR or the user's config directory. */
	configDir?: string | undefined;
}

export const ConsoleContext = createContext<ConsoleContextValue | undefined>(undefined);

export function useConsole(): ConsoleContextValue {
	const value = useContext(ConsoleContext);
	if (!value) throw new Error('useConsole outside <ConsoleContext.Provider>');
	return value;
}

/** A line in the message row under the screen: what happened, or what to do next. */
export interface Notice {
	text: string;
	tone: 'info' | 'progress' | 'success' | 'error';
}

export const NotifyContext = createContext<(notice: Notice | undefined) => void>(() => undefined);

/** Shows a notice in the message row (undefined clears it). */
export function useNotify(): (notice: Notice | undefined) => void {
	return useContext(NotifyContext);
}
