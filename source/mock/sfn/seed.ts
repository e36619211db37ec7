// A new data directory starts with one demo state machine, order-pipeline,
// whose definition calls two of the demo functions the two ways Step
// Functions can: a Task whose Resource is the function's ARN (web-app-node),
// and the lambda:invoke integration naming the function in
// Parameters.FunctionName (file-processor-python, by its name) inside a
// Parallel branch.
// Created through the same code path as CreateStateMachine.

import {SfnError} from './errors.js';
import type {SfnService} from './service.js';

export const demoStateMachineName = 'order-pipeline';

export function demoStateMachineDefinition(region: string, accountId: string): string {
	const functionArn = (name: string): string => `arn:aws:lambda:${region}:${accountId}:function:${name}`;
	return JSON.stringify({
		Comment: 'An order: checked by the web app, then its receipt and its notice written side by side.',
		StartAt: 'Validate order',
		States: {
			'Validate order': {
				Type: 'Task',
				Resource: functionArn('web-app-node'),
				Retry: [{ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2}],
				Next: 'Fulfil',
			},
			Fulfil: {
				Type: 'Parallel',
				Branches: [
					{
						StartAt: 'Write receipt',
						States: {
							'Write receipt': {
								Type: 'Task',
								Resource: 'arn:aws:states:::lambda:invoke',
								Parameters: {FunctionName: 'file-processor-python', 'Payload.$': '$'},
								OutputPath: '$.Payload',
								End: true,
							},
						},
					},
					{
						StartAt: 'Notify customer',
						States: {'Notify customer': {Type: 'Pass', Result: {notified: true}, End: true}},
					},
				],
				Next: 'Done',
			},
			Done: {Type: 'Succeed'},
		},
	});
}

/** Creates the demo state machine; one of that name already there is kept. */
export async function seedDemoStateMachines(service: SfnService, region: string, accountId: string): Promise<void> {
	await service
		.create({
			name: demoStateMachineName,
			definition: demoStateMachineDefinition(region, accountId),
			roleArn: `arn:aws:iam::${accountId}:role/lambdash-demo-states-role`,
			type: 'STANDARD',
			tags: [{key: 'demo', value: 'lambdash'}],
		})
		.catch((error: unknown) => {
			if (error instanceof SfnError && error.code === 'StateMachineAlreadyExists') return '';
			throw error;
		});
}
