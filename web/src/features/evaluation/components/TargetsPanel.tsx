import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import {
  evaluationApi,
  TARGET_HALF_NAMES,
  type TargetAssessment,
  type TargetHalf,
  type TargetLetter,
  type TargetOverview,
} from '../api';

type Row = TargetOverview['members'][number];

const GRADE_COLOR: Record<string, string> = {
  优秀: 'gold',
  合格: 'green',
  基本合格: 'orange',
  不合格: 'red',
};

function HalfCell({ a }: { a: TargetAssessment | null }) {
  if (!a) return <Typography.Text type="secondary">未考评</Typography.Text>;
  if (!a.grade)
    return a.selfScore !== null ? (
      <Tag>已自评 {a.selfScore}</Tag>
    ) : (
      <Typography.Text type="secondary">未考评</Typography.Text>
    );
  return (
    <Space size={4}>
      <Tag color={GRADE_COLOR[a.grade]}>{a.grade}</Tag>
      <span>{a.score}</span>
    </Space>
  );
}

/** 下达目标责任书: the same items for the chosen members. */
function IssueModal({
  overview,
  personIds,
  onClose,
}: {
  overview: TargetOverview;
  personIds: number[];
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ items: Array<{ title: string; detail?: string }> }>();
  const issue = useMutation({
    mutationFn: (v: { items: Array<{ title: string; detail?: string }> }) =>
      evaluationApi.issueTargets({ orgId: overview.orgId, year: overview.year, personIds, items: v.items }),
    onSuccess: (r) => {
      void message.success(
        `已下达目标责任书${r.created}份${r.skipped.length ? `；${r.skipped.map((s) => s.name).join('、')}已有，未重复下达` : ''}`,
      );
      void qc.invalidateQueries({ queryKey: ['evaluation', 'targets'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['items'])) void message.error(errorMessage(e));
    },
  });
  return (
    <Modal
      open
      title={`下达${overview.year}年度党员目标责任书（${personIds.length}名党员）`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="下达"
      confirmLoading={issue.isPending}
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          items: [
            { title: '坚持学习，每月参加主题党日和“三会一课”', detail: '' },
            { title: '按时足额交纳党费', detail: '' },
            { title: '联系服务群众，全年为群众办实事不少于3件', detail: '' },
          ],
        }}
        onFinish={(v) => issue.mutate(v)}
      >
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[f.name, 'title']}
                    label={i === 0 ? '目标' : undefined}
                    rules={[{ required: true, message: '请填写目标' }]}
                    style={{ width: 340 }}
                  >
                    <Input placeholder="目标内容" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'detail']}
                    label={i === 0 ? '说明' : undefined}
                    style={{ width: 180 }}
                  >
                    <Input placeholder="完成标准（可选）" />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="删除目标" onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ title: '', detail: '' })} icon={<PlusOutlined />}>
                增加目标
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** 互评 and 组织评价 for one member and one half. */
function AssessModal({
  letter,
  half,
  weights,
  onClose,
}: {
  letter: TargetLetter;
  half: TargetHalf;
  weights: TargetOverview['weights'];
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ peerScore?: number | null; orgScore: number; note?: string }>();
  const current = letter[half];
  const save = useMutation({
    mutationFn: (v: { peerScore?: number | null; orgScore: number; note?: string }) =>
      evaluationApi.targetAssess(letter.id, {
        half,
        peerScore: v.peerScore ?? null,
        orgScore: v.orgScore,
        note: v.note ?? '',
      }),
    onSuccess: (a) => {
      void message.success(`${letter.name}${TARGET_HALF_NAMES[half]}考评：${a.score}分，${a.grade}`);
      void qc.invalidateQueries({ queryKey: ['evaluation', 'targets'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['peerScore', 'orgScore', 'note', 'half']))
        void message.error(errorMessage(e));
    },
  });
  return (
    <Modal
      open
      title={`${letter.name} ${letter.year}年${TARGET_HALF_NAMES[half]}目标考评`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存考评"
      confirmLoading={save.isPending}
    >
      <Typography.Paragraph type="secondary">
        权重：个人自评{weights.self}%、党员互评{weights.peer}%、组织评价{weights.org}
        %；未进行的部分按比例分给其余部分。
      </Typography.Paragraph>
      <Typography.Paragraph>
        个人自评：
        {current?.selfScore !== null && current?.selfScore !== undefined
          ? `${current.selfScore}分 — ${current.selfNote ?? ''}`
          : '未提交'}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          peerScore: current?.peerScore ?? undefined,
          orgScore: current?.orgScore ?? undefined,
          note: current?.orgNote ?? '',
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="peerScore" label="党员互评分（0–100，未开展可不填）">
          <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="orgScore"
          label="组织评价分（0–100）"
          rules={[{ required: true, message: '请填写组织评价分' }]}
        >
          <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="note" label="组织评价意见">
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 党员目标管理 of a branch: who has a letter, who acknowledged it, who was assessed. */
export function TargetsPanel({ orgId }: { orgId: number }) {
  const [year, setYear] = useState(new Date().getFullYear());
  const [selected, setSelected] = useState<number[]>([]);
  const [issuing, setIssuing] = useState(false);
  const [assessing, setAssessing] = useState<{ letter: TargetLetter; half: TargetHalf } | null>(null);
  const q = useQuery({
    queryKey: ['evaluation', 'targets', orgId, year],
    queryFn: () => evaluationApi.targets(orgId, year),
  });
  if (q.error) return <Alert type="error" message={errorMessage(q.error)} />;
  const d = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>年度</span>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        <Button
          type="primary"
          disabled={selected.length === 0}
          onClick={() => setIssuing(true)}
          data-testid="issue-targets"
        >
          向选中的{selected.length}名党员下达目标责任书
        </Button>
      </Space>
      {d && (
        <Card size="small">
          <Space size="large" wrap>
            <Statistic title="在册党员" value={d.summary.members} />
            <Statistic title="已下达责任书" value={d.summary.letters} />
            <Statistic title="党员已确认" value={d.summary.acknowledged} />
            <Statistic title="上半年已考评" value={d.summary.assessedH1} />
            <Statistic title="下半年已考评" value={d.summary.assessedH2} />
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            考评权重：自评{d.weights.self}% · 互评{d.weights.peer}% · 组织评价{d.weights.org}%；上半年自
            {d.windows.H1}起、下半年自{d.windows.H2}起考评。
          </Typography.Paragraph>
        </Card>
      )}
      <Table<Row>
        rowKey="personId"
        size="small"
        loading={q.isPending}
        dataSource={d?.members ?? []}
        pagination={false}
        scroll={{ x: true }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as number[]),
          getCheckboxProps: (r) => ({ disabled: r.letter !== null || r.category === '已转出' }),
        }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '类别', dataIndex: 'category' },
          {
            title: '目标责任书',
            render: (_, r) =>
              !r.letter ? (
                <Typography.Text type="secondary">未下达</Typography.Text>
              ) : r.letter.status === 'acknowledged' ? (
                <Tag color="green">已确认（{r.letter.items.length}项）</Tag>
              ) : (
                <Tag color="orange">待党员确认（{r.letter.items.length}项）</Tag>
              ),
          },
          { title: '上半年', render: (_, r) => <HalfCell a={r.letter?.H1 ?? null} /> },
          { title: '下半年', render: (_, r) => <HalfCell a={r.letter?.H2 ?? null} /> },
          {
            title: '操作',
            render: (_, r) =>
              r.letter?.status === 'acknowledged' ? (
                <Space>
                  {(['H1', 'H2'] as const).map((h) => (
                    <Button key={h} size="small" onClick={() => setAssessing({ letter: r.letter!, half: h })}>
                      {TARGET_HALF_NAMES[h]}考评
                    </Button>
                  ))}
                </Space>
              ) : null,
          },
        ]}
      />
      {issuing && d && (
        <IssueModal
          overview={d}
          personIds={selected}
          onClose={() => {
            setIssuing(false);
            setSelected([]);
          }}
        />
      )}
      {assessing && d && (
        <AssessModal
          letter={assessing.letter}
          half={assessing.half}
          weights={d.weights}
          onClose={() => setAssessing(null)}
        />
      )}
    </Space>
  );
}
