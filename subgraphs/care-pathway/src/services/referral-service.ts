import { forbidden, oneShownAs, recordOf, shownAs, type MergedPatientRef } from '@epr/platform';
import type { Activity } from '@epr/policy';
import type { ReferralRecord } from '../data/referral-store.js';
import type { ReferralWriter } from '../data/referral-writer.js';
import type { ReceivingTeams } from '../data/receiving-teams.js';
import { referralSource, refusalFor, type ReferralSource } from '../domain/referral-source.js';
import { isUuid } from '../domain/input-rules.js';
import { validateReferral, type CreateReferralRequest } from '../domain/referral-request.js';
import { validateTriage, type TriageReferralRequest } from '../domain/triage-request.js';
import { validateWithdrawal, type WithdrawReferralRequest } from '../domain/withdrawal-request.js';
import { calendarDateInEngland } from '../domain/rtt/calendar-date.js';
import { asApiError, notFound } from '../errors.js';
import type { PathwayService } from './pathway-service.js';
import type { ServiceRequest } from './request.js';

/** Who referred, as shown on a referral (with the patient it belongs to, so its fields can be decided). */
export interface ReferrerView {
  patientId: string;
  organisation: string;
  clinician: string;
}

/** Where a referral stands in triage (with its patient, so its fields can be decided). */
export interface ReferralTriageView {
  patientId: string;
  status: ReferralRecord['triageStatus'];
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
}

/** A referral's withdrawal (with its patient, so its fields can be decided). */
export interface ReferralWithdrawalView {
  patientId: string;
  withdrawnOn: string;
  recordedAt: string;
  recordedBy: string;
  reason: string | null;
}

/**
 * Referrals: every read is batched, asks the policy engine about the referral's patient (`referrals.read`) and
 * is recorded; a referral out of the caller's scope is "not found". Receipt and triage write through the
 * referral writer and are recorded too.
 *
 * Referrals are how a hospital team comes to care for a patient, so they are what gives it a legitimate
 * relationship — and so who may record one, and what it grants, is decided here (README "Where relationships come
 * from"): only a verified source, only the receiving service's team, and only while the referral's care lasts.
 */
export class ReferralService {
  constructor(
    private readonly request: ServiceRequest,
    private readonly writer: ReferralWriter,
    private readonly pathways: PathwayService,
    private readonly receivingTeams: ReceivingTeams,
  ) {}

  async byId(id: string): Promise<ReferralRecord | null> {
    if (!isUuid(id)) return null;
    const { policy, loaders } = this.request;
    return policy.reveal('referrals.read', await loaders.referralById.load(id.toLowerCase()), 'referral.read');
  }

  /**
   * A patient's referrals, those of every duplicate merged into it included (one statement for all of them),
   * decided for the patient being read — the survivor — and shown as its own.
   */
  async forPatient(patient: MergedPatientRef): Promise<ReferralRecord[]> {
    const { survivorId, patientIds } = recordOf(patient);
    if (!patientIds.every(isUuid)) return [];
    const { policy, loaders } = this.request;
    const referrals = shownAs(survivorId, await loaders.referralsByRecord.load(patientIds));
    return policy.revealAll('referrals.read', referrals, 'referral.read');
  }

  /** The referral that started a pathway, shown as the pathway's patient's (through a merged record too). */
  async ofPathway(pathway: { referralId: string; patientId: string }): Promise<ReferralRecord | null> {
    const referral = await this.request.loaders.referralById.load(pathway.referralId);
    return this.request.policy.reveal('referrals.read', oneShownAs(pathway.patientId, referral), 'referral.read');
  }

  /**
   * Receipt of a referral by the provider: referral, pathway, clock start and the receiving teams' relationships in
   * one transaction. The caller must be a verified source (`referralSource`); a referrer must care for the patient
   * (checked in the transaction); a paper letter's registration is its own action, alerted to the privacy officer.
   */
  async create(input: CreateReferralRequest): Promise<ReferralRecord> {
    const { caller, policy, writes, now } = this.request;
    const referral = validateReferral(input, calendarDateInEngland(now()));
    const recorder = { organisationOds: caller.organisationOds, holds: (activity: Activity) => policy.holds(activity) };
    const source = referralSource(recorder, referral);
    if (!source) throw forbidden(refusalFor(recorder, referral));
    const teamIds = await this.receivingTeams.teamsFor(referral.receivingOrganisation, referral.specialty, caller.requestId);
    return this.writer.receive(
      referral,
      { source, teamIds, ...(source === 'REFERRER' ? { referrer: policy.subject } : {}) },
      caller.userId,
      writes.for(
        (created) => [
          {
            action: source === 'PAPER_LETTER' ? 'referral.register-letter' : 'referral.create',
            outcome: 'ALLOWED',
            patientId: created.patientId,
            items: [`Referral:${created.id}`],
            basis: { kind: 'REFERRAL_SOURCE', detail: receiptDetail(source, referral.referringOrganisation, teamIds) },
          },
        ],
        // A retry gets the referral the first attempt received.
        { idOf: (created) => created.id, reload: (id) => this.request.loaders.referralById.load(id) },
      ),
    );
  }

