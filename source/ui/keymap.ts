// Every key binding, as data. The dispatcher matches keys against it, the help
// overlay lists it, and the README's key table is generated from it.
import type {Key} from 'ink';

export type Scope = 'global' | 'list' | 'filter' | 'detail' | 'overview' | 'code' | 'configuration' | 'reader' | 'test' | 'editor' | 'monitor' | 'metrics' | 'logs' | 'invocations' | 'traces' | 'versions' | 'aliases' | 'layers' | 'form' | 'confirm' | 'help';

export interface Binding {
	id: string;
	keys: string[]; // key names as keyName() produces them
	description: string;
	scope: Scope;
	/** Changes something in AWS: asks first, and is off in read-only mode. */
	dangerous?: boolean;
}

export const scopeTitles: Record<Scope, string> = {
	global: 'Everywhere',
	list: 'Function list',
	filter: 'Filtering the list',
	detail: 'Function detail',
	overview: 'Overview tab',
	code: 'Code tab',
	configuration: 'Configuration tab',
	reader: 'Reading a long text (a state machine\'s definition)',
	test: 'Test tab',
	editor: 'Editing an event',
	monitor: 'Monitor tab',
	metrics: 'Monitor tab: metrics',
	logs: 'Monitor tab: logs',
	invocations: 'Monitor tab: recent invocations',
	traces: 'Monitor tab: traces',
	versions: 'Versions tab',
	aliases: 'Aliases tab',
	layers: 'Layers screen',
	form: 'Editing a form',
	confirm: 'Questions (y/N)',
	help: 'Help',
};

