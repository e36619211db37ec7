// STS, awsQuery protocol: a form-encoded POST (Action=GetCallerIdentity&Version=2011-06-15)
// answered in XML. Only GetCallerIdentity, so that tools pointed at the local
// Lambda (the console, the SDK's STS client, the AWS CLI) can learn the account.

import {randomUUID} from 'node:crypto';

export interface StsReply {
	status: number;
	body: string;
	errorCode?: string;
}

const namespace = 'https://sts.amazonaws.com/doc/2011-06-15/';

function escapeXml(text: string): string {
	return text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function stsError(code: string, message: string, status = 400): StsReply {
	const requestId = randomUUID();
	return {
		status,
		errorCode: code,
		body:
			`<ErrorResponse xmlns="${namespace}">\n` +
			`  <Error>\n    <Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>\n    <Code>${escapeXml(code)}</Code>\n` +
			`    <Message>${escapeXml(message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`,
	};
}

export function handleSts(parameters: URLSearchParams, accountId: string): StsReply {
	const action = parameters.get('Action');
	if (action === null) return stsError('MissingAction', 'Missing Action');
	if (action !== 'GetCallerIdentity') {
		return stsError('InvalidAction', `Could not find operation ${action} for version ${parameters.get('Version') ?? 'NO_VERSION_SPECIFIED'}`);
	}
	const requestId = randomUUID();
	return {
		status: 200,
		body:
			`<GetCallerIdentityResponse xmlns="${namespace}">\n` +
			`  <GetCallerIdentityResult>\n` +
			`    <Arn>arn:aws:iam::${accountId}:user/lambdash-local</Arn>\n` +
			`    <UserId>AIDALAMBDASHLOCAL0001</UserId>\n` +
			`    <Account>${accountId}</Account>\n` +
			`  </GetCallerIdentityResult>\n` +
			`  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
			`</GetCallerIdentityResponse>\n`,
	};
}
