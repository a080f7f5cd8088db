// Kafka 3.9.1 on a lab of its own: describe agrees with kcat, TopicCommand and ConsumerGroupCommand;
// the operator actions (throttled reassign, list and cancel, broker kill/start, elect) work as on
// 4.x; last, a broker SIGKILL, which leaves broker 4 down.
import {after, before, test} from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startLab, type TestLab} from '../helpers/lab.js';
import {PORTS} from '../helpers/ports.js';
import {assertBrokerKillAgrees, assertQuietGroupAgrees, assertTopicsAgree} from './describe-checks.js';
import {assertCancelRestores, assertKillStartElect, assertThrottledReassign, createMovesTopic} from './actions-checks.js';
import {assertFeaturesAgree, assertQuorumReplicationAgrees, assertQuorumStatusAgrees} from './quorum-checks.js';

let lab: TestLab;
let work: string;
before(async () => {
	lab = await startLab({basePort: PORTS.kafka39Cluster, topology: 'combined', kafka: '3.9.1', pis: 0});
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-kafka39-'));
});
after(async () => {
	await lab?.stop();
	if (work) fs.rmSync(work, {recursive: true, force: true});
});

// 3.9 speaks DescribeQuorum v2 and ApiVersions v3 (not v4, so features whose minimum is 0 other
// than kraft.version are left out — by FeatureCommand as well); the combined nodes are the voters,
// and there are no observers.
test('Kafka 3.9.1: describe quorum (--status, --replication) and describe cluster agree with MetadataQuorumCommand and FeatureCommand', async () => {
	await assertQuorumStatusAgrees(lab);
	await assertQuorumReplicationAgrees(lab, ['Leader', 'Follower', 'Follower']);
	await assertFeaturesAgree(lab);
});

test('Kafka 3.9.1: a lagging group agrees with ConsumerGroupCommand', async () => {
	await assertQuietGroupAgrees(lab, 'describe-quiet', 'describe-quiet-group');
});

test('Kafka 3.9.1: describe topics agrees with kcat -L -J and TopicCommand', async () => {
	await assertTopicsAgree(lab);
});

test('Kafka 3.9.1: throttled reassign of a 6-partition RF 2 topic matches the plan, throttles gone, retention.ms kept', async () => {
	await createMovesTopic(lab, 'moves');
	await assertThrottledReassign(lab, 'moves', work);
});

test('Kafka 3.9.1: reassign list shows a crawling move, reassign cancel puts the replicas back and removes the throttles', async () => {
	await assertCancelRestores(lab, 'moves', work);
});

test('Kafka 3.9.1: kcon broker kill moves leaders and shrinks ISR; broker start rejoins; elect restores preferred leaders', async () => {
	await assertKillStartElect(lab, 4, 'resource');
});

test('Kafka 3.9.1: SIGKILL of broker 4, sets equal to TopicCommand', async () => {
	await assertBrokerKillAgrees(lab, 4);
});
