#!/usr/bin/env node
import meow from 'meow';
import {commands, stoppable} from './commands/registry.js';
import {reportError, wantsJson} from './commands/report-error.js';
import {UsageError} from './errors.js';
import {quietOnClosedPipe} from './closed-pipe.js';
import {installStopHandlers} from './stop.js';

const cli = meow(
	`
	Usage
	  $ kcon [connection options]                 open the console (needs a terminal)
	  $ kcon describe [brokers|topics|topic NAME|groups|group ID|agents] [options]
	  $ kcon tail TOPIC [--from …] [--partition P,…] [--limit N] [--until end]
	  $ kcon broker kill|start ID [--signal KILL|TERM] [--yes] [--force]
	  $ kcon reassign generate|execute|verify|cancel|list …
	  $ kcon elect [--topic T [--partition P]] [--all]
	  $ kcon lab up|down|status [lab options]
	  $ kcon start                                bring the lab up if needed and open kcon on it

	Connection options
	  -b, --brokers host:port,…   bootstrap brokers (env KCON_BROKERS)
	  --lab                       connect to the running local lab (brokers and agents)
	  --context NAME              a named context from the config file
	  --config FILE               config file (default ~/.config/kcon/config.json)
	  --agent NAME=HOST[:PORT]    an SNMP agent, repeatable (env KCON_AGENTS)
	  --community STRING          SNMP v2c community (default public)
	  --read-only                 refuse every action that changes the cluster (exit 3)
	  --refresh SECONDS           console refresh interval (default 2, minimum 1)
	  --no-color                  no colours (also NO_COLOR=1; FORCE_COLOR=0…3 overrides NO_COLOR)

	describe
	  -o, --output text|json      output format (default text)
	  topics: --under-replicated | --unavailable | --under-min-isr | --at-min-isr, --include-internal
	  groups: --only-with-lag     group ID: --members | --state
	  agents: --interval SECONDS  time between the two samples (default 1)
	          --timeout SECONDS   per-request SNMP timeout (default 2)

	tail
	  --from beginning|end|OFFSET|ISO-8601|-10m   where to start (default end)
	  --partition P[,P…]  --limit N  --until end  --key REGEX  --grep REGEX
	  --group G           consume as a member of group G (commits); default: no group
	  -o, --output text|json

	reassign
	  generate --topics a,b --brokers 3,4,5 [--rack-aware]
	  execute PLAN [--throttle 10MB/s] [--yes] [--allow-rf-change]
	  verify PLAN [--keep-throttle] [--wait [--timeout SECONDS]]
	         exit 0 complete (every partition as planned), 4 still moving, 5 finished NOT as planned
	  cancel [PLAN] [--yes] | list
	  (PLAN: kafka-reassign-partitions JSON; execute prints and saves the rollback plan)

	lab
	  up [--kafka VERSION] [--topology lab|combined] [--pis N] [--pi-agent snmpd|embedded]
	     [--base-port 9090] [--collector-format fluentd|flume]
	  status [--output json]      exit 0 when everything is up, 1 otherwise
	  down [--keep]               stop everything the lab started (by PID), remove its data

	Examples
	  $ kcon lab up && kcon --lab
	  $ kcon describe topics --lab --under-replicated -o json
	  $ kcon tail resource --lab --from -10m --limit 20
`,
	{
		importMeta: import.meta,
		allowUnknownFlags: true,
		// commands parse their own flags; meow only answers --help / --version here
		flags: {},
	},
);

quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);
const stop = installStopHandlers();

async function main(): Promise<number> {
	const argv = process.argv.slice(2);
	const first = argv[0];
	const isCommand = first !== undefined && !first.startsWith('-');
	const name = isCommand ? first : 'console';
	const load = commands[name];
	if (!load) {
		throw new UsageError(`unknown command '${name}'; see 'kcon --help'`);
	}
	stop.setGraceful(stoppable.has(name));
	const module = await load();
	const code = await module.run({argv: isCommand ? argv.slice(1) : argv, signal: stop.signal});
	return code ?? 0;
}

void cli;
main()
	.then(
		(code) => {
			process.exitCode = stop.exitCode() ?? code;
		},
		(error: unknown) => {
			// after a stop signal, a failure is the interrupted work, not news: the signal's code, quietly
			const stopped = stop.exitCode();
			process.exitCode = stopped ?? reportError(error, wantsJson(process.argv.slice(2)));
		},
	)
	.then(() => {
		// Stopped and cleaned up: what may still be pending is a library's retry timer (kafkajs retries
		// a connect for seconds and cannot be told to stop), nothing of ours, so do not wait for it.
		const stopped = stop.exitCode();
		if (stopped !== undefined) setImmediate(() => process.exit(stopped));
	});
