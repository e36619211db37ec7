// The Configuration tab's Layers section: the function's layers in merge
// order (later layers overwrite earlier ones' files in /opt), with their
// zipped sizes against the 250 MB limit. Inside the list: a adds a layer
// (chosen from the account's layers compatible with the function's runtime
// and architecture, then a version, as the console does, or a typed layer
// version ARN; Lambda filters by runtime, the architecture is checked here so
// that a layer naming no architecture is offered too), d removes one after a question, K and J move one up and down.
// Every change is checked first (5 layers, one version of a layer, runtime
// and architecture, size) and saved as UpdateFunctionConfiguration's Layers
// with the RevisionId read.
import {Box, Text} from 'ink';
import React, {useEffect, useState} from 'react';
import {describeAwsError} from '../../../aws/errors.js';
import {getLayerVersionByArn, listLayerVersions, listLayers} from '../../../aws/layers.js';
import {fit, formatAge, formatBytes} from '../../../domain/format.js';
import {
	addLayerProblem,
	compatibilityProblem,
	functionWithLayersMax,
	layerAdditionProblem,
	layerArnProblem,
	layersMax,
	moveItem,
	parseLayerVersionArn,
	zippedTotal,
	type LayerSummary,
	type LayerTarget,
	type LayerVersionSummary,
} from '../../../domain/layers.js';
import {ConfirmDialog, useConfirm} from '../../components/ConfirmDialog.js';
import {Form} from '../../components/Form.js';
import {Picker, type PickerItem} from '../../components/Picker.js';
import {useConsole, useNotify} from '../../context.js';
import {layers as keyLayers, useKeys} from '../../input.js';
import {bindingFor} from '../../keymap.js';
import {firstShown} from './ItemRows.js';
import type {SectionProps} from './sections.js';
import {useSectionOverlay} from './useSectionOverlay.js';

type Overlay =
	| {kind: 'layers'; layers: LayerSummary[]}
	| {kind: 'versions'; layer: string; versions: LayerVersionSummary[]}
	| {kind: 'arn'}
	| {kind: 'remove'; arn: string};

const typeArnId = '\u0000arn';

