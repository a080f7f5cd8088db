// `npm run lint`: the layer, package, cycle and orphan rules of .dependency-cruiser.cjs over source/,
// test/ and bench/, one line per violation ("rule: from → to"), then why each broken rule exists.
// Exit code 1 when anything breaks a rule, 2 when dependency-cruiser itself failed.
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// the bin is not an export of the package, so it is found next to node_modules, not resolved
const bin = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

const started = Date.now();
// the cache (in dist/, so a clean build starts it afresh) re-reads only the files that changed
const args = ['source', 'test', 'bench', '--config', '.dependency-cruiser.cjs', '--output-type', 'json', '--cache', 'dist/.depcruise-cache'];
const run = spawnSync(process.execPath, [bin, ...args], {
	cwd: root,
	encoding: 'utf8',
	maxBuffer: 256 * 1024 * 1024,
});
let result;
try {
	result = JSON.parse(run.stdout);
} catch {
	process.stderr.write(run.stderr || `lint: dependency-cruiser exited ${run.status} without a result\n`);
	process.exit(2);
}

/** node_modules paths read as the package file they are ("kafkajs/src/broker/index.js"). */
const short = (name) => name.replace(/^.*node_modules\//, '');
const typeOnly = (types) => (types?.includes('type-only') ? ' (type-only)' : '');

const violations = result.summary.violations;
const lines = violations.map((v) => {
	const rule = `${v.rule.severity} ${v.rule.name}`;
	if (v.cycle) return `${rule}: ${[v.from, ...v.cycle.map((step) => step.name)].join(' → ')}`;
	if (v.type === 'module') return `${rule}: ${v.from}`;
	return `${rule}: ${v.from} → ${short(v.to)}${typeOnly(v.dependencyTypes)}`;
});
for (const line of [...new Set(lines)].sort()) process.stdout.write(`${line}\n`);

const broken = new Set(violations.map((v) => v.rule.name));
const rules = result.summary.ruleSetUsed?.forbidden ?? [];
for (const rule of rules) if (broken.has(rule.name)) process.stdout.write(`  why ${rule.name}: ${rule.comment}\n`);

const {error, warn, totalCruised, totalDependenciesCruised} = result.summary;
const seconds = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(`lint: ${error} error(s), ${warn} warning(s) in ${totalCruised} modules, ${totalDependenciesCruised} dependencies (${seconds} s)\n`);
process.exitCode = error > 0 ? 1 : 0;
