// The blueprints a function can be created from, one per common use of Lambda,
// as the console offers them: hello world in Node.js and in Python, and the
// demo functions' uses (file processing from S3, stream processing from
// Kinesis, a web application behind a function URL, an IoT backend, a mobile
// backend), each in Node.js and in Python. A blueprint is its code, its
// configuration (runtime, handler, memory, timeout, environment) and a test
// event that matches it.
//
// Pure: the hello-world code is here, and the configuration of each use, which
// the demo functions (source/demo/index.ts) take too; the other blueprints'
// code and events are the demo functions' files (source/demo/functions/<demo>/),
// read by source/demo/blueprint-code.ts.

export type BlueprintLanguage = 'node' | 'python';

export interface Blueprint {
	id: string;
	/** One line, shown in the picker. */
	title: string;
	/** One line: what the code does. */
	description: string;
	language: BlueprintLanguage;
	runtime: string;
	handler: string;
	memorySize: number;
	timeout: number;
	environment: Record<string, string>;
	/** The name the form starts with. */
	suggestedName: string;
	/** The name of the matching test event, saved with the new function. */
	eventName: string;
	/** Where the code is: inline here, or the demo function's folder. */
	source: {kind: 'inline'; files: Record<string, string>; event: unknown} | {kind: 'demo'; demo: string};
}

const helloNode = `// Hello world: returns a greeting for the event's name, and logs the event.
export const handler = async (event, context) => {
	console.log('Received event:', JSON.stringify(event));
	const name = typeof event?.name === 'string' && event.name !== '' ? event.name : 'world';
	return {
		statusCode: 200,
		body: JSON.stringify({message: \`Hello, \${name}!\`, requestId: context.awsRequestId}),
	};
};
`;

const helloPython = `"""Hello world: returns a greeting for the event's name, and logs the event."""
import json


def lambda_handler(event, context):
    print("Received event: " + json.dumps(event))
    name = event.get("name") if isinstance(event, dict) else None
    if not isinstance(name, str) or name == "":
        name = "world"
    return {
        "statusCode": 200,
        "body": json.dumps({"message": f"Hello, {name}!", "requestId": context.aws_request_id}),
    }
`;

const helloEvent = {name: 'Ada', key1: 'value1', key2: 'value2'};

/** Each language's runtime, handler and the handler's file: the blueprints' and the demo functions' (source/demo/index.ts). */
export const blueprintLanguages: Record<BlueprintLanguage, {label: string; runtime: string; handler: string; main: string}> = {
	node: {label: 'Node.js', runtime: 'nodejs22.x', handler: 'index.handler', main: 'index.mjs'},
	python: {label: 'Python', runtime: 'python3.12', handler: 'lambda_function.lambda_handler', main: 'lambda_function.py'},
};

/** A common use of Lambda: a demo function of the local Lambda in each language (source/demo/index.ts), and the blueprints made from them. */
export interface DemoUse {
	base: string;
	/** The demo function's tags (use, trigger) and its Description. */
	use: string;
	trigger: string;
	demoDescription: string;
	title: string;
	description: string;
	memorySize: Record<BlueprintLanguage, number>;
	timeout: Record<BlueprintLanguage, number>;
	environment: Record<string, string>;
	eventName: string;
}

export const demoUses: readonly DemoUse[] = [
	{
		base: 'file-processor',
		use: 'file-processing',
		trigger: 's3',
		demoDescription: 'Profiles CSV and JSON files uploaded to S3: rows, columns, column stats',
		title: 'File processing from S3',
		description: 'profiles uploaded CSV/JSON files',
		memorySize: {node: 512, python: 1024},
		timeout: {node: 30, python: 30},
		environment: {LOG_LEVEL: 'INFO', MAX_OBJECT_BYTES: '10485760'},
		eventName: 's3-put',
	},
	{
		base: 'stream-processor',
		use: 'stream-processing',
		trigger: 'kinesis',
		demoDescription: 'Aggregates order events from Kinesis; reports bad records for retry',
		title: 'Stream processing from Kinesis',
		description: 'totals orders, flags bad ones',
		memorySize: {node: 256, python: 256},
		timeout: {node: 15, python: 20},
		environment: {LOG_LEVEL: 'INFO', HIGH_VALUE_ORDER: '500'},
		eventName: 'kinesis-records',
	},
	{
		base: 'web-app',
		use: 'web-application',
		trigger: 'function-url',
		demoDescription: 'Catalogue web app behind a function URL: HTML page and /items JSON API',
		title: 'Web application (function URL)',
		description: 'HTML page and /items JSON API',
		memorySize: {node: 128, python: 128},
		timeout: {node: 5, python: 6},
		environment: {LOG_LEVEL: 'INFO', APP_NAME: 'Demo coffee shop', MAX_PAGE_SIZE: '50'},
		eventName: 'function-url-get',
	},
	{
		base: 'iot-backend',
		use: 'iot-backend',
		trigger: 'iot-rule',
		demoDescription: 'Checks greenhouse sensor telemetry against thresholds; raises alerts',
		title: 'IoT backend',
		description: 'checks sensor readings, raises alerts',
		memorySize: {node: 128, python: 192},
		timeout: {node: 3, python: 5},
		environment: {LOG_LEVEL: 'INFO', ALERT_THRESHOLD: '30', HUMIDITY_MAX: '85', CO2_MAX: '1000', SOIL_MOISTURE_MIN: '20', BATTERY_MIN: '20'},
		eventName: 'iot-telemetry',
	},
	{
		base: 'mobile-backend',
		use: 'mobile-backend',
		trigger: 'api-gateway-rest',
		demoDescription: 'User profile API for a mobile app, with Cognito sign-in (API Gateway)',
		title: 'Mobile backend (API Gateway)',
		description: 'profiles, Cognito sign-in',
		memorySize: {node: 256, python: 256},
		timeout: {node: 10, python: 10},
		environment: {LOG_LEVEL: 'INFO', TABLE_NAME: 'UserProfiles', ALLOWED_ORIGIN: '*'},
		eventName: 'api-gateway-request',
	},
];

