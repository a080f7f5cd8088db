// Which Kafka versions the lab accepts, how each major version is told where its logging config is,
// and where the lab's Kafka Streams application is compiled (or why not).
import {fileURLToPath} from 'node:url';
import {createHash} from 'node:crypto';
import assert from 'node:assert/strict';
import {test} from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {checkVersion, compileLabStreams, installOf, labStreamsCompiled} from '../../../source/lab/fetch.js';

test('versions: 3.9+ accepted, logging flag follows the major version', () => {
	assert.throws(() => checkVersion('3.8.1'), /3\.9 or newer/);
	assert.throws(() => checkVersion('latest'), /version like/);
	checkVersion('3.9.1');
	assert.match(installOf('4.2.1').loggingFlag, /^-Dlog4j2\.configurationFile=.*kafka\/4\.2\.1\/config\/log4j2\.properties$/);
	assert.match(installOf('3.9.1').loggingFlag, /^-Dlog4j\.configuration=file:.*kafka\/3\.9\.1\/config\/log4j\.properties$/);
});

test('the lab streams application: compiled beside the libs, in a directory named by its source; without a javac one line says the lab runs without it', () => {
	// a changed source gets a directory of its own: one written is never rewritten under a running lab
	const source = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'lab', 'streams', 'LabStreams.java'));
	const digest = createHash('sha256').update(source).digest('hex').slice(0, 16);
	assert.equal(installOf('4.2.1').streamsClasses, path.join(installOf('4.2.1').home, 'streams', digest));
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-fetch-test-'));
	const install = {...installOf('4.2.1'), streamsClasses: path.join(dir, 'classes')};
	const lines: string[] = [];
	const PATH = process.env['PATH'];
	process.env['PATH'] = path.join(dir, 'no-bin');
	try {
		compileLabStreams(install, (l) => lines.push(l));
	} finally {
		process.env['PATH'] = PATH;
		fs.rmSync(dir, {recursive: true, force: true});
	}
	assert.equal(lines.length, 1);
	assert.match(lines[0]!, /^kcon: javac not found .*: the lab runs without its Kafka Streams application$/);
	assert.equal(labStreamsCompiled(install), false);
});
