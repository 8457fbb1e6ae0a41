import type pg from 'pg';
import { queryPool, sql, type SqlExecutor, type SqlQuery } from '../sql.js';

export interface ConsentChoices {
  doNotShare?: boolean;
  nationalOptOut?: boolean;
}

export interface Consent {
  doNotShare: boolean;
  nationalOptOut: boolean;
}

/** An item of a patient's record visible only to the users named (and its authoring team). */
export interface ItemNominationRecord {
  /** `<KIND>:<id>`, as nominated. */
  itemRef: string;
  userIds: string[];
}

/** A patient's sharing choices and nominations, as the policy engine reads them. */
export class ConsentRegister {
  constructor(private readonly pool: pg.Pool) {}

  /** The choices of a batch of patients, in their order, in one statement (none recorded: the defaults). */
  async currentOf(patientIds: readonly string[]): Promise<Consent[]> {
    const rows = await queryPool<{ patient_id: string; do_not_share: boolean; national_opt_out: boolean }>(
      this.pool,
      sql`SELECT patient_id, do_not_share, national_opt_out FROM access_control.patient_consent WHERE patient_id = ANY(${patientIds}::uuid[])`,
    );
    const byId = new Map(rows.map((row) => [row.patient_id, row]));
    return patientIds.map((id) => ({
      doNotShare: byId.get(id)?.do_not_share ?? false,
      nationalOptOut: byId.get(id)?.national_opt_out ?? false,
    }));
  }

  /** Changes only the choices given; the others keep their value. */
  async update(query: SqlQuery, patientId: string, choices: ConsentChoices, updatedBy: string): Promise<Consent> {
    const doNotShare = sql`${choices.doNotShare ?? null}::boolean`;
    const nationalOptOut = sql`${choices.nationalOptOut ?? null}::boolean`;
    const rows = await query<{ do_not_share: boolean; national_opt_out: boolean }>(
      sql`INSERT INTO access_control.patient_consent (patient_id, do_not_share, national_opt_out, updated_by)
       VALUES (${patientId}::uuid, coalesce(${doNotShare}, false), coalesce(${nationalOptOut}, false), ${updatedBy})
       ON CONFLICT (patient_id) DO UPDATE SET
         do_not_share = coalesce(${doNotShare}, patient_consent.do_not_share),
         national_opt_out = coalesce(${nationalOptOut}, patient_consent.national_opt_out),
         updated_at = now(), updated_by = ${updatedBy}
       RETURNING do_not_share, national_opt_out`,
    );
    return { doNotShare: rows[0]!.do_not_share, nationalOptOut: rows[0]!.national_opt_out };
  }

  /** Makes an item visible only to these users (and its authoring team); an empty list lifts the restriction. */
  async nominate(run: SqlExecutor, patientId: string, itemRef: string, userIds: readonly string[]): Promise<void> {
    await run(sql`DELETE FROM access_control.item_nomination WHERE item_ref = ${itemRef}`);
    if (userIds.length > 0) {
      await run(
        sql`INSERT INTO access_control.item_nomination (item_ref, user_id, patient_id)
         SELECT ${itemRef}, u, ${patientId}::uuid FROM unnest(${[...new Set(userIds)]}::text[]) AS u`,
      );
    }
  }

  /** The patient's nominations, one per item, in item order. */
  async nominationsOf(patientId: string): Promise<ItemNominationRecord[]> {
    return queryPool<ItemNominationRecord>(
      this.pool,
      sql`SELECT item_ref AS "itemRef", array_agg(user_id ORDER BY user_id) AS "userIds"
         FROM access_control.item_nomination WHERE patient_id = ${patientId}::uuid
        GROUP BY item_ref ORDER BY item_ref`,
    );
  }
}
