// How a LoggingConfig in a request changes a function's logging settings, as
// Lambda applies it. The members a request leaves out keep their value; log
// levels exist only with the JSON format: a function switched to JSON without
// levels gets INFO and INFO (what Lambda shows), and a function switched to
// Text loses its levels. (A request that gives levels for a Text function is
// refused before this: checkLoggingConfig in validate.ts.)

import {defaultApplicationLogLevel, defaultSystemLogLevel} from './limits.js';

export interface LoggingSettings {
	LogFormat: string;
	ApplicationLogLevel?: string;
	SystemLogLevel?: string;
	LogGroup: string;
}

export function mergeLoggingConfig(current: LoggingSettings, given: Partial<LoggingSettings>): LoggingSettings {
	const format = given.LogFormat ?? current.LogFormat;
	const group = given.LogGroup ?? current.LogGroup;
	if (format !== 'JSON') return {LogFormat: format, LogGroup: group};
	return {
		LogFormat: format,
		ApplicationLogLevel: given.ApplicationLogLevel ?? current.ApplicationLogLevel ?? defaultApplicationLogLevel,
		SystemLogLevel: given.SystemLogLevel ?? current.SystemLogLevel ?? defaultSystemLogLevel,
		LogGroup: group,
	};
}

/** The format a request leaves the function with: the request's, or the function's current one. */
export function effectiveLogFormat(current: LoggingSettings, given: Partial<LoggingSettings>): string {
	return given.LogFormat ?? current.LogFormat;
}
