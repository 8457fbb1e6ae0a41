import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { authorOf } from '../data/clinical-author.js';
import { validateAssessmentTitle, validateContribution, validateDocument } from '../domain/clinical-entry-request.js';
import { calendarDateInEngland } from '../domain/rtt/calendar-date.js';
import { asApiError, notFound } from '../errors.js';

type ClinicalMutations = 'startAssessment' | 'contributeToAssessment' | 'signOffAssessment' | 'addPathwayDocument';

export const clinicalMutations: Pick<MutationResolvers, ClinicalMutations> = {
  startAssessment: async (_parent, { input }, ctx) => {
    const title = validateAssessmentTitle(input.title);
    const pathway = await ctx.pathways.byId(input.pathwayId);
    if (!pathway) throw notFound('No pathway has this id.', 'input.pathwayId');
    await ctx.policy.require('clinical.write', pathway.patientId, 'assessment.create');
    const assessment = await ctx.writers.assessments.start(pathway, title, ctx.caller.userId);
    ctx.audit.record({ action: 'assessment.create', outcome: 'ALLOWED', patientId: pathway.patientId });
    return assessment;
  },

  contributeToAssessment: async (_parent, { input }, ctx) => {
    const contribution = validateContribution(input);
    const assessment = await ctx.assessments.byId(input.assessmentId);
    if (!assessment) throw notFound('No assessment has this id.', 'input.assessmentId');
    await ctx.policy.require('clinical.write', assessment.patientId, 'assessment.contribute');
    try {
      const created = await ctx.writers.assessments.contribute(assessment, contribution, authorOf(ctx.caller));
      return { item: created, sealed: false };
    } catch (error) {
      throw asApiError(error);
    }
  },

  signOffAssessment: async (_parent, { input }, ctx) => {
    const assessment = await ctx.assessments.byId(input.assessmentId);
    if (!assessment) throw notFound('No assessment has this id.', 'input.assessmentId');
    await ctx.policy.require('clinical.write', assessment.patientId, 'assessment.sign-off');
    try {
      const signedOff = await ctx.writers.assessments.signOff(assessment, authorOf(ctx.caller), calendarDateInEngland(new Date()));
      ctx.audit.record({ action: 'assessment.sign-off', outcome: 'ALLOWED', patientId: assessment.patientId });
      ctx.refreshAfterWrite();
      return signedOff;
    } catch (error) {
      throw asApiError(error);
    }
  },

  addPathwayDocument: async (_parent, { input }, ctx) => {
    const document = validateDocument(input);
    const pathway = await ctx.pathways.byId(input.pathwayId);
    if (!pathway) throw notFound('No pathway has this id.', 'input.pathwayId');
    await ctx.policy.require('clinical.write', pathway.patientId, 'document.create');
    const added = await ctx.writers.documents.add(pathway.id, document, authorOf(ctx.caller), calendarDateInEngland(new Date()));
    if (!added) throw notFound('No pathway has this id.', 'input.pathwayId');
    ctx.audit.record({ action: 'document.create', outcome: 'ALLOWED', patientId: pathway.patientId });
    ctx.refreshAfterWrite();
    return added;
  },
};
