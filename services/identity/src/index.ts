import { runService } from '@mamis/platform';
import { createServer } from './server';

void runService('identity', () => createServer());
