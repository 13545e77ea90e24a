import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../shared/contracts/complaint';
import type { Principal } from '../../../shared/http/principal';
import { type CaseQueries, decodeCursor, encodeCursor, listCases } from './case-views';

const admin: Principal = { sub: 'root', role: 'admin', team: undefined };
const item = (team: string, due: string, id: string) =>
  ({
    complaintId: id,
    team,
    gsi1sk: `${due}#${id}`,
    customer: { name: 'x' },
    status: 'triaged',
    version: 1,
  }) as unknown as Complaint;
const ID = (n: number) => `01KP${String(n).padStart(22, '0')}`;

describe('case queue', () => {
  it('never shows an item later than where a sparse team stopped reading', async () => {
    const queries = {
      async queue(team: string) {
        if (team === 'claims')
          return { items: [], next: `2026-11-02T00:00:00.000Z#${ID(1)}`, itemsRead: 2000 };
        if (team === 'sales-compliance') {
          return {
            items: [
              item('sales-compliance', '2026-11-01T00:00:00.000Z', ID(2)),
              item('sales-compliance', '2026-11-03T00:00:00.000Z', ID(3)),
            ],
            itemsRead: 2,
          };
        }
        return { items: [], itemsRead: 0 };
      },
    } as unknown as CaseQueries;
    const page = await listCases(queries, admin, { limit: 25 });
    expect(page.items.map((i) => i.complaintId)).toEqual([ID(2)]);
    const next = decodeCursor(page.cursor!)!;
    expect(next.teams.claims).toBe(`2026-11-02T00:00:00.000Z#${ID(1)}`);
    expect(next.teams['sales-compliance']).toBe(`2026-11-01T00:00:00.000Z#${ID(2)}`);
  });

  it('refuses cursors it did not give out', () => {
    expect(
      decodeCursor(encodeCursor({ teams: { claims: `2026-11-02T00:00:00.000Z#${ID(1)}` } })),
    ).toBeDefined();
    for (const forged of [
      { teams: { claims: 5 } },
      { teams: { nobody: '' } },
      { teams: { claims: 'x' } },
      { teams: null },
    ]) {
      expect(decodeCursor(Buffer.from(JSON.stringify(forged)).toString('base64url'))).toBeUndefined();
    }
    expect(decodeCursor('%%%')).toBeUndefined();
  });
});
