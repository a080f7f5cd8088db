// Stopping one broker (K in the console, `kcon broker kill`). Every check runs before anything is
// sent: read-only, how to stop it, the impact (from the snapshot the operator saw), that it runs,
// whether the kill needs force, the argv's values; then the caller's last confirmation, then the stop.
import {KconError} from '../errors.js';
import type {Settings} from '../config/settings.js';
import type {ClusterSnapshot} from '../domain/cluster.js';
import {killImpact, killNeedsForce, type KillImpact} from '../domain/impact.js';
import {processAlive} from '../lab/state.js';
import {stopProcess} from '../lab/processes.js';
import {runCommand, type OutputSink} from './broker-command.js';
import {chooseMechanism, commandArgv} from './broker-mechanism.js';
import {audited, guarded, refuse, type OpContext, type Via} from './guard.js';

/** What the operator chose. */
export interface KillChoice {
	id: number;
	signal: 'KILL' | 'TERM';
	/** the operator accepted what needs force (partitions offline, the last reachable broker) */
	force: boolean;
	/** the CLI's --yes, recorded in the audit log */
	yes?: boolean;
	via?: Via;
}

/** The cluster as the operator saw it when confirming, and the impact they were shown of it. */
export interface SeenCluster {
	snapshot: ClusterSnapshot;
	impact: KillImpact;
}

/** The caller's part between the checks (ops never prints nor prompts). */
export interface KillSteps {
	/** the impact, as soon as it is known (the CLI prints it) */
	preview?(impact: KillImpact): void;
	/** the kill needs force the choice does not have: resolves to null to go on, or to the refusal's text */
	needsForce?(reason: string, impact: KillImpact): Promise<string | null>;
	/** the last step before anything is sent; refuses (audited under `op`) when the operator says no */
	confirm?(op: OpContext): Promise<void>;
	/** a brokerCommands tool's output as it arrives; without it the output is captured into the result */
	onOutput?: OutputSink;
}

export interface KillResult {
	id: number;
	signal: 'KILL' | 'TERM';
	/** as audited: "pid 123 stopped with SIGKILL" or "ran docker kill broker4" */
	detail: string;
	ms: number;
	impact: KillImpact | null;
	/** the lab process that was stopped */
	pid?: number;
	/** the command that was run */
	argv?: string[];
	/** the command's output, when no onOutput took it */
	output: string;
}

/**
 * Stops broker `choice.id`. `seen` is what the operator was shown (the console), or how to read the
 * cluster for the preview (the CLI; when that fails, only `force` goes on without one).
 */
export async function killBroker(
	settings: Settings,
	choice: KillChoice,
	seen: SeenCluster | (() => Promise<ClusterSnapshot>),
	steps: KillSteps = {},
): Promise<KillResult> {
	const {id, signal, force} = choice;
	const op = guarded(settings, 'broker.kill', {id, signal, ...(choice.yes === undefined ? {} : {yes: choice.yes}), force}, choice.via);
	const mechanism = chooseMechanism(op, id, 'kill');
	let snapshot: ClusterSnapshot | null = null;
	let impact: KillImpact | null = null;
	if (typeof seen === 'function') {
		try {
			snapshot = await seen();
			impact = killImpact(snapshot, id);
		} catch (error) {
			if (!force) refuse(op, `cannot preview the impact (${error instanceof Error ? error.message : String(error)}); use --force to kill anyway`);
		}
	} else {
		({snapshot, impact} = seen);
	}
	if (snapshot && impact) {
		if (!impact.known && mechanism.kind === 'command') {
			refuse(op, `broker ${id} is not in the cluster (brokers: ${snapshot.brokers.map((b) => b.id).join(', ')})`, 2);
		}
		steps.preview?.(impact);
	}
	const labNode = mechanism.kind === 'lab' ? mechanism.state.nodes.find((n) => n.id === id)! : null;
	if (labNode && !processAlive(labNode.pid, labNode.marker)) refuse(op, `broker ${id} is not running (no live process for ${labNode.name})`);
	const forceReason = impact ? killNeedsForce(impact) : null;
	if (forceReason && !force) {
		const refusal = steps.needsForce ? await steps.needsForce(forceReason, impact!) : `${forceReason}: not confirmed`;
		if (refusal !== null) refuse(op, refusal);
	}
	const broker = snapshot?.brokers.find((b) => b.id === id);
	const argv = commandArgv(op, mechanism, {id, host: broker?.host ?? '', port: broker?.port ?? '', signal});
	await steps.confirm?.(op);
	const started = Date.now();
	const captured: string[] = [];
	let pid: number | undefined;
	const detail = await audited(
		op,
		async () => {
			if (labNode) {
				pid = labNode.pid!;
				const gone = await stopProcess(pid, signal === 'KILL' ? 'SIGKILL' : 'SIGTERM', {marker: labNode.marker, timeoutMs: 30_000});
				if (!gone) throw new KconError(`broker ${id} (pid ${pid}) did not stop`);
				return `pid ${pid} stopped with SIG${signal}`;
			}
			await runCommand(argv!, (mechanism as {timeoutMs: number}).timeoutMs, {settings, onOutput: steps.onOutput}, steps.onOutput ? undefined : captured);
			return `ran ${argv!.join(' ')}`;
		},
		(d) => d,
	);
	return {id, signal, detail, ms: Date.now() - started, impact, ...(pid === undefined ? {} : {pid}), ...(argv ? {argv} : {}), output: captured.join('')};
}
