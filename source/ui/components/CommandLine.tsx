// The command line `:` opens, as in k9s: the name of a screen to go to
// (functions, layers), checked before anything changes; a name that is not
// one says which are.
import React from 'react';
import {useConsole} from '../context.js';
import {Form} from './Form.js';

export type CommandScreen = 'functions' | 'layers';

/** The screens `:` reaches, and the other names people type for them. */
const screens: Record<string, CommandScreen> = {
	functions: 'functions',
	function: 'functions',
	fn: 'functions',
	lambda: 'functions',
	layers: 'layers',
	layer: 'layers',
};

/** The screen a command names (leading ':' and case ignored); undefined when it names none. */
export function commandScreen(text: string): CommandScreen | undefined {
	return screens[text.trim().replace(/^:/, '').toLowerCase()];
}

interface Props {
	width: number;
	height: number;
	active: boolean;
	onGo(screen: CommandScreen): void;
	onCancel(): void;
}

export function CommandLine({width, height, active, onGo, onCancel}: Props) {
	const {theme} = useConsole();
	return (
		<Form
			title="Go to"
			fields={[
				{
					id: 'screen',
					label: 'Screen',
					value: '',
					hint: 'functions or layers',
					validate: (value) => (commandScreen(value) === undefined ? `"${value.trim()}" is not a screen: type functions or layers` : undefined),
				},
			]}
			theme={theme}
			width={width}
			height={height}
			active={active}
			onSubmit={(values) => {
				const screen = commandScreen(values['screen'] ?? '');
				if (screen !== undefined) onGo(screen);
			}}
			onCancel={onCancel}
		/>
	);
}
