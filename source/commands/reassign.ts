// kcon reassign generate|execute|verify|cancel|list — partition reassignment with plans in the JSON
// format of kafka-reassign-partitions, validated before anything changes, throttled on request
// (IncrementalAlterConfigs: only the throttle keys are touched), cancellable (null target replicas).
// The actions are ops/reassign-*.ts; this file parses the flags, prompts and prints.
import path from 'node:path';
import {readTextBounded, TooLargeError} from '../config/bounded-read.js';
import type {CommandContext} from './context.js';
import {KconError, UsageError} from '../errors.js';
import {brokerId} from '../domain/numbers.js';
import {formatPlan, generatePlan, parsePlan, parseRate, PlanError, type ReassignmentPlan} from '../domain/reassign-plan.js';
import {planSummary, summaryText, type PartitionProgress, type PlanSummary} from '../domain/reassign-progress.js';
import {cliAction, confirm, info, out, parseActionArgs, type CliAction} from './action-support.js';
import type {CommandSpec} from './command-spec.js';
import {snapshotOf} from '../ops/reassign-engine.js';
import {startReassign} from '../ops/reassign-start.js';
import {reassignProgress, type ReassignReading} from '../ops/reassign-progress.js';
import {clearReassignThrottles} from '../ops/reassign-clear-throttles.js';
import {cancelReassign} from '../ops/reassign-cancel.js';
import {listReassignments} from '../ops/reassign-list.js';
import {reportError} from './report-error.js';
import {writeErr} from '../terminal-out.js';
import {uninterruptible} from '../stop.js';

const options = {
	topics: {type: 'string'},
	'rack-aware': {type: 'boolean'},
	throttle: {type: 'string'},
	yes: {type: 'boolean', short: 'y'},
	'allow-rf-change': {type: 'boolean'},
	'keep-throttle': {type: 'boolean'},
	'broker-list': {type: 'string'},
	wait: {type: 'boolean'},
	timeout: {type: 'string'},
} as const;

const planNote = 'PLAN: a file (or - for stdin) in the JSON format of kafka-reassign-partitions';

export const specs: readonly CommandSpec[] = [
	{
		name: 'reassign generate',
		summary: 'propose a plan that moves the partitions of topics onto target brokers (fewest replica moves, balanced leaders); changes nothing',
		usage: '--topics a,b --brokers 3,4,5 [--rack-aware] [options]',
		flags: [
			{name: 'topics', type: 'string', value: 'a,b,…', description: 'the topics to move (required)'},
			{name: 'broker-list', type: 'string', value: 'ID,…', description: 'the target broker ids; --brokers 3,4,5 (bare ids) works too when -b is not the bootstrap'},
			{name: 'rack-aware', type: 'boolean', description: 'spread replicas over racks (broker.rack)'},
		],
		connection: true,
		write: false,
		examples: ['kcon reassign generate --lab --topics resource --brokers 3,4,5 -o json', 'kcon reassign generate -b kafka1:9092 --topics orders --broker-list 1,2,3'],
	},
	{
		name: 'reassign execute',
		summary: 'start the moves of a plan after checking it; prints and saves the current assignment for rollback',
		usage: 'PLAN [--throttle 10MB/s] [--yes] [--allow-rf-change] [options]',
		flags: [
			{name: 'throttle', type: 'string', value: 'RATE', description: 'limit replication traffic per broker while replicas move (10MB/s, 500KB/s, bytes/s)'},
			{name: 'yes', short: 'y', type: 'boolean', description: 'do not ask (needed without a terminal)'},
			{name: 'allow-rf-change', type: 'boolean', description: 'allow a plan that changes the replication factor'},
		],
		connection: true,
		write: true,
		examples: ['kcon reassign execute plan.json --lab --throttle 10MB/s --yes'],
	},
	{
		name: 'reassign verify',
		summary: 'where the moves of a plan are: exit 0 complete (throttles removed), 4 still moving, 5 finished NOT as planned',
		usage: 'PLAN [--keep-throttle] [--wait [--timeout SECONDS]] [options]',
		flags: [
			{name: 'keep-throttle', type: 'boolean', description: 'leave the throttles in place when complete'},
			{name: 'wait', type: 'boolean', description: 'follow the move (a progress line on stderr every ~2 s) until nothing of the plan moves'},
			{name: 'timeout', type: 'string', value: 'SECONDS', description: 'with --wait: stop following then (exit 4 if it still moves)'},
		],
		connection: true,
		write: true,
		examples: ['kcon reassign verify plan.json --lab --wait --timeout 600'],
	},
	{
		name: 'reassign cancel',
		summary: 'cancel the reassignments in progress (of the plan, or all), replicas return, throttles go',
		usage: '[PLAN] [--yes] [--keep-throttle] [options]',
		flags: [
			{name: 'yes', short: 'y', type: 'boolean', description: 'do not ask (needed without a terminal)'},
			{name: 'keep-throttle', type: 'boolean', description: 'leave the throttles in place'},
		],
		connection: true,
		write: true,
		examples: ['kcon reassign cancel plan.json --lab --yes'],
	},
	{
		name: 'reassign list',
		summary: 'the reassignments in progress: replicas, adding, removing',
		usage: '[options]',
		flags: [],
		connection: true,
		write: false,
		examples: ['kcon reassign list --lab -o json'],
	},
];

