// A function's detail: a tab bar and the tab. The tabs keep the numbers of
// their places in the Lambda console (1 Overview, 3 Test, 4 Monitor,
// 5 Configuration). The Overview's boxes open sections of the Configuration
// tab through a section request.
import {Box, Text} from 'ink';
import React, {useCallback, useEffect, useRef, useState} from 'react';
import {getAccountConcurrency} from '../../aws/account.js';
import {getFunctionDetail} from '../../aws/functions.js';
import type {FunctionSummary} from '../../domain/function-model.js';
import {Tabs, type TabTitle} from '../components/Tabs.js';
import {useConsole} from '../context.js';
import {bindingFor} from '../keymap.js';
import {layers, useKeys} from '../input.js';
import type {FunctionStore} from '../hooks/useFunctionStore.js';
import {useResource} from '../hooks/useResource.js';
import {ExportDialog} from '../components/ExportDialog.js';
import {AliasesTab} from '../tabs/aliases.js';
import {CodeTab} from '../tabs/code/index.js';
import {ConfigurationTab, type SectionRequest} from '../tabs/configuration/index.js';
import {MonitorTab} from '../tabs/monitor/index.js';
import {OverviewTab} from '../tabs/overview.js';
import {TestTab} from '../tabs/test/index.js';
import {VersionsTab} from '../tabs/versions.js';

interface Props {
	name: string;
	store: FunctionStore;
	width: number;
	height: number;
	active: boolean;
	onBack(): void;
	onThrottle(fn: Pick<FunctionSummary, 'name'>): void;
	onDelete(fn: Pick<FunctionSummary, 'name'>): void;
	/** Says which tab is shown (help lists that tab's keys). */
	onTab?(title: string): void;
}

const tabs: readonly TabTitle[] = [
	{number: 1, title: 'Overview'},
	{number: 2, title: 'Code'},
	{number: 3, title: 'Test'},
	{number: 4, title: 'Monitor'},
	{number: 5, title: 'Configuration'},
	{number: 6, title: 'Aliases'},
	{number: 7, title: 'Versions'},
];

