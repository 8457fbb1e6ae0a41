import type { RequestPolicy, VisibleItem } from '@epr/platform';
import type { Loaders } from './loaders.js';
import type { PathwayRecord } from './data/pathway-store.js';
import type { AssessmentRecord, ContributionRecord } from './data/assessment-store.js';
import { isUuid } from './domain/input-rules.js';

/** A contribution as the caller may see it: whole, or as a sealed placeholder. */
export type VisibleContribution = VisibleItem<ContributionRecord>;

/**
 * The one guarded path to multi-disciplinary assessments and their contributions: clinical content, so the
 * caller needs `clinical.read` and a legitimate relationship (or emergency access) with the patient; each
 * contribution is then filtered by its seal and the patient's consent — sealed ones come back as
 * placeholders, sealed-and-locked and do-not-share ones are not there at all.
 */
export class AssessmentAccess {
  constructor(
    private readonly loaders: Loaders,
    private readonly policy: RequestPolicy,
  ) {}

  async byId(id: string): Promise<AssessmentRecord | null> {
    if (!isUuid(id)) return null;
    return this.policy.reveal('clinical.read', await this.loaders.assessmentById.load(id.toLowerCase()), 'assessment.read');
  }

  async forPathway(pathway: PathwayRecord): Promise<AssessmentRecord[]> {
    await this.policy.require('clinical.read', pathway.patientId, 'assessment.read');
    return this.loaders.assessmentsByPathwayId.load(pathway.id);
  }

  async contributions(assessment: AssessmentRecord, sealOverride?: string | null): Promise<VisibleContribution[]> {
    const contributions = await this.loaders.contributionsByAssessmentId.load(assessment.id);
    return this.policy.filterItems(
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
}
