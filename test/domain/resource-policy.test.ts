// The pure side of a function's resource-based policy: the statements
// AddPermission writes, Lambda's checks of a request, reading GetPolicy's
// document back, the one-line descriptions, and the console's form checks.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
	buildStatement,
	checkPermissionForm,
	checkPermissionQualifier,
	checkPermissionRequest,
	checkPrincipal,
	checkRemoveStatementId,
	describeStatement,
	parsePolicy,
	policyPrincipal,
	policySize,
	readStatement,
	serviceName,
} from '../../source/domain/resource-policy.js';
import {summarizeProblems} from '../../source/domain/validate.js';

const functionArn = 'arn:aws:lambda:us-east-1:123456789012:function:thumbnails';

describe('the statement AddPermission writes', () => {
	it('names a service principal as Service, with its conditions in StringEquals and ArnLike', () => {
		const statement = buildStatement(functionArn, {
			statementId: 's3-uploads',
			action: 'lambda:InvokeFunction',
			principal: 's3.amazonaws.com',
			sourceArn: 'arn:aws:s3:::uploads',
			sourceAccount: '123456789012',
		});
		assert.deepEqual(statement, {
			Sid: 's3-uploads',
			Effect: 'Allow',
			Principal: {Service: 's3.amazonaws.com'},
			Action: 'lambda:InvokeFunction',
			Resource: functionArn,
			Condition: {StringEquals: {'AWS:SourceAccount': '123456789012'}, ArnLike: {'AWS:SourceArn': 'arn:aws:s3:::uploads'}},
		});
		assert.deepEqual(Object.keys(statement), ['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition']);
	});

	it('turns an account ID into its root ARN, keeps IAM ARNs and "*", and has no Condition without one', () => {
		assert.deepEqual(policyPrincipal('111122223333'), {AWS: 'arn:aws:iam::111122223333:root'});
		assert.deepEqual(policyPrincipal('arn:aws:iam::111122223333:role/deployer'), {AWS: 'arn:aws:iam::111122223333:role/deployer'});
		assert.equal(policyPrincipal('*'), '*');
		assert.deepEqual(policyPrincipal('alexa-appkit.amazon.com'), {Service: 'alexa-appkit.amazon.com'});
		assert.equal(policyPrincipal('someone'), undefined);
		const plain = buildStatement(functionArn, {statementId: 'x', action: 'lambda:GetFunction', principal: '111122223333'});
		assert.equal(plain.Condition, undefined);
	});

	it('writes the function URL, organization, token and InvokedViaFunctionUrl conditions', () => {
		const statement = buildStatement(`${functionArn}:live`, {
			statementId: 'url',
			action: 'lambda:InvokeFunctionUrl',
			principal: '*',
			functionUrlAuthType: 'NONE',
			principalOrgId: 'o-a1b2c3d4e5',
			eventSourceToken: 'token-1',
			invokedViaFunctionUrl: true,
		});
		assert.equal(statement.Principal, '*');
		assert.equal(statement.Resource, `${functionArn}:live`);
		assert.deepEqual(statement.Condition, {
			StringEquals: {'lambda:FunctionUrlAuthType': 'NONE', 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'lambda:EventSourceToken': 'token-1'},
			Bool: {'lambda:InvokedViaFunctionUrl': 'true'},
		});
	});

	it('counts the size of the whole document', () => {
		const statement = buildStatement(functionArn, {statementId: 'a', action: 'lambda:InvokeFunction', principal: '*'});
		const expected = Buffer.byteLength(JSON.stringify({Version: '2012-10-17', Id: 'default', Statement: [statement]}));
		assert.equal(policySize([statement]), expected);
	});
});