export const keymap: readonly Binding[] = [
	{id: 'quit', keys: ['q'], description: 'Quit', scope: 'global'},
	{id: 'force-quit', keys: ['ctrl+c'], description: 'Quit from anywhere, restoring the terminal', scope: 'global'},
	{id: 'help', keys: ['?'], description: 'Show the keys of this screen', scope: 'global'},
	{id: 'command', keys: [':'], description: 'Go to a screen by name: functions, layers', scope: 'global'},

	{id: 'down', keys: ['down', 'j'], description: 'Next function', scope: 'list'},
	{id: 'up', keys: ['up', 'k'], description: 'Previous function', scope: 'list'},
	{id: 'top', keys: ['g', 'home'], description: 'First function', scope: 'list'},
	{id: 'bottom', keys: ['G', 'end'], description: 'Last function', scope: 'list'},
	{id: 'page-down', keys: ['pagedown', 'ctrl+f'], description: 'One page down', scope: 'list'},
	{id: 'page-up', keys: ['pageup', 'ctrl+b'], description: 'One page up', scope: 'list'},
	{id: 'open', keys: ['enter'], description: 'Open the function', scope: 'list'},
	{id: 'filter', keys: ['/'], description: 'Filter by name, runtime or description', scope: 'list'},
	{id: 'clear-filter', keys: ['escape'], description: 'Clear the filter', scope: 'list'},
	{id: 'refresh', keys: ['r'], description: 'Reload the functions', scope: 'list'},
	{id: 'throttle', keys: ['T'], description: 'Throttle the function, or unthrottle it', scope: 'list', dangerous: true},
	{id: 'create-function', keys: ['c'], description: 'Create a function: from scratch, a blueprint or a container image', scope: 'list', dangerous: true},
	{id: 'delete-function', keys: ['X'], description: 'Delete the function (type its name to confirm)', scope: 'list', dangerous: true},

	{id: 'filter-accept', keys: ['enter', 'down'], description: 'Keep the filter and go back to the list', scope: 'filter'},
	{id: 'filter-cancel', keys: ['escape'], description: 'Clear the filter', scope: 'filter'},
	{id: 'filter-delete', keys: ['backspace'], description: 'Delete the last character', scope: 'filter'},

	{id: 'back', keys: ['escape', 'left'], description: 'Back to the function list', scope: 'detail'},
	{id: 'next-tab', keys: ['tab'], description: 'Next tab', scope: 'detail'},
	{id: 'previous-tab', keys: ['shift+tab'], description: 'Previous tab', scope: 'detail'},
	{id: 'tab-1', keys: ['1'], description: 'Overview tab', scope: 'detail'},
	{id: 'tab-2', keys: ['2'], description: 'Code tab', scope: 'detail'},
	{id: 'tab-3', keys: ['3'], description: 'Test tab', scope: 'detail'},
	{id: 'tab-4', keys: ['4'], description: 'Monitor tab', scope: 'detail'},
	{id: 'tab-5', keys: ['5'], description: 'Configuration tab', scope: 'detail'},
	{id: 'tab-6', keys: ['6'], description: 'Aliases tab', scope: 'detail'},
	{id: 'tab-7', keys: ['7'], description: 'Versions tab', scope: 'detail'},
	{id: 'download', keys: ['D'], description: 'Download the function: its code, a SAM template, or both', scope: 'detail'},
	{id: 'delete-function', keys: ['X'], description: 'Delete the function (type its name to confirm)', scope: 'detail', dangerous: true},
	{id: 'refresh', keys: ['r'], description: 'Reload the function', scope: 'detail'},
	{id: 'throttle', keys: ['T'], description: 'Throttle the function, or unthrottle it', scope: 'detail', dangerous: true},

	{id: 'section-down', keys: ['down', 'j'], description: 'Next section, or next item in a section', scope: 'configuration'},
	{id: 'section-up', keys: ['up', 'k'], description: 'Previous section, or previous item', scope: 'configuration'},
	{id: 'section-enter', keys: ['enter', 'right', 'l'], description: 'Into the section\'s items', scope: 'configuration'},
	{id: 'section-leave', keys: ['escape', 'left', 'h'], description: 'Back to the sections', scope: 'configuration'},
	{id: 'edit', keys: ['e'], description: 'Edit the section, or the item', scope: 'configuration', dangerous: true},
	{id: 'add', keys: ['a'], description: 'Add an item: variable, tag, provisioned concurrency…', scope: 'configuration', dangerous: true},
	{id: 'delete', keys: ['d'], description: 'Delete the item', scope: 'configuration', dangerous: true},
	{id: 'reveal', keys: ['v'], description: 'Show or hide the value of the variable', scope: 'configuration'},
	{id: 'reveal-all', keys: ['V'], description: 'Show or hide every value', scope: 'configuration'},
	{id: 'external-editor', keys: ['E'], description: 'Every variable in $EDITOR, as KEY=VALUE', scope: 'configuration', dangerous: true},
	{id: 'move-up', keys: ['K'], description: 'Move the layer up (it is merged earlier)', scope: 'configuration', dangerous: true},
	{id: 'move-down', keys: ['J'], description: 'Move the layer down', scope: 'configuration', dangerous: true},
	{id: 'toggle-enabled', keys: ['x'], description: 'Enable or disable the trigger (an event source mapping)', scope: 'configuration', dangerous: true},

	{id: 'code-down', keys: ['down', 'j'], description: 'Next file', scope: 'code'},
	{id: 'code-up', keys: ['up', 'k'], description: 'Previous file', scope: 'code'},
	{id: 'code-open', keys: ['enter', 'right', 'l'], description: 'Open the file, or the folder', scope: 'code'},
	{id: 'code-close-folder', keys: ['h'], description: 'Close the folder', scope: 'code'},
	{id: 'code-edit', keys: ['e'], description: 'Edit the file in $VISUAL or $EDITOR', scope: 'code', dangerous: true},
	{id: 'code-deploy', keys: ['u'], description: 'Deploy the changed files (UpdateFunctionCode)', scope: 'code', dangerous: true},
	{id: 'code-deploy-from', keys: ['U'], description: 'Deploy a local directory or .zip', scope: 'code', dangerous: true},
	{id: 'code-discard', keys: ['x'], description: 'Discard the changes not deployed', scope: 'code'},

	{id: 'reader-down', keys: ['down', 'j'], description: 'A line down', scope: 'reader'},
	{id: 'reader-up', keys: ['up', 'k'], description: 'A line up', scope: 'reader'},
	{id: 'reader-page-down', keys: ['pagedown', ' ', 'ctrl+f'], description: 'A page down', scope: 'reader'},
	{id: 'reader-page-up', keys: ['pageup', 'ctrl+b'], description: 'A page up', scope: 'reader'},
	{id: 'reader-top', keys: ['g', 'home'], description: 'The first line', scope: 'reader'},
	{id: 'reader-bottom', keys: ['G', 'end'], description: 'The last line', scope: 'reader'},
	{id: 'reader-close', keys: ['escape', 'left', 'h'], description: 'Close it', scope: 'reader'},

	{id: 'box-next', keys: ['down', 'j'], description: 'Next box of the diagram: triggers, the function, destinations', scope: 'overview'},
	{id: 'box-previous', keys: ['up', 'k'], description: 'Previous box', scope: 'overview'},
	{id: 'box-open', keys: ['enter'], description: 'Open the box\'s section of the Configuration tab', scope: 'overview'},
	{id: 'add-trigger', keys: ['a'], description: 'Add a trigger', scope: 'overview', dangerous: true},
	{id: 'add-destination', keys: ['d'], description: 'Add a destination', scope: 'overview', dangerous: true},

	{id: 'invoke', keys: ['enter', 'i'], description: 'Invoke the function with the selected event', scope: 'test'},
	{id: 'event-down', keys: ['down', 'j'], description: 'Next event; in the result or history, scroll down', scope: 'test'},
	{id: 'event-up', keys: ['up', 'k'], description: 'Previous event; in the result or history, scroll up', scope: 'test'},
	{id: 'into-result', keys: ['right', 'l'], description: 'Into the result, to scroll it', scope: 'test'},
	{id: 'leave-result', keys: ['escape', 'left', 'h'], description: 'Back to the events', scope: 'test'},
	{id: 'result-page', keys: ['pagedown', ' ', 'pageup'], description: 'Result: a page down (PgDn, Space) or up (PgUp)', scope: 'test'},
	{id: 'result-ends', keys: ['g', 'G'], description: 'Result: the top (g) or the end (G)', scope: 'test'},
	{id: 'toggle-view', keys: ['v'], description: 'Show the selected event, or the last result', scope: 'test'},
	{id: 'history', keys: ['H'], description: 'This session\'s invocations; Enter shows one', scope: 'test'},
	{id: 'new-event', keys: ['n'], description: 'New event from a template', scope: 'test'},
	{id: 'edit-event', keys: ['e'], description: 'Edit the event here', scope: 'test'},
	{id: 'external-edit-event', keys: ['E'], description: 'Edit the event in $VISUAL or $EDITOR', scope: 'test'},
	{id: 'rename-event', keys: ['R'], description: 'Rename the event, or change whether it is shareable', scope: 'test'},
	{id: 'delete-event', keys: ['d'], description: 'Delete the event', scope: 'test', dangerous: true},
	{id: 'invoke-options', keys: ['o'], description: 'Synchronous or asynchronous, and a version or alias', scope: 'test'},

	{id: 'editor-save', keys: ['ctrl+s'], description: 'Check the JSON and save the event', scope: 'editor'},
	{id: 'editor-format', keys: ['ctrl+f'], description: 'Pretty-print the JSON', scope: 'editor'},
	{id: 'editor-cancel', keys: ['escape'], description: 'Close; asks first when something changed', scope: 'editor'},
	{id: 'editor-move', keys: ['up', 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end'], description: 'Move the cursor', scope: 'editor'},
	{id: 'editor-newline', keys: ['enter'], description: 'New line, keeping the indentation', scope: 'editor'},
	{id: 'editor-indent', keys: ['tab'], description: 'Two spaces', scope: 'editor'},

	{id: 'view-next', keys: [']'], description: 'Next view: metrics, logs, recent invocations, traces', scope: 'monitor'},
	{id: 'view-previous', keys: ['['], description: 'Previous view', scope: 'monitor'},
	{id: 'monitor-refresh', keys: ['r'], description: 'Read the view again', scope: 'monitor'},
	{id: 'time-range', keys: ['t'], description: 'Time range: 1h, 3h, 12h, 1d, 3d, 1w, or your own', scope: 'monitor'},
	{id: 'auto-refresh', keys: ['A'], description: 'Refresh the charts every N seconds (5-3600; 0 turns it off)', scope: 'monitor'},
	{id: 'chart-move', keys: ['up', 'down', 'left', 'right', 'h', 'j', 'k', 'l'], description: 'Choose a chart', scope: 'metrics'},
	{id: 'chart-enlarge', keys: ['enter'], description: 'Enlarge the chart; Esc goes back', scope: 'metrics'},
	{id: 'chart-back', keys: ['escape'], description: 'Back to all the charts', scope: 'metrics'},

	{id: 'logs-down', keys: ['down', 'j'], description: 'Next line', scope: 'logs'},
	{id: 'logs-up', keys: ['up', 'k'], description: 'Previous line', scope: 'logs'},
	{id: 'logs-page', keys: ['pagedown', ' ', 'pageup'], description: 'A page down (PgDn, Space) or up (PgUp)', scope: 'logs'},
	{id: 'logs-ends', keys: ['g', 'G'], description: 'The first line (g) or the last (G)', scope: 'logs'},
	{id: 'logs-filter', keys: ['f'], description: 'CloudWatch filter pattern, e.g. ERROR or { $.level = "ERROR" }', scope: 'logs'},
	{id: 'logs-search', keys: ['/'], description: 'Search within the lines; n and N go to the next and previous', scope: 'logs'},
	{id: 'logs-next-match', keys: ['n', 'N'], description: 'Next (n) or previous (N) line that matches the search', scope: 'logs'},
	{id: 'logs-follow', keys: ['F'], description: 'Live tail: follow new lines as they come, or stop', scope: 'logs'},
	{id: 'logs-pause', keys: ['p'], description: 'Pause the live tail (lines are kept), or go on', scope: 'logs'},
	{id: 'logs-wrap', keys: ['w'], description: 'Wrap long lines, or cut them', scope: 'logs'},
	{id: 'logs-json', keys: ['J'], description: 'Pretty-print the JSON in the line, or not', scope: 'logs'},
	{id: 'logs-request', keys: ['enter'], description: 'Every line of this line\'s request; Esc comes back', scope: 'logs'},
	{id: 'logs-streams', keys: ['s'], description: 'The log streams, newest first; Enter reads one', scope: 'logs'},
	{id: 'logs-back', keys: ['escape'], description: 'Back: out of a request or a stream', scope: 'logs'},

	{id: 'invocations-down', keys: ['down', 'j'], description: 'Next invocation', scope: 'invocations'},
	{id: 'invocations-up', keys: ['up', 'k'], description: 'Previous invocation', scope: 'invocations'},
	{id: 'invocations-page', keys: ['pagedown', ' ', 'pageup'], description: 'A page down (PgDn, Space) or up (PgUp)', scope: 'invocations'},
	{id: 'invocations-ends', keys: ['g', 'G'], description: 'The first invocation (g) or the last (G)', scope: 'invocations'},
	{id: 'invocations-sort', keys: ['s'], description: 'Sort by time, duration, billed, memory, init or cost', scope: 'invocations'},
	{id: 'invocations-reverse', keys: ['S'], description: 'Reverse the order', scope: 'invocations'},
	{id: 'invocations-costly', keys: ['c'], description: 'Most expensive first (GB-seconds)', scope: 'invocations'},
	{id: 'invocations-open', keys: ['enter'], description: 'Every log line of the invocation', scope: 'invocations'},

	{id: 'traces-down', keys: ['down', 'j'], description: 'Next trace; in a timeline, a row down', scope: 'traces'},
	{id: 'traces-up', keys: ['up', 'k'], description: 'Previous trace; in a timeline, a row up', scope: 'traces'},
	{id: 'traces-page', keys: ['pagedown', ' ', 'pageup'], description: 'A page down (PgDn, Space) or up (PgUp), of traces or timeline rows', scope: 'traces'},
	{id: 'traces-ends', keys: ['g', 'G'], description: 'The first (g) or the last (G) trace or timeline row', scope: 'traces'},
	{id: 'traces-open', keys: ['enter'], description: 'The trace as a timeline', scope: 'traces'},
	{id: 'traces-back', keys: ['escape'], description: 'Back from the timeline to the traces', scope: 'traces'},

	{id: 'versions-down', keys: ['down', 'j'], description: 'Next version', scope: 'versions'},
	{id: 'versions-up', keys: ['up', 'k'], description: 'Previous version', scope: 'versions'},
	{id: 'versions-open', keys: ['enter'], description: 'The version\'s configuration; Esc comes back', scope: 'versions'},
	{id: 'versions-publish', keys: ['p'], description: 'Publish a version of $LATEST, with a description', scope: 'versions', dangerous: true},
	{id: 'versions-delete', keys: ['d'], description: 'Delete the version', scope: 'versions', dangerous: true},

	{id: 'aliases-down', keys: ['down', 'j'], description: 'Next alias', scope: 'aliases'},
	{id: 'aliases-up', keys: ['up', 'k'], description: 'Previous alias', scope: 'aliases'},
	{id: 'aliases-open', keys: ['enter'], description: 'The configuration the alias points to; Esc comes back', scope: 'aliases'},
	{id: 'aliases-create', keys: ['a'], description: 'Create an alias, with weighted routing between two versions', scope: 'aliases', dangerous: true},
	{id: 'aliases-edit', keys: ['e'], description: 'Edit the alias: its version, weights and description', scope: 'aliases', dangerous: true},
	{id: 'aliases-delete', keys: ['d'], description: 'Delete the alias', scope: 'aliases', dangerous: true},

	{id: 'layers-down', keys: ['down', 'j'], description: 'Next layer, or version', scope: 'layers'},
	{id: 'layers-up', keys: ['up', 'k'], description: 'Previous layer, or version', scope: 'layers'},
	{id: 'layers-open', keys: ['enter'], description: 'The layer\'s versions', scope: 'layers'},
	{id: 'layers-back', keys: ['escape'], description: 'Back: from the versions to the layers, from the layers to the functions', scope: 'layers'},
	{id: 'layers-publish', keys: ['p'], description: 'Publish a layer version from a directory or .zip', scope: 'layers', dangerous: true},
	{id: 'layers-delete', keys: ['d'], description: 'Delete the layer version', scope: 'layers', dangerous: true},
	{id: 'layers-refresh', keys: ['r'], description: 'Read the layers again', scope: 'layers'},

	{id: 'form-next', keys: ['tab', 'down'], description: 'Next field', scope: 'form'},
	{id: 'form-previous', keys: ['shift+tab', 'up'], description: 'Previous field', scope: 'form'},
	{id: 'form-save', keys: ['enter'], description: 'Check and save', scope: 'form'},
	{id: 'form-cancel', keys: ['escape'], description: 'Cancel: nothing is sent', scope: 'form'},

	{id: 'confirm-yes', keys: ['y', 'Y'], description: 'Yes, do it', scope: 'confirm'},
	{id: 'confirm-no', keys: ['n', 'N', 'enter', 'escape'], description: 'No (the default)', scope: 'confirm'},

	{id: 'help-scroll', keys: ['down', 'j', 'up', 'k'], description: 'Scroll the help, when it is longer than the screen', scope: 'help'},
	{id: 'close-help', keys: ['escape', '?', 'q'], description: 'Close help', scope: 'help'},
];

/** The name of a key press, as bindings spell it: "j", "T", "enter", "ctrl+c", "shift+tab". */
export function keyName(input: string, key: Key): string {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
	return input;
}

const controlNames: Record<string, string> = {'\r': 'enter', '\n': 'enter', '\t': 'tab', '\u007F': 'backspace', '\b': 'backspace', '\u001B': 'escape'};

/**
 * The key presses in one chunk of typed text. A terminal delivers keys typed
 * quickly (or over a slow link) together, and Ink passes such a chunk on as one
 * input: "jjT" is three presses, "ab\r" is two letters and Enter.
 */
export function splitTyped(input: string): Array<{name: string; input: string}> {
	return Array.from(input, (char) => {
		const control = controlNames[char];
		if (control) return {name: control, input: char};
		const code = char.codePointAt(0) ?? 0;
		if (code < 0x20) return {name: `ctrl+${String.fromCodePoint(code + 0x60)}`, input: String.fromCodePoint(code + 0x60)};
		return {name: char, input: char};
	});
}

/** The binding a key press means in a scope, if any. */
export function bindingFor(scope: Scope, name: string): Binding | undefined {
	return keymap.find((binding) => binding.scope === scope && binding.keys.includes(name));
}

export function bindingsOf(scope: Scope): Binding[] {
	return keymap.filter((binding) => binding.scope === scope);
}

const keyLabels: Record<string, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageup: 'PgUp',
	pagedown: 'PgDn',
	home: 'Home',
	end: 'End',
	enter: 'Enter',
	escape: 'Esc',
	tab: 'Tab',
	'shift+tab': 'Shift-Tab',
	backspace: 'Backspace',
	' ': 'Space',
};

/** A key as people write it: "Ctrl-C", "PgDn", "↑", "T". */
export function keyLabel(name: string): string {
	if (keyLabels[name]) return keyLabels[name];
	if (name.startsWith('ctrl+')) return `Ctrl-${name.slice(5).toUpperCase()}`;
	return name;
}

/** The README's key table, in Markdown, generated from the keymap. */
export function keymapMarkdown(): string {
	// Every scope, in the order of their titles: a new scope is in the table without another list to keep.
	const scopes = Object.keys(scopeTitles) as Scope[];
	const lines = ['| Where | Keys | What it does |', '| --- | --- | --- |'];
	for (const scope of scopes) {
		for (const binding of bindingsOf(scope)) {
			const keys = binding.keys.map((name) => `\`${keyLabel(name)}\``).join(' ');
			const note = binding.dangerous ? ' (asks first; off in read-only mode)' : '';
			lines.push(`| ${scopeTitles[scope]} | ${keys.replace(/\|/g, '\\|')} | ${binding.description}${note} |`);
		}
	}
	return lines.join('\n');
}
