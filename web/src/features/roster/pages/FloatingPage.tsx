import { UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Result,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { chinaToday, formatDate } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { useDebouncedValue } from '../../../components/use-debounced-value';
import { rosterApi, type Floating, type FloatingContact, type FloatingCreate } from '../api';

const KIND: Record<Floating['kind'], string> = { domestic: '国内流动', abroad_study: '出国（境）学习研究' };
const METHODS = ['电话', '微信', '视频', '面谈', '信函', '其他'];

/** 流动党员: out-flow and in-flow registrations, contacts, overdue flags (abroad for study, transfer due). */
export function FloatingPage() {
  const orgId = Number(useParams().orgId);
  const [status, setStatus] = useState<'active' | 'ended' | 'all'>('active');
  const [overdue, setOverdue] = useState(false);
  const [creating, setCreating] = useState(false);
  const [contacting, setContacting] = useState<Floating | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const q = useQuery({
    queryKey: ['roster', 'floating', orgId, status, overdue],
    queryFn: () => rosterApi.floating(orgId, status, overdue),
    enabled: orgId > 0,
  });
  if (q.error)
    return (
      <Result
        status={(q.error as { status?: number }).status === 403 ? '403' : 'error'}
        title="无法加载流动党员"
        subTitle={errorMessage(q.error)}
      />
    );
  const s = q.data?.summary;
  return (
    <div data-testid="roster-floating">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          流动党员
        </Typography.Title>
        <Space wrap>
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={[
              { value: 'active', label: '在册' },
              { value: 'ended', label: '已结束' },
              { value: 'all', label: '全部' },
            ]}
          />
          <Checkbox
            checked={overdue}
            onChange={(e) => setOverdue(e.target.checked)}
            data-testid="floating-overdue-only"
          >
            只看需处理
          </Checkbox>
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)}>
            登记流动党员
          </Button>
        </Space>
      </Space>
      {s && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag>流出 {s.out}</Tag>
          <Tag>流入 {s.in}</Tag>
          <Tag color="blue">出国（境）学习 {s.abroadStudy}</Tag>
          <Tag color={s.contactOverdue > 0 ? 'red' : 'default'} data-testid="floating-overdue-count">
            联系超期 {s.contactOverdue}
          </Tag>
          <Tag color={s.transferDue > 0 ? 'orange' : 'default'}>应转接组织关系 {s.transferDue}</Tag>
        </Space>
      )}
      {q.data && (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          message={`出国（境）学习研究的党员至少每${q.data.rules.contactMonths}个月联系一次；在固定地点外出${q.data.rules.awayMonths}个月以上的应转移组织关系。`}
        />
      )}
      <Table<Floating>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 960 }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'personName',
            width: 90,
            fixed: 'left',
            render: (n: string, f) => <a onClick={() => setOpen(f.id)}>{n}</a>,
          },
          {
            title: '方向',
            dataIndex: 'direction',
            width: 70,
            render: (d: string) => (d === 'out' ? '流出' : '流入'),
          },
          { title: '类型', dataIndex: 'kind', width: 140, render: (k: Floating['kind']) => KIND[k] },
          { title: '管理党组织', dataIndex: ['org', 'name'] },
          { title: '外出地点/流入地', dataIndex: 'destination', width: 130 },
          { title: '自', dataIndex: 'since', width: 110 },
          {
            title: '最近联系',
            dataIndex: 'lastContactOn',
            width: 110,
            render: (d: string | null) => d ?? '—',
          },
          {
            title: '提示',
            key: 'flags',
            width: 190,
            render: (_, f) => (
              <Space size={4} wrap>
                {f.contactOverdue && <Tag color="red">联系超期{f.daysOverdue}天</Tag>}
                {!f.contactOverdue && f.contactDueOn && <Tag>应于{f.contactDueOn}前联系</Tag>}
                {f.transferDue && <Tag color="orange">应转接组织关系</Tag>}
                {f.endedOn && <Tag>已于{f.endedOn}结束</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 110,
            fixed: 'right',
            render: (_, f) =>
              !f.endedOn && (
                <Button
                  size="small"
                  onClick={() => setContacting(f)}
                  data-testid={`floating-contact-${f.id}`}
                >
                  记录联系
                </Button>
              ),
          },
        ]}
      />
      {creating && <CreateFloatingModal orgId={orgId} onClose={() => setCreating(false)} />}
      {contacting && <ContactModal floating={contacting} onClose={() => setContacting(null)} />}
      <FloatingDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}

