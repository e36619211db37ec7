// A function's URLs (FunctionUrlConfig): the URL of $LATEST or of an alias,
// its auth type, CORS and invoke mode, read and changed through
// Get/Create/Update/Delete/ListFunctionUrlConfigs. These operations take no
// RevisionId. A function without a URL is not an error here: getUrlConfig
// answers undefined. Values that come from outside are cleaned of terminal
// control sequences before they are handed on.
import {
	CreateFunctionUrlConfigCommand,
	DeleteFunctionUrlConfigCommand,
	GetFunctionUrlConfigCommand,
	ListFunctionUrlConfigsCommand,
	UpdateFunctionUrlConfigCommand,
	type Cors,
	type FunctionUrlConfig as SdkFunctionUrlConfig,
} from '@aws-sdk/client-lambda';
import type {FunctionUrlAuthType, FunctionUrlCors, FunctionUrlInvokeMode} from '../domain/function-url.js';
import {cleanText} from '../domain/sanitize.js';
import type {Clients} from './clients.js';
import {errorName} from './errors.js';

export interface UrlConfig {
	url: string;
	functionArn: string;
	/** The alias the URL invokes, from the function ARN; undefined: $LATEST. */
	qualifier: string | undefined;
	authType: FunctionUrlAuthType;
	invokeMode: FunctionUrlInvokeMode;
	/** undefined: no CORS configuration. */
	cors: FunctionUrlCors | undefined;
	creationTime: string;
	/** Create answers without it. */
	lastModifiedTime: string | undefined;
}

/** What a create or an update sets; a member left out is not changed (a create needs authType). */
export interface UrlSettings {
	authType?: FunctionUrlAuthType;
	invokeMode?: FunctionUrlInvokeMode;
	/** {} removes the CORS configuration on update. */
	cors?: FunctionUrlCors;
}

type SdkShape = Pick<SdkFunctionUrlConfig, 'FunctionUrl' | 'FunctionArn' | 'AuthType' | 'Cors' | 'CreationTime' | 'InvokeMode'> & {LastModifiedTime?: string | undefined};

const cleanList = (values: string[] | undefined): string[] | undefined => values?.map(cleanText);

function toCors(cors: Cors | undefined): FunctionUrlCors | undefined {
	if (cors === undefined) return undefined;
	const result: FunctionUrlCors = {};
	if (cors.AllowCredentials !== undefined) result.allowCredentials = cors.AllowCredentials;
	const allowHeaders = cleanList(cors.AllowHeaders);
	const allowMethods = cleanList(cors.AllowMethods);
	const allowOrigins = cleanList(cors.AllowOrigins);
	const exposeHeaders = cleanList(cors.ExposeHeaders);
	if (allowHeaders !== undefined) result.allowHeaders = allowHeaders;
	if (allowMethods !== undefined) result.allowMethods = allowMethods;
	if (allowOrigins !== undefined) result.allowOrigins = allowOrigins;
	if (exposeHeaders !== undefined) result.exposeHeaders = exposeHeaders;
	if (cors.MaxAge !== undefined) result.maxAge = cors.MaxAge;
	return result;
}

function fromCors(cors: FunctionUrlCors): Cors {
	const result: Cors = {};
	if (cors.allowCredentials !== undefined) result.AllowCredentials = cors.allowCredentials;
	if (cors.allowHeaders !== undefined) result.AllowHeaders = cors.allowHeaders;
	if (cors.allowMethods !== undefined) result.AllowMethods = cors.allowMethods;
	if (cors.allowOrigins !== undefined) result.AllowOrigins = cors.allowOrigins;
	if (cors.exposeHeaders !== undefined) result.ExposeHeaders = cors.exposeHeaders;
	if (cors.maxAge !== undefined) result.MaxAge = cors.maxAge;
	return result;
}

/** The alias a function ARN names (arn:aws:lambda:region:account:function:name:alias). */
function qualifierOf(arn: string): string | undefined {
	const parts = arn.split(':');
	return parts.length === 8 ? parts[7] : undefined;
}

