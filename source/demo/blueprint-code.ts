// The code and the test event of a blueprint (domain/blueprints.ts): inline for
// hello world, the demo function's files and sample event for the others, so a
// blueprint runs exactly the code the demo functions run.
import type {Blueprint} from '../domain/blueprints.js';
import {demoFunctions} from './index.js';

export interface BlueprintCode {
	/** path inside the deployment zip -> file content */
	files: Record<string, string>;
	event: unknown;
}

export function blueprintCode(blueprint: Blueprint): BlueprintCode {
	const {source} = blueprint;
	if (source.kind === 'inline') return {files: {...source.files}, event: source.event};
	const demo = demoFunctions().find((candidate) => candidate.name === source.demo);
	if (demo === undefined) throw new Error(`The blueprint ${blueprint.id} has no code: the demo function ${source.demo} is missing from this installation.`);
	return {files: {...demo.files}, event: demo.sampleEvent};
}
