// `npm run screenshots`: drive the real console in tmux (120×32) on a real lab and save each view as
// screenshots/<name>.svg (capture-pane -e, converted by test/helpers/console-svg.ts). 120 columns
// show every column of the tables and stay readable at the readme's width; the blank rows above
// the footer are cut from the image.
//
//   npm run screenshots                         starts a lab of its own (base port 22390, moved by
//                                               KCON_TEST_PORT_OFFSET; test/helpers/ports.ts), stops it after
//   KCON_SCREENSHOT_BROKERS=host:port,… npm run screenshots   uses a running cluster instead (no kill shots)
//
// With its own lab it also kills the JVM of a partition leader (by PID) and captures the console
// showing the failure. The tmux server runs on a socket of its own and is killed by that socket.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {ansiToSvg} from './helpers/console-svg.js';
import {CLI, javaTool, runProcess, startLab, type TestLab} from './helpers/lab.js';
import {PORTS} from './helpers/ports.js';
import {tmuxTerminal} from './helpers/tmux.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, '..', '..', 'screenshots');
const cols = 120;
const rows = 32;
const {tmux, screen: plain, keys, see, kill} = tmuxTerminal('shots');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** esc alone: followed at once by another key, a terminal reports alt+key */
const esc = async () => {
	keys('Escape');
	await sleep(400);
};
const waitFor = async (re: RegExp, timeoutMs = 60_000): Promise<void> => void (await see(re, timeoutMs));

function shot(name: string, title: string): void {
	const ansi = tmux('capture-pane', '-p', '-e', '-t', 'shots');
	fs.writeFileSync(path.join(outDir, `${name}.svg`), ansiToSvg(ansi, {cols, rows, title, trimBlankRows: true}));
	console.log(`screenshots/${name}.svg`);
}

/** K's impact preview, and R on a fresh RF 2 topic: preview of the moves, then the finished reassignment. */
async function operatorActionShots(lab: TestLab): Promise<void> {
	keys(':brokers', 'Enter');
	await waitFor(/Brokers 3/);
	keys('j', 'K');
	await waitFor(/Type 4 and press enter/);
	shot('kill-preview', 'kcon — K: the impact preview of killing broker 4, confirmed by typing its id');
	await esc();
	const create = await javaTool(lab, 'org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', lab.bootstrap, '--create', '--topic', 'moves', '--replica-assignment', '3:4,4:3,3:4,4:3,3:4,4:3']);
	if (create.code !== 0) throw new Error(create.stderr);
	await runProcess('sh', ['-c', `seq 1 20000 | kcat -P -b ${lab.bootstrap} -t moves`]);
	keys(':topics', 'Enter');
	await waitFor(/Topics \d/);
	keys('/', 'moves', 'Enter');
	await waitFor(/Topics 1\//);
	keys('R');
	await waitFor(/\[x\] broker 3/);
	keys('Enter');
	await waitFor(/partitions change/);
	shot('reassign-preview', 'kcon — R: the moves of a reassignment onto brokers 3,4,5, before the throttle and the typed confirmation');
	keys('Enter');
	await waitFor(/Throttle per broker/);
	keys('1MB/s', 'Enter');
	await waitFor(/Type 'reassign'/);
	keys('reassign', 'Enter');
	await waitFor(/complete; throttles: removed/, 180_000);
	shot('reassign-done', 'kcon — R: the reassignment ran to the end with a throttle, which was removed afterwards');
	await esc();
	await esc();
}

