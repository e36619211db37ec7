// Function URL: the function's own HTTP(S) endpoint ($LATEST's), with its auth
// type, invoke mode, CORS settings and when it was made and changed, or "No
// function URL" and how to make one. `e` opens one form that creates the URL
// when there is none and edits it when there is; every value is checked with
// the pure checks of domain/function-url.ts before anything is sent, and a
// refused value keeps the form as typed. `d` deletes the URL, after asking.
// Function URL operations take no RevisionId: changes go through save.run
// (read-only refused, progress, AWS's errors through describeAwsError).
import {Box, Text} from 'ink';
import React from 'react';
import {createUrlConfig, deleteUrlConfig, getUrlConfig, updateUrlConfig, type UrlConfig} from '../../../aws/function-url.js';
import {addPermission, getPolicy} from '../../../aws/permissions.js';
import type {Clients} from '../../../aws/clients.js';
import {breakLines, formatDateTime, parseLambdaTimestamp} from '../../../domain/format.js';
import {
	checkFunctionUrlAuthType,
	checkFunctionUrlCors,
	checkFunctionUrlInvokeMode,
	corsHeaderMaxLength,
	corsHeadersMax,
	corsMaxAgeMax,
	corsMaxAgeMin,
	corsMethods,
	corsMethodsMax,
	corsOriginMaxLength,
	corsOriginsMax,
	functionUrlAuthTypes,
	functionUrlInvokeModes,
	type FunctionUrlAuthType,
	type FunctionUrlCors,
	type FunctionUrlInvokeMode,
} from '../../../domain/function-url.js';
import {cleanText} from '../../../domain/sanitize.js';
import {ConfirmDialog, useConfirm} from '../../components/ConfirmDialog.js';
import {Field} from '../../components/Field.js';
import {Form, type FormField} from '../../components/Form.js';
import {useConsole, useNotify} from '../../context.js';
import {useResource} from '../../hooks/useResource.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {SectionProps} from './sections.js';
import {useSectionOverlay} from './useSectionOverlay.js';

type Overlay = {kind: 'form'} | {kind: 'delete'};

const labelWidth = 18;
const noYes = ['no', 'yes'] as const;

const authMeaning: Record<FunctionUrlAuthType, string> = {
	NONE: 'NONE: public, no signature needed',
	AWS_IAM: 'AWS_IAM: only SigV4-signed requests',
};
const modeMeaning: Record<FunctionUrlInvokeMode, string> = {
	BUFFERED: 'BUFFERED: the answer once it is whole',
	RESPONSE_STREAM: 'RESPONSE_STREAM: sent as it is written',
};

/** A comma-separated list as typed: each item trimmed, empty ones dropped. */
function splitList(text: string): string[] {
	return text
		.split(',')
		.map((item) => item.trim())
		.filter((item) => item !== '');
}

