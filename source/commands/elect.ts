import type {CommandContext} from './registry.js';
import {KconError} from '../errors.js';

export async function run(_ctx: CommandContext): Promise<number> {
	throw new KconError('`kcon elect` is not built yet');
}
