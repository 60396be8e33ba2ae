import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Input,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Timeline,
  Row,
  Col,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../components/http';
import { evaluationApi, type Rectification } from '../api';

const STATUS: Record<string, [string, string]> = {
  open: ['整改中', 'processing'],
  closure_requested: ['申请销号', 'warning'],
  closed: ['已销号', 'success'],
};
const KIND: Record<string, string> = {
  progress: '进展',
  request_closure: '申请销号',
  approve: '审核通过',
  reject: '退回重新整改',
};

/** One item of the rectification engine: its record and the moves the reader may make. */
export function RectificationDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: number;
  onClose: () => void;
  /** Called after a move, for pages that list items under their own query keys. */
  onChanged?: () => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState('');
  const q = useQuery({
    queryKey: ['evaluation', 'rect', id],
    queryFn: () => evaluationApi.rectification(id),
  });
  const done = () => {
    setNote('');
    setEvidence('');
    void qc.invalidateQueries({ queryKey: ['evaluation'] });
    onChanged?.();
  };
  const act = useMutation({
    mutationFn: (a: 'progress' | 'close' | 'approve' | 'reject') =>
      a === 'progress'
        ? evaluationApi.progress(id, note)
        : a === 'close'
          ? evaluationApi.requestClosure(id, note, evidence)
          : evaluationApi.review(id, a === 'approve', note),
    onSuccess: () => {
      void message.success('已保存');
      done();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const item = q.data?.item;
  return (
    <Drawer open width={Math.min(560, window.innerWidth)} onClose={onClose} title={item?.title ?? '整改事项'}>
      {item && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="责任人">{item.owner?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="整改时限">
              {item.deadline} {item.overdue && <Tag color="red">已逾期</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={STATUS[item.status]![1]}>{STATUS[item.status]![0]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="整改要求">{item.detail || '—'}</Descriptions.Item>
            <Descriptions.Item label="佐证材料">{item.evidence ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Timeline
            items={item.progress.map((p) => ({
              children: `${p.at.slice(0, 10)} ${KIND[p.kind] ?? p.kind}：${p.note}${p.evidence ? `（佐证：${p.evidence}）` : ''}`,
            }))}
          />
          {item.status !== 'closed' && (
            <>
              <Input.TextArea
                rows={3}
                placeholder="进展情况 / 整改成效 / 审核意见"
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
              {item.status === 'open' && (
                <Input
                  placeholder="佐证材料（申请销号时必填）"
                  value={evidence}
                  onChange={(e) => setEvidence(e.target.value)}
                />
              )}
              <Space wrap>
                {item.status === 'open' && (
                  <Button onClick={() => act.mutate('progress')} disabled={!note}>
                    记录进展
                  </Button>
                )}
                {item.status === 'open' && (
                  <Button type="primary" onClick={() => act.mutate('close')} disabled={!note}>
                    申请销号
                  </Button>
                )}
                {q.data?.policies.review && (
                  <Button type="primary" onClick={() => act.mutate('approve')} disabled={!note}>
                    同意销号
                  </Button>
                )}
                {q.data?.policies.review && (
                  <Button danger onClick={() => act.mutate('reject')} disabled={!note}>
                    退回重新整改
                  </Button>
                )}
              </Space>
            </>
          )}
        </Space>
      )}
    </Drawer>
  );
}

/** 整改台账: every item of the subtree, overdue first to catch the eye. */
export function RectificationBoard({ orgId }: { orgId: number }) {
  const [overdue, setOverdue] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const q = useQuery({
    queryKey: ['evaluation', 'rects', orgId, overdue],
    queryFn: () => evaluationApi.rectifications(orgId, overdue),
  });
  const s = q.data?.summary;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col xs={8} md={4}>
          <Statistic title="整改事项" value={s?.total ?? 0} />
        </Col>
        <Col xs={8} md={4}>
          <Statistic title="整改中" value={s?.open ?? 0} />
        </Col>
        <Col xs={8} md={4}>
          <Statistic title="待审核" value={s?.closureRequested ?? 0} />
        </Col>
        <Col xs={8} md={4}>
          <Statistic title="已销号" value={s?.closed ?? 0} />
        </Col>
        <Col xs={8} md={4}>
          <Statistic
            title="已逾期"
            value={s?.overdue ?? 0}
            valueStyle={{ color: s?.overdue ? '#cf1322' : undefined }}
          />
        </Col>
      </Row>
      <Space>
        <Switch checked={overdue} onChange={setOverdue} />
        只看逾期
      </Space>
      <Table<Rectification>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        scroll={{ x: true }}
        data-testid="rect-table"
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '整改事项', dataIndex: 'title' },
          { title: '责任人', render: (_, r) => r.owner?.name ?? '—' },
          {
            title: '时限',
            dataIndex: 'deadline',
            render: (d: string, r) => (
              <span>
                {d} {r.overdue && <Tag color="red">逾期</Tag>}
              </span>
            ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            render: (st: string) => <Tag color={STATUS[st]![1]}>{STATUS[st]![0]}</Tag>,
          },
        ]}
      />
      {open !== null && <RectificationDrawer id={open} onClose={() => setOpen(null)} />}
    </Space>
  );
}
