import type {
  AssessmentContributionResolvers,
  ClinicalAuthor,
  MultidisciplinaryAssessmentResolvers,
  PathwayDocumentResolvers,
} from '../__generated__/resolvers-types.js';

/** Contributions and documents store their author's identity in the same three columns. */
function authorOf(record: { authorUserId: string; authorJobRoleCode: string; authorOrganisation: string }): ClinicalAuthor {
  return { userId: record.authorUserId, jobRoleCode: record.authorJobRoleCode, organisation: record.authorOrganisation };
}

export const MultidisciplinaryAssessment: MultidisciplinaryAssessmentResolvers = {
  createdAt: (assessment) => assessment.createdAt.toISOString(),
  contributions: (assessment, { sealOverrideJustification }, { assessments }) =>
    assessments.contributions(assessment, sealOverrideJustification),
  signedOffBy: ({ signedOffBy, signedOffJobRoleCode, signedOffOrganisation }) =>
    signedOffBy && signedOffJobRoleCode && signedOffOrganisation
      ? { userId: signedOffBy, jobRoleCode: signedOffJobRoleCode, organisation: signedOffOrganisation }
      : null,
  signedOffAt: (assessment) => assessment.signedOffAt?.toISOString() ?? null,
};

// A sealed placeholder says only that the contribution exists, how far it is sealed and when it was written.
export const AssessmentContribution: AssessmentContributionResolvers = {
  id: ({ item }) => item.id,
  sealed: ({ sealed }) => sealed,
  discipline: ({ item, sealed }) => (sealed ? null : item.discipline),
  content: ({ item, sealed }) => (sealed ? null : item.content),
  sealLevel: ({ item }) => item.sealLevel,
  author: ({ item, sealed }) => (sealed ? null : authorOf(item)),
  createdAt: ({ item }) => item.createdAt.toISOString(),
};

export const PathwayDocument: PathwayDocumentResolvers = {
  author: authorOf,
  createdAt: (document) => document.createdAt.toISOString(),
};
