// One organisation's indicators: value, weight, points and how each was counted.
import { Table, Tag } from 'antd';
import { formatValue, type IndicatorResult } from '../api';

export function IndicatorTable({ indicators }: { indicators: IndicatorResult[] }) {
  return (
    <Table<IndicatorResult>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={indicators}
      columns={[
        { title: '指标', dataIndex: 'label' },
        { title: '数值', key: 'value', render: (_: unknown, i) => formatValue(i) },
        {
          title: '权重',
          dataIndex: 'weight',
          render: (w: number) => (w === 0 ? <Tag>暂不计分</Tag> : `${w}分`),
        },
        { title: '得分', dataIndex: 'score', render: (s: number, i) => (i.weight === 0 ? '—' : s) },
        { title: '计算口径 / 评分依据', dataIndex: 'detail' },
      ]}
    />
  );
}
