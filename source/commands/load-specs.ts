// Every command's specs, in the order of the command table: what help, completion and the readme
// reference render. Loading every module costs a few tens of milliseconds, paid only by those.
import type {CommandSpec} from './command-spec.js';
import type {CommandTable} from './context.js';

export async function loadSpecs(table: CommandTable): Promise<CommandSpec[]> {
	const modules = await Promise.all(Object.values(table).map((load) => load()));
	return modules.flatMap((m) => m.specs);
}
