import { Button, Card, Checkbox, Empty, Form, Input, InputNumber, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { chinaToday, formatDate } from '../../../components/dates';
import { osApi, osKeys, type Overview, type Policies, type WeakCase } from '../api';
import { FormModal, SEVERITY_COLOR } from './FormModal';
import { AssessmentEvidence } from '../../assessment/components/AssessmentEvidence';

export function TeamTab({ data, policies }: { data: Overview; policies: Policies }) {
  const qc = useQueryClient();
  const decide = useMutation({
    mutationFn: (id: number) => osApi.decideApproval(id, { decision: 'approve', decidedOn: chinaToday() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: osKeys.all }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title={`现任班子（${data.team.length}人）`}>
        <Table size="small" rowKey="positionId" pagination={false} dataSource={data.team} scroll={{ x: 480 }} data-testid="team-table"
          locale={{ emptyText: '暂无班子成员' }}
          columns={[
            { title: '职务', dataIndex: 'post' },
            { title: '姓名', dataIndex: 'name' },
            { title: '任职日期', dataIndex: 'since', render: formatDate },
            {
              title: '批复/备案', dataIndex: 'approval',
              render: (a: Overview['team'][number]['approval']) => !a ? <Typography.Text type="secondary">—</Typography.Text> : (
                <Space>
                  <Tag color={a.state.startsWith('待') ? 'warning' : a.state === '不予批准' ? 'error' : 'success'}>{a.state}</Tag>
                  {a.state.startsWith('待') && policies.approve && (
                    <Button size="small" loading={decide.isPending} onClick={() => decide.mutate(a.id)}>{a.state === '待批复' ? '批复' : '备案'}</Button>
                  )}
                </Space>
              ),
            },
          ]} />
      </Card>
      <Card size="small" title="任职历史">
        <Table size="small" rowKey="positionId" dataSource={data.history} pagination={{ pageSize: 10 }} scroll={{ x: 480 }} columns={[
          { title: '职务', dataIndex: 'post' }, { title: '姓名', dataIndex: 'name' },
          { title: '起', dataIndex: 'from' }, { title: '止', dataIndex: 'to', render: (d: string | null) => d ?? '至今' }, { title: '依据', dataIndex: 'basis' },
        ]} />
      </Card>
    </Space>
  );
}

export function FindingsTab({ orgId }: { orgId: number }) {
  const q = useQuery({ queryKey: osKeys.structure(orgId), queryFn: () => osApi.structure(orgId) });
  if (!q.data) return <Card loading />;
  const { findings } = q.data.data;
  return (
    <Card size="small" title={`检查发现（${findings.length}项，截至${formatDate(q.data.data.on)}）`} extra={<Link to={`/orgs/${orgId}/org-system/health`}>组织体系体检</Link>}>
      <Table size="small" rowKey={(f) => `${f.orgId}-${f.check}-${f.detail}`} dataSource={findings} pagination={{ pageSize: 20 }} scroll={{ x: 560 }} columns={[
        { title: '组织', dataIndex: 'orgName', render: (n: string, f) => <Link to={`/orgs/${f.orgId}/org-system?tab=findings`}>{n}</Link> },
        { title: '检查项', dataIndex: 'check' },
        { title: '程度', dataIndex: 'severity', render: (s: string) => <Tag color={SEVERITY_COLOR[s]}>{s}</Tag> },
        { title: '说明', dataIndex: 'detail' },
      ]} />
    </Card>
  );
}

export function WeakTab({ orgId, policies }: { orgId: number; policies: Policies }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: osKeys.weak(orgId), queryFn: () => osApi.weak(orgId) });
  const [dialog, setDialog] = useState<{ kind: 'designate' } | { kind: 'progress' | 'close'; c: WeakCase } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: osKeys.all });
  if (!q.data) return <Card loading />;
  const { cases, signals, criteria } = q.data.data;
  const label = (code: string) => criteria.find((c) => c.code === code)?.label ?? code;
  const today = chinaToday();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {signals.length > 0 && (
        <Card size="small" title="自动预警">
          <List size="small" dataSource={signals} renderItem={(s) => (
            <List.Item><Space wrap><Link to={`/orgs/${s.orgId}/org-system?tab=weak`}>{s.orgName}</Link>{s.signals.map((x) => <Tag key={x.code} color="orange">{x.detail}</Tag>)}</Space></List.Item>
          )} />
        </Card>
      )}
      <Card size="small" title="整顿台账" extra={policies.approve && <Button size="small" onClick={() => setDialog({ kind: 'designate' })}>认定软弱涣散</Button>}>
        {cases.length === 0 ? <Empty description="暂无整顿记录" /> : (
          <List dataSource={cases} renderItem={(c) => (
            <List.Item actions={[
              c.state !== '已销号' && c.canRecord && <Button key="p" size="small" onClick={() => setDialog({ kind: 'progress', c })}>录入进展</Button>,
              c.state !== '已销号' && c.canClose && <Button key="c" size="small" onClick={() => setDialog({ kind: 'close', c })}>审核销号</Button>,
            ].filter(Boolean)}>
              <List.Item.Meta
                title={<Space wrap>{c.orgName ?? ''}<Tag color={c.state === '已销号' ? 'success' : 'warning'}>{c.state}</Tag><Typography.Text type="secondary">{c.year}年 · 认定于{formatDate(c.designatedOn)}</Typography.Text></Space>}
                description={<>
                  <div>情形：{c.criteria.map(label).join('、')}</div>
                  <div>措施：{c.measures}{c.firstSecretary ? `；第一书记：${c.firstSecretary}` : ''}{c.villageCadres ? `；驻村干部：${c.villageCadres}` : ''}</div>
                  {c.progress.map((p) => <div key={p.id}>· {formatDate(p.on)} {p.note}</div>)}
                  {c.reviewNote && <div>销号意见：{c.reviewNote}（{formatDate(c.closedOn)}）</div>}
                </>}
              />
            </List.Item>
          )} />
        )}
      </Card>
      <FormModal<{ year: number; designatedOn: string; criteria: string[]; measures: string; firstSecretary?: string; villageCadres?: string }>
        title="认定软弱涣散" testId="weak-form" open={dialog?.kind === 'designate'} onClose={() => setDialog(null)}
        fields={['year', 'designatedOn', 'criteria', 'measures', 'firstSecretary', 'villageCadres']} initialValues={{ year: Number(today.slice(0, 4)), designatedOn: today, criteria: [] }}
        onSubmit={(v) => osApi.designateWeak(orgId, v).then(refresh)}
      >
        {() => (<>
          <Form.Item name="year" label="年度" rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
          <Form.Item name="designatedOn" label="认定日期" rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Form.Item name="criteria" label="认定情形" rules={[{ required: true, message: '请至少选择一项' }]}><Checkbox.Group options={criteria.map((c) => ({ value: c.code, label: c.label }))} /></Form.Item>
          <Form.Item name="measures" label="整顿措施" rules={[{ required: true, message: '请填写整顿措施' }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="firstSecretary" label="第一书记"><Input /></Form.Item>
          <Form.Item name="villageCadres" label="驻村干部"><Input /></Form.Item>
        </>)}
      </FormModal>
      <FormModal<{ on: string; note: string; submitForClosure?: boolean }>
        title="录入整顿进展" testId="weak-progress-form" open={dialog?.kind === 'progress'} onClose={() => setDialog(null)} fields={['on', 'note']} initialValues={{ on: today }}
        onSubmit={(v) => osApi.weakProgress((dialog as { c: WeakCase }).c.id, v).then(refresh)}
      >
        {() => (<>
          <Form.Item name="on" label="日期" rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Form.Item name="note" label="进展情况" rules={[{ required: true, message: '请填写进展情况' }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="submitForClosure" valuePropName="checked"><Checkbox>整改完成，申请销号</Checkbox></Form.Item>
        </>)}
      </FormModal>
      <FormModal<{ closedOn: string; reviewNote: string }>
        title="审核销号" testId="weak-close-form" open={dialog?.kind === 'close'} onClose={() => setDialog(null)} fields={['closedOn', 'reviewNote', 'progress', 'state']} initialValues={{ closedOn: today }}
        onSubmit={(v) => osApi.closeWeak((dialog as { c: WeakCase }).c.id, v).then(refresh)}
      >
        {() => (<>
          <Form.Item name="closedOn" label="销号日期" rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Form.Item name="reviewNote" label="审核意见" rules={[{ required: true, message: '请填写审核意见' }]}><Input.TextArea rows={3} /></Form.Item>
        </>)}
      </FormModal>
    </Space>
  );
}

export function GradingTab({ orgId, isBranch, policies }: { orgId: number; isBranch: boolean; policies: Policies }) {
  const qc = useQueryClient();
  const [year, setYear] = useState(Number(chinaToday().slice(0, 4)) - 1);
  const [open, setOpen] = useState(false);
  const q = useQuery({ queryKey: osKeys.gradings(orgId, year), queryFn: () => osApi.gradings(orgId, year) });
  const data = q.data?.data;
  const counts: Record<string, number> = {};
  for (const g of data?.gradings ?? []) counts[g.grade] = (counts[g.grade] ?? 0) + 1;
  return (
    <Card size="small" title="党支部分类定级" extra={<Space>
      <Select value={year} onChange={setYear} options={[0, 1, 2, 3].map((d) => ({ value: Number(chinaToday().slice(0, 4)) - d, label: `${Number(chinaToday().slice(0, 4)) - d}年度` }))} />
      {isBranch && policies.approve && <Button size="small" onClick={() => setOpen(true)}>评定等次</Button>}
    </Space>}>
      <Space wrap style={{ marginBottom: 12 }}>{Object.entries(counts).map(([g, n]) => <Tag key={g}>{g} {n}个</Tag>)}</Space>
      <Table size="small" rowKey="id" loading={q.isLoading} dataSource={data?.gradings ?? []} pagination={{ pageSize: 20 }} scroll={{ x: 480 }} columns={[
        { title: '党支部', dataIndex: 'orgName' }, { title: '等次', dataIndex: 'grade', render: (g: string) => <Tag color={g === '三类' || g === '差' ? 'red' : g === '一类' || g === '好' ? 'green' : 'blue'}>{g}</Tag> },
        { title: '依据', dataIndex: 'evidence' }, { title: '审定日期', dataIndex: 'approvedOn' },
      ]} />
      {data && (
        <FormModal<{ scheme: string; grade: string; evidence: string; approvedOn: string }>
          title={`评定${year}年度等次`} testId="grade-form" open={open} onClose={() => setOpen(false)} fields={['scheme', 'grade', 'evidence', 'approvedOn']}
          initialValues={{ scheme: data.defaultScheme, approvedOn: chinaToday() }}
          onSubmit={(v) => osApi.grade(orgId, { ...v, year }).then(() => qc.invalidateQueries({ queryKey: osKeys.all }))}
        >
          {(form) => (<>
            <Form.Item name="scheme" label="定级方案"><Select options={Object.entries(data.schemes).map(([k, s]) => ({ value: k, label: s.name }))} onChange={() => form.setFieldValue('grade', undefined)} /></Form.Item>
            <Form.Item noStyle shouldUpdate>{() => (
              <Form.Item name="grade" label="等次" rules={[{ required: true, message: '请选择等次' }]}>
                <Select options={(data.schemes[form.getFieldValue('scheme') as string]?.grades ?? []).map((g) => ({ value: g, label: g }))} />
              </Form.Item>
            )}</Form.Item>
            <AssessmentEvidence orgId={orgId} year={year} />
            <Form.Item name="evidence" label="定级依据" rules={[{ required: true, message: '请填写定级依据' }]}><Input.TextArea rows={3} /></Form.Item>
            <Form.Item name="approvedOn" label="审定日期" rules={[{ required: true }]}><Input type="date" /></Form.Item>
          </>)}
        </FormModal>
      )}
    </Card>
  );
}
