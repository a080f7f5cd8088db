// The same agreement on Kafka 3.9.1 (a lab of its own): topics with kcat and TopicCommand, a
// lagging group with ConsumerGroupCommand, then a broker SIGKILL.
import {after, before, test} from 'node:test';
import {startLab, type TestLab} from '../helpers/lab.js';
import {PORTS} from '../helpers/ports.js';
import {assertBrokerKillAgrees, assertQuietGroupAgrees, assertTopicsAgree} from './describe-checks.js';

let lab: TestLab;
before(async () => {
	lab = await startLab({basePort: PORTS.describeKafka39, topology: 'combined', kafka: '3.9.1', pis: 0});
});
after(async () => {
	await lab?.stop();
});

test('Kafka 3.9.1: a lagging group agrees with ConsumerGroupCommand', async () => {
	await assertQuietGroupAgrees(lab, 'describe-quiet', 'describe-quiet-group');
});

test('Kafka 3.9.1: describe topics agrees with kcat -L -J and TopicCommand', async () => {
	await assertTopicsAgree(lab);
});

test('Kafka 3.9.1: SIGKILL of broker 4, sets equal to TopicCommand', async () => {
	await assertBrokerKillAgrees(lab, 4);
});
