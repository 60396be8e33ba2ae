// Villages and communities, and the 党小组 of large branches.
import { ORDINALS, villageClans } from './names.ts';
import { isoDate as isoDay } from './organs.plan.ts';
import type { Rng } from './prng.ts';
import type { PlanBuilder, PlanOrg, Profile } from './plan.ts';

export function groups(b: PlanBuilder, rng: Rng, branch: PlanOrg, threshold: number, p: number): void {
  if (branch.members < threshold || !rng.chance(Math.min(0.95, p * b.groupBoost))) return;
  const n = branch.members >= 50 ? rng.int(3, 4) : rng.int(2, 3);
  for (let i = 0; i < n; i++) {
    b.add(branch, {
      name: `${branch.name}${ORDINALS[i]}党小组`,
      shortName: `${ORDINALS[i]}党小组`,
      kind: '党小组',
      sector: branch.sector,
      establishedOn: branch.establishedOn,
    });
  }
}

export function village(b: PlanBuilder, town: PlanOrg, place: string, r: Rng, sizeFactor: number): void {
  const name = `${place}村`;
  const clans = villageClans(r);
  const est = isoDay(r, 1950, 1985);
  const units = [`${town.shortName}${name}村民委员会`];
  if (r.chance(0.12)) {
    const head = b.add(town, {
      name: `${name}党总支`, shortName: name, kind: '党总支', sector: '农村', units, establishedOn: est, clans,
    });
    const n = r.int(2, 3);
    for (let i = 0; i < n; i++) {
      const branch = b.add(head, {
        name: `${name}${ORDINALS[i]}党支部`, shortName: `${ORDINALS[i]}党支部`, kind: '党支部', sector: '农村', units,
        establishedOn: isoDay(r, 1995, 2015), profile: 'village', members: Math.round(r.tri(15, 40) * sizeFactor), clans,
      });
      groups(b, r, branch, 32, 0.5);
    }
    return;
  }
  const branch = b.add(town, {
    name: `${name}党支部`, shortName: name, kind: '党支部', sector: '农村', units, establishedOn: est, profile: 'village',
    members: Math.round(r.tri(15, 60) * sizeFactor), clans,
  });
  groups(b, r, branch, 36, 0.3);
}

export function community(b: PlanBuilder, street: PlanOrg, streetName: string, word: string, r: Rng): void {
  const name = `${word}社区`;
  const units = [`${streetName}${name}居民委员会`];
  const est = isoDay(r, 1996, 2016);
  const profile: Profile = 'community';
  if (r.chance(0.2)) {
    const head = b.add(street, { name: `${name}党总支`, shortName: name, kind: '党总支', sector: '社区', units, establishedOn: est });
    const branches = ['第一网格党支部', '第二网格党支部', '退休党员党支部'].slice(0, r.int(2, 3));
    for (const br of branches) {
      b.add(head, {
        name: `${name}${br}`, shortName: br, kind: '党支部', sector: '社区', units, establishedOn: isoDay(r, 2012, 2020),
        profile: br.startsWith('退休') ? 'retired' : profile, members: r.tri(10, 32),
      });
    }
    return;
  }
  const branch = b.add(street, {
    name: `${name}党支部`, shortName: name, kind: '党支部', sector: '社区', units, establishedOn: est, profile,
    members: r.tri(10, 40),
  });
  groups(b, r, branch, 28, 0.4);
}
