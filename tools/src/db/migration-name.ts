const TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_/;
// `_prisma_migrations.migration_name` is VARCHAR(255); leave room for the timestamp prefix.
const MAX_NAME_LENGTH = 200;

/** A migration name as Prisma spells folder names: lower case, letters, digits and underscores. */
export function migrationSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_NAME_LENGTH);
  if (!slug) throw new Error(`"${name}" cannot name a migration: use letters and digits, e.g. add_referral_status.`);
  return slug;
}

/**
 * `<yyyyMMddHHmmss>_<slug>` in UTC, like Prisma. Migrations apply in folder-name order, so the timestamp is moved
 * past the newest existing folder's when needed (two created within one second, or a clock behind a colleague's).
 */
export function migrationFolderName(slug: string, existingFolders: string[], now: Date): string {
  const newest = existingFolders
    .map((folder) => TIMESTAMP.exec(folder))
    .filter((match) => match !== null)
    .map(([, year, month, day, hour, minute, second]) =>
      Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)),
    )
    .reduce((latest, time) => Math.max(latest, time), Number.NEGATIVE_INFINITY);
  const time = Math.max(Math.floor(now.getTime() / 1000) * 1000, newest + 1000);
  return `${new Date(time).toISOString().replace(/\D/g, '').slice(0, 14)}_${slug}`;
}
