/** The part of lunar-javascript (no bundled types) the calendar generator uses. */
declare module 'lunar-javascript' {
  export interface Solar {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    toYmd(): string;
    next(days: number): Solar;
  }
  export interface Lunar {
    getSolar(): Solar;
    /** Solar terms of this lunar year keyed by Chinese name ('清明'). */
    getJieQiTable(): Record<string, Solar>;
  }
  const lunar: {
    Lunar: { fromYmd(lunarYear: number, lunarMonth: number, lunarDay: number): Lunar };
  };
  export default lunar;
}
