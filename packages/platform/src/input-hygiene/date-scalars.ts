import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/**
 * An input value a scalar refused. Scalars do not know where in the arguments a value sits, so instead of
 * throwing (which GraphQL reports without the argument's path, and as a validation error when the value is
 * written in the document) they hand this on, and the input check names the path (see input-guard.ts).
 */
export class RefusedValue {
  constructor(readonly problem: string) {}
}

// Clinical and administrative dates: nobody alive was born before 1900, and nothing is planned past 2100.
export const earliestYear = 1900;
export const latestYear = 2100;
const range = `between ${earliestYear} and ${latestYear}`;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** A real calendar day in the range, else why not. */
function dayProblem(year: number, month: number, day: number): string | undefined {
  if (year < earliestYear || year > latestYear) return `is not a date ${range}`;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return 'is not a real calendar date';
  return undefined;
}

function parseDate(value: unknown): string | RefusedValue {
  const match = typeof value === 'string' ? datePattern.exec(value) : null;
  if (!match) return new RefusedValue('must be a date written YYYY-MM-DD');
  const problem = dayProblem(Number(match[1]), Number(match[2]), Number(match[3]));
  return problem ? new RefusedValue(problem) : (value as string);
}

function parseDateTime(value: unknown): string | RefusedValue {
  const match = typeof value === 'string' ? dateTimePattern.exec(value) : null;
  if (!match) return new RefusedValue('must be a date and time in ISO 8601 with an offset, for example 2026-11-24T09:30:00Z');
  const [, year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match.map(Number);
  const problem = dayProblem(year!, month!, day!);
  if (problem) return new RefusedValue(problem);
  if (hour! > 23 || minute! > 59 || (second ?? 0) > 59 || (offsetHours ?? 0) > 14 || (offsetMinutes ?? 0) > 59)
    return new RefusedValue('is not a real time of day');
  return value as string;
}

function literal(parse: (value: unknown) => string | RefusedValue) {
  return (node: ValueNode) => parse(node.kind === Kind.STRING ? node.value : undefined);
}

/** `Date`: a calendar day, `YYYY-MM-DD`, from 1900 to 2100. Outputs pass as the resolvers give them. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: literal(parseDate),
});

/** `DateTime`: an instant in ISO 8601 with an offset, from 1900 to 2100. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => value,
  parseValue: parseDateTime,
  parseLiteral: literal(parseDateTime),
});

export const platformScalars: readonly GraphQLScalarType[] = [DateScalar, DateTimeScalar];
