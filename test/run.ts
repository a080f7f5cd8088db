// `npm test`: every unit and integration test in one node:test run, so the summary is one.
import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const child = spawn(
	process.execPath,
	['--test', '--test-concurrency=1', '--test-reporter=spec', path.join(here, 'unit'), path.join(here, 'integration')],
	{stdio: 'inherit'},
);
child.on('exit', (code, signal) => {
	process.exitCode = code ?? (signal ? 1 : 0);
});
