import type pg from 'pg';
import type { SqlExecutor, SqlQuery } from './relationship-register.js';

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
    const { rows } = await this.pool.query<{ patient_id: string; do_not_share: boolean; national_opt_out: boolean }>(
      'SELECT patient_id, do_not_share, national_opt_out FROM access_control.patient_consent WHERE patient_id = ANY($1::uuid[])',
      [patientIds],
    );
    const byId = new Map(rows.map((row) => [row.patient_id, row]));
    return patientIds.map((id) => ({
      doNotShare: byId.get(id)?.do_not_share ?? false,
      nationalOptOut: byId.get(id)?.national_opt_out ?? false,
    }));
  }

  /** Changes only the choices given; the others keep their value. */
  async update(query: SqlQuery, patientId: string, choices: ConsentChoices, updatedBy: string): Promise<Consent> {
    const rows = await query<{ do_not_share: boolean; national_opt_out: boolean }>(
      `INSERT INTO access_control.patient_consent (patient_id, do_not_share, national_opt_out, updated_by)
       VALUES ($1::uuid, coalesce($2, false), coalesce($3, false), $4)
       ON CONFLICT (patient_id) DO UPDATE SET
         do_not_share = coalesce($2, patient_consent.do_not_share),
         national_opt_out = coalesce($3, patient_consent.national_opt_out),
         updated_at = now(), updated_by = $4
       RETURNING do_not_share, national_opt_out`,
      [patientId, choices.doNotShare ?? null, choices.nationalOptOut ?? null, updatedBy],
    );
    return { doNotShare: rows[0]!.do_not_share, nationalOptOut: rows[0]!.national_opt_out };
  }

  /** Makes an item visible only to these users (and its authoring team); an empty list lifts the restriction. */
  async nominate(run: SqlExecutor, patientId: string, itemRef: string, userIds: readonly string[]): Promise<void> {
    await run('DELETE FROM access_control.item_nomination WHERE item_ref = $1', [itemRef]);
    if (userIds.length > 0) {
      await run(
        `INSERT INTO access_control.item_nomination (item_ref, user_id, patient_id)
         SELECT $1, u, $3::uuid FROM unnest($2::text[]) AS u`,
        [itemRef, [...new Set(userIds)], patientId],
      );
    }
  }

  /** The patient's nominations, one per item, in item order. */
  async nominationsOf(patientId: string): Promise<ItemNominationRecord[]> {
    const { rows } = await this.pool.query<ItemNominationRecord>(
      `SELECT item_ref AS "itemRef", array_agg(user_id ORDER BY user_id) AS "userIds"
         FROM access_control.item_nomination WHERE patient_id = $1::uuid
        GROUP BY item_ref ORDER BY item_ref`,
      [patientId],
    );
    return rows;
  }
}
