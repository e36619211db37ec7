// Someone else changed the function between reading it and saving: the
// fields being changed, theirs beside the user's, and the choice.
import React from 'react';
import type {ConfigurationChange, FunctionDetail} from '../../../domain/function-model.js';
import {accessPointId, type FileSystemConfig} from '../../../domain/file-systems.js';
import {layerVersionLabel} from '../../../domain/layers.js';
import {cleanText} from '../../../domain/sanitize.js';
import {Dialog} from '../../components/Dialog.js';
import {useConsole} from '../../context.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {Conflict} from '../../hooks/useConfigurationSave.js';

type Row = [label: string, yours: string, theirs: string];

/** A variable's value as the conflict shows it: never the value itself (it may be a secret). */
function variableState(value: string | undefined): string {
	return value === undefined ? '(not set)' : `set (${value.length} characters)`;
}

/** One row per variable that differs between yours and theirs. */
function environmentRows(mine: Record<string, string>, theirs: Record<string, string>): Row[] {
	const names = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].sort();
	const rows: Row[] = names.filter((name) => mine[name] !== theirs[name]).map((name) => [name, variableState(mine[name]), variableState(theirs[name])]);
	return rows.length > 0 ? rows : [['Variables', 'the same', 'the same']];
}

/** Layers in merge order, as name:version. */
function layerList(arns: readonly string[]): string {
	return arns.length === 0 ? '(none)' : arns.map((arn) => layerVersionLabel(arn)).join(', ');
}

/** File systems as "fsap-… at /mnt/…", or none. */
function fileSystemList(configs: readonly FileSystemConfig[]): string {
	return configs.length === 0 ? 'none' : configs.map((config) => `${accessPointId(config.arn)} at ${config.localMountPath}`).join(', ');
}

/** For each field the change sets: what the user wants, and what is there now. */
export function conflictRows(change: ConfigurationChange, fresh: FunctionDetail): Row[] {
	const rows: Row[] = [];
	if (change.description !== undefined) rows.push(['Description', change.description, fresh.description]);
	if (change.memoryMb !== undefined) rows.push(['Memory', `${change.memoryMb} MB`, `${fresh.memoryMb} MB`]);
	if (change.ephemeralStorageMb !== undefined) rows.push(['Ephemeral', `${change.ephemeralStorageMb} MB`, `${fresh.ephemeralStorageMb} MB`]);
	if (change.timeoutSeconds !== undefined) rows.push(['Timeout', `${change.timeoutSeconds} s`, `${fresh.timeoutSeconds} s`]);
	if (change.handler !== undefined) rows.push(['Handler', change.handler, fresh.handler]);
	if (change.runtime !== undefined) rows.push(['Runtime', change.runtime, fresh.runtime]);
	if (change.environment !== undefined) rows.push(...environmentRows(change.environment, fresh.environment));
	if (change.layers !== undefined) rows.push(['Layers', layerList(change.layers), layerList(fresh.layers.map((layer) => layer.arn))]);
	if (change.fileSystems !== undefined) rows.push(['File system', fileSystemList(change.fileSystems), fileSystemList(fresh.fileSystems)]);
	if (change.kmsKeyArn !== undefined) rows.push(['KMS key', change.kmsKeyArn || '(Lambda\'s)', fresh.kmsKeyArn || '(Lambda\'s)']);
	return rows;
}

export function ConflictDialog({conflict, current, width, height, active}: {conflict: Conflict; current: FunctionDetail; width: number; height: number; active: boolean}) {
	const {theme} = useConsole();
	useKeys(
		layers.overlay,
		(name) => {
			const binding = bindingFor('confirm', name);
			if (binding?.id === 'confirm-yes') conflict.resolve(true);
			else if (binding?.id === 'confirm-no') conflict.resolve(false);
			return true;
		},
		active,
	);
	const rows = conflictRows(conflict.change, conflict.fresh);
	const column = Math.max(8, Math.floor((Math.min(width - 8, 72) - 14) / 2));
	const cut = (text: string): string => {
		const clean = cleanText(text);
		return clean.length > column ? `${clean.slice(0, column - 1)}…` : clean;
	};
	const lines = [
		{text: `Someone else changed ${current.name} after you opened it.`, bold: true},
		{text: ''},
		{text: `${''.padEnd(12)}${'Yours'.padEnd(column)}  Theirs (now)`, bold: true},
		...rows.map(([label, yours, theirs]) => ({
			text: `${label.padEnd(12)}${cut(yours).padEnd(column)}  ${cut(theirs)}`,
			color: yours === theirs ? undefined : theme.warning,
		})),
		{text: ''},
		{text: 'y: apply yours over theirs   n/Enter/Esc: keep theirs'},
	];
	return <Dialog title={`Conflict: ${conflict.label}`} lines={lines} width={width} height={height} borderColor={theme.warning} />;
}
