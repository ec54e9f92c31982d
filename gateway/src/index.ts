// first: tracing instruments http and graphql before anything loads them
import './tracing';
import { runService } from '@mamis/platform';
import { createServer } from './server';

void runService('gateway', createServer);
