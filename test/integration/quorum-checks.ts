// Checks of `kcon describe quorum` and `describe cluster` against Kafka's own MetadataQuorumCommand
// and FeatureCommand, shared by the Kafka 4.x and 3.9.x files. The metadata log grows all the time
// (the active controller appends a no-op record every 500 ms), so the high watermark, log-end
// offsets, timestamps and the features' epoch differ between any two reads. Those are checked by
// bracketing: kcon read before the Java tool ≤ the Java tool's value ≤ kcon read after it. Every
// other line and column is compared byte for byte.
import assert from 'node:assert/strict';
import {javaTool, runKcon, type TestLab} from '../helpers/lab.js';

export interface QuorumDoc {
	clusterId: string;
	quorum: {
		available: boolean;
		leaderId: number | null;
		leaderEpoch: number;
		highWatermark: number;
		votersUp: number | null;
		votersTotal: number;
		voters: {id: number; directoryId: string; logEndOffset: number; role: string}[];
		observers: {id: number; directoryId: string; logEndOffset: number; role: string}[];
	};
}

export async function kconQuorum(lab: TestLab): Promise<QuorumDoc> {
	const r = await runKcon(['describe', 'quorum', '-b', lab.bootstrap, '-o', 'json']);
	assert.equal(r.code, 0, r.stderr);
	return JSON.parse(r.stdout) as QuorumDoc;
}

export async function kconText(lab: TestLab, args: string[]): Promise<string> {
	const r = await runKcon(['describe', ...args, '-b', lab.bootstrap]);
	assert.equal(r.code, 0, r.stderr);
	return r.stdout;
}

export async function javaQuorum(lab: TestLab, mode: '--status' | '--replication'): Promise<string> {
	const r = await javaTool(lab, 'org.apache.kafka.tools.MetadataQuorumCommand', ['--bootstrap-server', lab.bootstrap, 'describe', mode]);
	assert.equal(r.code, 0, r.stderr);
	return r.stdout;
}

export const field = (text: string, name: string) => new RegExp(`^${name}:\\s+(.*)$`, 'm').exec(text)?.[1];
const STABLE = ['ClusterId', 'LeaderId', 'LeaderEpoch', 'CurrentVoters', 'CurrentObservers'];

/** --status: the stable lines equal MetadataQuorumCommand byte for byte, the high watermark bracketed */
export async function assertQuorumStatusAgrees(lab: TestLab): Promise<void> {
	const before = await kconText(lab, ['quorum']);
	const java = await javaQuorum(lab, '--status');
	const after = await kconText(lab, ['quorum', '--status']);
	assert.deepEqual(before.split('\n').map((l) => l.replace(/:\s.*/, '')), java.split('\n').map((l) => l.replace(/:\s.*/, '')));
	for (const name of STABLE) {
		const line = new RegExp(`^${name}:.*$`, 'm');
		assert.equal(line.exec(before)?.[0], line.exec(java)?.[0], name);
		assert.equal(line.exec(after)?.[0], line.exec(java)?.[0], name);
	}
	const hw = (t: string) => BigInt(field(t, 'HighWatermark')!);
	assert.ok(hw(before) <= hw(java) && hw(java) <= hw(after), `HighWatermark ${hw(before)} ≤ ${hw(java)} ≤ ${hw(after)}`);
}

/** --replication: the header, ids, directory ids and roles equal MetadataQuorumCommand, log-end offsets bracketed; JSON says the same */
export async function assertQuorumReplicationAgrees(lab: TestLab, roles: string[]): Promise<void> {
	const before = await kconText(lab, ['quorum', '--replication']);
	const java = await javaQuorum(lab, '--replication');
	const after = await kconText(lab, ['quorum', '--replication']);
	const rows = (t: string) => t.trimEnd().split('\n').map((l) => l.split('\t'));
	const [jHead, ...jRows] = rows(java);
	assert.deepEqual(rows(before)[0], jHead);
	const stable = (r: string[]) => [r[0]!.trim(), r[1], r[6]!.trim()];
	assert.deepEqual(rows(before).slice(1).map(stable), jRows.map(stable));
	assert.deepEqual(rows(after).slice(1).map(stable), jRows.map(stable));
	assert.deepEqual(jRows.map((r) => r[6]!.trim()), roles);
	const leo = (t: string) => rows(t).slice(1).map((r) => BigInt(r[2]!));
	leo(java).forEach((v, i) => assert.ok(leo(before)[i]! <= v && v <= leo(after)[i]!, `row ${i}: ${leo(before)[i]} ≤ ${v} ≤ ${leo(after)[i]}`));

	const doc = await kconQuorum(lab);
	assert.equal(doc.quorum.available, true);
	assert.deepEqual([...doc.quorum.voters, ...doc.quorum.observers].map((r) => [String(r.id), r.directoryId, r.role]), jRows.map(stable));
	assert.equal(doc.quorum.votersTotal, 3);
}

/** describe cluster: the feature lines equal FeatureCommand describe (the epoch bracketed); JSON carries metadata.version */
export async function assertFeaturesAgree(lab: TestLab): Promise<void> {
	// The epoch is the metadata offset of the broker that answers, and each broker applies the
	// metadata log at its own pace; FeatureCommand asks whichever broker its admin client picks. So
	// kcon asks every broker before and after, and FeatureCommand's epoch must lie between the least
	// of the first answers and the greatest of the last (one broker before and after failed once:
	// FeatureCommand's broker was a few offsets behind kcon's).
	const brokers = lab.bootstrap.split(',');
	const cluster = async (broker: string) => {
		const r = await runKcon(['describe', 'cluster', '-b', broker]);
		assert.equal(r.code, 0, r.stderr);
		return r.stdout;
	};
	const befores: string[] = [];
	for (const broker of brokers) befores.push(await cluster(broker));
	const java = await javaTool(lab, 'org.apache.kafka.tools.FeatureCommand', ['--bootstrap-server', lab.bootstrap, 'describe']);
	assert.equal(java.code, 0, java.stderr);
	const afters: string[] = [];
	for (const broker of brokers) afters.push(await cluster(broker));
	const features = (t: string) => t.split('\n').filter((l) => l.startsWith('Feature: '));
	// the epoch bracketed, every separator kept: tabs (FeatureCommand up to 4.2) or padding (4.4)
	const noEpoch = (t: string) => features(t).map((l) => l.replace(/(\s)Epoch: \d+$/, '$1Epoch: N'));
	assert.ok(features(java.stdout).some((l) => /^Feature: metadata\.version\s/.test(l)), java.stdout);
	for (const text of [...befores, ...afters]) assert.deepEqual(noEpoch(text), noEpoch(java.stdout));
	const epoch = (t: string) => BigInt(/\sEpoch: (\d+)$/m.exec(t)![1]!);
	const least = befores.map(epoch).reduce((a, b) => (b < a ? b : a));
	const greatest = afters.map(epoch).reduce((a, b) => (b > a ? b : a));
	assert.ok(least <= epoch(java.stdout) && epoch(java.stdout) <= greatest, `Epoch ${least} ≤ ${epoch(java.stdout)} ≤ ${greatest}`);
	const mv = /^Feature: metadata\.version\s.*FinalizedVersionLevel: (\S+)/m.exec(java.stdout)![1];
	const json = await runKcon(['describe', 'cluster', '-b', lab.bootstrap, '-o', 'json']);
	assert.equal(json.code, 0, json.stderr);
	assert.equal((JSON.parse(json.stdout) as {features: {metadataVersion: string}}).features.metadataVersion, mv);
}

