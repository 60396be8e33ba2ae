import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  type FormInstance,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Result,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { GRADES, STATUS_COLORS, STATUS_LABELS, commitmentsApi, type CommitmentDetail } from '../api';
import { ProgressPhotos } from './ProgressPhotos';
import { SatisfactionCard } from './SatisfactionCard';

/** One write on this commitment: success message, form reset, cache refresh, field errors on the form. */
function useAction<T>(
  id: number,
  fn: (v: T) => Promise<unknown>,
  done: string,
  form?: FormInstance,
  fields: string[] = [],
) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void message.success(done);
      form?.resetFields();
      void qc.invalidateQueries({ queryKey: ['commitments'] });
      void qc.invalidateQueries({ queryKey: ['commitment', id] });
    },
    onError: (e) => {
      if (!form || !applyFieldErrors(form, e, fields)) void message.error(errorMessage(e));
    },
  });
}

function Actions({
  c,
  canEdit,
  canGrade,
  canReview,
}: {
  c: CommitmentDetail;
  canEdit: boolean;
  canGrade: boolean;
  canReview: boolean;
}) {
  const [opinionForm] = Form.useForm();
  const [progressForm] = Form.useForm();
  const [gradeForm] = Form.useForm();
  const [reviewForm] = Form.useForm();
  const open = useAction(
    c.id,
    (v: { endsOn: string }) => commitmentsApi.openOpinion(c.id, v.endsOn),
    '已开始征求群众意见',
    opinionForm,
    ['endsOn'],
  );
  const publish = useAction(c.id, () => commitmentsApi.publish(c.id), '承诺已公开');
  const progress = useAction(
    c.id,
    (v: { note: string; evidence?: string }) =>
      commitmentsApi.progress(c.id, v.note, v.evidence ? [v.evidence] : []),
    '已记录践诺情况',
    progressForm,
    ['note', 'evidence'],
  );
  const grade = useAction(
    c.id,
    (v: { selfAssessment: string; leaderGrade: string; satisfaction?: number }) =>
      commitmentsApi.grade(c.id, v),
    '已评诺',
    gradeForm,
    ['selfAssessment', 'leaderGrade', 'satisfaction'],
  );
  const review = useAction(
    c.id,
    (v: {
      reviewerPersonId?: number;
      text: string;
      grade: string;
      rectTitle?: string;
      rectDeadline?: string;
    }) =>
      commitmentsApi.review(c.id, {
        ...(v.reviewerPersonId ? { reviewerPersonId: Number(v.reviewerPersonId) } : {}),
        text: v.text,
        grade: v.grade,
        rectifications:
          v.rectTitle && v.rectDeadline ? [{ title: v.rectTitle, deadline: v.rectDeadline }] : [],
      }),
    '点评已记录',
    reviewForm,
    ['reviewerPersonId', 'text', 'grade'],
  );
  const active = c.status === 'published' || c.status === 'in_progress';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canEdit && c.status === 'draft' && (
        <Card size="small" title="征求群众意见">
          <Form form={opinionForm} layout="inline" onFinish={(v: { endsOn: string }) => open.mutate(v)}>
            <Form.Item name="endsOn" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
              <Input type="date" />
            </Form.Item>
            <Button htmlType="submit" type="primary" loading={open.isPending}>
              开始征求意见
            </Button>
          </Form>
        </Card>
      )}
      {canEdit && c.status === 'opinion' && (
        <Card size="small" title="公开承诺">
          <Space wrap>
            <span>
              征求意见截止 {formatDate(c.opinionEndsOn)}，公开链接：
              <Link to={`/commitments/public/${c.id}`}>群众意见页</Link>
            </span>
            <Button type="primary" onClick={() => publish.mutate(undefined)} loading={publish.isPending}>
              公开承诺
            </Button>
          </Space>
        </Card>
      )}
      {canEdit && active && (
        <Card size="small" title="践诺：记录进展">
          <Form
            form={progressForm}
            layout="vertical"
            onFinish={(v: { note: string; evidence?: string }) => progress.mutate(v)}
          >
            <Form.Item name="note" label="践诺情况" rules={[{ required: true, message: '请填写践诺情况' }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="evidence" label="佐证材料（说明或照片文件名）">
              <Input />
            </Form.Item>
            <Button htmlType="submit" loading={progress.isPending}>
              保存践诺记录
            </Button>
          </Form>
        </Card>
      )}
      {canReview && active && (
        <Card size="small" title="领导点评">
          <Form
            form={reviewForm}
            layout="vertical"
            initialValues={{ grade: '较好' }}
            onFinish={(v) => review.mutate(v as never)}
          >
            <Form.Item name="reviewerPersonId" label="点评人党员ID（不填则为本人）">
              <InputNumber min={1} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="text" label="点评意见" rules={[{ required: true, message: '请填写点评意见' }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="grade" label="点评等次">
              <Select style={{ width: 120 }} options={GRADES.map((g) => ({ value: g, label: g }))} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="rectTitle" label="整改事项（可选）">
                <Input style={{ width: 240 }} />
              </Form.Item>
              <Form.Item name="rectDeadline" label="整改期限">
                <Input type="date" />
              </Form.Item>
            </Space>
            <Button htmlType="submit" type="primary" loading={review.isPending}>
              提交点评
            </Button>
          </Form>
        </Card>
      )}
      {canGrade && active && (
        <Card size="small" title="评诺">
          <Form form={gradeForm} layout="vertical" onFinish={(v) => grade.mutate(v as never)}>
            <Form.Item
              name="selfAssessment"
              label="自我评价"
              rules={[{ required: true, message: '请填写自我评价' }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
            <Space wrap>
              <Form.Item
                name="leaderGrade"
                label="领导评定"
                rules={[{ required: true, message: '请选择评定等次' }]}
              >
                <Select style={{ width: 120 }} options={GRADES.map((g) => ({ value: g, label: g }))} />
              </Form.Item>
              {!c.satisfactionVote && (
                <Form.Item name="satisfaction" label="群众满意度（%）">
                  <InputNumber min={0} max={100} />
                </Form.Item>
              )}
            </Space>
            <Button htmlType="submit" loading={grade.isPending}>
              提交评诺
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}

export function CommitmentPage() {
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['commitment', id], queryFn: () => commitmentsApi.get(id) });
  const handle = useAction(
    id,
    (v: { opinionId: number; handling: string }) => commitmentsApi.handleOpinion(id, v.opinionId, v.handling),
    '已登记处理情况',
  );
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  if (!q.data) return null;
  const c = q.data.data;
  const p = q.data.policies ?? { edit: false, grade: false, review: false };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="commitment-page">
      <Link to={`/orgs/${c.orgId}/commitments`}>← {c.orgName}的承诺</Link>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {c.title}{' '}
        <Tag color={STATUS_COLORS[c.status]} data-testid="commitment-status">
          {STATUS_LABELS[c.status]}
        </Tag>
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} bordered>
        <Descriptions.Item label="承诺主体">{c.committerName}</Descriptions.Item>
        <Descriptions.Item label="类型">
          {c.type}（{c.year}年）
        </Descriptions.Item>
        <Descriptions.Item label="践诺期限">{formatDate(c.dueOn)}</Descriptions.Item>
        <Descriptions.Item label="公开">{c.isPublic ? '是' : '否'}</Descriptions.Item>
        <Descriptions.Item label="公开日期">{formatDate(c.publishedOn)}</Descriptions.Item>
        <Descriptions.Item label="点评">
          {c.review
            ? `${formatDate(c.review.dueOn)}前${c.review.state === 'ok' ? '' : c.review.state === 'due' ? '（今日到期）' : '（已逾期）'}`
            : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="承诺内容" span={3}>
          {c.content}
        </Descriptions.Item>
        {c.leaderGrade && (
          <Descriptions.Item
            label="评诺结果"
            span={3}
          >{`领导评定：${c.leaderGrade}；自评：${c.selfAssessment ?? ''}${c.satisfaction !== null ? `；满意度${c.satisfaction}%` : ''}`}</Descriptions.Item>
        )}
      </Descriptions>
      <Actions c={c} canEdit={p.edit} canGrade={p.grade} canReview={p.review} />
      <SatisfactionCard
        commitmentId={c.id}
        vote={c.satisfactionVote}
        canOpen={p.edit && (c.status === 'published' || c.status === 'in_progress')}
      />
      <Card size="small" title={`群众意见（${c.opinions.length}）`}>
        <List
          dataSource={c.opinions}
          locale={{ emptyText: '暂无意见' }}
          renderItem={(o) => (
            <List.Item>
              <Space direction="vertical" style={{ width: '100%' }}>
                <span>
                  {o.content}
                  {o.contact ? `（${o.contact}）` : ''}
                </span>
                {o.handling ? (
                  <Typography.Text type="success">处理情况：{o.handling}</Typography.Text>
                ) : p.edit ? (
                  <Input.Search
                    enterButton="登记处理"
                    placeholder="处理情况"
                    onSearch={(v) => v.trim() && handle.mutate({ opinionId: o.id, handling: v })}
                  />
                ) : (
                  <Typography.Text type="warning">待处理</Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title="践诺情况">
        <List
          dataSource={c.progress}
          locale={{ emptyText: '暂无记录' }}
          renderItem={(x) => (
            <List.Item
              extra={
                <ProgressPhotos commitmentId={c.id} progressId={x.id} photos={x.photos} canUpload={p.edit} />
              }
            >
              {formatDate(x.onDate)}：{x.note}
              {x.evidence.length ? `（佐证：${x.evidence.join('、')}）` : ''}
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title="领导点评">
        <List
          dataSource={c.reviews}
          locale={{ emptyText: '暂无点评' }}
          renderItem={(r) => (
            <List.Item>
              {formatDate(r.reviewedOn)} {r.reviewerName}（{r.grade}）：{r.text}
              {r.rectificationIds.length > 0 && (
                <Tag color="orange" style={{ marginLeft: 8 }}>
                  整改事项 {r.rectificationIds.length} 项
                </Tag>
              )}
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