function helloWorld(language: BlueprintLanguage): Blueprint {
	const {label, runtime, handler} = blueprintLanguages[language];
	return {
		id: `hello-world-${language}`,
		title: `Hello world in ${label}`,
		description: 'returns a greeting, logs the event',
		language,
		runtime,
		handler,
		memorySize: 128,
		timeout: 3,
		environment: {},
		suggestedName: `hello-world-${language}`,
		eventName: 'hello',
		source: {kind: 'inline', files: language === 'node' ? {'index.mjs': helloNode} : {'lambda_function.py': helloPython}, event: helloEvent},
	};
}

/** Every blueprint, in the order the picker lists them. */
export const blueprints: readonly Blueprint[] = [
	helloWorld('node'),
	helloWorld('python'),
	...demoUses.flatMap((use) =>
		(['node', 'python'] as const).map((language): Blueprint => {
			const {label, runtime, handler} = blueprintLanguages[language];
			return {
				id: `${use.base}-${language}`,
				title: `${use.title} in ${label}`,
				description: use.description,
				language,
				runtime,
				handler,
				memorySize: use.memorySize[language],
				timeout: use.timeout[language],
				environment: {...use.environment},
				suggestedName: `my-${use.base}-${language}`,
				eventName: use.eventName,
				source: {kind: 'demo', demo: `${use.base}-${language}`},
			};
		}),
	),
];

export function blueprintById(id: string): Blueprint | undefined {
	return blueprints.find((blueprint) => blueprint.id === id);
}

/** The starter code a function authored from scratch gets, by runtime, as the console gives it. */
export function scratchCode(runtime: string): {handler: string; files: Record<string, string>} {
	if (runtime.startsWith('nodejs')) {
		return {
			handler: 'index.handler',
			files: {
				'index.mjs': `export const handler = async (event) => {\n\tconst response = {\n\t\tstatusCode: 200,\n\t\tbody: JSON.stringify('Hello from Lambda!'),\n\t};\n\treturn response;\n};\n`,
			},
		};
	}
	if (runtime.startsWith('python')) {
		return {
			handler: 'lambda_function.lambda_handler',
			files: {
				'lambda_function.py': `import json\n\n\ndef lambda_handler(event, context):\n    return {\n        'statusCode': 200,\n        'body': json.dumps('Hello from Lambda!')\n    }\n`,
			},
		};
	}
	if (runtime.startsWith('ruby')) {
		return {
			handler: 'lambda_function.lambda_handler',
			files: {'lambda_function.rb': `require 'json'\n\ndef lambda_handler(event:, context:)\n  { statusCode: 200, body: JSON.generate('Hello from Lambda!') }\nend\n`},
		};
	}
	if (runtime.startsWith('provided')) {
		// The console's shell sample: a bootstrap that serves the Runtime API and sources the handler's script.
		return {
			handler: 'function.handler',
			files: {
				bootstrap: `#!/bin/sh\nset -euo pipefail\n. "$LAMBDA_TASK_ROOT/$(echo "$_HANDLER" | cut -d. -f1).sh"\nwhile true; do\n  HEADERS="$(mktemp)"\n  EVENT_DATA=$(curl -sS -LD "$HEADERS" "http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next")\n  REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)\n  RESPONSE=$($(echo "$_HANDLER" | cut -d. -f2) "$EVENT_DATA")\n  curl -sS "http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/$REQUEST_ID/response" -d "$RESPONSE" > /dev/null\ndone\n`,
				'function.sh': `handler () {\n  EVENT_DATA=$1\n  echo "$EVENT_DATA" 1>&2\n  echo '{"statusCode": 200, "body": "Hello from Lambda!"}'\n}\n`,
			},
		};
	}
	// Java and .NET need a build: the function starts with a note, and the code comes from an upload.
	const handler = runtime.startsWith('java') ? 'example.Hello::handleRequest' : 'Function::Function.Function::FunctionHandler';
	return {
		handler,
		files: {'README.txt': `${runtime} functions run compiled code: build your project and upload its package (Code tab or aws lambda update-function-code).\nThe handler is ${handler}.\n`},
	};
}
