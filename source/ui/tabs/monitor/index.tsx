// The Monitor tab: "is it healthy, and what just happened?" Four views, as in
// the Lambda console's Monitor tab: metrics drawn as charts, the function's
// logs (with live tail), the recent invocations read from the REPORT lines,
// and X-Ray traces. [ and ] switch views; each view has its own keys.
import {Box, Text} from 'ink';
import React, {useEffect, useState} from 'react';
import type {FunctionDetail} from '../../../domain/function-model.js';
import {useConsole} from '../../context.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import {InvocationsView} from './invocations-view.js';
import {LogsView, type LogsRequest} from './logs-view.js';
import {MetricsView} from './metrics-view.js';
import {TracesView} from './traces-view.js';

export const monitorViews = ['metrics', 'logs', 'invocations', 'traces'] as const;
export type MonitorView = (typeof monitorViews)[number];

const viewTitles: Record<MonitorView, string> = {metrics: 'Metrics', logs: 'Logs', invocations: 'Recent invocations', traces: 'Traces'};

interface Props {
	detail: FunctionDetail;
	width: number;
	height: number;
	active: boolean;
	/** Says which view is shown (help lists its keys). */
	onView?(view: MonitorView): void;
}

export function MonitorTab({detail, width, height, active, onView}: Props) {
	const {theme} = useConsole();
	const [view, setView] = useState<MonitorView>('metrics');
	// A request opened from the recent invocations shows in the logs view.
	const [request, setRequest] = useState<LogsRequest | undefined>();
	const [overlay, setOverlay] = useState(false);
	useEffect(() => {
		onView?.(view);
	}, [onView, view]);

	useKeys(
		layers.tab,
		(name) => {
			const binding = bindingFor('monitor', name);
			const at = monitorViews.indexOf(view);
			switch (binding?.id) {
				case 'view-next':
					setView(monitorViews[(at + 1) % monitorViews.length] ?? 'metrics');
					return true;
				case 'view-previous':
					setView(monitorViews[(at + monitorViews.length - 1) % monitorViews.length] ?? 'metrics');
					return true;
				default:
					return false;
			}
		},
		active && !overlay,
	);

	const bodyHeight = Math.max(1, height - 1);
	const viewProps = {detail, width, height: bodyHeight, active: active, onOverlay: setOverlay};
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate">
				{monitorViews.map((each) => (
					<Text key={each}>
						<Text bold={each === view} underline={each === view} color={each === view ? theme.accent : theme.muted}>
							{viewTitles[each]}
						</Text>
						{'  '}
					</Text>
				))}
				<Text color={theme.muted}>{'[ ] switch'}</Text>
			</Text>
			{view === 'metrics' ? <MetricsView {...viewProps} /> : null}
			{view === 'logs' ? <LogsView {...viewProps} request={request} onRequestClosed={() => setRequest(undefined)} /> : null}
			{view === 'invocations' ? (
				<InvocationsView
					{...viewProps}
					onOpenRequest={(opened) => {
						setRequest(opened);
						setView('logs');
					}}
				/>
			) : null}
			{view === 'traces' ? <TracesView {...viewProps} /> : null}
		</Box>
	);
}
