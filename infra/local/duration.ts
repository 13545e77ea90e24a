/** ISO-8601 durations for `/dev/clock` `advance` (P1D, PT4H30M, P2W, P1M): calendar-aware in UTC. */
const DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function addIsoDuration(from: Date, duration: string): Date {
  const m = DURATION.exec(duration);
  if (!m) throw new Error(`"${duration}" is not an ISO-8601 duration such as P1D or PT2H30M`);
  const [years, months, weeks, days, hours, minutes] = m.slice(1, 7).map((v) => Number(v ?? 0)) as number[];
  const seconds = Number(m[7] ?? 0);
  const d = new Date(from.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years!, d.getUTCMonth() + months!);
  d.setUTCDate(d.getUTCDate() + weeks! * 7 + days!);
  return new Date(d.getTime() + ((hours! * 60 + minutes!) * 60 + seconds) * 1000);
}
