// The console: a stack of screens, the overlays above them (a question, help),
// the message line and the status bar. The frame is one row shorter than the
// terminal: Ink clears the whole screen on every frame that is as tall as it.
import {Box, Text, useApp} from 'ink';
import React, {useCallback, useEffect, useState} from 'react';
import {getAccountId} from '../aws/account.js';
import {throttleFunction, unthrottleFunction} from '../aws/concurrency.js';
import {describeAwsError} from '../aws/errors.js';
import {cleanText} from '../domain/sanitize.js';
import type {FunctionSummary} from '../domain/function-model.js';
import {CommandLine} from './components/CommandLine.js';
import {DeleteFunctionDialog} from './components/DeleteFunctionDialog.js';
import {Dialog} from './components/Dialog.js';
import {StatusBar} from './components/StatusBar.js';
import {NotifyContext, useConsole, type Notice} from './context.js';
import {useFunctionStore} from './hooks/useFunctionStore.js';
import {InvocationLog, InvocationLogContext} from './hooks/useInvocationLog.js';
import {useTerminalSize} from './hooks/useTerminalSize.js';
import {KeyDispatcher, layers, useKeys} from './input.js';
import {bindingFor, bindingsOf, keyLabel, scopeTitles, type Scope} from './keymap.js';
import {CreateFunctionScreen} from './screens/create-function.js';
import {FunctionDetailScreen} from './screens/function-detail.js';
import {FunctionListScreen} from './screens/function-list.js';
import {LayersScreen} from './screens/layers.js';

type ScreenEntry = {kind: 'list'} | {kind: 'detail'; name: string} | {kind: 'create'} | {kind: 'layers'};
type Message = Notice;
interface Question {
	title: string;
	lines: string[];
	danger: boolean;
	onYes(): void;
}

export const minimumSize = {columns: 40, rows: 10};

export function App() {
	const {exit} = useApp();
	const {session, clients} = useConsole();
	const [invocations] = useState(() => new InvocationLog(session, clients.endpoint));
	useEffect(() => () => invocations.destroy(), [invocations]);
	return (
		<InvocationLogContext.Provider value={invocations}>
			<KeyDispatcher onUnhandled={() => false}>
				<Console onQuit={exit} />
			</KeyDispatcher>
		</InvocationLogContext.Provider>
	);
}

