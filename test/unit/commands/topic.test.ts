import {test} from 'node:test';
import assert from 'node:assert/strict';
import {specs, topicConfigArgs} from '../../../source/commands/topic.js';
import {specs as configSpecs} from '../../../source/commands/config-resources.js';

test("kafka-topics.sh's --config k=v is a topic config; any other --config value stays kcon's config file", () => {
	assert.deepEqual(topicConfigArgs(['t', '--config', 'retention.ms=1', '--config=cleanup.policy=compact', '-p', '1']), ['t', '--set', 'retention.ms=1', '--set=cleanup.policy=compact', '-p', '1']);
	assert.deepEqual(topicConfigArgs(['t', '--config', '/home/me/kcon.json']), ['t', '--config', '/home/me/kcon.json']);
	assert.deepEqual(topicConfigArgs(['t', '--', '--config', 'a=b']), ['t', '--', '--config', 'a=b']);
});

test('the topic and config commands describe themselves as data; the writes say so', () => {
	assert.deepEqual(specs.map((s) => [s.name, s.write]), [['topic create', true], ['topic delete', true], ['topic add-partitions', true]]);
	assert.deepEqual(configSpecs.map((s) => [s.name, s.write]), [['config describe', false], ['config alter', true]]);
	for (const spec of [...specs, ...configSpecs]) {
		assert.ok(spec.connection && spec.examples.every((e) => e.startsWith(`kcon ${spec.name} `)), spec.name);
	}
});
