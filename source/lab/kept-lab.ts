// What `kcon lab up` does with a lab whose processes are all gone but whose data is still there
// (`lab down --keep`, a reboot, a kill): it starts that lab again as it was. Asked for something
// else, it never removes the kept data silently: other ports or another topology are refused (the
// nodes' ids, listeners and quorum are written into the data), a newer Kafka is an upgrade of the
// same data — as an operator upgrades a cluster: new binaries, the finalized metadata.version stays
// until raised — and so is going back to an older Kafka down to the one that formatted the data;
// older than that is refused, since Kafka cannot read metadata newer than its own.
import {KconError} from '../errors.js';
import type {LabState, Topology} from './state.js';

export interface KeptLabAsk {
	topology?: Topology;
	basePort?: number;
	kafkaVersion?: string;
}

export type KeptLabPlan = {kind: 'reuse'} | {kind: 'change'; from: string; to: string; formattedWith: string};

/** -1, 0 or 1 as version a is older than, the same as or newer than b (both `major.minor.patch`). */
export function compareVersions(a: string, b: string): number {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < 3; i++) {
		const d = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (d !== 0) return Math.sign(d);
	}
	return 0;
}

export function planKeptLab(state: LabState, ask: KeptLabAsk): KeptLabPlan {
	const where = `the lab kept in ${state.labDir}`;
	const fresh = '`kcon lab down` removes its data, then `kcon lab up` starts a new one';
	const other: string[] = [];
	if (ask.topology && ask.topology !== state.topology) other.push(`the ${state.topology} topology`);
	if (ask.basePort && ask.basePort !== state.basePort) other.push(`base port ${state.basePort}`);
	if (other.length) {
		throw new KconError(`${where} has ${other.join(' and ')}: \`kcon lab up\` without those flags starts it as it was, or ${fresh}`);
	}
	if (!ask.kafkaVersion || ask.kafkaVersion === state.kafkaVersion) return {kind: 'reuse'};
	const formattedWith = state.formattedWith ?? state.kafkaVersion;
	if (compareVersions(ask.kafkaVersion, formattedWith) < 0) {
		throw new KconError(
			`${where} was formatted by Kafka ${formattedWith}, whose metadata Kafka ${ask.kafkaVersion} cannot read (KRaft metadata does not downgrade): \`kcon lab up --kafka ${state.kafkaVersion}\` starts it as it was, or ${fresh}`,
		);
	}
	return {kind: 'change', from: state.kafkaVersion, to: ask.kafkaVersion, formattedWith};
}
