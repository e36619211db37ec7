// A function's VPC settings (VpcConfig): Lambda's checks of a request, the
// stricter checks the console's form makes of each ID, and the VPC ID the
// local Lambda shows.
//
// Lambda checks a VpcConfig in two rounds. First its own: at most 16 subnets
// and 5 security groups, each ID of the form ^subnet-[0-9a-z]*$ or
// ^sg-[0-9a-zA-Z]*$ (reported as a ValidationException, as every model
// constraint), both lists given or both empty, Ipv6AllowedForDualStack only
// with them. Then it asks EC2 (DescribeSubnets, DescribeSecurityGroups): that
// each ID exists and all are in one VPC, which gives the VpcId it returns
// ("Error occurred while DescribeSecurityGroups. EC2 Error Code: ..."). The
// local Lambda has no EC2 to ask: it makes Lambda's own checks only and
// accepts every ID that passes them.

import {createHash} from 'node:crypto';
import {vpcIdMaxLength, vpcSecurityGroupIdsMax, vpcSubnetIdsMax} from './limits.js';
import {constraintProblem, parameterProblem, type Problem} from './validate.js';

export interface VpcSettings {
	subnetIds: readonly string[];
	securityGroupIds: readonly string[];
	ipv6AllowedForDualStack: boolean;
}

/** The patterns Lambda checks each ID against (from its error messages; the published model has none). */
export const subnetIdPattern = '^subnet-[0-9a-z]*$';
export const securityGroupIdPattern = '^sg-[0-9a-zA-Z]*$';
const subnetIdRegex = /^subnet-[0-9a-z]*$/;
const securityGroupIdRegex = /^sg-[0-9a-zA-Z]*$/;

function listProblems(member: string, ids: readonly string[], max: number, pattern: string, regex: RegExp): Problem[] {
	const shown = `[${ids.join(', ')}]`;
	const problems: Problem[] = [];
	if (ids.length > max) problems.push(constraintProblem(member, shown, `Member must have length less than or equal to ${max}`));
	if (ids.some((id) => id.length > vpcIdMaxLength || !regex.test(id))) {
		problems.push(
			constraintProblem(
				member,
				shown,
				`Member must satisfy constraint: [Member must have length less than or equal to ${vpcIdMaxLength}, Member must have length greater than or equal to 0, Member must satisfy regular expression pattern: ${pattern}]`,
			),
		);
	}
	return problems;
}

/** A request's VpcConfig, as Lambda checks it before it asks EC2. */
export function checkVpcConfig(vpc: VpcSettings): Problem[] {
	const problems = [
		...listProblems('vpcConfig.subnetIds', vpc.subnetIds, vpcSubnetIdsMax, subnetIdPattern, subnetIdRegex),
		...listProblems('vpcConfig.securityGroupIds', vpc.securityGroupIds, vpcSecurityGroupIdsMax, securityGroupIdPattern, securityGroupIdRegex),
	];
	if (problems.length > 0) return problems;
	if ((vpc.subnetIds.length === 0) !== (vpc.securityGroupIds.length === 0)) {
		return [parameterProblem('vpcConfig', 'SubnetIds and SecurityIds must coexist or be both empty list.')];
	}
	if (vpc.ipv6AllowedForDualStack && vpc.subnetIds.length === 0) {
		return [
			parameterProblem(
				'vpcConfig',
				'Ipv6AllowedForDualStack cannot be true without subnet or security groups. Please remove Ipv6AllowedForDualStack value from your request and try again.',
			),
		];
	}
	return [];
}

/**
 * The VpcId the local Lambda shows for these subnets. Lambda reads it from
 * EC2; the local Lambda has none, so it derives a stable ID from the subnets
 * (the same subnets, in any order, give the same VPC): "vpc-" and 17 hex
 * digits of the SHA-256 of the sorted subnet IDs. "" without subnets, as
 * Lambda shows for a function outside a VPC.
 */
export function localVpcIdFor(subnetIds: readonly string[]): string {
	if (subnetIds.length === 0) return '';
	const digest = createHash('sha256').update([...subnetIds].sort().join(',')).digest('hex');
	return `vpc-${digest.slice(0, 17)}`;
}

// ---- the console's form --------------------------------------------------
// EC2 IDs are the prefix and 8 (older resources) or 17 lowercase hex digits.

const ec2IdRegex = (prefix: string): RegExp => new RegExp(`^${prefix}-(?:[0-9a-f]{8}|[0-9a-f]{17})$`);
const subnetFormRegex = ec2IdRegex('subnet');
const securityGroupFormRegex = ec2IdRegex('sg');
const vpcFormRegex = ec2IdRegex('vpc');

function idProblem(kind: string, prefix: string, regex: RegExp, id: string): string | undefined {
	if (regex.test(id)) return undefined;
	return `'${id}' is not a ${kind} ID: write ${prefix}- and 8 or 17 lowercase hexadecimal digits, like ${prefix}-0123456789abcdef0.`;
}

/** A subnet ID as EC2 writes it (subnet-0123456789abcdef0); undefined when it is one. */
export function checkSubnetId(id: string): string | undefined {
	return idProblem('subnet', 'subnet', subnetFormRegex, id);
}

/** A security group ID as EC2 writes it (sg-0123456789abcdef0); undefined when it is one. */
export function checkSecurityGroupId(id: string): string | undefined {
	return idProblem('security group', 'sg', securityGroupFormRegex, id);
}

/** A VPC ID as EC2 writes it (vpc-0123456789abcdef0); undefined when it is one. */
export function checkVpcId(id: string): string | undefined {
	return idProblem('VPC', 'vpc', vpcFormRegex, id);
}

/** IDs typed into one field: separated by commas, spaces or new lines; blanks and repeats dropped. */
export function splitIdList(text: string): string[] {
	const ids: string[] = [];
	for (const id of text.split(/[\s,]+/)) if (id !== '' && !ids.includes(id)) ids.push(id);
	return ids;
}

/** The VPC settings a form holds: every problem, each naming what is allowed. Empty when they can be sent. */
export function checkVpcForm(vpc: VpcSettings): string[] {
	const problems: string[] = [];
	if (vpc.subnetIds.length > vpcSubnetIdsMax) {
		problems.push(`A function can use at most ${vpcSubnetIdsMax} subnets (${vpc.subnetIds.length} given).`);
	}
	if (vpc.securityGroupIds.length > vpcSecurityGroupIdsMax) {
		problems.push(`A function can use at most ${vpcSecurityGroupIdsMax} security groups (${vpc.securityGroupIds.length} given).`);
	}
	for (const id of vpc.subnetIds) {
		const problem = checkSubnetId(id);
		if (problem !== undefined) problems.push(problem);
	}
	for (const id of vpc.securityGroupIds) {
		const problem = checkSecurityGroupId(id);
		if (problem !== undefined) problems.push(problem);
	}
	if ((vpc.subnetIds.length === 0) !== (vpc.securityGroupIds.length === 0)) {
		problems.push('Give at least one subnet and one security group to connect the function to a VPC, or neither to disconnect it.');
	}
	if (vpc.ipv6AllowedForDualStack && vpc.subnetIds.length === 0) {
		problems.push('IPv6 for dual-stack subnets needs subnets and security groups: turn it off to disconnect the function from its VPC.');
	}
	return problems;
}
