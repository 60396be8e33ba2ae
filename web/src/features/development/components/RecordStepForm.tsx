import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import { chinaToday } from '../../../components/dates';
import { errorMessage, isApiError } from '../../../components/http';
import type { CandidateDetail, StepDef, StepField } from '../api';
import { useRecordStep } from '../hooks';

interface Props {
  detail: CandidateDetail;
  canBranch: boolean;
  canCommittee: boolean;
}

/** Form.Item injects id, value and onChange into its child: they are passed on to the control. */
type Injected = Record<string, unknown>;

function FieldInput({ field, detail, ...rest }: { field: StepField; detail: CandidateDetail } & Injected) {
  switch (field.type) {
    case 'date':
      return <Input type="date" {...rest} />;
    case 'textarea':
      return <Input.TextArea rows={2} maxLength={2000} {...rest} />;
    case 'number':
      return <InputNumber min={0} style={{ width: 160 }} {...rest} />;
    case 'select':
      return <Radio.Group options={(field.options ?? []).map((o) => ({ label: o, value: o }))} {...rest} />;
    case 'members':
      return (
        <Checkbox.Group style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} {...rest}>
          {detail.branchMembers.map((m) => (
            <Checkbox key={m.personId} value={m.personId}>
              {m.name}
              {m.category !== '正式党员' && (
                <Tag color="orange" style={{ marginLeft: 4 }}>
                  {m.category}
                </Tag>
              )}
            </Checkbox>
          ))}
        </Checkbox.Group>
      );
    default:
      return <Input maxLength={50} {...rest} />;
  }
}

function VoteFields({ detail }: { detail: CandidateDetail }) {
  return (
    <Card size="small" title="表决情况（一次讨论一名发展对象，无记名投票）" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        应到会人数由系统按会议当天本支部正式党员名册计算，减去受留党察看处分的党员和下列经批准不计入应到会人数的党员；因事请假等其他情形仍计入应到会人数。
      </Typography.Paragraph>
      <Form.List name={['vote', 'exclusions']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'personId']} rules={[{ required: true, message: '请选择' }]}>
                  <Select
                    style={{ width: 140 }}
                    placeholder="不计入人员"
                    options={detail.branchMembers
                      .filter((m) => m.category === '正式党员' && !m.underProbation)
                      .map((m) => ({ label: m.name, value: m.personId }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'case']} rules={[{ required: true, message: '请选择情形' }]}>
                  <Select
                    style={{ width: 260 }}
                    placeholder="经批准不计入应到会的情形"
                    options={(detail.exclusionCases ?? []).map((c) => ({ label: c.label, value: c.code }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'note']}>
                  <Input placeholder="说明（选填）" maxLength={200} style={{ width: 180 }} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} style={{ marginBottom: 12 }}>
              添加不计入应到会人数的党员
            </Button>
          </>
        )}
      </Form.List>
      <Space wrap>
        <Form.Item name={['vote', 'present']} label="实到人数" rules={[{ required: true, message: '必填' }]}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name={['vote', 'for']} label="赞成票" rules={[{ required: true, message: '必填' }]}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name={['vote', 'against']} label="反对票" rules={[{ required: true, message: '必填' }]}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name={['vote', 'abstain']} label="弃权票" rules={[{ required: true, message: '必填' }]}>
          <InputNumber min={0} />
        </Form.Item>
      </Space>
    </Card>
  );
}

