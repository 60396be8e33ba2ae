// Demo data of 督查 (issue 18), dated up to the demo's today:
// - the county 组织部's 专项督查 plan over branches of six townships: most visited, with checklist
//   results and findings (some 严重); one planned visit past its date without a record (overdue)
//   and one still to come;
// - each township's own 常规督查 of three of its branches, all visited;
// - findings turned into 整改 on the rectification engine: older ones closed on time with evidence,
//   exactly one left open past its deadline; one recent 严重 finding of the county plan not yet
//   turned into 整改;
// - one county 通报 to every township naming two good and two bad examples, read by most townships.
import type { FindingSeverity } from '../../../core/inspection/inspection.rules.ts';
import { INSPECTION_CHECKLIST } from '../../../core/rulebook/inspection.rules-data.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addDays, daysBetween } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { pathUpperBound } from '../../db/dialect.ts';
import { Rng } from '../../seed/prng.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import {
  createRectification,
  findRectificationRow,
  transitionRectification,
  type RectActor,
} from '../evaluation/rectification/rectification.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { usersScopedAt } from '../notifications/notifications.repository.ts';
import * as brepo from './bulletins.repository.ts';
import * as D from './inspection-seed.data.ts';
import * as repo from './inspection.repository.ts';
import { FINDING_SOURCE } from './inspection.service.ts';

type Org = { id: number; path: string; name: string };
type Profile = 'good' | 'fair' | 'poor';

const BRANCH_KINDS = ['党支部', '联合党支部', '临时党支部'];
const TOWN_NAMES = ['王建军', '李秀梅', '张国庆', '赵红霞', '周立新', '吴春燕', '郑光明', '冯雪梅'];
const SEED_ACTOR: RectActor = { userId: null, name: '演示数据', requestId: null, ip: null };

const at = (ctx: AppContext, day: string): AppContext => ({
  ...ctx,
  now: () => new Date(`${day}T02:00:00.000Z`),
});
const minDay = (a: string, b: string) => (a < b ? a : b);
const maxDay = (a: string, b: string) => (a > b ? a : b);

interface SeededVisit {
  id: number;
  org: Org;
  visitedOn: string;
  profile: Profile;
  findings: Array<{ id: number; severity: FindingSeverity; text: string; recordedOn: string }>;
}

/** Checklist results and findings for a visit of a given quality. */
function outcome(rng: Rng, profile: Profile) {
  const items = rng.shuffle(INSPECTION_CHECKLIST);
  const notMet = profile === 'poor' ? items.slice(0, 2) : [];
  const minor =
    profile === 'good'
      ? items.slice(0, rng.int(0, 1))
      : items.slice(notMet.length, notMet.length + rng.int(1, 2));
  // The 不符合 items first: the first is the serious problem, the second a 较重 one.
  const problems = new Map(notMet.map((c) => [c.code, rng.pick(D.PROBLEMS[c.code]!)]));
  const findings: Array<{ itemCode: string; text: string; severity: FindingSeverity }> = notMet.map(
    (c, i) => ({
      itemCode: c.code,
      text: problems.get(c.code)!,
      severity: i === 0 ? '严重' : '较重',
    }),
  );
  const checklist = INSPECTION_CHECKLIST.map((c) => {
    const problem = problems.get(c.code);
    if (problem) return { code: c.code, label: c.label, result: '不符合', note: problem };
    if (minor.includes(c)) {
      if (profile !== 'good' && findings.length < 3)
        findings.push({ itemCode: c.code, text: rng.pick(D.PROBLEMS[c.code]!), severity: '一般' });
      return { code: c.code, label: c.label, result: '基本符合', note: rng.pick(D.MINOR_NOTES) };
    }
    return { code: c.code, label: c.label, result: '符合', note: '' };
  });
  const conclusion = rng.pick(
    profile === 'good' ? D.GOOD_CONCLUSIONS : profile === 'fair' ? D.FAIR_CONCLUSIONS : D.POOR_CONCLUSIONS,
  );
  return { checklist, findings, conclusion };
}

