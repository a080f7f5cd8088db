// kcon broker kill|start ID — stop or start one broker, with an impact preview before any kill.
// The action (checks, audit, the stop itself) is ops/broker-kill.ts and ops/broker-start.ts; this
// file parses the flags, prompts and prints.
import type {CommandContext} from './context.js';
import {UsageError} from '../errors.js';
import {impactLines} from '../domain/impact.js';
import {killBroker} from '../ops/broker-kill.js';
import {startBroker} from '../ops/broker-start.js';
import {readSnapshot} from '../ops/cluster-snapshot.js';
import type {CommandSpec} from './command-spec.js';
import {ask, cliAction, confirm, info, interactive, out, parseActionArgs, passOutput, positiveId, type CliAction} from './action-support.js';

const options = {
	signal: {type: 'string'},
	yes: {type: 'boolean', short: 'y'},
	force: {type: 'boolean'},
	'timeout': {type: 'string'},
} as const;

export const specs: readonly CommandSpec[] = [
	{
		name: 'broker kill',
		summary: 'stop one broker, after a preview of the impact (leaders that move, partitions that go offline, groups that lose their coordinator)',
		usage: 'ID [--signal KILL|TERM] [--yes] [--force] [options]',
		flags: [
			{name: 'signal', type: 'string', value: 'KILL|TERM', default: 'TERM', description: 'how to stop it'},
			{name: 'yes', short: 'y', type: 'boolean', description: 'do not ask (needed without a terminal)'},
			{name: 'force', type: 'boolean', description: 'also when partitions would go offline'},
			{name: 'timeout', type: 'string', value: 'SECONDS', description: "accepted but not used: a stop command's own limit is the context's brokerCommands.timeoutSeconds"},
		],
		connection: true,
		write: true,
		examples: ['kcon broker kill 4 --lab --signal KILL', 'kcon broker kill 3 --context prod --yes'],
	},
	{
		name: 'broker start',
		summary: "start a stopped broker again and wait until it is back in the cluster's metadata",
		usage: 'ID [options]',
		flags: [{name: 'timeout', type: 'string', value: 'SECONDS', description: 'accepted but not used: start waits up to 90 s for the broker to rejoin'}],
		connection: true,
		write: true,
		examples: ['kcon broker start 4 --lab'],
	},
];

export async function run(ctx: CommandContext): Promise<number> {
	const {values, positionals} = parseActionArgs(ctx.argv, options);
	const [sub, idText, ...rest] = positionals;
	if (sub !== 'kill' && sub !== 'start') throw new UsageError(`usage: kcon broker kill|start ID [--signal KILL|TERM] [--yes] [--force]`);
	if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
	const id = positiveId(idText);
	const signal = (values.signal ?? 'TERM').toUpperCase().replace(/^SIG/, '');
	if (signal !== 'KILL' && signal !== 'TERM') throw new UsageError(`--signal must be KILL or TERM, not '${values.signal}'`);
	if (sub === 'start' && (values.signal || values.force)) throw new UsageError('--signal and --force apply to kill only');
	const cli = cliAction(values);
	return sub === 'kill' ? kill(cli, id, signal, Boolean(values.yes), Boolean(values.force)) : start(cli, id);
}

async function kill(cli: CliAction, id: number, signal: 'KILL' | 'TERM', yes: boolean, force: boolean): Promise<number> {
	const preview = () => readSnapshot(cli.settings, {offsets: false, groups: true, configs: true, reassignments: false});
	const result = await killBroker(cli.settings, {id, signal, yes, force}, preview, {
		preview: (impact) => info(cli, impactLines(impact).join('\n')),
		needsForce: async (reason, impact) => {
			if (impact.lastReachable || !interactive()) return `${reason}: refusing without --force; nothing was changed`;
			// on a terminal: a second, explicit confirmation for taking partitions offline
			const answer = await ask(`${reason}. Type 'offline' to accept that: `);
			return answer === 'offline' ? null : `not confirmed; nothing was changed`;
		},
		confirm: (op) => confirm(op, yes, `Type the broker id (${id}) to ${signal === 'KILL' ? 'kill -9' : 'stop'} broker ${id}:`, String(id)),
		onOutput: passOutput(cli),
	});
	const {detail, ms, impact} = result;
	out(cli, `broker ${id} stopped (${detail}) in ${(ms / 1000).toFixed(1)} s`, {action: 'kill', broker: id, signal, result: 'ok', detail, ms, impact});
	return 0;
}

async function start(cli: CliAction, id: number): Promise<number> {
	const {detail, rejoined, ms} = await startBroker(cli.settings, {id, waitMs: 90_000, onOutput: passOutput(cli)});
	const seconds = (ms / 1000).toFixed(1);
	out(
		cli,
		rejoined ? `broker ${id} started (${detail}) and rejoined the cluster in ${seconds} s` : `broker ${id} started (${detail}) but is not in the cluster's metadata after ${seconds} s`,
		{action: 'start', broker: id, result: 'ok', detail, rejoined, ms},
	);
	return rejoined ? 0 : 1;
}