function CreateFloatingModal({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const [form] = Form.useForm();
  const direction = Form.useWatch('direction', form) as FloatingCreate['direction'] | undefined;
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
    mutationFn: rosterApi.createFloating,
    onSuccess: () => {
      void message.success('已登记');
      void queryClient.invalidateQueries({ queryKey: ['roster'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['personId', 'personName', 'origin', 'destination', 'since', 'kind']))
        void message.error(errorMessage(e));
    },
  });
  return (
    <Modal open title="登记流动党员" onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ direction: 'out', kind: 'domestic', since: chinaToday() }}
        onFinish={(v: FloatingCreate) => create.mutate(v.direction === 'in' ? { ...v, orgId } : v)}
      >
        <Form.Item name="direction" label="流动方向">
          <Segmented
            options={[
              { value: 'out', label: '流出（本组织党员外出）' },
              { value: 'in', label: '流入（外地党员来本地）' },
            ]}
          />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select
            options={[
              { value: 'domestic', label: '国内流动' },
              { value: 'abroad_study', label: '出国（境）学习研究' },
            ]}
          />
        </Form.Item>
        {direction !== 'in' ? (
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
        ) : (
          <>
            <Form.Item name="personName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item
              name="origin"
              label="原所在党组织"
              rules={[{ required: true, message: '请填写原所在党组织' }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="destination"
          label={direction === 'in' ? '流入地（本地）' : '外出地点'}
          rules={[{ required: true, message: '请填写地点' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="since"
          label={direction === 'in' ? '流入日期' : '外出日期'}
          rules={[
            { required: true, message: '请填写日期' },
            { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式如2026-05-01' },
          ]}
        >
          <Input placeholder="2026-05-01" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          登记
        </Button>
      </Form>
    </Modal>
  );
}

function ContactModal({ floating, onClose }: { floating: Floating; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: (v: FloatingContact) => rosterApi.addFloatingContact(floating.id, v),
    onSuccess: () => {
      void message.success('已记录联系');
      void queryClient.invalidateQueries({ queryKey: ['roster'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['contactedOn', 'method', 'note'])) void message.error(errorMessage(e));
    },
  });
  return (
    <Modal open title={`记录与${floating.personName}的联系`} onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ contactedOn: chinaToday(), method: '电话', joinedLocalLife: false }}
        onFinish={(v: FloatingContact) => add.mutate(v)}
      >
        <Form.Item
          name="contactedOn"
          label="联系日期"
          rules={[{ required: true, message: '请填写联系日期' }]}
        >
          <Input placeholder="2026-11-20" />
        </Form.Item>
        <Form.Item name="method" label="联系方式">
          <Select options={METHODS.map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        <Form.Item name="note" label="联系情况">
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Form.Item name="joinedLocalLife" label="参加了流入地（所在地）组织生活" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={add.isPending}
          data-testid="floating-contact-submit"
        >
          保存
        </Button>
      </Form>
    </Modal>
  );
}

function FloatingDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: ['roster', 'floating-detail', id],
    queryFn: () => rosterApi.floatingDetail(id!),
    enabled: id !== null,
  });
  const end = useMutation({
    mutationFn: () => rosterApi.endFloating(id!, chinaToday()),
    onSuccess: () => {
      void message.success('已结束登记');
      void queryClient.invalidateQueries({ queryKey: ['roster'] });
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const f = q.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={f ? `${f.personName} · ${f.direction === 'out' ? '流出' : '流入'}` : '流动党员'}
      width={Math.min(520, window.innerWidth)}
    >
      {q.error && <Result status="error" subTitle={errorMessage(q.error)} />}
      {f && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="类型">{KIND[f.kind]}</Descriptions.Item>
            <Descriptions.Item label="管理党组织">{f.org.name}</Descriptions.Item>
            <Descriptions.Item label="地点">{f.destination}</Descriptions.Item>
            {f.origin && <Descriptions.Item label="原所在党组织">{f.origin}</Descriptions.Item>}
            <Descriptions.Item label="自">{formatDate(f.since)}</Descriptions.Item>
            {f.contactDueOn && (
              <Descriptions.Item label="下次联系期限">
                {formatDate(f.contactDueOn)}
                {f.contactOverdue && (
                  <Tag color="red" style={{ marginLeft: 8 }}>
                    已超期
                  </Tag>
                )}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            联系记录（{f.contactRecords.length}）
          </Typography.Title>
          <Timeline
            items={f.contactRecords.map((c) => ({
              children: `${c.contactedOn} ${c.method}${c.joinedLocalLife ? '（参加了所在地组织生活）' : ''}：${c.note ?? ''}`,
            }))}
          />
          {!f.endedOn && (
            <Button danger onClick={() => end.mutate()} loading={end.isPending}>
              结束登记（已返回或已转接）
            </Button>
          )}
        </>
      )}
    </Drawer>
  );
}