function toUrlConfig(output: SdkShape): UrlConfig {
	const functionArn = cleanText(output.FunctionArn ?? '');
	return {
		url: cleanText(output.FunctionUrl ?? ''),
		functionArn,
		qualifier: qualifierOf(functionArn),
		authType: output.AuthType === 'AWS_IAM' ? 'AWS_IAM' : 'NONE',
		invokeMode: output.InvokeMode === 'RESPONSE_STREAM' ? 'RESPONSE_STREAM' : 'BUFFERED',
		cors: toCors(output.Cors),
		creationTime: cleanText(output.CreationTime ?? ''),
		lastModifiedTime: output.LastModifiedTime === undefined ? undefined : cleanText(output.LastModifiedTime),
	};
}

function target(name: string, qualifier: string | undefined): {FunctionName: string; Qualifier?: string} {
	return qualifier === undefined ? {FunctionName: name} : {FunctionName: name, Qualifier: qualifier};
}

/** The URL of the function ($LATEST when no qualifier) or of an alias; undefined when it has none. */
export async function getUrlConfig(clients: Clients, functionName: string, qualifier?: string, signal?: AbortSignal): Promise<UrlConfig | undefined> {
	try {
		const output = await clients.lambda.send(new GetFunctionUrlConfigCommand(target(functionName, qualifier)), {abortSignal: signal});
		return toUrlConfig(output);
	} catch (error) {
		// "The resource you requested does not exist.": no URL.
		if (errorName(error) === 'ResourceNotFoundException') return undefined;
		throw error;
	}
}

/** Creates the URL (AuthType is required; InvokeMode defaults to BUFFERED). */
export async function createUrlConfig(
	clients: Clients,
	functionName: string,
	settings: UrlSettings & {authType: FunctionUrlAuthType},
	qualifier?: string,
): Promise<UrlConfig> {
	const output = await clients.lambda.send(
		new CreateFunctionUrlConfigCommand({
			...target(functionName, qualifier),
			AuthType: settings.authType,
			...(settings.invokeMode === undefined ? {} : {InvokeMode: settings.invokeMode}),
			...(settings.cors === undefined ? {} : {Cors: fromCors(settings.cors)}),
		}),
	);
	return toUrlConfig(output);
}

/** Changes what is given (Cors as a whole: {} removes it). */
export async function updateUrlConfig(clients: Clients, functionName: string, settings: UrlSettings, qualifier?: string): Promise<UrlConfig> {
	const output = await clients.lambda.send(
		new UpdateFunctionUrlConfigCommand({
			...target(functionName, qualifier),
			...(settings.authType === undefined ? {} : {AuthType: settings.authType}),
			...(settings.invokeMode === undefined ? {} : {InvokeMode: settings.invokeMode}),
			...(settings.cors === undefined ? {} : {Cors: fromCors(settings.cors)}),
		}),
	);
	return toUrlConfig(output);
}

export async function deleteUrlConfig(clients: Clients, functionName: string, qualifier?: string): Promise<void> {
	await clients.lambda.send(new DeleteFunctionUrlConfigCommand(target(functionName, qualifier)));
}

/** Every URL of the function ($LATEST's and its aliases'), every page. */
export async function listUrlConfigs(clients: Clients, functionName: string, signal?: AbortSignal): Promise<UrlConfig[]> {
	const configs: UrlConfig[] = [];
	let marker: string | undefined;
	do {
		const output = await clients.lambda.send(
			new ListFunctionUrlConfigsCommand({FunctionName: functionName, ...(marker === undefined ? {} : {Marker: marker})}),
			{abortSignal: signal},
		);
		configs.push(...(output.FunctionUrlConfigs ?? []).map(toUrlConfig));
		marker = output.NextMarker;
	} while (marker !== undefined && marker !== '');
	return configs;
}
