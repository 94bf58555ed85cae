import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api, getToken } from '../api';
import { Card, ErrorLine, fmtTime, Link, shortArn, StatusBadge } from '../components/common';
import { useLive } from '../live';

interface SpendAnomaly {
  /** The group (service, account or tag value). */
  key: string;
  date: string;
  actualUsd: number;
  expectedUsd: number;
  impactPct: number;
  score: number;
}
interface Spend {
  from: string;
  to: string;
  groupBy: string;
  dates: string[];
  series: { key: string; usd: number[] }[];
  anomalies: SpendAnomaly[];
}
interface Rec {
  id: string;
  status: string;
  ruleId: string;
  resourceArn: string;
  resourceType: string;
  title: string;
  monthlySavingsUsd: number;
  updatedAt: string;
  recommendation: { confidence: string; automatable: boolean; recommendedAction: string; savings: { formula: string; approximate: boolean }; remediation?: { runbookId: string } };
  dismissal?: { reason: string; principal: string };
  remediation?: { executionId: string };
}

const COLORS = ['#5b9bd5', '#70c18c', '#e0a84f', '#c678dd', '#56b6c2', '#9aa4b2'];
/** Spend groupings the API offers: billing dimensions and the default cost-allocation tags. */
const GROUPINGS = ['service', 'account', 'tag:service', 'tag:team', 'tag:environment'] as const;
const groupLabel = (g: string): string => (g.startsWith('tag:') ? `tag ${g.slice(4)}` : g);
const usd = (v: number): string => `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Daily spend per group (top five + the rest), anomalous days marked with red points on their group. */
function SpendChart({ spend }: { spend: Spend }) {
  const el = useRef<HTMLDivElement>(null);
  const { data, series, title } = useMemo(() => {
    const top = spend.series.slice(0, 5);
    const rest = spend.series.slice(5);
    const lines = [...top.map((s) => ({ label: s.key, values: s.usd })), ...(rest.length ? [{ label: 'Other', values: spend.dates.map((_, i) => rest.reduce((a, s) => a + (s.usd[i] ?? 0), 0)) }] : [])];
    const byKey = new Map(spend.series.map((s) => [s.key, s.usd]));
    const marks = spend.dates.map((d, i) => {
      const hits = spend.anomalies.filter((a) => a.date === d);
      return hits.length ? Math.max(...hits.map((a) => byKey.get(a.key)?.[i] ?? a.actualUsd)) : null;
    });
    const xs = spend.dates.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    return { data: [xs, ...lines.map((l) => l.values), marks] as uPlot.AlignedData, series: lines, title: `Daily spend by ${groupLabel(spend.groupBy)} (USD)` };
  }, [spend]);
  useEffect(() => {
    if (!el.current) return;
    const opts: uPlot.Options = {
      title,
      width: el.current.clientWidth || 640,
      height: 240,
      scales: { x: { time: true } },
      axes: [{ stroke: '#9aa4b2', grid: { stroke: '#2a3140' } }, { stroke: '#9aa4b2', grid: { stroke: '#2a3140' }, size: 70 }],
      series: [
        {},
        ...series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 2 })),
        { label: 'Anomaly', stroke: '#e06c75', fill: '#e06c75', width: 0, paths: () => null, points: { show: true, size: 11, stroke: '#e06c75', fill: '#e06c75' } },
      ],
      legend: { show: true },
    };
    const plot = new uPlot(opts, data, el.current);
    return () => plot.destroy();
  }, [data, series, title]);
  return <div className="chart" ref={el} data-testid="cost-spend-chart" />;
}

export function CostPage() {
  const [days, setDays] = useState(30);
  const [groupBy, setGroupBy] = useState<string>('service');
  const [status, setStatus] = useState('open');
  const [rule, setRule] = useState('');
  const [minSavings, setMinSavings] = useState('');
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState<string>();
  const spend = useLive(() => api<Spend>(`/cost/spend?days=${days}&groupBy=${encodeURIComponent(groupBy)}`), [days, groupBy], 10);
  const query = new URLSearchParams({ ...(status ? { status } : {}), ...(rule ? { ruleId: rule } : {}), ...(minSavings ? { minSavingsUsd: minSavings } : {}) }).toString();
  const recs = useLive(() => api<{ items: Rec[]; totalMonthlySavingsUsd: number }>(`/cost/recommendations?${query}`), [query], 10);
  const rules = useMemo(() => [...new Set((recs.data?.items ?? []).map((r) => r.ruleId))].sort(), [recs.data]);

  const act = async (r: Rec, verb: 'approve' | 'dismiss' | 'dry-run') => {
    try {
      if (verb === 'dismiss' && !reason.trim()) return setMsg('a dismissal needs a reason');
      const res = await api<Record<string, unknown>>(`/cost/recommendations/${r.id}/${verb}`, { method: 'POST', ...(verb === 'dismiss' ? { body: { reason } } : {}) });
      const exec = (verb === 'approve' ? res.execution : res) as { id?: string } | undefined;
      setMsg(verb === 'dismiss' ? `dismissed ${shortArn(r.resourceArn)}` : `${verb === 'approve' ? 'approved — waiting in Approvals' : 'dry run'}: execution ${exec?.id ?? ''}`);
      recs.reload();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };

  return (
    <div className="page">
      <Card
        title="Spend"
        actions={
          <>
            <select value={groupBy} onChange={(e) => setGroupBy(e.target.value)} data-testid="cost-group-by">
              {GROUPINGS.map((g) => (
                <option key={g} value={g}>
                  by {groupLabel(g)}
                </option>
              ))}
            </select>
            <select value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="cost-days">
              {[14, 30, 60, 90].map((d) => (
                <option key={d} value={d}>
                  last {d} days
                </option>
              ))}
            </select>
          </>
        }
      >
        <ErrorLine error={spend.error} />
        {spend.data && <SpendChart spend={spend.data} />}
        {spend.data && spend.data.anomalies.length > 0 && (
          <table data-testid="cost-anomalies">
            <thead>
              <tr>
                <th>Day</th>
                <th>{groupLabel(spend.data.groupBy)}</th>
                <th>Actual</th>
                <th>Expected</th>
                <th>Impact</th>
              </tr>
            </thead>
            <tbody>
              {spend.data.anomalies.map((a) => (
                <tr key={`${a.key}-${a.date}`}>
                  <td>{a.date}</td>
                  <td>{a.key}</td>
                  <td>{usd(a.actualUsd)}</td>
                  <td>{usd(a.expectedUsd)}</td>
                  <td>{a.impactPct >= 0 ? '+' : ''}{a.impactPct}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title={`Recommendations${recs.data ? ` — ${usd(recs.data.totalMonthlySavingsUsd)}/month open` : ''}`}>
        <ErrorLine error={recs.error} />
        {msg && <p className="hint" data-testid="cost-result">{msg}</p>}
        <div className="filters">
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="cost-status">
            {['open', 'approved', 'dismissed', 'resolved', ''].map((s) => (
              <option key={s} value={s}>
                {s || 'any status'}
              </option>
            ))}
          </select>
          <select value={rule} onChange={(e) => setRule(e.target.value)} data-testid="cost-rule">
            <option value="">any rule</option>
            {rules.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <input placeholder="min $/month" value={minSavings} onChange={(e) => setMinSavings(e.target.value.replace(/[^0-9.]/g, ''))} data-testid="cost-min" />
          <input placeholder="dismissal reason" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="cost-reason" />
        </div>
        <table data-testid="cost-recommendations">
          <thead>
            <tr>
              <th>Resource</th>
              <th>Finding</th>
              <th>Savings / month</th>
              <th>Confidence</th>
              <th>Action</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {recs.data?.items.map((r) => (
              <tr key={r.id}>
                <td title={r.resourceArn}>{shortArn(r.resourceArn)}</td>
                <td title={r.recommendation.savings.formula}>
                  {r.title} <span className="hint">({r.ruleId})</span>
                </td>
                <td>
                  {usd(r.monthlySavingsUsd)}
                  {r.recommendation.savings.approximate ? ' ≈' : ''}
                </td>
                <td>{r.recommendation.confidence}</td>
                <td>
                  {r.recommendation.recommendedAction}
                  {r.recommendation.automatable && r.recommendation.remediation ? <span className="hint"> · {r.recommendation.remediation.runbookId}</span> : <span className="hint"> · manual</span>}
                </td>
                <td>
                  <StatusBadge status={r.status} /> {r.dismissal ? <span className="hint">{r.dismissal.reason} ({r.dismissal.principal})</span> : null}
                  {r.remediation?.executionId ? <Link to={`/executions/${r.remediation.executionId}`}>execution</Link> : null}
                </td>
                <td>
                  {r.status === 'open' && (
                    <span className="actions">
                      {r.recommendation.automatable && (
                        <>
                          <button data-testid={`cost-dry-run-${r.id}`} onClick={() => void act(r, 'dry-run')} disabled={!getToken()}>
                            Dry run
                          </button>
                          <button data-testid={`cost-approve-${r.id}`} onClick={() => void act(r, 'approve')} disabled={!getToken()}>
                            Approve
                          </button>
                        </>
                      )}
                      <button data-testid={`cost-dismiss-${r.id}`} onClick={() => void act(r, 'dismiss')} disabled={!getToken() || !reason.trim()}>
                        Dismiss
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">Savings are on-demand list prices (bundled snapshot, see the daily report); ≈ marks an approximate price. Last update {fmtTime(recs.data?.items[0]?.updatedAt)}.</p>
      </Card>
    </div>
  );
}
