import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartProps {
  title: string;
  timestamps: number[];
  series: { label: string; values: (number | null)[]; color: string; dash?: number[]; fill?: string }[];
  /** Horizontal threshold lines (e.g. the alarm thresholds). */
  thresholds?: { value: number; color: string; label: string }[];
  height?: number;
}

/** A time-series chart (uPlot): metric lines plus dashed threshold lines. */
export function Chart({ title, timestamps, series, thresholds = [], height = 180 }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  useEffect(() => {
    if (!el.current) return;
    const xs = timestamps.map((t) => t / 1000);
    const data: uPlot.AlignedData = [xs, ...series.map((s) => s.values), ...thresholds.map((t) => xs.map(() => t.value))];
    const opts: uPlot.Options = {
      title,
      width: el.current.clientWidth || 480,
      height,
      scales: { x: { time: true } },
      axes: [{ stroke: '#9aa4b2', grid: { stroke: '#2a3140' } }, { stroke: '#9aa4b2', grid: { stroke: '#2a3140' }, size: 60 }],
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, ...(s.fill ? { fill: s.fill } : {}), ...(s.dash ? { dash: s.dash } : {}) })), ...thresholds.map((t) => ({ label: t.label, stroke: t.color, dash: [6, 4], width: 1 }))],
      legend: { show: true },
    };
    plot.current?.destroy();
    plot.current = new uPlot(opts, data, el.current);
    return () => plot.current?.destroy();
  }, [title, timestamps, series, thresholds, height]);
  return <div className="chart" ref={el} data-testid={`chart-${title}`} />;
}
