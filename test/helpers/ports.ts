// Base ports of the labs tests start (each lab takes base…base+2 for brokers, base+10000…+10002 for
// controllers and UDP base-7929 on 127.0.1.i for its Pi agents). Distinct bases never collide, and
// none touches a user's own lab on 9090-9092 / 19090-19092 / 1161.
//
//   29090  the shared lab of an `npm test` run (combined topology, started by test/run.ts)
//   29190  lab.test: the `--topology lab` cluster (controllers 0,1,2, brokers 3,4,5)
//   29290  lab-kafka39.test: Kafka 3.9.x
//   29390  describe-broken.test: SIGKILL of a broker (Kafka 4.x)
//   29490  describe-kafka39.test: describe agreement + broker kill on Kafka 3.9.x
//   29690  tail-failover.test: SIGKILL of a partition leader under a running tail
//   29790  actions.test: broker kill/start, elect, reassign (kills brokers)
//   29890  lab-errors.test: a taken port (no cluster is started)
//   29590…29990  free for other engineers' tests that need a cluster of their own (take one, note it here)
export const PORTS = {
	shared: 29090,
	labTopology: 29190,
	kafka39: 29290,
	describeBroken: 29390,
	describeKafka39: 29490,
	tailFailover: 29690,
	actions: 29790,
	labErrors: 29890,
} as const;
