// Documents generated from the record: the 公示 notice and the 支部大会决议, as .docx.
// A .docx is a zip of XML parts; no library is installed, so this writes a stored (uncompressed)
// zip with CRC-32 from node:zlib. Word, WPS and LibreOffice open it; Chinese text needs no
// embedded font (the reader's 宋体/仿宋 are used).
import { crc32 } from 'node:zlib';

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface Entry {
  name: string;
  data: Buffer;
}

/** A zip archive, store method (0), no data descriptors. */
export function zipStore(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  // 2026-01-01 00:00 in DOS time: fixed, so the same record yields the same bytes.
  const dosTime = 0;
  const dosDate = ((2026 - 1980) << 9) | (1 << 5) | 1;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, e.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

export interface Paragraph {
  text: string;
  align?: 'center' | 'right' | 'both';
  bold?: boolean;
  size?: number; // half-points
  indent?: boolean;
}

function paragraphXml(p: Paragraph): string {
  const ppr = `<w:pPr>${p.align ? `<w:jc w:val="${p.align}"/>` : ''}${p.indent ? '<w:ind w:firstLineChars="200" w:firstLine="640"/>' : ''}<w:spacing w:line="560" w:lineRule="exact"/></w:pPr>`;
  const rpr = `<w:rPr><w:rFonts w:ascii="仿宋" w:hAnsi="仿宋" w:eastAsia="${p.bold ? '黑体' : '仿宋'}"/>${p.bold ? '<w:b/>' : ''}<w:sz w:val="${p.size ?? 32}"/><w:szCs w:val="${p.size ?? 32}"/></w:rPr>`;
  return `<w:p>${ppr}<w:r>${rpr}<w:t xml:space="preserve">${xmlEscape(p.text)}</w:t></w:r></w:p>`;
}

export function buildDocx(paragraphs: readonly Paragraph[]): Buffer {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}"><w:body>${paragraphs.map(paragraphXml).join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const types = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
  return zipStore([
    { name: '[Content_Types].xml', data: Buffer.from(types, 'utf8') },
    { name: '_rels/.rels', data: Buffer.from(rels, 'utf8') },
    { name: 'word/document.xml', data: Buffer.from(document, 'utf8') },
  ]);
}

function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function cnMonth(iso: string): string {
  const [y, m] = iso.split('-').map(Number);
  return `${y}年${m}月`;
}

export interface DocFacts {
  name: string;
  gender: string;
  birthDate: string;
  branchName: string;
  committeeName: string;
  appliedOn: string;
  activistOn: string | null;
  targetOn: string | null;
}

const PUBLICITY_TITLE: Record<number, string> = {
  7: '拟确定为发展对象',
  13: '拟接收为中共预备党员',
  23: '预备党员拟转为正式党员',
};

export function publicityNotice(
  f: DocFacts,
  step: number,
  start: string,
  end: string,
  issuedOn: string,
): Paragraph[] {
  const what = PUBLICITY_TITLE[step] ?? '发展党员';
  return [
    { text: `关于${f.name}同志${what}的公示`, align: 'center', bold: true, size: 44 },
    { text: '' },
    {
      text: `根据《中国共产党发展党员工作细则》的规定，经${f.branchName}研究，${f.name}同志${what}，现予以公示。`,
      indent: true,
    },
    {
      text: `${f.name}，${f.gender}，${cnMonth(f.birthDate)}出生，${cnDate(f.appliedOn)}递交入党申请书${f.activistOn ? `，${cnDate(f.activistOn)}被确定为入党积极分子` : ''}${f.targetOn && step !== 7 ? `，${cnDate(f.targetOn)}被列为发展对象` : ''}。`,
      indent: true,
    },
    { text: `公示时间：${cnDate(start)}至${cnDate(end)}。`, indent: true },
    {
      text: `公示期间，党员和群众可通过来信、来电、来访等方式向${f.branchName}或${f.committeeName}反映情况。反映情况应实事求是，以个人名义反映的请署真实姓名。`,
      indent: true,
    },
    { text: '' },
    { text: f.branchName, align: 'right' },
    { text: cnDate(issuedOn), align: 'right' },
  ];
}

export interface ResolutionFacts extends DocFacts {
  meetingOn: string;
  fullMembers: number;
  excluded: number;
  /** Full members under 留党察看 on the meeting date (no 表决权); absent on older records. */
  suspended?: number;
  present: number;
  for: number;
  against: number;
  abstain: number;
  passed: boolean;
  introducers: string[];
  purpose: '接收预备党员' | '预备党员转正';
}

export function branchResolution(f: ResolutionFacts): Paragraph[] {
  const expected = f.fullMembers - (f.suspended ?? 0) - f.excluded;
  const suspended = f.suspended ? `，受留党察看处分没有表决权${f.suspended}名` : '';
  const subject =
    f.purpose === '接收预备党员' ? `接收${f.name}同志为中共预备党员` : `${f.name}同志由预备党员转为正式党员`;
  return [
    { text: `${f.branchName}`, align: 'center', bold: true, size: 40 },
    { text: `关于${subject}的决议`, align: 'center', bold: true, size: 40 },
    { text: '' },
    {
      text: `${cnDate(f.meetingOn)}，${f.branchName}召开支部党员大会，讨论${subject}的问题。支部有正式党员${f.fullMembers}名${suspended}，经批准不计入应到会人数${f.excluded}名，应到会有表决权的正式党员${expected}名，实到${f.present}名，符合规定人数。`,
      indent: true,
    },
    ...(f.introducers.length
      ? [
          {
            text: `会上，${f.name}同志汇报了对党的认识、入党动机和本人履历等情况，入党介绍人${f.introducers.join('、')}同志介绍了其有关情况，支部委员会报告了审查情况，与会党员进行了充分讨论。`,
            indent: true,
          },
        ]
      : [{ text: '与会党员进行了充分讨论。', indent: true }]),
    {
      text: `经无记名投票表决，赞成${f.for}票，反对${f.against}票，弃权${f.abstain}票。赞成票${f.passed ? '超过' : '未超过'}应到会有表决权的正式党员的半数，${f.passed ? `同意${subject}，报上级党委审批` : '未获通过'}。`,
      indent: true,
    },
    { text: '' },
    { text: `${f.branchName}`, align: 'right' },
    { text: cnDate(f.meetingOn), align: 'right' },
  ];
}
