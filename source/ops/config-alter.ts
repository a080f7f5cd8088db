// Changing configs of a topic or a broker (`kcon config alter`), with IncrementalAlterConfigs so
// only the named keys change (AlterConfigs would replace the whole set). Every check runs first:
// read-only, the target exists, each key is a config of that resource (a topic's or broker's
// described configs; a broker also takes per-listener `listener.name.…` keys), a key deleted has an
// override to delete, no key is both set and deleted; then the request with validateOnly, so the
// broker checks values and whether a broker config can change at runtime; then the preview (old →
// new), the caller's confirmation, the real change (audited), and a read back of the new values.
import type {Settings} from '../config/settings.js';
import {KconError} from '../errors.js';
import {OP_DELETE, OP_SET, RESOURCE_BROKER, type ConfigResourceChange, type DescribedConfig} from '../kafka/actions/cluster-actions.js';
import {missingTarget, resourceOf, targetText, type ConfigTarget} from './config-target.js';
import {configValue, overrideSource, type ConfigValue} from './config-describe.js';
import {audited, guarded, refuse, type OpContext, type Via} from './guard.js';
import {readTopology, refuseInvalid, withActions} from './topic-write-support.js';

export interface AlterChoice {
	target: ConfigTarget;
	set: Array<{name: string; value: string}>;
	delete: string[];
	yes?: boolean;
	/** stop once the broker validated the change (validateOnly) and the plan is built: nothing changes */
	dryRun?: boolean;
	via?: Via;
}

/** One key's change: what it is now (null = not described) and what it becomes. */
export interface ConfigChangeLine {
	name: string;
	op: 'set' | 'delete';
	before: ConfigValue | null;
	/** the value set; null for a delete (the value falls back to the next source) */
	value: string | null;
	sensitive: boolean;
	/** after the change, read back */
	after?: ConfigValue | null;
}

export interface AlterPlan {
	target: ConfigTarget;
	changes: ConfigChangeLine[];
	/** after the change: the broker reports every key as changed (false: not within SETTLE_MS) */
	applied?: boolean;
}

/** How long the read back after a change waits for the answering broker to show it. */
export const SETTLE_MS = 10_000;

export interface AlterSteps {
	preview?(plan: AlterPlan): void;
	confirm?(op: OpContext): Promise<void>;
}

const LISTENER_KEY = /^listener\.name\.[a-z0-9_-]+\./i;

export async function alterConfigs(settings: Settings, choice: AlterChoice, steps: AlterSteps = {}): Promise<AlterPlan> {
	const {target} = choice;
	const {type, name} = resourceOf(target);
	const op = guarded(
		settings,
		'config.alter',
		{target: targetText(target), set: choice.set.map((s) => s.name), delete: choice.delete, ...(choice.yes === undefined ? {} : {yes: choice.yes})},
		choice.via,
	);
	if (choice.set.length === 0 && choice.delete.length === 0) refuse(op, 'nothing to change: give --set k=v or --delete k', 2);
	const both = choice.set.find((s) => choice.delete.includes(s.name));
	if (both) refuse(op, `'${both.name}' is both set and deleted`, 2);
	if (new Set(choice.delete).size !== choice.delete.length) refuse(op, '--delete names a key twice', 2);
	const snapshot = await readTopology(settings);
	const missing = missingTarget(snapshot, target);
	if (missing) refuse(op, missing, 2);
	return withActions(settings, snapshot, async (actions) => {
		const describe = async (): Promise<Map<string, DescribedConfig>> => {
			const resource = await actions.describeAllConfigs(type, name);
			if (resource.error) throw new KconError(`DescribeConfigs of ${targetText(target)} failed: ${resource.error}${resource.errorMessage ? ` (${resource.errorMessage})` : ''}`);
			return new Map(resource.configs.map((c) => [c.name, c]));
		};
		const current = await describe();
		// the cluster default lists only the keys it overrides; the names a broker takes come from a broker
		const names = new Set(current.keys());
		const any = snapshot.brokers.find((b) => b.reachable) ?? snapshot.brokers[0];
		if (target.kind === 'broker-default' && any) {
			const broker = await actions.describeAllConfigs(RESOURCE_BROKER, String(any.id));
			for (const c of broker.configs) names.add(c.name);
		}
		const known = (key: string) => names.has(key) || (target.kind !== 'topic' && LISTENER_KEY.test(key));
		for (const key of [...choice.set.map((s) => s.name), ...choice.delete]) {
			if (!known(key)) refuse(op, `'${key}' is not a config of ${targetText(target)}; nothing was changed`, 2);
		}
		const own = overrideSource(target);
		for (const key of choice.delete) {
			if (current.get(key)?.source !== own) refuse(op, `'${key}' has no override on ${targetText(target)} to delete; nothing was changed`, 2);
		}
		const change: ConfigResourceChange = {
			type,
			name,
			configs: [...choice.set.map((s) => ({name: s.name, op: OP_SET, value: s.value})), ...choice.delete.map((key) => ({name: key, op: OP_DELETE, value: null}))],
		};
		const check = await actions.alterResourceConfigs(change, true);
		if (check) refuseInvalid(op, `change ${targetText(target)}`, {error: check.error, errorMessage: check.message});
		const line = (key: string, opName: 'set' | 'delete', value: string | null): ConfigChangeLine => {
			const before = current.get(key);
			const sensitive = before?.sensitive ?? /password|secret|\.key$/i.test(key);
			return {name: key, op: opName, before: before ? configValue(before) : null, value: sensitive ? null : value, sensitive};
		};
		const plan: AlterPlan = {target, changes: [...choice.set.map((s) => line(s.name, 'set', s.value)), ...choice.delete.map((key) => line(key, 'delete', null))]};
		steps.preview?.(plan);
		if (choice.dryRun) return plan;
		await steps.confirm?.(op);
		await audited(
			op,
			async () => {
				const failed = await actions.alterResourceConfigs(change, false);
				if (failed) throw new KconError(`change of ${targetText(target)} failed: ${failed.error}${failed.message ? ` (${failed.message})` : ''}`);
			},
			() => `${targetText(target)}: ${plan.changes.map((c) => (c.op === 'set' ? `set ${c.name}` : `deleted ${c.name}`)).join(', ')}`,
		);
		// The controller commits the change to the metadata log; the broker that answers DescribeConfigs
		// applies it when it replays the log, a moment later. Read back until it shows every key as
		// changed, for a bounded time, and say whether it did.
		const settled = (now: Map<string, DescribedConfig>) =>
			plan.changes.every((c) => (c.op === 'set' ? now.get(c.name)?.source === own && (c.sensitive || now.get(c.name)?.value === c.value) : now.get(c.name)?.source !== own));
		const deadline = Date.now() + SETTLE_MS;
		let after: Map<string, DescribedConfig> | null = null;
		for (;;) {
			after = await describe().catch(() => after);
			if ((after && settled(after)) || Date.now() >= deadline) break;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		plan.applied = after !== null && settled(after);
		if (after) for (const c of plan.changes) c.after = after.has(c.name) ? configValue(after.get(c.name)!) : null;
		return plan;
	});
}
