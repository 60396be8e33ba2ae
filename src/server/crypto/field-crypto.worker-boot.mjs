// Entry of the field-encryption worker thread: worker threads do not inherit the main thread's
// TypeScript loader, so register tsx here (as bin/dangjian.js does) and load the TypeScript body.
import { register } from 'tsx/esm/api';

register();
await import('./field-crypto.worker.ts');
