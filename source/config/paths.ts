// Where kcon keeps things, following the XDG base directory spec.
import os from 'node:os';
import path from 'node:path';

const home = () => os.homedir();

export function cacheDir(): string {
	return path.join(process.env['XDG_CACHE_HOME'] || path.join(home(), '.cache'), 'kcon');
}

export function configDir(): string {
	return path.join(process.env['XDG_CONFIG_HOME'] || path.join(home(), '.config'), 'kcon');
}

/** The lab's state and the audit log. KCON_STATE_DIR overrides (tests use their own). */
export function stateDir(): string {
	return (
		process.env['KCON_STATE_DIR'] ||
		path.join(process.env['XDG_STATE_HOME'] || path.join(home(), '.local', 'state'), 'kcon')
	);
}

export function defaultConfigFile(): string {
	return path.join(configDir(), 'config.json');
}
