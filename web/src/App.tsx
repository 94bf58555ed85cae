import { useState } from 'react';
import { api, getToken, setToken } from './api';
import { Link } from './components/common';
import { useVirtualNow } from './live';
import { usePath } from './router';
import { PAGES } from './pages/registry';

function route(path: string) {
  const [, first = '', id] = path.split('/');
  const page = PAGES.find((p) => p.path === first) ?? PAGES[0]!;
  return id && page.detail ? page.detail(id) : page.list();
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
          {PAGES.map(({ path: p, label }) => (
            <Link key={p} to={`/${p}`} testId={`nav-${label.toLowerCase()}`}>
              <span className={(p === '' ? path === '/' : path.startsWith(`/${p}`)) ? 'active' : ''}>{label}</span>
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
