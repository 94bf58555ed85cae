import { useState } from 'react';
import { api, ApiError, getToken } from '../api';
import { Card, ErrorLine, fmtTime } from './common';
import { useLive } from '../live';

interface Evidence {
  type: string;
  summary: string;
  link: string;
}
interface Cause {
  rank: number;
  kind: string;
  title: string;
  confidence: number;
  evidence: Evidence[];
}
interface Template {
  id: string;
  template: string;
  incident: number;
  baseline: number;
  isNew: boolean;
  ratio: number;
  samples: string[];
  critical: { id: string }[];
}
interface Change {
  id: string;
  score: number;
  explanation: string;
  change: { time: string; eventName: string; principal: string; resourceArn: string };
}
export interface RcaReportDoc {
  id: string;
  createdAt: string;
  report: { summary: string; causes: Cause[]; templates: Template[]; changes: Change[]; escalation?: { severity: string; reasons: string[] }; gaps?: string[] };
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** An incident's latest RCA: probable causes with confidence and evidence, top log templates, correlated changes. */
export function RcaPanel({ incidentId }: { incidentId: string }) {
  const { data, error, reload } = useLive(
    () =>
      api<RcaReportDoc>(`/incidents/${incidentId}/rca`).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return undefined;
        throw e;
      }),
    [incidentId],
    5,
  );
  const [msg, setMsg] = useState<string>();
  const rerun = async () => {
    try {
      await api(`/incidents/${incidentId}/rca`, { method: 'POST', body: {} });
      reload();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  const r = data?.report;
  return (
    <Card
      title="Root-cause analysis"
      actions={
        <button onClick={() => void rerun()} disabled={!getToken()} data-testid="rca-rerun">
          Re-run
        </button>
      }
    >
      <ErrorLine error={error ?? msg} />
      {!r ? (
        <p>No analysis yet.</p>
      ) : (
        <div data-testid="rca-panel">
          <p>
            {r.summary} <small>(analyzed {fmtTime(data.createdAt)})</small>
          </p>
          {r.escalation && (
            <p className="error">
              Escalated to {r.escalation.severity}: {r.escalation.reasons[0]}
            </p>
          )}
          <h3>Probable causes</h3>
          {r.causes.length === 0 && <p>None found.</p>}
          <ol>
            {r.causes.map((c) => (
              <li key={c.rank}>
                <strong>{c.title}</strong> — {c.kind}, confidence <meter min={0} max={1} value={c.confidence} /> {pct(c.confidence)}
                <ul>
                  {c.evidence.slice(0, 4).map((e, i) => (
                    <li key={i}>
                      [{e.type}] {e.summary}{' '}
                      <a href={e.link} target="_blank" rel="noreferrer">
                        open
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          <h3>Top log templates</h3>
          <table>
            <thead>
              <tr>
                <th>Change</th>
                <th>Count</th>
                <th>Template</th>
                <th>Sample</th>
              </tr>
            </thead>
            <tbody>
              {r.templates.slice(0, 8).map((t) => (
                <tr key={t.id} id={`template-${t.id}`}>
                  <td>{t.isNew ? 'new' : `×${t.ratio.toFixed(1)}`}</td>
                  <td>
                    {t.incident} <small>(baseline {t.baseline})</small>
                  </td>
                  <td>
                    <code>{t.template}</code>
                    {t.critical.length > 0 && <small> [{t.critical.map((x) => x.id).join(', ')}]</small>}
                  </td>
                  <td>
                    <small>{t.samples[0]}</small>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Correlated changes</h3>
          {r.changes.length === 0 ? (
            <p>None in the look-back window.</p>
          ) : (
            <ul>
              {r.changes.slice(0, 5).map((c) => (
                <li key={c.id} id={`change-${c.id}`}>
                  {fmtTime(c.change.time)} <code>{c.change.eventName}</code> by {c.change.principal} — score {c.score.toFixed(2)}: {c.explanation}
                </li>
              ))}
            </ul>
          )}
          {r.gaps && r.gaps.length > 0 && <p className="error">Could not read: {r.gaps.join('; ')}</p>}
        </div>
      )}
    </Card>
  );
}
