// The create-function screen (c in the function list): the console's three
// ways, one step at a time. First the way (Author from scratch, Use a
// blueprint, Container image); for a blueprint, which one; on AWS, the
// execution role, picked from the account's roles (IAM) or typed; then the
// way's form. Enter checks the form and creates the function, showing
// "Creating…" and "Waiting for … to be Active…", then the console opens it.
// Esc goes back a step, and from the first step leaves: nothing is created.
// A blueprint's test event is saved as a private test event of the new function.
import {Box, Text} from 'ink';
import React, {useEffect, useState} from 'react';
import {getAccountId} from '../../aws/account.js';
import {createFunction, FunctionFailedError, listLambdaRoles, type RoleChoice} from '../../aws/create-function.js';
import {describeAwsError, errorName} from '../../aws/errors.js';
import {openPrivateTestEvents} from '../../config/test-events.js';
import {blueprintById, blueprints, type Blueprint} from '../../domain/blueprints.js';
import {demoRoleArn, imageRequestOf, nameTakenMessage, type CreateWay, type NewFunctionRequest} from '../../domain/create-function-form.js';
import {fit} from '../../domain/format.js';
import {cleanText} from '../../domain/sanitize.js';
import {blueprintCode} from '../../demo/blueprint-code.js';
import {Dialog} from '../components/Dialog.js';
import {Form} from '../components/Form.js';
import {Picker, type PickerItem} from '../components/Picker.js';
import {useConsole, useNotify} from '../context.js';
import {privateScope} from '../hooks/useTestEvents.js';
import {blueprintFields, blueprintRequestOf, imageFields, scratchFields, scratchRequestOf} from './create-function/fields.js';

export interface CreateFunctionProps {
	width: number;
	height: number;
	active: boolean;
	/** The function was created: the console opens it. */
	onCreated(name: string): void;
	/** Esc before anything was created. */
	onCancel(): void;
}

type Step =
	| {kind: 'way'}
	| {kind: 'blueprint'}
	| {kind: 'role'; way: CreateWay; blueprint?: Blueprint | undefined}
	| {kind: 'form'; way: CreateWay; blueprint?: Blueprint | undefined; role: string};

const ways: ReadonlyArray<PickerItem & {id: CreateWay}> = [
	{id: 'scratch', text: 'Author from scratch: a hello world in the runtime you choose'},
	{id: 'blueprint', text: 'Use a blueprint: code and configuration for a common use'},
	{id: 'image', text: 'Container image: an image from Amazon ECR'},
];

const typeRole = '\u0000type';

type Roles = {state: 'loading'} | {state: 'ready'; roles: RoleChoice[]} | {state: 'failed'; message: string};

