// The configuration of one version, or of the version an alias points to,
// read-only, as the Lambda console shows a qualified function: GetFunction
// with the Qualifier, drawn as Field rows (runtime, handler, memory, timeout,
// the names of the environment variables (never their values), layers, code
// SHA-256, description), and for an alias its routing bar and function URL
// first. Long ones scroll with the reader keys; Esc comes back.
import {Box, Text} from 'ink';
import React from 'react';
import {getUrlConfig} from '../../../aws/function-url.js';
import {getQualifiedDetail} from '../../../aws/versions.js';
import {routingBar, type FunctionAlias} from '../../../domain/aliases.js';
import {fit, formatBytes, formatDateTime, formatTimeout} from '../../../domain/format.js';
import type {FunctionDetail} from '../../../domain/function-model.js';
import {cleanText} from '../../../domain/sanitize.js';
import {Field} from '../../components/Field.js';
import {useConsole} from '../../context.js';
import {useResource} from '../../hooks/useResource.js';
import {useReaderScroll} from '../../hooks/useReaderScroll.js';

/** One "Label  value" row; `heading` rows stand alone, in bold. */
export interface ConfigurationRow {
	label: string;
	value: string;
	heading?: boolean;
}

const labelWidth = 16;

/** Rows that list several values (variables, layers) give the label to the first only. */
function listRows(label: string, values: readonly string[], none: string): ConfigurationRow[] {
	if (values.length === 0) return [{label, value: none}];
	return values.map((value, index) => ({label: index === 0 ? label : '', value}));
}

/** The rows of a version's configuration, as GetFunction with its qualifier answers. */
export function versionRows(detail: FunctionDetail): ConfigurationRow[] {
	const image = detail.packageType === 'Image';
	return [
		{label: `Version ${detail.version}`, value: '', heading: true},
		{label: 'Description', value: detail.description === '' ? '-' : detail.description},
		{label: 'Last modified', value: formatDateTime(detail.lastModified)},
		{label: 'State', value: detail.state},
		{label: 'Runtime', value: image ? 'container image' : detail.runtime},
		...(image ? [{label: 'Image URI', value: detail.imageUri ?? '-'}] : [{label: 'Handler', value: detail.handler}]),
		{label: 'Architecture', value: detail.architectures.join(', ')},
		{label: 'Memory', value: `${detail.memoryMb} MB`},
		{label: 'Ephemeral', value: `${detail.ephemeralStorageMb} MB`},
		{label: 'Timeout', value: formatTimeout(detail.timeoutSeconds)},
		{label: 'Code SHA-256', value: detail.codeSha256},
		{label: 'Code size', value: formatBytes(detail.codeSize)},
		...listRows('Environment', Object.keys(detail.environment).map((key) => cleanText(key)).sort(), 'no variables'),
		...listRows('Layers', detail.layers.map((layer) => layer.arn), 'none'),
		{label: 'Role', value: detail.role},
		{label: 'ARN', value: detail.arn},
	];
}

/** The rows of an alias before those of the version it points to: its routing and function URL. */
export function aliasRows(alias: FunctionAlias, url: string | undefined): ConfigurationRow[] {
	return [
		{label: `Alias ${alias.name}`, value: '', heading: true},
		{label: 'Routing', value: routingBar(alias)},
		{label: 'Description', value: alias.description === '' ? '-' : alias.description},
		{label: 'Function URL', value: url ?? 'none'},
		{label: 'Alias ARN', value: alias.arn},
		{label: '', value: ''},
	];
}

interface Props {
	functionName: string;
	/** The version to show, or the alias (its rows first, then its version's). */
	target: {kind: 'version'; version: string} | {kind: 'alias'; alias: FunctionAlias};
	width: number;
	height: number;
	active: boolean;
	onClose(): void;
}

export function ConfigurationView({functionName, target, width, height, active, onClose}: Props) {
	const {clients, theme} = useConsole();
	const qualifier = target.kind === 'version' ? target.version : target.alias.name;
	const loaded = useResource(
		async (signal) => {
			const detail = await getQualifiedDetail(clients, functionName, qualifier, signal);
			const url = target.kind === 'alias' ? await getUrlConfig(clients, functionName, qualifier, signal) : undefined;
			return {detail, url: url?.url};
		},
		[clients, functionName, qualifier],
		clients.endpoint,
	);
	const rows: ConfigurationRow[] = loaded.data
		? [...(target.kind === 'alias' ? aliasRows(target.alias, loaded.data.url) : []), ...versionRows(loaded.data.detail)]
		: [];
	const viewHeight = Math.max(1, height - 2);
	// Refreshing still reaches the list under the view.
	const start = useReaderScroll({count: rows.length, viewHeight, active, onClose, passes: ['r']});
	const title = target.kind === 'version' ? `${functionName}:${qualifier} · version ${qualifier} · read-only` : `${functionName}:${qualifier} · alias → version ${target.alias.functionVersion} · read-only`;
	const position = rows.length > viewHeight ? ` rows ${start + 1}-${Math.min(rows.length, start + viewHeight)} of ${rows.length}` : '';
	let body: React.ReactNode;
	if (loaded.error) {
		body = (
			<Text color={theme.danger} wrap="wrap">
				{`Could not read ${functionName}:${qualifier}: ${loaded.error}`}
			</Text>
		);
	} else if (!loaded.data) {
		body = <Text color={theme.muted}>{`Reading ${functionName}:${qualifier}…`}</Text>;
	} else {
		body = rows.slice(start, start + viewHeight).map((row, index) =>
			row.heading === true ? (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={start + index} bold color={theme.accent} wrap="truncate">
					{row.label}
				</Text>
			) : (
				// eslint-disable-next-line react/no-array-index-key
				<Field key={start + index} label={row.label} theme={theme} labelWidth={labelWidth}>
					{fit(row.value, Math.max(1, width - labelWidth))}
				</Field>
			),
		);
	}
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold inverse>
				{fit(`${fit(` ${title}`, Math.max(1, width - position.length))}${position}`, width)}
			</Text>
			<Box flexDirection="column" height={viewHeight}>
				{body}
			</Box>
			<Text color={theme.muted}>{fit(rows.length > viewHeight ? ' j/k scroll · PgUp/PgDn a page · g/G the ends · Esc back' : ' Esc back', width)}</Text>
		</Box>
	);
}
