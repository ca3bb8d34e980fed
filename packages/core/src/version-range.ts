/**
 * Whether `version` satisfies `range`, for the simple ranges instrumentations declare:
 * space-separated comparators (`>=2.0.0 <3`, `>=0.10.0`, `<4`, `=1.2.3`), alternatives joined by
 * `||`. Pre-release tags are compared as lower than the release, as in semver. Anything it cannot
 * read does not satisfy: an instrumentation then stays away from a version it was not built for.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function satisfiesRange(version: string, range: string): boolean {
  const parsed = parseVersion(version);
  if (!parsed) return false;
  return range.split('||').some((alternative) => {
    const comparators = alternative.trim().split(/\s+/).filter(Boolean);
    return comparators.length > 0 && comparators.every((c) => satisfiesComparator(parsed, c));
  });
}

type Parsed = [number, number, number, boolean];

function parseVersion(text: string): Parsed | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(?:\+.*)?$/.exec(text.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0), match[4] !== undefined];
}

function compare(a: Parsed, b: Parsed): number {
  for (let i = 0; i < 3; i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return diff;
  }
  if (a[3] === b[3]) return 0;
  return a[3] ? -1 : 1;
}

function satisfiesComparator(version: Parsed, comparator: string): boolean {
  const match = /^(>=|<=|>|<|=)?(.+)$/.exec(comparator);
  const bound = match?.[2] ? parseVersion(match[2]) : undefined;
  if (!match || !bound) return false;
  const order = compare(version, bound);
  switch (match[1]) {
    case '>=':
      return order >= 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '<':
      return order < 0;
    default:
      return order === 0;
  }
}
