import type { NotifyResult } from '../../ports/notifier.js';

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<{ status: number; text(): Promise<string> }>;

/** 2xx delivered; 408/425/429 and 5xx may succeed later; any other 4xx is our fault and will not. */
export function classifyHttp(status: number, body: string): NotifyResult {
  if (status >= 200 && status < 300) return { ok: true };
  const retryable = status === 408 || status === 425 || status === 429 || status >= 500;
  return { ok: false, retryable, reason: `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}` };
}

/** POSTs JSON with a timeout; network errors and timeouts are retryable. */
export async function postJson(fetchImpl: FetchLike, url: string, body: unknown, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<NotifyResult & { body?: string }> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: ctrl.signal });
    const text = await res.text();
    return { ...classifyHttp(res.status, text), body: text };
  } catch (e) {
    return { ok: false, retryable: true, reason: `network: ${(e as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

export const defaultFetch: FetchLike = (url, init) => fetch(url, init);

/** SDK errors: throttling, 5xx and errors the SDK marks retryable may succeed later. */
export function classifySdkError(e: unknown): NotifyResult {
  const err = e as { name?: string; message?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  const status = err.$metadata?.httpStatusCode ?? 0;
  const throttled = /Throttl|TooManyRequests|RequestLimitExceeded|ServiceUnavailable|InternalError|InternalFailure/.test(err.name ?? '');
  return { ok: false, retryable: !!err.$retryable || status >= 500 || status === 429 || throttled || (!status && err.name === 'TimeoutError'), reason: `${err.name ?? 'Error'}: ${err.message ?? String(e)}` };
}
