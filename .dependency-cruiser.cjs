// The layer lint (`npm run lint`, also the first step of `npm test` and `npm run test:unit`).
//
// Imports point down only; the table of who may import whom is in readme.md, "Architecture":
//   cli.ts > commands/ > ui/ > ops/ > state/, present/, lab/ > kafka/, snmp/ > config/ > domain/ > base
// (state/ and present/ sit beside lab/, kafka/ and snmp/, not above them: they import only config/,
// domain/ and base). base = source/errors.ts, stop.ts, terminal-out.ts, terminal-safe.ts, terminal-color.ts, closed-pipe.ts, package-root.ts.
//
// Type-only imports (`import type`, `import {type X}`) count like any other import: a type names the
// module it lives in, so a type pulled from an upper layer ties the lower one to it just the same.
// One exception, written into its rule: present/ may read config/'s types (the shape of Settings it
// formats) without importing config/'s code.
//
// Package rules (kafkajs, net-snmp, ink, react) are about source/ only: tests and benchmarks may drive
// a real kafkajs client or render with ink-testing-library to check what source/ does.

/** A path regex for one folder (or file list) under source/. */
const layer = (...names) => `^source/(${names.join('|')})/`;
const BASE = '^source/(errors|stop|terminal-out|terminal-safe|terminal-color|closed-pipe|package-root)\\.ts$';
const ERRORS = '^source/errors\\.ts$';

/** "modules in `from` import nothing of ours except `allowed` (regexes)". */
function onlyImports(name, comment, from, allowed) {
	return {
		name,
		comment,
		severity: 'error',
		from: {path: from},
		to: {path: '^(source|test|bench)/', pathNot: allowed},
	};
}

module.exports = {
	forbidden: [
		onlyImports('domain-imports-domain', 'domain/ is pure types and logic: it imports only domain/ and source/errors.ts',
			layer('domain'), [layer('domain'), ERRORS]),
		{
			name: 'domain-no-packages',
			comment: 'domain/ is pure: no packages, no Node built-ins (a type from a package belongs in the layer that owns the package)',
			severity: 'error',
			from: {path: layer('domain')},
			to: {dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core']},
		},
		onlyImports('config-imports-domain-base', 'config/ turns flags + env + files into Settings: it imports only domain/, config/ and base',
			layer('config'), [layer('domain', 'config'), BASE]),
		{
			name: 'present-imports-domain-config-types-base',
			comment: 'present/ is pure formatting of snapshots and domain values: it imports domain/, present/ and base; from config/ only types',
			severity: 'error',
			from: {path: layer('present')},
			to: {path: '^(source|test|bench)/', pathNot: [layer('domain', 'present'), BASE, layer('config')]},
		},
		{
			name: 'present-config-types-only',
			comment: 'present/ may name config/ types (what it formats) but never runs config/ code',
			severity: 'error',
			from: {path: layer('present')},
			to: {path: layer('config'), dependencyTypesNot: ['type-only']},
		},
		onlyImports('state-imports-domain-config-base', 'state/ (reducer, pollers, selectors) holds what the console knows; it feeds present/, ui/, ops/ and commands/ and imports only state/, domain/, config/ and base',
			layer('state'), [layer('state', 'domain', 'config'), BASE]),
		onlyImports('kafka-imports-domain-config-base', 'kafka/ is the Kafka connection and codec stack: it imports only kafka/, domain/, config/ and base',
			layer('kafka'), [layer('kafka', 'domain', 'config'), BASE]),
		onlyImports('snmp-imports-domain-config-base', 'snmp/ is the SNMP client and agent: it imports only snmp/, domain/, config/ and base',
			layer('snmp'), [layer('snmp', 'domain', 'config'), BASE]),
		onlyImports('lab-imports-kafka-snmp-domain-config-base', 'lab/ runs the real local lab on top of kafka/ and snmp/: nothing above them',
			layer('lab'), [layer('lab', 'kafka', 'snmp', 'domain', 'config'), BASE]),
		{
			name: 'ops-not-above',
			comment: 'ops/ (operator actions) is shared by the CLI and the console: it never prints, prompts or renders',
			severity: 'error',
			from: {path: layer('ops')},
			to: {path: [layer('ui', 'commands', 'present'), '^source/cli\\.ts$']},
		},
		{
			name: 'ui-not-kafka-snmp-lab-commands',
			comment: 'ui/ never fetches: it receives the operations typed by ops/ through props or context',
			severity: 'error',
			from: {path: layer('ui')},
			to: {path: [layer('kafka', 'snmp', 'lab', 'commands'), '^source/cli\\.ts$']},
		},
		{
			name: 'commands-not-cli',
			comment: 'commands/ may use every layer below; cli.ts only dispatches to them',
			severity: 'error',
			from: {path: layer('commands')},
			to: {path: '^source/cli\\.ts$'},
		},
		onlyImports('base-imports-base', 'the base files (errors, stop, terminal-out, terminal-safe, closed-pipe) import nothing of ours above them',
			BASE, [BASE]),
		{
			name: 'source-not-test-bench',
			comment: 'test/ and bench/ import source/, source/ never imports them',
			severity: 'error',
			from: {path: '^source/'},
			to: {path: '^(test|bench)/'},
		},

		{
			name: 'kafkajs-only-in-kafka',
			comment: 'kafka/ is the only importer of kafkajs',
			severity: 'error',
			from: {path: '^source/', pathNot: layer('kafka')},
			to: {path: '(^|/)node_modules/kafkajs/'},
		},
		{
			name: 'kafkajs-internals-only-in-kafka-kafkajs',
			comment: 'deep kafkajs/src/... imports (unstable internals) live only in kafka/kafkajs/',
			severity: 'error',
			from: {path: '^source/', pathNot: layer('kafka/kafkajs')},
			to: {path: '(^|/)node_modules/kafkajs/src/'},
		},
		{
			name: 'net-snmp-only-in-snmp',
			comment: 'snmp/ is the only importer of net-snmp',
			severity: 'error',
			from: {path: '^source/', pathNot: layer('snmp')},
			to: {path: '(^|/)node_modules/net-snmp/'},
		},
		{
			name: 'ink-react-only-in-ui',
			comment: 'only ui/ imports ink or react; the console commands reach them through ui/ (describe, tail, lab... never load them)',
			severity: 'error',
			from: {path: '^source/', pathNot: layer('ui')},
			to: {path: '(^|/)node_modules/(ink|react)/'},
		},

		{
			name: 'no-circular',
			comment: 'a cycle makes two modules one; split out what they share',
			severity: 'error',
			from: {path: '^(source|test|bench)/'},
			to: {circular: true},
		},
		{
			name: 'no-orphans',
			comment: 'a source module nothing imports (and that imports nothing) is dead code',
			severity: 'error',
			from: {orphan: true, path: '^source/', pathNot: '\\.d\\.ts$'},
			to: {},
		},
	],
	options: {
		doNotFollow: {path: 'node_modules'},
		exclude: {path: '^dist/'},
		tsPreCompilationDeps: true,
		tsConfig: {fileName: 'tsconfig.json'},
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.tsx', '.d.ts', '.js', '.cjs', '.mjs', '.json'],
		},
		reporterOptions: {
			text: {highlightFocused: false},
		},
	},
};
