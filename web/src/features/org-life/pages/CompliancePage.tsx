import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Result, Segmented, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { chinaToday } from '../../../components/dates';
import { errorMessage, isApiError } from '../../../components/http';
import { NoPermission } from '../../../components/NoPermission';
import { useMediaQuery } from '../../../components/use-media-query';
import { HEATMAP_TYPES, type ComplianceData, type HeatmapData } from '../api';
import { useCompliance, useHeatmap } from '../hooks';

const VALUE: Record<string, number> = { 不适用: 0, 未达标: 1, 达标: 2 };
const FINDING_LABEL: Record<string, string> = {
  ATTENDANCE_LOW: '到会率低', QUORUM_NOT_MET: '未达法定人数', MINUTES_MISSING: '无会议记录', MINUTES_SHORT: '记录过短', RECORD_LATE: '补记', MINUTES_SIMILAR: '记录雷同',
};

async function exportExcel(heat: HeatmapData, findings: ComplianceData['findings']) {
  const { Workbook } = await import('exceljs');
  const wb = new Workbook();
  const ws = wb.addWorksheet(`${heat.type}达标`);
  ws.addRow(['组织编码', '组织名称', ...heat.months.map((m) => `${Number(m.slice(5))}月`)]);
  for (const r of heat.rows) ws.addRow([r.orgCode, r.orgName, ...r.cells.map((c) => c.status)]);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 28 : 10));
  const fs = wb.addWorksheet('质量问题');
  fs.addRow(['组织编码', '组织名称', '问题', '说明']);
  for (const f of findings) fs.addRow([f.orgCode, f.orgName, FINDING_LABEL[f.code] ?? f.code, f.detail]);
  fs.getRow(1).font = { bold: true };
  fs.columns.forEach((c, i) => (c.width = i === 3 ? 80 : 16));
  const buffer = await wb.xlsx.writeBuffer();
  const url = URL.createObjectURL(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${heat.org.name}${heat.year}年${heat.type}达标情况.xlsx`;
  a.click();
  URL.revokeObjectURL(url);
}

export function CompliancePage() {
  const orgId = Number(useParams().orgId);
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const wide = useMediaQuery('(min-width: 768px)');
  const thisYear = Number(chinaToday().slice(0, 4));
  const year = Number(params.get('year') ?? thisYear);
  const type = params.get('type') ?? '主题党日';
  const view = params.get('view') ?? 'chart';
  const heat = useHeatmap(orgId, year, type);
  const report = useCompliance(orgId, year);
  const set = (k: string, v: string) => setParams((p) => { const n = new URLSearchParams(p); n.set(k, v); return n; }, { replace: true });

  const option = useMemo(() => {
    if (!heat.data) return null;
    const rows = heat.data.rows;
    const data: [number, number, number][] = [];
    rows.forEach((r, y) => r.cells.forEach((c, x) => data.push([x, y, VALUE[c.status] ?? 0])));
    return {
      tooltip: { formatter: (p: { data: [number, number, number] }) => { const r = rows[p.data[1]]!; const c = r.cells[p.data[0]]!; return `${r.orgName}<br/>${c.month}：${c.status}（${c.unit}已召开${c.held}次）`; } },
      grid: { left: wide ? 200 : 90, right: 16, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: heat.data.months.map((m) => `${Number(m.slice(5))}月`), splitArea: { show: true } },
      yAxis: { type: 'category', data: rows.map((r) => r.orgName), inverse: true, axisLabel: { width: wide ? 190 : 80, overflow: 'truncate' } },
      visualMap: { type: 'piecewise', orient: 'horizontal', top: 0, left: 'center', pieces: [{ value: 2, label: '达标', color: '#52c41a' }, { value: 1, label: '未达标', color: '#ff4d4f' }, { value: 0, label: '不适用', color: '#e8e8e8' }] },
      dataZoom: rows.length > 30 ? [{ type: 'slider', yAxisIndex: 0, right: 0, startValue: 0, endValue: 29 }, { type: 'inside', yAxisIndex: 0 }] : [],
      series: [{ type: 'heatmap', data, label: { show: false }, emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
    };
  }, [heat.data, wide]);

  const err = heat.error ?? report.error;
  if (err) {
    if (isApiError(err) && err.status === 403) return <NoPermission homePath="/" />;
    return <Result status="error" title="加载达标情况失败" subTitle={errorMessage(err)} />;
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`${heat.data?.org.name ?? ''} 组织生活达标情况`}
        extra={<Button icon={<DownloadOutlined />} disabled={!heat.data || !report.data} onClick={() => void exportExcel(heat.data!, report.data!.findings)}>导出Excel</Button>}
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select aria-label="年份" value={year} style={{ width: 100 }} onChange={(v) => set('year', String(v))} options={[0, 1, 2, 3].map((i) => ({ value: thisYear - i, label: `${thisYear - i}年` }))} />
          <Select aria-label="会议类型" value={type} style={{ width: 160 }} onChange={(v) => set('type', v)} options={HEATMAP_TYPES.map((t) => ({ value: t, label: t }))} />
          <Segmented value={view} onChange={(v) => set('view', String(v))} options={[{ value: 'chart', label: '热力图' }, { value: 'table', label: '表格' }]} />
        </Space>
        {!heat.data ? (
          <Skeleton active />
        ) : heat.data.rows.length === 0 ? (
          <Empty description="该组织下没有需要召开此类会议的组织" />
        ) : view === 'chart' && option ? (
          <>
            <Typography.Text type="secondary">点击方格查看该组织的会议日历</Typography.Text>
            <ReactECharts option={option} style={{ height: Math.min(900, 80 + Math.min(heat.data.rows.length, 30) * 24) }} onEvents={{ click: (p: { data: [number, number, number] }) => { const r = heat.data!.rows[p.data[1]]; if (r) void navigate(`/orgs/${r.orgId}/org-life`); } }} />
          </>
        ) : (
          <Table
            size="small" rowKey="orgId" dataSource={heat.data.rows} scroll={{ x: true }} pagination={{ pageSize: 50 }}
            columns={[
              { title: '组织', dataIndex: 'orgName', key: 'org', fixed: 'left', render: (v: string, r) => <Link to={`/orgs/${r.orgId}/org-life`}>{v}</Link> },
              ...heat.data.months.map((m, i) => ({
                title: `${Number(m.slice(5))}月`, key: m,
                render: (_: unknown, r: HeatmapData['rows'][number]) => { const s = r.cells[i]!.status; return <Tag data-testid={`cell-${r.orgCode}-${m}`} color={s === '达标' ? 'green' : s === '未达标' ? 'red' : 'default'}>{s}</Tag>; },
              })),
            ]}
          />
        )}
      </Card>
      <Card title={`${year}年质量问题`} size="small">
        {!report.data ? <Skeleton active /> : <FindingsTable findings={report.data.findings} />}
      </Card>
    </Space>
  );
}

function FindingsTable({ findings }: { findings: ComplianceData['findings'] }) {
  const [code, setCode] = useState<string | undefined>(undefined);
  const rows = code ? findings.filter((f) => f.code === code) : findings;
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return (
    <>
      {findings.length === 0 && <Alert type="success" showIcon message="未发现质量问题" />}
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag.CheckableTag checked={!code} onChange={() => setCode(undefined)}>全部 {findings.length}</Tag.CheckableTag>
        {[...counts].map(([c, n]) => <Tag.CheckableTag key={c} checked={code === c} onChange={() => setCode(c)}>{FINDING_LABEL[c] ?? c} {n}</Tag.CheckableTag>)}
      </Space>
      <Table
        size="small" rowKey={(f) => `${f.code}-${f.meetingId ?? ''}-${f.otherMeetingId ?? ''}-${f.orgCode}`} dataSource={rows} pagination={{ pageSize: 20 }} scroll={{ x: true }}
        columns={[
          { title: '组织', dataIndex: 'orgName', key: 'org' },
          { title: '问题', dataIndex: 'code', key: 'code', render: (c: string) => <Tag color={c === 'MINUTES_SIMILAR' ? 'purple' : 'orange'}>{FINDING_LABEL[c] ?? c}</Tag> },
          { title: '说明', dataIndex: 'detail', key: 'detail' },
          { title: '记录', key: 'links', render: (_: unknown, f: ComplianceData['findings'][number]) => <Space>{f.meetingId && <Link to={`/org-life/meetings/${f.meetingId}`}>查看</Link>}{f.otherMeetingId && <Link to={`/org-life/meetings/${f.otherMeetingId}`}>对照记录</Link>}</Space> },
        ]}
      />
    </>
  );
}
