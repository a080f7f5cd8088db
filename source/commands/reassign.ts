// kcon reassign generate|execute|verify|cancel|list — partition reassignment with plans in the JSON
// format of kafka-reassign-partitions, validated before anything changes, throttled on request
// (IncrementalAlterConfigs: only the throttle keys are touched), cancellable (null target replicas).
import path from 'node:path';
import {readTextBounded, TooLargeError} from '../config/bounded-read.js';
import type {CommandContext} from './registry.js';
import {KconError, UsageError} from '../errors.js';
import {brokerId} from '../config/numbers.js';
import {ClusterActions} from '../kafka/actions/cluster-actions.js';
import {formatPlan, generatePlan, parsePlan, parseRate, PlanError, type ReassignmentPlan} from '../domain/reassign-plan.js';
import {planSummary, summaryText, type PartitionProgress, type PlanSummary} from '../domain/reassign-progress.js';
import {actionContext, confirm, info, out, parseActionArgs, record, refuseIfReadOnly, type ActionContext} from './action-support.js';
import {cancelMoves, checkPlan, measureProgress, movesOf, savePlan, settleThrottles, snapshotOf, startMoves, type MeasuredProgress} from './reassign-engine.js';
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
	const action = actionContext(connection, 'reassign.generate', {topics, brokers});
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
	const action = actionContext(values, 'reassign.execute', {
		plan: file === '-' ? '-' : path.resolve(file),
		partitions: plan.partitions.length,
		...(throttle ? {throttle} : {}),
		allowRfChange: Boolean(values['allow-rf-change']),
	});
	refuseIfReadOnly(action);
	const checked = await checkPlan(action, plan, {allowRfChange: Boolean(values['allow-rf-change'])});
	const {moving, rollback} = checked;
	const rollbackFile = savePlan(rollback, 'rollback');
	info(
		action,
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
	if (moving.length === 0) {
		out(action, 'nothing to do: every partition already has the planned replicas', {started: [], rollback, rollbackFile});
		record(action, 'ok', 'nothing to do');
		return 0;
	}
	await confirm(action, Boolean(values.yes), `Type 'reassign' to move ${moving.length} partition(s):`, 'reassign');
	// throttles, the moves and, when a step fails, their undo: never cut in half by a signal
	const {started, errors} = await uninterruptible(() => startMoves(action, checked, throttle));
	out(
		action,
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

interface Verified {
	measured: MeasuredProgress;
	summary: PlanSummary;
}

/** One measurement; then, when `settle` says the verify ends here, the throttle step. */
async function verifyOnce(action: ActionContext, plan: ReassignmentPlan, settle: (s: PlanSummary) => boolean, keep: string | null): Promise<Verified & {throttles: string | null}> {
	const snapshot = await snapshotOf(action.settings);
	const actions = new ClusterActions(action.settings, {brokers: snapshot.brokers});
	try {
		const measured = await measureProgress(actions, plan, snapshot);
		const summary = planSummary(measured.partitions);
		const throttles = settle(summary) ? await settleThrottles(action, actions, plan, measured, keep) : null;
		return {measured, summary, throttles};
	} finally {
		await actions.close();
	}
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
	const action = actionContext(values, 'reassign.verify', {plan: file === '-' ? '-' : path.resolve(file), ...(wait ? {wait: true} : {})});
	const keepWhy = action.settings.readOnly ? 'read-only' : values['keep-throttle'] ? '--keep-throttle' : null;
	// A stop signal while following the move ends the wait at the next reading (the move goes on);
	// a reading and the throttle removal it may end in run uninterruptible, so that the removal and
	// its audit entry are never cut in half.
	for (;;) {
		const last = Date.now() >= deadline;
		const settle = (s: PlanSummary) => !wait || s.outcome !== 'moving' || last;
		const result = await uninterruptible(() => verifyOnce(action, plan, settle, keepWhy));
		if (result.throttles !== null) return report(action, result, result.throttles);
		// progress lines go to stderr in either format: stdout carries only the final result
		writeErr(`${new Date().toISOString().slice(11, 19)} ${summaryText(result.summary)}: ${movingText(result.measured.partitions)}\n`);
		if (await stopped(WAIT_INTERVAL_MS, signal)) {
			return reportError(new KconError(`interrupted; the reassignment goes on — follow it with: kcon reassign verify ${file}`, 130, 'interrupted'), action.format === 'json');
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

function report(action: ActionContext, {measured, summary}: Verified, throttles: string): number {
	const progress = measured.partitions;
	const lines = progress.map((p) => `${p.topic}-${p.partition}  ${progressText(p)}`);
	lines.push(summaryText(summary), `throttles: ${throttles}`);
	out(action, lines.join('\n'), {complete: summary.outcome === 'complete', outcome: summary.outcome, activeAnywhere: measured.activeAnywhere, throttles, partitions: progress});
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
	const action = actionContext(values, 'reassign.cancel', file === undefined ? {all: true} : {plan: path.resolve(file)});
	refuseIfReadOnly(action);
	const snapshot = await snapshotOf(action.settings);
	const actions = new ClusterActions(action.settings, {brokers: snapshot.brokers});
	try {
		const targets = movesOf(plan, await actions.listReassignments());
		if (targets.length === 0) {
			out(action, 'no reassignment in progress' + (plan ? ' for the partitions of this plan' : ''), {cancelled: []});
			return 0;
		}
		info(action, [`${targets.length} reassignment(s) in progress:`, ...targets.map((o) => `  ${o.topic}-${o.partition}  replicas [${o.replicas.join(',')}] adding [${o.addingReplicas.join(',')}] removing [${o.removingReplicas.join(',')}]`)].join('\n'));
		await confirm(action, Boolean(values.yes), `Type 'cancel' to cancel ${targets.length} reassignment(s):`, 'cancel');
		const {errors, throttles} = await cancelMoves(action, actions, targets, snapshot, Boolean(values['keep-throttle']));
		out(
			action,
			[`cancelled ${targets.length - errors.length} reassignment(s)`, ...errors.map((e) => `  ${e.topic}-${e.partition} failed: ${e.error}`), `throttles: ${throttles}`].join('\n'),
			{cancelled: targets.filter((o) => !errors.some((e) => e.topic === o.topic && e.partition === o.partition)).map((o) => ({topic: o.topic, partition: o.partition})), failed: errors, throttles},
		);
		return errors.length ? 1 : 0;
	} finally {
		await actions.close();
	}
}

async function list(values: Values): Promise<number> {
	const action = actionContext(values, 'reassign.list', {});
	const actions = new ClusterActions(action.settings);
	try {
		const ongoing = await actions.listReassignments();
		out(
			action,
			ongoing.length
				? ongoing.map((o) => `${o.topic}-${o.partition}  replicas [${o.replicas.join(',')}]  adding [${o.addingReplicas.join(',')}]  removing [${o.removingReplicas.join(',')}]`).join('\n')
				: 'no reassignment in progress',
			{reassignments: ongoing},
		);
		return 0;
	} finally {
		await actions.close();
	}
}

