// A new data directory starts with the demo functions: each is zipped and
// created through the same code path as the CreateFunction operation, and
// starts Active. A few of them get what the Overview draws around a function
// (triggers and destinations), through the same operations a client calls.

import {demoFunctions, type DemoFunction} from '../demo/index.js';
import {zipFiles} from '../domain/code-package.js';
import {LambdaError} from './lambda/errors.js';
import {putEventInvokeConfig} from './lambda/event-invoke-configs.js';
import {createEventSourceMapping} from './lambda/event-source-mappings.js';
import {addPermission} from './lambda/resource-policies.js';
import type {LambdaService} from './lambda/service.js';

export function demoCreateRequest(demo: DemoFunction, accountId: string): Record<string, unknown> {
	return {
		FunctionName: demo.name,
		Description: demo.description,
		Runtime: demo.runtime,
		Handler: demo.handler,
		MemorySize: demo.memorySize,
		Timeout: demo.timeout,
		Role: `arn:aws:iam::${accountId}:role/lambdash-demo-role`,
		Environment: {Variables: demo.environment},
		Tags: demo.tags,
		Code: {ZipFile: Buffer.from(zipFiles(demo.files)).toString('base64')},
		PackageType: 'Zip',
	};
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

/**
 * The demo's triggers and destinations: the file processor is called by S3
 * uploads and by a queue of files to process again, and sends its results on
 * to EventBridge (success) and a queue (failure); the stream processor reads a
 * Kinesis stream and sends the batches it gives up on to an SNS topic. The
 * sources and targets are ARNs only: nothing polls them or receives from them.
 */
async function seedDemoLinks(service: LambdaService, names: ReadonlySet<string>): Promise<void> {
	const {accountId, region} = service;
	if (names.has('file-processor-node')) {
		await addPermission(
			service,
			'file-processor-node',
			undefined,
			json({
				StatementId: 's3-lambdash-demo-uploads',
				Action: 'lambda:InvokeFunction',
				Principal: 's3.amazonaws.com',
				SourceArn: 'arn:aws:s3:::lambdash-demo-uploads',
				SourceAccount: accountId,
			}),
		);
		await createEventSourceMapping(
			service,
			json({FunctionName: 'file-processor-node', EventSourceArn: `arn:aws:sqs:${region}:${accountId}:file-retries`, BatchSize: 10}),
		);
		await putEventInvokeConfig(
			service,
			'file-processor-node',
			undefined,
			json({
				DestinationConfig: {
					OnSuccess: {Destination: `arn:aws:events:${region}:${accountId}:event-bus/default`},
					OnFailure: {Destination: `arn:aws:sqs:${region}:${accountId}:file-failures`},
				},
			}),
		);
	}
	if (names.has('stream-processor-node')) {
		await createEventSourceMapping(
			service,
			json({
				FunctionName: 'stream-processor-node',
				EventSourceArn: `arn:aws:kinesis:${region}:${accountId}:stream/lambdash-clicks`,
				StartingPosition: 'LATEST',
				BatchSize: 100,
				DestinationConfig: {OnFailure: {Destination: `arn:aws:sns:${region}:${accountId}:stream-alerts`}},
			}),
		);
	}
}

/** Creates every demo function that does not exist yet, and the demo's triggers and destinations with them; returns how many were created. */
export async function seedDemoFunctions(service: LambdaService): Promise<number> {
	const demos = demoFunctions();
	let created = 0;
	for (const demo of demos) {
		try {
			await service.createFunction(demoCreateRequest(demo, service.accountId), {initialState: 'Active'});
			created += 1;
		} catch (error) {
			if (error instanceof LambdaError && error.code === 'ResourceConflictException') continue;
			const message = error instanceof Error ? error.message : String(error);
			throw new Error(`could not seed the demo function ${demo.name}: ${message}`);
		}
	}
	if (created > 0) {
		await seedDemoLinks(service, new Set(demos.map((demo) => demo.name))).catch((error: unknown) => {
			throw new Error(`could not seed the demo's triggers and destinations: ${error instanceof Error ? error.message : String(error)}`);
		});
	}
	return created;
}
