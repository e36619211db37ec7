// Monitoring and operations tools, as in the Lambda console's panel of that
// name: the log format (Text or JSON), the application and system log levels
// (which exist only with JSON), the log group, and X-Ray active tracing. One
// form edits them all; what changed goes in one UpdateFunctionConfiguration
// with the RevisionId (LoggingConfig, TracingConfig), checked first with the
// local Lambda's own validators.
import {Box, Text} from 'ink';
import React, {useState} from 'react';
import type {ConfigurationChange, FunctionDetail} from '../../../domain/function-model.js';
import {applicationLogLevels, logFormats, logGroupNameMaxLength, systemLogLevels, tracingModes} from '../../../domain/limits.js';
import {cleanText} from '../../../domain/sanitize.js';
import {checkLoggingConfig, checkTracingMode} from '../../../domain/validate.js';
import {Field} from '../../components/Field.js';
import {Form, type FormField} from '../../components/Form.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {SectionProps} from './sections.js';

/** The choice of a log level field that means "none" (the Text format has no levels). */
const noLevel = '-';

/** The levels as a list a message can name: "DEBUG, INFO or WARN". */
function either(values: readonly string[]): string {
	return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1] ?? ''}`;
}

/** A log level chosen in the form, given the format chosen with it: a message naming what is allowed, or undefined. */
export function logLevelProblem(level: string, format: string, which: 'application' | 'system'): string | undefined {
	const allowed = which === 'application' ? applicationLogLevels : systemLogLevels;
	if (level === noLevel) return format === 'JSON' ? `With JSON, choose ${either(allowed)}` : undefined;
	const problems = checkLoggingConfig(
		which === 'application' ? {LogFormat: format, ApplicationLogLevel: level} : {LogFormat: format, SystemLogLevel: level},
	);
	if (problems.length === 0) return undefined;
	if (problems.some((problem) => problem.code === 'InvalidParameterValueException')) {
		return `Log levels need the JSON format: set JSON, or ${noLevel} (none) with Text`;
	}
	return `Choose ${either(allowed)}`;
}

/** A log group name typed in the form: a message naming what is allowed, or undefined. */
export function logGroupProblem(text: string): string | undefined {
	if (checkLoggingConfig({LogGroup: text.trim()}).length === 0) return undefined;
	return `1-${logGroupNameMaxLength} characters: letters, digits and . - _ / #`;
}

export interface MonitoringChange {
	change: ConfigurationChange;
	/** What changed, for messages: "log format JSON, tracing Active". */
	label: string;
}

/** The change the form's (checked) values make: only what differs from the function's settings. */
export function parseMonitoringForm(values: Record<string, string>, detail: FunctionDetail): MonitoringChange {
	const change: ConfigurationChange = {};
	const labels: string[] = [];
	const current = detail.logging;
	const format = values['format'] ?? current.format;
	const json = format === 'JSON';
	const application = json ? (values['application'] ?? noLevel) : '';
	const system = json ? (values['system'] ?? noLevel) : '';
	const group = (values['group'] ?? current.logGroup).trim();
	const logging: NonNullable<ConfigurationChange['logging']> = {format};
	if (format !== current.format) labels.push(`log format ${format}`);
	if (json && (application !== current.applicationLogLevel || format !== current.format)) {
		logging.applicationLogLevel = application;
		if (application !== current.applicationLogLevel) labels.push(`application log level ${application}`);
	}
	if (json && (system !== current.systemLogLevel || format !== current.format)) {
		logging.systemLogLevel = system;
		if (system !== current.systemLogLevel) labels.push(`system log level ${system}`);
	}
	if (group !== current.logGroup) {
		logging.logGroup = group;
		labels.push(`log group ${group}`);
	}
	if (labels.length > 0) change.logging = logging;
	const tracing = values['tracing'] ?? detail.tracingMode;
	if (tracing !== detail.tracingMode) {
		change.tracingMode = tracing;
		labels.push(`tracing ${tracing}`);
	}
	return {change, label: labels.join(', ')};
}

export function MonitoringSection({detail, save, theme, width, height, screenWidth, paneLeft, active, onOverlay}: SectionProps) {
	const [editing, setEditing] = useState(false);
	const open = (value: boolean): void => {
		setEditing(value);
		onOverlay(value);
	};

	useKeys(
		layers.section,
		(name) => {
			if (bindingFor('configuration', name)?.id !== 'edit') return false;
			open(true);
			return true;
		},
		active && !editing,
	);

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
			validate: (value) => (checkTracingMode(value).length > 0 ? 'Choose Active or PassThrough' : undefined),
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
			{editing ? (
				<Form
					title={`Edit monitoring and operations tools: ${detail.name}`}
					fields={fields}
					theme={theme}
					width={screenWidth}
					offsetLeft={-paneLeft}
					height={height}
					active={active && !save.busy}
					onCancel={() => open(false)}
					onSubmit={(values) => {
						const parsed = parseMonitoringForm(values, detail);
						if (parsed.label === '') {
							open(false);
							return;
						}
						void save.save(parsed.label, parsed.change).then((result) => {
							if (result !== 'failed') open(false);
						});
					}}
				/>
			) : null}
		</Box>
	);
}
