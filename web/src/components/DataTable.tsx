import type { ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** A test id on every cell of this column (browser tests find e.g. an incident's phase by it). */
  testId?: string;
  className?: string;
}

/**
 * The console's list table: one header row, one row per item. Pages declare their columns
 * instead of repeating table markup, so every list looks and behaves the same.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  testId,
  empty,
}: {
  columns: readonly Column<T>[];
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  testId?: string;
  empty?: ReactNode;
}) {
  return (
    <>
      <table data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows?.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) => (
                <td key={c.header} data-testid={c.testId} className={c.className}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows && rows.length === 0 && empty ? <p>{empty}</p> : null}
    </>
  );
}

/** A filter select over a fixed set of statuses; '' means all. */
export function StatusFilter({
  value,
  onChange,
  options,
}: {
  value: string;
  onChange: (v: string) => void;
  options: readonly (readonly [string, string])[];
}) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">all</option>
      {options.map(([v, label]) => (
        <option key={v} value={v}>
          {label}
        </option>
      ))}
    </select>
  );
}
