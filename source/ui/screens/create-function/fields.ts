// The fields of the create screen's three forms (author from scratch, from a
// blueprint, from a container image), with their checks from
// domain/create-function-form.ts, and the request each form's values make.
import type {Blueprint} from '../../../domain/blueprints.js';
import {scratchCode} from '../../../domain/blueprints.js';
import {
	architectureChoices,
	checkArchitecture,
	checkCommandList,
	checkImageUri,
	checkNewFunctionName,
	checkRoleArn,
	checkRuntimeChoice,
	checkWorkingDirectory,
	createRuntimeChoices,
	defaultRuntime,
	type ZipFunctionRequest,
} from '../../../domain/create-function-form.js';
import type {FormField} from '../../components/Form.js';

const nameField = (value: string): FormField => ({
	id: 'name',
	label: 'Function name',
	value,
	hint: '1-64 letters, digits, - and _',
	validate: (text) => checkNewFunctionName(text),
});

const roleField = (role: string): FormField => ({
	id: 'role',
	label: 'Execution role',
	value: role,
	hint: 'arn:aws:iam::ACCOUNT:role/NAME',
	validate: (text) => checkRoleArn(text),
});

const architectureField: FormField = {
	id: 'architecture',
	label: 'Architecture',
	value: 'x86_64',
	choices: architectureChoices,
	hint: '←/→ x86_64 or arm64',
	validate: (text) => checkArchitecture(text),
};

export function scratchFields(role: string, at: Date = new Date()): FormField[] {
	const runtimes = createRuntimeChoices(at);
	return [
		nameField(''),
		{
			id: 'runtime',
			label: 'Runtime',
			value: runtimes.includes(defaultRuntime) ? defaultRuntime : (runtimes[0] ?? defaultRuntime),
			choices: runtimes,
			hint: '←/→ to choose',
			validate: (text) => checkRuntimeChoice(text, at),
		},
		architectureField,
		roleField(role),
	];
}

export function blueprintFields(blueprint: Blueprint, role: string): FormField[] {
	return [
		{...nameField(blueprint.suggestedName), hint: `${blueprint.runtime} · ${blueprint.handler} · ${blueprint.memorySize} MB · ${blueprint.timeout} s`},
		architectureField,
		roleField(role),
	];
}

export function imageFields(role: string): FormField[] {
	return [
		nameField(''),
		{
			id: 'imageUri',
			label: 'Image URI',
			value: '',
			hint: 'ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG',
			validate: (text) => checkImageUri(text),
		},
		architectureField,
		roleField(role),
		{id: 'command', label: 'CMD override', value: '', hint: 'optional: ["app.handler"] or words', validate: (text) => checkCommandList(text)},
		{id: 'entryPoint', label: 'ENTRYPOINT override', value: '', hint: 'optional: ["/lambda-entrypoint.sh"] or words', validate: (text) => checkCommandList(text)},
		{id: 'workingDirectory', label: 'WORKDIR override', value: '', hint: 'optional: an absolute path, e.g. /var/task', validate: (text) => checkWorkingDirectory(text)},
	];
}

export function scratchRequestOf(values: Readonly<Record<string, string>>): ZipFunctionRequest {
	const runtime = values['runtime'] ?? defaultRuntime;
	const code = scratchCode(runtime);
	return {
		packageType: 'Zip',
		name: (values['name'] ?? '').trim(),
		description: '',
		runtime,
		handler: code.handler,
		architecture: values['architecture'] ?? 'x86_64',
		role: (values['role'] ?? '').trim(),
		memorySize: 128,
		timeout: 3,
		environment: {},
		files: code.files,
	};
}

export function blueprintRequestOf(blueprint: Blueprint, files: Record<string, string>, values: Readonly<Record<string, string>>): ZipFunctionRequest {
	return {
		packageType: 'Zip',
		name: (values['name'] ?? '').trim(),
		description: `From the blueprint: ${blueprint.title}`,
		runtime: blueprint.runtime,
		handler: blueprint.handler,
		architecture: values['architecture'] ?? 'x86_64',
		role: (values['role'] ?? '').trim(),
		memorySize: blueprint.memorySize,
		timeout: blueprint.timeout,
		environment: {...blueprint.environment},
		files,
	};
}
