// 人工评分: the assessing level scores its children's manual indicators, evidence required.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { assessmentApi, assessmentKeys, type ManualList } from '../api';

interface FormValues {
  orgId: number;
  key: string;
  score: number;
  evidence: string;
}

export function ManualScoring({ orgId, year }: { orgId: number; year: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const q = useQuery({
    queryKey: assessmentKeys.manual(orgId, year),
    queryFn: () => assessmentApi.manual(orgId, year),
  });
  const data = q.data?.data;
  const chosenOrg = Form.useWatch('orgId', form);
  const chosenKey = Form.useWatch('key', form);
  const row = data?.rows.find((r) => r.orgId === chosenOrg);
  const def = row?.indicators.find((i) => i.key === chosenKey);
  const save = useMutation({
    mutationFn: (v: FormValues) => assessmentApi.enterManual({ ...v, year }),
    onSuccess: () => {
      void message.success('评分已保存，重新计算后计入总分');
      form.resetFields(['score', 'evidence']);
      void qc.invalidateQueries({ queryKey: assessmentKeys.all });
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['orgId', 'key', 'score', 'evidence']))
        void message.error(errorMessage(e));
    },
  });
  type Entry = ManualList['rows'][number]['indicators'][number] & { orgName: string; rowKey: string };
  const entries: Entry[] = (data?.rows ?? []).flatMap((r) =>
    r.indicators.map((i) => ({ ...i, orgName: r.orgName, rowKey: `${r.orgId}-${i.key}` })),
  );
  return (
    <Card size="small" title={`${year}年度人工评分指标`}>
      {data?.canEdit && (
        <Form<FormValues>
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate(v)}
          data-testid="manual-form"
        >
          <Form.Item
            name="orgId"
            label="被考核组织"
            rules={[{ required: true, message: '请选择被考核组织' }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={(data?.rows ?? []).map((r) => ({ value: r.orgId, label: r.orgName }))}
            />
          </Form.Item>
          <Form.Item name="key" label="指标" rules={[{ required: true, message: '请选择指标' }]}>
            <Select
              options={(row?.indicators ?? data?.rows[0]?.indicators ?? []).map((i) => ({
                value: i.key,
                label: `${i.label}（${i.weight}分）`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="score"
            label={def ? `得分（0–${def.weight}分）` : '得分'}
            rules={[{ required: true, message: '请填写得分' }]}
          >
            <InputNumber min={0} max={def?.weight ?? 100} step={0.5} />
          </Form.Item>
          <Form.Item
            name="evidence"
            label="评分依据（佐证材料）"
            rules={[{ required: true, whitespace: true, message: '请填写评分依据' }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存评分
          </Button>
        </Form>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        已录入的评分（未评分的计0分）：
      </Typography.Paragraph>
      <Table<Entry>
        size="small"
        rowKey="rowKey"
        loading={q.isLoading}
        dataSource={entries}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        columns={[
          { title: '组织', dataIndex: 'orgName' },
          { title: '指标', dataIndex: 'label' },
          {
            title: '得分',
            dataIndex: 'score',
            render: (s: number | null, e) => (s === null ? '未评分' : `${s}/${e.weight}`),
          },
          { title: '评分依据', dataIndex: 'evidence', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
