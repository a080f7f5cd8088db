// A one-off snapshot for an action's checks, from its own connection (closed afterwards).
import {createGateway, type SnapshotOptions} from '../kafka/gateway/gateway.js';
import type {Settings} from '../config/settings.js';
import type {ClusterSnapshot} from '../domain/cluster.js';

export async function readSnapshot(settings: Settings, request: SnapshotOptions): Promise<ClusterSnapshot> {
	const gateway = createGateway(settings);
	try {
		return await gateway.snapshot(request);
	} finally {
		await gateway.close();
	}
}
