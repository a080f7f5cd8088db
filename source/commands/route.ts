// Which command an argument list runs: the first word names it (no word: the console), and a
// `--help` or `-h` anywhere before `--` turns any command line into its help, as operators type it
// after a half-written command (`kcon reassign execute plan.json --help`).
//
// That holds right after a flag that takes a value too: `kcon tail --grep --help` is tail's help,
// not a search for the text "--help". Cobra (kubectl) would take the word as the value; but someone
// who types --help after a half-written flag is asking what the flag takes, and kcon's parser takes
// no flag-like word as a value anyway (`-b --lab` is a usage error) except for tail's
// --from/--key/--grep, where `--from -10m` must work. A value that really is "--help" is written
// `--grep=--help`: the `=` form is always a value, for every flag.

export interface Route {
	/** the command table's key */
	name: string;
	/** what that command receives */
	argv: string[];
}

export function isHelpFlag(arg: string): boolean {
	return arg === '--help' || arg === '-h';
}

export function route(argv: readonly string[]): Route {
	const end = argv.indexOf('--');
	const before = end === -1 ? argv : argv.slice(0, end);
	const first = argv[0];
	const isCommand = first !== undefined && !first.startsWith('-');
	if (before.some(isHelpFlag)) {
		// the command word and, when the next word is no flag, the subcommand (`reassign generate`);
		// the help command matches the longest spec name and ignores an argument (`tail TOPIC`)
		const words = isCommand ? [first, ...(argv[1] !== undefined && !argv[1].startsWith('-') ? [argv[1]] : [])] : [];
		return {name: 'help', argv: words};
	}
	return isCommand ? {name: first, argv: argv.slice(1)} : {name: 'console', argv: [...argv]};
}
