// `kcon describe quorum` and `describe cluster` on a real `--topology lab` cluster (controllers
// 0,1,2, brokers 3,4,5), judged by Kafka's own MetadataQuorumCommand and FeatureCommand (how the
// values that move are compared: quorum-checks.ts).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {CLI, eventually, javaTool, runKcon, startLab, type TestLab} from '../helpers/lab.js';
import {tmuxTerminal} from '../helpers/tmux.js';
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

test('SIGKILL of broker 5: once the controller fences it, describe brokers shows it fenced with its address, as ClusterTool list-endpoints --include-fenced-brokers does', async () => {
	const victim = lab.state().nodes.find((n) => n.id === 5 && n.roles.includes('broker'));
	assert.ok(victim?.pid);
	process.kill(victim.pid, 'SIGKILL');
	type Broker = {id: number; host: string; port: number; fenced?: boolean; registered?: boolean; error?: string};
	// fencing waits for broker.session.timeout.ms (9 s by default) without a heartbeat
	const fenced = await eventually(
		async () => {
			const r = await runKcon(['describe', 'brokers', '-b', lab.bootstrap, '-o', 'json']);
			const b = (JSON.parse(r.stdout) as {brokers: Broker[]}).brokers.find((x) => x.id === 5);
			return b?.fenced === true ? b : null;
		},
		{timeoutMs: 90_000, intervalMs: 1000},
	);
	assert.deepEqual([fenced.host, fenced.port, fenced.registered, fenced.error], ['127.0.0.1', PORTS.quorum + 2, false, 'fenced']);
	const java = await javaTool(lab, 'org.apache.kafka.tools.ClusterTool', ['list-endpoints', '--bootstrap-server', lab.bootstrap, '--include-fenced-brokers']);
	assert.equal(java.code, 0, java.stderr);
	// ID HOST PORT RACK STATE ENDPOINT_TYPE: the same brokers, addresses and fenced ones as kcon's
	const javaRows = java.stdout.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
	const doc = JSON.parse((await runKcon(['describe', 'brokers', '-b', lab.bootstrap, '-o', 'json'])).stdout) as {brokers: Broker[]};
	assert.deepEqual(
		doc.brokers.map((b) => [String(b.id), b.host, String(b.port), b.fenced ? 'fenced' : 'unfenced']),
		javaRows.map((r) => [r[0], r[1], r[2], r[4]]),
		java.stdout,
	);
	const text = await runKcon(['describe', 'brokers', '-b', lab.bootstrap]);
	assert.equal(text.code, 0, text.stderr);
	assert.match(text.stdout, new RegExp(`^5 +127\\.0\\.0\\.1:${PORTS.quorum + 2} +- +no +\\d+ +\\d+ +\\d+ +fenced$`, 'm'));
	assert.match(text.stdout, /^3 +\S+ +- +yes /m);
	// brought back for the controller kill below: the lab starts only what is missing
	const up = await runKcon(['lab', 'up'], {env: lab.env, timeoutMs: 300_000});
	assert.equal(up.code, 0, up.stderr);
});

const terminal = tmuxTerminal('quorum');
after(() => terminal.kill());

test('SIGKILL of the quorum leader: kcon reports the new leader (as MetadataQuorumCommand does) and 2 of 3 voters up; so does the console', async () => {
	const first = await kconQuorum(lab);
	const oldLeader = first.quorum.leaderId!;
	assert.equal(first.quorum.votersUp, 3);
	// the console on :controllers, refreshing every second, watches the same kill
	const cmd = `env -u CI KCON_STATE_DIR=${lab.stateDir} ${process.execPath} ${CLI} --lab --refresh 1; echo KCON-EXITED $?; sleep 120`;
	terminal.tmux('new-session', '-d', '-s', 'quorum', '-x', '140', '-y', '30', cmd);
	await terminal.see(/Brokers/, 60_000);
	terminal.keys(':controllers', 'Enter');
	await terminal.see(new RegExp(`^\\s*${oldLeader}\\s+Leader\\b`, 'm'), 30_000);
	assert.match(terminal.screen(), /controllers up 3\/3/);
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
	// the console: the new leader at the top, the old one a follower that no longer fetches, 2 of 3 up
	const seen = await terminal.see(new RegExp(`^\\s*${now.quorum.leaderId}\\s+Leader\\b[\\s\\S]*controllers up 2/3|controllers up 2/3[\\s\\S]*^\\s*${now.quorum.leaderId}\\s+Leader\\b`, 'm'), 30_000);
	assert.match(seen, new RegExp(`^\\s*${oldLeader}\\s+Follower\\b`, 'm'));
	assert.doesNotMatch(seen, /KCON-EXITED/);
});
