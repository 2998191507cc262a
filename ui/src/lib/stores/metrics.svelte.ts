// The metrics screen: how the shop answers over the last four months (the core computes them).

import { metricsGet } from '$lib/ipc/commands';
import { DialogData } from './dialogData.svelte';

export const metrics = new DialogData(() => metricsGet());
