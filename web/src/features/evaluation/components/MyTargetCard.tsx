import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { evaluationApi, TARGET_HALF_NAMES, type TargetHalf, type TargetLetter } from '../api';

function SelfForm({ letter, half }: { letter: TargetLetter; half: TargetHalf }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ score: number; note: string }>();
  const a = letter[half];
  const save = useMutation({
    mutationFn: (v: { score: number; note: string }) => evaluationApi.targetSelf(letter.id, { half, ...v }),
    onSuccess: () => {
      void message.success(`${TARGET_HALF_NAMES[half]}自评已提交`);
      void qc.invalidateQueries({ queryKey: ['evaluation', 'my'] });
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['score', 'note', 'half'])) void message.error(errorMessage(e));
    },
  });
  if (a?.grade)
    return (
      <Typography.Paragraph>
        {TARGET_HALF_NAMES[half]}考评：<Tag color={a.grade === '不合格' ? 'red' : 'gold'}>{a.grade}</Tag>
        {a.score}分（自评{a.selfScore ?? '—'}、互评{a.peerScore ?? '—'}、组织评价{a.orgScore}）
        {a.orgNote ? <Typography.Text type="secondary"> {a.orgNote}</Typography.Text> : null}
      </Typography.Paragraph>
    );
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ score: a?.selfScore ?? undefined, note: a?.selfNote ?? '' }}
      onFinish={(v) => save.mutate(v)}
    >
      <Form.Item
        name="score"
        label={`${TARGET_HALF_NAMES[half]}自评分（0–100）`}
        rules={[{ required: true, message: '请填写自评分' }]}
      >
        <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} inputMode="numeric" />
      </Form.Item>
      <Form.Item name="note" label="完成情况" rules={[{ required: true, message: '请填写完成情况' }]}>
        <Input.TextArea rows={4} placeholder="逐项说明目标完成情况和不足" />
      </Form.Item>
      <Button type="primary" block htmlType="submit" loading={save.isPending}>
        {a?.selfScore !== null && a?.selfScore !== undefined
          ? '修改自评'
          : `提交${TARGET_HALF_NAMES[half]}自评`}
      </Button>
    </Form>
  );
}

/** The member's 目标责任书 on a phone: read, acknowledge, then self-assess each half. */
export function MyTargetCard({ letter }: { letter: TargetLetter }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [half, setHalf] = useState<TargetHalf>(new Date().getMonth() === 11 ? 'H2' : 'H1');
  const ack = useMutation({
    mutationFn: () => evaluationApi.acknowledgeTargets(letter.id),
    onSuccess: () => {
      void message.success('已确认目标责任书');
      void qc.invalidateQueries({ queryKey: ['evaluation', 'my'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card
      size="small"
      title={`${letter.year}年度党员目标责任书`}
      extra={
        letter.status === 'acknowledged' ? <Tag color="green">已确认</Tag> : <Tag color="orange">待确认</Tag>
      }
      style={{ width: '100%' }}
    >
      <List
        size="small"
        dataSource={letter.items}
        renderItem={(it, i) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <Typography.Text>
                {i + 1}. {it.title}
              </Typography.Text>
              {it.detail && <Typography.Text type="secondary">{it.detail}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      {letter.status === 'issued' ? (
        <Button type="primary" block onClick={() => ack.mutate()} loading={ack.isPending}>
          我已阅读并确认目标责任书
        </Button>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            {(['H1', 'H2'] as const).map((h) => (
              <Button
                key={h}
                type={h === half ? 'primary' : 'default'}
                size="small"
                onClick={() => setHalf(h)}
              >
                {TARGET_HALF_NAMES[h]}
              </Button>
            ))}
          </Space>
          <SelfForm key={`${letter.id}:${half}`} letter={letter} half={half} />
        </Space>
      )}
    </Card>
  );
}
