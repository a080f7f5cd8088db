// How a broker is stopped or started: in the lab through its PIDs (source/lab); elsewhere through the
// context's brokerCommands argv templates ({id}, {host}, {port}, {signal}), run without a shell.
import {KconError, UsageError} from '../errors.js';
import type {BrokerCommand} from '../config/settings.js';
import {readLabState, type LabState} from '../lab/state.js';
import {expandArgv, type ArgvValues} from './broker-command.js';
import {refuse, type OpContext} from './guard.js';

export type Mechanism = {kind: 'lab'; state: LabState} | {kind: 'command'; argv: string[]; timeoutMs: number};

/** The lab's PIDs or the context's template for `sub`; a usage error when there is neither. */
export function chooseMechanism(op: OpContext, id: number, sub: 'kill' | 'start'): Mechanism {
	const settings = op.settings;
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

function commandFor(template: BrokerCommand, id: number): string[] | null {
	if (Array.isArray(template)) return template;
	return template[String(id)] ?? null;
}

/** The argv of a command mechanism with its values checked (a refusal is audited, exit 2); null in the lab. */
export function commandArgv(op: OpContext, mechanism: Mechanism, values: ArgvValues): string[] | null {
	if (mechanism.kind !== 'command') return null;
	try {
		return expandArgv(mechanism.argv, values);
	} catch (error) {
		refuse(op, (error as Error).message, 2);
	}
}
