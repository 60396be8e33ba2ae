// 机关工委: the party organisations of the Party and state organs at one level
// (县直 / 区直 / 市直 / 省直), with the retired cadres' branch and a temporary branch.
import type { Rng } from './prng.ts';
import type { PlanBuilder, PlanOrg } from './plan.ts';
import { ORGAN_UNITS } from './units.ts';

export type Level = '县' | '区' | '市' | '省';

const PROVINCIAL_DEPARTMENTS = /^(民政|司法|财政|人力资源和社会保障|住房和城乡建设|交通运输|水利|农业农村|商务|公安|审计)局$/;

/** '县财政局', '省财政厅', '市中级人民法院' … */
export function unitName(level: Level, unit: string): string {
  if (unit === '人民法院' && level === '市') return '市中级人民法院';
  if (unit === '人民法院' && level === '省') return '省高级人民法院';
  if (level === '省' && PROVINCIAL_DEPARTMENTS.test(unit)) return '省' + unit.slice(0, -1) + '厅';
  return level + unit;
}

export function isoDate(rng: Rng, fromYear: number, toYear: number): string {
  const y = rng.int(fromYear, toYear);
  return `${y}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

/** Adds the 机关工委 under `root`; its 委办公室 branch supplies the root's leaders. */
export function buildOrgans(b: PlanBuilder, root: PlanOrg, level: Level, fullName: string, rng: Rng, share = 1): PlanOrg {
  const organs = b.add(root, {
    name: `${level}直机关工委`, shortName: `${level}直机关工委`, kind: '党工委', sector: '机关',
    units: [`中共${fullName}直属机关工作委员会`], establishedOn: isoDate(rng, 1953, 1960),
  });
  const count = Math.min(ORGAN_UNITS.length, Math.round(ORGAN_UNITS.length * share));
  for (const u of ORGAN_UNITS.slice(0, count)) {
    const unit = unitName(level, u.unit);
    const sector = u.sector ?? '机关';
    const est = isoDate(rng, 1956, 2019);
    if (u.branches) {
      const head = b.add(organs, { name: `${unit}${u.kind}`, shortName: unit, kind: u.kind!, sector, units: [unit], establishedOn: est });
      for (const br of u.branches) {
        b.add(head, {
          name: `${unit}${br}`, shortName: br, kind: br.includes('联合') ? '联合党支部' : '党支部', sector, units: [unit],
          establishedOn: isoDate(rng, 1980, 2020), profile: 'organ', members: rng.tri(8, 30),
        });
      }
      continue;
    }
    const [min, max] = u.size ?? [8, 24];
    const branch = b.add(organs, {
      name: unit.endsWith('机关') ? `${unit}党支部` : `${unit}机关党支部`, shortName: unit, kind: '党支部', sector, units: [unit], establishedOn: est,
      profile: 'organ', members: rng.tri(min, max),
    });
    if (u.tag === 'leads-root') b.lead(branch, root);
    if (u.tag === 'leads-organs') b.lead(branch, organs);
  }
  b.add(organs, {
    name: `${level}机关离退休干部党支部`, shortName: '离退休干部党支部', kind: '党支部', sector: '机关', units: [`${level}委老干部局`],
    establishedOn: isoDate(rng, 1990, 2005), profile: 'retired', members: rng.tri(30, 60),
  });
  b.add(organs, {
    name: `${level}重点项目建设指挥部临时党支部`, shortName: '重点项目临时党支部', kind: '临时党支部', sector: '机关',
    units: [`${fullName}重点项目建设指挥部`], establishedOn: `${b.today.slice(0, 4)}-03-01`, profile: 'temp',
    members: rng.tri(6, 12),
  });
  return organs;
}