export function CreateFunctionScreen({width, height, active, onCreated, onCancel}: CreateFunctionProps) {
	const {clients, session, theme, configDir} = useConsole();
	const notify = useNotify();
	const local = session.target.kind === 'local';
	const [step, setStep] = useState<Step>({kind: 'way'});
	const [chosenWay, setChosenWay] = useState<CreateWay>('scratch');
	const [chosenBlueprint, setChosenBlueprint] = useState<string>(blueprints[0]?.id ?? '');
	const [account, setAccount] = useState<string | undefined>();
	/** What AWS refused in the form, by field (the name taken). */
	const [problems, setProblems] = useState<Readonly<Record<string, string>>>();
	const [roles, setRoles] = useState<Roles | undefined>();
	const [busy, setBusy] = useState(false);

	// Local mode: the role is typed, starting with the demo role of the local account.
	useEffect(() => {
		if (!local) return;
		let live = true;
		getAccountId(clients).then(
			(id) => live && setAccount(id),
			() => live && setAccount('123456789012'),
		);
		return () => {
			live = false;
		};
	}, [clients, local]);

	// AWS: the roles Lambda may assume, read once, when a way is chosen.
	const loadRoles = (): void => {
		if (roles !== undefined) return;
		setRoles({state: 'loading'});
		listLambdaRoles(clients).then(
			(found) => setRoles({state: 'ready', roles: found}),
			(error: unknown) => setRoles({state: 'failed', message: describeAwsError(error, clients.endpoint)}),
		);
	};

	const afterWay = (way: CreateWay, blueprint?: Blueprint): void => {
		if (local) setStep({kind: 'form', way, blueprint, role: ''});
		else {
			loadRoles();
			setStep({kind: 'role', way, blueprint});
		}
	};

	const create = (request: NewFunctionRequest, event?: {name: string; body: unknown}): void => {
		setBusy(true);
		const name = request.name;
		notify({tone: 'progress', text: `Creating ${name}…`});
		createFunction(clients, request, (progress) =>
			notify({tone: 'progress', text: progress === 'creating' ? `Creating ${name}…` : `Creating ${name}… Waiting for it to be Active…`}),
		)
			.then(async (created) => {
				let saved = '';
				if (event !== undefined) {
					try {
						const store = await openPrivateTestEvents(configDir);
						store.save(privateScope(session, created), {name: event.name, json: `${JSON.stringify(event.body, null, 2)}\n`});
						saved = ` Its test event "${event.name}" is in the Test tab.`;
					} catch (error) {
						saved = ` Its test event could not be saved (${cleanText((error as Error).message)}).`;
					}
				}
				notify({tone: 'success', text: `Created ${created.name}.${saved}`});
				onCreated(created.name);
			})
			.catch((error: unknown) => {
				setBusy(false);
				if (error instanceof FunctionFailedError) {
					notify({tone: 'error', text: error.message});
					onCreated(error.functionName);
					return;
				}
				const conflict = errorName(error) === 'ResourceConflictException' && /exist/i.test(error instanceof Error ? error.message : '');
				notify({tone: 'error', text: conflict ? nameTakenMessage(name) : describeAwsError(error, clients.endpoint)});
				// A name that is taken is the name field's problem: shown there, with the focus on it.
				if (conflict) setProblems({name: nameTakenMessage(name)});
			});
	};

	const submit = (current: Extract<Step, {kind: 'form'}>, values: Record<string, string>): void => {
		if (busy) return;
		if (current.way === 'image') {
			create(imageRequestOf(values));
			return;
		}
		if (current.way === 'blueprint' && current.blueprint !== undefined) {
			let code: ReturnType<typeof blueprintCode>;
			try {
				code = blueprintCode(current.blueprint);
			} catch (error) {
				notify({tone: 'error', text: cleanText((error as Error).message)});
				return;
			}
			create(blueprintRequestOf(current.blueprint, code.files, values), {name: current.blueprint.eventName, body: code.event});
			return;
		}
		create(scratchRequestOf(values));
	};

	const title = {scratch: 'Author from scratch', blueprint: 'Use a blueprint', image: 'Container image'};
	const heading =
		step.kind === 'way'
			? 'Create function: choose how to start'
			: step.kind === 'blueprint'
				? 'Create function: choose a blueprint'
				: step.kind === 'role'
					? 'Create function: choose the execution role'
					: `Create function: ${title[step.way]}${step.blueprint ? ` (${step.blueprint.title})` : ''}`;

	let overlay: React.ReactNode = null;
	if (step.kind === 'way') {
		overlay = (
			<Picker
				title="Create function"
				items={ways}
				multiple={false}
				chosen={[chosenWay]}
				hint={local ? 'The local Lambda keeps image functions but cannot run them' : 'The function is created in this account and region'}
				theme={theme}
				width={width}
				height={height}
				active={active}
				onAccept={([id]) => {
					const way = ways.find((item) => item.id === id)?.id;
					if (way === undefined) return 'Choose a way';
					setChosenWay(way);
					if (way === 'blueprint') setStep({kind: 'blueprint'});
					else afterWay(way);
					return undefined;
				}}
				onCancel={onCancel}
			/>
		);
	} else if (step.kind === 'blueprint') {
		overlay = (
			<Picker
				title="Blueprints"
				items={blueprints.map((blueprint) => ({id: blueprint.id, text: `${blueprint.title}: ${blueprint.description}`}))}
				multiple={false}
				chosen={[chosenBlueprint]}
				hint="Each comes with its code, configuration and a test event"
				theme={theme}
				width={width}
				height={height}
				active={active}
				onAccept={([id]) => {
					const blueprint = id === undefined ? undefined : blueprintById(id);
					if (blueprint === undefined) return 'Choose a blueprint';
					setChosenBlueprint(blueprint.id);
					afterWay('blueprint', blueprint);
					return undefined;
				}}
				onCancel={() => setStep({kind: 'way'})}
			/>
		);
	} else if (step.kind === 'role') {
		if (roles === undefined || roles.state === 'loading') {
			overlay = <Dialog title="Execution role" lines={[{text: 'Reading the account’s roles (IAM)…'}]} width={width} height={height} borderColor={theme.accent} />;
		} else {
			const items: PickerItem[] =
				roles.state === 'ready' ? [...roles.roles.map((role) => ({id: role.arn, text: `${role.name}  ${role.arn}`})), {id: typeRole, text: 'Type a role ARN…'}] : [{id: typeRole, text: 'Type a role ARN…'}];
			overlay = (
				<Picker
					title="Execution role"
					items={items}
					multiple={false}
					hint={roles.state === 'failed' ? `Roles not listed: ${roles.message}` : 'Roles Lambda may assume; or type an ARN'}
					theme={theme}
					width={width}
					height={height}
					active={active}
					onAccept={([id]) => {
						setStep({kind: 'form', way: step.way, blueprint: step.blueprint, role: id === undefined || id === typeRole ? '' : id});
						return undefined;
					}}
					onCancel={() => setStep(step.way === 'blueprint' ? {kind: 'blueprint'} : {kind: 'way'})}
				/>
			);
		}
	} else if (local && account === undefined) {
		overlay = <Dialog title="Execution role" lines={[{text: 'Reading the account…'}]} width={width} height={height} borderColor={theme.accent} />;
	} else {
		const role = local ? demoRoleArn(account ?? '') : step.role;
		const fields = step.way === 'image' ? imageFields(role) : step.way === 'blueprint' && step.blueprint !== undefined ? blueprintFields(step.blueprint, role) : scratchFields(role);
		const back = (): void => {
			if (local) setStep(step.way === 'blueprint' ? {kind: 'blueprint'} : {kind: 'way'});
			else setStep({kind: 'role', way: step.way, blueprint: step.blueprint});
		};
		overlay = (
			<Form
				key={`${step.way}:${step.blueprint?.id ?? ''}`}
				title={busy ? 'Creating…' : title[step.way]}
				fields={fields}
				theme={theme}
				width={width}
				height={height}
				active={active && !busy}
				onSubmit={(values) => submit(step, values)}
				problems={problems}
				onCancel={() => {
					notify(undefined);
					back();
				}}
			/>
		);
	}

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>{fit(heading, width)}</Text>
			<Text color={theme.muted}>{fit(step.kind === 'form' ? 'Enter creates the function · Esc goes back: nothing is created' : 'Esc goes back: nothing is created', width)}</Text>
			{overlay}
		</Box>
	);
}
