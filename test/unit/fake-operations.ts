// A console's Operations for tests: the steps a test gives, every other one fails the test if called.
import assert from 'node:assert/strict';
import type {Operations, ReassignOperations} from '../../source/ui/operations.js';

export function fakeOperations(given: Partial<Omit<Operations, 'reassign'>> & {reassign?: Partial<ReassignOperations>} = {}): Operations {
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
	};
}
