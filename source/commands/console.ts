// `kcon [connection options] [--refresh SECONDS]`: the full-screen console.
// Needs a terminal; draws on the alternate screen and restores the terminal on quit, Ctrl-C, a stop
// signal (SIGINT/SIGTERM/SIGHUP from outside: ctx.signal, source/stop.ts) and crashes. Ink and React are loaded here, lazily, and nowhere else.
import type {CommandContext} from './context.js';
import {parseConnectionArgs} from '../config/args.js';
import {seconds} from '../domain/numbers.js';
import {resolveSettings} from '../config/settings.js';
import {UsageError} from '../errors.js';
import {kconLine, writeOwnSequence} from '../terminal-out.js';
import type {CommandSpec} from './command-spec.js';

export const specs: readonly CommandSpec[] = [
	{
		name: 'console',
		summary: 'the full-screen console (also plain `kcon [options]`); needs a terminal, ? in it lists every key',
		usage: '[--refresh SECONDS] [options]',
		flags: [{name: 'refresh', type: 'string', value: 'SECONDS', default: '2', description: 'refresh interval, minimum 1'}],
		connection: true,
		write: false,
		examples: ['kcon --lab', 'kcon --context prod --read-only', 'kcon -b kafka1:9092 --refresh 5'],
	},
];

const enterAlt = '\x1b[?1049h\x1b[H';
const leaveAlt = '\x1b[?25h\x1b[?1049l';

export function refreshSeconds(value: string | undefined): number {
	return value === undefined ? 2 : seconds(value, '--refresh', 1);
}

/** The SNMP agents to watch (--agent, --lab, KCON_AGENTS, context), with their :agents views; none → undefined. */
async function agentFeed(values: Record<string, unknown>) {
	const [{resolveAgents}, {createAgentSource}] = await Promise.all([import('../config/agents.js'), import('../snmp/agent-source.js')]);
	const resolved = resolveAgents(values as Parameters<typeof resolveAgents>[0]);
	if (resolved.agents.length === 0) return undefined;
	const feed = createAgentSource(resolved.agents);
	const {agentViewDefs} = await import('../ui/views/agents-screen.js');
	return {feed, views: agentViewDefs(feed)};
}

export async function run(ctx: CommandContext): Promise<number> {
	const {values, positionals} = parseConnectionArgs(ctx.argv, {refresh: {type: 'string'}});
	if (positionals.length > 0) throw new UsageError(`unknown command '${positionals[0]}'; see 'kcon --help'`);
	const refresh = refreshSeconds(values.refresh);
	if (!process.stdout.isTTY || !process.stdin.isTTY) {
		throw new UsageError("the console needs a terminal; try 'kcon describe'");
	}
	const settings = resolveSettings(values);

	// We do have a terminal: render interactively even when CI is set in the environment
	// (Ink otherwise prints only the last frame).
	for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) if (name in process.env) process.env[name] = 'false';
	// React's production build: the development one costs several times more per frame
	process.env['NODE_ENV'] ??= 'production';

	const [{createGateway}, {runConsole}, {consoleTailSource}, {tailViewDefs}, {favourMemoryOverSpeed}] = await Promise.all([
		import('../kafka/gateway/gateway.js'),
		import('../ui/app.js'),
		import('../kafka/tail/tail.js'),
		import('../ui/views/tail-view.js'),
		import('../ui/heap-mode.js'),
	]);
	favourMemoryOverSpeed();
	const gateway = createGateway(settings, {connectionTimeout: 2000, requestTimeout: Math.max(4000, refresh * 2000)});
	const agents = await agentFeed(values);
	// K / S, E and R: the same actions as `kcon broker kill|start`, `kcon elect`, `kcon reassign` (source/ops)
	const {consoleOperations} = await import('./console-operations.js');
	const operations = consoleOperations(settings);

	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		try {
			process.stdin.setRawMode?.(false);
		} catch {}
		writeOwnSequence(leaveAlt);
	};
	const onCrash = (error: unknown) => {
		restore();
		kconLine(`the console crashed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	};
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	process.on('exit', restore);

	writeOwnSequence(enterAlt);
	try {
		await runConsole({
			source: gateway,
			refreshMs: refresh * 1000,
			readOnly: settings.readOnly,
			views: [...tailViewDefs(consoleTailSource(settings)), ...(agents?.views ?? [])],
			agents: agents?.feed,
			operations,
			target: settings.context ?? (settings.source === 'lab' ? `lab ${settings.brokers[0]}` : settings.brokers.join(',')),
			signal: ctx.signal,
		});
	} finally {
		restore();
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
		void gateway.close().catch(() => {});
		agents?.feed.close();
	}
	// kafkajs may keep sockets/timers alive briefly after close: the console is done, so leave now
	setTimeout(() => process.exit(process.exitCode ?? 0), 300).unref();
	return 0;
}
