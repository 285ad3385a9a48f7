/**
 * Candle times as people write them, to ms since the epoch (UTC when no zone is given):
 * epoch ms or seconds, `YYYY-MM-DD[ HH:MM[:SS]]`, ISO 8601 with `T` and a zone, and Lean's
 * `YYYYMMDD[ HH:MM[:SS]]`.
 */
const DATE_RE = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})(?:[ T](\d{2}):?(\d{2})(?::?(\d{2}))?)?$/;

/**
 * Parses a candle time to ms since the epoch, or null. Numbers: 8 digits are YYYYMMDD (Lean's
 * daily form), ≥ 1e11 are ms, smaller ones seconds — ms timestamps have been ≥ 1e11 since 1973
 * and seconds stay below it until the year 5138, so the two cannot be confused for real data.
 */
export function parseTime(value: unknown): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return null;
    return value >= 1e11 ? value : value * 1000;
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s) && !/^\d{8}$/.test(s)) return parseTime(Number(s));
  let m = DATE_RE.exec(s);
  if (m) return utc(m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
  m = COMPACT_RE.exec(s);
  if (m) return utc(m[1], m[2], m[3], m[4], m[5], m[6], undefined, undefined);
  return null;
}

function utc(y: string, mo: string, d: string, h?: string, mi?: string, s?: string, frac?: string, zone?: string): number | null {
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 2021-02-30 over into March; a real calendar date survives the round trip.
  if (new Date(t).getUTCDate() !== day) return null;
  let offset = 0;
  if (zone && zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60_000;
  }
  return t - offset;
}

/** A time for messages: ISO 8601, seconds precision where that is exact. */
export function iso(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString().replace('.000Z', 'Z') : String(t);
}
