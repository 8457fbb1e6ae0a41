import type { Bundle, Resource } from '@medplum/fhirtypes';
import { stackState } from './stack-state.js';

export interface FhirResponse<T = Resource> {
  status: number;
  contentType: string | null;
  requestId: string | null;
  location: string | null;
  body: T;
}

/** The FHIR façade's base URL on the test stack's gateway. */
export function fhirBase(): string {
  return stackState().gatewayUrl.replace(/\/graphql$/, '/fhir/R4');
}

/** One FHIR interaction against the gateway, as a FHIR client would send it (path relative to the base, or a full link). */
export async function fhir<T = Resource>(
  path: string,
  options: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<FhirResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/fhir+json', ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/fhir+json';
  const response = await fetch(path.startsWith('http') ? path : `${fhirBase()}/${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    requestId: response.headers.get('x-request-id'),
    location: response.headers.get('location'),
    body: (await response.json()) as T,
  };
}

export function resourcesOf(bundle: Bundle): Resource[] {
  return (bundle.entry ?? []).map((entry) => entry.resource!);
}

/** Follows `next` links from a first page and returns every page. */
export async function allPages(path: string, token: string): Promise<Bundle[]> {
  const pages: Bundle[] = [];
  let next: string | undefined = path;
  while (next) {
    const page: FhirResponse<Bundle> = await fhir<Bundle>(next, { token });
    if (page.status !== 200) throw new Error(`page ${pages.length + 1}: HTTP ${page.status} ${JSON.stringify(page.body)}`);
    pages.push(page.body);
    next = page.body.link?.find((link) => link.relation === 'next')?.url;
    if (pages.length > 50) throw new Error('more than 50 pages: the next links do not end');
  }
  return pages;
}
