// The function list: every function of the account and region, filtered as you
// type, with the throttled ones standing out.
import {Box, Text} from 'ink';
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {formatAge, formatBytes, formatTimeoutShort} from '../../domain/format.js';
import {filterFunctions, stateHealth, stateLabel} from '../../domain/function-list.js';
import type {FunctionSummary} from '../../domain/function-model.js';
import {concurrencyLabel} from '../../domain/throttle.js';
import {VirtualTable, scrollOffset, type Column} from '../components/VirtualTable.js';
import {bindingFor} from '../keymap.js';
import {layers, useKeys} from '../input.js';
import type {FunctionStore} from '../hooks/useFunctionStore.js';
import type {Theme} from '../theme.js';

interface Props {
	store: FunctionStore;
	theme: Theme;
	width: number;
	height: number;
	active: boolean;
	/** Drawn (it may be drawn with a question over it, not taking keys); default: when active. */
	visible?: boolean;
	onOpen(fn: FunctionSummary): void;
	onThrottle(fn: FunctionSummary): void;
	onCreate(): void;
	onDelete(fn: FunctionSummary): void;
}

const fixedWidths = {runtime: 10, memory: 5, timeout: 4, code: 6, modified: 8, state: 8, concurrency: 9};

const minimumNameWidth = 12;
/** When the terminal is narrow, these go first, in this order; state and reservation stay. */
const dropOrder = ['MODIFIED', 'CODE', 'TMO', 'MEM', 'RUNTIME'];

export function listColumns(width: number, store: FunctionStore, theme: Theme): Array<Column<FunctionSummary>> {
	const columns = allColumns(store, theme);
	const used = (kept: ReadonlyArray<Column<FunctionSummary>>) =>
		kept.reduce((sum, column) => sum + (column.title === 'NAME' ? minimumNameWidth : column.width) + 1, -1);
	let kept = columns;
	for (const title of dropOrder) {
		if (used(kept) <= width) break;
		kept = kept.filter((column) => column.title !== title);
	}
	const nameWidth = Math.max(minimumNameWidth, width - (used(kept) - minimumNameWidth));
	return kept.map((column) => (column.title === 'NAME' ? {...column, width: nameWidth} : column));
}

function allColumns(store: FunctionStore, theme: Theme): Array<Column<FunctionSummary>> {
	const reserved = (fn: FunctionSummary) => {
		const value = store.concurrency.get(fn.name);
		return value === undefined ? 'unknown' : value === null ? undefined : value;
	};
	// ListFunctions does not return the state; GetFunction does, row by row.
	const state = (fn: FunctionSummary) => store.states.get(fn.name) ?? fn;
	return [
		{title: 'NAME', width: minimumNameWidth, value: (fn) => fn.name},
		{title: 'RUNTIME', width: fixedWidths.runtime, value: (fn) => fn.runtime},
		{title: 'MEM', width: fixedWidths.memory, align: 'right', value: (fn) => String(fn.memoryMb)},
		{title: 'TMO', width: fixedWidths.timeout, align: 'right', value: (fn) => formatTimeoutShort(fn.timeoutSeconds)},
		{title: 'CODE', width: fixedWidths.code, align: 'right', value: (fn) => formatBytes(fn.codeSize)},
		{title: 'MODIFIED', width: fixedWidths.modified, value: (fn) => formatAge(fn.lastModified)},
		{
			title: 'STATE',
			width: fixedWidths.state,
			value(fn) {
				const known = state(fn);
				return known.state === '-' ? '·' : stateLabel(known);
			},
			color(fn) {
				const health = stateHealth(state(fn));
				return health === 'bad' ? theme.danger : health === 'busy' ? theme.warning : undefined;
			},
		},
		{
			title: 'RESERVED',
			width: fixedWidths.concurrency,
			align: 'right',
			value(fn) {
				const value = reserved(fn);
				return value === 'unknown' ? '·' : concurrencyLabel(value);
			},
			color: (fn) => (reserved(fn) === 0 ? theme.danger : undefined),
			strong: (fn) => reserved(fn) === 0,
		},
	];
}

