// The shipped binary: the compiled cli (dist/source/cli.js, as tsc wrote it) and
// what it imports, bundled by esbuild into dist/lambdash/ (part of `npm run
// build`, so `npm install` and `npm start` make it).
//
// Why: Node 20 has no compile cache, and loading the console module by module
// (the SDK's large CommonJS files, React, Ink and the 400 modules of the
// es-toolkit barrel Ink imports for one function) took about 350 ms before the
// first frame. One bundle, tree-shaken, minified and with React's production
// build, loads in a fraction of that. Tests import the modules from dist/ as
// tsc wrote them; the end-to-end tests, benchmarks and screenshots run this bundle.
import {build} from 'esbuild';
import {rmSync} from 'node:fs';
import {join} from 'node:path';
import {packageRoot} from '../../test/support/pty-terminal.js';

export const bundleDirectory = (root: string = packageRoot()): string => join(root, 'dist', 'lambdash');

async function main(): Promise<void> {
	const root = packageRoot();
	const outdir = bundleDirectory(root);
	rmSync(outdir, {recursive: true, force: true});
	await build({
		entryPoints: [join(root, 'dist', 'source', 'cli.js')],
		outdir,
		bundle: true,
		splitting: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		minify: true,
		sourcemap: 'linked',
		legalComments: 'linked',
		// React and Ink pick their production builds.
		define: {'process.env.NODE_ENV': '"production"'},
		// Ink loads React's devtools only when DEV=true; they are not installed.
		external: ['react-devtools-core'],
		// CommonJS dependencies call require() for Node's built-in modules.
		banner: {js: "import {createRequire as lambdashCreateRequire} from 'node:module'; const require = lambdashCreateRequire(import.meta.url);"},
		logLevel: 'warning',
	});
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
