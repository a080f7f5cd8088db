// Where the bench's own lab and agents listen. Several benches or test runs may share one machine,
// so the ports move with KCON_TEST_PORT_OFFSET (the same knob the integration tests use); the lab's
// base port can also be named outright with KCON_BENCH_BASE_PORT. With neither set the lab keeps its
// own default (9090). With an offset the bench lab sits 100 above the integration tests' lab
// (21090 + offset), so one checkout can run both at once.
const OFFSET_BASE_PORT = 21190;
const DEFAULT_AGENT_PORT = 29499;

function offset(): number | undefined {
	const raw = process.env['KCON_TEST_PORT_OFFSET'];
	if (raw === undefined || raw === '') return undefined;
	const n = Number(raw);
	if (!Number.isInteger(n)) throw new Error(`KCON_TEST_PORT_OFFSET must be an integer, got ${JSON.stringify(raw)}`);
	return n;
}

function port(name: string, fallback: number): number;
function port(name: string, fallback: number | undefined): number | undefined;
function port(name: string, fallback: number | undefined): number | undefined {
	const raw = process.env[name];
	if ((raw === undefined || raw === '') && fallback === undefined) return undefined;
	const n = raw === undefined || raw === '' ? fallback! : Number(raw);
	if (!Number.isInteger(n) || n < 1024 || n > 55533) throw new Error(`${name} must be a port in 1024…55533 (room for the controllers above it), got ${raw}`);
	return n;
}

/** Base port of the lab `npm run bench` brings up; undefined: the lab's default. */
export function benchBasePort(): number | undefined {
	const o = offset();
	return port('KCON_BENCH_BASE_PORT', o === undefined ? undefined : OFFSET_BASE_PORT + o);
}

/** UDP port of the agents bench's embedded agents. */
export function benchAgentPort(): number {
	return port('KCON_BENCH_AGENT_PORT', DEFAULT_AGENT_PORT + (offset() ?? 0));
}
