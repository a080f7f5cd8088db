// The operations' own guards, without a cluster: read-only refuses (audited) before anything is read;
// a kill is checked against the snapshot the operator saw, not a fresh one; and clearing a
// reassignment's throttles is a separate step that keeps them, without a connection, when the
// reading it was given says something still moves or the caller says why.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {resolveSettings} from '../../../source/config/settings.js';
import {killImpact} from '../../../source/domain/impact.js';
import {killBroker} from '../../../source/ops/broker-kill.js';
import {electLeaders} from '../../../source/ops/elect-leaders.js';
import {clearReassignThrottles} from '../../../source/ops/reassign-clear-throttles.js';
import type {ReassignReading} from '../../../source/ops/reassign-progress.js';
import {readAudit} from '../../../source/ops/audit.js';
import {labSnapshot} from '../ui-fixtures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-ops-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));
process.env['KCON_STATE_DIR'] = dir;
// 127.0.0.1:1 answers nothing: an action that connected would fail with a connection error, not these
const unreachable = {brokers: '127.0.0.1:1'};

test('read-only: kill and elect are refused (exit 3, audited) before anything connects', async () => {
	const settings = resolveSettings({...unreachable, 'read-only': true}, {env: {}});
	const snapshot = labSnapshot();
	await assert.rejects(killBroker(settings, {id: 4, signal: 'KILL', force: false, via: 'console'}, {snapshot, impact: killImpact(snapshot, 4)}), (e: Error & {exitCode?: number}) => e.exitCode === 3);
	await assert.rejects(electLeaders(settings, {topic: 'resource'}), (e: Error & {exitCode?: number}) => e.exitCode === 3);
	const entries = readAudit(path.join(dir, 'audit.jsonl'));
	assert.deepEqual(entries.map((e) => [e.action, e.result]), [['broker.kill', 'refused'], ['elect', 'refused']]);
	assert.equal(entries[0]!.arguments['via'], 'console');
});

test('a kill checks the snapshot the operator saw: a broker unknown to it is refused before any command runs', async () => {
	const marker = path.join(dir, 'spawned');
	const config = path.join(dir, 'config.json');
	fs.writeFileSync(config, JSON.stringify({contexts: {ops: {brokers: '127.0.0.1:1', brokerCommands: {kill: ['node', '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`]}}}}));
	const settings = resolveSettings({context: 'ops', config}, {env: {}});
	const snapshot = labSnapshot();
	await assert.rejects(
		killBroker(settings, {id: 9, signal: 'TERM', force: false}, {snapshot, impact: killImpact(snapshot, 9)}),
		(e: Error & {exitCode?: number}) => e.exitCode === 2 && /broker 9 is not in the cluster/.test(e.message),
	);
	assert.equal(fs.existsSync(marker), false, 'nothing was spawned');
	assert.equal(readAudit(path.join(dir, 'audit.jsonl')).at(-1)!.result, 'refused');
});

test('clearing the throttles keeps them, without connecting, when the reading still moves or the caller says why', async () => {
	const settings = resolveSettings(unreachable, {env: {}});
	const plan = {version: 1 as const, partitions: [{topic: 'moves', partition: 0, replicas: [3, 4]}]};
	const reading = (outcome: 'moving' | 'complete', activeAnywhere: boolean) =>
		({partitions: [], activeAnywhere, snapshot: labSnapshot(), summary: {outcome}}) as unknown as ReassignReading;
	assert.equal(await clearReassignThrottles(settings, {plan, seen: reading('moving', true)}), 'kept (reassignments still running)');
	assert.equal(await clearReassignThrottles(settings, {plan, seen: reading('complete', true)}), 'kept (other reassignments still run)');
	assert.equal(await clearReassignThrottles(settings, {plan, seen: reading('complete', false), keep: '--keep-throttle'}), 'kept (--keep-throttle)');
});
