// `kcon describe quorum` and `describe cluster` on a real `--topology lab` cluster (controllers
// 0,1,2, brokers 3,4,5), judged by Kafka's own MetadataQuorumCommand and FeatureCommand (how the
// values that move are compared: quorum-checks.ts).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {eventually, startLab, type TestLab} from '../helpers/lab.js';
import {assertFeaturesAgree, assertQuorumReplicationAgrees, assertQuorumStatusAgrees, field, javaQuorum, kconQuorum, kconText} from './quorum-checks.js';
import {PORTS} from '../helpers/ports.js';

let lab: TestLab;
before(async () => {
	lab = await startLab({basePort: PORTS.quorum, topology: 'lab', pis: 0});
});
after(async () => {
	await lab?.stop();
});

test('--status: the stable lines equal MetadataQuorumCommand byte for byte, the high watermark bracketed', async () => {
	await assertQuorumStatusAgrees(lab);
	assert.match(await javaQuorum(lab, '--status'), /^CurrentVoters:.*"id": 0.*"id": 1.*"id": 2/m);
});

test('--replication: the header, ids, directory ids and roles equal MetadataQuorumCommand, log-end offsets bracketed; JSON says the same', async () => {
	await assertQuorumReplicationAgrees(lab, ['Leader', 'Follower', 'Follower', 'Observer', 'Observer', 'Observer']);
});

test('describe cluster: the feature lines equal FeatureCommand describe (the epoch bracketed); JSON carries metadata.version', async () => {
	await assertFeaturesAgree(lab);
});

test('SIGKILL of the quorum leader: kcon reports the new leader (as MetadataQuorumCommand does) and 2 of 3 voters up', async () => {
	const first = await kconQuorum(lab);
	const oldLeader = first.quorum.leaderId!;
	assert.equal(first.quorum.votersUp, 3);
	const victim = lab.state().nodes.find((n) => n.id === oldLeader && n.roles.includes('controller'));
	assert.ok(victim?.pid, `controller ${oldLeader} in the lab state`);
	process.kill(victim.pid, 'SIGKILL');
	// the election and the dead voter falling silent take the cluster a few seconds
	const now = await eventually(
		async () => {
			const d = await kconQuorum(lab);
			return d.quorum.leaderId !== null && d.quorum.leaderId !== oldLeader && d.quorum.votersUp === 2 ? d : null;
		},
		{timeoutMs: 90_000, intervalMs: 1000},
	);
	assert.equal(now.quorum.votersTotal, 3);
	assert.ok(now.quorum.leaderEpoch > first.quorum.leaderEpoch);
	const java = await javaQuorum(lab, '--status');
	assert.equal(field(java, 'LeaderId'), String(now.quorum.leaderId));
	assert.equal(field(java, 'LeaderEpoch'), String(now.quorum.leaderEpoch));
	const replication = await kconText(lab, ['quorum', '--replication']);
	assert.match(replication, new RegExp(`^${now.quorum.leaderId} +\\t\\S+\\t\\d+ +\\t0 +\\t\\d+ +\\t\\d+ +\\tLeader`, 'm'));
	assert.match(replication, new RegExp(`^${oldLeader} +\\t.*\\tFollower`, 'm'));
});
