import type { ReactElement } from 'react';
import { CostPage } from './Cost';
import { IncidentPage, IncidentsPage } from './Incidents';
import { MetricsPage } from './Metrics';
import { OverviewPage } from './Overview';
import { PostmortemPage, PostmortemsPage } from './Postmortems';
import { AlertsPage, ApprovalsPage, AuditPage, ExecutionPage, ExecutionsPage } from './Remediation';
import { SandboxPage } from './Sandbox';
import { SilencesPage } from './Silences';
import { FindingPage, SecurityPage } from './Security';
import { SloPage, SlosPage } from './Slo';

/** One entry per console page: its path (first segment), nav label, and list/detail views. One line per feature. */
export interface PageEntry {
  path: string;
  label: string;
  list: () => ReactElement;
  detail?: (id: string) => ReactElement;
}

export const PAGES: PageEntry[] = [
  { path: '', label: 'Overview', list: () => <OverviewPage /> },
  { path: 'incidents', label: 'Incidents', list: () => <IncidentsPage />, detail: (id) => <IncidentPage id={id} /> },
  { path: 'alerts', label: 'Alerts', list: () => <AlertsPage /> },
  { path: 'silences', label: 'Silences', list: () => <SilencesPage /> },
  { path: 'executions', label: 'Executions', list: () => <ExecutionsPage />, detail: (id) => <ExecutionPage id={id} /> },
  { path: 'approvals', label: 'Approvals', list: () => <ApprovalsPage /> },
  { path: 'audit', label: 'Audit', list: () => <AuditPage /> },
  { path: 'slos', label: 'SLOs', list: () => <SlosPage />, detail: (id) => <SloPage id={id} /> },
  { path: 'sandbox', label: 'Sandbox', list: () => <SandboxPage /> },
  { path: 'cost', label: 'Cost', list: () => <CostPage /> },
  { path: 'security', label: 'Security', list: () => <SecurityPage />, detail: (id) => <FindingPage id={id} /> },
  { path: 'metrics', label: 'Metrics', list: () => <MetricsPage /> },
  { path: 'postmortems', label: 'Post-mortems', list: () => <PostmortemsPage />, detail: (id) => <PostmortemPage id={id} /> },
];