type Values = ReturnType<typeof parseActionArgs<typeof options>>['values'];

export async function run(ctx: CommandContext): Promise<number> {
	const {values, positionals} = parseActionArgs(ctx.argv, options);
	const [sub, ...rest] = positionals;
	switch (sub) {
		case 'generate':
			noMore(rest);
			return generate(values);
		case 'execute':
			return execute(values, onePlan(rest, 'execute'));
		case 'verify':
			return verify(values, onePlan(rest, 'verify'), ctx.signal);
		case 'cancel':
			if (rest.length > 1) throw new UsageError(`unexpected argument '${rest[1]}'`);
			return cancel(values, rest[0]);
		case 'list':
			noMore(rest);
			return list(values);
		default:
			throw new UsageError('usage: kcon reassign generate|execute PLAN|verify PLAN|cancel [PLAN]|list (see kcon --help)');
	}
}

function noMore(rest: string[]): void {
	if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
}

function onePlan(rest: string[], sub: string): string {
	if (rest.length === 0) throw new UsageError(`kcon reassign ${sub} needs a PLAN file (JSON as kafka-reassign-partitions writes it)`);
	noMore(rest.slice(1));
	return rest[0]!;
}

// a plan that moves 100,000 partitions is about 8 MB of JSON
const MAX_PLAN_BYTES = 16 * 1024 * 1024;

