import type { DataSource } from 'typeorm';
import { makeDataSource as membership } from '@mamis/membership/src/data-source';
import { makeDataSource as training } from '@mamis/training/src/data-source';
import { makeDataSource as insurancePension } from '@mamis/insurance-pension/src/data-source';
import { makeDataSource as consent } from '@mamis/consent/src/data-source';
import { makeDataSource as identity } from '@mamis/identity/src/data-source';

type Factory = (url: string) => { dataSource: DataSource };

/** Each subgraph's DataSource factory (entities + migrations), by service name. */
export const DATA_SOURCES: Record<string, Factory> = {
  membership,
  training,
  'insurance-pension': insurancePension,
  consent,
  identity,
};
