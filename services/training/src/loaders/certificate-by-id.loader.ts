import { keyedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const certificateByIdLoader = (repos: Repositories) =>
  keyedLoader(
    (ids: readonly string[]) => repos.certification.certificatesByIds(ids),
    (row) => row.id,
  );
