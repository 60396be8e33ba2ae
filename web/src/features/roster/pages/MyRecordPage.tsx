import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Radio,
  Result,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { formatDate } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { rosterApi, rosterKeys, type MyRecord, type TransferRequestCreate } from '../api';
import { TransferTargetSelect } from '../components/TransferTargetSelect';

const REQUEST_COLOR: Record<string, string> = {
  open: 'orange',
  converted: 'green',
  declined: 'default',
  withdrawn: 'default',
};

/** The member's own transfer request: its status, and the form to file one (one open at a time). */
function MyTransferRequest({ m }: { m: MyRecord }) {
  const [filing, setFiling] = useState(false);
  const [form] = Form.useForm<{
    destination: 'in_system' | 'outside';
    toOrgCode?: string;
    otherOrgName?: string;
    reason: string;
  }>();
  const destination = Form.useWatch('destination', form);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const file = useMutation({
    mutationFn: (body: TransferRequestCreate) => rosterApi.requestMyTransfer(body),
    onSuccess: () => {
      void message.success('已提交转接申请，请等待党支部办理');
      void queryClient.invalidateQueries({ queryKey: rosterKeys.me });
      setFiling(false);
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['toOrgCode', 'otherOrgName', 'reason', 'destination']))
        void message.error(errorMessage(e));
    },
  });
  const withdraw = useMutation({
    mutationFn: (id: number) => rosterApi.withdrawMyRequest(id),
    onSuccess: () => {
      void message.success('已撤回转接申请');
      void queryClient.invalidateQueries({ queryKey: rosterKeys.me });
    },
    onError: (e) => {
      void message.error(errorMessage(e));
      void queryClient.invalidateQueries({ queryKey: rosterKeys.me });
    },
  });
  const r = m.transferRequest;
  const canFile = m.org !== null && !m.openTransfer && r?.status !== 'open';
  return (
    <Card size="small" title="申请转接组织关系" style={{ marginTop: 12 }} data-testid="my-transfer-request">
      {r && (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="申请转往">
            {r.destination === 'in_system' ? r.toOrg?.name : `${r.otherOrgName ?? ''}（系统外）`}
          </Descriptions.Item>
          <Descriptions.Item label="提交日期">{formatDate(r.createdAt.slice(0, 10))}</Descriptions.Item>
          <Descriptions.Item label="办理状态">
            <Tag color={REQUEST_COLOR[r.status]} data-testid="my-transfer-request-status">
              {r.statusLabel}
            </Tag>
          </Descriptions.Item>
          {r.declineReason && <Descriptions.Item label="理由">{r.declineReason}</Descriptions.Item>}
        </Descriptions>
      )}
      {r?.status === 'open' && (
        <Popconfirm
          title="撤回这份转接申请？"
          description="党支部尚未办理，撤回后可重新申请。"
          okText="撤回"
          cancelText="取消"
          onConfirm={() => withdraw.mutate(r.id)}
        >
          <Button block danger loading={withdraw.isPending} data-testid="my-transfer-request-withdraw">
            撤回申请
          </Button>
        </Popconfirm>
      )}
      {!filing && canFile && (
        <Button block onClick={() => setFiling(true)} data-testid="my-transfer-request-open">
          {r ? '重新申请转接' : '申请转接组织关系'}
        </Button>
      )}
      {!r && !canFile && <Typography.Text type="secondary">组织关系转接正在办理中。</Typography.Text>}
      {filing && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ destination: 'in_system' }}
          onFinish={(v) =>
            file.mutate(
              v.destination === 'in_system'
                ? { destination: 'in_system', toOrgCode: v.toOrgCode ?? '', reason: v.reason }
                : { destination: 'outside', otherOrgName: v.otherOrgName ?? '', reason: v.reason },
            )
          }
        >
          <Form.Item name="destination" label="转往">
            <Radio.Group
              optionType="button"
              options={[
                { label: '本系统内党组织', value: 'in_system' },
                { label: '系统外单位', value: 'outside' },
              ]}
            />
          </Form.Item>
          {destination !== 'outside' ? (
            <Form.Item
              name="toOrgCode"
              label="转入党支部"
              extra="输入党支部名称或组织编码查找"
              rules={[{ required: true, message: '请选择转入党支部' }]}
            >
              <TransferTargetSelect />
            </Form.Item>
          ) : (
            <Form.Item
              name="otherOrgName"
              label="转入单位（党组织）名称"
              rules={[
                { required: true, message: '请填写转入单位名称' },
                { min: 2, message: '至少2个字' },
              ]}
            >
              <Input maxLength={100} />
            </Form.Item>
          )}
          <Form.Item name="reason" label="申请理由" rules={[{ required: true, message: '请填写申请理由' }]}>
            <Input.TextArea rows={3} maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={file.isPending}>
            提交申请
          </Button>
          <Button type="link" block onClick={() => setFiling(false)}>
            取消
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** 我的党员档案 (phone-sized): own record masked, own organisation and its secretary. */
export function MyRecordPage() {
  const q = useQuery({ queryKey: rosterKeys.me, queryFn: rosterApi.me });
  if (q.error) return <Result status="info" title="暂无党员档案" subTitle={errorMessage(q.error)} />;
  if (!q.data) return <Skeleton active />;
  const m = q.data;
  return (
    <div data-testid="roster-me" style={{ maxWidth: 480, margin: '0 auto' }}>
      <Typography.Title level={4}>我的党员档案</Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {m.name} <Tag color={m.category === '预备党员' ? 'orange' : 'red'}>{m.category}</Tag>
        </Typography.Title>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="性别 / 民族">
            {m.gender} / {m.ethnicity}
          </Descriptions.Item>
          <Descriptions.Item label="出生日期">{formatDate(m.birthDate)}</Descriptions.Item>
          <Descriptions.Item label="公民身份号码">{m.idNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{m.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="学历">{m.education ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="入党日期">
            {formatDate(m.joinedOn)}
            {m.partyYears !== null ? `（党龄${m.partyYears}年）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="转正日期">{formatDate(m.fullMemberOn)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="所在党组织">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="党组织">{m.org?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="书记">
            {m.secretary ? `${m.secretary.name}（${formatDate(m.secretary.since)}起）` : '暂缺'}
          </Descriptions.Item>
          {m.openTransfer && <Descriptions.Item label="组织关系转接">办理中</Descriptions.Item>}
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          信息有误请联系所在党支部；转接组织关系可在下方提交申请。
        </Typography.Paragraph>
      </Card>
      {m.community && (
        <Card size="small" title="到社区报到" style={{ marginTop: 12 }} data-testid="my-community">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="报到社区">{m.community.name}</Descriptions.Item>
            <Descriptions.Item label="报到日期">{formatDate(m.community.registeredOn)}</Descriptions.Item>
            <Descriptions.Item label={`${m.community.year}年志愿服务`}>
              {m.community.hours} 小时
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <MyTransferRequest m={m} />
    </div>
  );
}
