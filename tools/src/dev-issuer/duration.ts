const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Parses a lifetime such as `90s`, `45m`, `8h`, `1d`, or bare seconds, into whole seconds above zero. */
export function parseDurationSeconds(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * (SECONDS_PER_UNIT[match[2] || 's'] ?? 1) : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new RangeError(`"${text}" is not a duration: use a number with s, m, h or d, e.g. 8h.`);
  }
  return seconds;
}
