/** The calendar keys date-driven campaigns look customers up by (month-day of birth, anniversary). */
export function monthDay(isoDate: string): string {
  return isoDate.slice(5, 10);
}
