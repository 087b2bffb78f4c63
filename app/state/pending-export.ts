// The export a command asked Explore for, in a module of its own: Explore reads it at start, and
// importing it from the command bar's effects (state/command.ts) brought the Optimize store and the
// command grammar into the first load.
import { createSignal } from 'solid-js';
import type { ExportFormat } from '../domain/command/schema.ts';

const [pendingExport, setPendingExport] = createSignal<ExportFormat | null>(null);

/** The export a command asked Explore for (a signal, so Explore acts once its result is there). */
export { pendingExport, setPendingExport };
export const clearPendingExport = () => setPendingExport(null);
