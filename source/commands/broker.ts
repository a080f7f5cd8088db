// kcon broker kill|start ID — stop or start one broker, with an impact preview before any kill.
// In the lab through its PIDs (source/lab); elsewhere through the context's brokerCommands argv
// templates ({id}, {host}, {port}, {signal}), run without a shell, with a timeout, output shown.
import type {CommandContext} from './registry.js';
import {KconError, UsageError} from '../errors.js';
import {createGateway} from '../kafka/gateway/gateway.js';
import type {BrokerCommand, Settings} from '../config/settings.js';
import type {ClusterSnapshot} from '../domain/cluster.js';
import {impactLines, killImpact, killNeedsForce, type KillImpact} from '../domain/impact.js';
import {readLabState, processAlive, type LabState} from '../lab/state.js';
import {startBroker} from '../lab/lab.js';
import {stopProcess} from '../lab/processes.js';
import {expandArgv, runCommand, type ArgvValues} from './broker-command.js';
import {
	actionContext,
	ask,
	audited,
	confirm,
	info,
	interactive,
	out,
	parseActionArgs,
	positiveId,
	refuse,
	refuseIfReadOnly,
	consoleAction,
	type ActionContext,
} from './action-support.js';
import {writeErr, writeOut} from '../terminal-out.js';

const options = {
	signal: {type: 'string'},
	yes: {type: 'boolean', short: 'y'},
	force: {type: 'boolean'},
	'timeout': {type: 'string'},
} as const;

export async function run(ctx: CommandContext): Promise<number> {
	const {values, positionals} = parseActionArgs(ctx.argv, options);
	const [sub, idText, ...rest] = positionals;
	if (sub !== 'kill' && sub !== 'start') throw new UsageError(`usage: kcon broker kill|start ID [--signal KILL|TERM] [--yes] [--force]`);
	if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
	const id = positiveId(idText);
	const signal = (values.signal ?? 'TERM').toUpperCase().replace(/^SIG/, '');
	if (signal !== 'KILL' && signal !== 'TERM') throw new UsageError(`--signal must be KILL or TERM, not '${values.signal}'`);
	if (sub === 'start' && (values.signal || values.force)) throw new UsageError('--signal and --force apply to kill only');
	const args: Record<string, unknown> = sub === 'kill' ? {id, signal, yes: Boolean(values.yes), force: Boolean(values.force)} : {id};
	const action = actionContext(values, `broker.${sub}`, args);
	refuseIfReadOnly(action);
	const mechanism = chooseMechanism(action, id, sub);
	return sub === 'kill'
		? kill(action, id, signal, Boolean(values.yes), Boolean(values.force), mechanism)
		: start(action, id, mechanism);
}

type Mechanism = {kind: 'lab'; state: LabState} | {kind: 'command'; argv: string[]; timeoutMs: number};

function chooseMechanism(action: ActionContext, id: number, sub: 'kill' | 'start'): Mechanism {
	const settings = action.settings;
	if (settings.source === 'lab') {
		const state = readLabState(settings.labStateDir);
		if (!state) throw new KconError('no lab is running; start one with `kcon lab up`', 1, 'no-lab');
		const node = state.nodes.find((n) => n.id === id);
		if (!node || !node.roles.includes('broker')) {
			const ids = state.nodes.filter((n) => n.roles.includes('broker')).map((n) => n.id);
			throw new UsageError(`the lab has no broker ${id} (brokers: ${ids.join(', ')})`);
		}
		return {kind: 'lab', state};
	}
	const template = settings.brokerCommands?.[sub];
	if (!template) {
		throw new UsageError(
			`don't know how to ${sub} broker ${id}: use --lab, or give the context a brokerCommands.${sub} argv (e.g. ["docker","${sub === 'kill' ? 'kill' : 'start'}","broker{id}"])`,
		);
	}
	const argv = commandFor(template, id);
	if (!argv) throw new UsageError(`brokerCommands.${sub} of context '${settings.context}' has no entry for broker ${id}`);
	return {kind: 'command', argv, timeoutMs: settings.brokerCommands!.timeoutMs};
}

