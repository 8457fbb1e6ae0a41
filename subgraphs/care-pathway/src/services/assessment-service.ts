import { itemKeepers, oneShownAs, shownAs, type VisibleItem } from '@epr/platform';
import type { PathwayRecord } from '../data/pathway-store.js';
import type { AssessmentRecord, AssessmentStore, ContributionRecord } from '../data/assessment-store.js';
import { authorOf } from '../data/clinical-author.js';
import { isUuid } from '../domain/input-rules.js';
import { validateAssessmentTitle, validateContribution, type SealLevel } from '../domain/clinical-entry-request.js';
import { calendarDateInEngland } from '../domain/rtt/calendar-date.js';
import { asApiError, notFound } from '../errors.js';
import type { PathwayService } from './pathway-service.js';
import type { ServiceRequest } from './request.js';

/** A contribution as the caller may see it: whole, or as a sealed placeholder. */
export type VisibleContribution = VisibleItem<ContributionRecord>;

/**
 * Multi-disciplinary assessments and their contributions: clinical content, so the caller needs `clinical.read`
 * and a legitimate relationship (or emergency access) with the patient; each contribution is then filtered by
 * its seal and the patient's consent — sealed ones come back as placeholders, sealed-and-locked and
 * do-not-share ones are not there at all.
 */
export class AssessmentService {
  constructor(
    private readonly request: ServiceRequest,
    private readonly store: AssessmentStore,
    private readonly pathways: PathwayService,
  ) {}

  async byId(id: string): Promise<AssessmentRecord | null> {
    if (!isUuid(id)) return null;
    const { policy, loaders } = this.request;
    return policy.reveal('clinical.read', await loaders.assessmentById.load(id.toLowerCase()), 'assessment.read');
  }

  /** The assessment a timeline entry names, shown as the entry's patient's (as the pathway it is on). */
  async onTimeline(entry: { assessmentId: string | null; patientId: string }): Promise<AssessmentRecord | null> {
    if (entry.assessmentId === null) return null;
    const { policy, loaders } = this.request;
    return policy.reveal(
      'clinical.read',
      oneShownAs(entry.patientId, await loaders.assessmentById.load(entry.assessmentId)),
      'assessment.read',
    );
  }

  async forPathway(pathway: PathwayRecord): Promise<AssessmentRecord[]> {
    const { policy, loaders } = this.request;
    await policy.require('clinical.read', pathway.patientId, 'assessment.read');
    return shownAs(pathway.patientId, await loaders.assessmentsByPathwayId.load(pathway.id));
  }

  async contributions(assessment: AssessmentRecord, sealOverride?: string | null): Promise<VisibleContribution[]> {
    const { policy, loaders } = this.request;
    const contributions = shownAs(assessment.patientId, await loaders.contributionsByAssessmentId.load(assessment.id));
    return policy.filterItems(
      'clinical.read',
      contributions.map((c) => ({
        ...c,
        itemRef: `AssessmentContribution:${c.id}`,
        authoringOrganisation: c.authorOrganisation,
        authoringTeamId: null,
        authorUserId: c.authorUserId,
      })),
      'assessment.read',
      sealOverride ?? undefined,
    );
  }

  async start(input: { pathwayId: string; title: string }): Promise<AssessmentRecord> {
    const { policy, writes, caller } = this.request;
    const title = validateAssessmentTitle(input.title);
    const pathway = await this.pathways.byId(input.pathwayId);
    if (!pathway) throw notFound('No pathway has this id.', 'input.pathwayId');
    await policy.require('clinical.write', pathway.patientId, 'assessment.create');
    return this.store.start(
      pathway,
      title,
      caller.userId,
      writes.for((assessment) => [
        {
          action: 'assessment.create',
          outcome: 'ALLOWED',
          patientId: pathway.patientId,
          items: [`MultidisciplinaryAssessment:${assessment.id}`],
        },
      ]),
    );
  }

  async contribute(input: {
    assessmentId: string;
    discipline: string;
    content: string;
    sealLevel?: SealLevel | null;
  }): Promise<VisibleContribution> {
    const { policy, writes, caller } = this.request;
    const contribution = validateContribution(input);
    const assessment = await this.byId(input.assessmentId);
    if (!assessment) throw notFound('No assessment has this id.', 'input.assessmentId');
    await policy.require('clinical.write', assessment.patientId, 'assessment.contribute');
    try {
      const created = await this.store.contribute(
        assessment,
        contribution,
        authorOf(caller),
        writes.for((contributed) => [
          {
            action: 'assessment.contribute',
            outcome: 'ALLOWED',
            patientId: assessment.patientId,
            items: [`AssessmentContribution:${contributed.id}`],
            // A sealed-and-locked contribution is known to its author only, in the security log too.
            ...(contributed.sealLevel === 'SEALED_AND_LOCKED'
              ? { visibleTo: itemKeepers({ authoringTeamId: null, authorUserId: contributed.authorUserId }) }
              : {}),
          },
        ]),
      );
      return { item: created, sealed: false };
    } catch (error) {
      throw asApiError(error);
    }
  }

  async signOff(input: { assessmentId: string }): Promise<AssessmentRecord> {
    const { policy, writes, caller, now, forgetReads } = this.request;
    const assessment = await this.byId(input.assessmentId);
    if (!assessment) throw notFound('No assessment has this id.', 'input.assessmentId');
    await policy.require('clinical.write', assessment.patientId, 'assessment.sign-off');
    try {
      const signedOff = await this.store.signOff(
        assessment,
        authorOf(caller),
        calendarDateInEngland(now()),
        writes.for(() => [
          {
            action: 'assessment.sign-off',
            outcome: 'ALLOWED',
            patientId: assessment.patientId,
            items: [`MultidisciplinaryAssessment:${assessment.id}`],
          },
        ]),
      );
      forgetReads();
      return signedOff;
    } catch (error) {
      throw asApiError(error);
    }
  }
}
