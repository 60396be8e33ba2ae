import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Progress,
  Result,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { chinaToday } from '../../../components/dates';
import { errorMessage, isApiError } from '../../../components/http';
import { NoPermission } from '../../../components/NoPermission';
import type { TalkCoverageData, TalksData } from '../api';
import { useCreateTalk, useTalkCoverage, useTalks } from '../hooks';

interface TalkForm {
  talkerPersonId?: number;
  talkeePersonId?: number;
  heldOn?: Dayjs;
  topic?: string;
  followUp?: string;
}

const ruleText = (r: TalksData['pairs']['rule']) =>
  `${r.committeeEachOther ? '支部委员之间两两谈' : ''}${r.committeeEachOther && r.committeeWithMembers !== 'none' ? '，' : ''}${
    r.committeeWithMembers === 'all'
      ? '每名支部委员与每名党员谈'
      : r.committeeWithMembers === 'secretary'
        ? '书记与每名党员谈'
        : ''
  }`;

function RecordTalk({ orgId, data }: { orgId: number; data: TalksData }) {
  const [form] = Form.useForm<TalkForm>();
  const create = useCreateTalk();
  const { message } = App.useApp();
  const people = data.people.map((p) => ({ value: p.personId, label: p.name }));
  const submit = async (v: TalkForm) => {
    try {
      await create.mutateAsync({
        orgId,
        talkerPersonId: v.talkerPersonId!,
        talkeePersonId: v.talkeePersonId!,
        heldOn: v.heldOn ? v.heldOn.format('YYYY-MM-DD') : '',
        topic: v.topic ?? '',
        ...(v.followUp ? { followUp: v.followUp } : {}),
      });
      message.success('已登记谈心谈话');
      form.resetFields();
    } catch (e) {
      if (isApiError(e) && e.fields) {
        form.setFields(
          Object.entries(e.fields)
            .filter(([k]) => ['talkerPersonId', 'talkeePersonId', 'heldOn', 'topic', 'followUp'].includes(k))
            .map(([name, msg]) => ({ name: name as keyof TalkForm, errors: [msg] })),
        );
      } else message.error(errorMessage(e));
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} aria-label="登记谈心谈话">
      <Space wrap align="start">
        <Form.Item name="talkerPersonId" label="谈话人" rules={[{ required: true, message: '请选择谈话人' }]}>
          <Select
            style={{ width: 160 }}
            options={people}
            showSearch
            optionFilterProp="label"
            placeholder="选择党员"
          />
        </Form.Item>
        <Form.Item
          name="talkeePersonId"
          label="谈话对象"
          rules={[{ required: true, message: '请选择谈话对象' }]}
        >
          <Select
            style={{ width: 160 }}
            options={people}
            showSearch
            optionFilterProp="label"
            placeholder="选择党员"
          />
        </Form.Item>
        <Form.Item name="heldOn" label="谈话日期" rules={[{ required: true, message: '请选择谈话日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="topic" label="谈话主题" rules={[{ required: true, message: '请填写谈话主题' }]}>
          <Input style={{ width: 260 }} maxLength={200} />
        </Form.Item>
      </Space>
      <Form.Item name="followUp" label="后续跟进">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending}>
        登记
      </Button>
    </Form>
  );
}

function BranchTalks({ orgId, year }: { orgId: number; year: number }) {
  const talks = useTalks(orgId, year);
  if (talks.isLoading) return <Skeleton active />;
  if (talks.error) {
    if (isApiError(talks.error) && talks.error.status === 403) return null;
    return <Alert type="error" message={errorMessage(talks.error)} />;
  }
  const d = talks.data!.data;
  return (
    <>
      <Card title="本组织谈心谈话覆盖" size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">规则：{ruleText(d.pairs.rule)}，每年至少一次。</Typography.Text>
          <Progress
            percent={d.pairs.required ? Math.round((d.pairs.covered / d.pairs.required) * 100) : 100}
            format={() => `${d.pairs.covered}/${d.pairs.required} 对`}
          />
          {d.pairs.missing.length > 0 ? (
            <div aria-label="未谈话的人员组合">
              <Typography.Text strong>尚未谈话（{d.pairs.missing.length}对）：</Typography.Text>{' '}
              {d.pairs.missing.slice(0, 300).map((p) => (
                <Tag key={`${p.a.personId}-${p.b.personId}`} color="orange">
                  {p.a.name}—{p.b.name}
                </Tag>
              ))}
              {d.pairs.missing.length > 300 ? <Typography.Text type="secondary">等</Typography.Text> : null}
            </div>
          ) : (
            <Tag color="green">全部覆盖</Tag>
          )}
        </Space>
      </Card>
      {talks.data!.policies?.create && d.people.length > 1 ? (
        <Card title="登记谈心谈话" size="small">
          <RecordTalk orgId={orgId} data={d} />
        </Card>
      ) : null}
      <Card title={`${year}年谈心谈话记录`} size="small">
        <Table
          rowKey="id"
          size="small"
          dataSource={d.talks}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '日期', dataIndex: 'heldOn', width: 110 },
            { title: '谈话人', dataIndex: 'talker', width: 100 },
            { title: '谈话对象', dataIndex: 'talkee', width: 100 },
            { title: '主题', dataIndex: 'topic' },
            { title: '后续跟进', dataIndex: 'followUp', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}

function SubtreeCoverage({ data }: { data: TalkCoverageData }) {
  const rows = data.rows.filter((r) => r.required > 0);
  if (rows.length <= 1) return null;
  return (
    <Card title="下级党支部谈心谈话覆盖" size="small">
      <Table
        rowKey="orgId"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '组织', dataIndex: 'orgName' },
          {
            title: '应谈（对）',
            dataIndex: 'required',
            width: 110,
            sorter: (a, b) => a.required - b.required,
          },
          { title: '已谈（对）', dataIndex: 'covered', width: 110 },
          {
            title: '覆盖率',
            width: 180,
            defaultSortOrder: 'ascend',
            sorter: (a, b) => a.covered / a.required - b.covered / b.required,
            render: (_: unknown, r) => (
              <Progress
                size="small"
                percent={Math.round((r.covered / r.required) * 100)}
                status={r.missing ? 'exception' : 'success'}
              />
            ),
          },
          {
            title: '未谈（对）',
            dataIndex: 'missing',
            width: 110,
            render: (v: number) => (v ? <Tag color="red">{v}</Tag> : <Tag color="green">0</Tag>),
          },
        ]}
      />
    </Card>
  );
}

/** 谈心谈话: pairwise coverage of the organisation (and of the branches below), records, and a form. */
export function TalksPage() {
  const orgId = Number(useParams().orgId);
  const [params, setParams] = useSearchParams();
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(Number(params.get('year') ?? thisYear));
  const coverage = useTalkCoverage(orgId, year);
  if (coverage.error) {
    if (isApiError(coverage.error) && coverage.error.status === 403) return <NoPermission homePath="/" />;
    return <Result status="error" title="加载谈心谈话失败" subTitle={errorMessage(coverage.error)} />;
  }
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`${coverage.data?.org.name ?? ''} 谈心谈话`}
        extra={
          <Space>
            年度
            <InputNumber
              aria-label="年度"
              min={2000}
              max={2100}
              value={year}
              onChange={(v) => {
                if (!v) return;
                setYear(v);
                setParams({ year: String(v) }, { replace: true });
              }}
            />
          </Space>
        }
      >
        {coverage.isLoading ? (
          <Skeleton active />
        ) : coverage.data ? (
          <SubtreeCoverage data={coverage.data} />
        ) : null}
      </Card>
      <BranchTalks orgId={orgId} year={year} />
    </Space>
  );
}