export function LayersSection(props: SectionProps) {
	const {detail, save, theme, width, height, active, inside, onLeave, intent, onIntentHandled} = props;
	const {clients} = useConsole();
	const notify = useNotify();
	const {overlay, open, closeAfter, frame} = useSectionOverlay<Overlay>(props);
	const [cursor, setCursor] = useState(0);
	const [checking, setChecking] = useState(false);
	const arns = detail.layers.map((layer) => layer.arn);
	const count = arns.length;
	const current = Math.max(0, Math.min(cursor, count - 1));
	const selected = detail.layers[current];
	const architecture = detail.architectures[0] ?? 'x86_64';
	const target: LayerTarget = {
		runtime: detail.runtime,
		architectures: detail.architectures,
		packageType: detail.packageType,
		codeSize: detail.codeSize,
		layers: detail.layers,
	};

	/** Checks the layer version an ARN names against the function, then saves the list with it at the end. */
	const addVersion = async (arn: string): Promise<boolean> => {
		setChecking(true);
		try {
			const version = await getLayerVersionByArn(clients, arn);
			const problem = layerAdditionProblem(target, version);
			if (problem !== undefined) {
				notify({tone: 'error', text: `${problem}.`});
				return false;
			}
			const parsed = parseLayerVersionArn(arn);
			const result = await save.save(`layer ${parsed === undefined ? arn : `${parsed.name}:${parsed.version}`}`, {layers: [...arns, version.arn]});
			if (result !== 'failed') setCursor(count);
			return result !== 'failed';
		} catch (error) {
			notify({tone: 'error', text: `${arn.split(':').slice(-2).join(':')}: ${describeAwsError(error, clients.endpoint)}`});
			return false;
		} finally {
			setChecking(false);
		}
	};

	const startAdd = (): void => {
		const problem = addLayerProblem(target);
		if (problem !== undefined) {
			notify({tone: 'error', text: `${problem}.`});
			return;
		}
		notify({tone: 'progress', text: `Reading the layers compatible with ${detail.runtime} on ${architecture}…`});
		listLayers(clients, {runtime: detail.runtime}).then(
			(found) => {
				notify(undefined);
				open({kind: 'layers', layers: found.filter((layer) => compatibilityProblem(layer.latest, target) === undefined)});
			},
			(error: unknown) => notify({tone: 'error', text: `Could not list the layers: ${describeAwsError(error, clients.endpoint)}`}),
		);
	};

	const openVersions = (layer: string): void => {
		setChecking(true);
		listLayerVersions(clients, layer, {runtime: detail.runtime}).then(
			(versions) => {
				setChecking(false);
				open({kind: 'versions', layer, versions: versions.filter((version) => compatibilityProblem(version, target) === undefined)});
			},
			(error: unknown) => {
				setChecking(false);
				notify({tone: 'error', text: `${layer}: ${describeAwsError(error, clients.endpoint)}`});
			},
		);
	};

	const reorder = (step: -1 | 1): void => {
		const at = current + step;
		if (selected === undefined || at < 0 || at >= count) return;
		const next = moveItem(arns, current, step);
		const label = parseLayerVersionArn(selected.arn)?.name ?? selected.arn;
		void save.save(`the order of the layers (${label} ${step < 0 ? 'up' : 'down'})`, {layers: next}).then((result) => {
			if (result !== 'failed') setCursor(at);
		});
	};

	useEffect(() => {
		if (intent !== 'add' || !active) return;
		onIntentHandled();
		startAdd();
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [intent, active]);

	useKeys(
		keyLayers.section,
		(name) => {
			const binding = bindingFor('configuration', name);
			if (binding?.id === 'add') {
				startAdd();
				return true;
			}
			if (!inside) return false;
			switch (binding?.id) {
				case 'section-down':
					setCursor(Math.min(Math.max(0, count - 1), current + 1));
					return true;
				case 'section-up':
					setCursor(Math.max(0, current - 1));
					return true;
				case 'section-leave':
					onLeave();
					return true;
				case 'delete':
					if (selected !== undefined) open({kind: 'remove', arn: selected.arn});
					return true;
				case 'move-up':
					reorder(-1);
					return true;
				case 'move-down':
					reorder(1);
					return true;
				default:
					return binding !== undefined;
			}
		},
		active && overlay === undefined,
	);

	useConfirm(active && overlay?.kind === 'remove' ? overlay.arn : undefined, {
		busy: save.busy,
		yes: (arn) => {
			const label = parseLayerVersionArn(arn);
			closeAfter(save.save(`removing layer ${label === undefined ? arn : `${label.name}:${label.version}`}`, {layers: arns.filter((entry) => entry !== arn)}));
		},
		no: () => open(undefined),
	});

	let drawn: React.ReactNode = null;
	const pickerFrame = {...frame, active: frame.active && !checking};
	if (overlay?.kind === 'layers') {
		const items: PickerItem[] = [
			{id: typeArnId, text: 'Type a layer version ARN…'},
			...overlay.layers.map((layer) => ({id: layer.name, text: `${fit(layer.name, 30)} latest ${layer.latest.version}  ${layer.latest.description}`})),
		];
		drawn = (
			<Picker
				title={`Add a layer to ${detail.name}`}
				items={items}
				multiple={false}
				hint={
					overlay.layers.length === 0
						? `No layer of this account is for ${detail.runtime} on ${architecture}: type an ARN`
						: `Layers for ${detail.runtime} on ${architecture}, or an ARN`
				}
				{...pickerFrame}
				onAccept={(ids) => {
					const id = ids[0];
					if (id === typeArnId) open({kind: 'arn'});
					else if (id !== undefined) openVersions(id);
					return undefined;
				}}
			/>
		);
	} else if (overlay?.kind === 'versions') {
		drawn = (
			<Picker
				title={`${overlay.layer}: choose a version`}
				items={overlay.versions.map((version) => ({
					id: version.arn,
					text: `${fit(`version ${version.version}`, 12)} ${fit(formatAge(version.created), 8)} ${version.description}`,
				}))}
				multiple={false}
				hint={`Versions for ${detail.runtime} on ${architecture}, newest first`}
				{...pickerFrame}
				onAccept={(ids) => {
					const arn = ids[0];
					if (arn !== undefined) {
						void addVersion(arn).then((added) => {
							if (added) open(undefined);
						});
					}
					return undefined;
				}}
			/>
		);
	} else if (overlay?.kind === 'arn') {
		drawn = (
			<Form
				title={`Add a layer to ${detail.name} by ARN`}
				fields={[{id: 'arn', label: 'Layer version ARN', value: '', hint: 'arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION', validate: (value) => layerArnProblem(value.trim())}]}
				{...frame}
				active={frame.active && !checking}
				onSubmit={(values) => {
					void addVersion((values['arn'] ?? '').trim()).then((added) => {
						if (added) open(undefined);
					});
				}}
			/>
		);
	} else if (overlay?.kind === 'remove') {
		const label = parseLayerVersionArn(overlay.arn);
		drawn = (
			<ConfirmDialog
				title="Remove layer"
				question={`Remove ${label === undefined ? overlay.arn : `${label.name}:${label.version}`} from ${detail.name}?`}
				details={['The layer version itself is kept; a adds it again.']}
				theme={theme}
				width={width}
				height={height}
			/>
		);
	}

	const total = zippedTotal(target);
	const nameWidth = Math.max(10, width - 3 - 9 - 8);
	const listHeight = Math.max(1, height - 7);
	const first = firstShown(current, count, listHeight);
	const shown = detail.layers.slice(first, first + listHeight);
	const image = detail.packageType === 'Image';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">
				{`Layers (${count} of ${layersMax})`}
				<Text color={theme.muted}>{count > 1 ? '  merged in this order: later ones win' : ''}</Text>
			</Text>
			{image ? (
				<Text color={theme.muted}>A container image function has no layers: build them into the image.</Text>
			) : count === 0 ? (
				<Text color={theme.muted}>No layers. a adds one.</Text>
			) : (
				<>
					<Text color={theme.muted} bold wrap="truncate">{`${fit('#', 3)}${fit('LAYER', nameWidth)}${fit('VERSION', 9)}${fit('SIZE', 8, 'right')}`}</Text>
					{shown.map((layer, index) => {
						const at = first + index;
						const parsed = parseLayerVersionArn(layer.arn);
						return (
							<Text key={layer.arn} inverse={inside && at === current} wrap="truncate">
								{`${fit(String(at + 1), 3)}${fit(parsed?.name ?? layer.arn, nameWidth)}${fit(parsed === undefined ? '' : String(parsed.version), 9)}${fit(formatBytes(layer.codeSize), 8, 'right')}`}
							</Text>
						);
					})}
				</>
			)}
			<Box flexGrow={1} />
			<Text color={theme.muted} wrap="truncate">
				{inside && selected !== undefined ? selected.arn : ''}
			</Text>
			<Text color={total > functionWithLayersMax ? theme.danger : theme.muted} wrap="truncate">
				{`Code and layers ${formatBytes(total)} zipped; the limit is ${formatBytes(functionWithLayersMax)} unzipped`}
			</Text>
			<Text color={theme.muted} wrap="truncate">
				(Lambda reports zipped sizes only; it checks the unzipped total when saving)
			</Text>
			<Text color={theme.muted} wrap="truncate">
				{image ? '' : inside ? 'a add · d remove · K up · J down · Esc back' : 'Enter: the layers · a add a layer'}
			</Text>
			{drawn}
		</Box>
	);
}
