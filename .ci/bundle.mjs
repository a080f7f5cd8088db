// The installed `kcon` command as one bundle (dist/bundle/bin.js and its lazily loaded chunks),
// made from tsc's output in dist/source/ after every build. A one-shot command such as
// `kcon describe brokers` otherwise spends much of its run resolving, reading and compiling some
// 150 files (its own and kafkajs's) before its first request; bundled, that is a handful. Each
// command stays its own chunk (the registry's dynamic imports), so a command loads no other's code.
//
// Kept outside the bundle, loaded from node_modules as before:
// - ink and react: the console patches Ink's internal Output class in place (ui/ink-row-cache.ts),
//   which must be the very class Ink renders with, and React must be one copy for its hooks;
// - nothing else: kafkajs and net-snmp are CommonJS and bundle whole, each as one copy (source/
//   imports kafkajs only through ESM imports, so its patched internals are the ones it runs).
// The lab's worker processes (agent host, collectors, tower) keep running from dist/source/lab/.
import {build} from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'bundle');
fs.rmSync(outdir, {recursive: true, force: true});

await build({
	absWorkingDir: root,
	entryPoints: ['dist/source/bin.js'],
	outdir,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	external: ['ink', 'react', 'react/*'],
	// CommonJS code in an ES module bundle calls require() for Node's own modules
	banner: {js: "import {createRequire as kconCreateRequire} from 'node:module';\nconst require = kconCreateRequire(import.meta.url);"},
	chunkNames: 'chunks/[name]-[hash]',
	logLevel: 'warning',
	legalComments: 'none',
});
