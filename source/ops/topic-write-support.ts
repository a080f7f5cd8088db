// What the topic and config writes share: the cluster's brokers and topics read fresh for the checks,
// and a broker's refusal of a validateOnly request turned into an audited usage error (exit 2:
// the input was wrong, nothing was changed).
import type {Settings} from '../config/settings.js';
import type {ClusterSnapshot} from '../domain/cluster.js';
import {ClusterActions} from '../kafka/actions/cluster-actions.js';
import {readSnapshot} from './cluster-snapshot.js';
import {refuse, type OpContext} from './guard.js';

/** Brokers and topics (no offsets, groups or configs): what every topic write checks against. */
export function readTopology(settings: Settings): Promise<ClusterSnapshot> {
	return readSnapshot(settings, {offsets: false, groups: false, configs: false, reassignments: false});
}

/** Runs `fn` on a ClusterActions for the snapshot's brokers and closes it afterwards. */
export async function withActions<T>(settings: Settings, snapshot: ClusterSnapshot, fn: (actions: ClusterActions) => Promise<T>): Promise<T> {
	const actions = new ClusterActions(settings, {brokers: snapshot.brokers});
	try {
		return await fn(actions);
	} finally {
		await actions.close();
	}
}

/** The broker refused the request (its validateOnly pass): audited, exit 2, nothing was changed. */
export function refuseInvalid(op: OpContext, what: string, error: {error: string | null; errorMessage?: string | null; message?: string | null}): never {
	const message = error.errorMessage ?? error.message ?? null;
	return refuse(op, `${what}: the broker refused it: ${error.error}${message ? ` (${message})` : ''}; nothing was changed`, 2);
}

export function brokerIds(snapshot: ClusterSnapshot): number[] {
	return snapshot.brokers.map((b) => b.id).sort((a, b) => a - b);
}
