// What a person chooses in the console's Monitoring and operations tools
// form, checked before anything is sent: the log levels (which exist only
// with the JSON format), the log group, the tracing mode, and the change the form's values make
// to the function's LoggingConfig and TracingConfig (only what differs). The
// rules are the local Lambda's own validators (checkLoggingConfig), worded
// for the form.

import type {ConfigurationChange, FunctionDetail} from './function-model.js';
import {applicationLogLevels, logGroupNameMaxLength, systemLogLevels} from './limits.js';
import {checkLoggingConfig, checkTracingMode} from './validate.js';

/** The choice of a log level field that means "none" (the Text format has no levels). */
export const noLevel = '-';

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

/** A tracing mode chosen in the form: a message naming what is allowed, or undefined. */
export function tracingProblem(mode: string): string | undefined {
	return checkTracingMode(mode).length > 0 ? 'Choose Active or PassThrough' : undefined;
}

/** What of a function the form edits: its logging settings and tracing mode. */
export type MonitoringSettings = Pick<FunctionDetail, 'logging' | 'tracingMode'>;

export interface MonitoringChange {
	change: ConfigurationChange;
	/** What changed, for messages: "log format JSON, tracing Active". */
	label: string;
}

/** The change the form's (checked) values make: only what differs from the function's settings. */
export function parseMonitoringForm(values: Record<string, string>, detail: MonitoringSettings): MonitoringChange {
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
