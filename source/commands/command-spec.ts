// What a command is, as data: its usage lines, flags with defaults, and examples. Each command module
// exports the specs of its (sub)commands; `--help` of any command, the top-level help, shell
// completion and the readme's command reference are all rendered from them, so they cannot drift.

export interface FlagSpec {
	/** long name without dashes: `partitions` for --partitions */
	name: string;
	/** one-letter alias without the dash */
	short?: string;
	type: 'string' | 'boolean';
	/** may be given more than once */
	multiple?: boolean;
	/** the value's placeholder in help: `N`, `host:port,…`, `k=v` */
	value?: string;
	/** the default as the user would type it, when there is one */
	default?: string;
	description: string;
}

export interface CommandSpec {
	/** the words after `kcon`: `describe`, `topic create` */
	name: string;
	/** one line: what it does */
	summary: string;
	/** argument synopsis after the name: `NAME --partitions N --replication-factor R` */
	usage: string;
	flags: readonly FlagSpec[];
	/** whether it takes the connection options (-b, --lab, --context, …) */
	connection: boolean;
	/** whether it changes the cluster (refused under --read-only, exit 3) */
	write: boolean;
	/** the words the first argument may be (describe's views, completion's shells): offered by shell completion */
	arguments?: readonly string[];
	/** full command lines, without the leading `$ ` */
	examples: readonly string[];
}
