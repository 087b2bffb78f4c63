// A worker's methods answered on a MessagePort handed over by the main thread (the optimiser
// worker's line to a pool worker), until the other side calls `end()`.
import type { KernelError, Result } from '../app/domain/result.ts';
import { exposeApi } from './expose-api.ts';

type Method = (input: never, onProgress?: never) => unknown;

/** Exposes `methods` (plus `end`) on `port`; settles with the number of calls answered once `end()` is called. */
export function servePort(port: unknown, methods: Record<string, Method>): Promise<Result<{ served: number }, KernelError>> {
  if (typeof MessagePort === 'undefined' || !(port instanceof MessagePort)) {
    return Promise.resolve({ ok: false, error: { code: 'bad-input', message: 'serve needs {port: MessagePort}', field: 'port' } });
  }
  return new Promise((resolve) => {
    let served = 0;
    const counted: Record<string, Method> = {};
    for (const [name, f] of Object.entries(methods)) {
      counted[name] = ((input: never, onProgress?: never) => {
        served++;
        return f(input, onProgress);
      }) as Method;
    }
    exposeApi({
      ...counted,
      end: () => {
        // Closed after this reply is on its way.
        setTimeout(() => port.close(), 0);
        resolve({ ok: true, value: { served } });
      },
    }, port);
  });
}