  async triage(input: TriageReferralRequest & { referralId: string }): Promise<ReferralRecord> {
    const { caller, writes, now, forgetReads } = this.request;
    const command = validateTriage(input);
    const referral = await this.byId(input.referralId);
    const pathway = referral && (await this.pathways.forReferral(referral));
    if (!referral || !pathway) throw notFound('No referral awaiting triage has this id.', 'input.referralId');
    await this.requireReceivingTeam(referral);
    const redirectTeamIds =
      command.decision === 'REDIRECT' ? await this.receivingTeams.teamsFor(command.organisation, command.specialty, caller.requestId) : [];
    try {
      const triaged = await this.writer.triage(
        referral,
        pathway.id,
        command,
        caller.userId,
        calendarDateInEngland(now()),
        redirectTeamIds,
        writes.for((done) => [
          { action: 'referral.triage', outcome: 'ALLOWED', patientId: done.patientId, items: [`Referral:${done.id}`] },
        ]),
      );
      forgetReads();
      return triaged;
    } catch (error) {
      throw asApiError(error, { rttStatus: 'input.decision', occurredOn: 'input.decision' });
    }
  }

  /**
   * Withdrawal, by whoever may record the referral (`referralSource`): the referring organisation's clinician, or
   * the receiving organisation's booking office or interface on the referrer's or patient's behalf. Nobody else —
   * a withdrawal ends the receiving team's care, so it is as much the referral's source's act as its receipt.
   */
  async withdraw(input: WithdrawReferralRequest): Promise<ReferralRecord> {
    const { caller, policy, writes, now, forgetReads } = this.request;
    const command = validateWithdrawal(input, calendarDateInEngland(now()));
    const referral = await this.byId(input.referralId);
    const pathway = referral && (await this.pathways.forReferral(referral));
    if (!referral || !pathway) throw notFound('No referral has this id.', 'input.referralId');
    const recorder = { organisationOds: caller.organisationOds, holds: (activity: Activity) => policy.holds(activity) };
    const parties = { referringOrganisation: referral.referringOrganisation ?? '', receivingOrganisation: referral.receivingOrganisation };
    if (!referralSource(recorder, parties)) {
      throw forbidden(
        `Only the referrer's organisation${referral.referringOrganisation ? ` (${referral.referringOrganisation})` : ''}, or ${referral.receivingOrganisation}'s booking office or interface, withdraws this referral.`,
      );
    }
    try {
      const withdrawn = await this.writer.withdraw(
        referral,
        pathway.id,
        command,
        caller.userId,
        writes.for((done) => [
          { action: 'referral.withdraw', outcome: 'ALLOWED', patientId: done.patientId, items: [`Referral:${done.id}`] },
        ]),
      );
      forgetReads();
      return withdrawn;
    } catch (error) {
      throw asApiError(error, { occurredOn: 'input.withdrawnOn' });
    }
  }

  /**
   * Triage is the receiving service's: a clinician in a care team that receives the referral's current service at
   * the receiving organisation (so, once redirected, the old team no longer may), who may open the patient's record.
   * Anyone else — with emergency access, a self-claim or a grant — could otherwise redirect the referral to their own
   * team and so turn a short-lived, alerted access into a lasting relationship for the whole team.
   */
  private async requireReceivingTeam(referral: ReferralRecord): Promise<void> {
    const { caller, policy } = this.request;
    if (caller.organisationOds !== referral.receivingOrganisation) {
      throw forbidden(`Only ${referral.receivingOrganisation}, which received this referral, triages it.`);
    }
    const receiving = await this.receivingTeams.teamsFor(referral.receivingOrganisation, referral.specialty, caller.requestId);
    if (!receiving.some((teamId) => policy.subject.teamIds.includes(teamId))) {
      throw forbidden(
        `Only a care team that receives ${referral.specialty} referrals at ${referral.receivingOrganisation} triages this referral.`,
      );
    }
    await policy.require('clinical.read', referral.patientId, 'referral.triage');
  }
}

/** What a referral's receipt rested on and granted, for the security log. */
function receiptDetail(source: ReferralSource, referringOrganisation: string, teamIds: readonly string[]): string {
  const grants = teamIds.length > 0 ? `relationship for care team ${teamIds.join(', ')}` : 'no receiving team: no relationship';
  return `${source} from ${referringOrganisation}; ${grants}`;
}
