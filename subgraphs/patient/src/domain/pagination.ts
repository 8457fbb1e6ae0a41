import { decodeCursor as decodeParts, encodeCursor as encodeParts, invalidCursor, isUuid, pageSize } from '@epr/platform';

/** A position in a list ordered by score (best first), then id: the last item seen. */
export interface ScoreCursor {
  score: number;
  id: string;
}

export function encodeCursor(cursor: ScoreCursor): string {
  return encodeParts([cursor.score, cursor.id]);
}

export function decodeCursor(value: string, field: string): ScoreCursor {
  const [score = '', id = ''] = decodeParts(value, 2, field);
  const parsed = Number(score);
  if (!isUuid(id) || !Number.isFinite(parsed) || parsed < 0 || parsed > 1) throw invalidCursor(field);
  return { score: parsed, id };
}

/** Search results and duplicate candidates: 20 unless asked, at most 100. */
export function parsePageSize(first: number | null | undefined, field: string): number {
  return pageSize(first, 100, field, 20);
}