export async function seedInspection(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  const { today } = input;
  const year = Number(today.slice(0, 4));
  const rng = new Rng(`inspection:${input.seed}`);
  const db = ctx.db;
  // The demo county: the committee above the first township account's organisation.
  const anchor = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.scope_org_id')
    .select('o.parent_id')
    .where('u.username', '=', 'admin_t01')
    .executeTakeFirst();
  if (!anchor?.parent_id) return;
  const county = await db
    .selectFrom('orgs')
    .select(['id', 'path', 'name'])
    .where('id', '=', anchor.parent_id)
    .executeTakeFirstOrThrow();
  const under = await db
    .selectFrom('orgs')
    .select(['id', 'path', 'name', 'kind', 'parent_id'])
    .where('path', '>', county.path)
    .where('path', '<', pathUpperBound(county.path))
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
  // The townships of the demo accounts (admin_t01…), in account order.
  const townIds = (
    await db
      .selectFrom('users')
      .select(['scope_org_id', 'username'])
      .where('username', 'like', 'admin_t%')
      .orderBy('username')
      .execute()
  ).map((u) => u.scope_org_id);
  const towns = townIds.flatMap((id) => under.filter((o) => o.id === id && o.parent_id === county.id));
  const workerOrgs = new Set(
    (
      await db
        .selectFrom('users as u')
        .innerJoin('user_roles as r', 'r.user_id', 'u.id')
        .select('u.scope_org_id')
        .where('r.role', '=', 'worker')
        .execute()
    ).map((r) => r.scope_org_id),
  );
  // Branches of a township, the demo (worker) branches first.
  const branchesOf = (town: Org) => {
    const all = under.filter((o) => BRANCH_KINDS.includes(o.kind) && o.path.startsWith(town.path));
    return [
      ...all.filter((o) => workerOrgs.has(o.id)),
      ...rng.shuffle(all.filter((o) => !workerOrgs.has(o.id))),
    ];
  };
  const from = maxDay(`${year}-01-01`, addDays(today, -150));
  const to = minDay(`${year}-12-31`, addDays(today, 45));
  const span = daysBetween(from, today);
  if (towns.length === 0 || span < 20) return;
  const days = ruleValue<Record<FindingSeverity, number>>(
    ctx.config.rulebook,
    'inspection.rectifyDays',
    today,
  );
  const stats = { plans: 0, visits: 0, findings: 0, rectifications: 0, closed: 0, overdue: 0 };
  let overdueLeft = 1;

  await db.transaction().execute(async (trx) => {
    const plan = async (issuer: Org, title: string, kind: string, inspectors: string[]) => {
      stats.plans += 1;
      return repo.insertPlan(trx, {
        org_id: issuer.id,
        org_path: issuer.path,
        org_name: issuer.name,
        title,
        year,
        period_from: from,
        period_to: to,
        kind,
        inspectors: JSON.stringify(inspectors),
        note: '',
        created_by: null,
        created_at: `${from}T01:00:00.000Z`,
      });
    };
    const target = async (p: repo.PlanRow, org: Org, plannedOn: string) =>
      trx
        .insertInto('insp_targets')
        .values({
          plan_id: p.id,
          org_id: org.id,
          org_path: org.path,
          org_name: org.name,
          planned_on: plannedOn,
          plan_org_path: p.org_path,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const visit = async (
      p: repo.PlanRow,
      targetId: number,
      org: Org,
      visitedOn: string,
      profile: Profile,
    ): Promise<SeededVisit> => {
      const o = outcome(rng, profile);
      const v = await repo.insertVisit(trx, {
        plan_id: p.id,
        target_id: targetId,
        org_id: org.id,
        org_path: org.path,
        org_name: org.name,
        plan_org_path: p.org_path,
        visited_on: visitedOn,
        inspectors: p.inspectors,
        checklist: JSON.stringify(o.checklist),
        conclusion: o.conclusion,
        created_by: null,
        created_at: `${visitedOn}T09:00:00.000Z`,
      });
      const rows = await repo.insertFindings(
        trx,
        o.findings.map((f) => ({
          visit_id: v.id,
          plan_id: p.id,
          org_id: org.id,
          org_path: org.path,
          plan_org_path: p.org_path,
          item_code: f.itemCode,
          text: f.text,
          severity: f.severity,
          recorded_on: visitedOn,
          rect_item_id: null,
          created_at: `${visitedOn}T09:00:00.000Z`,
        })),
      );
      stats.visits += 1;
      stats.findings += rows.length;
      return {
        id: v.id,
        org,
        visitedOn,
        profile,
        findings: rows.map((r) => ({
          id: r.id,
          severity: r.severity as FindingSeverity,
          text: r.text,
          recordedOn: r.recorded_on,
        })),
      };
    };
    // The county's 专项督查: one or two branches in each of the first six townships.
    const countyPlan = await plan(
      county,
      `${year}年基层党建工作专项督查`,
      '专项督查',
      rng.shuffle(D.COUNTY_INSPECTORS).slice(0, 3),
    );
    const picks: Org[] = [];
    towns.slice(0, 6).forEach((t, i) => picks.push(...branchesOf(t).slice(0, i < 2 ? 2 : 1)));
    const profiles: Profile[] = ['good', 'poor', 'fair', 'good', 'poor', 'fair', 'good', 'poor'];
    const countyVisits: SeededVisit[] = [];
    for (const [i, org] of picks.entries()) {
      const last = i === picks.length - 1;
      const overdue = i === picks.length - 2;
      const plannedOn = last
        ? minDay(addDays(today, 10), to)
        : overdue
          ? addDays(today, -4)
          : addDays(from, Math.floor(((i + 1) * (span - 8)) / picks.length));
      const t = await target(countyPlan, org, plannedOn);
      if (last || overdue) continue;
      countyVisits.push(await visit(countyPlan, t.id, org, plannedOn, profiles[i % profiles.length]!));
    }
    // Each township's 常规督查 of three of its branches, all visited.
    const townVisits: SeededVisit[] = [];
    for (const town of towns) {
      const p = await plan(
        town,
        `${year}年党支部工作常规督查`,
        '常规督查',
        rng.shuffle(TOWN_NAMES).slice(0, 2),
      );
      for (const [i, org] of branchesOf(town).slice(0, 3).entries()) {
        const plannedOn = addDays(from, Math.floor(((i + 1) * (span - 5)) / 4) + rng.int(0, 3));
        const t = await target(p, org, plannedOn);
        const profile = rng.weighted<Profile>([
          ['good', 6],
          ['fair', 3],
          ['poor', 1],
        ]);
        townVisits.push(await visit(p, t.id, org, plannedOn, profile));
      }
    }

    // 转为整改: every finding but the newest county 严重 one; past-deadline ones closed on time,
    // except one left overdue.
    const heldBack = [...countyVisits]
      .reverse()
      .flatMap((v) => v.findings)
      .find((f) => f.severity === '严重');
    for (const v of [...countyVisits, ...townVisits])
      for (const f of v.findings) {
        if (f === heldBack) continue;
        const createdOn = addDays(v.visitedOn, 1);
        if (createdOn > today) continue;
        const deadline = addDays(createdOn, days[f.severity]);
        const secretary = await repo.secretaryOf(trx, v.org.id, createdOn);
        const item = await createRectification(
          trx,
          at(ctx, createdOn),
          {
            sourceType: FINDING_SOURCE,
            sourceId: f.id,
            org: { id: v.org.id, path: v.org.path },
            owner: secretary ? { personId: secretary.personId, name: secretary.name } : null,
            title: `督查发现问题整改：${f.text}`,
            detail: `督查组于${v.visitedOn}督查${v.org.name}发现（${f.severity}）：${f.text}`,
            deadline,
          },
          SEED_ACTOR,
        );
        await repo.setFindingRect(trx, f.id, item.id);
        stats.rectifications += 1;
        if (deadline >= today) continue;
        if (overdueLeft > 0 && v.profile === 'poor') {
          overdueLeft -= 1;
          stats.overdue += 1;
          continue;
        }
        const [note, evidence] = rng.pick(D.CLOSURE_NOTES);
        const asked = addDays(deadline, -rng.int(2, 5));
        let row = (await findRectificationRow(trx, item.id))!;
        await transitionRectification(
          trx,
          at(ctx, asked),
          row,
          'request_closure',
          note,
          evidence,
          SEED_ACTOR,
        );
        row = (await findRectificationRow(trx, item.id))!;
        await transitionRectification(
          trx,
          at(ctx, addDays(asked, 1)),
          row,
          'approve',
          '整改到位，同意销号',
          null,
          SEED_ACTOR,
        );
        stats.closed += 1;
      }

    // The county 通报: two good and two bad examples from the county's visits, to every township.
    const issuedOn = maxDay(addDays(today, -10), countyVisits[0]?.visitedOn ?? today);
    const shown = countyVisits.filter((v) => v.visitedOn <= issuedOn);
    const good = shown.filter((v) => v.profile === 'good').slice(0, 2);
    const bad = shown.filter((v) => v.profile === 'poor').slice(0, 2);
    const b = await brepo.insertBulletin(
      trx,
      {
        org_id: county.id,
        org_path: county.path,
        org_name: county.name,
        title: D.BULLETIN.title(year),
        content: D.BULLETIN.content(county.name, shown.length),
        issued_on: issuedOn,
        created_by: null,
        created_at: `${issuedOn}T03:00:00.000Z`,
      },
      towns.map((t) => ({ org_id: t.id, org_path: t.path, org_name: t.name })),
      [
        ...good.map((v, i) => ({
          kind: '表扬',
          text: D.BULLETIN.praise(v.org.name),
          org_id: v.org.id,
          org_name: v.org.name,
          visit_id: v.id,
          sort: i,
        })),
        ...bad.map((v, i) => ({
          kind: '批评',
          text: D.BULLETIN.criticise(v.org.name, v.findings[0]?.text ?? '台账资料不规范'),
          org_id: v.org.id,
          org_name: v.org.name,
          visit_id: v.id,
          sort: 10 + i,
        })),
      ],
    );
    const staff = await usersScopedAt(
      trx,
      towns.map((t) => t.id),
      ['org_admin', 'worker'],
    );
    await notify(at(ctx, issuedOn), trx, {
      kind: 'bulletin.published',
      title: `${county.name}通报：${b.title}`,
      body: `${county.name}于${issuedOn}印发通报“${b.title}”，请及时阅读。`,
      link: `/bulletins/${b.id}`,
      dedupeKey: `bulletin:${b.id}`,
      recipients: staff.map((u) => u.id),
      orgPath: county.path,
    });
    // Most townships read it within a week; every fifth has not yet.
    const names = new Map(
      (
        await trx
          .selectFrom('users')
          .select(['id', 'display_name'])
          .where('id', 'in', staff.length ? staff.map((s) => s.id) : [0])
          .execute()
      ).map((u) => [u.id, u.display_name]),
    );
    let read = 0;
    for (const [i, t] of towns.entries()) {
      const reader = staff.find((s) => s.scope_org_id === t.id);
      if (!reader || i % 5 === 3) continue;
      const on = minDay(addDays(issuedOn, rng.int(0, 6)), today);
      await brepo.insertReceipt(trx, {
        bulletin_id: b.id,
        org_id: t.id,
        user_id: reader.id,
        user_name: names.get(reader.id) ?? '',
        read_at: `${on}T0${rng.int(1, 8)}:${String(rng.int(10, 59))}:00.000Z`,
      });
      read += 1;
    }
    await appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      action: 'inspection.seed',
      result: 'ok',
      actorUserId: null,
      actorUsername: null,
      objectType: 'seed',
      objectId: null,
      scopePath: county.path,
      requestId: null,
      ip: null,
      detail: { ...stats, bulletins: 1, bulletinRead: read, bulletinRecipients: towns.length },
    });
  });
}
