/** The quality use cases wired to the Quality table; one set per cold start. */
import { clock } from '#shared/clock';
import { setting } from '#shared/config/settings';
import { newId } from '#shared/ids';
import type { QualityDeps } from '../domain/rectification-work';
import { dynamoRectificationStore } from './dynamo-rectification-store';
import { dynamoTrendStore } from './dynamo-trend-store';

export const qualityDeps: QualityDeps = {
  store: dynamoRectificationStore,
  clock,
  timeZone: () => setting('COMPANY_TIME_ZONE'),
  newId,
};

export const trendDeps = { ...qualityDeps, trends: dynamoTrendStore };
