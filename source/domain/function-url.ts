// Function URLs, pure: the model's constraints on AuthType, InvokeMode,
// Qualifier and Cors (lists, lengths, MaxAge 0-86400), Lambda's own rule on
// Cors.AllowMethods (the HTTP methods a URL answers, or "*"), and the names of
// what is allowed, in Lambda's words. The local Lambda's API and the console's
// form both check with these, so the console refuses bad input before a call.

import {constraintProblem as constraint, parameterProblem as parameter, type Problem} from './validate.js';

export const functionUrlAuthTypes = ['NONE', 'AWS_IAM'] as const;
export type FunctionUrlAuthType = (typeof functionUrlAuthTypes)[number];

export const functionUrlInvokeModes = ['BUFFERED', 'RESPONSE_STREAM'] as const;
export type FunctionUrlInvokeMode = (typeof functionUrlInvokeModes)[number];

/** The HTTP methods Cors.AllowMethods may name (as CloudFormation's AWS::Lambda::Url lists them), or "*". */
export const corsMethods = ['GET', 'PUT', 'HEAD', 'POST', 'PATCH', 'DELETE', '*'] as const;

/** FunctionUrlQualifier: an alias name, never a version number nor $LATEST. */
export const functionUrlQualifierPattern = '((?!^\\d+$)^[0-9a-zA-Z-_]+$)';
/** The pattern Lambda's message names when the qualifier is a version number (its Qualifier shape of other operations). */
export const functionUrlVersionQualifierPattern = '(^\\$LATEST$)|((?!^[0-9]+$)([a-zA-Z0-9-_]+))';
const functionUrlQualifierRegex = /^(?!\d+$)[0-9a-zA-Z_-]+$/;
export const functionUrlQualifierMaxLength = 128;

/** Cors.MaxAge, seconds. */
export const corsMaxAgeMin = 0;
export const corsMaxAgeMax = 86_400;
/** AllowOriginsList, AllowMethodsList, HeadersList: items at most. */
export const corsOriginsMax = 100;
export const corsMethodsMax = 6;
export const corsHeadersMax = 100;
/** Origin 1-253 characters, Method 0-6, Header 0-1024. */
export const corsOriginMaxLength = 253;
export const corsMethodMaxLength = 6;
export const corsHeaderMaxLength = 1024;

/** ListFunctionUrlConfigs returns at most 50 a page. */
export const listFunctionUrlConfigsPageMax = 50;

/** The Cors of a function URL as the API carries it (every member optional). */
export interface FunctionUrlCors {
	allowCredentials?: boolean;
	allowHeaders?: string[];
	allowMethods?: string[];
	allowOrigins?: string[];
	exposeHeaders?: string[];
	maxAge?: number;
}

function enumRule(values: readonly string[]): string {
	return `Member must satisfy enum value set: [${values.join(', ')}]`;
}

export function checkFunctionUrlAuthType(value: string | undefined, required: boolean): Problem[] {
	if (value === undefined) return required ? [constraint('authType', null, 'Member must not be null')] : [];
	return (functionUrlAuthTypes as readonly string[]).includes(value) ? [] : [constraint('authType', value, enumRule(functionUrlAuthTypes))];
}

export function checkFunctionUrlInvokeMode(value: string | undefined): Problem[] {
	if (value === undefined) return [];
	return (functionUrlInvokeModes as readonly string[]).includes(value) ? [] : [constraint('invokeMode', value, enumRule(functionUrlInvokeModes))];
}

/** The Qualifier of a function URL operation: an alias. $LATEST and version numbers are refused as Lambda refuses them. */
export function checkFunctionUrlQualifier(value: string): Problem[] {
	if (/^[0-9]+$/.test(value)) {
		return [constraint('qualifier', value, `Member must satisfy regular expression pattern: ${functionUrlVersionQualifierPattern}`)];
	}
	if (value.length > functionUrlQualifierMaxLength) {
		return [constraint('qualifier', value, `Member must have length less than or equal to ${functionUrlQualifierMaxLength}`)];
	}
	if (!functionUrlQualifierRegex.test(value)) {
		return [constraint('qualifier', value, `Member must satisfy regular expression pattern: ${functionUrlQualifierPattern}`)];
	}
	return [];
}

function listProblems(member: string, values: readonly string[] | undefined, maxItems: number, minLength: number, maxLength: number): Problem[] {
	if (values === undefined) return [];
	const problems: Problem[] = [];
	if (values.length > maxItems) problems.push(constraint(member, `[${values.join(', ')}]`, `Member must have length less than or equal to ${maxItems}`));
	for (const value of values) {
		if (value.length < minLength) {
			problems.push(constraint(`${member}.member`, value, `Member must have length greater than or equal to ${minLength}`));
		} else if (value.length > maxLength) {
			problems.push(constraint(`${member}.member`, value, `Member must have length less than or equal to ${maxLength}`));
		}
	}
	return problems;
}

/**
 * The model's constraints on Cors (all at once, ValidationException), then
 * Lambda's rule that AllowMethods names HTTP methods a URL answers, or "*".
 */
export function checkFunctionUrlCors(cors: FunctionUrlCors | undefined): Problem[] {
	if (cors === undefined) return [];
	const problems: Problem[] = [
		...listProblems('cors.allowOrigins', cors.allowOrigins, corsOriginsMax, 1, corsOriginMaxLength),
		...listProblems('cors.allowMethods', cors.allowMethods, corsMethodsMax, 0, corsMethodMaxLength),
		...listProblems('cors.allowHeaders', cors.allowHeaders, corsHeadersMax, 0, corsHeaderMaxLength),
		...listProblems('cors.exposeHeaders', cors.exposeHeaders, corsHeadersMax, 0, corsHeaderMaxLength),
	];
	if (cors.maxAge !== undefined) {
		if (cors.maxAge < corsMaxAgeMin) problems.push(constraint('cors.maxAge', cors.maxAge, `Member must have value greater than or equal to ${corsMaxAgeMin}`));
		if (cors.maxAge > corsMaxAgeMax) problems.push(constraint('cors.maxAge', cors.maxAge, `Member must have value less than or equal to ${corsMaxAgeMax}`));
	}
	if (problems.length > 0) return problems;
	const unknown = (cors.allowMethods ?? []).find((method) => !(corsMethods as readonly string[]).includes(method.toUpperCase()));
	if (unknown !== undefined) {
		problems.push(parameter('cors.allowMethods', `The method ${unknown} is not supported in Cors.AllowMethods. Use any of: ${corsMethods.join(', ')}.`));
	}
	return problems;
}

/** Whether an allowed origin or method list lets this value through ("*" lets everything). */
export function corsAllows(list: readonly string[] | undefined, value: string, caseInsensitive = false): boolean {
	if (list === undefined) return false;
	return list.some((entry) => entry === '*' || (caseInsensitive ? entry.toLowerCase() === value.toLowerCase() : entry === value));
}

/** A function URL's host: <url-id>.lambda-url.<region>.<domain>; the url id is 32 lower-case letters and digits. */
export function functionUrlHost(urlId: string, region: string, domain: string): string {
	return `${urlId}.lambda-url.${region}.${domain}`;
}

/** The url id and region a Host header names, if it is a function URL's host. */
export function parseFunctionUrlHost(host: string): {urlId: string; region: string} | undefined {
	const name = host.replace(/:\d+$/, '').toLowerCase();
	const match = /^([a-z0-9]{32})\.lambda-url\.([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)\./.exec(name);
	if (match === null) return undefined;
	return {urlId: match[1] ?? '', region: match[2] ?? ''};
}
