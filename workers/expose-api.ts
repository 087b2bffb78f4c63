// The worker side of the bridge contract: each method gets `(input, onProgress?)`, the callback a
// Comlink proxy of the caller's; once the method settles the proxy is released, so the caller's
// end of its message channel closes instead of waiting for reports that cannot come.
import * as Comlink from 'comlink';

type Method = (input: never, onProgress?: never) => unknown;

/** Wraps every method of `api` so its progress proxy is released when it ends. */
export function releasingProgress<Api extends Record<string, Method>>(api: Api): Api {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(api)) {
    out[name] = async (input: unknown, onProgress?: unknown) => {
      try {
        return await (f as (i: unknown, p?: unknown) => unknown)(input, onProgress);
      } finally {
        (onProgress as Partial<Comlink.ProxyMethods> | undefined)?.[Comlink.releaseProxy]?.();
      }
    };
  }
  return out as Api;
}

/** Exposes `api` on `endpoint` (the worker's global scope by default, or a MessagePort handed over). */
export function exposeApi<Api extends Record<string, Method>>(api: Api, endpoint?: Comlink.Endpoint): void {
  Comlink.expose(releasingProgress(api), endpoint);
}
