#!/usr/bin/env node
// The `dangjian` CLI. TypeScript sources run through tsx's loader, so a clone works
// without a separate server build step (decision 0002).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
