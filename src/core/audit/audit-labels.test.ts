import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_LABELS,
  auditActionLabel,
  auditActorLabel,
  auditActionOptions,
  auditDetailItems,
  auditDetailText,
  auditObjectLabel,
} from './audit-labels.ts';

const SERVER = join(import.meta.dirname, '../../server');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.includes('.test.') && !e.name.includes('authz-cases')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Action codes the services write: quoted codes on `action:` lines and first codes given to audit helpers. */
function writtenActions(): Set<string> {
  const out = new Set<string>();
  const code = /'([a-z_]+(?:\.[a-z_]+)*)'/g;
  for (const file of sourceFiles(SERVER)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (/\baction: /.test(line)) for (const m of line.matchAll(code)) out.add(m[1]!);
      const helper =
        /\baudit\w*\((?:ctx, rc, |'(?:ok|failed|denied)', )?(?:[^'()]*\? )?'([a-z_]+\.[a-z_.]+)'/.exec(line);
      if (helper)
        for (const m of line.slice(helper.index).matchAll(code)) if (m[1]!.includes('.')) out.add(m[1]!);
    }
  }
  // Codes built from a step name (commendation.${action}, rectification.${action}, roster.transfer.${action}).
  for (const a of ['approve', 'reject']) out.add(`commendation.${a}`);
  for (const a of ['progress', 'request_closure', 'approve', 'reject']) out.add(`rectification.${a}`);
  for (const a of ['approve', 'reject', 'return', 'accept', 'cancel']) out.add(`roster.transfer.${a}`);
  // Audit actions are module.verb codes (and authz_denied); single words on an `action:` line are
  // step names of request bodies or values of other fields written on the same line.
  return new Set([...out].filter((a) => a.includes('.') || a === 'authz_denied'));
}

describe('audit labels', () => {
  it('every action the services write has its own Chinese label', () => {
    const written = writtenActions();
    expect(written.size).toBeGreaterThan(100);
    expect([...written].filter((a) => !(a in AUDIT_ACTION_LABELS)).sort()).toEqual([]);
  });

  it.each([
    ['auth.login', '登录'],
    ['authz_denied', '越权访问被拒绝'],
    ['roster.discipline.record', '登记留党察看'],
    ['life.meeting.frobnicate', '组织生活·其他操作'],
    ['roster.something.create', '党员管理·新建'],
    ['zzz', '其他操作'],
  ])('%s → %s (never the raw code)', (code, label) => {
    expect(auditActionLabel(code)).toBe(label);
  });

  it('no label is a code, and the filter offers each label once per module', () => {
    for (const label of Object.values(AUDIT_ACTION_LABELS)) expect(label).not.toMatch(/[a-z]{3,}/);
    const options = auditActionOptions();
    const keys = options.map((o) => `${o.group}|${o.label}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(options.find((o) => o.value === 'auth.login')).toEqual({
      value: 'auth.login',
      label: '登录',
      group: '登录认证',
    });
  });

  it.each([
    [{}, '—'],
    [null, '—'],
    [
      { reason: 'scope', method: 'GET', url: '/api/orgs/7' },
      '原因：超出管理范围；请求方法：GET；访问地址：/api/orgs/7',
    ],
    [{ reason: 'scope:approve' }, '原因：超出管理范围'],
    [{ reason: 'bad_password', attempt: 2 }, '原因：口令错误；第几次尝试：2'],
    [
      { before: { name: '甲' }, after: { name: '乙', shortName: null } },
      '变更前：名称：甲；变更后：名称：乙；其他信息：—',
    ],
    [{ items: [], dryRun: true }, '条目：—；仅预检：是'],
  ])('detail %j → %s', (detail, text) => {
    expect(auditDetailText(detail)).toBe(text);
  });

  it('detail items label every key; unknown keys are 其他信息, not the key', () => {
    expect(auditDetailItems({ fooBar: 1 })).toEqual([{ label: '其他信息', value: '1' }]);
    expect(auditObjectLabel('user')).toBe('账号');
    expect(auditObjectLabel('something_new')).toBe('对象');
    expect(auditObjectLabel(null)).toBe('');
  });
});

describe('auditActorLabel', () => {
  it.each([
    ['张明（zhangming）', 'zhangming', '张明（zhangming）'],
    [null, 'system', '系统（定时任务）'],
    [null, 'seed', '系统（演示数据）'],
    [null, 'someone_gone', 'someone_gone'],
    [null, null, null],
  ] as const)('%s / %s → %s', (name, username, want) => {
    expect(auditActorLabel(name, username)).toBe(want);
  });

  it('names the scheduled jobs of a job summary row in Chinese', () => {
    expect(auditDetailText({ job: 'term.due', found: 3, created: 2 })).not.toMatch(/term\.due/);
  });
});

describe('rectification sources in audit details', () => {
  it.each(['evaluation.subject', 'evaluation.campaign', 'evaluation.review', 'commitments.review', 'manual'])(
    '%s is named in Chinese',
    (source) => {
      expect(auditDetailText({ sourceType: source })).not.toContain(source);
    },
  );
});

describe('unlabelled code-like values', () => {
  it.each(['orgsys.something_new', 'roster.new_thing', 'pending_acceptance'])('%s reads in Chinese', (v) => {
    const text = auditDetailText({ status: v });
    expect(text).not.toContain(v);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
  });
  it('keeps ordinary text as written', () => {
    expect(auditDetailText({ reason: '搬家到西村' })).toContain('搬家到西村');
  });
});
