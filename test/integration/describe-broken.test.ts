// A broker's JVM killed with SIGKILL (Kafka 4.x, a lab of its own): kcon still describes the
// cluster, exits 0, and its unavailable / under-replicated / min-ISR sets equal TopicCommand's.
import {after, before, test} from 'node:test';
import {startLab, type TestLab} from '../helpers/lab.js';
import {PORTS} from '../helpers/ports.js';
import {assertBrokerKillAgrees} from './describe-checks.js';

let lab: TestLab;
before(async () => {
	lab = await startLab({basePort: PORTS.describeBroken, topology: 'combined', pis: 0});
});
after(async () => {
	await lab?.stop();
});

test('SIGKILL of broker 3 (first bootstrap address): exit 0, Leader: none, sets equal to TopicCommand', async () => {
	await assertBrokerKillAgrees(lab, 3);
});
