// The columns of the Layers screen's two tables: the account's layers (with
// their latest version) and one layer's versions. Runtimes and descriptions
// take what the fixed columns leave.
import {formatAge} from '../../../domain/format.js';
import type {LayerSummary, LayerVersionSummary} from '../../../domain/layers.js';
import type {Column} from '../../components/VirtualTable.js';

const anyValue = (values: readonly string[], none: string): string => (values.length === 0 ? none : values.join(', '));

export const runtimesText = (version: Pick<LayerVersionSummary, 'compatibleRuntimes'>): string => anyValue(version.compatibleRuntimes, 'any runtime');
export const architecturesText = (version: Pick<LayerVersionSummary, 'compatibleArchitectures'>): string => anyValue(version.compatibleArchitectures, '-');

/** Splits what the fixed columns leave between two flexible ones (`share` of it to the first). */
function split(width: number, fixed: number, share: number): [number, number] {
	const rest = Math.max(16, width - fixed);
	const first = Math.max(8, Math.floor(rest * share));
	return [first, Math.max(8, rest - first)];
}

export function layerColumns(width: number): Array<Column<LayerSummary>> {
	// VER 4, ARCH 13, CREATED 8, and a space after each column but the last.
	const [name, runtimes] = split(width, 4 + 13 + 8 + 4, 0.45);
	return [
		{title: 'NAME', width: name, value: (layer) => layer.name},
		{title: 'VER', width: 4, align: 'right', value: (layer) => String(layer.latest.version)},
		{title: 'RUNTIMES', width: runtimes, value: (layer) => runtimesText(layer.latest)},
		{title: 'ARCH', width: 13, value: (layer) => architecturesText(layer.latest)},
		{title: 'CREATED', width: 8, value: (layer) => formatAge(layer.latest.created)},
	];
}

export function versionColumns(width: number): Array<Column<LayerVersionSummary>> {
	const [runtimes, description] = split(width, 4 + 13 + 8 + 4, 0.55);
	return [
		{title: 'VER', width: 4, align: 'right', value: (version) => String(version.version)},
		{title: 'RUNTIMES', width: runtimes, value: runtimesText},
		{title: 'ARCH', width: 13, value: architecturesText},
		{title: 'CREATED', width: 8, value: (version) => formatAge(version.created)},
		{title: 'DESCRIPTION', width: description, value: (version) => version.description},
	];
}
