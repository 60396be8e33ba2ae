// Who the members of each kind of branch are: shares of women, age brackets and education.
// Tuned so that a county comes out near the national figures (≈31% women, ≈29% aged 61+),
// with villages old and less schooled, and organs, schools and hospitals young and educated.
import type { Weighted } from './prng.ts';
import type { Profile } from './plan.ts';

export const EDUCATIONS = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下'] as const;
export type Education = (typeof EDUCATIONS)[number];

/** Age brackets (inclusive) for full members; the mix per profile gives their shares. */
export const AGE_BRACKETS: readonly (readonly [number, number])[] = [
  [21, 30], [31, 40], [41, 50], [51, 60], [61, 70], [71, 80], [81, 95],
];

/** Ages of people admitted recently (probationary and newly full members). */
export const RECRUIT_AGES: Weighted<readonly [number, number]> = [
  [[19, 25], 35], [[26, 30], 30], [[31, 35], 17], [[36, 45], 13], [[46, 55], 5],
];

interface Mix {
  women: number;
  ages: readonly number[];
  /** Education weights (EDUCATIONS order) for under 40, 40–60 and over 60. */
  edu: readonly [readonly number[], readonly number[], readonly number[]];
}

const OLD_LOW = [0, 1, 3, 6, 20, 70];

export const PROFILES: Record<Profile, Mix> = {
  village: {
    women: 0.25,
    ages: [6, 10, 14, 25, 21, 15, 9],
    edu: [[1, 14, 22, 10, 25, 28], [0, 4, 12, 12, 30, 42], OLD_LOW],
  },
  community: {
    women: 0.47,
    ages: [9, 14, 16, 26, 17, 12, 6],
    edu: [[4, 40, 28, 8, 12, 8], [1, 20, 28, 14, 22, 15], [0, 6, 12, 14, 30, 38]],
  },
  organ: {
    women: 0.34,
    ages: [16, 28, 27, 27, 2, 0, 0],
    edu: [[22, 65, 11, 1, 1, 0], [10, 62, 22, 3, 3, 0], [3, 40, 32, 10, 10, 5]],
  },
  institution: {
    women: 0.36,
    ages: [12, 26, 30, 30, 2, 0, 0],
    edu: [[6, 50, 30, 8, 6, 0], [2, 35, 35, 14, 10, 4], [1, 20, 30, 20, 19, 10]],
  },
  retired: {
    women: 0.28,
    ages: [0, 0, 0, 4, 38, 38, 20],
    edu: [[1, 18, 22, 16, 23, 20], [1, 18, 22, 16, 23, 20], [1, 18, 22, 16, 23, 20]],
  },
  school: {
    women: 0.56,
    ages: [22, 30, 27, 20, 1, 0, 0],
    edu: [[18, 72, 9, 1, 0, 0], [8, 62, 26, 3, 1, 0], [2, 40, 40, 12, 6, 0]],
  },
  hospital: {
    women: 0.6,
    ages: [24, 30, 25, 19, 2, 0, 0],
    edu: [[20, 55, 20, 5, 0, 0], [10, 50, 28, 10, 2, 0], [3, 35, 35, 20, 7, 0]],
  },
  soe: {
    women: 0.28,
    ages: [15, 28, 28, 27, 2, 0, 0],
    edu: [[8, 55, 25, 7, 5, 0], [3, 38, 32, 12, 12, 3], [1, 20, 30, 20, 20, 9]],
  },
  nonpublic: {
    women: 0.3,
    ages: [28, 34, 22, 12, 3, 1, 0],
    edu: [[4, 35, 35, 12, 10, 4], [1, 18, 30, 16, 22, 13], [0, 8, 15, 17, 30, 30]],
  },
  social: {
    women: 0.42,
    ages: [12, 22, 24, 22, 12, 6, 2],
    edu: [[8, 50, 28, 6, 6, 2], [3, 35, 30, 12, 14, 6], [1, 20, 25, 15, 22, 17]],
  },
  temp: {
    women: 0.18,
    ages: [15, 35, 30, 20, 0, 0, 0],
    edu: [[12, 60, 22, 4, 2, 0], [5, 50, 30, 8, 7, 0], [2, 30, 30, 18, 20, 0]],
  },
};

/** The oldest a member is usually elected to a branch committee. */
export function maxCadreAge(profile: Profile): number {
  if (profile === 'retired') return 80;
  if (profile === 'village' || profile === 'community') return 66;
  return 60;
}
