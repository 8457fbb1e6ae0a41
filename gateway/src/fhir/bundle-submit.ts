import { STATUS_CODES } from 'node:http';
import type http from 'node:http';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { Activity } from '@epr/policy';
import { parseJsonBody, readBodyBytes, RequestBodyError } from '@epr/platform';
import { badRequest, FhirError, PartialTransactionError } from './fhir-error.js';
import type { Pipeline } from './graphql-pipeline.js';
import { planEntry, type PlannedEntry } from './writes/bundle-plan.js';
import { BundleRun, type EntryResult } from './writes/bundle-run.js';

const maxEntries = 100;

/**
 * `POST /fhir/R4` with a `transaction` or `batch` Bundle of Patient, Condition, AllergyIntolerance and
 * MedicationStatement creates, each written by its existing mutation through the pipeline; `ifNoneExist` makes
 * a re-sent Bundle create nothing new (its entries answer 200 with the existing resource's location).
 *
 * batch: each entry on its own, with its own status and OperationOutcome.
 * transaction: every entry is first checked as a whole without writing — structure, references, conditional
 * matches, patients visible, the caller's role and the patients' records open to them — and nothing is written
 * unless all pass. The writes are then separate mutations (no database transaction spans them), so a write the
 * record still refuses (a SNOMED CT check digit, a concurrent registration of the same NHS number) stops the
 * rest: the answer is that error plus the entries already written, which stay.
 */
export async function submitBundle(pipeline: Pipeline, body: unknown, roleHolds: (activity: Activity) => boolean): Promise<Bundle> {
  const bundle = checkBundle(body);
  const run = new BundleRun(pipeline, roleHolds);
  return bundle.type === 'transaction' ? transaction(run, bundle.entry ?? []) : batch(run, bundle.entry ?? []);
}

/**
 * `POST /<type>` (with `If-None-Exist` for a conditional create): one resource, as a transaction of one entry,
 * so it is checked and written exactly as it would be in a Bundle.
 */
export async function createResource(
  pipeline: Pipeline,
  type: string,
  body: unknown,
  ifNoneExist: string | undefined,
  roleHolds: (activity: Activity) => boolean,
): Promise<EntryResult> {
  const resource = body as Resource | undefined;
  if (resource?.resourceType !== type) throw badRequest(`POST a ${type} resource to ${type}.`, 'resourceType');
  const entry: BundleEntry = { resource, request: { method: 'POST', url: type, ...(ifNoneExist ? { ifNoneExist } : {}) } };
  const [response] = (await transaction(new BundleRun(pipeline, roleHolds), [entry])).entry!;
  return { status: response!.response!.status.startsWith('201') ? 201 : 200, location: response!.response!.location! };
}

/** The request's JSON body; a body too large or not JSON is a 400 OperationOutcome. */
export async function readFhirBody(req: http.IncomingMessage): Promise<unknown> {
  try {
    return parseJsonBody(await readBodyBytes(req));
  } catch (error) {
    if (error instanceof RequestBodyError) throw badRequest(error.message);
    throw error;
  }
}

function checkBundle(body: unknown): Bundle {
  const bundle = body as Bundle | undefined;
  if (bundle?.resourceType !== 'Bundle' || (bundle.type !== 'transaction' && bundle.type !== 'batch')) {
    throw badRequest('POST a Bundle of type transaction or batch.', 'Bundle.type');
  }
  if (!Array.isArray(bundle.entry) || bundle.entry.length === 0 || bundle.entry.length > maxEntries) {
    throw badRequest(`A Bundle has 1 to ${maxEntries} entries.`, 'Bundle.entry');
  }
  return bundle;
}

async function transaction(run: BundleRun, entries: BundleEntry[]): Promise<Bundle> {
  const plans = entries.map(planEntry);
  const patientsFirst = [...plans.filter((p) => p.type === 'Patient'), ...plans.filter((p) => p.type !== 'Patient')];
  const results = new Map<number, EntryResult>();
  const toCreate: PlannedEntry[] = [];
  for (const plan of patientsFirst) {
    const ref = plan.type === 'Patient' ? undefined : plan.patient;
    if (ref && 'fullUrl' in ref && !plans.some((p) => p.type === 'Patient' && p.fullUrl === ref.fullUrl)) {
      throw badRequest(`${ref.fullUrl} is not the fullUrl of a Patient entry of this Bundle.`, `Bundle.entry[${plan.index}]`);
    }
    const match = await run.existing(plan);
    if (match) results.set(plan.index, { status: 200, location: match });
    else {
      await run.check(plan);
      toCreate.push(plan);
    }
  }
  const written: { index: number; location: string }[] = [];
  for (const plan of toCreate) {
    try {
      const location = await run.create(plan);
      written.push({ index: plan.index, location });
      results.set(plan.index, { status: 201, location });
    } catch (error) {
      if (error instanceof FhirError && written.length > 0) throw new PartialTransactionError(error, written);
      throw error;
    }
  }
  return {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: plans.map((plan) => responseEntry(results.get(plan.index)!)),
  };
}

async function batch(run: BundleRun, entries: BundleEntry[]): Promise<Bundle> {
  const entry: BundleEntry[] = [];
  for (const [index, request] of entries.entries()) {
    try {
      entry.push(responseEntry(await run.apply(planEntry(request, index))));
    } catch (error) {
      if (!(error instanceof FhirError)) throw error;
      entry.push({ response: { status: statusLine(error.status), outcome: error.toOutcome() } });
    }
  }
  return { resourceType: 'Bundle', type: 'batch-response', entry };
}

function responseEntry(result: EntryResult): BundleEntry {
  return { response: { status: statusLine(result.status), location: result.location } };
}

function statusLine(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}
