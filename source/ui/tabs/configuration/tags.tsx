// Tags: a table, add, edit and delete (TagResource / UntagResource; tags have
// no RevisionId). Lambda's limits are checked first: 50 tags, keys up to 128
// characters, values up to 256, no "aws:" prefix.
import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import {tagFunction, untagFunction} from '../../../aws/configuration.js';
import {fit} from '../../../domain/format.js';
import {tagsPerResourceMax} from '../../../domain/limits.js';
import {cleanText} from '../../../domain/sanitize.js';
import {throttleRestoreTag} from '../../../domain/throttle.js';
import {checkTagKey, checkTagValue} from '../../../domain/validate.js';
import {ConfirmDialog, useConfirm} from '../../components/ConfirmDialog.js';
import {Form, type FormField} from '../../components/Form.js';
import {useConsole, useNotify} from '../../context.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {SectionProps} from './sections.js';
import {useItemList} from './useItemList.js';
import {useSectionOverlay} from './useSectionOverlay.js';

type Overlay = {kind: 'add'} | {kind: 'edit'; key: string} | {kind: 'delete'; key: string};

function keyProblem(key: string, others: readonly string[]): string | undefined {
	if (key === '') return 'A key is needed, e.g. team';
	const problem = checkTagKey(key)[0];
	if (problem !== undefined) return key.toLowerCase().startsWith('aws:') ? 'Keys starting with aws: are reserved for AWS' : 'Keys are 1 to 128 characters';
	if (others.includes(key)) return `${key} is already a tag: edit it instead`;
	return undefined;
}

export function TagsSection(props: SectionProps) {
	const {detail, save, theme, width, height, active, inside, onLeave} = props;
	const {clients} = useConsole();
	const notify = useNotify();
	const keys = useMemo(() => Object.keys(detail.tags).sort(), [detail.tags]);
	const {cursor, selected, key: listKey} = useItemList(keys, onLeave);
	const {overlay, open, frame} = useSectionOverlay<Overlay>(props);

	useKeys(
		layers.section,
		(name) => {
			const binding = bindingFor('configuration', name);
			if (binding?.id === 'add') {
				if (keys.length >= tagsPerResourceMax) {
					notify({tone: 'error', text: `${detail.name} has ${keys.length} tags, Lambda's limit: delete one first.`});
				} else {
					open({kind: 'add'});
				}
				return true;
			}
			if (!inside) return false;
			return listKey(binding, {edit: (key) => open({kind: 'edit', key}), delete: (key) => open({kind: 'delete', key})});
		},
		active && overlay === undefined,
	);

	useConfirm(active && overlay?.kind === 'delete' ? overlay.key : undefined, {
		yes: (key) => {
			void save.run(`deleting tag ${key}`, () => untagFunction(clients, detail.arn, [key])).then(() => open(undefined));
		},
		no: () => open(undefined),
	});

	let form: React.ReactNode = null;
	if (overlay?.kind === 'add' || overlay?.kind === 'edit') {
		const editing = overlay.kind === 'edit' ? overlay.key : undefined;
		const others = keys.filter((key) => key !== editing);
		const fields: FormField[] = [
			{id: 'key', label: 'Key', value: editing ?? '', hint: '1 to 128 characters, not aws:…', validate: (value) => keyProblem(value.trim(), others)},
			{
				id: 'value',
				label: 'Value',
				value: editing === undefined ? '' : (detail.tags[editing] ?? ''),
				hint: 'up to 256 characters',
				validate: (value, values) => (checkTagValue((values['key'] ?? '').trim(), value)[0] === undefined ? undefined : 'Values are at most 256 characters'),
			},
		];
		form = (
			<Form
				title={editing === undefined ? 'Add a tag' : `Edit tag ${editing}`}
				fields={fields}
				{...frame}
				onSubmit={(values) => {
					const key = (values['key'] ?? '').trim();
					const value = values['value'] ?? '';
					void save
						.run(`tag ${key}`, async () => {
							await tagFunction(clients, detail.arn, {[key]: value});
							if (editing !== undefined && editing !== key) await untagFunction(clients, detail.arn, [editing]);
						})
						.then((result) => {
							if (result === 'saved') open(undefined);
						});
				}}
			/>
		);
	} else if (overlay?.kind === 'delete') {
		form = <ConfirmDialog title="Delete tag" question={`Delete the tag ${overlay.key} from ${detail.name}?`} theme={theme} width={width} height={height} />;
	}

	const keyWidth = Math.min(30, Math.max(6, ...keys.map((key) => key.length)) + 2);
	const listHeight = Math.max(1, height - 3);
	const first = Math.max(0, Math.min(cursor - Math.floor(listHeight / 2), keys.length - listHeight));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>{`Tags (${keys.length} of ${tagsPerResourceMax})`}</Text>
			{keys.length === 0 ? (
				<Text color={theme.muted}>No tags. a adds one.</Text>
			) : (
				keys.slice(first, first + listHeight).map((key) => (
					<Text key={key} inverse={inside && key === selected} wrap="truncate">
						{fit(cleanText(key), keyWidth)}
						{cleanText(detail.tags[key] ?? '')}
						{key === throttleRestoreTag ? <Text color={theme.muted}> (kept by lambdash for unthrottle)</Text> : null}
					</Text>
				))
			)}
			<Box flexGrow={1} />
			<Text color={theme.muted} wrap="truncate">
				{inside ? 'e edit · a add · d delete · Esc back' : 'Enter: the tags · a add'}
			</Text>
			{form}
		</Box>
	);
}
