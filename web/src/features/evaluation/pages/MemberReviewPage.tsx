import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Card, Input, Radio, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../../components/http';
import { PageLoading } from '../../../components/PageLoading';
import { evaluationApi, MEMBER_GRADES } from '../api';

const STAGES = ['study', 'self', 'vote', 'assess', 'published'] as const;
const NEXT_LABEL: Record<string, string> = {
  study: '进入个人自评',
  self: '开始党员互评和民主测评',
  vote: '结束测评，进入组织评定',
  assess: '公示评定结果',
};

/** 民主评议党员 of one branch: stages, self-reviews, anonymous tally, 组织评定 with the 优秀 cap. */
export function MemberReviewPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [studyNote, setStudyNote] = useState('');
  const [grades, setGrades] = useState<Record<number, { grade: string; reason: string }>>({});
  const [decidedBy, setDecidedBy] = useState('党员大会');
  const q = useQuery({ queryKey: ['evaluation', 'review', id], queryFn: () => evaluationApi.review_(id) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['evaluation'] });
  const advance = useMutation({
    mutationFn: (stage: string) => evaluationApi.advance(id, stage, studyNote || undefined),
    onSuccess: refresh,
    onError: (e) => void message.error(errorMessage(e)),
  });
  const assess = useMutation({
    mutationFn: () =>
      evaluationApi.assess(
        id,
        Object.entries(grades).map(([p, g]) => ({ personId: Number(p), grade: g.grade, reason: g.reason })),
        decidedBy,
      ),
    onSuccess: () => {
      void message.success('组织评定已保存');
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (q.isPending) return <PageLoading />;
  if (q.error) return <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>;
  const { review: r, policies } = q.data;
  const i = STAGES.indexOf(r.stage);
  const next = STAGES[i + 1];
  const excellent = Object.values(grades).filter((g) => g.grade === '优秀').length;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={`${r.orgName}${r.year}年度民主评议党员`}
        extra={<Link to={`/orgs/${r.orgId}/evaluation?tab=reviews`}>返回</Link>}
      >
        <Steps
          size="small"
          current={i}
          items={[
            { title: '学习教育' },
            { title: '个人自评' },
            { title: '互评和民主测评' },
            { title: '组织评定' },
            { title: '公示和处理' },
          ]}
        />
        {r.studyNote && (
          <Typography.Paragraph style={{ marginTop: 12 }}>学习教育：{r.studyNote}</Typography.Paragraph>
        )}
        {policies.manage && next && (
          <Space style={{ marginTop: 12 }} wrap>
            {r.stage === 'study' && (
              <Input
                style={{ width: 320 }}
                placeholder="学习教育记录"
                value={studyNote}
                onChange={(e) => setStudyNote(e.target.value)}
              />
            )}
            <Button type="primary" onClick={() => advance.mutate(next)} loading={advance.isPending}>
              {NEXT_LABEL[r.stage]}
            </Button>
          </Space>
        )}
        {r.voting && (
          <Typography.Paragraph style={{ marginTop: 12 }}>
            民主测评：应参加{r.voting.expected}人，已投票{r.voting.cast}人（{r.voting.turnoutPercent}%）
            {r.voting.quorumMet ? '' : '，尚未达到有效人数'}
          </Typography.Paragraph>
        )}
      </Card>
      {r.stage === 'assess' && policies.manage && (
        <Alert
          type="info"
          showIcon
          message={`评定为优秀的不超过${r.excellentCap}名（参评${r.entries.length}名的三分之一）；当前已选${excellent}名。评定为基本合格、不合格须写明理由。`}
        />
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={r.entries}
        scroll={{ x: true }}
        columns={[
          { title: '党员', dataIndex: 'name' },
          {
            title: '个人自评',
            render: (_, e) =>
              e.selfText ? (
                <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>
                  {e.selfText}
                </Typography.Paragraph>
              ) : e.selfDone ? (
                <Tag color="green">已提交</Tag>
              ) : (
                <Tag>未提交</Tag>
              ),
          },
          {
            title: '测评（优秀/合格/基本合格/不合格）',
            render: (_, e) => (e.tally ? MEMBER_GRADES.map((g) => e.tally![g] ?? 0).join(' / ') : '—'),
          },
          {
            title: '组织评定',
            render: (_, e) =>
              r.stage === 'assess' && policies.manage ? (
                <Space direction="vertical">
                  <Radio.Group
                    size="small"
                    optionType="button"
                    options={MEMBER_GRADES.map((g) => ({ label: g, value: g }))}
                    value={grades[e.personId]?.grade ?? e.grade}
                    onChange={(ev) =>
                      setGrades({
                        ...grades,
                        [e.personId]: {
                          grade: String(ev.target.value),
                          reason: grades[e.personId]?.reason ?? '',
                        },
                      })
                    }
                  />
                  {['基本合格', '不合格'].includes(grades[e.personId]?.grade ?? '') && (
                    <Input
                      size="small"
                      placeholder="理由"
                      value={grades[e.personId]?.reason}
                      onChange={(ev) =>
                        setGrades({
                          ...grades,
                          [e.personId]: { grade: grades[e.personId]!.grade, reason: ev.target.value },
                        })
                      }
                    />
                  )}
                </Space>
              ) : e.grade ? (
                <Tag color={e.grade === '不合格' ? 'red' : e.grade === '优秀' ? 'gold' : undefined}>
                  {e.grade}
                </Tag>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {r.stage === 'assess' && policies.manage && (
        <Space>
          评定会议{' '}
          <Select
            value={decidedBy}
            onChange={setDecidedBy}
            options={[{ value: '支委会' }, { value: '党员大会' }]}
            style={{ width: 120 }}
          />
          <Button
            type="primary"
            onClick={() => assess.mutate()}
            loading={assess.isPending}
            disabled={Object.keys(grades).length === 0}
          >
            保存组织评定
          </Button>
        </Space>
      )}
    </Space>
  );
}
