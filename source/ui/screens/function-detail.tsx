// A function's detail: a tab bar and the tab. Overview comes first; each later
// tab arrives with its own work.
import {Box, Text} from 'ink';
import React, {useEffect, useState} from 'react';
import {getAccountConcurrency} from '../../aws/account.js';
import {getFunctionDetail} from '../../aws/functions.js';
import type {FunctionSummary} from '../../domain/function-model.js';
import {Tabs} from '../components/Tabs.js';
import {useConsole} from '../context.js';
import {bindingFor} from '../keymap.js';
import {layers, useKeys} from '../input.js';
import type {FunctionStore} from '../hooks/useFunctionStore.js';
import {useResource} from '../hooks/useResource.js';
import {OverviewTab} from '../tabs/overview.js';

interface Props {
	name: string;
	store: FunctionStore;
	width: number;
	height: number;
	active: boolean;
	onBack(): void;
	onThrottle(fn: Pick<FunctionSummary, 'name'>): void;
}

const tabTitles = ['Overview'] as const;

export function FunctionDetailScreen({name, store, width, height, active, onBack, onThrottle}: Props) {
	const {clients, theme} = useConsole();
	const [tab, setTab] = useState(0);
	const detail = useResource((signal) => getFunctionDetail(clients, name, signal), [clients, name], clients.endpoint);
	const account = useResource(() => getAccountConcurrency(clients), [clients], clients.endpoint);
	const {noteDetail} = store;
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

	useKeys(
		layers.screen,
		(keyName) => {
			const binding = bindingFor('detail', keyName);
			switch (binding?.id) {
				case 'back':
					onBack();
					return true;
				case 'next-tab':
					setTab((value) => (value + 1) % tabTitles.length);
					return true;
				case 'previous-tab':
					setTab((value) => (value + tabTitles.length - 1) % tabTitles.length);
					return true;
				case 'tab-1':
					setTab(0);
					return true;
				case 'refresh':
					detail.reload();
					account.reload();
					return true;
				case 'throttle':
					onThrottle({name});
					return true;
				default:
					return false;
			}
		},
		active,
	);

	const bodyHeight = Math.max(0, height - 2);
	let body: React.ReactNode;
	if (detail.data) {
		const reserved = known !== undefined ? known : (detail.data.reservedConcurrency ?? null);
		body = <OverviewTab detail={detail.data} reserved={reserved} account={account.data} theme={theme} height={bodyHeight} />;
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
			<Tabs titles={tabTitles} current={tab} theme={theme} />
			<Box height={bodyHeight} flexDirection="column">
				{body}
			</Box>
		</Box>
	);
}
