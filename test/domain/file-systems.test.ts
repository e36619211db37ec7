// A function's file systems, pure: Lambda's checks of FileSystemConfigs, the
// VPC it needs, the names the local Lambda gives mounts, and the console's form.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
	accessPointId,
	checkFileSystemConfigs,
	checkFileSystemForm,
	checkFileSystemNeedsVpc,
	mountVariableName,
} from '../../source/domain/file-systems.js';
import {summarizeProblems} from '../../source/domain/validate.js';

const accessPoint = 'arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0';

describe('FileSystemConfigs', () => {
	it('takes one EFS access point mounted under /mnt', () => {
		assert.deepEqual(checkFileSystemConfigs([{arn: accessPoint, localMountPath: '/mnt/efs'}]), []);
		assert.deepEqual(checkFileSystemConfigs([]), []);
	});

	it('reports the model constraints at once: one config at most, the ARN pattern, the mount path pattern', () => {
		const summary = summarizeProblems(
			checkFileSystemConfigs([
				{arn: 'arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1', localMountPath: '/data'},
				{arn: accessPoint},
			]),
		);
		assert.equal(summary?.code, 'ValidationException');
		assert.match(summary?.message ?? '', /^4 validation errors detected: /);
		assert.match(summary?.message ?? '', /at 'fileSystemConfigs' failed to satisfy constraint: Member must have length less than or equal to 1/);
		assert.match(summary?.message ?? '', /Value 'arn:aws:elasticfilesystem:us-east-1:123456789012:file-system\/fs-1' at 'fileSystemConfigs.1.member.arn' failed to satisfy constraint: Member must satisfy regular expression pattern/);
		assert.match(summary?.message ?? '', /Value '\/data' at 'fileSystemConfigs.1.member.localMountPath' failed to satisfy constraint: Member must satisfy regular expression pattern: \/mnt\/\[a-zA-Z0-9-_.\]\+/);
		assert.match(summary?.message ?? '', /Value null at 'fileSystemConfigs.2.member.localMountPath' failed to satisfy constraint: Member must not be null/);
	});

	it('needs the function in a VPC', () => {
		const [problem] = checkFileSystemNeedsVpc([{arn: accessPoint, localMountPath: '/mnt/efs'}], []);
		assert.equal(problem?.code, 'InvalidParameterValueException');
		assert.equal(
			problem?.message,
			`Function must be configured to execute in a VPC to reference access point ${accessPoint}. Please update the function configuration to include VPC subnets and security groups.`,
		);
		assert.deepEqual(checkFileSystemNeedsVpc([{arn: accessPoint, localMountPath: '/mnt/efs'}], ['subnet-1']), []);
		assert.deepEqual(checkFileSystemNeedsVpc([], undefined), []);
	});

	it('names the directory by access point and the variable by mount path', () => {
		assert.equal(accessPointId(accessPoint), 'fsap-0123456789abcdef0');
		assert.equal(mountVariableName('/mnt/efs'), 'LAMBDASH_MOUNT_EFS');
		assert.equal(mountVariableName('/mnt/my-data.v2'), 'LAMBDASH_MOUNT_MY_DATA_V2');
	});
});

describe("the console's file system form", () => {
	it('says what is wrong, and that a VPC comes first', () => {
		assert.deepEqual(checkFileSystemForm({arn: 'fs-1', localMountPath: '/tmp/x'}, false), [
			"'fs-1' is not an EFS access point ARN: write arn:aws:elasticfilesystem:<region>:<account>:access-point/fsap- and 17 hexadecimal digits.",
			"'/tmp/x' is not a mount path: write /mnt/ and one name of letters, digits, -, _ and . (like /mnt/efs).",
			'A function reaches a file system through its VPC: connect it to subnets and security groups first.',
		]);
		assert.deepEqual(checkFileSystemForm({arn: accessPoint, localMountPath: '/mnt/efs'}, true), []);
	});
});
