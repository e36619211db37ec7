// A function's file systems (FileSystemConfigs), pure: Lambda's checks of a
// request, the console's form checks, and how the local Lambda names what it
// mounts.
//
// Lambda takes at most one file system: an Amazon EFS access point (or an S3
// Files access point) by ARN, mounted at a LocalMountPath under /mnt. The
// model's constraints come first, all at once (ValidationException); then
// Lambda's own rule that the function runs in a VPC (subnets and security
// groups), since it reaches the file system through it:
// InvalidParameterValueException "Function must be configured to execute in
// a VPC to reference access point <ARN>. ...". Lambda then asks EFS that the
// access point exists and has a mount target in the function's subnets; the
// local Lambda has no EFS to ask.
//
// The local Lambda keeps each access point's files in a directory of its data
// directory (DATA/file-systems/<access point ID>/) and, since a function on
// this machine cannot write to /mnt, tells the function where it is mounted
// by an environment variable named after the mount path:
// /mnt/efs -> LAMBDASH_MOUNT_EFS, /mnt/my-data.v2 -> LAMBDASH_MOUNT_MY_DATA_V2.

import {constraintProblem, parameterProblem, type Problem} from './validate.js';

export const fileSystemConfigsMax = 1;
export const fileSystemArnMaxLength = 256;
export const localMountPathMaxLength = 160;
export const fileSystemArnPattern =
	'arn:aws[a-zA-Z-]*:elasticfilesystem:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:\\d{12}:access-point/fsap-[a-f0-9]{17}$|^arn:aws[-a-z]*:s3files:[0-9a-z-:]+:file-system/fs-[0-9a-f]{17,40}/access-point/fsap-[0-9a-f]{17,40}';
export const localMountPathPattern = '/mnt/[a-zA-Z0-9-_.]+';
export const mountVariablePrefix = 'LAMBDASH_MOUNT_';

const fileSystemArnRegex = new RegExp(`^(?:${fileSystemArnPattern})$`);
const localMountPathRegex = new RegExp(`^(?:${localMountPathPattern})$`);

/** One FileSystemConfig as a request gives it (a member may be missing). */
export interface FileSystemSettings {
	arn?: string;
	localMountPath?: string;
}

export interface FileSystemConfig {
	arn: string;
	localMountPath: string;
}

/** The model's constraints on a FileSystemConfigs list (ValidationException, all at once). */
export function checkFileSystemConfigs(configs: readonly FileSystemSettings[]): Problem[] {
	const problems: Problem[] = [];
	if (configs.length > fileSystemConfigsMax) {
		problems.push(constraintProblem('fileSystemConfigs', `[${configs.map(showConfig).join(', ')}]`, `Member must have length less than or equal to ${fileSystemConfigsMax}`));
	}
	configs.forEach((config, index) => {
		const at = `fileSystemConfigs.${index + 1}.member`;
		if (config.arn === undefined) problems.push(constraintProblem(`${at}.arn`, undefined, 'Member must not be null'));
		else {
			if (config.arn.length > fileSystemArnMaxLength) {
				problems.push(constraintProblem(`${at}.arn`, config.arn, `Member must have length less than or equal to ${fileSystemArnMaxLength}`));
			}
			if (!fileSystemArnRegex.test(config.arn)) {
				problems.push(constraintProblem(`${at}.arn`, config.arn, `Member must satisfy regular expression pattern: ${fileSystemArnPattern}`));
			}
		}
		if (config.localMountPath === undefined) problems.push(constraintProblem(`${at}.localMountPath`, undefined, 'Member must not be null'));
		else {
			if (config.localMountPath.length > localMountPathMaxLength) {
				problems.push(
					constraintProblem(`${at}.localMountPath`, config.localMountPath, `Member must have length less than or equal to ${localMountPathMaxLength}`),
				);
			}
			if (!localMountPathRegex.test(config.localMountPath)) {
				problems.push(constraintProblem(`${at}.localMountPath`, config.localMountPath, `Member must satisfy regular expression pattern: ${localMountPathPattern}`));
			}
		}
	});
	return problems;
}

function showConfig(config: FileSystemSettings): string {
	return `FileSystemConfig(arn=${config.arn ?? 'null'}, localMountPath=${config.localMountPath ?? 'null'})`;
}

/** Lambda's rule that a function with a file system runs in a VPC (checked on the settings as they will be). */
export function checkFileSystemNeedsVpc(configs: readonly FileSystemConfig[], subnetIds: readonly string[] | undefined): Problem[] {
	const first = configs[0];
	if (first === undefined || (subnetIds !== undefined && subnetIds.length > 0)) return [];
	return [
		parameterProblem(
			'fileSystemConfigs',
			`Function must be configured to execute in a VPC to reference access point ${first.arn}. Please update the function configuration to include VPC subnets and security groups.`,
		),
	];
}

/** The access point's ID (fsap-...): the name of its directory on the local Lambda. */
export function accessPointId(arn: string): string {
	const match = /access-point\/(fsap-[0-9a-f]+)$/.exec(arn);
	return match?.[1] ?? arn.replace(/[^a-zA-Z0-9-]/g, '_');
}

/** The environment variable that tells a function on the local Lambda where a mount path is: /mnt/efs -> LAMBDASH_MOUNT_EFS. */
export function mountVariableName(localMountPath: string): string {
	const name = localMountPath.replace(/^\/mnt\//, '');
	return `${mountVariablePrefix}${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

// ---- the console's form ------------------------------------------------------

/** A file system form's problems, each saying what is allowed; empty when it can be sent. */
export function checkFileSystemForm(config: FileSystemSettings, inVpc: boolean): string[] {
	const problems: string[] = [];
	const arn = config.arn ?? '';
	const path = config.localMountPath ?? '';
	if (arn === '') problems.push('Give the ARN of an EFS access point, like arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0.');
	else if (!fileSystemArnRegex.test(arn) || arn.length > fileSystemArnMaxLength) {
		problems.push(`'${arn}' is not an EFS access point ARN: write arn:aws:elasticfilesystem:<region>:<account>:access-point/fsap- and 17 hexadecimal digits.`);
	}
	if (path === '') problems.push('Give the local mount path: /mnt/ and a name, like /mnt/efs.');
	else if (!localMountPathRegex.test(path) || path.length > localMountPathMaxLength) {
		problems.push(`'${path}' is not a mount path: write /mnt/ and one name of letters, digits, -, _ and . (like /mnt/efs).`);
	}
	if (!inVpc) problems.push('A function reaches a file system through its VPC: connect it to subnets and security groups first.');
	return problems;
}
