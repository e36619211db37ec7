// VPC: the VPC, subnets and security groups the function's network interfaces
// are in, and whether it sends IPv6 traffic on dual-stack subnets. `e` edits:
// against AWS the VPC is picked from the account's VPCs, then its subnets and
// security groups from EC2's lists (with a form of IDs as the fallback when
// EC2 cannot be read); against the local Lambda, which has no EC2, the IDs
// are typed and checked by format. `d` detaches the function from its VPC,
// after asking. Changes go through UpdateFunctionConfiguration with the
// RevisionId that was read (save.save).
import {Box, Text} from 'ink';
import React, {useRef, useState} from 'react';
import {describeAwsError} from '../../../aws/errors.js';
import {listSecurityGroups, listSubnets, listVpcs, type SecurityGroupSummary, type SubnetSummary, type VpcSummary} from '../../../aws/vpc.js';
import {fit} from '../../../domain/format.js';
import {vpcSecurityGroupIdsMax, vpcSubnetIdsMax} from '../../../domain/limits.js';
import {cleanText} from '../../../domain/sanitize.js';
import {checkVpcForm, splitIdList, type VpcSettings} from '../../../domain/vpc-config.js';
import {groupsProblem, sameIds, subnetsProblem} from '../../../domain/vpc-form.js';
import {Dialog} from '../../components/Dialog.js';
import {Field} from '../../components/Field.js';
import {Form, type FormField} from '../../components/Form.js';
import {Picker, type PickerItem} from '../../components/Picker.js';
import {useConsole, useNotify} from '../../context.js';
import {useResource} from '../../hooks/useResource.js';
import {layers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import type {SectionProps} from './sections.js';

/** What EC2 listed for one VPC. */
interface VpcContents {
	vpc: VpcSummary;
	subnets: SubnetSummary[];
	groups: SecurityGroupSummary[];
}

type Overlay =
	| {kind: 'loading'; what: string}
	| {kind: 'pick-vpc'; vpcs: VpcSummary[]; at?: string}
	| {kind: 'pick-subnets'; vpcs: VpcSummary[]; contents: VpcContents; chosen: string[]}
	| {kind: 'pick-groups'; vpcs: VpcSummary[]; contents: VpcContents; subnets: string[]; chosen: string[]}
	| {kind: 'form'; subnets: string; groups: string; ipv6: boolean; contents?: VpcContents}
	| {kind: 'detach'}
	| undefined;

const labelWidth = 17;
const onOff = ['off', 'on'] as const;
function vpcText(vpc: VpcSummary): string {
	return `${fit(vpc.id, 22)}${fit(vpc.name || '-', 20)}${vpc.cidrBlock}${vpc.isDefault ? ' (default)' : ''}`;
}

function subnetText(subnet: SubnetSummary): string {
	const ipv6 = subnet.ipv6CidrBlocks.length > 0 ? ' IPv6' : '';
	return `${fit(subnet.id, 25)}${fit(subnet.availabilityZone, 12)}${fit(subnet.cidrBlock, 16)}${subnet.name}${ipv6}`;
}

function groupText(group: SecurityGroupSummary): string {
	return `${fit(group.id, 21)}${fit(group.name, 20)}${group.description}`;
}

export function VpcSection({detail, save, theme, width, height, screenWidth, paneLeft, active, onOverlay}: SectionProps) {
	const {clients, session} = useConsole();
	const notify = useNotify();
	const [overlay, setOverlayState] = useState<Overlay>();
	/** Each EC2 listing gets a number; a result for one that was cancelled or replaced is dropped. */
	const request = useRef(0);
	const open = (next: Overlay): void => {
		setOverlayState(next);
		onOverlay(next !== undefined);
	};
	const local = session.target.kind === 'local';
	const {vpc} = detail;
	const connected = vpc.subnetIds.length > 0;

	// Against AWS, the names, zones and blocks of what the function is in.
	const known = useResource(
		async (signal): Promise<(Omit<VpcContents, 'vpc'> & {vpc: VpcSummary | undefined}) | undefined> => {
			if (local || vpc.vpcId === '') return undefined;
			const [vpcs, subnets, groups] = await Promise.all([
				listVpcs(clients, signal),
				listSubnets(clients, vpc.vpcId, signal),
				listSecurityGroups(clients, vpc.vpcId, signal),
			]);
			return {vpc: vpcs.find((entry) => entry.id === vpc.vpcId), subnets, groups};
		},
		[clients, local, vpc.vpcId],
		clients.endpoint,
	);

	/** The form of IDs, as the function has them: the local Lambda's editor, and AWS's when EC2 cannot be read. */
	const typedForm = (): Overlay => ({
		kind: 'form',
		subnets: vpc.subnetIds.join(', '),
		groups: vpc.securityGroupIds.join(', '),
		ipv6: vpc.ipv6AllowedForDualStack,
	});

	/** Runs an EC2 listing with progress; undefined when it failed (the form of IDs is opened instead) or was cancelled. */
	const listing = async <T,>(what: string, load: () => Promise<T>): Promise<T | undefined> => {
		const number = ++request.current;
		open({kind: 'loading', what});
		notify({tone: 'progress', text: `Listing ${what}…`});
		try {
			const result = await load();
			if (number !== request.current) return undefined;
			notify(undefined);
			return result;
		} catch (error) {
			if (number !== request.current) return undefined;
			notify({tone: 'error', text: `Type the IDs: EC2 did not list ${what} (${describeAwsError(error, clients.endpoint)})`});
			open(typedForm());
			return undefined;
		}
	};

	const startEdit = async (): Promise<void> => {
		if (local) {
			open(typedForm());
			return;
		}
		const vpcs = await listing(`the VPCs of ${session.region}`, () => listVpcs(clients));
		if (vpcs === undefined) return;
		if (vpcs.length === 0) {
			open(undefined);
			notify({tone: 'error', text: `${session.region} has no VPCs: create one in the VPC console, then press e again.`});
			return;
		}
		open({kind: 'pick-vpc', vpcs, at: vpc.vpcId});
	};

	const pickVpc = async (vpcs: VpcSummary[], chosen: VpcSummary): Promise<void> => {
		const lists = await listing(`the subnets and security groups of ${chosen.id}`, () =>
			Promise.all([listSubnets(clients, chosen.id), listSecurityGroups(clients, chosen.id)]),
		);
		if (lists === undefined) return;
		const [subnets, groups] = lists;
		if (subnets.length === 0 || groups.length === 0) {
			open({kind: 'pick-vpc', vpcs, at: chosen.id});
			notify({tone: 'error', text: `${chosen.id} has no ${subnets.length === 0 ? 'subnets' : 'security groups'}: choose another VPC, or add them to it first.`});
			return;
		}
		const same = chosen.id === vpc.vpcId;
		open({kind: 'pick-subnets', vpcs, contents: {vpc: chosen, subnets, groups}, chosen: same ? vpc.subnetIds : []});
	};

	const detach = (): void => {
		void save.save('detaching from the VPC', {vpc: {subnetIds: [], securityGroupIds: [], ipv6AllowedForDualStack: false}}).then((result) => {
			if (result !== 'failed') open(undefined);
		});
	};

	useKeys(
		layers.section,
		(name) => {
			switch (bindingFor('configuration', name)?.id) {
				case 'edit':
					void startEdit();
					return true;
				case 'delete':
					if (connected) open({kind: 'detach'});
					else notify({tone: 'info', text: `${detail.name} is not connected to a VPC: e connects it to one.`});
					return true;
				default:
					return false;
			}
		},
		active && overlay === undefined,
	);

	useKeys(
		layers.overlay,
		(name) => {
			if (overlay?.kind === 'loading') {
				if (bindingFor('form', name)?.id === 'form-cancel') {
					request.current += 1;
					notify(undefined);
					open(undefined);
				}
				return true;
			}
			// While the detach is saved, keys wait: they must not reach the screen behind.
			if (save.busy) return true;
			const binding = bindingFor('confirm', name);
			if (binding?.id === 'confirm-yes') detach();
			else if (binding?.id === 'confirm-no') open(undefined);
			return true;
		},
		active && (overlay?.kind === 'loading' || overlay?.kind === 'detach'),
	);

	let layer: React.ReactNode = null;
	const overlayProps = {theme, width: screenWidth, height, offsetLeft: -paneLeft, active: active && !save.busy};
	if (overlay?.kind === 'pick-vpc') {
		const {vpcs} = overlay;
		const items: PickerItem[] = vpcs.map((entry) => ({id: entry.id, text: vpcText(entry)}));
		layer = (
			<Picker
				key="vpc"
				title={`Connect ${detail.name} to a VPC`}
				items={items}
				multiple={false}
				chosen={overlay.at ? [overlay.at] : []}
				hint={`${vpcs.length} in ${session.region}: the VPC its network interfaces go in`}
				{...overlayProps}
				onCancel={() => open(undefined)}
				onAccept={([id]) => {
					const chosen = vpcs.find((entry) => entry.id === id);
					if (chosen !== undefined) void pickVpc(vpcs, chosen);
					return undefined;
				}}
			/>
		);
	} else if (overlay?.kind === 'pick-subnets') {
		const {vpcs, contents} = overlay;
		layer = (
			<Picker
				key="subnets"
				title={`Subnets of ${contents.vpc.id}${contents.vpc.name ? ` (${contents.vpc.name})` : ''}`}
				items={contents.subnets.map((subnet) => ({id: subnet.id, text: subnetText(subnet)}))}
				multiple
				chosen={overlay.chosen}
				hint={`1 to ${vpcSubnetIdsMax}; two zones or more keep it available`}
				{...overlayProps}
				onCancel={() => open({kind: 'pick-vpc', vpcs, at: contents.vpc.id})}
				onAccept={(ids) => {
					if (ids.length === 0) return 'Choose at least one subnet with Space';
					if (ids.length > vpcSubnetIdsMax) return `At most ${vpcSubnetIdsMax} subnets (${ids.length} chosen)`;
					const same = contents.vpc.id === vpc.vpcId;
					open({kind: 'pick-groups', vpcs, contents, subnets: ids, chosen: same ? vpc.securityGroupIds : []});
					return undefined;
				}}
			/>
		);
	} else if (overlay?.kind === 'pick-groups') {
		const {vpcs, contents, subnets} = overlay;
		layer = (
			<Picker
				key="groups"
				title={`Security groups of ${contents.vpc.id}`}
				items={contents.groups.map((group) => ({id: group.id, text: groupText(group)}))}
				multiple
				chosen={overlay.chosen}
				hint={`1 to ${vpcSecurityGroupIdsMax}: they decide what the function may reach`}
				{...overlayProps}
				onCancel={() => open({kind: 'pick-subnets', vpcs, contents, chosen: subnets})}
				onAccept={(ids) => {
					if (ids.length === 0) return 'Choose at least one security group with Space';
					if (ids.length > vpcSecurityGroupIdsMax) return `At most ${vpcSecurityGroupIdsMax} security groups (${ids.length} chosen)`;
					const same = contents.vpc.id === vpc.vpcId;
					open({kind: 'form', subnets: subnets.join(', '), groups: ids.join(', '), ipv6: same && vpc.ipv6AllowedForDualStack, contents});
					return undefined;
				}}
			/>
		);
	} else if (overlay?.kind === 'form') {
		const {contents} = overlay;
		const fields: FormField[] = [
			{id: 'subnets', label: 'Subnets', value: overlay.subnets, hint: `subnet- IDs, comma-separated, 1 to ${vpcSubnetIdsMax}`, validate: subnetsProblem},
			{id: 'groups', label: 'Security groups', value: overlay.groups, hint: `sg- IDs, comma-separated, 1 to ${vpcSecurityGroupIdsMax}`, validate: groupsProblem},
			{
				id: 'ipv6',
				label: 'IPv6 dual-stack',
				value: overlay.ipv6 ? 'on' : 'off',
				choices: onOff,
				hint: 'on: IPv6 traffic on dual-stack subnets',
				validate: (value, values) => {
					if (value !== 'on' || contents === undefined) return undefined;
					const without = splitIdList(values['subnets'] ?? '').find((id) => contents.subnets.find((subnet) => subnet.id === id)?.ipv6CidrBlocks.length === 0);
					return without === undefined ? undefined : `${without} has no IPv6 block: dual-stack needs IPv6 subnets`;
				},
			},
		];
		layer = (
			<Form
				title={contents ? `VPC of ${detail.name}: ${contents.vpc.id}${contents.vpc.name ? ` (${contents.vpc.name})` : ''}` : `VPC of ${detail.name}`}
				fields={fields}
				{...overlayProps}
				onCancel={() => open(undefined)}
				onSubmit={(values) => {
					const settings: VpcSettings = {
						subnetIds: splitIdList(values['subnets'] ?? ''),
						securityGroupIds: splitIdList(values['groups'] ?? ''),
						ipv6AllowedForDualStack: values['ipv6'] === 'on',
					};
					const problem = checkVpcForm(settings)[0];
					if (problem !== undefined) {
						notify({tone: 'error', text: problem});
						return;
					}
					if (
						sameIds(settings.subnetIds, vpc.subnetIds) &&
						sameIds(settings.securityGroupIds, vpc.securityGroupIds) &&
						settings.ipv6AllowedForDualStack === vpc.ipv6AllowedForDualStack
					) {
						open(undefined);
						notify({tone: 'info', text: `${detail.name}'s VPC settings are unchanged.`});
						return;
					}
					void save
						.save('VPC settings', {vpc: {subnetIds: [...settings.subnetIds], securityGroupIds: [...settings.securityGroupIds], ipv6AllowedForDualStack: settings.ipv6AllowedForDualStack}})
						.then((result) => {
							if (result !== 'failed') open(undefined);
						});
				}}
			/>
		);
	} else if (overlay?.kind === 'detach') {
		layer = (
			<Dialog
				title="Detach from the VPC"
				lines={[
					{text: `Detach ${detail.name} from ${vpc.vpcId || 'its VPC'}?`, bold: true},
					{text: "It will no longer reach the VPC's private resources."},
					{text: ''},
					{text: 'y: yes   n/Enter/Esc: no'},
				]}
				width={width}
				height={height}
				borderColor={theme.danger}
			/>
		);
	}

	const contents = known.data;
	// The pane is narrow at 80 columns: single spaces, and what does not fit is cut.
	const vpcLine = contents?.vpc ? [vpc.vpcId, contents.vpc.name, contents.vpc.cidrBlock].filter((part) => part !== '').join(' ') : vpc.vpcId;
	const subnetLine = (id: string): string => {
		const subnet = contents?.subnets.find((entry) => entry.id === id);
		return subnet ? [id, subnet.availabilityZone, subnet.cidrBlock, subnet.name].filter((part) => part !== '').join(' ') : id;
	};
	const groupLine = (id: string): string => {
		const group = contents?.groups.find((entry) => entry.id === id);
		return group ? `${id} ${group.name}` : id;
	};
	// Rows left for the subnets once everything else is drawn.
	const subnetRows = Math.max(2, height - 7 - vpc.securityGroupIds.length);
	const shownSubnets = vpc.subnetIds.length > subnetRows ? vpc.subnetIds.slice(0, subnetRows - 1) : vpc.subnetIds;
	const hiddenSubnets = vpc.subnetIds.length - shownSubnets.length;
	const footer = connected ? 'e edits · d detaches from the VPC' : 'e connects it to a VPC';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>VPC</Text>
			{connected ? (
				<>
					<Field label="VPC" theme={theme} labelWidth={labelWidth}>
						{cleanText(vpcLine) || <Text color={theme.muted}>not reported</Text>}
					</Field>
					{/* Subnets and groups under their headings, across the pane: an ID, zone and block need the room. */}
					<Text color={theme.muted}>{`Subnets (${vpc.subnetIds.length})`}</Text>
					{shownSubnets.map((id) => (
						<Text key={id} wrap="truncate">{`  ${cleanText(subnetLine(id))}`}</Text>
					))}
					{hiddenSubnets > 0 ? <Text color={theme.muted}>{`  … and ${hiddenSubnets} more`}</Text> : null}
					<Text color={theme.muted}>{`Security groups (${vpc.securityGroupIds.length})`}</Text>
					{vpc.securityGroupIds.map((id) => (
						<Text key={id} wrap="truncate">{`  ${cleanText(groupLine(id))}`}</Text>
					))}
					<Field label="IPv6 dual-stack" theme={theme} labelWidth={labelWidth}>
						{vpc.ipv6AllowedForDualStack ? 'on: IPv6 traffic on dual-stack subnets' : 'off'}
					</Field>
				</>
			) : (
				<>
					<Text>Not connected to a VPC.</Text>
					<Text color={theme.muted} wrap="truncate">
						It reaches the internet, but no private resources of a VPC.
					</Text>
				</>
			)}
			<Box flexGrow={1} />
			{local ? (
				<Text color={theme.muted} wrap="truncate">
					The local Lambda has no EC2: IDs are checked by format.
				</Text>
			) : known.error ? (
				<Text color={theme.muted} wrap="truncate">{`Names not shown: ${known.error}`}</Text>
			) : null}
			<Text color={theme.muted} wrap="truncate">
				{save.busy ? 'Saving…' : footer}
			</Text>
			{layer}
		</Box>
	);
}
