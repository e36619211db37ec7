// General configuration: description, memory, ephemeral storage, timeout,
// handler and runtime (edited together in one form, as in the Lambda
// console), and the architecture and update status shown.
import {Box, Text} from 'ink';
import React from 'react';
import {formatTimeout as formatTimeoutField} from '../../../domain/config-input.js';
import {formatTimeout} from '../../../domain/format.js';
import {cleanText} from '../../../domain/sanitize.js';
import {generalFormChecks, parseGeneralForm, runtimeChoices, runtimeNote, runtimeOfChoice} from '../../../domain/general-settings.js';
import {Field} from '../../components/Field.js';
import {Form, type FormField} from '../../components/Form.js';
import type {SectionProps} from './sections.js';
import {useSectionForm} from './useSectionOverlay.js';

export function GeneralSection(props: SectionProps) {
	const {detail, save, theme, width, height} = props;
	const form = useSectionForm(props);

	const choices = runtimeChoices(detail.runtime);
	const fields: FormField[] = [
		{id: 'description', label: 'Description', value: detail.description, hint: 'up to 256 characters', validate: generalFormChecks.description},
		{id: 'memory', label: 'Memory (MB)', value: String(detail.memoryMb), hint: '128 to 10240 MB (or 2GB)', validate: generalFormChecks.memory},
		{
			id: 'ephemeral',
			label: 'Ephemeral (MB)',
			value: String(detail.ephemeralStorageMb),
			hint: '/tmp: 512 to 10240 MB',
			validate: generalFormChecks.ephemeral,
		},
		{id: 'timeout', label: 'Timeout', value: formatTimeoutField(detail.timeoutSeconds), hint: '1 s to 15 min: 30, 30s, 5m, 1m30s', validate: generalFormChecks.timeout},
		{id: 'handler', label: 'Handler', value: detail.handler, hint: 'file.function, e.g. index.handler', validate: generalFormChecks.handler},
		{
			id: 'runtime',
			label: 'Runtime',
			value: choices.find((choice) => runtimeOfChoice(choice) === detail.runtime) ?? detail.runtime,
			choices,
			hint: '←/→ choose; (deprecated) ones are past support',
			// A function may keep its runtime; a change must be to one Lambda still takes.
			validate: (value) => (runtimeOfChoice(value) === detail.runtime ? undefined : generalFormChecks.runtime(value)),
		},
	];

	const note = runtimeNote(detail.runtime);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>General configuration</Text>
			<Field label="Description" theme={theme}>
				{detail.description === '' ? <Text color={theme.muted}>none</Text> : cleanText(detail.description)}
			</Field>
			<Field label="Memory" theme={theme}>{`${detail.memoryMb} MB`}</Field>
			<Field label="Ephemeral" theme={theme}>{`${detail.ephemeralStorageMb} MB of /tmp`}</Field>
			<Field label="Timeout" theme={theme}>{formatTimeout(detail.timeoutSeconds)}</Field>
			<Field label="Handler" theme={theme}>{detail.handler}</Field>
			<Field label="Runtime" theme={theme}>
				{detail.runtime}
				{note ? <Text color={theme.warning}>{`  ${note}`}</Text> : null}
			</Field>
			<Field label="Architecture" theme={theme}>{detail.architectures.join(', ')}</Field>
			<Field label="Last update" theme={theme}>
				<Text color={detail.lastUpdateStatus === 'Failed' ? theme.danger : detail.lastUpdateStatus === 'InProgress' ? theme.warning : undefined}>
					{detail.lastUpdateStatus}
				</Text>
				{detail.lastUpdateStatusReason ? ` (${detail.lastUpdateStatusReason})` : ''}
			</Field>
			<Text> </Text>
			<Text color={theme.muted}>{save.busy ? 'Saving…' : 'e edits these settings'}</Text>
			{form.isOpen ? (
				<Form
					title={`Edit general configuration: ${detail.name}`}
					fields={fields}
					{...form.frame}
					onSubmit={(values) => {
						const change = parseGeneralForm(values, detail);
						if (change.changes === 0) {
							form.close();
							return;
						}
						form.closeAfter(save.save(change.label, change.change));
					}}
				/>
			) : null}
		</Box>
	);
}
