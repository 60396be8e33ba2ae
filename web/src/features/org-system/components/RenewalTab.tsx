import { Button, Card, Descriptions, Empty, Form, Input, InputNumber, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { chinaToday, formatDate } from '../../../components/dates';
import { osApi, osKeys, type Overview, type Policies } from '../api';
import { FormModal, STATUS_COLOR } from './FormModal';

const STAGES = ['已请示', '已批复', '已选举', '已完成'];
const POSTS = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '委员'];
type Dialog = 'request' | 'approve' | 'election' | 'report' | 'term' | null;

interface ElectionForm {
  heldOn: string;
  expected: number;
  present: number;
  rows: { personId: number; votes: number; post?: string }[];
}

export function RenewalTab({ data, policies }: { data: Overview; policies: Policies }) {
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const orgId = data.org.id;
  const open = data.openRenewal;
  const refresh = () => qc.invalidateQueries({ queryKey: osKeys.all });
  const candidates = useQuery({ queryKey: osKeys.candidates(orgId), queryFn: () => osApi.candidates(orgId), enabled: dialog === 'election' });
  const today = chinaToday();
  const mutate = useMutation({ mutationFn: (fn: () => Promise<unknown>) => fn(), onSuccess: refresh });
  const run = (fn: () => Promise<unknown>) => mutate.mutateAsync(fn);

  if (!data.hasTerms) return <Empty description={`${data.org.kind}不实行任期制`} />;
  const term = data.currentTerm;
  const stageIndex = open ? STAGES.indexOf(open.stage) + 1 : 0;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title="本届任期" extra={policies.approve && !term && <Button size="small" onClick={() => setDialog('term')} data-testid="term-record">录入届期</Button>}>
        {term ? (
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} items={[
            { key: 'n', label: '届次', children: `第${term.number}届` },
            { key: 'e', label: '选举日期', children: formatDate(term.electedOn) },
            { key: 'y', label: '任期', children: `${term.years}年${term.adjustMonths ? `（经批准${term.adjustMonths > 0 ? '延期' : '提前'}${Math.abs(term.adjustMonths)}个月）` : ''}` },
            { key: 't', label: '届满日期', children: <span data-testid="term-end">{formatDate(term.termEnd)}</span> },
            { key: 's', label: '状态', children: <Tag color={STATUS_COLOR[term.status ?? '']} data-testid="term-status">{term.status}</Tag> },
          ]} />
        ) : (
          <Typography.Text type="secondary" data-testid="term-status">未录入届期</Typography.Text>
        )}
      </Card>

      <Card size="small" title="换届工作" data-testid="renewal-card">
        <Steps size="small" current={stageIndex} items={[{ title: '请示' }, { title: '批复' }, { title: '选举' }, { title: '报告' }]} style={{ marginBottom: 16 }} />
        {open ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text data-testid="renewal-stage">当前环节：{open.stage}</Typography.Text>
            <Typography.Text type="secondary">请示日期 {formatDate(open.requestedOn)}，拟选举 {formatDate(open.plannedOn)}，应选 {open.seats} 人{open.approvalRef ? `；批复 ${open.approvalRef}` : ''}</Typography.Text>
            {open.election && (
              <Table size="small" rowKey="personId" pagination={false} dataSource={open.election.candidates} columns={[
                { title: '候选人', dataIndex: 'name' }, { title: '得票', dataIndex: 'votes' },
                { title: '结果', dataIndex: 'elected', render: (e: boolean) => (e ? <Tag color="success">当选</Tag> : <Tag>未当选</Tag>) },
              ]} />
            )}
            <Space wrap>
              {open.stage === '已请示' && policies.approve && <Button type="primary" onClick={() => setDialog('approve')} data-testid="renewal-approve">批复</Button>}
              {open.stage === '已请示' && !policies.approve && <Typography.Text type="secondary">等待上级党组织批复</Typography.Text>}
              {open.stage === '已批复' && policies.record && <Button type="primary" onClick={() => setDialog('election')} data-testid="renewal-election">录入选举结果</Button>}
              {open.stage === '已选举' && policies.record && <Button type="primary" onClick={() => setDialog('report')} data-testid="renewal-report">报告选举结果</Button>}
            </Space>
          </Space>
        ) : policies.record ? (
          <Button type="primary" onClick={() => setDialog('request')} data-testid="renewal-request">换届请示</Button>
        ) : (
          <Typography.Text type="secondary">暂无进行中的换届</Typography.Text>
        )}
      </Card>

      <Card size="small" title="历届">
        <Table size="small" rowKey="id" pagination={false} dataSource={data.terms} scroll={{ x: 480 }} columns={[
          { title: '届次', dataIndex: 'number', render: (n: number) => `第${n}届` },
          { title: '选举日期', dataIndex: 'electedOn' },
          { title: '届满日期', dataIndex: 'termEnd' },
          { title: '结束', dataIndex: 'endedOn', render: (d: string | null, t) => d ?? <Tag color={STATUS_COLOR[t.status ?? '']}>{t.status}</Tag> },
        ]} />
      </Card>

      <FormModal<{ requestedOn: string; plannedOn: string; seats: number; note?: string }>
        title="换届请示" testId="renewal-request-form" open={dialog === 'request'} onClose={() => setDialog(null)}
        fields={['requestedOn', 'plannedOn', 'seats', 'note']} initialValues={{ requestedOn: today, plannedOn: today, seats: data.fullMembers >= 7 ? 5 : 1 }}
        onSubmit={(v) => run(() => osApi.requestRenewal(orgId, v))}
      >
        {() => (<>
          <Form.Item name="requestedOn" label="请示日期" rules={[{ required: true, message: '请填写请示日期' }]}><Input type="date" /></Form.Item>
          <Form.Item name="plannedOn" label="拟选举日期" rules={[{ required: true, message: '请填写拟选举日期' }]}><Input type="date" /></Form.Item>
          <Form.Item name="seats" label="应选人数" rules={[{ required: true, message: '请填写应选人数' }]}><InputNumber min={1} max={15} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="note" label="请示内容"><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
        </>)}
      </FormModal>

      <FormModal<{ approvedOn: string; approvalRef: string }>
        title="批复换届请示" testId="renewal-approve-form" open={dialog === 'approve'} onClose={() => setDialog(null)}
        fields={['approvedOn', 'approvalRef']} initialValues={{ approvedOn: today }}
        onSubmit={(v) => run(() => osApi.approveRenewal(open!.id, v))}
      >
        {() => (<>
          <Form.Item name="approvedOn" label="批复日期" rules={[{ required: true, message: '请填写批复日期' }]}><Input type="date" /></Form.Item>
          <Form.Item name="approvalRef" label="批复文号" rules={[{ required: true, message: '请填写批复文号' }]}><Input maxLength={100} /></Form.Item>
        </>)}
      </FormModal>

      <FormModal<ElectionForm>
        title="录入选举结果" testId="election-form" open={dialog === 'election'} onClose={() => setDialog(null)}
        fields={['heldOn', 'expected', 'present', 'candidates', 'posts']} initialValues={{ heldOn: today, rows: [{ personId: undefined as unknown as number, votes: 0, post: '书记' }] }}
        onSubmit={(v) => run(() => osApi.recordElection(open!.id, {
          heldOn: v.heldOn, expected: v.expected, present: v.present,
          candidates: v.rows.map((r) => ({ personId: r.personId, votes: r.votes })),
          posts: v.rows.filter((r) => r.post).map((r) => ({ personId: r.personId, post: r.post! })),
        }))}
      >
        {() => (<>
          <Typography.Paragraph type="secondary">本组织正式党员 {data.fullMembers} 人；到会人数须超过应到会人数的五分之四，得票超过实到会人数一半方可当选。</Typography.Paragraph>
          <Form.Item name="heldOn" label="选举日期" rules={[{ required: true, message: '请填写选举日期' }]}><Input type="date" /></Form.Item>
          <Space wrap>
            <Form.Item name="expected" label="应到会人数" rules={[{ required: true, message: '请填写应到会人数' }]}><InputNumber min={0} data-testid="election-expected" /></Form.Item>
            <Form.Item name="present" label="实到会人数" rules={[{ required: true, message: '请填写实到会人数' }]}><InputNumber min={0} data-testid="election-present" /></Form.Item>
          </Space>
          <Form.List name="rows">
            {(fields, { add, remove }) => (<>
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="baseline" data-testid={`candidate-row-${i}`}>
                  <Form.Item name={[f.name, 'personId']} rules={[{ required: true, message: '请选择候选人' }]}>
                    <Select style={{ width: 140 }} placeholder="候选人" showSearch optionFilterProp="label" loading={candidates.isLoading}
                      options={(candidates.data?.data ?? []).map((c) => ({ value: c.personId, label: c.name }))} data-testid={`candidate-person-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'votes']} rules={[{ required: true, message: '请填写得票' }]}><InputNumber min={0} placeholder="得票" data-testid={`candidate-votes-${i}`} /></Form.Item>
                  <Form.Item name={[f.name, 'post']}><Select style={{ width: 120 }} allowClear placeholder="当选后职务" options={POSTS.map((p) => ({ value: p, label: p }))} /></Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button onClick={() => add({ votes: 0 })} data-testid="candidate-add">添加候选人</Button>
            </>)}
          </Form.List>
        </>)}
      </FormModal>

      <FormModal<{ reportedOn: string; note?: string }>
        title="报告选举结果" testId="renewal-report-form" open={dialog === 'report'} onClose={() => setDialog(null)}
        fields={['reportedOn', 'note']} initialValues={{ reportedOn: today }} okText="报告并产生新一届班子"
        onSubmit={(v) => run(() => osApi.reportRenewal(open!.id, v))}
      >
        {() => (<>
          <Typography.Paragraph type="secondary">报告后本届结束、新一届开始，原班子成员职务于选举日终止，新当选人员任职（书记、副书记待上级批复，委员报上级备案）。</Typography.Paragraph>
          <Form.Item name="reportedOn" label="报告日期" rules={[{ required: true, message: '请填写报告日期' }]}><Input type="date" /></Form.Item>
          <Form.Item name="note" label="报告内容"><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
        </>)}
      </FormModal>

      <FormModal<{ number: number; electedOn: string }>
        title="录入届期" testId="term-form" open={dialog === 'term'} onClose={() => setDialog(null)} fields={['number', 'electedOn']}
        onSubmit={(v) => run(() => osApi.recordTerm(orgId, v))}
      >
        {() => (<>
          <Form.Item name="number" label="届次" rules={[{ required: true, message: '请填写届次' }]}><InputNumber min={1} /></Form.Item>
          <Form.Item name="electedOn" label="选举日期" rules={[{ required: true, message: '请填写选举日期' }]}><Input type="date" /></Form.Item>
        </>)}
      </FormModal>
    </Space>
  );
}
