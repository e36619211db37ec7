// What a person types into the console's VPC form, checked before anything
// is sent: the subnet and security group IDs (comma-separated, within
// Lambda's counts, each of the form EC2 gives), in one line that fits the
// form's message row; and whether the IDs chosen are the ones the function
// already has. Lambda's own checks are in vpc-config.ts.

import {truncate} from './format.js';
import {vpcSecurityGroupIdsMax, vpcSubnetIdsMax} from './limits.js';
import {checkSecurityGroupId, checkSubnetId, splitIdList} from './vpc-config.js';

/** The most a form's message line holds (the form is at most 76 columns inside). */
const messageWidth = 74;

/** What is wrong with a field of IDs, in one line naming what is allowed; undefined when every ID can be sent. */
function idListProblem(text: string, kind: 'subnet' | 'security group', prefix: string, max: number, check: (id: string) => string | undefined): string | undefined {
	const ids = splitIdList(text);
	if (ids.length === 0) return `At least one ${kind}; d disconnects the function from its VPC`;
	if (ids.length > max) return `At most ${max} ${kind}s (${ids.length} given)`;
	const bad = ids.find((id) => check(id) !== undefined);
	if (bad === undefined) return undefined;
	const rule = `: not ${prefix}- and 8 or 17 lowercase hex digits`;
	return `${truncate(bad, messageWidth - rule.length)}${rule}`;
}

/** The subnets typed: 1 to 16 subnet- IDs. */
export const subnetsProblem = (text: string): string | undefined => idListProblem(text, 'subnet', 'subnet', vpcSubnetIdsMax, checkSubnetId);
/** The security groups typed: 1 to 5 sg- IDs. */
export const groupsProblem = (text: string): string | undefined => idListProblem(text, 'security group', 'sg', vpcSecurityGroupIdsMax, checkSecurityGroupId);

/** The same IDs, in any order. */
export const sameIds = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id) => b.includes(id));