function Console({onQuit}: {onQuit(): void}) {
	const {session, clients, theme} = useConsole();
	const terminal = useTerminalSize();
	// Too small a terminal shows a message instead of the console, but the screens stay mounted
	// (laid out at the minimum size, hidden), so a form or an editor keeps what was typed.
	const tooSmall = terminal.columns < minimumSize.columns || terminal.rows < minimumSize.rows;
	const columns = Math.max(terminal.columns, minimumSize.columns);
	const rows = Math.max(terminal.rows, minimumSize.rows);
	const store = useFunctionStore(clients);
	const [stack, setStack] = useState<ScreenEntry[]>([{kind: 'list'}]);
	const [message, setMessage] = useState<Message | undefined>();
	const [question, setQuestion] = useState<Question | undefined>();
	const [help, setHelp] = useState(false);
	const [helpOffset, setHelpOffset] = useState(0);
	const [accountId, setAccountId] = useState<string | undefined>();
	const [detailTab, setDetailTab] = useState('Overview');
	/** The function whose deletion is being confirmed (by typing its name). */
	const [deleting, setDeleting] = useState<string | undefined>();
	const [commandOpen, setCommandOpen] = useState(false);
	const top = stack[stack.length - 1]!;
	const overlayOpen = Boolean(question) || help || deleting !== undefined || commandOpen;

	useEffect(() => {
		if (session.target.kind === 'local') return;
		getAccountId(clients).then(setAccountId, (error: unknown) =>
			setMessage({tone: 'error', text: describeAwsError(error, clients.endpoint)}),
		);
	}, [clients, session]);

	useEffect(() => {
		if (store.error) setMessage({tone: 'error', text: store.error});
	}, [store.error]);

	// Ctrl-C quits from anywhere, even with a question open; q quits unless something above handles it.
	useKeys(layers.overlay + 1, (name) => {
		if (bindingFor('global', name)?.id === 'force-quit') {
			onQuit();
			return true;
		}
		return false;
	});

	// While the console is hidden, keys reach nothing on it: q quits, the rest waits for a bigger terminal.
	useKeys(
		layers.overlay + 0.5,
		(name) => {
			if (bindingFor('global', name)?.id === 'quit') onQuit();
			return true;
		},
		tooSmall,
	);

	useKeys(
		layers.overlay,
		(name) => {
			if (question) {
				const binding = bindingFor('confirm', name);
				if (binding?.id === 'confirm-yes') {
					setQuestion(undefined);
					question.onYes();
				} else if (binding?.id === 'confirm-no') {
					setQuestion(undefined);
					setMessage({tone: 'info', text: 'Nothing changed.'});
				}
				return true;
			}
			if (help) {
				const binding = bindingFor('help', name);
				if (binding?.id === 'help-scroll') setHelpOffset((value) => Math.max(0, value + (name === 'up' || name === 'k' ? -1 : 1)));
				else if (binding) setHelp(false);
				return true;
			}
			return false;
		},
		Boolean(question) || help,
	);

	// Below the screens: what no screen used (a screen typing a filter takes every key).
	useKeys(layers.global, (name) => {
		const binding = bindingFor('global', name);
		if (binding?.id === 'help') {
			setHelp(true);
			setHelpOffset(0);
		} else if (binding?.id === 'command') setCommandOpen(true);
		else if (binding?.id === 'quit') onQuit();
		return binding !== undefined;
	});

	const readOnlyRefusal = (what: string): boolean => {
		if (!session.readOnly) return false;
		setMessage({tone: 'error', text: `Read-only mode: ${what} is off. Start lambdash without --read-only to change functions.`});
		return true;
	};
	const askDelete = (fn: Pick<FunctionSummary, 'name'>): void => {
		if (!readOnlyRefusal('deleting')) setDeleting(fn.name);
	};
	const goTo = (screen: 'functions' | 'layers'): void => {
		setMessage(undefined);
		setStack(screen === 'layers' ? [{kind: 'list'}, {kind: 'layers'}] : [{kind: 'list'}]);
	};

	const runThrottle = useCallback(
		(name: string, action: 'throttle' | 'unthrottle') => {
			setMessage({tone: 'progress', text: `${action === 'throttle' ? 'Throttling' : 'Unthrottling'} ${name}…`});
			const run = action === 'throttle' ? throttleFunction : unthrottleFunction;
			run(clients, name).then(
				(outcome) => {
					store.setConcurrency(name, outcome.reservedConcurrency);
					setMessage({tone: outcome.changed ? 'success' : 'info', text: outcome.message});
				},
				(error: unknown) => setMessage({tone: 'error', text: `${name}: ${describeAwsError(error, clients.endpoint)}`}),
			);
		},
		[clients, store],
	);

	const askThrottle = useCallback(
		(fn: Pick<FunctionSummary, 'name'>) => {
			if (session.readOnly) {
				setMessage({
					tone: 'error',
					text: 'Read-only mode: throttling is off. Start lambdash without --read-only to change functions.',
				});
				return;
			}
			const name = fn.name;
			const ask = (reserved: number | null) => {
				if (reserved === 0) {
					setQuestion({
						title: 'Unthrottle',
						lines: [`Unthrottle ${name}?`, 'Its concurrency goes back to what it had before it was throttled.', '', 'y: yes   n/Enter/Esc: no'],
						danger: false,
						onYes: () => runThrottle(name, 'unthrottle'),
					});
				} else {
					setQuestion({
						title: 'Throttle',
						lines: [`Throttle ${name}?`, 'Every invocation will be rejected.', '(reserved concurrency 0; T again restores it)', '', 'y: yes   n/Enter/Esc: no'],
						danger: true,
						onYes: () => runThrottle(name, 'throttle'),
					});
				}
			};
			const known = store.concurrency.get(name);
			if (known !== undefined) {
				ask(known);
				return;
			}
			setMessage({tone: 'progress', text: `Reading ${name}'s concurrency…`});
			import('../aws/concurrency.js')
				.then(({getReservedConcurrency}) => getReservedConcurrency(clients, name))
				.then(
					(value) => {
						store.setConcurrency(name, value);
						setMessage(undefined);
						ask(value ?? null);
					},
					(error: unknown) => setMessage({tone: 'error', text: `${name}: ${describeAwsError(error, clients.endpoint)}`}),
				);
		},
		[clients, runThrottle, session.readOnly, store],
	);

	const frameHeight = Math.max(1, rows - 1);
	const contentHeight = frameHeight - 2;
	// Help lists the keys of where the user is: the list, a detail tab, or the Configuration tab's sections.
	const tabScopes: Record<string, Scope[]> = {
		Overview: ['overview', 'detail'],
		Code: ['code', 'reader', 'detail'],
		Aliases: ['aliases', 'reader', 'detail'],
		Versions: ['versions', 'reader', 'detail'],
		Configuration: ['configuration', 'reader'],
		Test: ['test'],
		'Monitor: metrics': ['metrics', 'monitor'],
		'Monitor: logs': ['logs', 'monitor'],
		'Monitor: invocations': ['invocations', 'monitor'],
		'Monitor: traces': ['traces', 'monitor'],
	};
	const scope: Scope[] =
		top.kind === 'list' ? ['list'] : top.kind === 'layers' ? ['layers'] : top.kind === 'create' ? ['form'] : (tabScopes[detailTab] ?? ['detail']);
	const toneColor = {info: undefined, progress: theme.warning, success: theme.success, error: theme.danger}[message?.tone ?? 'info'];
	return (
		<NotifyContext.Provider value={setMessage}>
			{tooSmall ? (
				<Box width={terminal.columns} height={Math.max(1, terminal.rows - 1)}>
					<Text wrap="truncate">{`Terminal too small (${terminal.columns}x${terminal.rows}): lambdash needs ${minimumSize.columns}x${minimumSize.rows}. q quits.`}</Text>
				</Box>
			) : null}
			<Box display={tooSmall ? 'none' : 'flex'} flexDirection="column" width={columns} height={frameHeight}>
				<Box height={contentHeight} width={columns} flexDirection="column">
					<FunctionListScreen
						store={store}
						theme={theme}
						width={columns}
						height={contentHeight}
						active={top.kind === 'list' && !overlayOpen}
						visible={top.kind === 'list'}
						onOpen={(fn) => {
							setMessage(undefined);
							setStack((current) => [...current, {kind: 'detail', name: fn.name}]);
						}}
						onThrottle={askThrottle}
						onCreate={() => {
							if (readOnlyRefusal('creating functions')) return;
							setMessage(undefined);
							setStack((current) => [...current, {kind: 'create'}]);
						}}
						onDelete={askDelete}
					/>
					{top.kind === 'detail' ? (
						<FunctionDetailScreen
							key={top.name}
							name={top.name}
							store={store}
							width={columns}
							height={contentHeight}
							active={!overlayOpen}
							onBack={() => setStack((current) => (current.length > 1 ? current.slice(0, -1) : current))}
							onThrottle={askThrottle}
							onDelete={askDelete}
							onTab={setDetailTab}
						/>
					) : null}
					{top.kind === 'create' ? (
						<CreateFunctionScreen
							width={columns}
							height={contentHeight}
							active={!overlayOpen}
							onCreated={(name) => {
								store.refresh();
								setStack((current) => [...current.slice(0, -1), {kind: 'detail', name}]);
							}}
							onCancel={() => setStack((current) => current.slice(0, -1))}
						/>
					) : null}
					{top.kind === 'layers' ? (
						<LayersScreen width={columns} height={contentHeight} active={!overlayOpen} onBack={() => setStack((current) => current.slice(0, -1))} />
					) : null}
					{deleting !== undefined ? (
						<DeleteFunctionDialog
							name={deleting}
							width={columns}
							height={contentHeight}
							active={!question && !help}
							onClose={(deleted) => {
								const name = deleting;
								setDeleting(undefined);
								if (!deleted) return;
								store.refresh();
								setStack((current) => current.filter((entry) => entry.kind !== 'detail' || entry.name !== name));
							}}
						/>
					) : null}
					{commandOpen ? (
						<CommandLine
							width={columns}
							height={contentHeight}
							active={!question && !help}
							onGo={(screen) => {
								setCommandOpen(false);
								goTo(screen);
							}}
							onCancel={() => setCommandOpen(false)}
						/>
					) : null}
					{question ? (
						<Dialog
							title={question.title}
							lines={question.lines.map((text, index) => ({
								text: cleanText(text),
								bold: index === 0,
								color: index === 0 && question.danger ? theme.danger : undefined,
							}))}
							width={columns}
							height={contentHeight}
							borderColor={question.danger ? theme.danger : theme.accent}
						/>
					) : null}
					{help ? <HelpOverlay scopes={scope} offset={helpOffset} width={columns} height={contentHeight} /> : null}
				</Box>
				<Text color={toneColor} wrap="truncate">
					{message ? cleanText(message.text) : ' '}
				</Text>
				<StatusBar session={session} accountId={accountId} width={columns} theme={theme} />
			</Box>
		</NotifyContext.Provider>
	);
}

function HelpOverlay({scopes, offset, width, height}: {scopes: readonly Scope[]; offset: number; width: number; height: number}) {
	const {theme, session} = useConsole();
	const keyWidth = 16;
	const part = (which: Scope) => [
		{text: scopeTitles[which], bold: true},
		...bindingsOf(which).map((binding) => {
			const keys = binding.keys.map(keyLabel).join(' ');
			const note = binding.dangerous ? (session.readOnly ? ' (off: read-only)' : ' (asks first)') : '';
			return {text: `${keys.padEnd(keyWidth)} ${binding.description}${note}`};
		}),
	];
	const all = [...scopes, 'global' as const].flatMap((which) => part(which));
	// Longer than the screen: ↓/↑ scroll it, and the last line says there is more.
	const room = Math.max(1, height - 3);
	const start = Math.max(0, Math.min(offset, all.length - room));
	const shown = all.slice(start, start + room);
	const more = all.length > room ? ` ↓/↑ scroll (${start + 1}–${start + shown.length} of ${all.length}).` : '';
	return <Dialog title="Keys" lines={[...shown, {text: `Esc or ? closes this help.${more}`}]} width={width} height={height} borderColor={theme.accent} />;
}
