// A tiny stand-in for EC2, for tests only: a node:http server on loopback
// that answers the three calls the VPC section makes (DescribeVpcs,
// DescribeSubnets, DescribeSecurityGroups) in the EC2 Query protocol, from a
// fixed list, with EC2's XML, its `vpc-id` filter, ID lists, MaxResults and
// NextToken pages, and EC2's error document (UnauthorizedOperation for the
// calls a test denies).
//
// Why it exists: the tests run offline and the local Lambda has no EC2 (it
// checks VPC IDs by format only), yet the console's AWS path picks a VPC,
// subnets and security groups from what EC2 lists. This endpoint lets that
// path run through the real @aws-sdk/client-ec2 (its serializer, its XML
// parser, its pagination) as it would against AWS. Every other request (Lambda,
// STS) is forwarded unchanged to `forward`, the local Lambda, so one session
// endpoint serves the whole console. It is not part of the product.

import {randomUUID} from 'node:crypto';
import {createServer, request as httpRequest, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Session} from '../../source/session.js';

export interface FakeVpc {
	id: string;
	cidrBlock: string;
	name?: string;
	isDefault?: boolean;
	ipv6CidrBlock?: string;
}

export interface FakeSubnet {
	id: string;
	vpcId: string;
	availabilityZone: string;
	cidrBlock: string;
	name?: string;
	ipv6CidrBlock?: string;
	availableIpAddressCount?: number;
}

export interface FakeSecurityGroup {
	id: string;
	vpcId: string;
	name: string;
	description: string;
}

export interface Ec2Fixture {
	vpcs: FakeVpc[];
	subnets: FakeSubnet[];
	securityGroups: FakeSecurityGroup[];
}

const app = 'vpc-0a1b2c3d4e5f60718';
const fallback = 'vpc-1111aaaa';

/**
 * A small account for tests: the VPC "app" (IPv6, three subnets in three
 * zones, two of them dual-stack, three security groups), the default VPC (one
 * subnet, one group, older 8-digit IDs) and "analytics" (empty).
 */
export const sampleNetwork: Ec2Fixture & {app: string; fallback: string} = {
	app,
	fallback,
	vpcs: [
		{id: app, cidrBlock: '10.20.0.0/16', name: 'app', ipv6CidrBlock: '2600:1f18:1234:5600::/56'},
		{id: fallback, cidrBlock: '172.31.0.0/16', isDefault: true},
		{id: 'vpc-0fedcba9876543210', cidrBlock: '10.99.0.0/16', name: 'analytics'},
	],
	subnets: [
		{id: 'subnet-0b00000000000000b', vpcId: app, availabilityZone: 'us-east-1b', cidrBlock: '10.20.2.0/24', name: 'private-b', ipv6CidrBlock: '2600:1f18:1234:5602::/64'},
		{id: 'subnet-0a00000000000000a', vpcId: app, availabilityZone: 'us-east-1a', cidrBlock: '10.20.1.0/24', name: 'private-a', ipv6CidrBlock: '2600:1f18:1234:5601::/64'},
		{id: 'subnet-0c00000000000000c', vpcId: app, availabilityZone: 'us-east-1c', cidrBlock: '10.20.3.0/24', name: 'public-c'},
		{id: 'subnet-1234abcd', vpcId: fallback, availabilityZone: 'us-east-1a', cidrBlock: '172.31.0.0/20'},
	],
	securityGroups: [
		{id: 'sg-0aaaaaaaaaaaaaaa1', vpcId: app, name: 'lambda-egress', description: 'Outbound only'},
		{id: 'sg-0aaaaaaaaaaaaaaa0', vpcId: app, name: 'default', description: 'default VPC security group'},
		{id: 'sg-0aaaaaaaaaaaaaaa2', vpcId: app, name: 'database-clients', description: 'May reach the database'},
		{id: 'sg-5678efab', vpcId: fallback, name: 'default', description: 'default VPC security group'},
	],
};

export interface TestEc2Options {
	/** Where every request that is not one of the three EC2 calls goes (the local Lambda's endpoint). */
	forward?: string;
	/** The most items a page holds, below what MaxResults asks for; default 1000. */
	pageSize?: number;
	/** Actions answered with UnauthorizedOperation (HTTP 403), as for a role without the permission. */
	deny?: string[];
}

export interface Ec2Call {
	action: string;
	params: URLSearchParams;
}

export interface TestEc2 {
	endpoint: string;
	/** The EC2 calls answered, in order. */
	calls: Ec2Call[];
	close(): Promise<void>;
}

const accountId = '123456789012';
const namespace = 'http://ec2.amazonaws.com/doc/2016-11-15/';

