// A SAM template read into what `lambdash deploy` does, pure: the short
// tags, Globals, Parameters with overrides, intrinsic functions and pseudo
// parameters resolved, layers and functions with their code sources, events
// as mappings or permissions, standalone Lambda resources attached, and what
// cannot be done locally listed as skipped with the reason.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {deployPlan, parseParameterOverrides, parseTemplate} from '../../source/domain/sam-deploy-plan.js';

const context = {region: 'eu-west-1', accountId: '111122223333'};

const template = `
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: dev
  Memory:
    Type: Number
    Default: 256
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Globals:
  Function:
    Runtime: python3.12
    Timeout: 15
    Environment:
      Variables:
        STAGE: !Ref Stage
Resources:
  Deps:
    Type: AWS::Serverless::LayerVersion
    Properties:
      LayerName: !Sub deps-\${Stage}
      ContentUri: layers/deps/
      CompatibleRuntimes: [python3.12]
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
  Bucket:
    Type: AWS::S3::Bucket
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Sub worker-\${Stage}
      CodeUri: src/
      Handler: app.handler
      MemorySize: !If [IsProd, 1024, !Ref Memory]
      Layers: [!Ref Deps]
      Environment:
        Variables:
          QUEUE_URL: !Ref Queue
          REGION: !Ref AWS::Region
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
            BatchSize: 5
        Uploads:
          Type: S3
          Properties:
            Bucket: !Ref Bucket
            Events: s3:ObjectCreated:*
        Api:
          Type: HttpApi
  Later:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Worker.Arn
      Action: lambda:InvokeFunction
      Principal: events.amazonaws.com
      SourceArn: !Join [':', [arn:aws:events, !Ref AWS::Region, !Ref AWS::AccountId, rule/nightly]]
  ProdOnly:
    Type: AWS::Serverless::Function
    Condition: IsProd
    Properties:
      CodeUri: prod.zip
      Handler: app.handler
`;

describe('deployPlan', () => {
	test('reads the short tags into their long forms', () => {
		const parsed = parseTemplate('A: !Ref X\nB: !GetAtt Q.Arn\nC: !Sub ["a-\${V}", {V: 1}]\nD: !Join\n  - ","\n  - [a, b]\n');
		assert.deepEqual(parsed, {A: {Ref: 'X'}, B: {'Fn::GetAtt': ['Q', 'Arn']}, C: {'Fn::Sub': ['a-${V}', {V: 1}]}, D: {'Fn::Join': [',', ['a', 'b']]}});
		assert.throws(() => parseTemplate('A: [unclosed'), /not valid YAML/);
	});

	test('plans layers, functions, mappings and permissions, and lists what it skips', () => {
		const plan = deployPlan(parseTemplate(template), context);
		assert.deepEqual(plan.problems, []);
		assert.deepEqual(plan.layers, [{logicalId: 'Deps', name: 'deps-dev', content: {kind: 'directory', path: 'layers/deps/'}, compatibleRuntimes: ['python3.12']}]);
		assert.equal(plan.functions.length, 1);
		const worker = plan.functions[0]!;
		assert.equal(worker.name, 'worker-dev');
		assert.deepEqual(worker.code, {kind: 'directory', path: 'src/'});
		assert.equal(worker.configuration.Runtime, 'python3.12');
		assert.equal(worker.configuration.Timeout, 15);
		assert.equal(worker.configuration.MemorySize, 256);
		assert.equal(worker.configuration.Role, 'arn:aws:iam::111122223333:role/WorkerRole');
		assert.deepEqual(worker.configuration.Environment, {STAGE: 'dev', QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/jobs', REGION: 'eu-west-1'});
		assert.deepEqual(worker.layers, [{layer: 'Deps'}]);
		assert.deepEqual(worker.mappings, [{Enabled: true, EventSourceArn: 'arn:aws:sqs:eu-west-1:111122223333:jobs', BatchSize: 5}]);
		assert.deepEqual(
			worker.permissions.map((each) => [each.statementId, each.principal, each.sourceArn]),
			[
				['WorkerUploadsPermission', 's3.amazonaws.com', 'arn:aws:s3:::bucket'],
				['Later', 'events.amazonaws.com', 'arn:aws:events:eu-west-1:111122223333:rule/nightly'],
			],
		);
		const skipped = Object.fromEntries(plan.skipped.map((each) => [each.logicalId, each.reason]));
		assert.match(skipped['Queue'] ?? '', /serves Lambda only, not SQS/);
		assert.match(skipped['Bucket'] ?? '', /not S3/);
		assert.match(skipped['Worker/Api'] ?? '', /no API Gateway/);
		assert.match(skipped['Worker/Uploads'] ?? '', /no S3 to send it notifications/);
		assert.match(skipped['ProdOnly'] ?? '', /condition IsProd is false/);
		assert.match(skipped['Worker'] ?? '', /does not check IAM/);
	});

	test('takes parameter overrides, and says what is missing or unknown', () => {
		const prod = deployPlan(parseTemplate(template), {...context, parameters: {Stage: 'prod'}});
		assert.deepEqual(prod.functions.map((each) => [each.name, each.configuration.MemorySize]), [
			['worker-prod', 1024],
			['ProdOnly', undefined],
		]);
		assert.deepEqual(prod.functions[1]?.code, {kind: 'zip', path: 'prod.zip'});
		const missing = deployPlan(parseTemplate('Parameters:\n  Name: {Type: String}\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {FunctionName: !Ref Name, CodeUri: .}\n'), {
			...context,
			parameters: {Other: 'x'},
		});
		assert.match(missing.problems.join('\n'), /The parameter Name has no default: give it with --parameter-overrides Name=VALUE/);
		assert.match(missing.problems.join('\n'), /names Other, which is not in the template's Parameters/);
		assert.deepEqual(deployPlan({}, context).problems, ['The template has no Resources.']);
	});

	test('refuses what cannot be worked out, naming it', () => {
		const plan = deployPlan(parseTemplate('Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s3://bucket/key.zip\n      Handler: a.b\n'), context);
		assert.match(plan.problems[0] ?? '', /code in S3 cannot be read locally/);
		const imported = deployPlan(parseTemplate('Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: .\n      Role: !ImportValue shared-role\n'), context);
		assert.match(imported.problems[0] ?? '', /Fn::ImportValue cannot be worked out locally/);
	});

	test('reads --parameter-overrides words', () => {
		assert.deepEqual(parseParameterOverrides(['Stage=prod', 'ParameterKey=Memory,ParameterValue=512']), {parameters: {Stage: 'prod', Memory: '512'}});
		assert.deepEqual(parseParameterOverrides(['=x']), {problem: '--parameter-overrides takes KEY=VALUE (letters and digits before the =), got "=x"'});
	});
});
