// Functions packaged as container images (PackageType Image) in the local Lambda.
//
// The local Lambda keeps them as AWS does: the image URI (Code.ImageUri) and the
// image settings (ImageConfig: EntryPoint, Command, WorkingDirectory), shown as
// PackageType Image with ImageConfigResponse and no Runtime or Handler, and
// GetFunction's Code as RepositoryType ECR with the ImageUri. It cannot run them:
// running an image needs a container engine, which the local Lambda does not use,
// so Invoke answers with InvalidRuntimeException (HTTP 502, what Lambda answers
// when it cannot start a function's runtime) and a message that says so.
//
// The image fields ride on the function's record (FunctionRecord & ImageFields):
// they are stored and reloaded with it, and a function never changes package type.
import {createHash} from 'node:crypto';
import {imageConfigListMax, imageUriRegex, workingDirectoryMaxLength} from '../../domain/create-function-form.js';
import {parameterProblem, type Problem} from '../../domain/validate.js';
import type {FunctionRecord} from '../store/records.js';
import {LambdaError} from './errors.js';
import {optionalObject, optionalString, optionalStringList, type JsonObject} from './input.js';

/** ImageConfig as given; a member left out is undefined. */
export interface ImageConfigRecord {
	entryPoint?: string[];
	command?: string[];
	workingDirectory?: string;
}

export interface ImageFields {
	packageType: 'Image';
	imageUri: string;
	imageConfig?: ImageConfigRecord;
}

export type ImageFunctionRecord = FunctionRecord & ImageFields;

/** The image fields of a function's record, or undefined for a .zip function. */
export function imageOf(record: FunctionRecord): ImageFields | undefined {
	const fields: Partial<ImageFields> = record as Partial<ImageFields>;
	if (fields.packageType !== 'Image' || typeof fields.imageUri !== 'string') return undefined;
	const result: ImageFields = {packageType: 'Image', imageUri: fields.imageUri};
	if (fields.imageConfig !== undefined) result.imageConfig = fields.imageConfig;
	return result;
}

/** The ImageConfig member of a CreateFunction request, checked against the model's limits. */
export function readImageConfig(body: JsonObject): ImageConfigRecord | undefined {
	const config = optionalObject(body, 'ImageConfig');
	if (config === undefined) return undefined;
	const record: ImageConfigRecord = {};
	const entryPoint = optionalStringList(config, 'EntryPoint');
	const command = optionalStringList(config, 'Command');
	const workingDirectory = optionalString(config, 'WorkingDirectory');
	for (const [member, list] of [['imageConfig.entryPoint', entryPoint], ['imageConfig.command', command]] as const) {
		if (list !== undefined && list.length > imageConfigListMax) {
			throw new LambdaError(
				'ValidationException',
				`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${imageConfigListMax}`,
			);
		}
	}
	if (workingDirectory !== undefined && workingDirectory.length > workingDirectoryMaxLength) {
		throw new LambdaError(
			'ValidationException',
			`1 validation error detected: Value '${workingDirectory}' at 'imageConfig.workingDirectory' failed to satisfy constraint: Member must have length less than or equal to ${workingDirectoryMaxLength}`,
		);
	}
	if (entryPoint !== undefined) record.entryPoint = entryPoint;
	if (command !== undefined) record.command = command;
	if (workingDirectory !== undefined) record.workingDirectory = workingDirectory;
	return record;
}

/** Checks Code.ImageUri as Lambda does (an ECR image); throws Lambda's error when it is not one. */
export function checkImageUri(uri: string | undefined): string {
	if (uri === undefined || uri === '') {
		throw new LambdaError('InvalidParameterValueException', 'Please provide a source for function code: a function with PackageType Image takes Code.ImageUri.');
	}
	if (!imageUriRegex.test(uri)) {
		throw new LambdaError('InvalidParameterValueException', `Source image ${uri} is not valid. Provide a valid source image.`);
	}
	return uri;
}

/** UpdateFunctionConfiguration of an image function takes no Runtime or Handler: the image holds them. */
export function imageSettingProblems(runtime: string | undefined, handler: string | undefined): Problem[] {
	if (runtime === undefined && handler === undefined) return [];
	return [parameterProblem(runtime === undefined ? 'handler' : 'runtime', 'Runtime and Handler are not supported for functions with PackageType Image: the image holds them.')];
}

/** The digest shown as CodeSha256 (AWS shows the image's manifest digest; here, one derived from the URI). */
export function imageDigestHex(uri: string): string {
	return createHash('sha256').update(`image:${uri}`).digest('hex');
}

/** What an image function's configuration says instead of Runtime and Handler. */
export function imageConfigurationFields(fields: ImageFields): Record<string, unknown> {
	const config = fields.imageConfig;
	const shown: Record<string, unknown> = {};
	if (config?.entryPoint !== undefined) shown['EntryPoint'] = config.entryPoint;
	if (config?.command !== undefined) shown['Command'] = config.command;
	if (config?.workingDirectory !== undefined) shown['WorkingDirectory'] = config.workingDirectory;
	return config === undefined || Object.keys(shown).length === 0 ? {} : {ImageConfigResponse: {ImageConfig: shown}};
}

/** GetFunction's Code of an image function. */
export function imageCode(fields: ImageFields): Record<string, unknown> {
	return {RepositoryType: 'ECR', ImageUri: fields.imageUri, ResolvedImageUri: fields.imageUri.replace(/:[\w][\w.-]*$/, `@sha256:${imageDigestHex(fields.imageUri)}`)};
}

/** Invoke's answer for an image function: the local Lambda has no container engine to run it. */
export function imageInvokeError(name: string, fields: ImageFields): LambdaError {
	return new LambdaError(
		'InvalidRuntimeException',
		`The local Lambda cannot run ${name}: it is a container image function (${fields.imageUri}), and running container images needs a container engine, which the local Lambda does not use. Run the image with Docker and the Lambda Runtime Interface Emulator, or test the function on AWS.`,
		{status: 502},
	);
}
