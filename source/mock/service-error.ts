// An error a local service answers with: the exception's name (`code`), the
// HTTP status it goes with, and the body its protocol carries. Each service's
// errors module names its exceptions and their wording; this is the one shape
// they share.

export abstract class ServiceError extends Error {
	readonly code: string;
	readonly status: number;

	constructor(code: string, message: string, status: number) {
		super(message);
		this.name = code;
		this.code = code;
		this.status = status;
	}

	/** The JSON body of the error response. */
	abstract body(): Record<string, string>;
}

/** The awsJson protocols' error (CloudWatch Logs, Step Functions): a body {"__type": "<exception>", "message": "..."}. */
export class AwsJsonError extends ServiceError {
	constructor(code: string, message: string, status = 400) {
		super(code, message, status);
	}

	body(): {__type: string; message: string} {
		return {__type: this.code, message: this.message};
	}
}
