// One county's organisation tree: 县委 → 乡镇党委 / 街道党工委 (villages, communities,
// township organs), 县直机关工委, 两新工委, 教育 and 卫生健康 system 党委s, state enterprises.
// At county scale this is the whole tree; city and province scales repeat it.
import type { Rng } from './prng.ts';
import { CommunityNamer, ORDINALS, PlaceNamer } from './names.ts';
import type { PlanBuilder, PlanOrg } from './plan.ts';
import { community, groups, village } from './rural.plan.ts';
import { buildOrgans, isoDate } from './organs.plan.ts';
import {
  COUNTY_SCHOOLS, FIRST_MIDDLE_SCHOOL_BRANCHES, HEALTH_UNITS, HOSPITAL_BRANCHES, NONPUBLIC_INDUSTRIES, SHOP_KINDS,
  SOCIAL_UNITS, SOE_GROUPS,
} from './units.ts';

export interface CountySpec {
  name: string; // e.g. '枫林'
  /** '县', '区' or '市' (county-level city): the prefix of county organs ('县财政局'). */
  level: '县' | '区' | '市';
  areaCodes: readonly [string, string];
  /** Size factor: 1 ≈ 10,000 members and 500 organisations. */
  factor: number;
  code?: string;
}

const isoDay = isoDate;

