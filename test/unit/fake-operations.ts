// A console's Operations for tests: the steps a test gives, every other one fails the test if called.
import assert from 'node:assert/strict';
import type {ConfigOperations, GroupOperations, Operations, ReassignOperations, TopicOperations} from '../../source/ui/operations.js';

type Given = Partial<Omit<Operations, 'reassign' | 'groups' | 'configs' | 'topics'>> & {
	reassign?: Partial<ReassignOperations>;
	groups?: Partial<GroupOperations>;
	configs?: Partial<ConfigOperations>;
	topics?: Partial<TopicOperations>;
};

export function fakeOperations(given: Given = {}): Operations {
	const unexpected = (name: string) => async (): Promise<never> => assert.fail(`${name} was not expected here`);
	return {
		killBroker: given.killBroker ?? unexpected('killBroker'),
		startBroker: given.startBroker ?? unexpected('startBroker'),
		electLeaders: given.electLeaders ?? unexpected('electLeaders'),
		reassign: {
			start: given.reassign?.start ?? unexpected('reassign.start'),
			progress: given.reassign?.progress ?? unexpected('reassign.progress'),
			clearThrottles: given.reassign?.clearThrottles ?? unexpected('reassign.clearThrottles'),
			cancel: given.reassign?.cancel ?? unexpected('reassign.cancel'),
		},
		groups: {
			previewReset: given.groups?.previewReset ?? unexpected('groups.previewReset'),
			resetOffsets: given.groups?.resetOffsets ?? unexpected('groups.resetOffsets'),
		},
		configs: {
			describe: given.configs?.describe ?? unexpected('configs.describe'),
			preview: given.configs?.preview ?? unexpected('configs.preview'),
			alter: given.configs?.alter ?? unexpected('configs.alter'),
		},
		topics: {
			previewCreate: given.topics?.previewCreate ?? unexpected('topics.previewCreate'),
			create: given.topics?.create ?? unexpected('topics.create'),
			delete: given.topics?.delete ?? unexpected('topics.delete'),
			previewAddPartitions: given.topics?.previewAddPartitions ?? unexpected('topics.previewAddPartitions'),
			addPartitions: given.topics?.addPartitions ?? unexpected('topics.addPartitions'),
			produce: given.topics?.produce ?? unexpected('topics.produce'),
		},
	};
}
