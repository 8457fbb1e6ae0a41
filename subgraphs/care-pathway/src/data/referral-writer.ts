import { queryOn, sqlOn, type RelationshipRegister, type Transaction } from '@epr/platform';
import type { Subject } from '@epr/policy';
import type { Tx } from './prisma.js';
import { referralSourceRef, type ReferralSource } from '../domain/referral-source.js';
import { rttClockStart, type NewReferral } from '../domain/referral-request.js';
import type { TriageCommand } from '../domain/triage-request.js';
import type { WithdrawalCommand } from '../domain/withdrawal-request.js';
import type { CalendarDate } from '../domain/rtt/calendar-date.js';
import { dateColumn } from './calendar-columns.js';
import type { LockedPathway, PathwayLedger } from './pathway-ledger.js';
import { referralColumns, type ReferralRecord } from './referral-store.js';
import { StateConflict } from './state-conflict.js';

/** How a referral reached the provider, and what its receipt grants. */
export interface ReferralReceipt {
  source: ReferralSource;
  /** The receiving service's care teams: each gains a REFERRAL relationship with the patient. */
  teamIds: readonly string[];
  /** For a referral sent by its referrer: whose care of the patient it rests on (checked in the transaction). */
  referrer?: Subject;
}

/** Referral receipt and triage; each runs in the transaction it is given (which carries its security-log rows). */
export class ReferralWriter {
  constructor(
    private readonly relationships: RelationshipRegister,
    private readonly ledger: PathwayLedger,
  ) {}

  /**
   * Receipt of a referral by the provider: the referral, its pathway and the RTT clock start (rule 1, 3.2.1: the UBRN
   * conversion for e-RS, else the date received) are written together, with the receiving teams' relationships —
   * after the referrer's standing is checked, so a referral never commits on grounds that did not hold.
   */
  receive(
    referral: NewReferral,
    receipt: ReferralReceipt,
    recordedBy: string,
    transaction: Transaction<Tx, ReferralRecord>,
  ): Promise<ReferralRecord> {
    return transaction(async (tx) => {
      if (receipt.referrer) await this.relationships.requireCareStanding(queryOn(tx), receipt.referrer, referral.patientId);
      const created = await tx.referral.create({
        data: {
          ...referral,
          source: receipt.source,
          receivedOn: dateColumn(referral.receivedOn),
          referredOn: referral.referredOn && dateColumn(referral.referredOn),
          ubrnConvertedOn: referral.ubrnConvertedOn && dateColumn(referral.ubrnConvertedOn),
          triageStatus: 'AWAITING_TRIAGE',
        },
        select: referralColumns,
      });
      const pathway = await tx.pathway.create({
        data: {
          patientId: referral.patientId,
          referralId: created.id,
          organisation: referral.receivingOrganisation,
          specialty: referral.specialty,
          phase: 'NOT_STARTED',
        },
        select: { id: true },
      });
      const locked: LockedPathway = {
        id: pathway.id,
        patientId: referral.patientId,
        referralId: created.id,
        organisation: referral.receivingOrganisation,
        specialty: referral.specialty,
        phase: 'NOT_STARTED',
        eventCount: 0,
        periods: [],
      };
      await this.ledger.applyClockEvent(
        tx,
        locked,
        { kind: 'REFERRAL_RECEIVED', on: rttClockStart(referral) },
        { kind: 'REFERRAL_RECEIVED', recordedBy },
      );
      await this.relateTeams(tx, referral.patientId, created.id, receipt.teamIds, recordedBy);
      return created;
    });
  }

  /**
   * A triage decision on a referral awaiting triage. Rejection closes the clock (it never becomes a reported
   * pathway) and so ends the referral's relationships (the ledger does, as for any closed pathway); redirection
   * moves the pathway and its running clock to the new service, keeping the original clock start (3.2.2, section
   * 11), and moves the relationship with it: the old teams' end after the grace period, `redirectTeamIds` (the new
   * service's teams) gain theirs. Throws StateConflict when the referral is no longer awaiting triage.
   */
  triage(
    referral: ReferralRecord,
    pathwayId: string,
    command: TriageCommand,
    decidedBy: string,
    today: CalendarDate,
    redirectTeamIds: readonly string[],
    transaction: Transaction<Tx, ReferralRecord>,
  ): Promise<ReferralRecord> {
    return transaction(async (tx) => {
      const pathway = await this.ledger.lock(tx, pathwayId);
      const current = await tx.referral.findUniqueOrThrow({
        where: { id: referral.id },
        select: { triageStatus: true, receivingOrganisation: true, specialty: true },
      });
      if (!pathway || current.triageStatus !== 'AWAITING_TRIAGE') {
        throw new StateConflict(`This referral has already been triaged (${current.triageStatus.toLowerCase().replace('_', ' ')}).`);
      }
      // Who may triage was decided for the service the referral was with when read; a redirect meanwhile moved it.
      if (current.receivingOrganisation !== referral.receivingOrganisation || current.specialty !== referral.specialty) {
        throw new StateConflict(`This referral has meanwhile been redirected to ${current.specialty} at ${current.receivingOrganisation}.`);
      }
      const decided = { triagedAt: new Date(), triagedBy: decidedBy };
      switch (command.decision) {
        case 'ACCEPT':
          await this.ledger.addEntry(tx, pathway, { kind: 'REFERRAL_ACCEPTED', occurredOn: today, recordedBy: decidedBy });
          return this.update(tx, referral.id, { ...decided, triageStatus: 'ACCEPTED', triageReason: null });
        case 'REJECT':
          await this.ledger.applyClockEvent(
            tx,
            pathway,
            { kind: 'REFERRAL_REJECTED', on: today },
            { kind: 'REFERRAL_REJECTED', recordedBy: decidedBy, note: command.reason },
          );
          return this.update(tx, referral.id, { ...decided, triageStatus: 'REJECTED', triageReason: command.reason });
        case 'REDIRECT': {
          const redirected = await this.redirect(tx, pathway, referral, command, decidedBy, today, decided);
          await this.relationships.endCareRelationships(sqlOn(tx), referralSourceRef(referral.id), new Date());
          await this.relateTeams(tx, referral.patientId, referral.id, redirectTeamIds, decidedBy);
          return redirected;
        }
      }
    });
  }

