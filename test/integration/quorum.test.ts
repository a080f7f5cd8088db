// `kcon describe quorum` and `describe cluster` on a real `--topology lab` cluster (controllers
// 0,1,2, brokers 3,4,5), judged by Kafka's own MetadataQuorumCommand and FeatureCommand. The
// metadata log grows all the time (the active controller appends a no-op record every 500 ms), so
// the high watermark, log-end offsets, timestamps and the features' epoch differ between any two
// reads. Those are checked by bracketing: kcon read before the Java tool ≤ the Java tool's value ≤
// kcon read after it. Every other line and column is compared byte for byte.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {eventually, javaTool, runKcon, startLab, type TestLab} from '../helpers/lab.js';
import {PORTS} from '../helpers/ports.js';

let lab: TestLab;
before(async () => {
	lab = await startLab({basePort: PORTS.quorum, topology: 'lab', pis: 0});
});
after(async () => {
	await lab?.stop();
});

interface QuorumDoc {
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

async function kconQuorum(): Promise<QuorumDoc> {
	const r = await runKcon(['describe', 'quorum', '-b', lab.bootstrap, '-o', 'json']);
	assert.equal(r.code, 0, r.stderr);
	return JSON.parse(r.stdout) as QuorumDoc;
}

async function kconText(args: string[]): Promise<string> {
	const r = await runKcon(['describe', ...args, '-b', lab.bootstrap]);
	assert.equal(r.code, 0, r.stderr);
	return r.stdout;
}

async function javaQuorum(mode: '--status' | '--replication'): Promise<string> {
	const r = await javaTool(lab, 'org.apache.kafka.tools.MetadataQuorumCommand', ['--bootstrap-server', lab.bootstrap, 'describe', mode]);
	assert.equal(r.code, 0, r.stderr);
	return r.stdout;
}

const field = (text: string, name: string) => new RegExp(`^${name}:\\s+(.*)$`, 'm').exec(text)?.[1];
const STABLE = ['ClusterId', 'LeaderId', 'LeaderEpoch', 'CurrentVoters', 'CurrentObservers'];

test('--status: the stable lines equal MetadataQuorumCommand byte for byte, the high watermark bracketed', async () => {
	const before = await kconText(['quorum']);
	const java = await javaQuorum('--status');
	const after = await kconText(['quorum', '--status']);
	assert.deepEqual(before.split('\n').map((l) => l.replace(/:\s.*/, '')), java.split('\n').map((l) => l.replace(/:\s.*/, '')));
	for (const name of STABLE) {
		const line = new RegExp(`^${name}:.*$`, 'm');
		assert.equal(line.exec(before)?.[0], line.exec(java)?.[0], name);
		assert.equal(line.exec(after)?.[0], line.exec(java)?.[0], name);
	}
	const hw = (t: string) => BigInt(field(t, 'HighWatermark')!);
	assert.ok(hw(before) <= hw(java) && hw(java) <= hw(after), `HighWatermark ${hw(before)} ≤ ${hw(java)} ≤ ${hw(after)}`);
	assert.match(java, /^CurrentVoters:.*"id": 0.*"id": 1.*"id": 2/m);
});

test('--replication: the header, ids, directory ids and roles equal MetadataQuorumCommand, log-end offsets bracketed; JSON says the same', async () => {
	const before = await kconText(['quorum', '--replication']);
	const java = await javaQuorum('--replication');
	const after = await kconText(['quorum', '--replication']);
	const rows = (t: string) => t.trimEnd().split('\n').map((l) => l.split('\t'));
	const [jHead, ...jRows] = rows(java);
	assert.deepEqual(rows(before)[0], jHead);
	const stable = (r: string[]) => [r[0]!.trim(), r[1], r[6]!.trim()];
	assert.deepEqual(rows(before).slice(1).map(stable), jRows.map(stable));
	assert.deepEqual(rows(after).slice(1).map(stable), jRows.map(stable));
	assert.deepEqual(jRows.map((r) => r[6]!.trim()), ['Leader', 'Follower', 'Follower', 'Observer', 'Observer', 'Observer']);
	const leo = (t: string) => rows(t).slice(1).map((r) => BigInt(r[2]!));
	leo(java).forEach((v, i) => assert.ok(leo(before)[i]! <= v && v <= leo(after)[i]!, `row ${i}: ${leo(before)[i]} ≤ ${v} ≤ ${leo(after)[i]}`));

	const doc = await kconQuorum();
	assert.equal(doc.quorum.available, true);
	assert.deepEqual([...doc.quorum.voters, ...doc.quorum.observers].map((r) => [String(r.id), r.directoryId, r.role]), jRows.map(stable));
	assert.equal(doc.quorum.votersTotal, 3);
});

test('describe cluster: the feature lines equal FeatureCommand describe (the epoch bracketed); JSON carries metadata.version', async () => {
	const before = await kconText(['cluster']);
	const java = await javaTool(lab, 'org.apache.kafka.tools.FeatureCommand', ['--bootstrap-server', lab.bootstrap, 'describe']);
	assert.equal(java.code, 0, java.stderr);
	const after = await kconText(['cluster']);
	const features = (t: string) => t.split('\n').filter((l) => l.startsWith('Feature: '));
	const noEpoch = (t: string) => features(t).map((l) => l.replace(/\tEpoch: \d+$/, ''));
	assert.ok(features(java.stdout).length >= 5, java.stdout);
	assert.deepEqual(noEpoch(before), noEpoch(java.stdout));
	assert.deepEqual(noEpoch(after), noEpoch(java.stdout));
	const epoch = (t: string) => BigInt(/\tEpoch: (\d+)$/m.exec(t)![1]!);
	assert.ok(epoch(before) <= epoch(java.stdout) && epoch(java.stdout) <= epoch(after));
	const mv = /^Feature: metadata\.version\t.*FinalizedVersionLevel: (\S+)/m.exec(java.stdout)![1];
	const json = await runKcon(['describe', 'cluster', '-b', lab.bootstrap, '-o', 'json']);
	assert.equal(json.code, 0, json.stderr);
	assert.equal((JSON.parse(json.stdout) as {features: {metadataVersion: string}}).features.metadataVersion, mv);
});

test('SIGKILL of the quorum leader: kcon reports the new leader (as MetadataQuorumCommand does) and 2 of 3 voters up', async () => {
	const first = await kconQuorum();
	const oldLeader = first.quorum.leaderId!;
	assert.equal(first.quorum.votersUp, 3);
	const victim = lab.state().nodes.find((n) => n.id === oldLeader && n.roles.includes('controller'));
	assert.ok(victim?.pid, `controller ${oldLeader} in the lab state`);
	process.kill(victim.pid, 'SIGKILL');
	// the election and the dead voter falling silent take the cluster a few seconds
	const now = await eventually(
		async () => {
			const d = await kconQuorum();
			return d.quorum.leaderId !== null && d.quorum.leaderId !== oldLeader && d.quorum.votersUp === 2 ? d : null;
		},
		{timeoutMs: 90_000, intervalMs: 1000},
	);
	assert.equal(now.quorum.votersTotal, 3);
	assert.ok(now.quorum.leaderEpoch > first.quorum.leaderEpoch);
	const java = await javaQuorum('--status');
	assert.equal(field(java, 'LeaderId'), String(now.quorum.leaderId));
	assert.equal(field(java, 'LeaderEpoch'), String(now.quorum.leaderEpoch));
	const replication = await kconText(['quorum', '--replication']);
	assert.match(replication, new RegExp(`^${now.quorum.leaderId} +\\t\\S+\\t\\d+ +\\t0 +\\t\\d+ +\\t\\d+ +\\tLeader`, 'm'));
	assert.match(replication, new RegExp(`^${oldLeader} +\\t.*\\tFollower`, 'm'));
});
