// The lab's library API (for `kcon broker kill|start`, `--lab`, tests). Everything else in
// source/lab/ is internal.
//   readLabState(dir?)            the state file (<stateDir>/lab/state.json) or null
//   writeLabState(state)          save it (atomic)
//   processAlive(pid, marker?)    is this PID running and (with a marker) still ours?
//   startBroker(state, id)        (re)start Kafka node `id` of the lab, wait until it accepts connections, save its PID
//   stopProcess(pid, signal, {timeoutMs, marker})   signal, then KILL after the timeout; true when gone
//   labUp / labDown / labStatus   what `kcon lab up|down|status` do
export {readLabState, writeLabState, processAlive, bootstrapOf, brokers, controllers, labDir} from './state.js';
export type {LabState, KafkaNode, Agent, Worker, Topology, PiAgentKind, CollectorFormat} from './state.js';
export {startBroker, labUp, labDown, labStatus, labRssKb, RESOURCE_TOPIC, TOWER_GROUP, TOWER_BACKUP_GROUP} from './lab.js';
export {stopProcess, canConnect} from './processes.js';
export {DEFAULT_KAFKA_VERSION, fetchKafka} from './fetch.js';
