// A reassignment's throttles as one undoable change: the topics' throttled-replica lists, then each
// broker's rates, every step reading the values it is about to overwrite first. When a step fails
// (a broker down, a refused change) or a later step of the action does (the moves refused), what
// was set is put back — the previous values where there were any, else deleted — and when even
// that fails the error says exactly what is left and the kafka-configs command that undoes it.
import {KconError} from '../errors.js';
import type {Settings} from '../config/settings.js';
import {OP_DELETE, OP_SET, RESOURCE_BROKER, RESOURCE_TOPIC, type ConfigOutcome, type ConfigResourceChange, type DescribedConfig} from '../kafka/actions/cluster-actions.js';
import {SOURCE_DYNAMIC_BROKER_CONFIG, SOURCE_TOPIC_CONFIG} from '../kafka/codec/describe-configs.js';

export const THROTTLE_TOPIC_KEYS = ['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas'];
export const THROTTLE_BROKER_KEYS = ['leader.replication.throttled.rate', 'follower.replication.throttled.rate'];

/** The part of ClusterActions the throttles need (a fake in unit tests). */
export interface ConfigActions {
	describeConfigs(resources: Array<{type: number; name: string; keys: string[]}>): Promise<Map<string, DescribedConfig[]>>;
	alterConfigsEach(resources: ConfigResourceChange[]): Promise<ConfigOutcome[]>;
}

/** A failed action that says what it did about it; `details` go into the audit entry. */
export class ActionFailure extends KconError {
	constructor(
		message: string,
		readonly details: Record<string, unknown>,
	) {
		super(message, 1, 'failed');
		this.name = 'ActionFailure';
	}
}

export interface ThrottlesSet {
	/** the changes that restore what was there, for every resource that was (or may have been) changed */
	undo: ConfigResourceChange[];
}

export interface Rollback {
	ok: boolean;
	/** one sentence for the error message */
	text: string;
	details: Record<string, unknown>;
}

const what = (r: {type: number; name: string}) => `${r.type === RESOURCE_BROKER ? 'broker' : 'topic'} ${r.name}`;
const keyOf = (r: {type: number; name: string}) => `${r.type}:${r.name}`;

/** The change that puts back a resource's previous (own, dynamic) values of `keys`: set where there was one, else delete. */
function restoring(type: number, name: string, keys: string[], configs: DescribedConfig[]): ConfigResourceChange {
	const own = type === RESOURCE_BROKER ? SOURCE_DYNAMIC_BROKER_CONFIG : SOURCE_TOPIC_CONFIG;
	return {
		type,
		name,
		configs: keys.map((k) => {
			const previous = configs.find((c) => c.name === k && c.source === own && c.value !== null);
			return previous ? {name: k, op: OP_SET, value: previous.value} : {name: k, op: OP_DELETE, value: null};
		}),
	};
}

/**
 * Sets the throttles step by step (all topics in one request, then broker by broker, each after
 * reading its current values). On any failure it undoes the steps before it and throws an
 * ActionFailure that says so; resolves to the undo of everything it set.
 */
export async function setThrottles(
	actions: ConfigActions,
	settings: Settings,
	replicas: Array<[string, {leader: string; follower: string}]>,
	brokers: number[],
	rate: number,
): Promise<ThrottlesSet> {
	const steps: ConfigResourceChange[][] = [
		replicas.map(([topic, v]) => ({
			type: RESOURCE_TOPIC,
			name: topic,
			configs: [
				{name: THROTTLE_TOPIC_KEYS[0]!, op: OP_SET, value: v.leader},
				{name: THROTTLE_TOPIC_KEYS[1]!, op: OP_SET, value: v.follower},
			],
		})),
		...brokers.map((b) => [{type: RESOURCE_BROKER, name: String(b), configs: THROTTLE_BROKER_KEYS.map((name) => ({name, op: OP_SET, value: String(rate)}))}]),
	].filter((step) => step.length > 0);
	const undo: ConfigResourceChange[] = [];
	for (const step of steps) {
		let outcomes: ConfigOutcome[];
		try {
			const previous = await actions.describeConfigs(step.map((r) => ({type: r.type, name: r.name, keys: r.configs.map((c) => c.name)})));
			outcomes = await actions.alterConfigsEach(step);
			for (const o of outcomes) {
				if (o.applied !== 'no') undo.push(restoring(o.resource.type, o.resource.name, o.resource.configs.map((c) => c.name), previous.get(keyOf(o.resource)) ?? []));
			}
		} catch (error) {
			outcomes = step.map((resource) => ({resource, applied: 'no', error: error instanceof Error ? error.message : String(error)}));
		}
		const failed = outcomes.filter((o) => o.applied !== 'yes');
		if (failed.length) {
			const cause = `setting the throttles failed: ${failed.map((o) => `${what(o.resource)}: ${o.error}`).join('; ')}`;
			throw await failure(cause, actions, settings, {undo});
		}
	}
	return {undo};
}