/** Max age as typed: undefined when empty, NaN when it is not a whole number. */
function parseMaxAge(text: string): number | undefined {
	const value = text.trim();
	if (value === '') return undefined;
	return /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

const maxAgeRange = `${corsMaxAgeMin} to ${corsMaxAgeMax} seconds`;

function maxAgeProblem(text: string): string | undefined {
	const maxAge = parseMaxAge(text);
	if (maxAge === undefined) return undefined;
	if (Number.isNaN(maxAge)) return `A whole number of seconds, ${maxAgeRange}; empty: not set`;
	return checkFunctionUrlCors({maxAge}).length === 0 ? undefined : `Max age is ${maxAgeRange} (24 hours)`;
}

function originsProblem(text: string): string | undefined {
	const allowOrigins = splitList(text);
	if (checkFunctionUrlCors({allowOrigins}).length === 0) return undefined;
	return `At most ${corsOriginsMax} origins, each 1 to ${corsOriginMaxLength} characters`;
}

function methodsProblem(text: string): string | undefined {
	const allowMethods = splitList(text);
	const problem = checkFunctionUrlCors({allowMethods})[0];
	if (problem === undefined) return undefined;
	if (allowMethods.length > corsMethodsMax) return `At most ${corsMethodsMax} methods, of ${corsMethods.join(', ')}`;
	const unknown = allowMethods.find((method) => !(corsMethods as readonly string[]).includes(method.toUpperCase()));
	return `${unknown ?? allowMethods.join(', ')}: not a method; use ${corsMethods.join(', ')}`;
}

function headersProblem(text: string): string | undefined {
	if (checkFunctionUrlCors({allowHeaders: splitList(text)}).length === 0) return undefined;
	return `At most ${corsHeadersMax} headers, each up to ${corsHeaderMaxLength} characters`;
}

/** The CORS settings the form holds; undefined when every field is empty and credentials are not allowed. */
function corsOf(values: Record<string, string>): FunctionUrlCors | undefined {
	const allowOrigins = splitList(values['origins'] ?? '');
	const allowMethods = splitList(values['methods'] ?? '').map((method) => method.toUpperCase());
	const allowHeaders = splitList(values['headers'] ?? '');
	const exposeHeaders = splitList(values['expose'] ?? '');
	const maxAge = parseMaxAge(values['maxAge'] ?? '');
	const allowCredentials = values['credentials'] === 'yes';
	if (allowOrigins.length + allowMethods.length + allowHeaders.length + exposeHeaders.length === 0 && maxAge === undefined && !allowCredentials) return undefined;
	const cors: FunctionUrlCors = {allowCredentials};
	if (allowOrigins.length > 0) cors.allowOrigins = allowOrigins;
	if (allowMethods.length > 0) cors.allowMethods = allowMethods;
	if (allowHeaders.length > 0) cors.allowHeaders = allowHeaders;
	if (exposeHeaders.length > 0) cors.exposeHeaders = exposeHeaders;
	if (maxAge !== undefined) cors.maxAge = maxAge;
	return cors;
}

/** CORS settings in one form for comparing: empty lists and false credentials are the same as none. */
function sameCors(a: FunctionUrlCors | undefined, b: FunctionUrlCors | undefined): boolean {
	const canonical = (cors: FunctionUrlCors | undefined): string =>
		JSON.stringify([
			cors?.allowOrigins ?? [],
			cors?.allowMethods ?? [],
			cors?.allowHeaders ?? [],
			cors?.exposeHeaders ?? [],
			cors?.maxAge ?? null,
			cors?.allowCredentials ?? false,
		]);
	return canonical(a) === canonical(b);
}

/** What the form holds, checked as Lambda checks it; the first problem in words, or the settings. */
function settingsOf(values: Record<string, string>): {problem: string} | {authType: FunctionUrlAuthType; invokeMode: FunctionUrlInvokeMode; cors: FunctionUrlCors | undefined} {
	const authType = values['auth'] ?? '';
	const invokeMode = values['mode'] ?? '';
	const cors = corsOf(values);
	const problem = [...checkFunctionUrlAuthType(authType, true), ...checkFunctionUrlInvokeMode(invokeMode), ...checkFunctionUrlCors(cors)][0];
	if (problem !== undefined) return {problem: problem.message};
	return {authType: authType === 'AWS_IAM' ? 'AWS_IAM' : 'NONE', invokeMode: invokeMode === 'RESPONSE_STREAM' ? 'RESPONSE_STREAM' : 'BUFFERED', cors};
}


const when = (value: string | undefined): string => formatDateTime(parseLambdaTimestamp(value));

export function FunctionUrlSection(props: SectionProps) {
	const {detail, save, theme, width, height, active} = props;
	const {clients} = useConsole();
	const notify = useNotify();
	const {overlay, open, closeAfter, frame} = useSectionOverlay<Overlay>(props);
	// Read again whenever the function is (after every change, and on r).
	const state = useResource((signal) => getUrlConfig(clients, detail.name, undefined, signal), [clients, detail], clients.endpoint);
	const config: UrlConfig | undefined = state.data;

	/** Whether the URL has been read; else a message saying why not yet. */
	const ready = (): boolean => {
		if (state.error !== undefined && config === undefined) {
			notify({tone: 'error', text: `Function URL of ${detail.name}: ${state.error}`});
			return false;
		}
		if (state.loading && config === undefined) {
			notify({tone: 'progress', text: `Still reading the function URL of ${detail.name}…`});
			return false;
		}
		return true;
	};

	useKeys(
		layers.section,
		(name) => {
			switch (bindingFor('configuration', name)?.id) {
				case 'edit':
					if (ready()) open({kind: 'form'});
					return true;
				case 'delete':
					if (!ready()) return true;
					if (config === undefined) notify({tone: 'info', text: `${detail.name} has no function URL: e creates one.`});
					else open({kind: 'delete'});
					return true;
				default:
					return false;
			}
		},
		active && overlay === undefined,
	);

	useConfirm(active && overlay?.kind === 'delete' ? overlay : undefined, {
		yes: () => closeAfter(save.run('deleting the function URL', () => deleteUrlConfig(clients, detail.name))),
		no: () => open(undefined),
		// While the delete is saved, keys wait: they must not reach the screen behind.
		busy: save.busy,
	});

	let layer: React.ReactNode = null;
	if (overlay?.kind === 'form') {
		const cors = config?.cors;
		const fields: FormField[] = [
			{id: 'auth', label: 'Auth type', value: config?.authType ?? 'AWS_IAM', choices: functionUrlAuthTypes, hint: 'NONE: public · AWS_IAM: signed requests only'},
			{id: 'mode', label: 'Invoke mode', value: config?.invokeMode ?? 'BUFFERED', choices: functionUrlInvokeModes, hint: 'BUFFERED: whole answer · RESPONSE_STREAM: streamed'},
			{id: 'origins', label: 'Allow origins', value: cors?.allowOrigins?.join(', ') ?? '', hint: 'comma-separated, e.g. https://example.com or *', validate: originsProblem},
			{id: 'methods', label: 'Allow methods', value: cors?.allowMethods?.join(', ') ?? '', hint: `comma-separated: ${corsMethods.join(', ')}`, validate: methodsProblem},
			{id: 'headers', label: 'Allow headers', value: cors?.allowHeaders?.join(', ') ?? '', hint: 'comma-separated, e.g. content-type', validate: headersProblem},
			{id: 'expose', label: 'Expose headers', value: cors?.exposeHeaders?.join(', ') ?? '', hint: 'comma-separated, e.g. x-request-id', validate: headersProblem},
			{id: 'maxAge', label: 'Max age (seconds)', value: cors?.maxAge === undefined ? '' : String(cors.maxAge), hint: `${maxAgeRange}; empty: not set`, validate: maxAgeProblem},
			{id: 'credentials', label: 'Allow credentials', value: cors?.allowCredentials ? 'yes' : 'no', choices: noYes, hint: 'yes: browsers may send cookies'},
		];
		layer = (
			<Form
				title={config === undefined ? `Create a function URL for ${detail.name}` : `Function URL of ${detail.name}`}
				fields={fields}
				{...frame}
				onSubmit={(values) => {
					const settings = settingsOf(values);
					if ('problem' in settings) {
						notify({tone: 'error', text: settings.problem});
						return;
					}
					if (config === undefined) {
						closeAfter(
							save.run(`a function URL (${settings.authType})`, async () => {
								await createUrlConfig(clients, detail.name, {
									authType: settings.authType,
									invokeMode: settings.invokeMode,
									...(settings.cors === undefined ? {} : {cors: settings.cors}),
								});
								// As the Lambda console does: a URL without auth needs a statement that lets anyone call it.
								if (settings.authType === 'NONE') await allowPublicUrl(clients, detail.name);
							}),
						);
						return;
					}
					if (settings.authType === config.authType && settings.invokeMode === config.invokeMode && sameCors(settings.cors, config.cors)) {
						open(undefined);
						notify({tone: 'info', text: `${detail.name}'s function URL is unchanged.`});
						return;
					}
					closeAfter(
						save.run(`the function URL (${settings.authType}, ${settings.invokeMode})`, async () => {
							// CORS as a whole: {} removes it.
							await updateUrlConfig(clients, detail.name, {authType: settings.authType, invokeMode: settings.invokeMode, cors: settings.cors ?? {}});
						}),
					);
				}}
			/>
		);
	} else if (overlay?.kind === 'delete') {
		layer = (
			<ConfirmDialog
				title="Delete the function URL"
				question={`Delete the function URL of ${detail.name}?`}
				details={['Its address stops working; a new URL gets another.']}
				theme={theme}
				width={width}
				height={height}
			/>
		);
	}

	const rows: React.ReactNode[] = [];
	if (config === undefined) {
		if (state.error !== undefined) {
			rows.push(
				<Text key="error" color={theme.danger} wrap="wrap">
					{`Could not read the function URL: ${state.error}`}
				</Text>,
			);
		} else if (state.loading) {
			rows.push(
				<Text key="loading" color={theme.muted}>
					Reading…
				</Text>,
			);
		} else {
			rows.push(
				<Text key="none">No function URL</Text>,
				<Text key="what" color={theme.muted} wrap="truncate">
					A URL of its own that invokes the function over HTTP.
				</Text>,
				<Text key="how" color={theme.muted} wrap="truncate">
					e creates one: auth type, invoke mode and CORS.
				</Text>,
			);
		}
	} else {
		const cors = config.cors;
		const list = (values: string[] | undefined): React.ReactNode =>
			values === undefined || values.length === 0 ? <Text color={theme.muted}>-</Text> : cleanText(values.join(', '));
		rows.push(
			// The URL is wider than the pane at 80 columns: it goes on as many lines as it needs, whole.
			...breakLines(cleanText(config.url), width, '.:').map((line) => (
				<Text key={`url-${line}`} color={theme.accent}>
					{line}
				</Text>
			)),
			<Field key="auth" label="Auth type" theme={theme} labelWidth={labelWidth}>
				{authMeaning[config.authType]}
			</Field>,
			<Field key="mode" label="Invoke mode" theme={theme} labelWidth={labelWidth}>
				{modeMeaning[config.invokeMode]}
			</Field>,
			<Field key="created" label="Created" theme={theme} labelWidth={labelWidth}>
				{when(config.creationTime)}
			</Field>,
			<Field key="modified" label="Last modified" theme={theme} labelWidth={labelWidth}>
				{config.lastModifiedTime === undefined ? <Text color={theme.muted}>-</Text> : when(config.lastModifiedTime)}
			</Field>,
			<Text key="cors-title" bold>
				CORS
			</Text>,
		);
		if (cors === undefined) {
			rows.push(
				<Text key="cors-none" color={theme.muted} wrap="truncate">
					Not configured: browsers on other origins are refused.
				</Text>,
			);
		} else {
			rows.push(
				<Field key="origins" label="Allow origins" theme={theme} labelWidth={labelWidth}>
					{list(cors.allowOrigins)}
				</Field>,
				<Field key="methods" label="Allow methods" theme={theme} labelWidth={labelWidth}>
					{list(cors.allowMethods)}
				</Field>,
				<Field key="headers" label="Allow headers" theme={theme} labelWidth={labelWidth}>
					{list(cors.allowHeaders)}
				</Field>,
				<Field key="expose" label="Expose headers" theme={theme} labelWidth={labelWidth}>
					{list(cors.exposeHeaders)}
				</Field>,
				<Field key="max-age" label="Max age" theme={theme} labelWidth={labelWidth}>
					{cors.maxAge === undefined ? <Text color={theme.muted}>-</Text> : `${cors.maxAge} s`}
				</Field>,
				<Field key="credentials" label="Allow credentials" theme={theme} labelWidth={labelWidth}>
					{cors.allowCredentials ? 'yes' : 'no'}
				</Field>,
			);
		}
	}

	const footer = config === undefined ? 'e creates a function URL' : 'e edits · d deletes the function URL';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>Function URL</Text>
			{rows}
			<Box flexGrow={1} />
			<Text color={theme.muted} wrap="truncate">
				{save.busy ? 'Saving…' : footer}
			</Text>
			{layer}
		</Box>
	);
}

/** The statement the Lambda console adds with a NONE function URL (once: an existing one is kept). */
const publicUrlStatementId = 'FunctionURLAllowPublicAccess';

async function allowPublicUrl(clients: Clients, name: string): Promise<void> {
	const policy = await getPolicy(clients, name);
	if (policy.statements.some((statement) => statement.sid === publicUrlStatementId)) return;
	await addPermission(clients, name, {statementId: publicUrlStatementId, action: 'lambda:InvokeFunctionUrl', principal: '*', functionUrlAuthType: 'NONE'});
}
