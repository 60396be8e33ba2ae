import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../components/http';
import { PageLoading } from '../../../components/PageLoading';
import { ballotUrl, evaluationApi, type MyEvaluations } from '../api';
import { MyTargetCard } from '../components/MyTargetCard';

function ReviewItem({ r }: { r: MyEvaluations['reviews'][number] }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [text, setText] = useState(r.selfText ?? '');
  const save = useMutation({
    mutationFn: () => evaluationApi.selfReview(r.id, text),
    onSuccess: () => {
      void message.success('个人自评已提交');
      void qc.invalidateQueries({ queryKey: ['evaluation', 'my'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const ballot = useMutation({
    mutationFn: () => evaluationApi.takeBallot(r.id),
    // The token goes to the ballot page in the URL fragment; this page keeps no copy.
    onSuccess: ({ token }) => window.location.assign(ballotUrl(token)),
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card
      size="small"
      title={`${r.orgName} ${r.year}年度民主评议`}
      extra={<Tag>{r.stageName}</Tag>}
      style={{ width: '100%' }}
    >
      {r.stage === 'self' ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="对照党员标准，写明一年来的学习、工作、作风和存在的不足"
          />
          <Button
            type="primary"
            block
            onClick={() => save.mutate()}
            disabled={!text.trim()}
            loading={save.isPending}
          >
            {r.selfText ? '修改个人自评' : '提交个人自评'}
          </Button>
        </Space>
      ) : r.selfText ? (
        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }}>{r.selfText}</Typography.Paragraph>
      ) : null}
      {r.stage === 'vote' &&
        (r.ballotTaken ? (
          <Tag color="green">已领取测评选票</Tag>
        ) : (
          <Button type="primary" block onClick={() => ballot.mutate()} loading={ballot.isPending}>
            参加民主测评（无记名）
          </Button>
        ))}
      {r.grade && (
        <Typography.Paragraph>
          评定等次：<Tag color={r.grade === '不合格' ? 'red' : 'gold'}>{r.grade}</Tag>
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** A member's own evaluations, for a phone: 个人自评 and the anonymous ballot. */
export function MyEvaluationPage() {
  const q = useQuery({ queryKey: ['evaluation', 'my'], queryFn: () => evaluationApi.my() });
  if (q.isPending) return <PageLoading />;
  if (q.error) return <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>;
  const { reviews, rectifications } = q.data;
  const targets = q.data.targets ?? [];
  if (reviews.length === 0 && rectifications.length === 0 && targets.length === 0)
    return <Empty description="暂无需要参加的民主评议" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {targets.slice(0, 1).map((l) => (
        <MyTargetCard key={l.id} letter={l} />
      ))}
      {rectifications.length > 0 && (
        <Card size="small" title="我的整改事项">
          <List
            dataSource={rectifications}
            renderItem={(r) => (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <Typography.Text>{r.title}</Typography.Text>
                  <Typography.Text type="secondary">
                    时限 {r.deadline} {r.overdue && <Tag color="red">已逾期</Tag>}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <List
        dataSource={reviews}
        renderItem={(r) => (
          <List.Item>
            <ReviewItem r={r} />
          </List.Item>
        )}
      />
    </Space>
  );
}