function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function element(name: string, value: string | number | boolean | undefined): string {
	return value === undefined ? '' : `<${name}>${escape(String(value))}</${name}>`;
}

function tagSet(name: string | undefined): string {
	return name === undefined ? '<tagSet/>' : `<tagSet><item><key>Name</key><value>${escape(name)}</value></item></tagSet>`;
}

function ipv6Set(block: string | undefined, id: string): string {
	if (block === undefined) return '<ipv6CidrBlockAssociationSet/>';
	return `<ipv6CidrBlockAssociationSet><item><associationId>${escape(id)}-cidr-assoc</associationId>${element('ipv6CidrBlock', block)}<ipv6CidrBlockState><state>associated</state></ipv6CidrBlockState></item></ipv6CidrBlockAssociationSet>`;
}

function vpcXml(vpc: FakeVpc): string {
	return `<item>${element('vpcId', vpc.id)}${element('ownerId', accountId)}<state>available</state>${element('cidrBlock', vpc.cidrBlock)}${ipv6Set(vpc.ipv6CidrBlock, vpc.id)}${tagSet(vpc.name)}${element('isDefault', vpc.isDefault ?? false)}</item>`;
}

function subnetXml(subnet: FakeSubnet): string {
	return `<item>${element('subnetId', subnet.id)}<state>available</state>${element('vpcId', subnet.vpcId)}${element('cidrBlock', subnet.cidrBlock)}${ipv6Set(subnet.ipv6CidrBlock, subnet.id)}${element('availableIpAddressCount', subnet.availableIpAddressCount ?? 251)}${element('availabilityZone', subnet.availabilityZone)}${tagSet(subnet.name)}</item>`;
}

function groupXml(group: FakeSecurityGroup): string {
	return `<item>${element('ownerId', accountId)}${element('groupId', group.id)}${element('groupName', group.name)}${element('groupDescription', group.description)}${element('vpcId', group.vpcId)}<ipPermissions/><ipPermissionsEgress/><tagSet/></item>`;
}

/** The values of a query list: Prefix.1, Prefix.2 … */
function listParameter(params: URLSearchParams, prefix: string): string[] {
	const values: string[] = [];
	for (let index = 1; params.has(`${prefix}.${index}`); index++) values.push(params.get(`${prefix}.${index}`) ?? '');
	return values;
}

/** Filter.N.Name and Filter.N.Value.M, as a map of name to values. */
function filters(params: URLSearchParams): Map<string, string[]> {
	const found = new Map<string, string[]>();
	for (let index = 1; params.has(`Filter.${index}.Name`); index++) {
		found.set(params.get(`Filter.${index}.Name`) ?? '', listParameter(params, `Filter.${index}.Value`));
	}
	return found;
}

class Ec2Error extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly status: number,
	) {
		super(message);
	}
}

function matching<T>(items: readonly T[], params: URLSearchParams, idList: string, idOf: (item: T) => string, vpcOf: (item: T) => string): T[] {
	const ids = listParameter(params, idList);
	const given = filters(params);
	for (const name of given.keys()) {
		if (name !== 'vpc-id') throw new Ec2Error('InvalidParameterValue', `The filter '${name}' is invalid`, 400);
	}
	const vpcIds = given.get('vpc-id');
	return items.filter((item) => (ids.length === 0 || ids.includes(idOf(item))) && (vpcIds === undefined || vpcIds.includes(vpcOf(item))));
}

function page<T>(items: readonly T[], params: URLSearchParams, pageSize: number): {items: T[]; nextToken: string | undefined} {
	const maxText = params.get('MaxResults');
	const max = maxText === null ? Number.POSITIVE_INFINITY : Number(maxText);
	if (!Number.isInteger(max) && max !== Number.POSITIVE_INFINITY) throw new Ec2Error('InvalidParameterValue', `Invalid value '${maxText}' for MaxResults`, 400);
	if (max < 5 || max > 1000) throw new Ec2Error('InvalidParameterValue', `Value ( ${maxText} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`, 400);
	const tokenText = params.get('NextToken');
	const start = tokenText === null ? 0 : Number(Buffer.from(tokenText, 'base64url').toString('utf8'));
	if (!Number.isInteger(start) || start < 0 || start > items.length) throw new Ec2Error('InvalidPaginationToken', `Invalid pagination token: ${tokenText}`, 400);
	const size = Math.min(max, pageSize);
	const end = Math.min(items.length, start + size);
	return {items: items.slice(start, end), nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined};
}

