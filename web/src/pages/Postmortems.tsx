import { useEffect, useState } from 'react';
import { api, getToken } from '../api';
import { Card, ErrorLine, fmtTime, Link, SeverityBadge, StatusBadge } from '../components/common';
import { useLive } from '../live';
import { type Column, DataTable, StatusFilter } from '../components/DataTable';

interface PostmortemSummary {
  id: string;
  incidentId: string;
  status: 'draft' | 'in-review' | 'published';
  severity: string;
  service?: string;
  title: string;
  createdAt: string;
  dueAt: string;
  publishedAt?: string;
  editedBy?: string;
}
interface Postmortem extends PostmortemSummary {
  markdown: string;
  actionItems: { id: string; title: string; priority: string; dueDays: number }[];
}

export function PostmortemsPage() {
  const [status, setStatus] = useState('');
  const { data, error } = useLive(
    () => api<{ items: PostmortemSummary[] }>(`/postmortems${status ? `?status=${status}` : ''}`),
    [status],
    10,
  );
  return (
    <div className="page">
      <Card
        title="Post-mortems"
        actions={
          <StatusFilter
            value={status}
            onChange={setStatus}
            options={[
              ['draft', 'draft'],
              ['in-review', 'in review'],
              ['published', 'published'],
            ]}
          />
        }
      >
        <ErrorLine error={error} />
        <DataTable
          columns={POSTMORTEM_COLUMNS}
          rows={data?.items}
          rowKey={(p) => p.id}
          empty="No post-mortems yet: they are drafted when a SEV-1/SEV-2 incident resolves."
        />
      </Card>
    </div>
  );
}

const POSTMORTEM_COLUMNS: Column<PostmortemSummary>[] = [
  { header: 'Severity', cell: (p) => <SeverityBadge severity={p.severity} /> },
  { header: 'Title', cell: (p) => <Link to={`/postmortems/${p.id}`}>{p.title}</Link> },
  { header: 'Incident', cell: (p) => <Link to={`/incidents/${p.incidentId}`}>{p.incidentId}</Link> },
  { header: 'Status', cell: (p) => <StatusBadge status={p.status} /> },
  { header: 'Due', cell: (p) => (p.status === 'published' ? `published ${fmtTime(p.publishedAt)}` : fmtTime(p.dueAt)) },
];

/** Downloads text as a file (the markdown export, the gh script). */
function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function PostmortemPage({ id }: { id: string }) {
  const { data, error, reload } = useLive(() => api<Postmortem>(`/postmortems/${id}`), [id], 30);
  const [text, setText] = useState('');
  const [dirty, setDirty] = useState(false);
  const [msg, setMsg] = useState<string>();
  const [repo, setRepo] = useState('');
  useEffect(() => {
    if (data && !dirty) setText(data.markdown);
  }, [data, dirty]);
  const run = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      setMsg(done);
      setDirty(false);
      reload();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  const exportScript = async () => {
    try {
      const r = await api<{ script: string }>(`/postmortems/${id}/action-items${repo ? `?repo=${encodeURIComponent(repo)}` : ''}`);
      download(`${id}-action-items.sh`, r.script, 'text/x-shellscript');
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  if (!data) return <div className="page">{error ? <ErrorLine error={error} /> : 'Loading…'}</div>;
  const frozen = data.status === 'published';
  const canEdit = Boolean(getToken()) && !frozen;
  return (
    <div className="page">
      <Card
        title={`Post-mortem: ${data.title}`}
        actions={
          <span className="actions">
            <button
              onClick={() => void run(() => api(`/postmortems/${id}`, { method: 'PUT', body: { markdown: text } }), 'saved')}
              disabled={!canEdit || !dirty}
            >
              Save
            </button>
            <button
              onClick={() => void run(() => api(`/postmortems/${id}`, { method: 'PUT', body: { status: 'in-review' } }), 'in review')}
              disabled={!canEdit || data.status !== 'draft'}
            >
              Ready for review
            </button>
            <button
              onClick={() => void run(() => api(`/postmortems/${id}/publish`, { method: 'POST', body: {} }), 'published')}
              disabled={!canEdit || dirty}
            >
              Publish
            </button>
            <button onClick={() => download(`${id}.md`, data.markdown, 'text/markdown')}>Export markdown</button>
          </span>
        }
      >
        <p>
          <SeverityBadge severity={data.severity} /> <StatusBadge status={data.status} /> incident{' '}
          <Link to={`/incidents/${data.incidentId}`}>{data.incidentId}</Link>, due {fmtTime(data.dueAt)}
          {data.editedBy && ` · last edited by ${data.editedBy}`}
        </p>
        <ErrorLine error={error} />
        {msg && <p role="status">{msg}</p>}
        <textarea
          aria-label="post-mortem markdown"
          value={text}
          readOnly={!canEdit}
          rows={32}
          style={{ width: '100%', fontFamily: 'monospace' }}
          onChange={(e) => {
            setText(e.target.value);
            setDirty(true);
          }}
        />
      </Card>
      <Card
        title="Action items"
        actions={
          <span className="actions">
            <input placeholder="owner/repo" value={repo} onChange={(e) => setRepo(e.target.value)} />
            <button onClick={() => void exportScript()}>Export gh script</button>
          </span>
        }
      >
        <table>
          <thead>
            <tr>
              <th>Priority</th>
              <th>Title</th>
              <th>Due (days)</th>
            </tr>
          </thead>
          <tbody>
            {data.actionItems.map((a) => (
              <tr key={a.id}>
                <td>{a.priority}</td>
                <td>{a.title}</td>
                <td>{a.dueDays}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
