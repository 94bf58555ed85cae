import { useState } from 'react';
import { api, getToken, setToken } from './api';
import { Link } from './components/common';
import { useVirtualNow } from './live';
import { usePath } from './router';
import { IncidentPage, IncidentsPage } from './pages/Incidents';
import { OverviewPage } from './pages/Overview';
import { AlertsPage, ApprovalsPage, AuditPage, ExecutionPage, ExecutionsPage } from './pages/Remediation';
import { SandboxPage } from './pages/Sandbox';

const NAV = [
  ['/', 'Overview'],
  ['/incidents', 'Incidents'],
  ['/alerts', 'Alerts'],
  ['/executions', 'Executions'],
  ['/approvals', 'Approvals'],
  ['/audit', 'Audit'],
  ['/sandbox', 'Sandbox'],
] as const;

function route(path: string) {
  const [, first, id] = path.split('/');
  if (first === 'incidents' && id) return <IncidentPage id={id} />;
  if (first === 'executions' && id) return <ExecutionPage id={id} />;
  switch (first) {
    case 'incidents':
      return <IncidentsPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'executions':
      return <ExecutionsPage />;
    case 'approvals':
      return <ApprovalsPage />;
    case 'audit':
      return <AuditPage />;
    case 'sandbox':
      return <SandboxPage />;
    default:
      return <OverviewPage />;
  }
}

/** Sign in by pasting a token (the terminal prints the admin token; `aiops tokens` makes others). */
function SignIn() {
  const [token, setT] = useState(getToken());
  const [who, setWho] = useState<string>();
  const [err, setErr] = useState<string>();
  const save = async () => {
    setToken(token.trim());
    try {
      const p = await api<{ name: string; role: string }>('/whoami');
      setWho(`${p.name} (${p.role})`);
      setErr(undefined);
      window.location.reload();
    } catch (e) {
      setToken('');
      setErr((e as Error).message);
    }
  };
  if (getToken())
    return (
      <span className="signin">
        signed in{who ? ` as ${who}` : ''}{' '}
        <button
          onClick={() => {
            setToken('');
            window.location.reload();
          }}
        >
          sign out
        </button>
      </span>
    );
  return (
    <span className="signin">
      <input data-testid="token-input" type="password" placeholder="API token" value={token} onChange={(e) => setT(e.target.value)} />
      <button data-testid="token-save" onClick={() => void save()}>
        Sign in
      </button>
      {err && <span className="error">{err}</span>}
    </span>
  );
}

export function App() {
  const path = usePath();
  const now = useVirtualNow();
  return (
    <>
      <header className="topbar">
        <strong className="brand">MatCarv AIOps</strong>
        <nav>
          {NAV.map(([to, label]) => (
            <Link key={to} to={to} testId={`nav-${label.toLowerCase()}`}>
              <span className={(to === '/' ? path === '/' : path.startsWith(to)) ? 'active' : ''}>{label}</span>
            </Link>
          ))}
        </nav>
        <span className="clock" data-testid="virtual-clock" title="sandbox virtual time">
          {now ? new Date(now).toISOString().slice(0, 19).replace('T', ' ') : ''} UTC
        </span>
        <SignIn />
      </header>
      <main>{route(path)}</main>
    </>
  );
}
