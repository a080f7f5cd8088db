// The console's reducer and poll wants, bound to the tables present/ draws: the cursor moves over,
// and the poll fetches offsets for, exactly the rows that are on screen.
import {viewTable} from '../present/view-table.js';
import {consoleReducer, type ConsoleState} from '../state/reducer.js';
import {snapshotRequest as requestFor} from '../state/wants.js';

export const reducer = consoleReducer(viewTable);

export function snapshotRequest(state: ConsoleState): ReturnType<typeof requestFor> {
	return requestFor(state, viewTable);
}