describe("Lambda's checks of a permission request", () => {
	it('reports every model constraint at once, in Lambda\'s words', () => {
		const summary = summarizeProblems(
			checkPermissionRequest({statementId: 'has space', action: 'invoke', principal: 's3 .amazonaws.com', sourceAccount: '12', principalOrgId: 'org'}),
		);
		assert.equal(summary?.code, 'ValidationException');
		assert.match(summary?.message ?? '', /^6 validation errors detected: /);
		assert.match(summary?.message ?? '', /Value 'has space' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: \(\[a-zA-Z0-9-_\]\+\)/);
		assert.match(summary?.message ?? '', /Value 'invoke' at 'action' failed to satisfy constraint: Member must satisfy regular expression pattern: \(lambda:\[\*\]\|lambda:\[a-zA-Z\]\+\|\[\*\]\)/);
		assert.match(summary?.message ?? '', /Value '12' at 'sourceAccount' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d\{12\}/);
		assert.match(summary?.message ?? '', /Value 'org' at 'principalOrgID' failed to satisfy constraint: Member must have length greater than or equal to 12/);
	});

	it('requires the statement ID, action and principal', () => {
		const summary = summarizeProblems(checkPermissionRequest({}));
		assert.equal(
			summary?.message,
			"3 validation errors detected: Value null at 'statementId' failed to satisfy constraint: Member must not be null; Value null at 'action' failed to satisfy constraint: Member must not be null; Value null at 'principal' failed to satisfy constraint: Member must not be null",
		);
	});

	it('takes a well-formed request, and refuses a principal Lambda does not know after the model checks', () => {
		assert.deepEqual(checkPermissionRequest({statementId: 'ok-1_a', action: 'lambda:*', principal: 'events.amazonaws.com', sourceArn: 'arn:aws:events:us-east-1:123456789012:rule/nightly'}), []);
		assert.deepEqual(checkPrincipal('events.amazonaws.com'), []);
		const [problem] = checkPrincipal('not-a-principal');
		assert.equal(problem?.code, 'InvalidParameterValueException');
		assert.equal(problem?.message, 'The provided principal was invalid. Please check the principal and try again.');
	});

	it('lets RemovePermission name statements with dots, and checks qualifiers', () => {
		assert.deepEqual(checkRemoveStatementId('with.dot'), []);
		assert.equal(checkPermissionRequest({statementId: 'with.dot', action: '*', principal: '*'}).length, 1);
		assert.deepEqual(checkPermissionQualifier('live'), []);
		assert.match(checkPermissionQualifier('bad qualifier')[0]?.message ?? '', /at 'qualifier' failed to satisfy constraint/);
	});
});