/** Undoes `set` after `cause` and returns the error to throw: what failed, and what became of the throttles. */
export async function failure(cause: string, actions: ConfigActions, settings: Settings, set: ThrottlesSet): Promise<ActionFailure> {
	const rollback = await undoThrottles(actions, settings, set);
	return new ActionFailure(`${cause}; ${rollback.text}`, {cause, rollback: rollback.details});
}

/** Puts back what `set` changed, resource by resource; says exactly what is left when some of it fails. */
export async function undoThrottles(actions: ConfigActions, settings: Settings, set: ThrottlesSet): Promise<Rollback> {
	if (set.undo.length === 0) return {ok: true, text: 'no throttle had been set, nothing was changed', details: {result: 'nothing to undo'}};
	let outcomes: ConfigOutcome[];
	try {
		outcomes = await actions.alterConfigsEach(set.undo);
	} catch (error) {
		outcomes = set.undo.map((resource) => ({resource, applied: 'unknown', error: error instanceof Error ? error.message : String(error)}));
	}
	const undone = outcomes.filter((o) => o.applied === 'yes').map((o) => o.resource);
	const left = outcomes.filter((o) => o.applied !== 'yes');
	const describeUndo = (r: ConfigResourceChange) =>
		`${what(r)} (${r.configs.map((c) => (c.op === OP_SET ? `${c.name} back to ${c.value}` : `${c.name} removed`)).join(', ')})`;
	if (left.length === 0) {
		return {ok: true, text: `the throttles it had set were undone: ${undone.map(describeUndo).join('; ')}; nothing is left changed`, details: {result: 'undone', undone: undone.map(describeUndo)}};
	}
	const commands = left.map((o) => undoCommand(settings, o.resource));
	return {
		ok: false,
		text:
			`undoing the throttles failed for ${left.map((o) => `${what(o.resource)} (${o.error})`).join('; ')}` +
			`${undone.length ? ` (undone: ${undone.map(describeUndo).join('; ')})` : ''}; ` +
			`the throttles left behind there go with: ${commands.join(' ; ')}`,
		details: {result: 'undo failed', undone: undone.map(describeUndo), leftBehind: left.map((o) => ({resource: what(o.resource), error: o.error})), undoCommands: commands},
	};
}

/** The kafka-configs command that puts one resource back as `undo` says. */
export function undoCommand(settings: Settings, undo: ConfigResourceChange): string {
	const entity = undo.type === RESOURCE_BROKER ? 'brokers' : 'topics';
	const add = undo.configs.filter((c) => c.op === OP_SET).map((c) => `${c.name}=${c.value!.includes(',') ? `[${c.value}]` : c.value}`);
	const remove = undo.configs.filter((c) => c.op === OP_DELETE).map((c) => c.name);
	const parts = ['kafka-configs.sh', '--bootstrap-server', settings.brokers.join(','), '--alter', '--entity-type', entity, '--entity-name', undo.name];
	if (add.length) parts.push('--add-config', `'${add.join(',')}'`);
	if (remove.length) parts.push('--delete-config', remove.join(','));
	if (settings.sasl || settings.ssl) parts.push('--command-config', '<client.properties>');
	return parts.join(' ');
}
