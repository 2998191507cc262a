// The today view: open orders by due date, overdue first (the core sorts and dates them).

import { todayView } from '$lib/ipc/commands';
import { DialogData } from './dialogData.svelte';

export const today = new DialogData(() => todayView());
