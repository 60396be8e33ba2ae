// The demo logins as `start` and `seed --demo` print them: every account, grouped by role in
// Chinese (the role names the web shows), with its organisation and the demo password.
import { ROLE_LABELS, ROLES, type Role } from '../core/auth/roles.ts';
import type { SeedSummary } from '../server/seed/demo.seed.ts';
import { seedPhaseLabel } from '../server/seed/phase-labels.ts';
import { progressBar } from './output.ts';

/** Display width of a string in a terminal: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

const padTo = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - width(s)));

export function demoLoginLines(summary: SeedSummary, password: string): string[] {
  const byRole = new Map<string, SeedSummary['users']>();
  for (const u of summary.users) byRole.set(u.role, [...(byRole.get(u.role) ?? []), u]);
  const known = ROLES.filter((r) => byRole.has(r));
  // A role the seed adds later without a label here still shows, under its code.
  const others = [...byRole.keys()].filter((r) => !(ROLES as readonly string[]).includes(r));
  const nameWidth = Math.max(12, ...summary.users.map((u) => width(u.username) + 2));
  const lines = [`演示账号（共 ${summary.users.length} 个，口令均为 ${password}，仅限演示）：`];
  for (const role of [...known, ...others]) {
    const users = byRole.get(role)!;
    const label = ROLE_LABELS[role as Role] ?? role;
    lines.push(`  ${label}${users.length > 1 ? `（${users.length} 个）` : ''}`);
    for (const u of users) lines.push(`    ${padTo(u.username, nameWidth)}${u.orgName}`);
  }
  return lines;
}

/** A progress bar for the demo seed whose steps show in Chinese. */
export function seedProgress(label: string) {
  const bar = progressBar(label);
  return {
    onProgress: (done: number, total: number, phase: string) =>
      bar.update(done, total, seedPhaseLabel(phase)),
    stop: () => bar.stop(),
  };
}
