// Base ports of the labs tests start (each lab takes base…base+2 for brokers, base+10000…+10002 for
// controllers and UDP base-7929 on 127.0.1.i for its Pi agents). Distinct bases never collide, and
// none touches a user's own lab on 9090-9092 / 19090-19092 / 1161. Bases stay below 22768 so that
// base+10000 (the controllers) is below Linux's ephemeral range (32768-60999): a client socket's
// random local port once took a controller port at 39190 and a lab failed to start.
//
//   21090  the shared lab of an `npm test` run (combined topology, started by test/run.ts)
//   21190  lab.test: the `--topology lab` cluster (controllers 0,1,2, brokers 3,4,5)
//   21290  lab-kafka39.test: Kafka 3.9.x
//   21390  describe-broken.test: SIGKILL of a broker (Kafka 4.x)
//   21590  console.test: the console in tmux (R, cancel, a broker kill)
//   21490  kafka39.test: describe agreement, operator actions and a broker kill on Kafka 3.9.x
//   21690  tail-failover.test: SIGKILL of a partition leader under a running tail
//   21790  actions.test: broker kill/start, elect, reassign (kills brokers)
//   21890  lab-errors.test: a taken port (no cluster is started)
//   21990  describe-kip848.test: KIP-848 consumer groups (Java consumers with group.protocol=consumer)
//   22291  hostile-text.test: an embedded SNMP agent (UDP, 127.0.2.22), no cluster
//   22490  tail-leaderless.test: SIGKILL of the only replica of a partition, then `kcon lab up`
//   22690  reassign.test: verify's exit codes and --wait on a throttled move, throttle rollback (kills a broker)
//   22590  lab-kept.test: a kept lab started again on another Kafka version
//   22090  quorum.test: the `--topology lab` cluster whose quorum leader (a controller) is killed
//   22190  elr.test: ELR (KIP-966) after a SIGKILL, judged by TopicCommand
//   22290  .ci/pack-check, not a test: `kcon lab up` (combined) from the packed install, before
//          `npm test` in CI; its Pis' UDP agents take 14361 on 127.0.1.1-2 (hostile-text's agent is
//          UDP 22291 on 127.0.2.22). It adds the same KCON_TEST_PORT_OFFSET, so no test meets it
//   22390  `npm run screenshots` (test/screenshots.ts), not a test: its own lab
//   Every base from 21090 to 22690 is taken and 22790's controllers would fall in the ephemeral
//   range: a new test uses the shared lab, or 20790, 20890 or 20990 (free at every offset), noted here.
//
// KCON_TEST_PORT_OFFSET (0, -2000, -4000, -6000 or -8000) moves every base at once, so several
// checkouts can run their tests side by side on one machine: with those steps no offset's brokers,
// controllers or agents land on another's, and all stay below the ephemeral range.
const OFFSETS = [0, -2000, -4000, -6000, -8000];
export const PORT_OFFSET = Number(process.env['KCON_TEST_PORT_OFFSET'] ?? 0);
if (!OFFSETS.includes(PORT_OFFSET)) throw new Error(`KCON_TEST_PORT_OFFSET must be one of ${OFFSETS.join(', ')}`);

const BASES = {
	shared: 21090,
	labTopology: 21190,
	kafka39: 21290,
	describeBroken: 21390,
	kafka39Cluster: 21490,
	console: 21590,
	tailFailover: 21690,
	actions: 21790,
	labErrors: 21890,
	kip848: 21990,
	hostileAgent: 22291,
	tailLeaderless: 22490,
	keptLab: 22590,
	reassign: 22690,
	quorum: 22090,
	elr: 22190,
	screenshots: 22390,
	/** UDP, on 127.0.2.x: the real and embedded agents of snmp-agents.test */
	snmpAgents: 29400,
} as const;

export const PORTS = Object.fromEntries(Object.entries(BASES).map(([name, base]) => [name, base + PORT_OFFSET])) as {
	readonly [K in keyof typeof BASES]: number;
};
