// first: tracing instruments http, graphql and pg before anything loads them
import './tracing';
import { runService } from '@mamis/platform';
import { createServer } from './server';

void runService('consent', createServer);
