// The Step Functions state machines whose definition calls a Lambda function:
// every state machine of the account and region (ListStateMachines, every
// page), each definition read (DescribeStateMachine, a few at a time) and
// searched for the states that call the function (domain/state-machine-definition).
// A refusal by IAM names the permission the search needs.
import {DescribeStateMachineCommand, ListStateMachinesCommand, type StateMachineListItem} from '@aws-sdk/client-sfn';
import {prettyDefinition, statesCalling, type FunctionCall} from '../domain/state-machine-definition.js';
import {cleanText} from '../domain/sanitize.js';
import type {Clients} from './clients.js';
import {errorName} from './errors.js';

export interface StateMachineCalling {
	name: string;
	arn: string;
	/** STANDARD or EXPRESS. */
	type: string;
	/** ACTIVE or DELETING, when Step Functions says. */
	status: string | undefined;
	creationDate: Date | undefined;
	/** The states that call the function, in the definition's order. */
	states: FunctionCall[];
	/** The definition, indented by two spaces. */
	definition: string;
}

/** DescribeStateMachine calls in flight at once. */
const describeConcurrency = 5;

const accessDeniedNames = new Set(['AccessDeniedException', 'AccessDenied']);

/** An IAM refusal, as a sentence that names the permission to ask for; other errors as they are. */
function withPermission(error: unknown, action: 'states:ListStateMachines' | 'states:DescribeStateMachine'): unknown {
	if (!accessDeniedNames.has(errorName(error))) return error;
	const message = error instanceof Error ? cleanText(error.message) : '';
	return new Error(
		`Not allowed to read the state machines (${action} was refused${message === '' ? '' : `: ${message}`}). Finding the ones that call the function needs states:ListStateMachines and states:DescribeStateMachine: ask for them on your role, or use a profile that has them.`,
	);
}

async function listAll(clients: Pick<Clients, 'sfn'>, signal: AbortSignal | undefined): Promise<StateMachineListItem[]> {
	const sfn = await clients.sfn();
	const items: StateMachineListItem[] = [];
	let nextToken: string | undefined;
	try {
		do {
			// eslint-disable-next-line no-await-in-loop
			const page = await sfn.send(new ListStateMachinesCommand({maxResults: 1000, nextToken}), {abortSignal: signal});
			items.push(...(page.stateMachines ?? []));
			nextToken = page.nextToken;
		} while (nextToken !== undefined && nextToken !== '' && !signal?.aborted);
	} catch (error) {
		throw withPermission(error, 'states:ListStateMachines');
	}
	return items;
}

/** Runs `work` on every item, at most `limit` at a time; results in the items' order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array<R>(items.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const index = next++;
			// eslint-disable-next-line no-await-in-loop
			results[index] = await work(items[index] as T);
		}
	};
	await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
	return results;
}

/** The state machines whose definition calls the function (by name), with the states that call it. */
export async function stateMachinesCalling(clients: Pick<Clients, 'sfn'>, fn: {name: string; arn: string}, signal?: AbortSignal): Promise<StateMachineCalling[]> {
	const [, , , region = '', account = ''] = fn.arn.split(':');
	const ref = {name: fn.name, arn: fn.arn, region, account};
	const items = await listAll(clients, signal);
	const sfn = await clients.sfn();
	const described = await mapLimited(items, describeConcurrency, async (item): Promise<StateMachineCalling | undefined> => {
		if (item.stateMachineArn === undefined || signal?.aborted) return undefined;
		let output;
		try {
			output = await sfn.send(new DescribeStateMachineCommand({stateMachineArn: item.stateMachineArn}), {abortSignal: signal});
		} catch (error) {
			// Deleted between the list and now: it calls nothing any more.
			if (errorName(error) === 'StateMachineDoesNotExist') return undefined;
			throw withPermission(error, 'states:DescribeStateMachine');
		}
		const definition = output.definition ?? '';
		const states = statesCalling(definition, ref);
		if (states.length === 0) return undefined;
		return {
			name: cleanText(output.name ?? item.name ?? ''),
			arn: cleanText(output.stateMachineArn ?? item.stateMachineArn),
			type: cleanText(output.type ?? item.type ?? ''),
			status: output.status,
			creationDate: output.creationDate ?? item.creationDate,
			states: states.map((state) => ({stateName: cleanText(state.stateName), path: cleanText(state.path), resource: cleanText(state.resource)})),
			definition: prettyDefinition(definition),
		};
	});
	return described.filter((entry): entry is StateMachineCalling => entry !== undefined).sort((left, right) => left.name.localeCompare(right.name));
}

/** The state machine's page in the Step Functions console. */
export function stateMachineConsoleUrl(region: string, arn: string): string {
	return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/statemachines/view/${arn}`;
}
