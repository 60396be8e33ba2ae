import type { Kysely } from 'kysely';

// Issue 16: a 支部大会 vote may leave out of 应到会 only the approved cases (患病不能表达意志,
// 自费出国半年以上, 正在服刑, 卧床不起, 外出半年以上应转未转). Votes recorded before kept a free-text
// `reason`. This gives each old exclusion whose reason names an approved case that `case` (the
// text kept as `note`); any other reason (因事请假, 外出务工 …) is left untouched: the record stays
// readable, and the 自查自纠 audit lists it as an exclusion that is not an approved case, for a
// person to check. The mapping is inlined: migrations never import application code.
const KNOWN: ReadonlyArray<[string, readonly string[]]> = [
  ['illness', ['illness', '患有精神病或因其他疾病不能表达自己意志', '患有精神病', '因病不能表达自己意志', '因病不能表达意志']],
  ['abroad', ['abroad', '自费出国半年以上', '自费出国', '出国半年以上']],
  ['sentence', ['sentence', '受刑事处分正在服刑', '正在服刑', '服刑']],
  ['bedridden', ['bedridden', '年老体弱卧床不起、不能参加会议', '年老体弱卧床不起', '卧床不起']],
  ['awayUntransferred', ['awayUntransferred', '外出半年以上应转未转组织关系', '外出半年以上未转组织关系', '应转未转组织关系']],
];

export function caseOfReason(reason: string): string | null {
  const t = reason.trim().replace(/[。；;，,\s]+$/u, '');
  for (const [code, spellings] of KNOWN) if (spellings.includes(t)) return code;
  return null;
}

type Exclusion = { personId?: number; name: string; case?: string; note?: string; reason?: string };

export async function up(db: Kysely<any>): Promise<void> {
  let after = 0;
  for (;;) {
    const rows: Array<{ id: number; data: string }> = await db
      .selectFrom('dev_steps')
      .select(['id', 'data'])
      .where('step_no', 'in', [15, 23])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1]!.id);
    for (const r of rows) {
      const data = JSON.parse(r.data) as { vote?: { exclusions?: Exclusion[] } };
      const list = data.vote?.exclusions;
      if (!Array.isArray(list) || list.length === 0) continue;
      let changed = false;
      const next = list.map((e) => {
        if (e.case || typeof e.reason !== 'string') return e;
        const c = caseOfReason(e.reason);
        if (!c) return e;
        changed = true;
        const { reason, ...rest } = e;
        return { ...rest, case: c, note: reason };
      });
      if (!changed) continue;
      data.vote!.exclusions = next;
      await db.updateTable('dev_steps').set({ data: JSON.stringify(data) }).where('id', '=', r.id).execute();
    }
  }
}

/** Nothing to undo safely: the mapped records keep their original text in `note`. */
export async function down(): Promise<void> {}
