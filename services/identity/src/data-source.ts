import { createDataSource, type Logger } from '@mamis/platform';
import { entities } from './entities';
import { migrations } from './migrations';

export const SCHEMA = 'identity';

export const makeDataSource = (url: string, opts: { poolSize?: number; logger?: Logger } = {}) =>
  createDataSource({ url, schema: SCHEMA, entities, migrations, ...opts });