/** X's per-partition plan on tower-backup and C's validated preview of a config change; neither is applied. */
async function writeFlowShots(): Promise<void> {
	keys(':groups', 'Enter');
	await waitFor(/Groups \d/);
	keys('/', '^tower-backup$', 'Enter');
	await waitFor(/Groups 1\//);
	keys('X');
	await waitFor(/Reset the offsets of group tower-backup/);
	keys('4');
	await waitFor(/shift by ±N from the committed offset \(e\.g/);
	keys('--', '-100', 'Enter');
	await waitFor(/Type tower-backup and press enter/);
	shot('reset-preview', 'kcon — X: a group offset reset (shift by -100), per partition, confirmed by typing the group id');
	await esc();
	await esc();
	await esc();
	keys(':topic resource', 'Enter');
	await waitFor(/Partitions of resource/);
	keys('C');
	await waitFor(/Configs of topic resource: \d+/);
	// down to retention.ms one row at a time, each move seen on screen before the next
	for (let i = 0; i < 100; i++) {
		const at = /^› (\S+) /m.exec(plain())?.[1] ?? '';
		if (at === 'retention.ms') break;
		keys('j');
		await waitFor(new RegExp(`^› (?!${at.replace(/[.]/g, '\\.')} )\\S+ `, 'm'));
	}
	keys('e');
	await waitFor(/set retention\.ms = /);
	for (let i = 0; i < 20; i++) keys('BSpace');
	keys('86400000', 'Enter');
	await waitFor(/y applies, n or esc cancels/);
	shot('config-preview', 'kcon — C: a topic config change checked by the broker (validateOnly), previewed old → new before y');
	await esc();
	await esc();
}

async function main(): Promise<void> {
	fs.mkdirSync(outDir, {recursive: true});
	let lab: TestLab | undefined;
	let brokers = process.env['KCON_SCREENSHOT_BROKERS'];
	try {
		if (!brokers) {
			const basePort = Number(process.env['KCON_SCREENSHOT_PORT'] ?? PORTS.screenshots);
			console.log(`starting a lab (base port ${basePort})…`);
			// the SmartX-Mini layout: controllers 0,1,2 apart from brokers 3,4,5, so the quorum view shows both
			lab = await startLab({basePort, pis: 2, topology: 'lab'});
			brokers = lab.bootstrap;
		}
		// on our own lab: `kcon --lab`, as an operator runs it (brokers and SNMP agents)
		const target = lab ? `KCON_STATE_DIR=${lab.stateDir} ${process.execPath} ${CLI} --lab` : `${process.execPath} ${CLI} -b ${brokers}`;
		const cmd = `env -u CI FORCE_COLOR=1 ${target} --refresh 1; sleep 5`;
		tmux('new-session', '-d', '-s', 'shots', '-x', String(cols), '-y', String(rows), cmd);
		await waitFor(/Brokers \d/);
		// let lag history, rates and sparklines fill a little
		await sleep(12_000);
		shot('brokers', 'kcon — brokers and the health strip');
		keys(':controllers', 'Enter');
		await waitFor(/Controllers \(KRaft quorum\)[\s\S]*Leader/);
		await sleep(2500);
		shot('controllers', 'kcon — the KRaft quorum: controllers 0,1,2 (voters) and brokers 3,4,5 (observers), log-end offsets, lag, fetch ages');
		keys(':topics', 'Enter');
		await waitFor(/Topics \d/);
		await sleep(2500);
		shot('topics', 'kcon — topics');
		keys(':topic resource', 'Enter');
		await waitFor(/Partitions of resource/);
		await sleep(2500);
		shot('partitions', 'kcon — partitions of resource: leader, replica badges, ISR, offsets');
		keys(':groups', 'Enter');
		await waitFor(/Groups \d/);
		await sleep(1500);
		shot('groups', 'kcon — consumer groups: lag, trend, status, ETA');
		keys(':group tower-backup', 'Enter');
		await waitFor(/Group tower-backup/);
		await sleep(1500);
		shot('group', 'kcon — one group per partition, with a lag sparkline');
		await esc();
		if (lab) {
			keys(':group lab-share', 'Enter');
			await waitFor(/Group lab-share/);
			await sleep(2500);
			shot('share-group', 'kcon — a share group (KIP-932): start offset and the broker\'s lag per partition, its members');
			await esc();
		}
		keys('/', 't', 'o', 'w', 'e', 'r', '-');
		await waitFor(/Groups 1\/\d/);
		shot('filter', 'kcon — a regex filter');
		await esc();
		await esc();
		keys('?');
		await waitFor(/Keys/);
		shot('help', 'kcon — the ? help overlay, generated from the key table');
		await esc();
		keys(':tail resource', 'Enter');
		await sleep(5000);
		shot('tail', 'kcon — live tail of resource');
		await esc();
		await writeFlowShots();
		if (lab) {
			keys(':agents', 'Enter');
			await sleep(4000);
			shot('agents', 'kcon — the Pi agents (SNMP): CPU, memory, disk, network with sparklines');
			keys('Enter');
			await waitFor(/Agent pi1/);
			await sleep(4000);
			shot('agent-detail', 'kcon — enter on an agent: a chart per metric (CPU, memory, rx, tx, load) over its history');
			await esc();
			await esc();
			await operatorActionShots(lab);
			keys(':topic resource', 'Enter');
			await waitFor(/Partitions of resource/);
			await sleep(1500);
			const m = /^\s+0\s+(\d+) /m.exec(plain());
			const victim = Number(m?.[1]);
			const node = lab.state().nodes.find((n) => n.id === victim && n.roles.includes('broker'));
			if (node?.pid) {
				process.kill(node.pid, 'SIGKILL');
				console.log(`killed broker ${victim} (pid ${node.pid})`);
				await waitFor(/brokers up 2\/3/, 20_000);
				shot('failover-unreachable', `kcon — broker ${victim} killed: unreachable, still listed as leader until fenced`);
				await waitFor(/under-replicated [1-9]/, 60_000);
				await sleep(1500);
				shot('failover-partitions', `kcon — broker ${victim} fenced: leaders moved, ISRs shrunk`);
				keys(':brokers', 'Enter');
				await sleep(1500);
				shot('failover-brokers', `kcon — broker ${victim} down`);
			}
		}
		keys('q');
		await sleep(500);
	} finally {
		kill();
		await lab?.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
