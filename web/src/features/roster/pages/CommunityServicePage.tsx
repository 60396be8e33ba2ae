import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { chinaToday, formatDate } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { useDebouncedValue } from '../../../components/use-debounced-value';
import {
  rosterApi,
  type CommunityRegistration,
  type CommunityStatusFilter,
  type VolunteerServiceRecord,
} from '../api';
import { EndRegistrationModal, ServiceRecordActions } from '../components/CommunityActions';

const SIDE: Record<string, { color: string; label: string }> = {
  home: { color: 'blue', label: '本组织党员' },
  community: { color: 'green', label: '到本社区报到' },
  both: { color: 'purple', label: '本组织党员 · 本社区' },
};
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

/**
 * 在职党员到社区报到: the subtree's members registered with communities and the members registered
 * with its communities, with the year's volunteer hours; the community side records service.
 */
export function CommunityServicePage() {
  const orgId = Number(useParams().orgId);
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [registering, setRegistering] = useState(false);
  const [recording, setRecording] = useState<CommunityRegistration | null>(null);
  const [viewing, setViewing] = useState<CommunityRegistration | null>(null);
  const [ending, setEnding] = useState<CommunityRegistration | null>(null);
  const [status, setStatus] = useState<CommunityStatusFilter>('all');
  const q = useQuery({
    queryKey: ['roster', 'community', orgId, year, status],
    queryFn: () => rosterApi.community(orgId, year, status),
    enabled: orgId > 0,
  });
  if (q.error) return <Result status="error" title="加载失败" subTitle={errorMessage(q.error)} />;
  const d = q.data;
  return (
    <div data-testid="roster-community">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          在职党员到社区报到
        </Typography.Title>
        <Space wrap>
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
          />
          <Select
            value={status}
            onChange={setStatus}
            style={{ width: 110 }}
            data-testid="community-status-filter"
            options={[
              { value: 'all', label: '全部' },
              { value: 'active', label: '在册' },
              { value: 'ended', label: '已结束' },
            ]}
          />
          <Button type="primary" onClick={() => setRegistering(true)}>
            登记报到
          </Button>
        </Space>
      </Space>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={8}>
          <Card size="small">
            <Statistic
              title="在册报到党员"
              value={d?.items.filter((i) => i.status === 'active').length ?? 0}
              suffix="人"
            />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title={`${year}年服务时长`} value={d?.totalHours ?? 0} suffix="小时" />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic
              title="本年尚无服务"
              value={d?.withoutService ?? 0}
              suffix="人"
              valueStyle={d && d.withoutService > 0 ? { color: '#cf1322' } : undefined}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={`${year}年各月志愿服务时长（小时）`} style={{ marginBottom: 12 }}>
        <ReactECharts
          style={{ height: 220 }}
          option={{
            tooltip: { trigger: 'axis' },
            grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
            xAxis: { type: 'category', data: MONTHS },
            yAxis: { type: 'value' },
            series: [{ type: 'bar', data: d?.months ?? [], itemStyle: { color: '#c0392b' } }],
          }}
        />
      </Card>
      <Table<CommunityRegistration>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={d?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 1010 }}
        columns={[
          { title: '党员', dataIndex: 'personName', width: 90 },
          { title: '所在党组织', dataIndex: ['homeOrg', 'name'] },
          { title: '报到社区', dataIndex: ['communityOrg', 'name'] },
          { title: '报到日期', dataIndex: 'registeredOn', width: 110, render: (v: string) => formatDate(v) },
          {
            title: '状态',
            dataIndex: 'status',
            width: 150,
            render: (_: string, r) =>
              r.status === 'active' ? (
                <Tag color="green">{r.statusLabel}</Tag>
              ) : (
                <Tooltip title={r.endReason ? `结束原因：${r.endReason}` : undefined}>
                  <span>
                    <Tag>{r.statusLabel}</Tag>
                    {formatDate(r.endedOn)}
                  </span>
                </Tooltip>
              ),
          },
          {
            title: `${year}年时长`,
            dataIndex: 'hours',
            width: 110,
            sorter: (a, b) => a.hours - b.hours,
            render: (h: number, r) =>
              h === 0 && r.endedOn === null ? <Tag color="red">本年尚无服务</Tag> : `${h} 小时`,
          },
          {
            title: '视角',
            dataIndex: 'side',
            width: 150,
            render: (s: string) => <Tag color={SIDE[s]!.color}>{SIDE[s]!.label}</Tag>,
          },
          {
            title: '操作',
            key: 'actions',
            width: 250,
            fixed: 'right',
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => setViewing(r)}>
                  服务记录
                </Button>
                {r.mayRecord && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setRecording(r)}
                    data-testid={`record-${r.id}`}
                  >
                    记录服务
                  </Button>
                )}
                {r.mayEnd && (
                  <Button size="small" danger onClick={() => setEnding(r)} data-testid={`end-${r.id}`}>
                    报到结束
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        党员所在党组织登记报到并查看服务时长；社区党组织看到到本社区报到的党员（仅姓名与所在党组织）并记录志愿服务。
      </Typography.Paragraph>
      {registering && <RegisterModal orgId={orgId} onClose={() => setRegistering(false)} />}
      {recording && <RecordModal r={recording} onClose={() => setRecording(null)} />}
      {ending && <EndRegistrationModal r={ending} onClose={() => setEnding(null)} />}
      <Drawer
        open={viewing !== null}
        title={viewing ? `${viewing.personName} · ${year}年志愿服务` : ''}
        onClose={() => setViewing(null)}
        width={Math.min(520, window.innerWidth)}
        destroyOnHidden
      >
        {viewing && <Detail r={viewing} year={year} />}
      </Drawer>
    </div>
  );
}

function Detail({ r, year }: { r: CommunityRegistration; year: number }) {
  const id = r.id;
  const q = useQuery({
    queryKey: ['roster', 'community', 'detail', id, year],
    queryFn: () => rosterApi.communityDetail(id, year),
  });
  if (q.error) return <Result status="error" title="加载失败" subTitle={errorMessage(q.error)} />;
  return (
    <Table
      size="small"
      rowKey="id"
      loading={q.isLoading}
      dataSource={q.data?.records ?? []}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      columns={[
        { title: '日期', dataIndex: 'servedOn', width: 110, render: (v: string) => formatDate(v) },
        { title: '服务内容', dataIndex: 'activity' },
        { title: '时长', dataIndex: 'hours', width: 80, render: (h: number) => `${h}小时` },
        ...(r.mayEditServices
          ? [
              {
                title: '操作',
                key: 'actions',
                width: 110,
                render: (_: unknown, s: VolunteerServiceRecord) => (
                  <ServiceRecordActions registrationId={id} record={s} />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

function RegisterModal({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const [form] = Form.useForm();
  const [search, setSearch] = useState('');
  const term = useDebouncedValue(search, 300);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const people = useQuery({
    queryKey: ['roster', 'pick', orgId, term],
    queryFn: () => rosterApi.members(orgId, term ? { q: term } : {}, null, 20),
    enabled: orgId > 0,
  });
  const create = useMutation({
    mutationFn: rosterApi.registerCommunity,
    onSuccess: () => {
      void message.success('已登记到社区报到');
      void queryClient.invalidateQueries({ queryKey: ['roster', 'community'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['personId', 'communityOrgCode', 'registeredOn']))
        void message.error(errorMessage(e));
    },
  });
  return (
    <Modal open title="登记在职党员到社区报到" onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ registeredOn: chinaToday() }}
        onFinish={(v: { personId: number; communityOrgCode: string; registeredOn: string }) =>
          create.mutate(v)
        }
      >
        <Form.Item name="personId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            placeholder="输入姓名搜索"
            loading={people.isFetching}
            options={(people.data?.page.items ?? []).map((m) => ({
              value: m.personId,
              label: `${m.name}（${m.org.name}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="communityOrgCode"
          label="社区党组织编码"
          extra="居住地社区党组织的编码（可在组织体系中查到）"
          rules={[{ required: true, message: '请填写社区党组织编码' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="registeredOn"
          label="报到日期"
          rules={[{ required: true, message: '请填写报到日期' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          登记
        </Button>
      </Form>
    </Modal>
  );
}

function RecordModal({ r, onClose }: { r: CommunityRegistration; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const record = useMutation({
    mutationFn: (v: { servedOn: string; activity: string; hours: number }) =>
      rosterApi.recordService(r.id, v),
    onSuccess: () => {
      void message.success('已记录志愿服务');
      void queryClient.invalidateQueries({ queryKey: ['roster', 'community'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['servedOn', 'activity', 'hours'])) void message.error(errorMessage(e));
    },
  });
  return (
    <Modal open title={`记录志愿服务 · ${r.personName}`} onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ servedOn: chinaToday(), hours: 2 }}
        onFinish={(v: { servedOn: string; activity: string; hours: number }) => record.mutate(v)}
      >
        <Form.Item name="servedOn" label="服务日期" rules={[{ required: true, message: '请填写服务日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="activity"
          label="服务内容"
          rules={[
            { required: true, message: '请填写服务内容' },
            { min: 2, message: '至少2个字' },
          ]}
        >
          <Input placeholder="如 垃圾分类宣传、关爱独居老人" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="hours"
          label="时长（小时，0.5至24，按半小时计）"
          rules={[{ required: true, message: '请填写时长' }]}
        >
          <InputNumber min={0.5} max={24} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={record.isPending}>
          记录
        </Button>
      </Form>
    </Modal>
  );
}
