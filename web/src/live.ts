import { useEffect, useState } from 'react';
import { api } from './api';

type Listener = (topic: string) => void;
const listeners = new Set<Listener>();
let source: EventSource | undefined;
let virtualNow = 0;

/** One server-sent-events connection for the whole console; pages re-fetch when something changes. */
function connect(): void {
  if (source) return;
  source = new EventSource('/api/v1/events');
  const fire = (topic: string) => listeners.forEach((l) => l(topic));
  for (const t of ['incident.opened', 'incident.updated', 'alert.updated', 'execution.finished', 'approval.requested']) source.addEventListener(t, () => fire(t));
  source.addEventListener('tick', (e) => {
    virtualNow = (JSON.parse((e as MessageEvent).data) as { now: number }).now;
    fire('tick');
  });
}

/** Re-runs `load` on mount, on every change event, and every `everyTicks` clock ticks. */
export function useLive<T>(load: () => Promise<T>, deps: unknown[] = [], everyTicks = 3): { data: T | undefined; error: string | undefined; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [n, setN] = useState(0);
  useEffect(() => {
    connect();
    let ticks = 0;
    const l: Listener = (topic) => {
      if (topic !== 'tick' || ++ticks % everyTicks === 0) setN((x) => x + 1);
    };
    listeners.add(l);
    return () => void listeners.delete(l);
  }, [everyTicks]);
  useEffect(() => {
    let alive = true;
    load()
      .then((d) => alive && (setData(d), setError(undefined)))
      .catch((e: Error) => alive && setError(e.message));
    return () => {
      alive = false;
    };
  }, [n, ...deps]);
  return { data, error, reload: () => setN((x) => x + 1) };
}

export function useVirtualNow(): number {
  const { data } = useLive(() => api<{ now: string }>('/health').then((h) => Date.parse(h.now)), [], 1);
  return virtualNow || data || 0;
}
