// Lag as kcon shows it (never below 0, the group sums the partitions that are known) and as
// kafka-consumer-groups.sh prints it (log end − committed, negative when a commit is past the read end).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {groupLag, partitionLag, toolLag} from '../../../source/domain/lag.js';

test('partition lag: max(0, logEnd − committed) when both are known; the group sums the known ones', () => {
	assert.equal(partitionLag(10n, 15n), 5n);
	assert.equal(partitionLag(18n, 15n), 0n);
	assert.equal(partitionLag(null, 15n), null);
	assert.equal(partitionLag(10n, null), null);
	assert.equal(toolLag(18n, 15n), -3n);
	assert.equal(toolLag(null, 15n), null);
	assert.equal(groupLag([{committed: 10n, logEnd: 15n}, {committed: 18n, logEnd: 15n}, {committed: null, logEnd: 15n}]), 5n);
	assert.equal(groupLag([{committed: null, logEnd: 15n}]), null);
	assert.equal(groupLag([]), null);
});
