// The entry of a solver thread of the solve command's pool when the command runs as modules (the
// sources under tsx, or dist-cli/solve.mjs): it loads only the engine, not the command's module
// graph. (The command's CommonJS script starts its threads from itself: scripts/solve-thread.ts.)
import { serveSolveJobs } from './solve-thread.ts';

void serveSolveJobs();