export function FunctionListScreen({store, theme, width, height, active, visible = active, onOpen, onThrottle, onCreate, onDelete}: Props) {
	const [selected, setSelected] = useState(0);
	const [filter, setFilter] = useState('');
	const [filtering, setFiltering] = useState(false);
	const rows = useMemo(() => filterFunctions(store.functions, filter), [store.functions, filter]);
	const tableHeight = Math.max(2, height - 1);
	const visibleRows = tableHeight - 1;
	const current = Math.min(selected, Math.max(0, rows.length - 1));

	// Ask for the state and reserved concurrency of what is on screen, and nothing else.
	const offsetRef = useRef(0);
	const offset = scrollOffset(offsetRef.current, current, visibleRows, rows.length);
	offsetRef.current = offset;
	const visibleNames = rows.slice(offset, offset + visibleRows).map((fn) => fn.name);
	const visibleKey = visibleNames.join('\n');
	useEffect(() => {
		if (!active) return;
		// What is on screen first, then half a page either side, so rows that
		// scroll into view already have their state.
		const margin = Math.ceil(visibleRows / 2);
		const around = [...rows.slice(offset + visibleRows, offset + visibleRows + margin), ...rows.slice(Math.max(0, offset - margin), offset)];
		store.requestDetails([...visibleNames, ...around.map((fn) => fn.name)]);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [visibleKey, active, store.requestDetails, store.generation]);

	const move = (to: number) => setSelected(Math.max(0, Math.min(rows.length - 1, to)));

	useKeys(
		layers.screen,
		(name, input) => {
			if (filtering) {
				const binding = bindingFor('filter', name);
				if (binding?.id === 'filter-accept') setFiltering(false);
				else if (binding?.id === 'filter-cancel') {
					setFilter('');
					setFiltering(false);
				} else if (binding?.id === 'filter-delete') setFilter((value) => value.slice(0, -1));
				else if (input.length > 0 && !/[\u0000-\u001F\u007F]/.test(input) && name === input) {
					setFilter((value) => value + input);
					setSelected(0);
				}
				return true;
			}
			const binding = bindingFor('list', name);
			const fn = rows[current];
			switch (binding?.id) {
				case 'down':
					move(current + 1);
					return true;
				case 'up':
					move(current - 1);
					return true;
				case 'top':
					move(0);
					return true;
				case 'bottom':
					move(rows.length - 1);
					return true;
				case 'page-down':
					move(current + visibleRows);
					return true;
				case 'page-up':
					move(current - visibleRows);
					return true;
				case 'filter':
					setFiltering(true);
					return true;
				case 'clear-filter':
					if (filter === '') return false;
					setFilter('');
					return true;
				case 'refresh':
					store.refresh();
					return true;
				case 'open':
					if (fn) onOpen(fn);
					return true;
				case 'throttle':
					if (fn) onThrottle(fn);
					return true;
				case 'create-function':
					onCreate();
					return true;
				case 'delete-function':
					if (fn) onDelete(fn);
					return true;
				default:
					return false;
			}
		},
		active,
	);

	const title = `Functions (${rows.length === store.functions.length ? rows.length : `${rows.length} of ${store.functions.length}`})`;
	const loadingText = store.loading ? (store.functions.length > 0 ? '  loading more…' : '  loading…') : '';
	const empty = store.loading
		? 'Loading functions…'
		: store.error
			? 'Could not load the functions (see below). Press r to retry.'
			: filter
				? `No function matches "${filter}". Esc clears the filter.`
				: 'No functions in this region.';
	return (
		<Box flexDirection="column" width={width} height={height} display={visible ? 'flex' : 'none'}>
			<Text wrap="truncate">
				<Text bold color={theme.accent}>
					{title}
				</Text>
				{filtering || filter ? (
					<Text>
						{'  filter: '}
						<Text inverse={filtering}>{`/${filter}${filtering ? '▏' : ''}`}</Text>
					</Text>
				) : null}
				<Text color={theme.muted}>{loadingText}</Text>
			</Text>
			<VirtualTable
				rows={rows}
				columns={listColumns(width, store, theme)}
				selected={current}
				offset={offset}
				height={tableHeight}
				theme={theme}
				empty={empty}
				rowKey={(fn) => fn.name}
			/>
		</Box>
	);
}
