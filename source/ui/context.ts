import {createContext, useContext} from 'react';
import type {Clients} from '../aws/clients.js';
import type {Session} from '../session.js';
import type {Theme} from './theme.js';

export interface ConsoleContextValue {
	session: Session;
	clients: Clients;
	theme: Theme;
}

export const ConsoleContext = createContext<ConsoleContextValue | undefined>(undefined);

export function useConsole(): ConsoleContextValue {
	const value = useContext(ConsoleContext);
	if (!value) throw new Error('useConsole outside <ConsoleContext.Provider>');
	return value;
}