export function buildCounty(b: PlanBuilder, parent: PlanOrg | null, spec: CountySpec, rng: Rng): PlanOrg {
  const places = new PlaceNamer(rng.fork('places'));
  const communities = new CommunityNamer(rng.fork('communities'));
  const L = spec.level;
  const f = spec.factor;
  const sq = Math.sqrt(f);
  const countyFull = spec.name + (L === '市' ? '市' : L);
  const root = b.add(parent, {
    name: `${countyFull}委`,
    shortName: `${countyFull}委`,
    kind: '党委',
    sector: '机关',
    units: [`中共${countyFull}委员会`],
    establishedOn: isoDay(rng, 1949, 1952),
    role: parent ? 'county' : 'root',
    ...(spec.code ? { code: spec.code } : {}),
  });
  root.county = b.beginCounty(countyFull, spec.areaCodes, root);
  const r = rng.fork('tree');

  // Townships and streets.
  const streets = Math.max(2, Math.round(4 * sq));
  const towns = Math.max(4, Math.round(14 * sq));
  const townNames: string[] = [];
  for (let t = 0; t < towns + streets; t++) {
    // Towns first (城关镇 leads), then the streets of the county seat.
    const isStreet = t >= towns;
    const s = t - towns;
    const tr = r.fork(`town${t}`);
    const place = isStreet
      ? places.reserve(s < 4 ? ['城东', '城西', '城南', '城北'][s]! : places.place())
      : t === 0 ? places.reserve('城关') : places.place();
    const full = isStreet ? `${place}街道` : `${place}${t === 0 || tr.chance(0.7) ? '镇' : '乡'}`;
    townNames.push(full);
    const town = b.add(root, {
      name: isStreet ? `${full}党工委` : `${full}党委`,
      shortName: full,
      kind: isStreet ? '党工委' : '党委',
      sector: isStreet ? '社区' : '农村',
      units: [isStreet ? `${countyFull}${full}办事处` : `${countyFull}${full}人民政府`],
      establishedOn: isStreet ? isoDay(tr, 1995, 2015) : isoDay(tr, 1950, 1958),
      role: isStreet ? 'street' : 'township',
      codeWidth: 3,
    });
    b.add(town, {
      name: `${full}机关党支部`, shortName: '机关党支部', kind: '党支部', sector: '机关', units: [`${full}机关`],
      establishedOn: town.establishedOn, profile: 'organ', members: tr.tri(20, 32),
    });
    if (!isStreet && tr.chance(0.5)) {
      b.add(town, {
        name: `${full}事业站所党支部`, shortName: '事业站所党支部', kind: '党支部', sector: '事业单位',
        units: [`${full}农业综合服务站`, `${full}文化站`, `${full}便民服务中心`],
        establishedOn: isoDay(tr, 1990, 2010), profile: 'institution', members: tr.tri(8, 20),
      });
    }
    if (isStreet) {
      const n = Math.round(tr.int(5, 9) * sq);
      for (let c = 0; c < n; c++) community(b, town, full, communities.name(), tr.fork(`c${c}`));
      if (s === 0) for (let v = 0; v < 2; v++) village(b, town, places.place(), tr.fork(`v${v}`), 1);
    } else {
      const n = Math.round(tr.int(9, 15) * sq);
      for (let v = 0; v < n; v++) village(b, town, places.place(), tr.fork(`v${v}`), 1);
    }
    if (tr.chance(isStreet ? 0.5 : 0.3)) {
      const firms = Array.from({ length: tr.int(3, 6) }, () => `${countyFull}${places.place()}${tr.pick(NONPUBLIC_INDUSTRIES)}有限公司`);
      b.add(town, {
        name: `${full}${isStreet ? '非公企业' : '企业'}联合党支部`, shortName: '企业联合党支部', kind: '联合党支部',
        sector: '非公企业', units: firms, establishedOn: isoDay(tr, 2012, 2022), profile: 'nonpublic', members: tr.tri(6, 14),
      });
    }
  }

  // 县直机关工委
  buildOrgans(b, root, L, countyFull, r.fork('organs'), Math.min(1, 0.8 + 0.2 * sq));

  // 两新工委: non-public enterprises and social organisations.
  const nr = r.fork('twonew');
  const twoNew = b.add(root, {
    name: `${L}两新工委`, shortName: '两新工委', kind: '党工委', sector: '非公企业',
    units: [`中共${countyFull}非公有制经济组织和社会组织工作委员会`], establishedOn: isoDay(nr, 2009, 2013),
  });
  const group = places.place();
  const groupName = `${countyFull}${group}集团有限公司`;
  const big = b.add(twoNew, {
    name: `${groupName}党总支`, shortName: `${group}集团`, kind: '党总支', sector: '非公企业', units: [groupName],
    establishedOn: isoDay(nr, 2008, 2014),
  });
  for (const br of ['管理党支部', '生产第一党支部', '生产第二党支部']) {
    b.add(big, {
      name: `${groupName}${br}`, shortName: br, kind: '党支部', sector: '非公企业', units: [groupName],
      establishedOn: isoDay(nr, 2010, 2018), profile: 'nonpublic', members: nr.tri(12, 28),
    });
  }
  const firms = Math.round(nr.int(18, 24) * f);
  for (let i = 0; i < firms; i++) {
    const firm = `${countyFull}${places.place()}${nr.pick(NONPUBLIC_INDUSTRIES)}有限公司`;
    const branch = b.add(twoNew, {
      name: `${firm}党支部`, shortName: null, kind: '党支部', sector: '非公企业', units: [firm],
      establishedOn: isoDay(nr, 2004, 2023), profile: 'nonpublic', members: nr.tri(3, 20),
    });
    groups(b, nr, branch, 18, 0.5);
  }
  b.add(twoNew, {
    name: `${L}经济开发区小微企业联合党支部`, shortName: '小微企业联合党支部', kind: '联合党支部', sector: '非公企业',
    units: Array.from({ length: nr.int(4, 7) }, () => `${countyFull}${places.place()}${nr.pick(NONPUBLIC_INDUSTRIES)}有限公司`),
    establishedOn: isoDay(nr, 2014, 2020), profile: 'nonpublic', members: nr.tri(8, 16),
  });
  b.add(twoNew, {
    name: `${L}商贸城个体工商户联合党支部`, shortName: '个体工商户联合党支部', kind: '联合党支部', sector: '非公企业',
    units: Array.from({ length: nr.int(4, 8) }, () => `${places.place()}${nr.pick(SHOP_KINDS)}`),
    establishedOn: isoDay(nr, 2015, 2021), profile: 'nonpublic', members: nr.tri(6, 14),
  });
  for (const s of SOCIAL_UNITS) {
    const units = s.joint
      ? Array.from({ length: nr.int(3, 5) }, () => `${countyFull}${places.place()}${nr.pick(s.joint!)}`)
      : [`${countyFull}${s.name}`];
    b.add(twoNew, {
      name: `${L}${s.name}${s.joint ? '联合党支部' : '党支部'}`, shortName: null, kind: s.joint ? '联合党支部' : '党支部',
      sector: '社会组织', units, establishedOn: isoDay(nr, 2010, 2022), profile: 'social', members: nr.tri(3, 12),
    });
  }

  // 教育系统党委
  const er = r.fork('education');
  const edu = b.add(root, {
    name: `${L}教育系统党委`, shortName: '教育系统党委', kind: '党委', sector: '学校', units: [`${L}教育局`],
    establishedOn: isoDay(er, 1985, 1995),
  });
  b.add(edu, {
    name: `${L}教育局机关党支部`, shortName: '教育局机关党支部', kind: '党支部', sector: '机关', units: [`${L}教育局`],
    establishedOn: isoDay(er, 1985, 1995), profile: 'organ', members: er.tri(14, 22),
  });
  const first = b.add(edu, {
    name: `${L}第一中学党总支`, shortName: `${L}一中`, kind: '党总支', sector: '学校', units: [`${countyFull}第一中学`],
    establishedOn: isoDay(er, 1956, 1965),
  });
  for (const br of FIRST_MIDDLE_SCHOOL_BRANCHES) {
    b.add(first, {
      name: `${L}第一中学${br}`, shortName: br, kind: '党支部', sector: '学校', units: [`${countyFull}第一中学`],
      establishedOn: isoDay(er, 1985, 2010), profile: 'school', members: er.tri(12, 26),
    });
  }
  for (const s of COUNTY_SCHOOLS) {
    const branch = b.add(edu, {
      name: `${L}${s}党支部`, shortName: null, kind: '党支部', sector: '学校', units: [`${countyFull}${s}`],
      establishedOn: isoDay(er, 1960, 2005), profile: 'school', members: er.tri(12, 36),
    });
    groups(b, er, branch, 28, 0.8);
  }
  b.add(edu, {
    name: `${L}实验幼儿园、特殊教育学校联合党支部`, shortName: '幼特联合党支部', kind: '联合党支部', sector: '学校',
    units: [`${countyFull}实验幼儿园`, `${countyFull}特殊教育学校`], establishedOn: isoDay(er, 2010, 2018),
    profile: 'school', members: er.tri(6, 12),
  });
  for (const town of townNames) {
    const school = town.endsWith('街道') ? `${town.slice(0, -2)}小学` : `${town}中心学校`;
    b.add(edu, {
      name: `${school}党支部`, shortName: null, kind: '党支部', sector: '学校', units: [`${countyFull}${school}`],
      establishedOn: isoDay(er, 1975, 2005), profile: 'school', members: er.tri(6, 22),
    });
  }
  b.add(edu, {
    name: `${L}教育系统离退休教师党支部`, shortName: '离退休教师党支部', kind: '党支部', sector: '学校', units: [`${L}教育局`],
    establishedOn: isoDay(er, 1995, 2008), profile: 'retired', members: er.tri(25, 45),
  });

  // 卫生健康系统党委
  const hr = r.fork('health');
  const health = b.add(root, {
    name: `${L}卫生健康系统党委`, shortName: '卫生健康系统党委', kind: '党委', sector: '事业单位', units: [`${L}卫生健康局`],
    establishedOn: isoDay(hr, 1990, 2000),
  });
  b.add(health, {
    name: `${L}卫生健康局机关党支部`, shortName: '卫健局机关党支部', kind: '党支部', sector: '机关', units: [`${L}卫生健康局`],
    establishedOn: isoDay(hr, 1990, 2000), profile: 'organ', members: hr.tri(12, 20),
  });
  const hospital = b.add(health, {
    name: `${L}人民医院党总支`, shortName: `${L}人民医院`, kind: '党总支', sector: '事业单位', units: [`${countyFull}人民医院`],
    establishedOn: isoDay(hr, 1956, 1970),
  });
  for (const br of HOSPITAL_BRANCHES) {
    const branch = b.add(hospital, {
      name: `${L}人民医院${br}`, shortName: br, kind: '党支部', sector: '事业单位', units: [`${countyFull}人民医院`],
      establishedOn: isoDay(hr, 1985, 2010), profile: 'hospital', members: hr.tri(14, 34),
    });
    groups(b, hr, branch, 26, 0.7);
  }
  for (const u of HEALTH_UNITS) {
    b.add(health, {
      name: `${L}${u}党支部`, shortName: null, kind: '党支部', sector: '事业单位', units: [`${countyFull}${u}`],
      establishedOn: isoDay(hr, 1970, 2005), profile: 'hospital', members: hr.tri(8, 24),
    });
  }
  const rural = townNames.filter((t) => !t.endsWith('街道'));
  const own = Math.min(rural.length, Math.round(6 * sq));
  for (const t of rural.slice(0, own)) {
    b.add(health, {
      name: `${t}卫生院党支部`, shortName: null, kind: '党支部', sector: '事业单位', units: [`${t}卫生院`],
      establishedOn: isoDay(hr, 1985, 2005), profile: 'hospital', members: hr.tri(6, 16),
    });
  }
  const rest = rural.slice(own);
  for (let i = 0, n = 0; i < rest.length; i += 4, n++) {
    b.add(health, {
      name: `${L}${ORDINALS[n % 10]}片区乡镇卫生院联合党支部`, shortName: null, kind: '联合党支部', sector: '事业单位',
      units: rest.slice(i, i + 4).map((t) => `${t}卫生院`), establishedOn: isoDay(hr, 2008, 2016), profile: 'hospital',
      members: hr.tri(8, 18),
    });
  }

  // State-owned enterprises.
  const sr = r.fork('soe');
  for (const g of SOE_GROUPS) {
    const company = `${countyFull}${g.name}`;
    const soe = b.add(root, {
      name: `${company}党委`, shortName: `${L}${g.short}党委`, kind: '党委', sector: '国有企业', units: [company],
      establishedOn: isoDay(sr, 2000, 2012),
    });
    for (const br of g.branches) {
      b.add(soe, {
        name: `${company}${br}`, shortName: br, kind: br.includes('联合') ? '联合党支部' : '党支部', sector: '国有企业',
        units: [company], establishedOn: isoDay(sr, 2005, 2016), profile: 'soe', members: sr.tri(10, 30),
      });
    }
  }
  return root;
}
