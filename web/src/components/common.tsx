import type { ReactNode } from 'react';
import { navigate } from '../router';

export const fmtTime = (iso?: string): string => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) : '');
export const fmtDuration = (ms?: number): string => (ms === undefined ? '—' : ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);
export const shortArn = (arn: string): string => arn.split(/[:/]/).slice(-1)[0] ?? arn;

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge sev sev-${severity.slice(-1)}`}>{severity}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status.toLowerCase().replace(/_/g, '-')}`}>{status}</span>;
}

export function Link({ to, children, testId }: { to: string; children: ReactNode; testId?: string }) {
  return (
    <a
      href={to}
      data-testid={testId}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export function Card({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="card">
      <header>
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function ErrorLine({ error }: { error?: string }) {
  return error ? <p className="error" role="alert">{error}</p> : null;
}
