// Concurrency, as the Lambda console's Concurrency panel shows it: the
// function's reserved concurrency (or none: it draws on the account's
// unreserved pool), the account's limit and unreserved count, and the floor of
// 100 unreserved executions Lambda keeps; and the provisioned concurrency of
// its versions and aliases (requested, allocated, available, status), watched
// until Lambda has allocated it. e edits the reservation ("use unreserved"
// removes it; 0 throttles, as T does, remembering what it replaced); a adds
// provisioned concurrency, e changes it and d deletes it (after asking).
// Every number is checked first with the limits Lambda (and the local Lambda)
// enforces, and the message names the range.
import {Box, Text} from 'ink';
import React, {useEffect, useRef} from 'react';
import {getAccountConcurrency} from '../../../aws/account.js';
import {setReservedConcurrency} from '../../../aws/concurrency.js';
import {describeAwsError, errorName} from '../../../aws/errors.js';
import {
	deleteProvisionedConcurrency,
	listProvisionableQualifiers,
	listProvisionedConcurrency,
	putProvisionedConcurrency,
	type ProvisionableQualifier,
	type ProvisionedConcurrencyConfig,
} from '../../../aws/provisioned-concurrency.js';
import {provisionedProblem, provisionedRangeFor, reservedConcurrencyProblem, wholeNumber} from '../../../domain/concurrency-form.js';
import {fit} from '../../../domain/format.js';
import {accountConcurrentExecutions, unreservedConcurrencyMin} from '../../../domain/limits.js';
import type {ProvisionedBudget} from '../../../domain/provisioned-concurrency.js';
import {decodeRestore, describeRestore, throttleRestoreTag} from '../../../domain/throttle.js';
import {maxReservedConcurrency} from '../../../domain/validate.js';
import {ConfirmDialog, useConfirm} from '../../components/ConfirmDialog.js';
import {Field} from '../../components/Field.js';
import {Form, type FormField} from '../../components/Form.js';
import {useConsole, useNotify} from '../../context.js';
import {useResource} from '../../hooks/useResource.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {SectionProps} from './sections.js';
import {useItemList} from './useItemList.js';
import {useSectionOverlay} from './useSectionOverlay.js';

type Overlay =
	| {kind: 'reserve'}
	/** `choices`: what has no provisioned concurrency yet, of `all` that may have it. */
	| {kind: 'add'; choices: readonly ProvisionableQualifier[]; all: readonly ProvisionableQualifier[]}
	| {kind: 'edit'; config: ProvisionedConcurrencyConfig}
	| {kind: 'delete'; config: ProvisionedConcurrencyConfig};

const useUnreserved = 'Use unreserved concurrency';
const reserve = 'Reserve concurrency';
/** How often a configuration Lambda is still allocating is read again. */
const allocationPollMs = 1000;
const columns = {qualifier: 14, number: 10};

function choiceLabel(choice: ProvisionableQualifier): string {
	return choice.kind === 'version' ? `version ${choice.qualifier}` : `alias ${choice.qualifier} → version ${choice.version}`;
}

/** Lambda's refusal of an alias and its version both provisioned, with what to do about it. */
function explainConflict(error: unknown): unknown {
	if (errorName(error) !== 'ResourceConflictException' || !(error instanceof Error) || !error.message.includes('Provisioned')) return error;
	return new Error('Lambda refuses an alias and its version both provisioned: delete one first (d).');
}

