// The demo functions a fresh local Lambda data directory is seeded with, and the console's
// blueprints are made from: one per common use of Lambda (file processing, stream processing,
// a web application, an IoT backend, a mobile backend), each in Node.js and in Python, with
// real handler code. Shared data of the local Lambda (mock/) and the console (ui/).
//
// The handler code and a sample event of each function live as plain files under
// source/demo/functions/<name>/ (tsc does not copy them into dist/), so they are read
// at run time from the package root, wherever this module was compiled to.
import {readdirSync, readFileSync} from 'node:fs';
import {join, relative, sep} from 'node:path';
import {packageRoot} from '../package-root.js';

export interface DemoFunction {
	name: string;
	description: string;
	runtime: string;
	handler: string;
	memorySize: number;
	timeout: number;
	environment: Record<string, string>;
	tags: Record<string, string>;
	/** path inside the deployment zip -> file content */
	files: Record<string, string>;
	sampleEvent: unknown;
}

type Language = 'node' | 'python';

interface Spec {
	use: string;
	trigger: string;
	description: string;
	memorySize: Record<Language, number>;
	timeout: Record<Language, number>;
	environment: Record<string, string>;
}

const runtimes: Record<Language, {runtime: string; handler: string; main: string}> = {
	node: {runtime: 'nodejs22.x', handler: 'index.handler', main: 'index.mjs'},
	python: {runtime: 'python3.12', handler: 'lambda_function.lambda_handler', main: 'lambda_function.py'},
};

const specs: Record<string, Spec> = {
	'file-processor': {
		use: 'file-processing',
		trigger: 's3',
		description: 'Profiles CSV and JSON files uploaded to S3: rows, columns, column stats',
		memorySize: {node: 512, python: 1024},
		timeout: {node: 30, python: 30},
		environment: {LOG_LEVEL: 'INFO', MAX_OBJECT_BYTES: '10485760'},
	},
	'stream-processor': {
		use: 'stream-processing',
		trigger: 'kinesis',
		description: 'Aggregates order events from Kinesis; reports bad records for retry',
		memorySize: {node: 256, python: 256},
		timeout: {node: 15, python: 20},
		environment: {LOG_LEVEL: 'INFO', HIGH_VALUE_ORDER: '500'},
	},
	'web-app': {
		use: 'web-application',
		trigger: 'function-url',
		description: 'Catalogue web app behind a function URL: HTML page and /items JSON API',
		memorySize: {node: 128, python: 128},
		timeout: {node: 5, python: 6},
		environment: {LOG_LEVEL: 'INFO', APP_NAME: 'Demo coffee shop', MAX_PAGE_SIZE: '50'},
	},
	'iot-backend': {
		use: 'iot-backend',
		trigger: 'iot-rule',
		description: 'Checks greenhouse sensor telemetry against thresholds; raises alerts',
		memorySize: {node: 128, python: 192},
		timeout: {node: 3, python: 5},
		environment: {
			LOG_LEVEL: 'INFO',
			ALERT_THRESHOLD: '30',
			HUMIDITY_MAX: '85',
			CO2_MAX: '1000',
			SOIL_MOISTURE_MIN: '20',
			BATTERY_MIN: '20',
		},
	},
	'mobile-backend': {
		use: 'mobile-backend',
		trigger: 'api-gateway-rest',
		description: 'User profile API for a mobile app, with Cognito sign-in (API Gateway)',
		memorySize: {node: 256, python: 256},
		timeout: {node: 10, python: 10},
		environment: {LOG_LEVEL: 'INFO', TABLE_NAME: 'UserProfiles', ALLOWED_ORIGIN: '*'},
	},
};

/** The folder holding one sub-folder per demo function, in the package's source tree. */
function demoFunctionsDirectory(): string {
	return join(packageRoot(), 'source', 'demo', 'functions');
}

function isPackaged(name: string): boolean {
	return name !== '__pycache__' && !name.endsWith('.pyc') && name !== '.DS_Store';
}

/** Every file of a function's folder except its sample event, keyed by its path in the zip. */
function readPackage(folder: string): Record<string, string> {
	const files: Record<string, string> = {};
	const walk = (directory: string): void => {
		for (const entry of readdirSync(directory, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
			if (!isPackaged(entry.name)) continue;
			const full = join(directory, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.isFile()) {
				const path = relative(folder, full).split(sep).join('/');
				if (path !== 'event.json') files[path] = readFileSync(full, 'utf8');
			}
		}
	};
	walk(folder);
	return files;
}

export function demoFunctions(): DemoFunction[] {
	const root = demoFunctionsDirectory();
	const functions: DemoFunction[] = [];
	for (const [base, spec] of Object.entries(specs)) {
		for (const language of ['node', 'python'] as const) {
			const name = `${base}-${language}`;
			const folder = join(root, name);
			const {runtime, handler, main} = runtimes[language];
			const files = readPackage(folder);
			if (!(main in files)) throw new Error(`Demo function ${name} has no ${main} in ${folder}`);
			functions.push({
				name,
				description: spec.description,
				runtime,
				handler,
				memorySize: spec.memorySize[language],
				timeout: spec.timeout[language],
				environment: {...spec.environment},
				tags: {app: 'lambdash-demo', use: spec.use, trigger: spec.trigger, language: language === 'node' ? 'nodejs' : 'python'},
				files,
				sampleEvent: JSON.parse(readFileSync(join(folder, 'event.json'), 'utf8')) as unknown,
			});
		}
	}
	return functions;
}
