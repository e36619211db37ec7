// The local X-Ray's trace store: what is recorded is on disk once close()
// resolves, a damaged file is skipped, and traces older than X-Ray's 30 days
// are gone when it opens again.

import assert from 'node:assert/strict';
import {mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {ManualClock} from '../../source/mock/clock.js';
import {lambdaSegmentDocuments} from '../../source/mock/xray/lambda-segments.js';
import {XRayService} from '../../source/mock/xray/service.js';

const day = 24 * 60 * 60 * 1000;

async function summaryIds(service: XRayService, clock: ManualClock): Promise<string[]> {
	const reply = await service.handle('POST', '/TraceSummaries', Buffer.from(JSON.stringify({StartTime: 0, EndTime: clock.now() / 1000 + 60})));
	assert.equal(reply.status, 200);
	const body = JSON.parse(reply.body) as {TraceSummaries: Array<{Id: string}>};
	return body.TraceSummaries.map((summary) => summary.Id);
}

function invocationTrace(traceId: string, at: number): string[] {
	return lambdaSegmentDocuments({
		traceId,
		invocationId: '0123456789abcdef',
		functionName: 'orders',
		functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
		executedArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
		accountId: '123456789012',
		requestId: 'c0ffee00-0000-4000-8000-000000000000',
		service: {start: at, end: at + 20},
		status: 200,
		run: {invocation: {start: at + 2, end: at + 15}, overhead: {start: at + 15, end: at + 16}},
	});
}

describe('the X-Ray trace store', () => {
	let dataDir: string;
	const clock = new ManualClock(Date.UTC(2026, 0, 1));
	const oldId = `1-${Math.floor(clock.now() / 1000).toString(16)}-000000000000000000000001`;
	const newId = `1-${Math.floor((clock.now() + 29 * day) / 1000).toString(16)}-000000000000000000000002`;

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-xray-store-'));
	});
	after(async () => {
		await rm(dataDir, {recursive: true, force: true});
	});

	it('has what was recorded on disk once closed, and skips a damaged file', async () => {
		const service = await XRayService.open({dataDir, clock});
		service.putDocuments(invocationTrace(oldId, clock.now()));
		await clock.advance(29 * day);
		service.putDocuments(invocationTrace(newId, clock.now()));
		service.putDocuments(['{"not": "a segment"}']);
		await service.close();
		assert.deepEqual((await readdir(join(dataDir, 'xray', 'traces'))).sort(), [`${oldId}.json`, `${newId}.json`]);
		await writeFile(join(dataDir, 'xray', 'traces', '1-00000000-000000000000000000000000.json'), '{"format": 1, "id": ');
		const reopened = await XRayService.open({dataDir, clock});
		assert.deepEqual(await summaryIds(reopened, clock), [newId, oldId]);
		await reopened.close();
	});

	it('drops traces older than 30 days when it opens', async () => {
		await clock.advance(2 * day);
		const service = await XRayService.open({dataDir, clock});
		assert.deepEqual(await summaryIds(service, clock), [newId]);
		await service.close();
		assert.ok(!(await readdir(join(dataDir, 'xray', 'traces'))).includes(`${oldId}.json`));
	});

	it('answers an unknown path or method as an unknown operation', async () => {
		const service = await XRayService.open({dataDir, clock});
		const reply = await service.handle('GET', '/Traces', Buffer.alloc(0));
		assert.equal(reply.status, 404);
		assert.equal(reply.headers['x-amzn-ErrorType'], 'UnknownOperationException');
		const malformed = await service.handle('POST', '/Traces', Buffer.from('{"TraceIds": '));
		assert.equal(malformed.status, 400);
		assert.equal(malformed.headers['x-amzn-ErrorType'], 'InvalidRequestException');
		assert.match((JSON.parse(malformed.body) as {Message: string}).Message, /Could not parse the request body as JSON/);
		await service.close();
	});
});
