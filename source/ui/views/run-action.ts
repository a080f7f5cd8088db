// Runs an operator action from the console: polling pauses while it runs (the strip says what
// runs), the outcome is flashed, and afterwards only what the action changed is refreshed.
import type {Action, RefreshScope} from '../../state/reducer.js';

export interface ConsoleActionRun {
	/** unique while it runs, e.g. "elect:orders" */
	id: string;
	/** what the strip shows while it runs, e.g. "electing leaders of orders" */
	label: string;
	/** what to refresh afterwards; none: the whole snapshot (a group write changes no topic's metadata, its offsets are in the full poll) */
	refresh?: RefreshScope;
	/** the prefix of an error line, e.g. "elect orders" */
	failure: string;
}

export function runConsoleAction(dispatch: (a: Action) => void, run: ConsoleActionRun, work: () => Promise<string>): Promise<void> {
	dispatch({type: 'action-start', id: run.id, label: run.label});
	dispatch({type: 'flash', level: 'warn', text: `${run.label}…`});
	return work().then(
		(text) => {
			dispatch({type: 'action-end', id: run.id, refresh: run.refresh});
			dispatch({type: 'flash', level: 'info', text});
		},
		(error: unknown) => {
			dispatch({type: 'action-end', id: run.id, refresh: run.refresh});
			dispatch({type: 'flash', level: 'error', text: `${run.failure}: ${error instanceof Error ? error.message : String(error)}`});
		},
	);
}
