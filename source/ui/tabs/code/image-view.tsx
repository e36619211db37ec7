// A container image function's code: its image (as given, and as Lambda
// resolved it to a digest) and the image configuration that overrides the
// image's Dockerfile (entry point, command, working directory), as the Lambda
// console's Image tab shows them. There is no tree: the code is in the image.
import {Box, Text} from 'ink';
import React from 'react';
import type {ImageCode} from '../../../aws/code.js';
import {imageFields} from '../../../domain/code-package.js';
import {breakLines} from '../../../domain/format.js';
import {Field} from '../../components/Field.js';
import type {Theme} from '../../theme.js';

const labelWidth = 19;

export function ImageView({image, theme, width, height}: {image: ImageCode; theme: Theme; width: number; height: number}) {
	const rows: React.ReactNode[] = [];
	for (const {label, value} of imageFields(image)) {
		breakLines(value, Math.max(10, width - labelWidth), '/:@, ').forEach((line, index) => {
			rows.push(
				<Field key={`${label}-${index}`} label={index === 0 ? label : ''} theme={theme} labelWidth={labelWidth}>
					{line}
				</Field>,
			);
		});
	}
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>Container image</Text>
			{rows}
			{image.imageConfigError === '' ? null : (
				<Text color={theme.danger} wrap="wrap">
					{`Lambda could not read the image configuration: ${image.imageConfigError}`}
				</Text>
			)}
			<Box flexGrow={1} />
			<Text color={theme.muted} wrap="truncate">
				The code is in the image: push a new image to deploy a change.
			</Text>
		</Box>
	);
}