export function RecordStepForm({ detail, canBranch, canCommittee }: Props) {
  const options = detail.next.map((no) => detail.definitions.find((d) => d.no === no)!).filter(Boolean);
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const def: StepDef | undefined = options.find((o) => o.no === selected) ?? options[0];
  if (!def) return <Alert type="success" showIcon title="发展程序已全部完成" />;
  const allowed = def.level === 'committee' ? canCommittee : canBranch;
  return (
    <Card title="记录下一步" size="small" data-testid="record-step">
      <Radio.Group
        value={def.no}
        onChange={(e) => setSelected(e.target.value as number)}
        style={{ marginBottom: 12, display: 'flex', flexWrap: 'wrap', gap: 4 }}
        optionType="button"
        options={options.map((o) => ({ label: `第${o.no}步 ${o.name}`, value: o.no }))}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        责任主体：{def.role}
        {def.level === 'committee' ? '（由上级党委记录）' : ''}
        。不符合规定的记录将被拒绝并说明依据；补录历史材料时可勾选“作为历史记录补录”，记录会保存并列入自查自纠。
      </Typography.Paragraph>
      {!allowed && (
        <Alert
          type="info"
          showIcon
          title={
            def.level === 'committee'
              ? '此步骤由上级党委记录，您的账号不能记录。'
              : '您没有记录此步骤的权限。'
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <StepForm
        key={def.no}
        def={def}
        detail={detail}
        allowed={allowed}
        onSaved={() => setSelected(undefined)}
      />
    </Card>
  );
}

function StepForm({
  def,
  detail,
  allowed,
  onSaved,
}: {
  def: StepDef;
  detail: CandidateDetail;
  allowed: boolean;
  onSaved: () => void;
}) {
  const [form] = Form.useForm();
  const record = useRecordStep(detail.candidate.id);
  const [error, setError] = useState<{ message: string; code: string } | null>(null);

  const submit = async () => {
    const values = (await form.validateFields()) as Record<string, unknown>;
    setError(null);
    const body: Record<string, unknown> = {
      step: def.no,
      doneOn: values.doneOn,
      materials: values.materials ?? [],
      asHistory: !!values.asHistory,
    };
    for (const f of def.fields) {
      const v = values[f.key];
      if (v === undefined || v === null || v === '') continue;
      body[f.key] = f.type === 'vote' ? { exclusions: [], ...(v as object) } : v;
    }
    if (Array.isArray((body.vote as { exclusions?: unknown[] } | undefined)?.exclusions)) {
      const vote = body.vote as { exclusions: Array<{ personId: number; case: string; note?: string }> };
      vote.exclusions = vote.exclusions.map((e) => ({
        ...e,
        name: detail.branchMembers.find((m) => m.personId === e.personId)?.name ?? '',
      }));
    }
    try {
      const res = await record.mutateAsync(body as Parameters<typeof record.mutateAsync>[0]);
      if (res.data.findings.length > 0)
        void message.warning(
          `已作为历史记录保存，自查自纠将列出：${res.data.findings.map((f) => f.detail).join('；')}`,
        );
      else void message.success(`已记录第${def.no}步：${def.name}`);
      onSaved();
    } catch (e) {
      if (isApiError(e)) {
        setError({ message: e.message, code: e.code });
        if (e.fields)
          form.setFields(
            Object.entries(e.fields)
              .filter(([k]) => def.fields.some((f) => f.key === k) || k === 'materials')
              .map(([name, msg]) => ({ name, errors: [msg] })),
          );
      } else setError({ message: errorMessage(e), code: 'ERROR' });
    }
  };

  return (
    <>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.message}
          data-testid="step-error"
          style={{ marginBottom: 12 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ doneOn: chinaToday(), materials: def.materials, asHistory: false }}
        disabled={!allowed}
      >
        {def.fields.map((f) =>
          f.type === 'vote' ? (
            <VoteFields key={f.key} detail={detail} />
          ) : (
            <Form.Item
              key={f.key}
              name={f.key}
              label={f.label}
              rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}
            >
              <FieldInput field={f} detail={detail} />
            </Form.Item>
          ),
        )}
        {def.materials.length > 0 && (
          <Form.Item name="materials" label="已具备的材料">
            <Checkbox.Group options={def.materials.map((m) => ({ label: m, value: m }))} />
          </Form.Item>
        )}
        <Form.Item name="asHistory" valuePropName="checked">
          <Checkbox>作为历史记录补录（不符合规定也保存，并列入自查自纠）</Checkbox>
        </Form.Item>
        <Button type="primary" onClick={() => void submit()} loading={record.isPending}>
          保存第{def.no}步
        </Button>
      </Form>
    </>
  );
}