export function FunctionDetailScreen({name, store, width, height, active, onBack, onThrottle, onDelete, onTab}: Props) {
	const {clients, theme} = useConsole();
	const [tab, setTab] = useState(0);
	const [exporting, setExporting] = useState(false);
	// The export dialog takes the keys while it is open: neither the screen nor its tab gets them.
	const keysActive = active && !exporting;
	/** The section the Overview asked the Configuration tab to show; dropped when the user changes tabs. */
	const [sectionRequest, setSectionRequest] = useState<SectionRequest>();
	const openSection = useCallback((section: string, intent?: 'add', item?: string) => {
		setSectionRequest({section, ...(intent === undefined ? {} : {intent}), ...(item === undefined ? {} : {item}), at: Date.now()});
		setTab(tabs.findIndex((each) => each.title === 'Configuration'));
	}, []);
	const showTab = (next: number): void => {
		setSectionRequest(undefined);
		setTab(next);
	};
	useEffect(() => {
		const title = tabs[tab]?.title ?? 'Overview';
		// The Monitor tab says which of its views is shown itself (its effect runs first).
		if (title !== 'Monitor') onTab?.(title);
	}, [onTab, tab]);
	const onMonitorView = useCallback((view: string) => onTab?.(`Monitor: ${view}`), [onTab]);
	const detail = useResource((signal) => getFunctionDetail(clients, name, signal), [clients, name], clients.endpoint);
	const account = useResource(() => getAccountConcurrency(clients), [clients], clients.endpoint);
	const {noteDetail} = store;
	const reloadDetail = detail.reload;
	useEffect(() => {
		if (detail.data) noteDetail(detail.data);
	}, [detail.data, noteDetail]);
	// A throttle toggle changes the account's unreserved pool too.
	const known = store.concurrency.get(name);
	useEffect(() => {
		if (detail.data && known !== undefined && known !== (detail.data.reservedConcurrency ?? null)) {
			detail.reload();
			account.reload();
		}
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [known]);
	// A reservation changed in the Configuration tab changes the pool the Overview shows.
	const loadedReserved = useRef<{value: number | undefined} | undefined>(undefined);
	useEffect(() => {
		if (!detail.data) return;
		const value = detail.data.reservedConcurrency;
		if (loadedReserved.current !== undefined && loadedReserved.current.value !== value) account.reload();
		loadedReserved.current = {value};
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [detail.data]);

	useKeys(
		layers.screen,
		(keyName) => {
			const binding = bindingFor('detail', keyName);
			switch (binding?.id) {
				case 'back':
					onBack();
					return true;
				case 'next-tab':
					showTab((tab + 1) % tabs.length);
					return true;
				case 'previous-tab':
					showTab((tab + tabs.length - 1) % tabs.length);
					return true;
				case 'tab-1':
				case 'tab-2':
				case 'tab-3':
				case 'tab-4':
				case 'tab-5':
				case 'tab-6':
				case 'tab-7': {
					const index = tabs.findIndex((each) => `tab-${each.number}` === binding.id);
					if (index >= 0) showTab(index);
					return true;
				}
				case 'refresh':
					detail.reload();
					account.reload();
					return true;
				case 'throttle':
					onThrottle({name});
					return true;
				case 'download':
					if (detail.data) setExporting(true);
					return true;
				case 'delete-function':
					onDelete({name});
					return true;
				default:
					return false;
			}
		},
		keysActive,
	);

	const bodyHeight = Math.max(0, height - 2);
	let body: React.ReactNode;
	if (detail.data) {
		const reserved = known !== undefined ? known : (detail.data.reservedConcurrency ?? null);
		const title = tabs[tab]?.title;
		body =
			title === 'Code' ? (
				<CodeTab detail={detail.data} reload={reloadDetail} width={width} height={bodyHeight} active={keysActive} />
			) : title === 'Aliases' ? (
				<AliasesTab detail={detail.data} reload={reloadDetail} width={width} height={bodyHeight} active={keysActive} />
			) : title === 'Versions' ? (
				<VersionsTab detail={detail.data} reload={reloadDetail} width={width} height={bodyHeight} active={keysActive} />
			) : title === 'Configuration' ? (
				<ConfigurationTab detail={detail.data} reload={reloadDetail} width={width} height={bodyHeight} active={keysActive} request={sectionRequest} />
			) : title === 'Monitor' ? (
				<MonitorTab detail={detail.data} width={width} height={bodyHeight} active={keysActive} onView={onMonitorView} />
			) : title === 'Test' ? (
				<TestTab detail={detail.data} width={width} height={bodyHeight} active={keysActive} />
			) : (
				<OverviewTab
					detail={detail.data}
					reserved={reserved}
					account={account.data}
					theme={theme}
					width={width}
					height={bodyHeight}
					active={keysActive}
					onOpenSection={openSection}
				/>
			);
	} else if (detail.error) {
		body = (
			<Text color={theme.danger} wrap="wrap">
				{`Could not load ${name}: ${detail.error}`}
			</Text>
		);
	} else {
		body = <Text color={theme.muted}>{`Loading ${name}…`}</Text>;
	}
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate">
				<Text bold color={theme.accent}>
					{name}
				</Text>
				<Text color={theme.muted}>{detail.loading && detail.data ? '  refreshing…' : ''}</Text>
			</Text>
			<Tabs tabs={tabs} current={tab} theme={theme} width={width} />
			<Box height={bodyHeight} flexDirection="column">
				{body}
			</Box>
			{exporting && detail.data ? (
				<ExportDialog detail={detail.data} width={width} height={height} active={active} onClose={() => setExporting(false)} />
			) : null}
		</Box>
	);
}