export function ConcurrencySection(props: SectionProps) {
	const {detail, save, theme, width, height, active, inside, onLeave} = props;
	const {clients} = useConsole();
	const notify = useNotify();
	const name = detail.name;
	const account = useResource(() => getAccountConcurrency(clients), [clients], clients.endpoint);
	const configs = useResource((signal) => listProvisionedConcurrency(clients, name, signal), [clients, name], clients.endpoint);
	const list = configs.data ?? [];
	const items = useItemList(list, onLeave);
	const {cursor} = items;
	const {overlay, open, frame} = useSectionOverlay<Overlay>(props);

	// Whatever reloads the function (a save, r, a throttle) reads the account and the configurations again.
	const {reload: reloadAccount} = account;
	const {reload: reloadConfigs} = configs;
	const firstDetail = useRef(detail);
	useEffect(() => {
		if (firstDetail.current === detail) return;
		reloadAccount();
		reloadConfigs();
	}, [detail, reloadAccount, reloadConfigs]);

	// While Lambda allocates (IN_PROGRESS), read again; say when it is done.
	const inProgress = list.some((config) => config.status === 'IN_PROGRESS');
	useEffect(() => {
		if (!inProgress || configs.loading) return undefined;
		const timer = setTimeout(reloadConfigs, allocationPollMs);
		return () => clearTimeout(timer);
	}, [inProgress, configs.loading, configs.data, reloadConfigs]);
	const seen = useRef(new Map<string, string>());
	useEffect(() => {
		if (configs.data === undefined) return;
		for (const config of configs.data) {
			const before = seen.current.get(config.qualifier);
			if (before === 'IN_PROGRESS' && config.status === 'READY') {
				notify({tone: 'success', text: `${name}:${config.qualifier} is READY: ${config.available} environments initialised and warm.`});
			} else if (before === 'IN_PROGRESS' && config.status === 'FAILED') {
				notify({
					tone: 'error',
					text: `${name}:${config.qualifier} FAILED: ${config.statusReason || 'no reason given'}. Its logs say why; e retries.`,
				});
			}
		}
		seen.current = new Map(configs.data.map((config) => [config.qualifier, config.status]));
	}, [configs.data, name, notify]);

	const selected = inside ? items.selected : undefined;

	// The account's numbers, as GetAccountSettings gives them.
	const limit = account.data?.limit ?? accountConcurrentExecutions;
	const unreserved = account.data?.unreserved ?? limit;
	const reserved = detail.reservedConcurrency;
	const reservedTotal = Math.max(0, limit - unreserved);
	const reservedByOthers = Math.max(0, reservedTotal - (reserved ?? 0));
	const maxReserve = maxReservedConcurrency(reservedByOthers, limit);

	/** What this version or alias may ask for, from what the console can see (the other functions' provisioned concurrency is Lambda's to check). */
	const budgetFor = (qualifier: string): ProvisionedBudget => {
		const others = list.filter((config) => config.qualifier !== qualifier).reduce((sum, config) => sum + config.requested, 0);
		return {
			...(reserved === undefined ? {} : {reservedConcurrency: reserved}),
			otherProvisionedOfFunction: others,
			reservedTotal,
			otherUnreservedProvisioned: reserved === undefined ? others : 0,
			accountLimit: limit,
		};
	};
	const provisionedRange = (qualifier: string): {max: number; text: string} => provisionedRangeFor(budgetFor(qualifier));
	const checkProvisioned = (qualifier: string) => (text: string): string | undefined => provisionedProblem(text, budgetFor(qualifier));

	const startAdd = (): void => {
		notify({tone: 'progress', text: `Reading the versions and aliases of ${name}…`});
		listProvisionableQualifiers(clients, name).then(
			(all) => {
				const free = all.filter((choice) => !list.some((config) => config.qualifier === choice.qualifier));
				if (all.length === 0) {
					notify({
						tone: 'error',
						text: `${name} has no published version to provision: publish one first.`,
					});
				} else if (free.length === 0) {
					notify({tone: 'error', text: 'Every version and alias has provisioned concurrency: Enter, then e changes one.'});
				} else {
					notify(undefined);
					open({kind: 'add', choices: free, all});
				}
			},
			(error: unknown) => notify({tone: 'error', text: `${name}: ${describeAwsError(error, clients.endpoint)}`}),
		);
	};
	useKeys(
		layers.section,
		(key) => {
			const binding = bindingFor('configuration', key);
			if (binding?.id === 'add') {
				startAdd();
				return true;
			}
			if (binding?.id === 'edit' && (!inside || selected === undefined)) {
				open({kind: 'reserve'});
				return true;
			}
			if (!inside) return false;
			return items.key(binding, {edit: (config) => open({kind: 'edit', config}), delete: (config) => open({kind: 'delete', config})});
		},
		active && overlay === undefined,
	);

	useConfirm(active && overlay?.kind === 'delete' ? overlay.config.qualifier : undefined, {
		yes: (qualifier) => {
			void save
				.run(`removal of provisioned concurrency on ${qualifier}`, () => deleteProvisionedConcurrency(clients, name, qualifier))
				.then(() => open(undefined));
		},
		no: () => {
			open(undefined);
			notify({tone: 'info', text: 'Nothing changed.'});
		},
	});

	const provision = (qualifier: string, count: number): void => {
		void save
			.run(`provisioned concurrency ${count} on ${qualifier}`, async () => {
				try {
					await putProvisionedConcurrency(clients, name, qualifier, count);
				} catch (error) {
					throw explainConflict(error);
				}
			})
			.then((result) => {
				if (result !== 'saved') return;
				open(undefined);
				// Lambda allocates now: its READY (or FAILED) is told when the list shows it.
				seen.current.set(qualifier, 'IN_PROGRESS');
			});
	};

	let form: React.ReactNode = null;
	if (overlay?.kind === 'reserve') {
		const fields: FormField[] = [
			{
				id: 'mode',
				label: 'Concurrency',
				value: reserved === undefined ? useUnreserved : reserve,
				choices: [useUnreserved, reserve],
				hint: '←/→ choose',
			},
			{
				id: 'reserved',
				label: 'Reserved',
				value: reserved === undefined ? '' : String(reserved),
				hint: `0 to ${maxReserve} (0 throttles it)`,
				validate: (text, values) => (values['mode'] === reserve ? reservedConcurrencyProblem(text, reservedByOthers, limit) : undefined),
			},
		];
		form = (
			<Form
				title={`Edit concurrency: ${name}`}
				fields={fields}
				{...frame}
				onSubmit={(values) => {
					const value = values['mode'] === reserve ? wholeNumber(values['reserved'] ?? '') : undefined;
					if (value === reserved) {
						open(undefined);
						return;
					}
					const label = value === undefined ? 'unreserved concurrency' : value === 0 ? 'reserved concurrency 0 (throttled)' : `reserved concurrency ${value}`;
					void save
						.run(label, async () => {
							await setReservedConcurrency(clients, name, value);
						})
						.then((result) => {
							if (result === 'saved') open(undefined);
						});
				}}
			/>
		);
	} else if (overlay?.kind === 'add') {
		const byLabel = new Map(overlay.choices.map((choice) => [choiceLabel(choice), choice]));
		const first = overlay.choices[0];
		const fields: FormField[] = [
			{
				id: 'qualifier',
				label: 'Version or alias',
				value: first === undefined ? '' : choiceLabel(first),
				choices: [...byLabel.keys()],
				hint: '←/→ choose',
				validate: (text) => {
					const choice = byLabel.get(text);
					if (choice === undefined) return 'Choose a published version or an alias';
					if (choice.kind === 'alias' && list.some((config) => config.qualifier === choice.version)) {
						return `Version ${choice.version} has its own provisioned concurrency: delete it first`;
					}
					// An alias and the version it points to cannot both have it.
					const alias = overlay.all.find(
						(other) => other.kind === 'alias' && other.version === choice.qualifier && list.some((config) => config.qualifier === other.qualifier),
					);
					if (choice.kind === 'version' && alias !== undefined) {
						return `Alias ${alias.qualifier} (→ ${choice.qualifier}) has provisioned concurrency: delete it first`;
					}
					return undefined;
				},
			},
			{
				id: 'count',
				label: 'Provisioned',
				value: '',
				hint: provisionedRange('').max >= 1 ? `1 to ${provisionedRange('').max} environments` : provisionedRange('').text,
				validate: (text, values) => checkProvisioned(byLabel.get(values['qualifier'] ?? '')?.qualifier ?? '')(text),
			},
		];
		form = (
			<Form
				title={`Add provisioned concurrency: ${name}`}
				fields={fields}
				{...frame}
				onSubmit={(values) => {
					const choice = byLabel.get(values['qualifier'] ?? '');
					const count = wholeNumber(values['count'] ?? '');
					if (choice !== undefined && count !== undefined) provision(choice.qualifier, count);
				}}
			/>
		);
	} else if (overlay?.kind === 'edit') {
		const {qualifier} = overlay.config;
		const range = provisionedRange(qualifier);
		const fields: FormField[] = [
			{
				id: 'count',
				label: 'Provisioned',
				value: String(overlay.config.requested),
				hint: range.max >= 1 ? `1 to ${range.max} environments` : range.text,
				validate: checkProvisioned(qualifier),
			},
		];
		form = (
			<Form
				title={`Provisioned concurrency of ${name}:${qualifier}`}
				fields={fields}
				{...frame}
				onSubmit={(values) => {
					const count = wholeNumber(values['count'] ?? '');
					if (count === undefined) return;
					if (count === overlay.config.requested && overlay.config.status !== 'FAILED') {
						open(undefined);
						return;
					}
					provision(qualifier, count);
				}}
			/>
		);
	} else if (overlay?.kind === 'delete') {
		const {qualifier, allocated} = overlay.config;
		form = (
			<ConfirmDialog
				title="Delete provisioned concurrency"
				question={`Delete the provisioned concurrency of ${name}:${qualifier}?`}
				details={[`Its ${allocated} warm environments stop; invocations start cold again.`]}
				theme={theme}
				width={width}
				height={height}
			/>
		);
	}

	const restore = decodeRestore(detail.tags[throttleRestoreTag]);
	const reservedLine =
		reserved === undefined ? (
			<Text>
				{'unreserved: '}
				<Text color={theme.muted}>{"uses the account's pool"}</Text>
			</Text>
		) : reserved === 0 ? (
			<Text color={theme.danger}>
				<Text bold>0: THROTTLED</Text>, every invocation rejected
			</Text>
		) : (
			<Text>
				{String(reserved)}
				<Text color={theme.muted}>{`: at most ${reserved} run at once, always available`}</Text>
			</Text>
		);
	const accountLine = account.error ? (
		<Text color={theme.danger}>{`unknown: ${account.error}`}</Text>
	) : account.data === undefined ? (
		<Text color={theme.muted}>reading…</Text>
	) : (
		`limit ${limit} · unreserved ${unreserved}`
	);

	const rows: React.ReactNode[] = [];
	list.forEach((config, index) => {
		const current = inside && index === cursor;
		const statusColor = config.status === 'READY' ? theme.success : config.status === 'FAILED' ? theme.danger : theme.warning;
		rows.push(
			<Text key={config.qualifier} inverse={current} wrap="truncate">
				{fit(` ${config.qualifier}`, columns.qualifier)}
				{fit(String(config.requested).padStart(columns.number - 1), columns.number)}
				{fit(String(config.allocated).padStart(columns.number - 1), columns.number)}
				{fit(String(config.available).padStart(columns.number - 1), columns.number)}
				<Text color={current ? undefined : statusColor}>{config.status}</Text>
			</Text>,
		);
		if (config.statusReason !== '') {
			rows.push(
				<Text key={`${config.qualifier} reason`} color={theme.danger} wrap="truncate">
					{`   ${config.statusReason}`}
				</Text>,
			);
		}
	});
	const fixedRows = reserved === 0 ? 10 : 9;
	const listHeight = Math.max(1, height - fixedRows);
	const firstRow = Math.max(0, Math.min(cursor - Math.floor(listHeight / 2), rows.length - listHeight));
	const footer = inside ? 'e edit · a add · d delete · Esc back' : 'e reservation · Enter: provisioned · a add provisioned';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>Concurrency</Text>
			<Field label="Reserved" theme={theme}>
				{reservedLine}
			</Field>
			{reserved === 0 ? (
				<Field label="" theme={theme}>
					<Text color={theme.muted}>{`T unthrottles: back to ${describeRestore(restore)}`}</Text>
				</Field>
			) : null}
			<Field label="Account" theme={theme}>
				{accountLine}
			</Field>
			<Text color={theme.muted} wrap="truncate">{`Lambda keeps ${unreservedConcurrencyMin} unreserved: reserve at most ${maxReserve} here.`}</Text>
			<Text> </Text>
			<Text bold>{`Provisioned concurrency (${list.length})`}</Text>
			{configs.error ? (
				<Text color={theme.danger} wrap="truncate">{`Could not read it: ${configs.error}`}</Text>
			) : configs.data === undefined ? (
				<Text color={theme.muted}>Reading…</Text>
			) : list.length === 0 ? (
				<Text color={theme.muted}>None: invocations start cold. a adds some.</Text>
			) : (
				<>
					<Text color={theme.muted} wrap="truncate">
						{fit(' Qualifier', columns.qualifier)}
						{fit('Requested', columns.number)}
						{fit('Allocated', columns.number)}
						{fit('Available', columns.number)}
						Status
					</Text>
					{rows.slice(firstRow, firstRow + listHeight)}
				</>
			)}
			<Box flexGrow={1} />
			<Text color={theme.muted} wrap="truncate">
				{save.busy ? 'Saving…' : footer}
			</Text>
			{form}
		</Box>
	);
}