/** The argv of a command mechanism with its values checked (a refusal is audited); null in the lab. */
function commandArgv(action: ActionContext, mechanism: Mechanism, values: ArgvValues): string[] | null {
	if (mechanism.kind !== 'command') return null;
	try {
		return expandArgv(mechanism.argv, values);
	} catch (error) {
		refuse(action, (error as Error).message, 2);
	}
}

function commandFor(template: BrokerCommand, id: number): string[] | null {
	if (Array.isArray(template)) return template;
	return template[String(id)] ?? null;
}

async function snapshotOf(settings: Settings): Promise<ClusterSnapshot> {
	const gateway = createGateway(settings);
	try {
		return await gateway.snapshot({offsets: false, groups: true, configs: true, reassignments: false});
	} finally {
		await gateway.close();
	}
}

async function kill(action: ActionContext, id: number, signal: string, yes: boolean, force: boolean, mechanism: Mechanism): Promise<number> {
	let snapshot: ClusterSnapshot | null = null;
	try {
		snapshot = await snapshotOf(action.settings);
	} catch (error) {
		if (!force) refuse(action, `cannot preview the impact (${error instanceof Error ? error.message : String(error)}); use --force to kill anyway`);
	}
	let impact: KillImpact | null = null;
	if (snapshot) {
		impact = killImpact(snapshot, id);
		if (!impact.known && mechanism.kind === 'command') {
			refuse(action, `broker ${id} is not in the cluster (brokers: ${snapshot.brokers.map((b) => b.id).join(', ')})`, 2);
		}
		info(action, impactLines(impact).join('\n'));
	}
	const labNode = mechanism.kind === 'lab' ? mechanism.state.nodes.find((n) => n.id === id)! : null;
	if (labNode && !processAlive(labNode.pid, labNode.marker)) refuse(action, `broker ${id} is not running (no live process for ${labNode.name})`);
	const forceReason = impact ? killNeedsForce(impact) : null;
	if (forceReason && !force) {
		if (impact!.lastReachable || !interactive()) refuse(action, `${forceReason}: refusing without --force; nothing was changed`);
		// on a terminal: a second, explicit confirmation for taking partitions offline
		const answer = await ask(`${forceReason}. Type 'offline' to accept that: `);
		if (answer !== 'offline') refuse(action, `not confirmed; nothing was changed`);
	}
	const broker = snapshot?.brokers.find((b) => b.id === id);
	const argv = commandArgv(action, mechanism, {id, host: broker?.host ?? '', port: broker?.port ?? '', signal});
	await confirm(action, yes, `Type the broker id (${id}) to ${signal === 'KILL' ? 'kill -9' : 'stop'} broker ${id}:`, String(id));
	const started = Date.now();
	const detail = await audited(
		action,
		async () => {
			if (mechanism.kind === 'lab') {
				const node = labNode!;
				const pid = node.pid!;
				const gone = await stopProcess(pid, signal === 'KILL' ? 'SIGKILL' : 'SIGTERM', {marker: node.marker, timeoutMs: 30_000});
				if (!gone) throw new KconError(`broker ${id} (pid ${pid}) did not stop`);
				return `pid ${pid} stopped with SIG${signal}`;
			}
			await runCommand(argv!, mechanism.timeoutMs, action);
			return `ran ${argv!.join(' ')}`;
		},
		(d) => d,
	);
	const result = {action: 'kill', broker: id, signal, result: 'ok', detail, ms: Date.now() - started, impact};
	out(action, `broker ${id} stopped (${detail}) in ${((Date.now() - started) / 1000).toFixed(1)} s`, result);
	return 0;
}

