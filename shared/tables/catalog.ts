/** Every item kind of every table, as the table modules declare them (shared/tables/item-kinds.ts). */
import * as campaigns from './campaigns';
import * as claims from './claims';
import * as complaints from './complaints';
import * as customers from './customers';
import type { ItemKind } from './item-kinds';
import * as messages from './messages';
import * as privacy from './privacy';
import * as quality from './quality';
import * as relationship from './relationship';

export const itemCatalog: readonly ItemKind[] = [
  complaints,
  customers,
  claims,
  messages,
  campaigns,
  quality,
  relationship,
  privacy,
].flatMap((module) => module.itemKinds);
