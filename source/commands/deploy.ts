// lambdash deploy TEMPLATE: runs a project's SAM template on the local Lambda
// in one command. The template is read (YAML or JSON, CloudFormation's short
// tags), planned (domain/sam-deploy-plan.ts) and carried out
// (aws/deploy-template.ts): functions, layers, URLs, event invoke configs,
// permissions and event source mappings are created or updated; what the
// local Lambda cannot make is listed as skipped, with the reason. Only the
// local Lambda is a target (in this process by default, or a running
// `lambdash mock` with --endpoint-url): for AWS, use `sam deploy`. Exit 1 when
// the template cannot be read or a call is refused, 2 for bad flags.
import {readFile} from 'node:fs/promises';
import {dirname, resolve} from 'node:path';
import {getAccountId} from '../aws/account.js';
import {createClients} from '../aws/clients.js';
import {executeDeployPlan} from '../aws/deploy-template.js';
import {describeAwsError, errorName} from '../aws/errors.js';
import {deployPlan, parseParameterOverrides, parseTemplate} from '../domain/sam-deploy-plan.js';
import type {Session} from '../session.js';
import type {ConnectionFlags, DeployOptions} from './args.js';

const loopback = /^https?:\/\/(127(?:\.\d{1,3}){3}|localhost|\[::1\])(:\d+)?(\/|$)/i;

/** Why the flags do not name a local Lambda; undefined when they do. */
export function deployTargetProblem(flags: ConnectionFlags): string | undefined {
	if (flags.endpointUrl !== undefined) {
		return loopback.test(flags.endpointUrl)
			? undefined
			: `lambdash deploy runs a template on the local Lambda only, and ${flags.endpointUrl} is not on this machine. To deploy to AWS, use sam deploy.`;
	}
	if (flags.profile !== undefined && !flags.local) {
		return 'lambdash deploy runs a template on the local Lambda only (in this process, or lambdash mock with --endpoint-url http://127.0.0.1:PORT), not on AWS. To deploy to AWS, use sam deploy.';
	}
	return undefined;
}

/** The flags deploy connects with: the local Lambda in this process unless a local endpoint is given. */
export function deployConnection(flags: ConnectionFlags): ConnectionFlags {
	return flags.endpointUrl === undefined ? {...flags, local: true} : flags;
}

export async function runDeployCommand(session: Session, options: DeployOptions): Promise<number> {
	const overrides = parseParameterOverrides(options.parameterOverrides);
	if ('problem' in overrides) {
		console.error(`lambdash: ${overrides.problem}`);
		return 2;
	}
	const path = resolve(options.templatePath);
	let template: Record<string, unknown>;
	try {
		template = parseTemplate(await readFile(path, 'utf8'));
	} catch (error) {
		console.error(`lambdash: cannot read the template ${path}: ${error instanceof Error ? error.message : String(error)}`);
		return 1;
	}
	const clients = createClients(session);
	try {
		const accountId = await getAccountId(clients);
		const plan = deployPlan(template, {region: session.region, accountId, parameters: overrides.parameters});
		if (plan.problems.length > 0) {
			console.error(`lambdash: the template cannot be deployed:\n${plan.problems.map((problem) => `  ${problem}`).join('\n')}`);
			return 1;
		}
		const where = session.target.kind === 'local' ? 'the local Lambda in this process' : `the local Lambda at ${session.target.endpoint ?? '?'}`;
		console.log(`Deploying ${path} to ${where}`);
		const result = await executeDeployPlan(clients, plan, {templateDirectory: dirname(path), onProgress: (line) => console.log(`  ${line}`)});
		for (const skipped of plan.skipped) console.log(`  skipped ${skipped.logicalId} (${skipped.type}): ${skipped.reason}`);
		console.log(result.changes === 0 ? 'Nothing to change: the local Lambda already has what the template describes.' : `Done: ${result.changes} change${result.changes === 1 ? '' : 's'}.`);
		return 0;
	} catch (error) {
		const message = errorName(error) === 'Error' || !(error instanceof Error) || error.name === 'Error' ? (error instanceof Error ? error.message : String(error)) : describeAwsError(error, clients.endpoint, 'command');
		console.error(`lambdash: deploy failed: ${message}`);
		return 1;
	} finally {
		clients.destroy();
	}
}
