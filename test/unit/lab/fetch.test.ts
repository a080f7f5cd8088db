// Which Kafka versions the lab accepts, and how each major version is told where its logging config is.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {checkVersion, installOf} from '../../../source/lab/fetch.js';

test('versions: 3.9+ accepted, logging flag follows the major version', () => {
	assert.throws(() => checkVersion('3.8.1'), /3\.9 or newer/);
	assert.throws(() => checkVersion('latest'), /version like/);
	checkVersion('3.9.1');
	assert.match(installOf('4.2.1').loggingFlag, /^-Dlog4j2\.configurationFile=.*kafka\/4\.2\.1\/config\/log4j2\.properties$/);
	assert.match(installOf('3.9.1').loggingFlag, /^-Dlog4j\.configuration=file:.*kafka\/3\.9\.1\/config\/log4j\.properties$/);
});
