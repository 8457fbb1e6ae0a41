import { badUserInput } from '@epr/platform';
import type { SealLevel } from '../__generated__/prisma/client.js';

export interface TeamMembership {
  id: string;
  code: string;
}

/**
 * The care team a clinical item is recorded for: the one asked for, which must be one of the author's teams at
 * their organisation, or else the author's only team there. A sealed item must have one, since its authoring
 * team is who may still open it.
 */
export function chooseAuthoringTeam(
  requestedId: string | null | undefined,
  teams: readonly TeamMembership[],
  sealLevel: SealLevel,
): string | null {
  const yours = teams.length
    ? `Your teams here: ${teams.map((team) => `${team.code} (${team.id})`).join(', ')}.`
    : 'You belong to no care team here.';
  if (requestedId) {
    if (!teams.some((team) => team.id === requestedId)) {
      throw badUserInput(
        `You can only record for a care team your role profile belongs to at your organisation. ${yours}`,
        'input.authoringTeamId',
      );
    }
    return requestedId;
  }
  if (teams.length === 1) return teams[0]!.id;
  if (sealLevel !== 'NONE')
    throw badUserInput(`A sealed item needs an authoring team: give authoringTeamId. ${yours}`, 'input.authoringTeamId');
  return null;
}
