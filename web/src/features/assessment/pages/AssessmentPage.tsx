// 考核: the children of an organisation ranked for a year — bar chart, table with each
// indicator (expandable), 重新计算, weights editor and manual scoring.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Result, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { chinaToday, formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { useOrg } from '../../orgs/hooks';
import { LEVEL_LABELS, assessmentApi, assessmentKeys, type ScoreRow } from '../api';
import { IndicatorTable } from '../components/IndicatorTable';
import { ManualScoring } from '../components/ManualScoring';
import { RankingChart } from '../components/RankingChart';
import { WeightsEditor } from '../components/WeightsEditor';

function RankingTab({ orgId, year }: { orgId: number; year: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: assessmentKeys.ranking(orgId, year),
    queryFn: () => assessmentApi.ranking(orgId, year),
  });
  const recompute = useMutation({
    mutationFn: () => assessmentApi.recompute(orgId, year),
    onSuccess: () => {
      void message.success('已重新计算并保存考核得分');
      void qc.invalidateQueries({ queryKey: assessmentKeys.all });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  const data = q.data?.data;
  const rows = data?.rows ?? [];
  const keys = rows[0]?.indicators.filter((i) => i.weight > 0) ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">
          {data?.computedAt
            ? `得分保存于${formatDate(data.computedAt)}；数据变化后请重新计算`
            : '尚未保存本年度得分，以下为即时计算结果'}
        </Typography.Text>
        {data?.policies.recompute && (
          <Button type="primary" loading={recompute.isPending} onClick={() => recompute.mutate()}>
            重新计算
          </Button>
        )}
      </Space>
      <Card size="small" title="考核得分排名">
        {rows.length === 0 && !q.isLoading ? (
          <Empty description="没有下级组织" />
        ) : (
          <RankingChart rows={rows} />
        )}
      </Card>
      <Table<ScoreRow>
        size="small"
        rowKey="orgId"
        loading={q.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{ expandedRowRender: (r) => <IndicatorTable indicators={r.indicators} /> }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 64, fixed: 'left' },
          {
            title: '组织',
            dataIndex: 'orgName',
            fixed: 'left',
            render: (n: string, r) => (
              <Space direction="vertical" size={0}>
                <span>{n}</span>
                <Tag>{LEVEL_LABELS[r.level]}</Tag>
              </Space>
            ),
          },
          { title: '总分', dataIndex: 'total', render: (t: number) => <b>{t}</b> },
          ...keys.map((k) => ({
            title: `${k.label}（${k.weight}）`,
            key: k.key,
            render: (_: unknown, r: ScoreRow) => r.indicators.find((i) => i.key === k.key)?.score ?? '—',
          })),
        ]}
      />
    </Space>
  );
}

export function AssessmentPage() {
  const orgId = Number(useParams().orgId);
  const org = useOrg(orgId);
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [tab, setTab] = useState('ranking');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="assessment-page">
      <Link to={`/orgs/${orgId}/workbench`}>← 返回工作台</Link>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {org.data?.org.name ?? ''} 党建工作考核
        </Typography.Title>
        <Select
          aria-label="考核年度"
          value={year}
          onChange={setYear}
          options={[0, 1, 2].map((d) => ({ value: thisYear - d, label: `${thisYear - d}年度` }))}
        />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'ranking', label: '得分排名', children: <RankingTab orgId={orgId} year={year} /> },
          { key: 'manual', label: '人工评分', children: <ManualScoring orgId={orgId} year={year} /> },
          { key: 'weights', label: '指标权重', children: <WeightsEditor orgId={orgId} year={year} /> },
        ]}
      />
    </Space>
  );
}
