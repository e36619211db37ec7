// Asynchronous invocation, as in the Lambda console's panel of that name: how
// often Lambda retries an event after a function error (0-2), how long an
// event may wait (1 min to 6 h), the dead-letter queue (an SQS queue or SNS
// topic), and the destinations of the records on success and on failure.
// All of it is edited in one form; only what changed is sent: the
// dead-letter queue with UpdateFunctionConfiguration (and the RevisionId),
// the rest with the function's EventInvokeConfig (which has no RevisionId).
import {Box, Text} from 'ink';
import React from 'react';
import {withFormAdvice} from '../../../aws/errors.js';
import {changeEventInvokeConfig, getEventInvokeConfig} from '../../../aws/event-invoke-config.js';
import {effectiveAsyncSettings, isFifoDestination, parseDestination, type DestinationService} from '../../../domain/async-config.js';
import {
	ageRange,
	deadLetterProblem,
	destinationProblem,
	eventAgeField,
	formatEventAge,
	parseAsyncForm,
	parseEventAge,
	retriesProblem,
} from '../../../domain/async-form.js';
import {cleanText} from '../../../domain/sanitize.js';
import {Field} from '../../components/Field.js';
import {Form, type FormField} from '../../components/Form.js';
import {useConsole, useNotify} from '../../context.js';
import {useResource} from '../../hooks/useResource.js';
import type {Theme} from '../../theme.js';
import type {SectionProps} from './sections.js';
import {useSectionForm} from './useSectionOverlay.js';

const labelWidth = 16;

const serviceNames: Record<DestinationService, string> = {
	sqs: 'SQS queue',
	sns: 'SNS topic',
	events: 'EventBridge bus',
	s3: 'S3 bucket',
	lambda: 'Lambda function',
};

/** A dead-letter queue or destination: what it is on one line ("SQS queue orders-dlq"), its ARN under it. */
function Target({label, arn, theme}: {label: string; arn: string | undefined; theme: Theme}) {
	if (arn === undefined || arn === '') {
		return (
			<Field label={label} theme={theme} labelWidth={labelWidth}>
				<Text color={theme.muted}>none</Text>
			</Field>
		);
	}
	const target = parseDestination(arn);
	return (
		<>
			<Field label={label} theme={theme} labelWidth={labelWidth}>
				{target === undefined ? cleanText(arn) : `${serviceNames[target.service]} ${cleanText(target.name)}${target.qualifier === undefined ? '' : `:${cleanText(target.qualifier)}`}`}
				{target !== undefined && isFifoDestination(target) ? <Text color={theme.warning}> (FIFO: Lambda sends it nothing)</Text> : null}
			</Field>
			{target === undefined ? null : (
				<Box marginLeft={labelWidth}>
					<Text color={theme.muted} wrap="truncate-middle">
						{cleanText(arn)}
					</Text>
				</Box>
			)}
		</>
	);
}

export function AsynchronousSection(props: SectionProps) {
	const {detail, save, theme, width, height} = props;
	const {clients} = useConsole();
	const notify = useNotify();
	const config = useResource((signal) => getEventInvokeConfig(clients, detail.name, undefined, signal), [clients, detail], clients.endpoint);
	const form = useSectionForm(props, () => {
		if (config.data !== undefined) return true;
		notify(
			config.error === undefined
				? {tone: 'progress', text: `Still reading the asynchronous invocation settings of ${detail.name}…`}
				: {tone: 'error', text: `Could not read the asynchronous invocation settings: ${config.error}`},
		);
		return false;
	});

	const settings = config.data?.settings ?? {};
	const effective = effectiveAsyncSettings(settings);
	const defaultNote = (given: number | undefined): React.ReactNode =>
		given === undefined ? <Text color={theme.muted}> (Lambda's default)</Text> : null;
	const fields: FormField[] = [
		{
			id: 'retries',
			label: 'Retry attempts',
			value: String(effective.maximumRetryAttempts),
			choices: ['0', '1', '2'],
			hint: '0, 1 or 2 retries after a function error (←/→)',
			validate: retriesProblem,
		},
		{
			id: 'age',
			label: 'Maximum event age',
			value: eventAgeField(effective.maximumEventAgeInSeconds),
			hint: `${ageRange}: seconds, 90m, 6h, 1h30m`,
			validate: (value) => {
				const parsed = parseEventAge(value);
				return parsed.ok ? undefined : parsed.message;
			},
		},
		{
			id: 'deadLetter',
			label: 'Dead-letter queue',
			value: detail.deadLetterTargetArn,
			hint: 'an SQS queue or SNS topic ARN; empty: none',
			validate: (value) => deadLetterProblem(value, detail.arn),
		},
		{
			id: 'onSuccess',
			label: 'On success',
			value: effective.onSuccess ?? '',
			hint: 'an SQS, SNS, EventBridge or Lambda ARN; empty: none',
			validate: (value) => destinationProblem(value, 'success', detail.name),
		},
		{
			id: 'onFailure',
			label: 'On failure',
			value: effective.onFailure ?? '',
			hint: 'an SQS, SNS, EventBridge, S3 or Lambda ARN; empty: none',
			validate: (value) => destinationProblem(value, 'failure', detail.name),
		},
	];

	const submit = async (values: Record<string, string>): Promise<void> => {
		const change = parseAsyncForm(values, effective, detail.deadLetterTargetArn);
		const settingsChanged = Object.keys(change.settings).length > 0;
		if (change.deadLetterTargetArn === undefined && !settingsChanged) {
			form.close();
			return;
		}
		if (change.deadLetterTargetArn !== undefined) {
			const result = await save.save(change.deadLetterLabel, {deadLetterTargetArn: change.deadLetterTargetArn});
			if (result === 'failed') return;
			if (result === 'discarded') {
				form.close();
				return;
			}
		}
		if (settingsChanged) {
			const result = await save.run(change.settingsLabel, async () => {
				try {
					await changeEventInvokeConfig(clients, detail.name, change.settings);
				} catch (error) {
					throw withFormAdvice(error);
				}
			});
			if (result === 'failed') return;
		}
		form.close();
	};

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>Asynchronous invocation</Text>
			{config.error !== undefined && config.data === undefined ? (
				<Text color={theme.danger} wrap="wrap">{`Could not read the settings: ${config.error}`}</Text>
			) : config.data === undefined ? (
				<Text color={theme.muted}>Reading the settings…</Text>
			) : (
				<>
					<Field label="Retry attempts" theme={theme} labelWidth={labelWidth}>
						{String(effective.maximumRetryAttempts)}
						{defaultNote(settings.maximumRetryAttempts)}
					</Field>
					<Field label="Maximum age" theme={theme} labelWidth={labelWidth}>
						{formatEventAge(effective.maximumEventAgeInSeconds)}
						{defaultNote(settings.maximumEventAgeInSeconds)}
					</Field>
				</>
			)}
			<Target label="Dead-letter" arn={detail.deadLetterTargetArn} theme={theme} />
			<Text> </Text>
			<Text bold>Destinations</Text>
			{config.data === undefined ? null : (
				<>
					<Target label="On success" arn={effective.onSuccess} theme={theme} />
					<Target label="On failure" arn={effective.onFailure} theme={theme} />
				</>
			)}
			<Text> </Text>
			<Text color={theme.muted}>{save.busy ? 'Saving…' : 'e edits these settings'}</Text>
			{form.isOpen ? (
				<Form
					title={`Edit asynchronous invocation: ${detail.name}`}
					fields={fields}
					{...form.frame}
					onSubmit={(values) => {
						void submit(values);
					}}
				/>
			) : null}
		</Box>
	);
}
