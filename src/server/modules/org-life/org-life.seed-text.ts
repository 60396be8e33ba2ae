// Vocabulary for demo minutes: fragments combined at random with numbers and names, so
// that genuine records differ from each other and only the seeded copies look alike.
import type { Rng } from '../../seed/prng.ts';

const OPENERS: Record<string, readonly string[]> = {
  支部党员大会: ['支部党员大会由书记主持，清点人数后宣布会议开始。', '本次党员大会听取了支部委员会半年工作情况报告。', '党员大会首先通报了上季度党费收缴和使用情况。'],
  支部委员会会议: ['支委会逐项梳理了本月重点工作完成情况。', '支部委员会研究了下月组织生活安排。', '支委会听取了组织委员关于党员教育管理的汇报。'],
  党课: ['党课围绕基层治理中的实际问题展开讲解。', '本次党课结合本单位发展历程讲述党员责任。', '党课采用专题讲授加交流讨论的方式进行。'],
  主题党日: ['主题党日活动先集体重温入党誓词。', '本月主题党日组织党员开展志愿服务。', '主题党日安排了集中学习和分组讨论两个环节。'],
  组织生活会: ['组织生活会前支部开展了谈心谈话并广泛征求意见。', '组织生活会上书记代表支委会作对照检查。', '组织生活会按照查摆问题、开展批评、明确整改的程序进行。'],
  民主生活会: ['民主生活会前班子成员之间普遍开展了谈心谈话。', '班子主要负责人代表领导班子作对照检查。', '民主生活会围绕班子建设和作风问题开展批评与自我批评。'],
};

const PLACES = ['一组', '二组', '三组', '四组', '五组', '东片', '西片', '南片', '北片', '村委会', '卫生室', '小学', '合作社', '老年活动中心', '便民服务点', '文化广场', '幼儿园', '菜市场', '物业', '车间', '仓库', '食堂'];
const MATTERS = [
  '防火巡查', '困难群众走访', '集体经济分红', '农田水利维修', '人居环境整治', '网格化服务', '垃圾分类督导', '电梯加装', '防汛物资清点', '秸秆禁烧宣传', '医保缴费动员',
  '留守儿童关爱', '食品安全检查', '安全生产检查', '电商助农', '文明实践活动', '矛盾纠纷排查', '村规民约修订', '公开栏更新', '退役军人走访', '独居老人帮扶', '道路硬化',
  '管网改造', '农机调度', '停车位划线', '路灯维修', '污水管道疏通', '健身器材更换', '反诈宣传', '消防通道清理', '公益岗位安排', '征兵宣传', '林地巡护', '茶园管护',
];
const TOPIC_COUNT = PLACES.length * MATTERS.length;
function topic(rng: Rng): string {
  const i = rng.int(0, TOPIC_COUNT - 1);
  return PLACES[i % PLACES.length]! + MATTERS[Math.floor(i / PLACES.length)]!;
}

const DOINGS = [
  '由{n}名党员分片包干负责{t}', '对{t}提出意见建议{n}条', '明确{t}的完成时限为{m}月底', '安排{n}名青年党员参与{t}', '决定从集体收入中列支{k}元用于{t}',
  '要求党员在{t}中亮明身份', '会后将{t}情况报上级党组织', '请{p}同志牵头整理{t}台账', '对{t}中发现的{n}个问题逐一明确责任人', '邀请{n}名群众代表旁听{t}讨论',
  '通报了{t}的进度，已完成{c}%', '{p}同志介绍了{t}的具体做法', '大家认为{t}还存在宣传不到位的情况', '对{t}的资金使用情况进行了公开', '商定下次会议专题研究{t}',
];

const CLOSERS = [
  '会议最后书记作了总结，强调要把议定事项落到实处。', '与会党员表示将按照分工抓好落实。', '会议记录经与会人员核对无误。', '会议对下一阶段工作作了部署。',
  '参会党员逐一发言，气氛热烈。', '会议决定下月再听取落实情况汇报。',
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';

function fill(rng: Rng, template: string): string {
  return template
    .replace('{n}', String(rng.int(2, 12)))
    .replace('{m}', String(rng.int(1, 12)))
    .replace('{k}', String(rng.int(3, 90) * 500))
    .replace('{c}', String(rng.int(20, 95)))
    .replace('{p}', SURNAMES[rng.int(0, SURNAMES.length - 1)]! + (rng.chance(0.5) ? '某' : '晓'))
    .replace('{t}', topic(rng));
}

/** Minutes of a genuine meeting: an opener for the type, several concrete items, a closing line. */
export function minutesFor(rng: Rng, type: string, orgName: string, heldOn: string): string {
  const parts = [`${heldOn.slice(0, 4)}年${Number(heldOn.slice(5, 7))}月${Number(heldOn.slice(8, 10))}日，${orgName}召开${type}。`, rng.pick(OPENERS[type] ?? OPENERS['主题党日']!)];
  const items = rng.int(6, 10);
  for (let i = 0; i < items; i++) parts.push(fill(rng, rng.pick(DOINGS)) + '。');
  parts.push(rng.pick(CLOSERS));
  return parts.join('');
}

/** A near-identical copy: the branch name and date swapped, one or two words touched. */
export function nearCopy(original: string, fromName: string, toName: string, fromDate: string, toDate: string): string {
  const d = (x: string) => `${x.slice(0, 4)}年${Number(x.slice(5, 7))}月${Number(x.slice(8, 10))}日`;
  return original.replace(fromName, toName).replace(d(fromDate), d(toDate)).replace('。', '，会议气氛严肃。');
}
