// stateMachinesCalling when IAM refuses: the real @aws-sdk/client-sfn against
// a small HTTP server on loopback that answers as Step Functions does for a
// role without the permission, and the sentence the console shows for it
// (naming the permissions to ask for).
import assert from 'node:assert/strict';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {after, before, describe, test} from 'node:test';
import {SFNClient} from '@aws-sdk/client-sfn';
import {describeAwsError} from '../../source/aws/errors.js';
import {stateMachinesCalling} from '../../source/aws/state-machines.js';

const fn = {name: 'pay', arn: 'arn:aws:lambda:us-east-1:123456789012:function:pay'};
const machineArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:checkout';

describe('stateMachinesCalling when IAM refuses', () => {
	/** The operation refused: ListStateMachines or DescribeStateMachine. */
	let refused = 'ListStateMachines';
	let server: Server;
	let sfn: SFNClient;

	before(async () => {
		server = createServer((request, response) => {
			request.resume();
			const operation = String(request.headers['x-amz-target'] ?? '').replace('AWSStepFunctions.', '');
			const reply = (status: number, body: unknown): void => {
				response.writeHead(status, {'Content-Type': 'application/x-amz-json-1.0'});
				response.end(JSON.stringify(body));
			};
			if (operation === refused) {
				reply(400, {
					__type: 'AccessDeniedException',
					message: `User: arn:aws:sts::123456789012:assumed-role/reader/me is not authorized to perform: states:${operation} because no identity-based policy allows the states:${operation} action`,
				});
			} else if (operation === 'ListStateMachines') {
				reply(200, {stateMachines: [{stateMachineArn: machineArn, name: 'checkout', type: 'STANDARD', creationDate: 1_700_000_000}]});
			} else {
				reply(400, {__type: 'UnknownOperationException', message: operation});
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const {port} = server.address() as AddressInfo;
		sfn = new SFNClient({endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: {accessKeyId: 'test', secretAccessKey: 'test'}, maxAttempts: 1});
	});
	after(async () => {
		sfn.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	const clients = {sfn: () => Promise.resolve(sfn)};

	test('says that states:ListStateMachines was refused, and which permissions the search needs', async () => {
		refused = 'ListStateMachines';
		await assert.rejects(stateMachinesCalling(clients, fn), (error: unknown) => {
			const text = describeAwsError(error);
			assert.match(text, /^Not allowed to read the state machines \(states:ListStateMachines was refused: User: .* is not authorized to perform: states:ListStateMachines/);
			assert.match(text, /needs states:ListStateMachines and states:DescribeStateMachine: ask for them on your role, or use a profile that has them\.$/);
			return true;
		});
	});

	test('says that states:DescribeStateMachine was refused', async () => {
		refused = 'DescribeStateMachine';
		await assert.rejects(stateMachinesCalling(clients, fn), (error: unknown) => {
			assert.match(describeAwsError(error), /^Not allowed to read the state machines \(states:DescribeStateMachine was refused: /);
			return true;
		});
	});
});