function answer(action: string, params: URLSearchParams, fixture: Ec2Fixture, pageSize: number): string {
	let set: string;
	let body: string;
	let next: string | undefined;
	switch (action) {
		case 'DescribeVpcs': {
			const found = page(matching(fixture.vpcs, params, 'VpcId', (vpc) => vpc.id, (vpc) => vpc.id), params, pageSize);
			[set, body, next] = ['vpcSet', found.items.map(vpcXml).join(''), found.nextToken];
			break;
		}
		case 'DescribeSubnets': {
			const found = page(matching(fixture.subnets, params, 'SubnetId', (subnet) => subnet.id, (subnet) => subnet.vpcId), params, pageSize);
			[set, body, next] = ['subnetSet', found.items.map(subnetXml).join(''), found.nextToken];
			break;
		}
		default: {
			const found = page(matching(fixture.securityGroups, params, 'GroupId', (group) => group.id, (group) => group.vpcId), params, pageSize);
			[set, body, next] = ['securityGroupInfo', found.items.map(groupXml).join(''), found.nextToken];
		}
	}
	return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}"><requestId>${randomUUID()}</requestId><${set}>${body}</${set}>${element('nextToken', next)}</${action}Response>`;
}

function errorXml(code: string, message: string): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escape(code)}</Code><Message>${escape(message)}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`;
}

const answered = new Set(['DescribeVpcs', 'DescribeSubnets', 'DescribeSecurityGroups']);

function forwardTo(target: string, incoming: IncomingMessage, body: Buffer, response: ServerResponse): void {
	const url = new URL(incoming.url ?? '/', target);
	const outgoing = httpRequest(url, {method: incoming.method, headers: incoming.headers}, (reply) => {
		response.writeHead(reply.statusCode ?? 502, reply.headers);
		reply.pipe(response);
	});
	outgoing.on('error', (error) => {
		response.writeHead(502, {'content-type': 'text/plain'});
		response.end(`The test EC2 endpoint could not reach ${target}: ${error.message}`);
	});
	outgoing.end(body);
}

export async function startTestEc2(fixture: Ec2Fixture, options: TestEc2Options = {}): Promise<TestEc2> {
	const calls: Ec2Call[] = [];
	const pageSize = options.pageSize ?? 1000;
	const denied = new Set(options.deny ?? []);
	const server = createServer((incoming, response) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const body = Buffer.concat(chunks);
			const form = (incoming.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
			const params = new URLSearchParams(form ? body.toString('utf8') : '');
			const action = params.get('Action') ?? '';
			if (incoming.method !== 'POST' || !answered.has(action)) {
				if (options.forward !== undefined) {
					forwardTo(options.forward, incoming, body, response);
					return;
				}
				response.writeHead(400, {'content-type': 'text/xml'});
				response.end(errorXml('InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`));
				return;
			}
			calls.push({action, params});
			try {
				if (denied.has(action)) {
					throw new Ec2Error(
						'UnauthorizedOperation',
						`You are not authorized to perform this operation. User: arn:aws:iam::${accountId}:user/tester is not authorized to perform: ec2:${action} because no identity-based policy allows the ec2:${action} action`,
						403,
					);
				}
				const xml = answer(action, params, fixture, pageSize);
				response.writeHead(200, {'content-type': 'text/xml;charset=UTF-8'});
				response.end(xml);
			} catch (error) {
				const failure = error instanceof Ec2Error ? error : new Ec2Error('InternalError', String(error), 500);
				response.writeHead(failure.status, {'content-type': 'text/xml;charset=UTF-8'});
				response.end(errorXml(failure.code, failure.message));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		endpoint: `http://127.0.0.1:${port}`,
		calls,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/**
 * A session of kind 'aws' whose every client talks to `endpoint` (the test EC2
 * endpoint, which forwards Lambda and STS to the local Lambda), as the
 * console does with --endpoint-url. Its credentials come from the SDK's
 * default chain: call useTestCredentials first.
 */
export function awsSessionThrough(endpoint: string, readOnly = false): Session {
	return {target: {kind: 'aws', profile: undefined, endpoint}, region: 'us-east-1', readOnly};
}

/** Static test credentials in the environment, for the SDK's default chain (no profile, no files, no network); returns what restores it. */
export function useTestCredentials(): () => void {
	const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'] as const;
	const saved = new Map(names.map((name) => [name, process.env[name]]));
	process.env['AWS_ACCESS_KEY_ID'] = 'test';
	process.env['AWS_SECRET_ACCESS_KEY'] = 'test';
	delete process.env['AWS_SESSION_TOKEN'];
	delete process.env['AWS_PROFILE'];
	return () => {
		for (const [name, value] of saved) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	};
}
