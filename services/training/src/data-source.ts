import { createDataSource, type DataSourceTuning } from '@mamis/platform';
import { entities } from './entities';
import { migrations } from './migrations';

export const SCHEMA = 'training';

export const makeDataSource = (url: string, opts: DataSourceTuning = {}) =>
  createDataSource({ url, schema: SCHEMA, entities, migrations, ...opts });
