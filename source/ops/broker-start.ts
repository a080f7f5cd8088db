// Starting one broker again (S in the console, `kcon broker start`): read-only refusal, how to start
// it, the argv's values checked, the start audited; optionally waits until it is back in the metadata.
import type {Settings} from '../config/settings.js';
import {startBroker as startLabBroker} from '../lab/lab.js';
import {runCommand, type OutputSink} from './broker-command.js';
import {chooseMechanism, commandArgv} from './broker-mechanism.js';
import {readSnapshot} from './cluster-snapshot.js';
import {audited, guarded, type Via} from './guard.js';

export interface StartChoice {
	id: number;
	via?: Via;
	/** wait this long for the broker to be reachable in the cluster's metadata (the CLI waits, the console's poller shows it) */
	waitMs?: number;
	/** a brokerCommands tool's output as it arrives; without it the output is captured into the result */
	onOutput?: OutputSink;
}

export interface StartResult {
	id: number;
	/** as audited: "pid 123" or "ran docker start broker4" */
	detail: string;
	pid?: number;
	argv?: string[];
	output: string;
	/** with waitMs: whether it was back in the metadata in time */
	rejoined?: boolean;
	ms: number;
}

export async function startBroker(settings: Settings, choice: StartChoice): Promise<StartResult> {
	const {id} = choice;
	const op = guarded(settings, 'broker.start', {id}, choice.via);
	const mechanism = chooseMechanism(op, id, 'start');
	const argv = commandArgv(op, mechanism, {id, host: '', port: '', signal: ''});
	const started = Date.now();
	const captured: string[] = [];
	let pid: number | undefined;
	const detail = await audited(
		op,
		async () => {
			if (mechanism.kind === 'lab') {
				pid = await startLabBroker(mechanism.state, id);
				return `pid ${pid}`;
			}
			await runCommand(argv!, mechanism.timeoutMs, {settings, onOutput: choice.onOutput}, choice.onOutput ? undefined : captured);
			return `ran ${argv!.join(' ')}`;
		},
		(d) => d,
	);
	const rejoined = choice.waitMs === undefined ? undefined : await rejoin(settings, id, started + choice.waitMs);
	return {id, detail, ...(pid === undefined ? {} : {pid}), ...(argv ? {argv} : {}), output: captured.join(''), ...(rejoined === undefined ? {} : {rejoined}), ms: Date.now() - started};
}

/** Reads the metadata every second until broker `id` is reachable in it, or the deadline passes. */
async function rejoin(settings: Settings, id: number, deadline: number): Promise<boolean> {
	while (Date.now() < deadline) {
		try {
			const snapshot = await readSnapshot(settings, {offsets: false, groups: true, configs: true, reassignments: false});
			if (snapshot.brokers.some((b) => b.id === id && b.reachable)) return true;
		} catch {
			// not yet
		}
		await new Promise((r) => setTimeout(r, 1000));
	}
	return false;
}
