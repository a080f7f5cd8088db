// Simulated Pis (SNMP agents), their collectors and the tower groups. Filled in step 3.
import type {LabProcess, LabState} from './state.js';
import {stopProcess} from './processes.js';

export async function startPis(_state: LabState, _started: LabProcess[], _log: (l: string) => void): Promise<void> {}

export async function stopWorkers(state: LabState, timeoutMs: number): Promise<void> {
	await Promise.all(
		[...state.workers, ...state.agents].map(async (p) => {
			await stopProcess(p.pid, 'SIGTERM', {marker: p.marker, timeoutMs});
			p.pid = null;
		}),
	);
}
