// 权重设置: one level's indicator weights for the year; the sum is shown live and saving is
// refused (here and by the server) unless it is 100.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, InputNumber, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../components/http';
import { LEVEL_LABELS, assessmentApi, assessmentKeys, type AssessLevel, type IndicatorDef } from '../api';

const RULE_LABELS: Record<IndicatorDef['rule']['type'], string> = {
  rate: '按比例得分',
  deduction: '违规扣分',
  manual: '人工评分',
  pending: '模块未上线',
};

export function WeightsEditor({ orgId, year }: { orgId: number; year: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [level, setLevel] = useState<AssessLevel>('township');
  const q = useQuery({
    queryKey: assessmentKeys.weights(orgId, year, level),
    queryFn: () => assessmentApi.weights(orgId, year, level),
  });
  const data = q.data?.data;
  const [weights, setWeights] = useState<Record<string, number>>({});
  useEffect(() => {
    if (data) setWeights(Object.fromEntries(data.indicators.map((d) => [d.key, d.weight])));
  }, [data]);
  const sum = Object.values(weights).reduce((s, w) => s + (w ?? 0), 0);
  const save = useMutation({
    mutationFn: () =>
      assessmentApi.putWeights(
        orgId,
        year,
        level,
        (data?.indicators ?? []).map((d) => ({ key: d.key, weight: weights[d.key] ?? 0 })),
      ),
    onSuccess: () => {
      void message.success('权重已保存，请重新计算得分');
      void qc.invalidateQueries({ queryKey: assessmentKeys.all });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card
      size="small"
      title={`${year}年度指标权重`}
      extra={
        <Segmented<AssessLevel>
          value={level}
          onChange={setLevel}
          options={(['township', 'branch'] as const).map((l) => ({ value: l, label: LEVEL_LABELS[l] }))}
        />
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {data && <Typography.Text type="secondary">当前权重来源：{data.source}</Typography.Text>}
        <Table<IndicatorDef>
          size="small"
          rowKey="key"
          loading={q.isLoading}
          pagination={false}
          dataSource={data?.indicators ?? []}
          columns={[
            { title: '指标', dataIndex: 'label' },
            {
              title: '计分方式',
              key: 'rule',
              render: (_: unknown, d) => <Tag>{RULE_LABELS[d.rule.type]}</Tag>,
            },
            { title: '数据来源', dataIndex: 'source' },
            {
              title: '权重（分）',
              key: 'weight',
              render: (_: unknown, d) => (
                <InputNumber
                  aria-label={`${d.label}权重`}
                  min={0}
                  max={100}
                  precision={0}
                  disabled={!data?.canEdit || d.rule.type === 'pending'}
                  value={weights[d.key]}
                  onChange={(v) => setWeights((w) => ({ ...w, [d.key]: v ?? 0 }))}
                />
              ),
            },
          ]}
        />
        {sum === 100 ? (
          <Alert type="success" showIcon message="权重合计100分" />
        ) : (
          <Alert type="error" showIcon message={`各项指标权重之和须为100（当前为${sum}）`} />
        )}
        {data?.canEdit && (
          <Space>
            <Button
              type="primary"
              disabled={sum !== 100}
              loading={save.isPending}
              onClick={() => save.mutate()}
            >
              保存权重
            </Button>
            <Button
              onClick={() => setWeights(Object.fromEntries(data.defaults.map((d) => [d.key, d.weight])))}
            >
              恢复默认权重
            </Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}
