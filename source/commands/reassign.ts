// kcon reassign generate|execute|verify|cancel|list — partition reassignment with plans in the JSON
// format of kafka-reassign-partitions, validated before anything changes, throttled on request
// (IncrementalAlterConfigs: only the throttle keys are touched), cancellable (null target replicas).
import fs from 'node:fs';
import path from 'node:path';
import type {CommandContext} from './registry.js';
import {KconError, UsageError} from '../errors.js';
import {stateDir} from '../config/paths.js';
import {createGateway} from '../kafka/gateway.js';
import {ClusterActions, OP_DELETE, OP_SET, RESOURCE_BROKER, RESOURCE_TOPIC, type ConfigResourceChange, type OngoingReassignment} from '../kafka/actions.js';
import type {ClusterSnapshot} from '../domain/cluster.js';
import type {Settings} from '../config/settings.js';
import {
	formatPlan,
	generatePlan,
	parsePlan,
	parseRate,
	PlanError,
	planDiff,
	planProblems,
	rollbackPlan,
	throttledReplicas,
	type ReassignmentPlan,
} from '../domain/reassign-plan.js';
import {reassignProgress, type PartitionProgress} from '../domain/reassign-progress.js';
import {actionContext, audited, confirm, info, out, parseActionArgs, record, refuseIfReadOnly, type ActionContext} from './action-support.js';

const options = {
	topics: {type: 'string'},
	brokers: {type: 'string'},
	'rack-aware': {type: 'boolean'},
	throttle: {type: 'string'},
	yes: {type: 'boolean', short: 'y'},
	'allow-rf-change': {type: 'boolean'},
	'keep-throttle': {type: 'boolean'},
	'broker-list': {type: 'string'},
} as const;

export const THROTTLE_TOPIC_KEYS = ['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas'];
export const THROTTLE_BROKER_KEYS = ['leader.replication.throttled.rate', 'follower.replication.throttled.rate'];

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
			return verify(values, onePlan(rest, 'verify'));
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

function readPlan(file: string): ReassignmentPlan {
	let text: string;
	try {
		text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
	} catch (error) {
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
	const ids = text.split(',').map((s) => s.trim());
	if (ids.some((s) => !/^\d+$/.test(s))) throw new UsageError(`--${flag} must be broker ids like 3,4,5, not '${text}'`);
	return [...new Set(ids.map(Number))];
}

async function snapshotOf(settings: Settings, topics?: string[]): Promise<ClusterSnapshot> {
	const gateway = createGateway(settings);
	try {
		return await gateway.snapshot({offsets: false, groups: false, configs: false, reassignments: true, ...(topics ? {topics} : {})});
	} finally {
		await gateway.close();
	}
}

const planTopics = (plan: ReassignmentPlan) => [...new Set(plan.partitions.map((e) => e.topic))];

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
	const snapshot = await snapshotOf(action.settings);
	const problems = planProblems(plan, snapshot.topics, snapshot.brokers, {allowRfChange: Boolean(values['allow-rf-change'])});
	const diff = planDiff(plan, snapshot.topics);
	const busy = diff.filter((d) => {
		const p = snapshot.topics.find((t) => t.name === d.topic)?.partitions.find((x) => x.partition === d.partition);
		return p && (p.addingReplicas.length > 0 || p.removingReplicas.length > 0);
	});
	for (const b of busy) problems.push(`${b.topic}-${b.partition} is already being reassigned (see kcon reassign list; cancel first)`);
	if (problems.length) {
		record(action, 'refused', problems.join('; '));
		throw new KconError(`the plan cannot be executed, nothing was changed:\n  ${problems.join('\n  ')}`, 2, 'invalid-plan');
	}
	const moving = diff.filter((d) => d.changes);
	const rollback = rollbackPlan(plan, snapshot.topics);
	const rollbackFile = saveRollback(rollback);
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
	const actions = new ClusterActions(action.settings, {brokers: snapshot.brokers});
	try {
		const errors = await audited(
			action,
			async () => {
				const throttleBrokers = new Set<number>();
				if (throttle) {
					const changes: ConfigResourceChange[] = [];
					for (const [topic, v] of throttledReplicas(plan, snapshot.topics)) {
						changes.push({
							type: RESOURCE_TOPIC,
							name: topic,
							configs: [
								{name: THROTTLE_TOPIC_KEYS[0]!, op: OP_SET, value: v.leader},
								{name: THROTTLE_TOPIC_KEYS[1]!, op: OP_SET, value: v.follower},
							],
						});
					}
					for (const d of moving) for (const b of [...d.from, ...d.to]) throttleBrokers.add(b);
					for (const b of [...throttleBrokers].sort((x, y) => x - y)) {
						changes.push({
							type: RESOURCE_BROKER,
							name: String(b),
							configs: THROTTLE_BROKER_KEYS.map((name) => ({name, op: OP_SET, value: String(throttle)})),
						});
					}
					await actions.alterConfigs(changes);
				}
				const errors = await actions.alterReassignments(moving.map((d) => ({topic: d.topic, partition: d.partition, replicas: d.to})));
				if (errors.length === moving.length) {
					if (throttle) await removeThrottles(actions, planTopics(plan), [...throttleBrokers]).catch(() => {});
					throw new KconError(`no reassignment started: ${errors.map((e) => `${e.topic}-${e.partition}: ${e.error}${e.message ? ` (${e.message})` : ''}`).join('; ')}`);
				}
				return errors;
			},
			(errors) => `started ${moving.length - errors.length} of ${moving.length}${errors.length ? `; failed: ${errors.map((e) => `${e.topic}-${e.partition} ${e.error}`).join(', ')}` : ''}`,
		);
		const started = moving.filter((d) => !errors.some((e) => e.topic === d.topic && e.partition === d.partition));
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
	} finally {
		await actions.close();
	}
}

