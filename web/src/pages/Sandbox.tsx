import { useState } from 'react';
import { api, getToken } from '../api';
import { Card, ErrorLine, fmtTime } from '../components/common';
import { useLive } from '../live';
import { FleetCharts } from './Overview';

interface Scenario {
  id: string;
  title: string;
  description: string;
}

/** "Inject fault → <scenario>": a menu of the registered sandbox scenarios. */
export function InjectFault() {
  const { data } = useLive(() => api<{ items: Scenario[] }>('/sandbox/scenarios'), [], 1000);
  const [open, setOpen] = useState(false);
  const [msg, setMsg] = useState<string>();
  const inject = async (id: string) => {
    setOpen(false);
    try {
      const r = await api<{ faults: string[] }>(`/sandbox/scenarios/${id}/inject`, { method: 'POST', body: {} });
      setMsg(`Injected ${id} (${r.faults.join(', ')})`);
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return (
    <div className="menu">
      <button data-testid="inject-fault" onClick={() => setOpen(!open)} disabled={!getToken()} title={getToken() ? '' : 'sign in with a token first'}>
        Inject fault ▾
      </button>
      {open && (
        <ul className="menu-list">
          {data?.items.map((s) => (
            <li key={s.id}>
              <button data-testid={`inject-${s.id}`} onClick={() => void inject(s.id)} title={s.description}>
                {s.title}
              </button>
            </li>
          ))}
        </ul>
      )}
      {msg && <span className="hint" data-testid="inject-result">{msg}</span>}
    </div>
  );
}

interface Resource {
  arn: string;
  name: string;
  type: string;
  tags: Record<string, string>;
  state: Record<string, unknown>;
}

export function SandboxPage() {
  const fleet = useLive(() => api<{ items: Resource[]; speed: number }>('/sandbox/fleet'), [], 5);
  const timeline = useLive(() => api<{ items: { at: string; kind: string; message: string }[] }>('/sandbox/timeline'));
  const [faultText, setFaultText] = useState('{\n  "type": "metric",\n  "resource": "checkout-alb",\n  "metric": "HTTPCode_Target_5XX_Count",\n  "pattern": "spike",\n  "magnitude": 120,\n  "durationMinutes": 15\n}');
  const [result, setResult] = useState<string>();
  const submit = async () => {
    try {
      const fault = JSON.parse(faultText) as unknown;
      const r = await api<{ faults: string[] }>('/sandbox/faults', { method: 'POST', body: { faults: [fault] } });
      setResult(`Injected ${r.faults.join(', ')}`);
    } catch (e) {
      setResult((e as Error).message);
    }
  };
  return (
    <div className="page">
      <Card title={`Sandbox account (clock ${fleet.data?.speed ?? '…'}×)`} actions={<InjectFault />}>
        <FleetCharts />
      </Card>
      <div className="grid2">
        <Card title="Fault primitive">
          <textarea value={faultText} onChange={(e) => setFaultText(e.target.value)} rows={9} data-testid="fault-json" />
          <button onClick={() => void submit()} disabled={!getToken()}>
            Inject
          </button>
          {result && <p className="hint">{result}</p>}
        </Card>
        <Card title="Sandbox timeline">
          <ErrorLine error={timeline.error} />
          <ul className="timeline">
            {timeline.data?.items.slice(0, 30).map((t, i) => (
              <li key={i}>
                <span className="when">{fmtTime(t.at)}</span> <span className="badge">{t.kind}</span> {t.message}
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <Card title="Fleet">
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th>Service</th>
              <th>ARN</th>
            </tr>
          </thead>
          <tbody>
            {fleet.data?.items.map((r) => (
              <tr key={r.arn}>
                <td>{r.name}</td>
                <td>{r.type}</td>
                <td>{r.tags.service}</td>
                <td className="mono">{r.arn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
