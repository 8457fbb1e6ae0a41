/**
 * A few counters in the Prometheus text format, enough for operators to scrape and for the benchmark to
 * report SQL statements per operation. Deliberately tiny: counters only, fixed labels per series.
 */
export class Counter {
  private value = 0;
  constructor(readonly series: string) {}
  inc(by = 1): void {
    this.value += by;
  }
  get(): number {
    return this.value;
  }
}

export class MetricsRegistry {
  private readonly families = new Map<string, { help: string; series: Map<string, Counter> }>();

  counter(name: string, help: string, labels: Record<string, string> = {}): Counter {
    let family = this.families.get(name);
    if (!family) {
      family = { help, series: new Map() };
      this.families.set(name, family);
    }
    const labelText = Object.entries(labels)
      .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
      .join(',');
    const series = labelText ? `${name}{${labelText}}` : name;
    let counter = family.series.get(series);
    if (!counter) {
      counter = new Counter(series);
      family.series.set(series, counter);
    }
    return counter;
  }

  render(): string {
    let text = '';
    for (const [name, family] of this.families) {
      text += `# HELP ${name} ${family.help}\n# TYPE ${name} counter\n`;
      for (const counter of family.series.values()) text += `${counter.series} ${counter.get()}\n`;
    }
    return text;
  }
}

export const metrics = new MetricsRegistry();
