// The rules for starting a kept lab again: as it was, on another Kafka down to the one that
// formatted its data, never with other ports or topology.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {compareVersions, planKeptLab} from '../../../source/lab/kept-lab.js';
import type {LabState} from '../../../source/lab/state.js';

const kept = {labDir: '/tmp/x/lab', topology: 'combined', basePort: 21090, kafkaVersion: '4.4.0', formattedWith: '4.2.1'} as LabState;

test('versions compare by number, not by text', () => {
	assert.equal(compareVersions('4.10.0', '4.9.1'), 1);
	assert.equal(compareVersions('3.9.1', '4.2.1'), -1);
	assert.equal(compareVersions('4.2.1', '4.2.1'), 0);
});

test('the same flags (or none) start the kept lab as it was', () => {
	assert.deepEqual(planKeptLab(kept, {}), {kind: 'reuse'});
	assert.deepEqual(planKeptLab(kept, {topology: 'combined', basePort: 21090, kafkaVersion: '4.4.0'}), {kind: 'reuse'});
});

test('another Kafka down to the formatting version is a change of binaries; older is refused', () => {
	assert.deepEqual(planKeptLab(kept, {kafkaVersion: '4.2.1'}), {kind: 'change', from: '4.4.0', to: '4.2.1', formattedWith: '4.2.1'});
	assert.deepEqual(planKeptLab(kept, {kafkaVersion: '4.5.0'}), {kind: 'change', from: '4.4.0', to: '4.5.0', formattedWith: '4.2.1'});
	assert.throws(() => planKeptLab(kept, {kafkaVersion: '3.9.1'}), /formatted by Kafka 4\.2\.1, whose metadata Kafka 3\.9\.1 cannot read.*`kcon lab up --kafka 4\.4\.0` starts it as it was/);
	// a state written before the formatting version was recorded: its own version formatted it
	const old = {...kept, formattedWith: undefined, kafkaVersion: '4.2.1'} as LabState;
	assert.throws(() => planKeptLab(old, {kafkaVersion: '4.1.0'}), /formatted by Kafka 4\.2\.1/);
});

test('other ports or another topology are refused, naming what the lab has', () => {
	assert.throws(() => planKeptLab(kept, {basePort: 9090}), /has base port 21090: `kcon lab up` without those flags/);
	assert.throws(() => planKeptLab(kept, {topology: 'lab', basePort: 9090}), /has the combined topology and base port 21090/);
});
