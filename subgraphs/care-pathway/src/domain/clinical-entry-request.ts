import { requireText } from './input-rules.js';

export type SealLevel = 'NONE' | 'SEALED' | 'SEALED_AND_LOCKED';

export function validateAssessmentTitle(title: string): string {
  return requireText(title, 'input.title', 'The assessment title', 200);
}

export function validateContribution(input: { discipline: string; content: string; sealLevel?: SealLevel | null }): {
  discipline: string;
  content: string;
  sealLevel: SealLevel;
} {
  return {
    discipline: requireText(input.discipline, 'input.discipline', 'The discipline', 100),
    content: requireText(input.content, 'input.content', 'The contribution', 20_000),
    sealLevel: input.sealLevel ?? 'NONE',
  };
}

export function validateDocument<K extends string>(input: {
  kind: K;
  title: string;
  body: string;
}): { kind: K; title: string; body: string } {
  return {
    kind: input.kind,
    title: requireText(input.title, 'input.title', 'The title', 200),
    body: requireText(input.body, 'input.body', 'The text', 100_000),
  };
}