describe('reading a policy and describing its statements', () => {
	const policy = JSON.stringify({
		Version: '2012-10-17',
		Id: 'default',
		Statement: [
			{
				Sid: 's3',
				Effect: 'Allow',
				Principal: {Service: 's3.amazonaws.com'},
				Action: 'lambda:InvokeFunction',
				Resource: functionArn,
				Condition: {StringEquals: {'AWS:SourceAccount': '123456789012'}, ArnLike: {'AWS:SourceArn': 'arn:aws:s3:::uploads'}},
			},
			{
				Sid: 'url',
				Effect: 'Allow',
				Principal: '*',
				Action: 'lambda:InvokeFunctionUrl',
				Resource: functionArn,
				Condition: {StringEquals: {'lambda:FunctionUrlAuthType': 'NONE'}},
			},
			{Sid: 'xaccount', Effect: 'Allow', Principal: {AWS: 'arn:aws:iam::111122223333:root'}, Action: 'lambda:InvokeFunction', Resource: functionArn},
		],
	});

	it('reads each statement into plain terms', () => {
		const [s3, url, account] = parsePolicy(policy);
		assert.deepEqual(s3, {
			sid: 's3',
			effect: 'Allow',
			principals: [{kind: 'service', service: 's3.amazonaws.com'}],
			actions: ['lambda:InvokeFunction'],
			resource: functionArn,
			sourceAccount: '123456789012',
			sourceArn: 'arn:aws:s3:::uploads',
			otherConditions: [],
		});
		assert.deepEqual(url?.principals, [{kind: 'anyone'}]);
		assert.equal(url?.functionUrlAuthType, 'NONE');
		assert.deepEqual(account?.principals, [{kind: 'account', accountId: '111122223333'}]);
	});

	it('describes who may do what, under which condition, in one line', () => {
		assert.deepEqual(parsePolicy(policy).map(describeStatement), [
			'Amazon S3 (s3.amazonaws.com) may invoke this function when the source is arn:aws:s3:::uploads and the source account is 123456789012',
			'Anyone (*) may invoke the function URL (auth type NONE)',
			'Account 111122223333 may invoke this function',
		]);
	});

	it('describes roles, organizations, wildcards, other actions, Deny and conditions it does not know', () => {
		const statement = readStatement({
			Sid: 'odd',
			Effect: 'Deny',
			Principal: {AWS: ['arn:aws:iam::111122223333:role/ci/deployer', '444455556666']},
			Action: ['lambda:GetFunction', 'lambda:UpdateFunctionCode'],
			Resource: functionArn,
			Condition: {
				ArnLike: {'AWS:SourceArn': 'arn:aws:execute-api:us-east-1:123456789012:abc123/*'},
				StringEquals: {'aws:PrincipalOrgID': 'o-a1b2c3d4e5'},
				IpAddress: {'aws:SourceIp': ['10.0.0.0/8']},
			},
		});
		assert.ok(statement !== undefined);
		assert.equal(
			describeStatement(statement),
			'The IAM role deployer of account 111122223333 and Account 444455556666 may not read this function (its configuration and code) and call lambda:UpdateFunctionCode on this function when the source matches arn:aws:execute-api:us-east-1:123456789012:abc123/*, the caller is in the organization o-a1b2c3d4e5 and the condition IpAddress aws:SourceIp 10.0.0.0/8 holds',
		);
	});

	it('names regional service principals, and falls back to the principal itself', () => {
		assert.equal(serviceName('logs.eu-west-1.amazonaws.com'), 'CloudWatch Logs');
		const statement = readStatement({Sid: 'x', Effect: 'Allow', Principal: {Service: 'example.amazonaws.com'}, Action: 'lambda:*', Resource: functionArn});
		assert.equal(statement === undefined ? '' : describeStatement(statement), 'The service example.amazonaws.com may call every Lambda action on this function');
	});

	it('refuses text that is not a policy', () => {
		assert.throws(() => parsePolicy('not json'), /The policy is not JSON/);
		assert.throws(() => parsePolicy('[1]'), /not a JSON object/);
		assert.deepEqual(parsePolicy('{"Version":"2012-10-17"}'), []);
	});
});

describe("the console's permission form", () => {
	it('says what is wrong with each field', () => {
		const problems = checkPermissionForm({statementId: '', action: 'invoke', principal: 'bucket', sourceArn: 'uploads', sourceAccount: '1234', principalOrgId: 'org-1'});
		assert.deepEqual(problems, [
			'Give the statement an ID: letters, digits, - and _.',
			"'invoke' is not a Lambda action: write lambda: and the API name (lambda:InvokeFunction), lambda:* or *.",
			"'bucket' is not a principal: give a 12-digit account ID, an IAM ARN, a service like s3.amazonaws.com, or *.",
			"'uploads' is not an ARN: write it as arn:aws:<service>:<region>:<account>:<resource>, like arn:aws:s3:::my-bucket.",
			"'1234' is not an account ID: write its 12 digits.",
			"'org-1' is not an organization ID: write o- and 10 to 32 lowercase letters or digits.",
		]);
	});

	it('asks for the auth type of a function URL permission, and takes a complete form', () => {
		assert.deepEqual(checkPermissionForm({statementId: 'url', action: 'lambda:InvokeFunctionUrl', principal: '*'}), [
			'A permission for the function URL needs its auth type: NONE or AWS_IAM, as the URL is configured.',
		]);
		assert.deepEqual(checkPermissionForm({statementId: 'url', action: 'lambda:InvokeFunctionUrl', principal: '*', functionUrlAuthType: 'NONE'}), []);
	});
});
