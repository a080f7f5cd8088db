#!/usr/bin/env node
import {commands, stoppable} from './commands/registry.js';
import {reportError, wantsJson} from './commands/report-error.js';
import {route} from './commands/route.js';
import {UsageError} from './errors.js';
import {quietOnClosedPipe} from './closed-pipe.js';
import {installStopHandlers} from './stop.js';
import {writeOut} from './terminal-out.js';
import {asksForVersion, packageVersion} from './package-version.js';

const argv = process.argv.slice(2);

if (asksForVersion(argv)) {
	writeOut(`${packageVersion()}\n`);
	process.exit(0);
}

// meow answers a command line that is only `--help` (and exits): the help text is rendered from
// every command's spec, so both are loaded only when asked for. Every other command line, `-h` and
// `CMD --help` included, goes to the command table: each command parses its own flags.
if (argv.length === 1 && argv[0] === '--help') {
	const [{default: meow}, {helpText}] = await Promise.all([import('meow'), import('./commands/help.js')]);
	meow(await helpText(commands, []), {importMeta: import.meta, description: false, helpIndent: 0, flags: {}});
}

quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);
const stop = installStopHandlers();

async function main(): Promise<number> {
	const {name, argv: rest} = route(argv);
	const load = commands[name];
	if (!load) {
		throw new UsageError(`unknown command '${name}'; see 'kcon --help'`);
	}
	stop.setGraceful(stoppable.has(name));
	const module = await load();
	const code = await module.run({argv: rest, signal: stop.signal, commands});
	return code ?? 0;
}

main()
	.then(
		(code) => {
			process.exitCode = stop.exitCode() ?? code;
		},
		(error: unknown) => {
			// after a stop signal, a failure is the interrupted work, not news: the signal's code, quietly
			const stopped = stop.exitCode();
			process.exitCode = stopped ?? reportError(error, wantsJson(argv));
		},
	)
	.then(() => {
		// Stopped and cleaned up: what may still be pending is a library's retry timer (kafkajs retries
		// a connect for seconds and cannot be told to stop), nothing of ours, so do not wait for it.
		const stopped = stop.exitCode();
		if (stopped !== undefined) setImmediate(() => process.exit(stopped));
	});
