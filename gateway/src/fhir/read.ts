import type { Resource } from '@medplum/fhirtypes';
import { notFound } from './fhir-error.js';
import { throwIfFailed, type Pipeline } from './graphql-pipeline.js';
import { singleReads, type SingleRead, type SingleReadType } from './resource-kinds.js';
import { requireId } from './search-params.js';

/**
 * `GET /<type>/<id>`: one query field by id. Not found and not visible are the same 404; a role without the
 * activity is 403 (the field rules refuse it whatever the id, so that says nothing about the record).
 */
export async function readResource(pipeline: Pipeline, type: SingleReadType, id: string): Promise<Resource> {
  const read: SingleRead = singleReads[type];
  const result = await pipeline<Record<string, unknown>>(`query ($id: ID!) { ${read.root}(id: $id) { ${read.fields} } }`, {
    id: requireId(id, `${type} id`),
  });
  throwIfFailed(result, read.root);
  const node = result.data?.[read.root];
  if (!node) throw notFound(`No ${type} ${id} is visible to you.`);
  return read.toFhir(node as never);
}
