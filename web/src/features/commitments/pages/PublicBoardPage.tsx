import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, List, Result, Space, Tag, Typography } from 'antd';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { commitmentsApi, PUBLIC_BOARD_ORG_PARAM } from '../api';
import { commendationsApi } from '../commendations-api';

/** The public board (承诺公开栏): only published items marked public, committer name and organisation only. */
export function PublicBoardPage() {
  const [params] = useSearchParams();
  // Served both without login (/p/commitments) and inside the signed-in app (/commitments/public).
  const itemBase = useLocation().pathname.startsWith('/p/') ? '/p/commitments/' : '/commitments/public/';
  const org = params.get(PUBLIC_BOARD_ORG_PARAM) ?? '';
  const q = useQuery({
    queryKey: ['commitments', 'public', org],
    queryFn: () => commitmentsApi.publicBoard(org),
    enabled: org !== '',
  });
  if (!org) return <Result status="info" title="请通过组织的公开栏链接访问" />;
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="public-board">
      <Typography.Title level={4}>{q.data?.org.name ?? ''} · 承诺公开栏</Typography.Title>
      <Alert
        type="info"
        showIcon
        message="本页内容无需登录即可查看：群众通过本组织的承诺公开栏链接或二维码访问。"
      />
      {q.data && q.data.items.length === 0 ? (
        <Empty description="暂无公开承诺" />
      ) : (
        <List
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          renderItem={(i) => (
            <List.Item>
              <Card
                size="small"
                style={{ width: '100%' }}
                title={<Link to={`${itemBase}${i.id}`}>{i.title}</Link>}
                extra={<Tag>{i.statusLabel}</Tag>}
              >
                <Typography.Paragraph style={{ marginBottom: 4 }}>{i.content}</Typography.Paragraph>
                <Typography.Text type="secondary">
                  {i.committerName}
                  {i.committerKind === 'member' ? `（${i.orgName}）` : ''} · {i.type} · 公开于
                  {formatDate(i.publishedOn)}
                  {i.leaderGrade ? ` · 评诺：${i.leaderGrade}` : ''}
                </Typography.Text>
              </Card>
            </List.Item>
          )}
        />
      )}
      <PublicCommendations org={org} />
    </Space>
  );
}

/** 两优一先 公示 for the organisation's committees: names, organisations and reasons only. */
function PublicCommendations({ org }: { org: string }) {
  const q = useQuery({
    queryKey: ['commendations', 'public', org],
    queryFn: () => commendationsApi.publicRounds(org),
  });
  if (!q.data || q.data.length === 0) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="public-commendations">
      {q.data.map((r) => (
        <Card
          key={r.id}
          size="small"
          title={`${r.title} · ${r.status === 'publicity' ? '拟表彰对象公示' : '表彰名单'}`}
          extra={
            r.status === 'publicity' && r.publicityFrom
              ? `公示期 ${formatDate(r.publicityFrom)} 至 ${formatDate(r.publicityEndsOn)}`
              : null
          }
        >
          <List
            size="small"
            dataSource={r.nominees}
            renderItem={(n) => (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>
                    {n.category}：{n.name}
                    {n.name !== n.orgName ? `（${n.orgName}）` : ''}
                  </Typography.Text>
                  <Typography.Text type="secondary">{n.reason}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </Space>
  );
}

/** The public link of one commitment: read it and, during the opinion period, leave an opinion (anonymous). */
export function PublicCommitmentPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ content: string; contact?: string }>();
  const q = useQuery({
    queryKey: ['commitments', 'public-item', id],
    queryFn: () => commitmentsApi.publicItem(id),
  });
  const send = useMutation({
    mutationFn: (v: { content: string; contact?: string }) =>
      commitmentsApi.submitOpinion(id, v.content, v.contact),
    onSuccess: () => {
      void message.success('感谢您的意见，我们会认真研究并公开处理情况');
      form.resetFields();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['content', 'contact'])) void message.error(errorMessage(e));
    },
  });
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  const c = q.data;
  if (!c) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="public-commitment">
      <Typography.Title level={4}>{c.title}</Typography.Title>
      <Typography.Text type="secondary">
        {c.committerName} · {c.orgName} · {c.type}
      </Typography.Text>
      <Typography.Paragraph>{c.content}</Typography.Paragraph>
      {c.acceptingOpinions ? (
        <Card size="small" title={`征求意见（截止${formatDate(c.opinionEndsOn)}）`}>
          <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
            <Form.Item
              name="content"
              label="您的意见或建议"
              rules={[{ required: true, message: '请填写意见内容' }]}
            >
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Form.Item name="contact" label="称呼（可不填）">
              <Input maxLength={50} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={send.isPending}>
              提交意见
            </Button>
          </Form>
        </Card>
      ) : (
        <Tag>{c.statusLabel}</Tag>
      )}
    </Space>
  );
}
