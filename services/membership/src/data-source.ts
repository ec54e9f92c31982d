import { createDataSource, type DataSourceTuning } from '@mamis/platform';
import { entities } from './entities';
import { migrations } from './migrations';

/** This service's PostgreSQL schema (and its database role is `mamis_membership`). */
export const SCHEMA = 'membership';

export const makeDataSource = (url: string, opts: DataSourceTuning = {}) =>
  createDataSource({ url, schema: SCHEMA, entities, migrations, ...opts });
