// A hook for one API call at a time: the latest call wins (an older answer arriving late is dropped).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { LabEndpointName } from '../../../src/lab/lab-api.js';
import { type ApiParams, callApi, LabApiError } from '../api.js';

/** The state of a call: not made yet, under way, answered, or failed. */
export type ApiState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly data: T; readonly at: number; readonly ms: number }
  | { readonly status: 'error'; readonly error: LabApiError };

/** `[state, run]`: `run(params)` calls the endpoint and returns its document (or undefined when it failed). */
export function useApi<T>(
  name: LabEndpointName | 'meta',
): [ApiState<T>, (params?: ApiParams) => Promise<T | undefined>] {
  const [state, setState] = useState<ApiState<T>>({ status: 'idle' });
  const current = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => current.current?.abort(), []);
  const run = useCallback(
    async (params: ApiParams = {}) => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      setState({ status: 'loading' });
      const started = performance.now();
      try {
        const data = await callApi<T>(name, params, controller.signal);
        if (!controller.signal.aborted)
          setState({ status: 'ok', data, at: Date.now(), ms: performance.now() - started });
        return data;
      } catch (error) {
        if (controller.signal.aborted) return undefined;
        setState({ status: 'error', error: asLabError(error) });
        return undefined;
      }
    },
    [name],
  );
  return [state, run];
}

/** Any thrown value as a LabApiError (a bug in the page shows as an internal error, not a blank page). */
export function asLabError(error: unknown): LabApiError {
  if (error instanceof LabApiError) return error;
  return new LabApiError('lab-internal', error instanceof Error ? error.message : String(error));
}
