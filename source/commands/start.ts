// kcon start (`npm start`): bring the lab up if it is not (fully) running, then open the console on
// it when stdout is a terminal, or print the lab's status otherwise. Given a cluster of the user's
// own (`npm start -- -b host:9092`, `--context NAME`), it opens the console on that and leaves the lab alone.
import type {CommandContext} from './context.js';
import {parseConnectionArgs} from '../config/args.js';
import {UsageError} from '../errors.js';
import {labStatus, labUp} from '../lab/lab.js';
import {readLabState} from '../lab/state.js';
import {kconLine, writeOut} from '../terminal-out.js';
import type {CommandSpec} from './command-spec.js';

export const specs: readonly CommandSpec[] = [
	{
		name: 'start',
		summary: 'bring the lab up if it is not (fully) running, then open the console on it (npm start)',
		usage: '',
		flags: [],
		connection: false,
		write: false,
		examples: ['kcon start'],
	},
];

export async function run(ctx: CommandContext): Promise<number | void> {
	const {values, positionals} = parseConnectionArgs(ctx.argv, {refresh: {type: 'string'}});
	if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
	if (!values.lab && (values.brokers !== undefined || values.context !== undefined || process.env['KCON_BROKERS'])) {
		const console = await import('./console.js');
		return console.run({argv: ctx.argv, signal: ctx.signal});
	}
	let state = readLabState();
	if (!state || !(await labStatus(state)).up) {
		kconLine(state ? 'the lab is partly down; starting what is missing' : 'no lab running; starting one (kcon lab up)');
		state = await labUp({});
	}
	if (process.stdout.isTTY) {
		const console = await import('./console.js');
		return console.run({argv: ['--lab'], signal: ctx.signal});
	}
	const status = await labStatus(state);
	writeOut(
		[
			`lab ${status.up ? 'up' : 'NOT fully up'} — Kafka ${status.kafkaVersion}, ${status.topology} topology`,
			`bootstrap ${status.bootstrap}`,
			...status.agents.map((a) => `agent ${a.name} ${a.host}:${a.port}/udp ${a.alive ? 'up' : 'DOWN'}`),
			'(stdout is not a terminal: run `kcon --lab` in a terminal for the console)',
		].join('\n') + '\n',
	);
	return status.up ? 0 : 1;
}
