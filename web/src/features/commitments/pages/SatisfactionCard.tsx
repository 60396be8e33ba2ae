import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage, http, type Envelope } from '../../../components/http';
import type { SatisfactionVote } from '../api';

/** 评诺 满意度测评: opens an anonymous box in the voting engine; the single-use links are shown once. */
export function SatisfactionCard({
  commitmentId,
  vote,
  canOpen,
}: {
  commitmentId: number;
  vote: SatisfactionVote | null;
  canOpen: boolean;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [ballots, setBallots] = useState<number>(20);
  const [links, setLinks] = useState<string[]>([]);
  const open = useMutation({
    mutationFn: () =>
      http.post<Envelope<{ links: string[] }>>(`/api/commitments/${commitmentId}/satisfaction`, { ballots }),
    onSuccess: (r) => {
      setLinks(r.data.links.map((l) => `${window.location.origin}${l}`));
      void message.success('已生成匿名测评链接（只显示一次，请立即发放）');
      void qc.invalidateQueries({ queryKey: ['commitment', commitmentId] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (!vote && !canOpen) return null;
  return (
    <Card size="small" title="满意度测评（匿名）" data-testid="satisfaction-card">
      {vote ? (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          {vote.status === 'open' ? '测评进行中' : '测评已结束'}：已投 {vote.cast} / {vote.expected} 票；
          {['满意', '基本满意', '不满意'].map((g) => `${g} ${vote.counts[g] ?? 0}`).join('，')}
          {vote.rate !== null ? `；满意率 ${vote.rate}%` : ''}
          {vote.status === 'open' ? '。评诺时自动结束测评，满意率计入评诺结果。' : ''}
        </Typography.Paragraph>
      ) : (
        <Space wrap>
          <span>测评票数</span>
          <InputNumber min={1} max={1000} value={ballots} onChange={(v) => setBallots(v ?? 1)} />
          <Button onClick={() => open.mutate()} loading={open.isPending}>
            生成一次性测评链接
          </Button>
        </Space>
      )}
      {links.length > 0 && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Alert type="warning" showIcon message="每个链接只能投一次票，关闭本页后不再显示。" />
          <Typography.Paragraph copyable={{ text: links.join('\n') }} style={{ whiteSpace: 'pre-wrap' }}>
            {links.join('\n')}
          </Typography.Paragraph>
        </Space>
      )}
    </Card>
  );
}
