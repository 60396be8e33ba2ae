// Invented but realistic Chinese names for the demo data: surnames weighted roughly by
// national frequency, given-name characters by birth cohort and gender, and fictional
// place names built from common place-name morphemes.
import { Rng, WeightedTable, type Weighted } from './prng.ts';

// Approximate shares (per mille) of the most common surnames, plus a few compound ones.
const SURNAME_WEIGHTS: Weighted<string> = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 48], ['杨', 31], ['黄', 22], ['赵', 21], ['吴', 20], ['周', 19],
  ['徐', 15], ['孙', 14], ['马', 13], ['朱', 12], ['胡', 11], ['郭', 11], ['何', 10], ['林', 10], ['高', 10], ['罗', 9],
  ['郑', 8], ['梁', 8], ['谢', 7], ['宋', 6], ['唐', 6], ['许', 6], ['韩', 5], ['邓', 5], ['冯', 5], ['曹', 5],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 4], ['潘', 4], ['袁', 4], ['蔡', 4], ['蒋', 4], ['余', 4],
  ['于', 4], ['杜', 4], ['叶', 4], ['程', 3], ['魏', 3], ['苏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['卢', 3],
  ['姚', 3], ['沈', 3], ['钟', 3], ['姜', 3], ['崔', 3], ['谭', 3], ['陆', 3], ['范', 2], ['汪', 2], ['廖', 2],
  ['石', 2], ['金', 2], ['韦', 2], ['贾', 2], ['夏', 2], ['付', 2], ['方', 2], ['邹', 2], ['熊', 2], ['白', 2],
  ['孟', 2], ['秦', 2], ['邱', 2], ['侯', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2], ['雷', 2],
  ['龙', 2], ['黎', 2], ['史', 1], ['陶', 1], ['贺', 1], ['毛', 1], ['郝', 1], ['顾', 1], ['龚', 1], ['邵', 1],
  ['万', 1], ['覃', 1], ['武', 1], ['钱', 1], ['戴', 1], ['严', 1], ['莫', 1], ['孔', 1], ['向', 1], ['常', 1],
  ['汤', 1], ['应', 1], ['楼', 1], ['童', 1], ['柳', 1], ['翁', 1], ['虞', 1], ['傅', 1], ['章', 1], ['鲍', 1],
  ['欧阳', 0.3], ['上官', 0.1], ['司马', 0.1], ['诸葛', 0.1],
];
const SURNAMES = new WeightedTable(SURNAME_WEIGHTS);

/** Surnames common enough to dominate a village (clan villages). */
const CLAN_SURNAMES = SURNAME_WEIGHTS.filter(([s, w]) => s.length === 1 && w >= 3).map(([s]) => s);

type Cohort = 0 | 1 | 2 | 3;
interface Pools {
  first: string;
  second: string;
}
// Per cohort (born before 1960, 1960–1979, 1980–1994, from 1995), male then female.
const GIVEN: Record<Cohort, [Pools, Pools]> = {
  0: [
    { first: '建国德志振福永长树金文炳根水保卫庆荣学春秋海兴发明光玉宝友寿传', second: '国华明林生根福平强军民山清荣贵昌发才忠成祥富全良和中东安堂' },
    { first: '秀桂玉凤美淑金月兰彩春雪菊爱翠素宝珍小巧', second: '英兰珍芳华梅莲花琴娥凤仙云娟香妹霞萍贞芝' },
  ],
  1: [
    { first: '伟建勇军斌海杰志晓小永国明红立卫文俊国新剑春', second: '平军华明强东峰刚辉波林斌涛杰宏伟鹏亮锋生忠良勇江' },
    { first: '丽红晓艳小燕美海秀雪春彩玉慧素建亚利', second: '红丽燕萍敏霞娟芳英琴玲华艳静莉梅青君平芬' },
  ],
  2: [
    { first: '俊浩晨家宇鹏志文嘉佳天思明博建永振晓伟少', second: '杰浩宇豪轩鹏飞涛超阳磊凯帆翔斌伟晨鑫龙健峰亮' },
    { first: '佳思婷雨晓欣梦雅诗静文丹悦丽慧晶海', second: '婷怡琪雪颖洁倩琳璐瑶欣媛萌蕾娜丹妍静敏燕' },
  ],
  3: [
    { first: '子梓浩宇俊一皓睿博文嘉铭思逸家浩天', second: '轩涵辰睿泽宇航豪然恒阳铭杰凯洋诚昊' },
    { first: '子梓欣雨诗语可思一若佳雅紫梦心', second: '涵萱怡彤琪琳妍悦瑶菲冉曦晴婷雯琦' },
  ],
};

function cohortOf(birthYear: number): Cohort {
  if (birthYear < 1960) return 0;
  if (birthYear < 1980) return 1;
  if (birthYear < 1995) return 2;
  return 3;
}

