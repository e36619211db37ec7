// Step Functions errors as the service sends them over awsJson1_0: HTTP 400
// and a body {"__type": "StateMachineDoesNotExist", "message": "..."}, with
// AWS's exception names and the wording Step Functions uses.
import {AwsJsonError} from '../service-error.js';

export class SfnError extends AwsJsonError {}

export const stateMachineDoesNotExist = (arn: string): SfnError => new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
export const stateMachineAlreadyExists = (arn: string): SfnError => new SfnError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
export const invalidArn = (detail: string): SfnError => new SfnError('InvalidArn', `Invalid Arn: '${detail}'`);
export const invalidName = (name: string): SfnError => new SfnError('InvalidName', `Invalid Name: '${name}'`);
export const invalidDefinition = (detail: string): SfnError => new SfnError('InvalidDefinition', `Invalid State Machine Definition: '${detail}'`);
export const invalidToken = (token: string): SfnError => new SfnError('InvalidToken', `Invalid Token: '${token}'`);
export const resourceNotFound = (arn: string): SfnError => new SfnError('ResourceNotFound', `Resource not found: '${arn}'`);

/** One failed constraint, worded as the AWS request validation words it. */
export function validationError(problem: string): SfnError {
	return new SfnError('ValidationException', `1 validation error detected: ${problem}`);
}
