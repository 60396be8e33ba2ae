// Rulebook entries of 党建责任制 (issue 18); see national.ts for the format.
import { ruleMaker } from './define-rule.ts';
import type { RuleEntry } from './rulebook.types.ts';

const rule = ruleMaker('2019-09-01');
const REGULATION = '《中国共产党问责条例》（2019年修订）';
const PRACTICE = '地方实践（组织部门党建工作责任制考核办法）';

export const RESPONSIBILITY_RULES: readonly RuleEntry[] = [
  rule(
    'responsibility.letter.ackDays',
    15,
    'days',
    '责任书下达后应在15日内签收，逾期未签收即预警',
    PRACTICE,
    'L',
  ),
  rule(
    'responsibility.accountability.types',
    ['约谈', '通报批评', '责令检查', '组织处理'],
    'list',
    '问责方式：约谈、通报批评、责令检查、组织处理（条例第八条列检查、通报、改组、组织调整或组织处理；约谈为地方常用方式）',
    `${REGULATION}第八条；${PRACTICE}`,
    'L',
  ),
  rule(
    'responsibility.posts.first',
    ['书记'],
    'list',
    '党组织书记是党建工作第一责任人',
    '《中国共产党党委（党组）落实全面从严治党主体责任规定》（2020年）第八条',
    'C2',
    '2020-03-09',
  ),
  rule(
    'responsibility.posts.dual',
    ['副书记', '组织委员', '宣传委员', '纪检委员', '委员', '青年委员', '统战委员'],
    'list',
    '副书记、委员履行一岗双责',
    '《中国共产党党委（党组）落实全面从严治党主体责任规定》（2020年）第十条',
    'C2',
    '2020-03-09',
  ),
];