async function start(action: ActionContext, id: number, mechanism: Mechanism): Promise<number> {
	const argv = commandArgv(action, mechanism, {id, host: '', port: '', signal: ''});
	const started = Date.now();
	const detail = await audited(
		action,
		async () => {
			if (mechanism.kind === 'lab') {
				const pid = await startBroker(mechanism.state, id);
				return `pid ${pid}`;
			}
			await runCommand(argv!, mechanism.timeoutMs, action);
			return `ran ${argv!.join(' ')}`;
		},
		(d) => d,
	);
	// wait until the broker is back in the cluster's metadata
	let rejoined = false;
	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline) {
		try {
			const snapshot = await snapshotOf(action.settings);
			if (snapshot.brokers.some((b) => b.id === id && b.reachable)) {
				rejoined = true;
				break;
			}
		} catch {
			// not yet
		}
		await new Promise((r) => setTimeout(r, 1000));
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	out(
		action,
		rejoined ? `broker ${id} started (${detail}) and rejoined the cluster in ${seconds} s` : `broker ${id} started (${detail}) but is not in the cluster's metadata after ${seconds} s`,
		{action: 'start', broker: id, result: 'ok', detail, rejoined, ms: Date.now() - started},
	);
	return rejoined ? 0 : 1;
}

// --- for the console (K / S keys): the same guards without the terminal prompts -------------

/** The impact preview of stopping broker `id`, from a fresh snapshot. */
export async function previewKill(settings: Settings, id: number): Promise<KillImpact> {
	return killImpact(await snapshotOf(settings), id);
}

/**
 * Kill or start broker `id` after the console's own confirmations (KillConfirm). Refuses in
 * read-only mode (ReadOnlyError), refuses a kill that needs force unless `force` (the operator
 * accepted going offline), and audits like the scripted command. Resolves to a one-line result.
 */
export async function performBrokerAction(
	settings: Settings,
	sub: 'kill' | 'start',
	id: number,
	options: {signal?: 'KILL' | 'TERM'; force?: boolean} = {},
): Promise<string> {
	const signal = options.signal ?? 'TERM';
	const action = consoleAction(settings, `broker.${sub}`, sub === 'kill' ? {id, signal, force: Boolean(options.force)} : {id});
	const mechanism = chooseMechanism(action, id, sub);
	if (sub === 'start') {
		const argv = commandArgv(action, mechanism, {id, host: '', port: '', signal: ''});
		return audited(action, async () => {
			if (mechanism.kind === 'lab') return `broker ${id} started (pid ${await startBroker(mechanism.state, id)})`;
			const output: string[] = [];
			await runCommand(argv!, mechanism.timeoutMs, action, output);
			return `broker ${id} started (${argv!.join(' ')})${lastLine(output)}`;
		}, (d) => d);
	}
	const snapshot = await snapshotOf(settings);
	const reason = killNeedsForce(killImpact(snapshot, id));
	if (reason && !options.force) refuse(action, `${reason}: not confirmed`);
	const broker = snapshot.brokers.find((b) => b.id === id);
	const argv = commandArgv(action, mechanism, {id, host: broker?.host ?? '', port: broker?.port ?? '', signal});
	return audited(action, async () => {
		if (mechanism.kind === 'lab') {
			const node = mechanism.state.nodes.find((n) => n.id === id)!;
			if (!processAlive(node.pid, node.marker)) throw new KconError(`broker ${id} is not running`);
			const gone = await stopProcess(node.pid, signal === 'KILL' ? 'SIGKILL' : 'SIGTERM', {marker: node.marker, timeoutMs: 30_000});
			if (!gone) throw new KconError(`broker ${id} (pid ${node.pid}) did not stop`);
			return `broker ${id} stopped (pid ${node.pid}, SIG${signal})`;
		}
		const output: string[] = [];
		await runCommand(argv!, mechanism.timeoutMs, action, output);
		return `broker ${id} stopped (${argv!.join(' ')})${lastLine(output)}`;
	}, (d) => d);
}

function lastLine(output: string[]): string {
	const line = output.join('').trim().split('\n').pop()?.trim();
	return line ? `: ${line}` : '';
}