function readPlan(file: string): ReassignmentPlan {
	let text: string;
	try {
		text = readTextBounded(file, MAX_PLAN_BYTES);
	} catch (error) {
		if (error instanceof TooLargeError) {
			throw new UsageError(`plan ${file === '-' ? '(stdin)' : file} is ${error.message}; a reassignment plan is JSON of a few MB at most`);
		}
		throw new UsageError(`cannot read plan ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
	}
	try {
		return parsePlan(text);
	} catch (error) {
		if (error instanceof PlanError) throw new UsageError(`invalid plan ${file}: ${error.problems.join('; ')}`);
		throw error;
	}
}

function idList(text: string | undefined, flag: string): number[] {
	if (!text) throw new UsageError(`--${flag} is required, e.g. --${flag} 3,4,5`);
	return [...new Set(text.split(',').map((s) => brokerId(s.trim(), `--${flag}`)))];
}

// --- generate --------------------------------------------------------------------------------

async function generate(values: Values): Promise<number> {
	if (!values.topics) throw new UsageError('--topics is required, e.g. --topics orders,payments');
	const topics = values.topics.split(',').map((s) => s.trim()).filter(Boolean);
	// `--brokers 3,4,5` (target ids, as the help says) shares its name with the bootstrap flag
	// `-b/--brokers host:port`: a list of bare ids is the target, anything else the bootstrap.
	let connection: Values = values;
	let targetText = values['broker-list'];
	if (values.brokers !== undefined && /^\s*\d+(\s*,\s*\d+)*\s*$/.test(values.brokers)) {
		if (targetText !== undefined) throw new UsageError('give the target brokers once: --brokers 3,4,5 or --broker-list 3,4,5');
		targetText = values.brokers;
		connection = {...values, brokers: undefined};
	}
	if (targetText === undefined && values.brokers !== undefined) {
		throw new UsageError(`-b/--brokers '${values.brokers}' is the bootstrap here; give the target brokers as --broker-list 3,4,5`);
	}
	const brokers = idList(targetText, 'brokers');
	const action = cliAction(connection);
	const snapshot = await snapshotOf(action.settings, topics);
	const problems: string[] = [];
	for (const t of topics) if (!snapshot.topics.some((x) => x.name === t)) problems.push(`topic '${t}' does not exist`);
	const known = new Set(snapshot.brokers.map((b) => b.id));
	for (const b of brokers) if (!known.has(b)) problems.push(`broker ${b} is unknown or not alive (brokers: ${[...known].join(', ')})`);
	if (problems.length) throw new UsageError(problems.join('; '));
	const racks = new Map(snapshot.brokers.map((b) => [b.id, b.rack]));
	if (values['rack-aware'] && snapshot.brokers.filter((b) => brokers.includes(b.id)).some((b) => b.rack === null)) {
		throw new UsageError('--rack-aware: not every target broker has a rack (broker.rack)');
	}
	let generated;
	try {
		generated = generatePlan(snapshot.topics.filter((t) => topics.includes(t.name)), brokers, {racks, rackAware: Boolean(values['rack-aware'])});
	} catch (error) {
		if (error instanceof PlanError) throw new UsageError(error.problems.join('; '));
		throw error;
	}
	out(
		action,
		[
			'Current partition replica assignment',
			formatPlan(generated.current),
			'',
			'Proposed partition reassignment configuration',
			formatPlan(generated.plan),
			'',
			`# ${generated.replicaMoves} replica move(s), ${generated.leaderChanges} preferred-leader change(s); per broker: ` +
				generated.load.map((l) => `${l.broker}: ${l.replicas} replicas, ${l.leaders} leaders`).join('; '),
		].join('\n'),
		{current: generated.current, proposed: generated.plan, replicaMoves: generated.replicaMoves, leaderChanges: generated.leaderChanges, load: generated.load},
	);
	return 0;
}

// --- execute ---------------------------------------------------------------------------------

async function execute(values: Values, file: string): Promise<number> {
	const plan = readPlan(file);
	let throttle: number | undefined;
	if (values.throttle !== undefined) {
		try {
			throttle = parseRate(values.throttle);
		} catch (error) {
			throw new UsageError(`--throttle: ${(error as Error).message}`);
		}
	}
	const cli = cliAction(values);
	let moves = 0;
	const result = await startReassign(
		cli.settings,
		{plan, throttle: throttle ?? null, allowRfChange: Boolean(values['allow-rf-change']), planFile: file === '-' ? '-' : path.resolve(file)},
		{
			checked: ({moving, rollback}, rollbackFile) => {
				moves = moving.length;
				info(
					cli,
					[
						'Current partition replica assignment (save it to roll back with kcon reassign execute):',
						formatPlan(rollback),
						`(also saved to ${rollbackFile})`,
						'',
						`${moving.length} of ${plan.partitions.length} partitions change:`,
						...moving.map((d) => `  ${d.topic}-${d.partition}  [${d.from.join(',')}] → [${d.to.join(',')}]`),
						throttle ? `throttle: ${throttle} B/s per broker while replicas move` : 'no throttle (use --throttle 10MB/s to limit replication traffic)',
					].join('\n'),
				);
			},
			confirm: (op) => confirm(op, Boolean(values.yes), `Type 'reassign' to move ${moves} partition(s):`, 'reassign'),
		},
	);
	const {rollbackFile, started, errors} = result;
	const rollback = result.checked.rollback;
	if (result.nothingToDo) {
		out(cli, 'nothing to do: every partition already has the planned replicas', {started: [], rollback, rollbackFile});
		return 0;
	}
	out(
		cli,
		[
			`started reassignment of ${started.length} partition(s)${throttle ? ` with a ${throttle} B/s throttle` : ''}`,
			...errors.map((e) => `  ${e.topic}-${e.partition} failed: ${e.error}${e.message ? ` (${e.message})` : ''}`),
			`follow it with: kcon reassign verify ${file}`,
		].join('\n'),
		{started: started.map((d) => ({topic: d.topic, partition: d.partition, replicas: d.to})), failed: errors, throttle: throttle ?? null, rollback, rollbackFile},
	);
	return errors.length ? 1 : 0;
}

