// Semantic colours. Only the 16 ANSI colours are used, so the console reads the
// same on a bastion host's basic terminal; with NO_COLOR set there is no colour
// at all (emphasis is then carried by inverse video and text).

export type ColorName = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'white' | 'gray';

export interface Theme {
	accent: ColorName | undefined;
	muted: ColorName | undefined;
	danger: ColorName | undefined;
	success: ColorName | undefined;
	warning: ColorName | undefined;
	local: ColorName | undefined;
	aws: ColorName | undefined;
	colour: boolean;
}

const colourful: Theme = {
	accent: 'cyan',
	muted: 'gray',
	danger: 'red',
	success: 'green',
	warning: 'yellow',
	local: 'green',
	aws: 'yellow',
	colour: true,
};

const plain: Theme = {
	accent: undefined,
	muted: undefined,
	danger: undefined,
	success: undefined,
	warning: undefined,
	local: undefined,
	aws: undefined,
	colour: false,
};

/** NO_COLOR (https://no-color.org): present and not empty turns colour off. */
export function themeFor(env: NodeJS.ProcessEnv = process.env): Theme {
	return env.NO_COLOR !== undefined && env.NO_COLOR !== '' ? plain : colourful;
}
