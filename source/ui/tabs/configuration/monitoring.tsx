// Monitoring and operations tools, as in the Lambda console's panel of that
// name: the log format (Text or JSON), the application and system log levels
// (which exist only with JSON), the log group, and X-Ray active tracing. One
// form edits them all; what changed goes in one UpdateFunctionConfiguration
// with the RevisionId (LoggingConfig, TracingConfig), checked first with the
// local Lambda's own validators.
import {Box, Text} from 'ink';
import React from 'react';
import {applicationLogLevels, logFormats, systemLogLevels, tracingModes} from '../../../domain/limits.js';
import {logGroupProblem, logLevelProblem, noLevel, parseMonitoringForm, tracingProblem} from '../../../domain/monitoring-form.js';
import {cleanText} from '../../../domain/sanitize.js';
import {Field} from '../../components/Field.js';
import {Form, type FormField} from '../../components/Form.js';
import type {SectionProps} from './sections.js';
import {useSectionForm} from './useSectionOverlay.js';

export function MonitoringSection(props: SectionProps) {
	const {detail, save, theme, width, height} = props;
	const form = useSectionForm(props);

	const {logging} = detail;
	const json = logging.format === 'JSON';
	const level = (value: string): React.ReactNode =>
		json && value !== '' ? cleanText(value) : <Text color={theme.muted}>{`${noLevel} (only with the JSON format)`}</Text>;

	const fields: FormField[] = [
		{id: 'format', label: 'Log format', value: logging.format, choices: ['Text', 'JSON'].filter((format) => logFormats.includes(format)), hint: 'Text or JSON (←/→)'},
		{
			id: 'application',
			label: 'Application level',
			value: json && logging.applicationLogLevel !== '' ? logging.applicationLogLevel : noLevel,
			choices: [noLevel, ...applicationLogLevels],
			hint: `JSON only: ${applicationLogLevels.join(' ')}; ${noLevel} with Text`,
			validate: (value, values) => logLevelProblem(value, values['format'] ?? logging.format, 'application'),
		},
		{
			id: 'system',
			label: 'System level',
			value: json && logging.systemLogLevel !== '' ? logging.systemLogLevel : noLevel,
			choices: [noLevel, ...systemLogLevels],
			hint: `JSON only: ${systemLogLevels.join(' ')}; ${noLevel} with Text`,
			validate: (value, values) => logLevelProblem(value, values['format'] ?? logging.format, 'system'),
		},
		{
			id: 'group',
			label: 'Log group',
			value: logging.logGroup,
			hint: `default /aws/lambda/${detail.name}`,
			validate: logGroupProblem,
		},
		{
			id: 'tracing',
			label: 'X-Ray tracing',
			value: detail.tracingMode,
			choices: ['PassThrough', 'Active'].filter((mode) => tracingModes.includes(mode)),
			hint: 'Active traces requests; PassThrough is off',
			validate: tracingProblem,
		},
	];

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>Monitoring and operations tools</Text>
			<Text color={theme.muted}>Logging</Text>
			<Field label="Log format" theme={theme} labelWidth={19}>
				{logging.format}
			</Field>
			<Field label="Application level" theme={theme} labelWidth={19}>
				{level(logging.applicationLogLevel)}
			</Field>
			<Field label="System level" theme={theme} labelWidth={19}>
				{level(logging.systemLogLevel)}
			</Field>
			<Field label="Log group" theme={theme} labelWidth={19}>
				{cleanText(logging.logGroup)}
			</Field>
			<Text> </Text>
			<Text color={theme.muted}>X-Ray</Text>
			<Field label="Active tracing" theme={theme} labelWidth={19}>
				{detail.tracingMode === 'Active' ? 'on (Active)' : `off (${detail.tracingMode})`}
			</Field>
			<Text> </Text>
			<Text color={theme.muted}>{save.busy ? 'Saving…' : 'e edits these settings'}</Text>
			{form.isOpen ? (
				<Form
					title={`Edit monitoring and operations tools: ${detail.name}`}
					fields={fields}
					{...form.frame}
					onSubmit={(values) => {
						const parsed = parseMonitoringForm(values, detail);
						if (parsed.label === '') {
							form.close();
							return;
						}
						form.closeAfter(save.save(parsed.label, parsed.change));
					}}
				/>
			) : null}
		</Box>
	);
}
