// The account's VPCs, subnets and security groups (EC2 DescribeVpcs,
// DescribeSubnets and DescribeSecurityGroups, every page), for the VPC
// section's pickers, mapped to plain values: IDs, names from the Name tag
// (a security group's own name), availability zones and CIDR blocks. The EC2
// SDK module is large, so it is loaded the first time one of these runs.
import type {Filter, Tag} from '@aws-sdk/client-ec2';
import {cleanText} from '../domain/sanitize.js';
import {loadSdk, type Clients} from './clients.js';

export interface VpcSummary {
	id: string;
	/** The Name tag; "" without one. */
	name: string;
	cidrBlock: string;
	ipv6CidrBlocks: string[];
	isDefault: boolean;
	state: string;
}

export interface SubnetSummary {
	id: string;
	/** The Name tag; "" without one. */
	name: string;
	vpcId: string;
	availabilityZone: string;
	cidrBlock: string;
	/** Associated IPv6 blocks: a subnet with one is dual-stack. */
	ipv6CidrBlocks: string[];
	availableIpAddressCount: number | undefined;
}

export interface SecurityGroupSummary {
	id: string;
	/** The group's name (GroupName), e.g. "default". */
	name: string;
	description: string;
	vpcId: string;
}

/** The most EC2 returns a page; it pages on with NextToken. */
const pageSize = 1000;

function nameTag(tags: readonly Tag[] | undefined): string {
	return cleanText(tags?.find((tag) => tag.Key === 'Name')?.Value ?? '');
}

const byVpc = (vpcId: string): Filter[] => [{Name: 'vpc-id', Values: [vpcId]}];

/** Every VPC of the account in the session's region, default first, then by name and ID. */
export async function listVpcs(clients: Clients, signal?: AbortSignal): Promise<VpcSummary[]> {
	const [client, {DescribeVpcsCommand}] = await Promise.all([clients.ec2(), loadSdk(import('@aws-sdk/client-ec2'))]);
	const vpcs: VpcSummary[] = [];
	let token: string | undefined;
	do {
		// eslint-disable-next-line no-await-in-loop
		const page = await client.send(new DescribeVpcsCommand({MaxResults: pageSize, NextToken: token}), {abortSignal: signal});
		for (const vpc of page.Vpcs ?? []) {
			vpcs.push({
				id: cleanText(vpc.VpcId ?? ''),
				name: nameTag(vpc.Tags),
				cidrBlock: cleanText(vpc.CidrBlock ?? ''),
				ipv6CidrBlocks: (vpc.Ipv6CidrBlockAssociationSet ?? [])
					.filter((association) => association.Ipv6CidrBlockState?.State === 'associated' && association.Ipv6CidrBlock !== undefined)
					.map((association) => cleanText(association.Ipv6CidrBlock ?? '')),
				isDefault: vpc.IsDefault ?? false,
				state: cleanText(vpc.State ?? ''),
			});
		}
		token = page.NextToken;
	} while (token !== undefined && token !== '' && !signal?.aborted);
	return vpcs.sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Every subnet of one VPC, by availability zone, then name and ID. */
export async function listSubnets(clients: Clients, vpcId: string, signal?: AbortSignal): Promise<SubnetSummary[]> {
	const [client, {DescribeSubnetsCommand}] = await Promise.all([clients.ec2(), loadSdk(import('@aws-sdk/client-ec2'))]);
	const subnets: SubnetSummary[] = [];
	let token: string | undefined;
	do {
		// eslint-disable-next-line no-await-in-loop
		const page = await client.send(new DescribeSubnetsCommand({Filters: byVpc(vpcId), MaxResults: pageSize, NextToken: token}), {
			abortSignal: signal,
		});
		for (const subnet of page.Subnets ?? []) {
			subnets.push({
				id: cleanText(subnet.SubnetId ?? ''),
				name: nameTag(subnet.Tags),
				vpcId: cleanText(subnet.VpcId ?? vpcId),
				availabilityZone: cleanText(subnet.AvailabilityZone ?? ''),
				cidrBlock: cleanText(subnet.CidrBlock ?? ''),
				ipv6CidrBlocks: (subnet.Ipv6CidrBlockAssociationSet ?? [])
					.filter((association) => association.Ipv6CidrBlockState?.State === 'associated' && association.Ipv6CidrBlock !== undefined)
					.map((association) => cleanText(association.Ipv6CidrBlock ?? '')),
				availableIpAddressCount: subnet.AvailableIpAddressCount,
			});
		}
		token = page.NextToken;
	} while (token !== undefined && token !== '' && !signal?.aborted);
	return subnets.sort(
		(a, b) => a.availabilityZone.localeCompare(b.availabilityZone) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
	);
}

/** Every security group of one VPC, "default" first, then by name and ID. */
export async function listSecurityGroups(clients: Clients, vpcId: string, signal?: AbortSignal): Promise<SecurityGroupSummary[]> {
	const [client, {DescribeSecurityGroupsCommand}] = await Promise.all([clients.ec2(), loadSdk(import('@aws-sdk/client-ec2'))]);
	const groups: SecurityGroupSummary[] = [];
	let token: string | undefined;
	do {
		// eslint-disable-next-line no-await-in-loop
		const page = await client.send(new DescribeSecurityGroupsCommand({Filters: byVpc(vpcId), MaxResults: pageSize, NextToken: token}), {
			abortSignal: signal,
		});
		for (const group of page.SecurityGroups ?? []) {
			groups.push({
				id: cleanText(group.GroupId ?? ''),
				name: cleanText(group.GroupName ?? ''),
				description: cleanText(group.Description ?? ''),
				vpcId: cleanText(group.VpcId ?? vpcId),
			});
		}
		token = page.NextToken;
	} while (token !== undefined && token !== '' && !signal?.aborted);
	return groups.sort((a, b) => Number(b.name === 'default') - Number(a.name === 'default') || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
