// Failover: SIGKILL the broker leading resource/0 and time (a) when kcon shows it unreachable and
// (b) when kcon shows the new leaders, polling at the console's default refresh (2 s), next to the
// cluster's own fencing as kcat -L sees it (polled every 200 ms). The broker is restarted after
// each run. Runs against the lab named by KCON_STATE_DIR (bench/run.ts brings it up).
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {resolveSettings} from '../source/config/settings.js';
import {createGateway} from '../source/kafka/gateway/gateway.js';
import {bootstrapOf, readLabState} from '../source/lab/state.js';
import {startBroker} from '../source/lab/lab.js';
import {stats} from './lib/measure.js';
import {emit} from './lib/result.js';

const exec = promisify(execFile);
const runs = Number(process.env['BENCH_FAILOVER_RUNS'] ?? 3);
const refreshMs = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface KcatMeta {
	topics: Array<{topic: string; partitions: Array<{partition: number; leader: number}>}>;
}

async function kcatLeaders(bootstrap: string): Promise<number[]> {
	const {stdout} = await exec('kcat', ['-L', '-J', '-m', '2', '-b', bootstrap, '-t', 'resource']);
	const meta = JSON.parse(stdout) as KcatMeta;
	return meta.topics.flatMap((t) => t.partitions.map((p) => p.leader));
}

async function once(): Promise<{unreachable: number; leaders: number; fenced: number}> {
	const lab = readLabState();
	if (!lab) throw new Error('no lab is running');
	const gateway = createGateway(resolveSettings({brokers: bootstrapOf(lab)}), {connectionTimeout: 1000, requestTimeout: 5000});
	try {
		const before = await gateway.snapshot({groups: false, offsets: false, topics: ['resource']});
		const victim = before.topics[0]!.partitions.find((p) => p.partition === 0)!.leader!;
		const node = lab.nodes.find((n) => n.id === victim)!;
		const survivors = lab.nodes.filter((n) => n.roles.includes('broker') && n.id !== victim).map((n) => `${n.host}:${n.port}`).join(',');

		const killedAt = Date.now();
		process.kill(node.pid!, 'SIGKILL');
		let fenced = 0;
		const kcatLoop = (async () => {
			while (!fenced && Date.now() - killedAt < 60_000) {
				const leaders = await kcatLeaders(survivors).catch(() => [victim]);
				if (!leaders.includes(victim)) fenced = Date.now() - killedAt;
				else await sleep(200);
			}
		})();
		let unreachable = 0;
		let leaders = 0;
		while ((!unreachable || !leaders) && Date.now() - killedAt < 60_000) {
			const tick = Date.now();
			const snap = await gateway.snapshot({groups: false, offsets: false, topics: ['resource']});
			const shownAt = Date.now() - killedAt;
			if (!unreachable && snap.brokers.find((b) => b.id === victim)?.reachable === false) unreachable = shownAt;
			if (!leaders && !snap.topics[0]!.partitions.some((p) => p.leader === victim)) leaders = shownAt;
			await sleep(Math.max(0, refreshMs - (Date.now() - tick)));
		}
		await kcatLoop;
		await startBroker(readLabState()!, victim);
		return {unreachable, leaders, fenced};
	} finally {
		await gateway.close();
	}
}

const samples = [];
for (let i = 0; i < runs; i++) {
	samples.push(await once());
	await sleep(5000); // let the restarted broker rejoin the ISR before the next kill
}
const ms = (values: number[]) => ({...stats(values), unit: 'ms'});
const lag = samples.map((s) => s.leaders - s.fenced);
emit({
	bench: 'failover',
	rows: [
		{
			workload: `failover: SIGKILL of a leader, kcon refresh ${refreshMs / 1000} s`,
			tools: {
				kcon: ms(samples.map((s) => s.leaders)),
				'kcon shows unreachable': ms(samples.map((s) => s.unreachable)),
				'cluster fencing (kcat -L every 200 ms)': ms(samples.map((s) => s.fenced)),
			},
			ratios: {'kcon new leaders − fencing (ms, median)': Math.round(stats(lag).median)},
			aim: 'new leaders shown within one refresh of the fencing',
			met: lag.every((l) => l <= refreshMs + 500),
			note: 'kcon column: time from SIGKILL to kcon showing the new leaders',
		},
	],
});
