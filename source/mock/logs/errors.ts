// CloudWatch Logs errors as the service sends them over awsJson1_1: HTTP 400
// and a body {"__type": "ResourceNotFoundException", "message": "..."}, with
// AWS's exception names and messages.
import {AwsJsonError} from '../service-error.js';

export class LogsError extends AwsJsonError {}

export const groupNotFound = (): LogsError => new LogsError('ResourceNotFoundException', 'The specified log group does not exist.');
export const streamNotFound = (): LogsError => new LogsError('ResourceNotFoundException', 'The specified log stream does not exist.');
export const groupExists = (): LogsError => new LogsError('ResourceAlreadyExistsException', 'The specified log group already exists');
export const streamExists = (): LogsError => new LogsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
export const invalidParameter = (message: string): LogsError => new LogsError('InvalidParameterException', message);
export const invalidToken = (): LogsError => invalidParameter('The specified nextToken is invalid.');
