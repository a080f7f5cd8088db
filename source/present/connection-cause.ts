// Why the console cannot reach the cluster, short enough to lead the banner at 80 columns. The
// gateway's message names every address it tried and each failure, and a socket error repeats its
// address ("127.0.0.1:9092: connect ECONNREFUSED 127.0.0.1:9092"): the cause comes first here,
// then the addresses that failed with it, each once.

const prefix = /^no broker reachable \(tried ([^)]*)\)(?:: ([\s\S]*))?$/;

export function connectionCause(error: string): string {
	const m = prefix.exec(error);
	if (!m) return error;
	if (!m[2]) return `no broker reachable (tried ${m[1]})`;
	const byCause = new Map<string, string[]>();
	for (const part of m[2].split('; ')) {
		const colon = /^(\[[^\]]+\]:\d+|[^\s:]+:\d+): ([\s\S]*)$/.exec(part);
		const address = colon?.[1] ?? '';
		let cause = (colon?.[2] ?? part).replace(/^connect /, '');
		if (address) cause = cause.split(address).join('').replace(/\s+/g, ' ').trim();
		const list = byCause.get(cause) ?? [];
		if (address && !list.includes(address)) list.push(address);
		byCause.set(cause, list);
	}
	return [...byCause].map(([cause, addresses]) => (addresses.length ? `${cause} ${addresses.join(', ')}` : cause)).join('; ');
}