  /**
   * Withdrawal of a referral whose patient waits for the first appointment: the clock closes (the ledger refuses
   * it once the patient has been seen) and, the pathway being closed, the referral's relationships end after the
   * grace period. Throws StateConflict when it was withdrawn already.
   */
  withdraw(
    referral: ReferralRecord,
    pathwayId: string,
    command: WithdrawalCommand,
    withdrawnBy: string,
    transaction: Transaction<Tx, ReferralRecord>,
  ): Promise<ReferralRecord> {
    return transaction(async (tx) => {
      const pathway = await this.ledger.lock(tx, pathwayId);
      const current = await tx.referral.findUniqueOrThrow({ where: { id: referral.id }, select: { withdrawnOn: true } });
      if (!pathway || current.withdrawnOn) throw new StateConflict('This referral has already been withdrawn.');
      await this.ledger.applyClockEvent(
        tx,
        pathway,
        { kind: 'REFERRAL_WITHDRAWN', on: command.withdrawnOn },
        { kind: 'REFERRAL_WITHDRAWN', recordedBy: withdrawnBy, note: command.reason },
      );
      return this.update(tx, referral.id, {
        withdrawnOn: dateColumn(command.withdrawnOn),
        withdrawnAt: new Date(),
        withdrawnBy,
        withdrawalReason: command.reason,
      });
    });
  }

  private async redirect(
    tx: Tx,
    pathway: LockedPathway,
    referral: ReferralRecord,
    command: Extract<TriageCommand, { decision: 'REDIRECT' }>,
    decidedBy: string,
    today: CalendarDate,
    decided: { triagedAt: Date; triagedBy: string },
  ): Promise<ReferralRecord> {
    if (command.organisation === pathway.organisation && sameService(command.specialty, pathway.specialty)) {
      throw new StateConflict(`The referral is already with ${command.specialty} at ${command.organisation}.`);
    }
    if (pathway.phase !== 'RUNNING') throw new StateConflict('Only a referral whose RTT clock is running can be redirected.');
    const destination = { organisation: command.organisation, specialty: command.specialty };
    await tx.pathway.update({ where: { id: pathway.id }, data: destination });
    await tx.rttPeriod.updateMany({ where: { pathwayId: pathway.id, endedOn: null }, data: destination });
    const note = `Redirected from ${pathway.specialty} at ${pathway.organisation} to ${command.specialty} at ${command.organisation}: ${command.reason}`;
    await this.ledger.addEntry(tx, pathway, { kind: 'REFERRAL_REDIRECTED', occurredOn: today, recordedBy: decidedBy, note });
    return this.update(tx, referral.id, {
      ...decided,
      receivingOrganisation: command.organisation,
      specialty: command.specialty,
      triageReason: command.reason,
    });
  }

  /** Each receiving team gains a REFERRAL relationship with the patient, in the referral's own transaction. */
  private async relateTeams(tx: Tx, patientId: string, referralId: string, teamIds: readonly string[], createdBy: string): Promise<void> {
    for (const teamId of teamIds) {
      await this.relationships.careRelationship(sqlOn(tx), {
        patientId,
        holder: { kind: 'TEAM', id: teamId },
        type: 'REFERRAL',
        sourceRef: referralSourceRef(referralId),
        createdBy,
      });
    }
  }

  private update(tx: Tx, id: string, data: Parameters<Tx['referral']['update']>[0]['data']): Promise<ReferralRecord> {
    return tx.referral.update({ where: { id }, data, select: referralColumns });
  }
}

/** Services are named as referrals name them; the directory matches them ignoring case and surrounding space. */
function sameService(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