function saveRollback(plan: ReassignmentPlan): string {
	const dir = path.join(stateDir(), 'reassign');
	fs.mkdirSync(dir, {recursive: true});
	const file = path.join(dir, `rollback-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
	fs.writeFileSync(file, formatPlan(plan) + '\n');
	return file;
}

async function removeThrottles(actions: ClusterActions, topics: string[], brokers: number[]): Promise<void> {
	const changes: ConfigResourceChange[] = [
		...topics.map((name) => ({type: RESOURCE_TOPIC, name, configs: THROTTLE_TOPIC_KEYS.map((k) => ({name: k, op: OP_DELETE, value: null}))})),
		...brokers.map((b) => ({type: RESOURCE_BROKER, name: String(b), configs: THROTTLE_BROKER_KEYS.map((k) => ({name: k, op: OP_DELETE, value: null}))})),
	];
	await actions.alterConfigs(changes);
}

// --- verify ----------------------------------------------------------------------------------

async function verify(values: Values, file: string): Promise<number> {
	const plan = readPlan(file);
	const action = actionContext(values, 'reassign.verify', {plan: file === '-' ? '-' : path.resolve(file)});
	const snapshot = await snapshotOf(action.settings);
	const actions = new ClusterActions(action.settings, {brokers: snapshot.brokers});
	try {
		const ongoing = await actions.listReassignments();
		const sizes = async () => sampleSizes(actions, plan, snapshot, ongoing);
		let first = await sizes();
		let second = first;
		let seconds = 0;
		if (ongoing.length && first.size) {
			await new Promise((r) => setTimeout(r, 1000));
			second = await sizes();
			seconds = 1;
		}
		const progress = reassignProgress(plan, snapshot.topics, ongoing, first, second, seconds);
		const complete = progress.every((p) => p.state === 'done');
		const wrong = progress.filter((p) => p.state === 'differs');
		const activeAnywhere = ongoing.length > 0;
		let throttles: 'removed' | 'kept (reassignments still running)' | 'kept (read-only)' | 'kept (--keep-throttle)' = 'kept (reassignments still running)';
		if (!activeAnywhere) {
			if (action.settings.readOnly) throttles = 'kept (read-only)';
			else if (values['keep-throttle']) throttles = 'kept (--keep-throttle)';
			else {
				const brokers = snapshot.brokers.filter((b) => b.reachable).map((b) => b.id);
				await audited({...action, args: {...action.args, removeThrottles: true}}, () => removeThrottles(actions, planTopics(plan), brokers), () => `throttles removed from ${planTopics(plan).length} topic(s) and ${brokers.length} broker(s)`);
				throttles = 'removed';
			}
		}
		const lines = progress.map((p) => `${p.topic}-${p.partition}  ${progressText(p)}`);
		lines.push(
			complete ? `reassignment complete for all ${progress.length} partitions` : `${progress.filter((p) => p.state === 'in progress').length} partition(s) still moving`,
			`throttles: ${throttles}`,
		);
		out(action, lines.join('\n'), {complete, activeAnywhere, throttles, partitions: progress});
		return wrong.length ? 1 : 0;
	} finally {
		await actions.close();
	}
}

function progressText(p: PartitionProgress): string {
	if (p.state === 'done') return `done [${p.target.join(',')}]`;
	if (p.state === 'differs') return `NOT as planned: replicas [${p.current.join(',')}], plan [${p.target.join(',')}] (no reassignment running)`;
	const parts = [`moving [${p.current.join(',')}] → [${p.target.join(',')}]`];
	if (p.adding.length) parts.push(`adding ${p.adding.join(',')}`);
	if (p.bytesTotal !== null && p.bytesDone !== null) {
		const pct = p.bytesTotal === 0n ? 100 : Number((p.bytesDone * 1000n) / p.bytesTotal) / 10;
		parts.push(`${p.bytesDone}/${p.bytesTotal} bytes (${pct.toFixed(1)}%)`);
	}
	if (p.etaSeconds !== null) parts.push(`ETA ${Math.ceil(p.etaSeconds)} s`);
	return parts.join(', ');
}

/** key "topic\0partition\0broker" → replica size, from DescribeLogDirs on the leader and the adding brokers. */
async function sampleSizes(actions: ClusterActions, plan: ReassignmentPlan, snapshot: ClusterSnapshot, ongoing: OngoingReassignment[]): Promise<Map<string, bigint>> {
	const sizes = new Map<string, bigint>();
	const inPlan = new Set(plan.partitions.map((e) => `${e.topic}\u0000${e.partition}`));
	const moving = ongoing.filter((o) => inPlan.has(`${o.topic}\u0000${o.partition}`));
	const brokers = new Set<number>();
	for (const o of moving) {
		for (const b of o.addingReplicas) brokers.add(b);
		const leader = snapshot.topics.find((t) => t.name === o.topic)?.partitions.find((p) => p.partition === o.partition)?.leader;
		if (leader !== null && leader !== undefined) brokers.add(leader);
	}
	const topics = [...new Set(moving.map((o) => o.topic))].map((topic) => ({topic, partitions: moving.filter((o) => o.topic === topic).map((o) => o.partition)}));
	await Promise.all(
		[...brokers].map(async (b) => {
			try {
				for (const r of await actions.logDirs(b, topics)) {
					if (r.isFuture) continue;
					const k = `${r.topic}\u0000${r.partition}\u0000${b}`;
					sizes.set(k, (sizes.get(k) ?? 0n) + r.size);
				}
			} catch {
				// DescribeLogDirs did not answer for this broker: progress in bytes stays unknown
			}
		}),
	);
	return sizes;
}

// --- cancel / list ---------------------------------------------------------------------------

async function cancel(values: Values, file: string | undefined): Promise<number> {
	const plan = file === undefined ? null : readPlan(file);
	const action = actionContext(values, 'reassign.cancel', file === undefined ? {all: true} : {plan: path.resolve(file)});
	refuseIfReadOnly(action);
	const snapshot = await snapshotOf(action.settings);
	const actions = new ClusterActions(action.settings, {brokers: snapshot.brokers});
	try {
		const ongoing = await actions.listReassignments();
		const wanted = plan ? new Set(plan.partitions.map((e) => `${e.topic}\u0000${e.partition}`)) : null;
		const targets = ongoing.filter((o) => !wanted || wanted.has(`${o.topic}\u0000${o.partition}`));
		if (targets.length === 0) {
			out(action, 'no reassignment in progress' + (plan ? ' for the partitions of this plan' : ''), {cancelled: []});
			return 0;
		}
		info(action, [`${targets.length} reassignment(s) in progress:`, ...targets.map((o) => `  ${o.topic}-${o.partition}  replicas [${o.replicas.join(',')}] adding [${o.addingReplicas.join(',')}] removing [${o.removingReplicas.join(',')}]`)].join('\n'));
		await confirm(action, Boolean(values.yes), `Type 'cancel' to cancel ${targets.length} reassignment(s):`, 'cancel');
		const errors = await audited(
			action,
			() => actions.alterReassignments(targets.map((o) => ({topic: o.topic, partition: o.partition, replicas: null}))),
			(e) => `cancelled ${targets.length - e.length} of ${targets.length}`,
		);
		const left = await actions.listReassignments();
		let throttles = 'kept (reassignments still running)';
		if (left.length === 0 && !values['keep-throttle']) {
			const topics = [...new Set(targets.map((o) => o.topic))];
			await removeThrottles(actions, topics, snapshot.brokers.filter((b) => b.reachable).map((b) => b.id));
			throttles = 'removed';
		}
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

