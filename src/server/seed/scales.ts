// The whole plan for one scale: a county (≈500 organisations, ≈10,000 members), a city of
// nine counties/districts (≈200,000 members) or a province of twenty cities (≈4,000,000).
import { buildCounty, type CountySpec } from './county.plan.ts';
import { CountyNamer } from './names.ts';
import { buildOrgans, isoDate } from './organs.plan.ts';
import { finishPlan, PlanBuilder, type Plan, type PlanOrg, type Scale } from './plan.ts';
import { Rng } from './prng.ts';

export const SEED_VERSION = 'dangjian-demo-v1';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** County-level parts of the area codes in a city: 3 districts, 5 counties, 1 county-level city. */
const CITY_COUNTIES: readonly { level: CountySpec['level']; code: string; factor: number }[] = [
  { level: '区', code: '02', factor: 2.6 },
  { level: '区', code: '03', factor: 2.25 },
  { level: '区', code: '04', factor: 2.0 },
  { level: '县', code: '21', factor: 2.5 },
  { level: '县', code: '22', factor: 2.25 },
  { level: '县', code: '23', factor: 2.1 },
  { level: '县', code: '24', factor: 1.9 },
  { level: '县', code: '25', factor: 2.35 },
  { level: '市', code: '81', factor: 2.7 },
];

function buildCity(b: PlanBuilder, parent: PlanOrg | null, index: number, namer: CountyNamer, rng: Rng): PlanOrg {
  const cityCode = 21 + index; // fictional prefecture codes 3321, 3322, …
  const name = namer.name(index === 0 ? '澄州' : undefined) + '市';
  const root = b.add(parent, {
    name: `${name}委`, shortName: `${name}委`, kind: '党委', sector: '机关', units: [`中共${name}委员会`],
    establishedOn: isoDate(rng, 1949, 1950), role: parent ? 'county' : 'root', codeWidth: 2,
    ...(parent ? {} : { code: `D33${pad2(cityCode)}` }),
  });
  // City-level organs are their own "county" for ID area codes (the prefecture code).
  root.county = b.beginCounty(`${name}本级`, [`33${pad2(cityCode)}00`, `33${pad2(cityCode + 40)}00`], root);
  buildOrgans(b, root, '市', name, rng.fork('organs'));
  CITY_COUNTIES.forEach((c, i) => {
    const county = namer.name();
    buildCounty(
      b,
      root,
      {
        name: county,
        level: c.level,
        areaCodes: [`33${pad2(cityCode)}${c.code}`, `33${pad2(cityCode + 40)}${c.code}`],
        factor: c.factor,
      },
      rng.fork(`county${i}`),
    );
  });
  return root;
}

export function buildPlan(scale: Scale, today: string): Plan {
  const rng = new Rng(SEED_VERSION);
  const b = new PlanBuilder(today);
  const namer = new CountyNamer(rng.fork('names'));
  if (scale === 'county') {
    buildCounty(b, null, { name: namer.name('枫林'), level: '县', areaCodes: ['332122', '336122'], factor: 1, code: 'D332122' }, rng.fork('county'));
  } else if (scale === 'city') {
    buildCity(b, null, 0, namer, rng.fork('city0'));
  } else {
    b.groupBoost = 2;
    const root = b.add(null, {
      name: '澄江省委', shortName: '省委', kind: '党委', sector: '机关', units: ['中共澄江省委员会'],
      establishedOn: '1949-06-01', role: 'root', code: 'D33',
    });
    root.county = b.beginCounty('省本级', ['339001', '339002'], root);
    buildOrgans(b, root, '省', '澄江省', rng.fork('organs'));
    for (let i = 0; i < 20; i++) buildCity(b, root, i, namer, rng.fork(`city${i}`));
  }
  const plan = finishPlan(b, scale);
  chooseVacancies(plan, rng.fork('vacancies'));
  return plan;
}

/**
 * Realistic vacancies: per county, a few branches without a current secretary — some never
 * had one recorded, some had one whose term ended months ago.
 */
function chooseVacancies(plan: Plan, rng: Rng): void {
  for (const county of plan.counties) {
    const candidates = county.branchIds.filter((id) => {
      const org = plan.orgs[id - 1]!;
      return org.leads.length === 0 && org.profile !== 'temp';
    });
    const n = Math.min(candidates.length, rng.int(5, 7));
    rng.shuffle(candidates).slice(0, n).forEach((id, i) => plan.vacancies.set(id, i % 2 === 0 ? 'ended' : 'none'));
  }
}
