import { isSubgraphName, subgraphEnvPrefix } from '@epr/platform';

/**
 * The subgraphs the current supergraph names, with the URL each is reached at (the supergraph's URL unless
 * an operator overrides it). Filled as the gateway builds its data sources, so it follows supergraph reloads.
 */
export class SubgraphRegistry {
  private readonly urls = new Map<string, string>();

  constructor(private readonly overrides: Readonly<Partial<Record<string, string>>>) {}

  resolve(name: string, supergraphUrl: string | undefined): string {
    const url = this.overrides[name] ?? supergraphUrl;
    if (!url) {
      const variable = isSubgraphName(name) ? `${subgraphEnvPrefix(name)}_URL` : 'its URL';
      throw new Error(`The supergraph gives no URL for subgraph "${name}"; set ${variable}.`);
    }
    this.urls.set(name, url);
    return url;
  }

  url(name: string): string {
    const url = this.urls.get(name);
    if (!url) throw new Error(`Subgraph "${name}" is not in the current supergraph.`);
    return url;
  }

  /** The name of the subgraph served at `url` (for metrics and traces), or the URL itself if none is. */
  nameOf(url: string): string {
    for (const [name, known] of this.urls) if (known === url) return name;
    return url;
  }

  all(): [name: string, url: string][] {
    return [...this.urls.entries()];
  }
}
