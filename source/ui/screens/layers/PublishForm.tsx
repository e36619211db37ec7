// Publishing a layer version: the form (name, description, the directory or
// .zip, compatible runtimes and architectures, license), each field checked
// before anything is read or sent; then the package is read (a directory is
// zipped) and sent as Content.ZipFile. A failure keeps the form open with
// what was typed, and says what to do.
import React, {useState} from 'react';
import {publishLayerVersion} from '../../../aws/layers.js';
import {describeAwsError} from '../../../aws/errors.js';
import {
	architecturesProblem,
	compatibleRuntimesMax,
	layerDescriptionProblem,
	layerLicenseProblem,
	layerNameProblem,
	runtimesProblem,
	type LayerVersionDetail,
} from '../../../domain/layers.js';
import {splitIdList} from '../../../domain/vpc-config.js';
import {Form, type FormField} from '../../components/Form.js';
import {useConsole, useNotify} from '../../context.js';
import type {Theme} from '../../theme.js';
import {packagePathProblem, readPackage} from './package-source.js';

interface Props {
	/** The layer to publish a new version of; '' for a new layer. */
	layerName: string;
	theme: Theme;
	width: number;
	height: number;
	active: boolean;
	onPublished(version: LayerVersionDetail): void;
	onCancel(): void;
}

export function PublishForm({layerName, theme, width, height, active, onPublished, onCancel}: Props) {
	const {clients} = useConsole();
	const notify = useNotify();
	const [busy, setBusy] = useState(false);
	const fields: FormField[] = [
		{id: 'name', label: 'Layer name', value: layerName, hint: 'letters, digits, - and _; a new name makes a new layer', validate: (value) => layerNameProblem(value.trim())},
		{id: 'description', label: 'Description', value: '', hint: 'optional, at most 256 characters', validate: layerDescriptionProblem},
		{id: 'path', label: 'Directory or .zip', value: '', hint: 'a directory is zipped (e.g. ./layer with nodejs/ inside)', validate: packagePathProblem},
		{
			id: 'runtimes',
			label: 'Runtimes',
			value: '',
			hint: `comma-separated, at most ${compatibleRuntimesMax}, e.g. nodejs22.x, python3.13`,
			validate: runtimesProblem,
		},
		{id: 'architectures', label: 'Architectures', value: '', hint: 'x86_64, arm64, or both (comma-separated)', validate: architecturesProblem},
		{id: 'license', label: 'License', value: '', hint: 'optional: an SPDX identifier, a URL or text (512)', validate: layerLicenseProblem},
	];

	const publish = async (values: Record<string, string>): Promise<void> => {
		const name = (values['name'] ?? '').trim();
		notify({tone: 'progress', text: `Reading ${(values['path'] ?? '').trim()}…`});
		const read = await readPackage(values['path'] ?? '');
		if (read.kind === 'problem') {
			notify({tone: 'error', text: `Not published: ${read.message}.`});
			return;
		}
		notify({tone: 'progress', text: `Publishing a version of ${name} (${read.description})…`});
		try {
			const version = await publishLayerVersion(
				clients,
				{
					name,
					description: values['description'] ?? '',
					compatibleRuntimes: splitIdList(values['runtimes'] ?? ''),
					compatibleArchitectures: splitIdList(values['architectures'] ?? ''),
					license: values['license'] ?? '',
				},
				read.zip,
			);
			notify({tone: 'success', text: `Published ${name} version ${version.version} (${read.description}).`});
			onPublished(version);
		} catch (error) {
			notify({tone: 'error', text: `${name}: ${describeAwsError(error, clients.endpoint)}`});
		}
	};

	return (
		<Form
			title={layerName === '' ? 'Publish a layer version' : `Publish a version of ${layerName}`}
			fields={fields}
			theme={theme}
			width={width}
			height={height}
			active={active && !busy}
			onSubmit={(values) => {
				setBusy(true);
				void publish(values).finally(() => setBusy(false));
			}}
			onCancel={onCancel}
		/>
	);
}