// --- verify ----------------------------------------------------------------------------------

/** verify's exit codes besides 1 (unreachable), 2 (usage) and 3 (read-only): what a script waits on */
export const VERIFY_EXIT = {complete: 0, moving: 4, differs: 5} as const;
const WAIT_INTERVAL_MS = 2000;

/** One reading; then, when `settle` says the verify ends here, the throttle step (a separate action). */
async function verifyOnce(cli: CliAction, plan: ReassignmentPlan, planFile: string, wait: boolean, settle: (s: PlanSummary) => boolean, keep: string | null): Promise<{reading: ReassignReading; throttles: string | null}> {
	const reading = await reassignProgress(cli.settings, plan);
	const throttles = settle(reading.summary) ? await clearReassignThrottles(cli.settings, {plan, seen: reading, keep, planFile, wait}) : null;
	return {reading, throttles};
}

async function verify(values: Values, file: string, signal?: AbortSignal): Promise<number> {
	const plan = readPlan(file);
	const wait = Boolean(values.wait);
	let deadline = Infinity;
	if (values.timeout !== undefined) {
		const seconds = Number(values.timeout);
		if (!wait) throw new UsageError('--timeout goes with --wait');
		if (!(seconds > 0)) throw new UsageError(`--timeout must be a number of seconds > 0, not '${values.timeout}'`);
		deadline = Date.now() + seconds * 1000;
	}
	const cli = cliAction(values);
	const planFile = file === '-' ? '-' : path.resolve(file);
	const keepWhy = cli.settings.readOnly ? 'read-only' : values['keep-throttle'] ? '--keep-throttle' : null;
	// A stop signal while following the move ends the wait at the next reading (the move goes on);
	// a reading and the throttle removal it may end in run uninterruptible, so that the removal and
	// its audit entry are never cut in half.
	for (;;) {
		const last = Date.now() >= deadline;
		const settle = (s: PlanSummary) => !wait || s.outcome !== 'moving' || last;
		const result = await uninterruptible(() => verifyOnce(cli, plan, planFile, wait, settle, keepWhy));
		if (result.throttles !== null) return report(cli, result.reading, result.throttles);
		// progress lines go to stderr in either format: stdout carries only the final result
		writeErr(`${new Date().toISOString().slice(11, 19)} ${summaryText(result.reading.summary)}: ${movingText(result.reading.partitions)}\n`);
		if (await stopped(WAIT_INTERVAL_MS, signal)) {
			return reportError(new KconError(`interrupted; the reassignment goes on — follow it with: kcon reassign verify ${file}`, 130, 'interrupted'), cli.format === 'json');
		}
	}
}

/** Waits `ms`; true when `signal` aborted first (or already had). */
function stopped(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
	if (signal?.aborted) return Promise.resolve(true);
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve(false);
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			resolve(true);
		};
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}

