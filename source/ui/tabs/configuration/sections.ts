// The sections of the Configuration tab, in the Lambda console's order.
// A section's id is how other tabs open it (the Overview's boxes).
import type React from 'react';
import type {FunctionDetail} from '../../../domain/function-model.js';
import type {ConfigurationSave} from '../../hooks/useConfigurationSave.js';
import type {Theme} from '../../theme.js';
import {AsynchronousSection} from './asynchronous.js';
import {CodeSigningSection} from './code-signing.js';
import {ConcurrencySection} from './concurrency.js';
import {DestinationsSection} from './destinations.js';
import {EnvironmentSection} from './environment.js';
import {FileSystemsSection} from './file-systems.js';
import {FunctionUrlSection} from './function-url.js';
import {GeneralSection} from './general.js';
import {LayersSection} from './layers.js';
import {MonitoringSection} from './monitoring.js';
import {PermissionsSection} from './permissions.js';
import {StateMachinesSection} from './state-machines.js';
import {TagsSection} from './tags.js';
import {TriggersSection} from './triggers.js';
import {VpcSection} from './vpc.js';

export interface SectionProps {
	detail: FunctionDetail;
	save: ConfigurationSave;
	theme: Theme;
	/** The pane's size. */
	width: number;
	height: number;
	/** The whole tab's width, and where the pane starts in it: forms are drawn over the whole tab. */
	screenWidth: number;
	paneLeft: number;
	/** The tab is the active screen (no question or help over it). */
	active: boolean;
	/** The focus is on the section's items, not on the list of sections. */
	inside: boolean;
	onLeave(): void;
	/** A form or question of the section is open: the tab leaves the keys to it. */
	onOverlay(open: boolean): void;
	/**
	 * 'add' when the section was opened to add something (the Overview's "add
	 * trigger" and "add destination"): the section opens its add form, then
	 * calls onIntentHandled. undefined otherwise.
	 */
	intent: 'add' | undefined;
	/**
	 * The id of an item to put the cursor on (the Overview's trigger or
	 * destination box): the focus is already in the list; the section moves
	 * to the item once it has read its items, then calls onIntentHandled.
	 */
	focus: string | undefined;
	onIntentHandled(): void;
}

export interface Section {
	id: string;
	title: string;
	/** Has a list of items to move through (Enter goes into it). */
	hasItems: boolean;
	Pane: (props: SectionProps) => React.ReactElement;
}

export const sections: readonly Section[] = [
	{id: 'general', title: 'General', hasItems: false, Pane: GeneralSection},
	{id: 'triggers', title: 'Triggers', hasItems: true, Pane: TriggersSection},
	{id: 'permissions', title: 'Permissions', hasItems: true, Pane: PermissionsSection},
	{id: 'destinations', title: 'Destinations', hasItems: true, Pane: DestinationsSection},
	{id: 'function-url', title: 'Function URL', hasItems: false, Pane: FunctionUrlSection},
	{id: 'layers', title: 'Layers', hasItems: true, Pane: LayersSection},
	{id: 'environment', title: 'Environment', hasItems: true, Pane: EnvironmentSection},
	{id: 'tags', title: 'Tags', hasItems: true, Pane: TagsSection},
	{id: 'vpc', title: 'VPC', hasItems: false, Pane: VpcSection},
	{id: 'monitoring', title: 'Monitoring', hasItems: false, Pane: MonitoringSection},
	{id: 'concurrency', title: 'Concurrency', hasItems: true, Pane: ConcurrencySection},
	{id: 'asynchronous', title: 'Asynchronous', hasItems: false, Pane: AsynchronousSection},
	{id: 'code-signing', title: 'Code signing', hasItems: true, Pane: CodeSigningSection},
	{id: 'file-systems', title: 'File systems', hasItems: false, Pane: FileSystemsSection},
	{id: 'state-machines', title: 'State machines', hasItems: true, Pane: StateMachinesSection},
];
