// The today view: open orders by due date, overdue first (the core sorts and dates them).

import { orderCommands } from '$lib/ipc/commands';
import { DialogData } from './dialogData.svelte';

export const today = new DialogData(() => orderCommands.todayView());
