// Types of scripts/ensure-browser.mjs for the TypeScript test that imports it.
export declare const DEFAULT_CHROMIUM: string;
export interface SetupFacts {
  chromium: boolean;
  fonts: boolean;
  customChromium: boolean;
  platform: string;
  aptGet: boolean;
  root: boolean;
  sudo: boolean;
}
export type SetupPlan =
  | { action: 'ready' }
  | { action: 'install'; packages: string[]; prefix: string[] }
  | { action: 'manual'; packages: string[]; command: string | null };
export declare function setupPlan(facts: SetupFacts): SetupPlan;
