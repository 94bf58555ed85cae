import { useState } from 'react';
import { api, getToken } from '../api';
import { Card, ErrorLine, fmtTime, StatusBadge } from '../components/common';
import { useLive } from '../live';

/** As `GET /api/v1/silences` returns them (expired ones are kept for audit). */
export interface Silence {
  id: string;
  matchers: string[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  status: 'pending' | 'active' | 'expired';
  expiredBy?: string;
}

/** As `GET /api/v1/maintenance-windows` returns them (from the live alerting config). */
export interface MaintenanceWindowView {
  name: string;
  cron: string;
  timezone: string;
  durationMs: number;
  matchers: string[];
  allowSeverity?: string;
  openNow: boolean;
  nextOpening?: string;
}

/** One matcher per line (or comma-separated outside quotes), blank lines ignored. */
export function parseMatcherLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let cur = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      if (ch === ',' && !quoted) {
        if (cur.trim()) out.push(cur.trim());
        cur = '';
      } else cur += ch;
    }
    if (cur.trim()) out.push(cur.trim());
  }
  return out;
}

function NewSilence({ onCreated }: { onCreated: () => void }) {
  const [matchers, setMatchers] = useState('service="checkout"');
  const [duration, setDuration] = useState('2h');
  const [endsAt, setEndsAt] = useState('');
  const [comment, setComment] = useState('');
  const [msg, setMsg] = useState<string>();
  const [error, setError] = useState<string>();
  const submit = async () => {
    setError(undefined);
    try {
      const body = { matchers: parseMatcherLines(matchers), comment, ...(endsAt ? { endsAt: new Date(endsAt).toISOString() } : { duration }) };
      const s = await api<Silence>('/silences', { method: 'POST', body });
      setMsg(`Silence ${s.id} until ${fmtTime(s.endsAt)}`);
      setComment('');
      onCreated();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const signedIn = !!getToken();
  return (
    <Card title="New silence">
      <label>
        Matchers (one per line: <code>name="value"</code>, <code>!=</code>, <code>=~"regex"</code>, <code>!~</code>)
        <textarea value={matchers} onChange={(e) => setMatchers(e.target.value)} rows={3} data-testid="silence-matchers" />
      </label>
      <label>
        Duration (e.g. 30m, 2h, 1d)
        <input value={duration} onChange={(e) => setDuration(e.target.value)} disabled={!!endsAt} data-testid="silence-duration" />
      </label>
      <label>
        or ends at (overrides the duration)
        <input type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} data-testid="silence-ends-at" />
      </label>
      <label>
        Comment (why)
        <input value={comment} onChange={(e) => setComment(e.target.value)} data-testid="silence-comment" />
      </label>
      <button onClick={() => void submit()} disabled={!signedIn || !comment.trim()} title={signedIn ? '' : 'sign in with an operator token first'} data-testid="silence-create">
        Create silence
      </button>
      <ErrorLine error={error} />
      {msg && <p className="hint" data-testid="silence-result">{msg}</p>}
    </Card>
  );
}

/** Silences (create with matchers and expiry, expire) and the maintenance windows of the live config. */
export function SilencesPage() {
  const silences = useLive(() => api<{ items: Silence[] }>('/silences'), [], 10);
  const windows = useLive(() => api<{ items: MaintenanceWindowView[] }>('/maintenance-windows'), [], 10);
  const [showExpired, setShowExpired] = useState(false);
  const [error, setError] = useState<string>();
  const expire = async (id: string) => {
    setError(undefined);
    try {
      await api(`/silences/${encodeURIComponent(id)}`, { method: 'DELETE' });
      silences.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const items = (silences.data?.items ?? []).filter((s) => showExpired || s.status !== 'expired');
  return (
    <div className="page">
      <div className="grid2">
        <NewSilence onCreated={silences.reload} />
        <Card title="Maintenance windows (alerting config)">
          <ErrorLine error={windows.error} />
          <p className="hint">Recurring windows are part of the alerting config: edit the file and reload it (`aiops config reload`).</p>
          <table data-testid="maintenance-windows">
            <thead>
              <tr>
                <th>Name</th>
                <th>When</th>
                <th>Matchers</th>
                <th>Lets through</th>
                <th>Now</th>
                <th>Next opening</th>
              </tr>
            </thead>
            <tbody>
              {windows.data?.items.map((w) => (
                <tr key={w.name}>
                  <td>{w.name}</td>
                  <td className="mono">
                    {w.cron} ({w.timezone}) for {Math.round(w.durationMs / 60_000)} min
                  </td>
                  <td className="mono">{w.matchers.join(', ') || 'everything'}</td>
                  <td>{w.allowSeverity ? `${w.allowSeverity} and worse` : '—'}</td>
                  <td>{w.openNow ? <StatusBadge status="active" /> : 'closed'}</td>
                  <td>{fmtTime(w.nextOpening)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {windows.data && !windows.data.items.length && <p className="hint">No maintenance windows configured.</p>}
        </Card>
      </div>
      <Card
        title="Silences"
        actions={
          <label className="hint">
            <input type="checkbox" checked={showExpired} onChange={(e) => setShowExpired(e.target.checked)} data-testid="silences-show-expired" /> show expired (kept for audit)
          </label>
        }
      >
        <ErrorLine error={silences.error ?? error} />
        <table data-testid="silences">
          <thead>
            <tr>
              <th>Status</th>
              <th>Matchers</th>
              <th>Starts</th>
              <th>Ends</th>
              <th>Created by</th>
              <th>Comment</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id} data-testid={`silence-${s.id}`}>
                <td>
                  <StatusBadge status={s.status} />
                </td>
                <td className="mono">{s.matchers.join(', ')}</td>
                <td>{fmtTime(s.startsAt)}</td>
                <td>{fmtTime(s.endsAt)}</td>
                <td>{s.createdBy}</td>
                <td>
                  {s.comment}
                  {s.expiredBy ? ` (expired by ${s.expiredBy})` : ''}
                </td>
                <td>
                  {s.status !== 'expired' && (
                    <button onClick={() => void expire(s.id)} disabled={!getToken()} data-testid={`silence-expire-${s.id}`}>
                      Expire
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {silences.data && !items.length && <p className="hint">No silences.</p>}
      </Card>
    </div>
  );
}