function report(cli: CliAction, measured: ReassignReading, throttles: string): number {
	const {summary} = measured;
	const progress = measured.partitions;
	const lines = progress.map((p) => `${p.topic}-${p.partition}  ${progressText(p)}`);
	lines.push(summaryText(summary), `throttles: ${throttles}`);
	out(cli, lines.join('\n'), {complete: summary.outcome === 'complete', outcome: summary.outcome, activeAnywhere: measured.activeAnywhere, throttles, partitions: progress});
	return VERIFY_EXIT[summary.outcome];
}

/** The moving partitions in one line for --wait: "moves-1 41.0% ETA 12 s, moves-3 …". */
function movingText(progress: PartitionProgress[]): string {
	return progress
		.filter((p) => p.state === 'moving')
		.map((p) => `${p.topic}-${p.partition}${p.bytesTotal !== null && p.bytesDone !== null ? ` ${percent(p.bytesDone, p.bytesTotal)}%` : ''}${p.etaSeconds !== null ? ` ETA ${Math.ceil(p.etaSeconds)} s` : ''}`)
		.join(', ');
}

const percent = (done: bigint, total: bigint) => (total === 0n ? 100 : Number((done * 1000n) / total) / 10).toFixed(1);

function progressText(p: PartitionProgress): string {
	if (p.state === 'done') return `done [${p.target.join(',')}]`;
	if (p.state === 'differs') return `NOT as planned: replicas [${p.current.join(',')}], plan [${p.target.join(',')}] (no reassignment running)`;
	const parts = [`moving [${p.current.join(',')}] → [${p.target.join(',')}]`];
	if (p.adding.length) parts.push(`adding ${p.adding.join(',')}`);
	if (p.bytesTotal !== null && p.bytesDone !== null) parts.push(`${p.bytesDone}/${p.bytesTotal} bytes (${percent(p.bytesDone, p.bytesTotal)}%)`);
	if (p.etaSeconds !== null) parts.push(`ETA ${Math.ceil(p.etaSeconds)} s`);
	return parts.join(', ');
}

// --- cancel / list ---------------------------------------------------------------------------

async function cancel(values: Values, file: string | undefined): Promise<number> {
	const plan = file === undefined ? null : readPlan(file);
	const cli = cliAction(values);
	let found = 0;
	const {targets, errors, throttles} = await cancelReassign(
		cli.settings,
		{plan, keepThrottle: Boolean(values['keep-throttle']), ...(file === undefined ? {} : {planFile: path.resolve(file)})},
		{
			found: (targets) => {
				found = targets.length;
				info(cli, [`${targets.length} reassignment(s) in progress:`, ...targets.map((o) => `  ${o.topic}-${o.partition}  replicas [${o.replicas.join(',')}] adding [${o.addingReplicas.join(',')}] removing [${o.removingReplicas.join(',')}]`)].join('\n'));
			},
			confirm: (op) => confirm(op, Boolean(values.yes), `Type 'cancel' to cancel ${found} reassignment(s):`, 'cancel'),
		},
	);
	if (targets.length === 0) {
		out(cli, 'no reassignment in progress' + (plan ? ' for the partitions of this plan' : ''), {cancelled: []});
		return 0;
	}
	out(
		cli,
		[`cancelled ${targets.length - errors.length} reassignment(s)`, ...errors.map((e) => `  ${e.topic}-${e.partition} failed: ${e.error}`), `throttles: ${throttles}`].join('\n'),
		{cancelled: targets.filter((o) => !errors.some((e) => e.topic === o.topic && e.partition === o.partition)).map((o) => ({topic: o.topic, partition: o.partition})), failed: errors, throttles},
	);
	return errors.length ? 1 : 0;
}

async function list(values: Values): Promise<number> {
	const cli = cliAction(values);
	const ongoing = await listReassignments(cli.settings);
	out(
		cli,
		ongoing.length
			? ongoing.map((o) => `${o.topic}-${o.partition}  replicas [${o.replicas.join(',')}]  adding [${o.addingReplicas.join(',')}]  removing [${o.removingReplicas.join(',')}]`).join('\n')
			: 'no reassignment in progress',
		{reassignments: ongoing},
	);
	return 0;
}
