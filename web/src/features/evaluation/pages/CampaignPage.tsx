import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  QRCode,
  Radio,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Row,
  Col,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../../components/http';
import { PageLoading } from '../../../components/PageLoading';
import {
  ballotUrl,
  evaluationApi,
  SECRETARY_GRADES,
  type CampaignDetail,
  type LinkedCampaign,
  type SecretaryGrade,
  type Subject,
} from '../api';
import { InterviewsCard, OrderModal, PaperBallotModal } from '../components/CampaignTools';
import { ReportAttachments } from '../components/ReportAttachments';
import { TallyChart } from '../components/TallyChart';

const STEPS = ['reporting', 'voting', 'reviewing', 'published'];
const GRADE_COLOR: Record<string, string> = { 好: 'green', 较好: 'blue', 一般: 'orange', 差: 'red' };

function ReportModal({ subject, onClose }: { subject: Subject; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reportText: string; problems: string }>();
  const save = useMutation({
    mutationFn: (v: { reportText: string; problems: string }) =>
      evaluationApi.submitReport(subject.id, {
        reportText: v.reportText,
        problems: (v.problems ?? '')
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean),
      }),
    onSuccess: () => {
      void message.success('述职报告已提交');
      void qc.invalidateQueries({ queryKey: ['evaluation'] });
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={`${subject.name}的述职报告`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="提交"
      confirmLoading={save.isPending}
    >
      <Typography.Paragraph>
        <Link to={`/orgs/${subject.orgId}/responsibility?tab=summary`} target="_blank">
          查看{subject.orgName}年度履责情况（党建责任清单）
        </Link>
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reportText: subject.reportText ?? '', problems: subject.problems.join('\n') }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="reportText" label="述职报告" rules={[{ required: true, message: '请填写述职报告' }]}>
          <Input.TextArea rows={8} />
        </Form.Item>
        <Form.Item name="problems" label="问题清单（每行一条）">
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
      <Typography.Text strong>附件</Typography.Text>
      <ReportAttachments subject={subject} editable />
    </Modal>
  );
}

function CommentModal({ subject, onClose }: { subject: Subject; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string; grade: SecretaryGrade }>();
  const save = useMutation({
    mutationFn: (v: { text: string; grade: SecretaryGrade }) => evaluationApi.comment(subject.id, v),
    onSuccess: () => {
      void message.success('点评已保存');
      void qc.invalidateQueries({ queryKey: ['evaluation'] });
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={`点评：${subject.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存点评"
      confirmLoading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={subject.comment ?? {}}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="text" label="点评意见" rules={[{ required: true, message: '请填写点评意见' }]}>
          <Input.TextArea rows={5} />
        </Form.Item>
        <Form.Item name="grade" label="点评等次" rules={[{ required: true, message: '请选择点评等次' }]}>
          <Radio.Group options={SECRETARY_GRADES.map((g) => ({ label: g, value: g }))} optionType="button" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function VotingCard({
  c,
  canOpen,
  canClose,
  canPaper,
}: {
  c: CampaignDetail;
  canOpen: boolean;
  canClose: boolean;
  canPaper: boolean;
}) {
  const [paper, setPaper] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [expected, setExpected] = useState<number | null>(null);
  const [tokens, setTokens] = useState<string[]>([]);
  const open = useMutation({
    mutationFn: () => evaluationApi.openVoting(c.id, expected ?? 0),
    onSuccess: (r) => {
      setTokens(r.tokens);
      void qc.invalidateQueries({ queryKey: ['evaluation'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const close = useMutation({
    mutationFn: () => evaluationApi.closeBox(c.voting!.boxId),
    onSuccess: () => {
      void message.success('民主测评已结束');
      void qc.invalidateQueries({ queryKey: ['evaluation'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card size="small" title="民主测评（无记名）">
      {c.voting ? (
        <Row gutter={16}>
          <Col xs={8}>
            <Statistic title="应参加" value={c.voting.expected} />
          </Col>
          <Col xs={8}>
            <Statistic title="已投票" value={c.voting.cast} />
          </Col>
          <Col xs={8}>
            <Statistic title="参加率" value={c.voting.turnoutPercent} suffix="%" />
          </Col>
          <Col span={24} style={{ marginTop: 8 }}>
            {c.voting.quorumMet ? (
              <Tag color="green">参加人数符合有效要求</Tag>
            ) : (
              <Tag color="orange">参加人数尚未达到有效要求</Tag>
            )}
            {c.voting.status === 'open' ? <Tag color="processing">投票进行中</Tag> : <Tag>投票已结束</Tag>}
            {canPaper && c.voting.status === 'open' && (
              <Button
                size="small"
                onClick={() => setPaper(true)}
                style={{ marginRight: 8 }}
                data-testid="paper-ballot"
              >
                录入纸质选票
              </Button>
            )}
            {canClose && c.voting.status === 'open' && (
              <Button size="small" danger onClick={() => close.mutate()} loading={close.isPending}>
                结束投票
              </Button>
            )}
          </Col>
        </Row>
      ) : canOpen ? (
        <Space wrap>
          应参加测评人数{' '}
          <InputNumber
            min={1}
            max={2000}
            value={expected}
            onChange={setExpected}
            data-testid="expected-voters"
          />
          <Button type="primary" disabled={!expected} onClick={() => open.mutate()} loading={open.isPending}>
            开始民主测评并生成选票
          </Button>
        </Space>
      ) : (
        <Typography.Text type="secondary">述职报告全部提交后开始民主测评。</Typography.Text>
      )}
      {paper && <PaperBallotModal c={c} onClose={() => setPaper(false)} />}
      {tokens.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Paragraph type="warning">
            以下选票二维码和链接只显示这一次（系统只保存其摘要），请立即打印或分发，每张只能投一次。
          </Typography.Paragraph>
          <Space wrap>
            {tokens.map((t, i) => (
              <Card key={t} size="small" style={{ width: 180 }}>
                <QRCode value={ballotUrl(t)} size={140} />
                <Typography.Link
                  href={ballotUrl(t)}
                  target="_blank"
                  data-testid="ballot-link"
                  copyable={{ text: ballotUrl(t) }}
                >
                  选票 {i + 1}
                </Typography.Link>
              </Card>
            ))}
          </Space>
        </div>
      )}
    </Card>
  );
}

function LinkedCard({ id }: { id: number }) {
  const q = useQuery({
    queryKey: ['evaluation', 'linked', id],
    queryFn: () => evaluationApi.linked(id),
    retry: false,
  });
  if (!q.data || q.data.campaigns.length <= 1) return null;
  return (
    <Card size="small" title="三级联述联评联考">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={q.data.campaigns}
        scroll={{ x: true }}
        columns={[
          {
            title: '开展单位',
            dataIndex: 'orgName',
            render: (n: string, c) => <Link to={`/evaluation/campaigns/${c.id}`}>{n}</Link>,
          },
          { title: '状态', dataIndex: 'statusName' },
          { title: '述职人数', dataIndex: 'subjects' },
          ...SECRETARY_GRADES.map((g) => ({
            title: g,
            render: (_: unknown, c: LinkedCampaign) => c.grades[g] ?? 0,
          })),
          {
            title: '整改（销号/总数）',
            render: (_: unknown, c: LinkedCampaign) =>
              `${c.rectifications.closed}/${c.rectifications.total}${c.rectifications.overdue ? `，逾期${c.rectifications.overdue}` : ''}`,
          },
        ]}
      />
    </Card>
  );
}

/** One 述职评议 campaign: reports, 民主测评, 点评, results and follow-up. */
export function CampaignPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [report, setReport] = useState<Subject | null>(null);
  const [comment, setComment] = useState<Subject | null>(null);
  const [ordering, setOrdering] = useState(false);
  const q = useQuery({ queryKey: ['evaluation', 'campaign', id], queryFn: () => evaluationApi.campaign(id) });
  const publish = useMutation({
    mutationFn: () => evaluationApi.publish(id, q.data!.campaign.orgId),
    onSuccess: (r) => {
      void message.success(`结果已公布${r.rectifications ? `，生成整改事项${r.rectifications}项` : ''}`);
      void qc.invalidateQueries({ queryKey: ['evaluation'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (q.isPending) return <PageLoading />;
  if (q.error) return <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>;
  const { campaign: c, policies } = q.data;
  const published = c.status === 'published';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={c.title} extra={<Link to={`/orgs/${c.orgId}/evaluation`}>返回评议考核</Link>}>
        <Steps
          size="small"
          current={STEPS.indexOf(c.status)}
          items={[
            { title: '述职准备' },
            { title: '民主测评' },
            { title: '点评和综合评价' },
            { title: '结果公布' },
          ]}
        />
        <Descriptions size="small" style={{ marginTop: 12 }} column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="开展单位">{c.orgName}</Descriptions.Item>
          <Descriptions.Item label="年度">{c.year}</Descriptions.Item>
          <Descriptions.Item label="权重">
            测评{c.weights.vote}% · 平台指标{c.weights.indicators}% · 点评{c.weights.comment}%
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {policies.order && (
        <Space>
          <Button onClick={() => setOrdering(true)} data-testid="set-order">
            调整述职顺序
          </Button>
        </Space>
      )}
      <Table<Subject>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...c.subjects].sort((a, b) => a.reportOrder - b.reportOrder)}
        scroll={{ x: true }}
        onRow={(s) => ({ 'data-testid': `subject-${s.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '序', dataIndex: 'reportOrder', width: 40 },
          { title: '书记', dataIndex: 'name' },
          { title: '组织', dataIndex: 'orgName' },
          {
            title: '述职报告',
            render: (_, s) => (
              <Space>
                {s.submittedAt ? <Tag color="green">已提交</Tag> : <Tag>未提交</Tag>}
                {policies.submitReport && (
                  <Button size="small" onClick={() => setReport(s)}>
                    述职报告
                  </Button>
                )}
              </Space>
            ),
          },
          {
            title: '测评（好/较好/一般/差）',
            render: (_, s) => SECRETARY_GRADES.map((g) => s.tally[g] ?? 0).join(' / '),
          },
          {
            title: '点评',
            render: (_, s) => (
              <Space>
                {s.comment && <Tag color={GRADE_COLOR[s.comment.grade]}>{s.comment.grade}</Tag>}
                {policies.comment && c.status !== 'reporting' && (
                  <Button size="small" onClick={() => setComment(s)}>
                    点评
                  </Button>
                )}
              </Space>
            ),
          },
          { title: '综合得分', dataIndex: 'score', render: (x: number | null) => x ?? '—' },
          {
            title: '综合评价',
            dataIndex: 'grade',
            render: (g: string | null) =>
              g ? (
                <Tag color={GRADE_COLOR[g]} data-testid="subject-grade">
                  {g}
                </Tag>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <VotingCard
        c={c}
        canOpen={policies.openVoting}
        canClose={policies.comment}
        canPaper={policies.paperBallot === true}
      />
      {c.voting && c.voting.cast > 0 && (c.voting.status === 'closed' || policies.comment) && (
        <Card size="small" title="测评结果">
          <TallyChart subjects={c.subjects} />
        </Card>
      )}
      {policies.publish && (
        <Card size="small">
          <Button type="primary" onClick={() => publish.mutate()} loading={publish.isPending}>
            综合评价并公布结果
          </Button>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            一般、差等次将生成约谈记录和整改事项。
          </Typography.Text>
        </Card>
      )}
      {published && (
        <Card size="small" title="约谈和整改">
          <Space wrap>
            <Statistic title="约谈" value={c.interviews.length} />
            <Statistic title="整改事项" value={c.rectifications.total} />
            <Statistic title="已销号" value={c.rectifications.closed} />
            <Statistic title="逾期" value={c.rectifications.overdue} />
            <Link to={`/orgs/${c.orgId}/evaluation?tab=rectifications`}>查看整改台账</Link>
          </Space>
        </Card>
      )}
      {published && <InterviewsCard c={c} canRecord={policies.interview === true} />}
      <LinkedCard id={c.id} />
      {ordering && <OrderModal c={c} onClose={() => setOrdering(false)} />}
      {report && (
        <ReportModal
          subject={c.subjects.find((x) => x.id === report.id) ?? report}
          onClose={() => setReport(null)}
        />
      )}
      {comment && <CommentModal subject={comment} onClose={() => setComment(null)} />}
    </Space>
  );
}
