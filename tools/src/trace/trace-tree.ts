/** The parts of a span a trace tree needs, whichever exporter it came from. */
export interface TreeSpan {
  service: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, unknown>;
  error: boolean;
}

/**
 * One trace as an indented tree, children in start order, each line with its service, its duration and its
 * start offset from the root: how a request's time is spent, at a glance.
 */
export function renderTraceTree(spans: readonly TreeSpan[], options: { showSql?: boolean } = {}): string {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const children = new Map<string, TreeSpan[]>();
  const roots: TreeSpan[] = [];
  for (const span of spans) {
    if (span.parentSpanId && byId.has(span.parentSpanId)) {
      const list = children.get(span.parentSpanId) ?? [];
      list.push(span);
      children.set(span.parentSpanId, list);
    } else roots.push(span);
  }
  const origin = roots.reduce((min, s) => (s.startNs < min ? s.startNs : min), roots[0]?.startNs ?? 0n);
  const ms = (ns: bigint, digits = 2) => (Number(ns) / 1e6).toFixed(digits);
  const lines: string[] = [];
  const walk = (span: TreeSpan, depth: number) => {
    const sql =
      options.showSql && typeof span.attributes['db.query.text'] === 'string' ? `  ${oneLine(span.attributes['db.query.text'])}` : '';
    lines.push(
      `${'  '.repeat(depth)}${span.name}${span.error ? ' (error)' : ''}  [${span.service}]  ${ms(span.endNs - span.startNs)} ms  @ +${ms(span.startNs - origin, 0)} ms${sql}`,
    );
    for (const child of (children.get(span.spanId) ?? []).sort((a, b) => (a.startNs < b.startNs ? -1 : 1))) walk(child, depth + 1);
  };
  for (const root of roots.sort((a, b) => (a.startNs < b.startNs ? -1 : 1))) walk(root, 0);
  return lines.join('\n');
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 90 ? `${flat.slice(0, 90)}…` : flat;
}
