// The Overview tab: the function at a glance.
import {Box, Text} from 'ink';
import React from 'react';
import {formatAge, formatBytes, formatDateTime, formatTimeout, pluralise} from '../../domain/format.js';
import type {AccountConcurrency, FunctionDetail} from '../../domain/function-model.js';
import {decodeRestore, describeRestore, throttleRestoreTag} from '../../domain/throttle.js';
import {Field} from '../components/Field.js';
import type {Theme} from '../theme.js';

interface Props {
	detail: FunctionDetail;
	/** Reserved concurrency as the console knows it now (it changes on throttle); null for none. */
	reserved: number | null;
	account: AccountConcurrency | undefined;
	theme: Theme;
	height: number;
}

function concurrencyText(reserved: number | null, account: AccountConcurrency | undefined): string {
	const free = account ? `${account.unreserved} of ${account.limit} free` : '';
	if (reserved === null) return `none reserved: uses the unreserved pool${free ? ` (${free})` : ''}`;
	return `${reserved} reserved${free ? ` (unreserved pool: ${free})` : ''}`;
}

export function OverviewTab({detail, reserved, account, theme, height}: Props) {
	const tagEntries = Object.entries(detail.tags).filter(([key]) => key !== throttleRestoreTag);
	const tags =
		tagEntries.length === 0
			? 'none'
			: `${pluralise(tagEntries.length, 'tag')}: ${tagEntries.map(([key, value]) => `${key}=${value}`).join(', ')}`;
	const layers =
		detail.layers.length === 0
			? 'none'
			: `${pluralise(detail.layers.length, 'layer')}: ${detail.layers.map((layer) => layer.arn.split(':layer:')[1] ?? layer.arn).join(', ')}`;
	const stateColor = detail.state === 'Active' ? theme.success : detail.state === 'Failed' ? theme.danger : theme.warning;
	const updateColor =
		detail.lastUpdateStatus === 'Failed' ? theme.danger : detail.lastUpdateStatus === 'InProgress' ? theme.warning : undefined;
	const code =
		detail.packageType === 'Image'
			? `container image ${detail.imageUri ?? ''}`
			: `${formatBytes(detail.codeSize)} zip · SHA-256 ${detail.codeSha256}`;
	const throttled = reserved === 0;
	const restore = decodeRestore(detail.tags[throttleRestoreTag]);
	const lines = [
		<Field key="arn" label="ARN" theme={theme}>
			{detail.arn}
		</Field>,
		<Field key="description" label="Description" theme={theme}>
			{detail.description || '-'}
		</Field>,
		<Field key="runtime" label="Runtime" theme={theme}>
			{`${detail.runtime} · handler ${detail.handler || '-'} · ${detail.architectures.join(', ')}`}
		</Field>,
		<Field key="memory" label="Memory" theme={theme}>
			{`${detail.memoryMb} MB · ephemeral storage ${detail.ephemeralStorageMb} MB · timeout ${formatTimeout(detail.timeoutSeconds)}`}
		</Field>,
		<Field key="role" label="Role" theme={theme}>
			{detail.role || '-'}
		</Field>,
		<Field key="state" label="State" theme={theme}>
			<Text color={stateColor}>{detail.state}</Text>
			{' · last update '}
			<Text color={updateColor}>{detail.lastUpdateStatus}</Text>
			{detail.stateReason || detail.lastUpdateStatusReason ? ` · ${detail.lastUpdateStatusReason || detail.stateReason}` : ''}
		</Field>,
		<Field key="modified" label="Modified" theme={theme}>
			{`${formatDateTime(detail.lastModified)} (${formatAge(detail.lastModified)})`}
		</Field>,
		<Field key="code" label="Code" theme={theme}>
			{code}
		</Field>,
		<Field key="layers" label="Layers" theme={theme}>
			{layers}
		</Field>,
		<Field key="concurrency" label="Concurrency" theme={theme}>
			{throttled ? (
				<Text color={theme.danger} bold>
					{`THROTTLED: reserved 0, every invocation is rejected. T restores ${describeRestore(restore)}`}
				</Text>
			) : (
				concurrencyText(reserved, account)
			)}
		</Field>,
		<Field key="environment" label="Environment" theme={theme}>
			{pluralise(detail.environmentVariableCount, 'variable')}
		</Field>,
		<Field key="tags" label="Tags" theme={theme}>
			{tags}
		</Field>,
	];
	return (
		<Box flexDirection="column" height={height}>
			{lines.slice(0, Math.max(0, height))}
		</Box>
	);
}
