// When Lambda stops taking each deprecated runtime, as data, and the check
// both the local Lambda and the console's runtime picker make with it.
//
// Lambda deprecates a runtime in steps ("Runtime deprecation" in the Lambda
// developer guide): from the deprecation date it is no longer patched; from
// "block function create" CreateFunction refuses it; from "block function
// update" every update of a function that uses it is refused too (its
// configuration or code), until the function moves to a supported runtime.
// Invocations are never blocked. Each step starts at midnight, Pacific time,
// on its date.
//
// Sources, as of November 2026: the "Lambda runtimes" page of the Lambda
// developer guide. Runtimes blocked long ago keep the dates Lambda gave them
// then. In 2026 Lambda moved the block dates of the runtimes deprecated since
// 2023 that it still accepted to February 1, 2027 (create) and March 3, 2027
// (update) — documented for nodejs16.x, nodejs18.x, nodejs20.x, python3.9,
// python3.10, dotnet6 and dotnet8; the others of that generation are taken to
// share those dates. AWS moves these dates from time to time: check the page
// when a date here is near.

export type RuntimeOperation = 'create' | 'update';

export interface RuntimeDeprecation {
	/** The day Lambda deprecated (or deprecates) the runtime, YYYY-MM-DD. */
	deprecated: string;
	/** From this day CreateFunction refuses the runtime. */
	blockCreate: string;
	/** From this day updates of functions that use the runtime are refused. */
	blockUpdate: string;
	/** The runtime Lambda's message recommends instead. */
	successor: string;
}

const extendedCreate = '2027-02-01';
const extendedUpdate = '2027-03-03';

function extended(deprecated: string, successor: string): RuntimeDeprecation {
	return {deprecated, blockCreate: extendedCreate, blockUpdate: extendedUpdate, successor};
}

export const runtimeDeprecations: Readonly<Record<string, RuntimeDeprecation>> = {
	nodejs: {deprecated: '2016-10-31', blockCreate: '2016-10-31', blockUpdate: '2016-10-31', successor: 'nodejs22.x'},
	'nodejs4.3': {deprecated: '2020-03-05', blockCreate: '2020-03-05', blockUpdate: '2020-03-05', successor: 'nodejs22.x'},
	'nodejs4.3-edge': {deprecated: '2020-03-05', blockCreate: '2019-04-30', blockUpdate: '2019-04-30', successor: 'nodejs22.x'},
	'nodejs6.10': {deprecated: '2019-08-12', blockCreate: '2019-08-12', blockUpdate: '2019-08-12', successor: 'nodejs22.x'},
	'nodejs8.10': {deprecated: '2020-03-06', blockCreate: '2020-03-06', blockUpdate: '2020-03-06', successor: 'nodejs22.x'},
	'nodejs10.x': {deprecated: '2021-07-30', blockCreate: '2021-07-30', blockUpdate: '2022-02-14', successor: 'nodejs22.x'},
	'nodejs12.x': {deprecated: '2023-03-31', blockCreate: '2023-03-31', blockUpdate: '2023-04-30', successor: 'nodejs22.x'},
	'nodejs14.x': {deprecated: '2023-12-04', blockCreate: '2024-01-09', blockUpdate: extendedUpdate, successor: 'nodejs22.x'},
	'nodejs16.x': extended('2024-06-12', 'nodejs22.x'),
	'nodejs18.x': extended('2025-09-01', 'nodejs22.x'),
	'nodejs20.x': extended('2026-04-30', 'nodejs22.x'),
	'python2.7': {deprecated: '2021-07-15', blockCreate: '2021-07-15', blockUpdate: '2022-05-30', successor: 'python3.13'},
	'python3.6': {deprecated: '2022-07-18', blockCreate: '2022-07-18', blockUpdate: '2022-08-29', successor: 'python3.13'},
	'python3.7': {deprecated: '2023-12-04', blockCreate: '2024-01-09', blockUpdate: extendedUpdate, successor: 'python3.13'},
	'python3.8': extended('2024-10-14', 'python3.13'),
	'python3.9': extended('2025-12-15', 'python3.13'),
	'python3.10': extended('2026-10-31', 'python3.13'),
	'dotnetcore1.0': {deprecated: '2019-06-27', blockCreate: '2019-07-30', blockUpdate: '2019-07-30', successor: 'dotnet10'},
	'dotnetcore2.0': {deprecated: '2019-05-30', blockCreate: '2019-05-30', blockUpdate: '2019-05-30', successor: 'dotnet10'},
	'dotnetcore2.1': {deprecated: '2022-01-05', blockCreate: '2022-01-05', blockUpdate: '2022-04-13', successor: 'dotnet10'},
	'dotnetcore3.1': {deprecated: '2023-04-03', blockCreate: '2023-04-03', blockUpdate: '2023-05-03', successor: 'dotnet10'},
	dotnet6: extended('2024-12-20', 'dotnet10'),
	dotnet8: extended('2026-11-10', 'dotnet10'),
	'go1.x': {deprecated: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: extendedUpdate, successor: 'provided.al2023'},
	provided: {deprecated: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: extendedUpdate, successor: 'provided.al2023'},
	java8: {deprecated: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: extendedUpdate, successor: 'java21'},
	'ruby2.5': {deprecated: '2021-07-30', blockCreate: '2021-07-30', blockUpdate: '2022-03-31', successor: 'ruby3.3'},
	'ruby2.7': {deprecated: '2023-12-07', blockCreate: '2024-01-09', blockUpdate: extendedUpdate, successor: 'ruby3.3'},
	'ruby3.2': extended('2026-03-31', 'ruby3.4'),
};

/** Midnight Pacific time (UTC-8, as Lambda counts these dates) at the start of a YYYY-MM-DD day, as epoch ms. */
function startOfPacificDay(day: string): number {
	return Date.parse(`${day}T00:00:00-08:00`);
}

/** The deprecation of a runtime, or undefined for a runtime Lambda still supports. */
export function runtimeDeprecation(runtime: string): RuntimeDeprecation | undefined {
	return Object.hasOwn(runtimeDeprecations, runtime) ? runtimeDeprecations[runtime] : undefined;
}

/** Whether Lambda refuses this operation for this runtime at `at`. */
export function isRuntimeBlocked(runtime: string, operation: RuntimeOperation, at: Date = new Date()): boolean {
	const deprecation = runtimeDeprecation(runtime);
	if (deprecation === undefined) return false;
	const day = operation === 'create' ? deprecation.blockCreate : deprecation.blockUpdate;
	return at.getTime() >= startOfPacificDay(day);
}

/** Whether the runtime is past its deprecation date at `at` (still usable, but no longer patched). */
export function isRuntimeDeprecated(runtime: string, at: Date = new Date()): boolean {
	const deprecation = runtimeDeprecation(runtime);
	return deprecation !== undefined && at.getTime() >= startOfPacificDay(deprecation.deprecated);
}

/** Lambda's message when it refuses a runtime (the same for creating and for updating). */
export function blockedRuntimeMessage(runtime: string): string {
	const successor = runtimeDeprecation(runtime)?.successor ?? 'nodejs22.x';
	return `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (${successor}) while creating or updating functions.`;
}