export function pickSurname(rng: Rng, clan?: readonly string[]): string {
  if (clan && clan.length > 0 && rng.chance(0.5)) return rng.pick(clan);
  return SURNAMES.pick(rng);
}

/** A full name of 2 or 3 characters. */
export function personName(rng: Rng, gender: '男' | '女', birthYear: number, clan?: readonly string[]): string {
  const surname = pickSurname(rng, clan);
  const pools = GIVEN[cohortOf(birthYear)][gender === '男' ? 0 : 1];
  const single = surname.length === 2 || rng.chance(birthYear < 1960 ? 0.25 : birthYear >= 1995 ? 0.3 : 0.2);
  if (single) return surname + rng.pick([...pools.second]);
  let a = rng.pick([...pools.first]);
  let b = rng.pick([...pools.second]);
  if (a === b) b = rng.pick([...pools.second]);
  if (a === b) a = rng.pick([...pools.first]);
  return surname + a + b;
}

/** Two or three dominant surnames for a village. */
export function villageClans(rng: Rng): string[] {
  const n = rng.int(1, 3);
  const out = new Set<string>();
  while (out.size < n) out.add(rng.pick(CLAN_SURNAMES));
  return [...out];
}

export const ETHNICITIES: Weighted<string> = [
  ['汉族', 955], ['畲族', 12], ['回族', 8], ['土家族', 6], ['苗族', 5], ['满族', 4], ['壮族', 4],
  ['布依族', 2], ['侗族', 2], ['彝族', 1], ['蒙古族', 1],
];

// Place-name morphemes: a descriptive first character and a landform second character.
const PLACE_FIRST = '青石龙白金双桃柳枫云清梅凤松杏竹黄马高横新安仁永长丰福兴太宁和东西南北上下大小三古官塘岩溪茶桂莲樟柏杨林泉鹤麻花丁';
const PLACE_SECOND = '溪山岭塘坑桥湾口坪源田畈埠岙阳川港浦洋坞岗庄园店坝沙滩垟头岩堰圩冲屯铺墩';

/** Hands out place names that are unique within one namer (one county). */
export class PlaceNamer {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {
    for (const reserved of ['城关', '东西', '南北', '上下', '大小']) this.used.add(reserved);
  }

  place(): string {
    for (let attempt = 0; attempt < 200; attempt++) {
      const a = this.rng.pick([...PLACE_FIRST]);
      const b = this.rng.pick([...PLACE_SECOND]);
      const name = a + b;
      if (a === b || this.used.has(name)) continue;
      this.used.add(name);
      return name;
    }
    // Exhausted (never at demo sizes): fall back to a numbered name.
    const name = this.rng.pick([...PLACE_FIRST]) + this.rng.pick([...PLACE_SECOND]) + (this.used.size + 1);
    this.used.add(name);
    return name;
  }

  /** Reserve a fixed name (e.g. a street name) so generated ones do not clash with it. */
  reserve(name: string): string {
    this.used.add(name);
    return name;
  }
}

const COMMUNITY_WORDS = [
  '文昌', '新华', '人民', '解放', '和平', '幸福', '锦绣', '阳光', '滨江', '望江', '桂花', '兴隆', '胜利', '建设', '光明',
  '朝阳', '东风', '南门', '北门', '西街', '东街', '府前', '学府', '龙泉', '金桥', '凤凰', '青云', '翠苑', '紫荆', '花园',
  '玉泉', '长安', '迎宾', '振兴', '永安', '富民', '新城', '公园', '育才', '书院', '康乐', '春晖', '丰收', '临江', '鼓楼',
];

/** Community names unique within one namer. */
export class CommunityNamer {
  private readonly order: string[];
  private next = 0;
  constructor(rng: Rng) {
    this.order = rng.shuffle(COMMUNITY_WORDS);
  }
  name(): string {
    const word = this.order[this.next % this.order.length]!;
    const round = Math.floor(this.next / this.order.length);
    this.next++;
    return round === 0 ? word : word + ['', '东', '西', '南', '北', '新'][round % 6];
  }
}

const COUNTY_FIRST = '枫云澄临青玉安永平德宁嘉清昌泰盛丰和兴瑞丽长';
const COUNTY_SECOND = '林溪阳川江源山泉宁安平城台州丰华宜乐';

/** Fictional county / district / city names, unique within one namer. */
export class CountyNamer {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}
  name(fixed?: string): string {
    if (fixed && !this.used.has(fixed)) {
      this.used.add(fixed);
      return fixed;
    }
    for (let attempt = 0; ; attempt++) {
      let name = this.rng.pick([...COUNTY_FIRST]) + this.rng.pick([...COUNTY_SECOND]);
      if (attempt > 100) name = name[0]! + this.rng.pick([...PLACE_FIRST]) + name[1]!;
      if (name[0] === name[1] || this.used.has(name)) continue;
      this.used.add(name);
      return name;
    }
  }
}

export const ORDINALS = ['第一', '第二', '第三', '第四', '第五', '第六', '第七', '第八', '第九', '第十'];
