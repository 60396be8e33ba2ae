import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { showFormError } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { useOrg } from '../../orgs/hooks';
import { inspectionApi, type BulletinRow } from '../api';
import { OrgTreeSelect } from './OrgTreeSelect';

interface BulletinForm {
  title: string;
  content: string;
  recipientOrgIds?: number[];
  examples?: Array<{ kind: string; text: string; orgId?: number }>;
}

function NewBulletinCard({ orgId, onDone }: { orgId: number; onDone: (id: number) => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<BulletinForm>();
  const publish = useMutation({
    mutationFn: (v: BulletinForm) =>
      inspectionApi.publish({
        orgId,
        title: v.title,
        content: v.content,
        ...(v.recipientOrgIds?.length ? { recipientOrgIds: v.recipientOrgIds } : {}),
        examples: (v.examples ?? []).map((e) => ({
          kind: e.kind,
          text: e.text,
          ...(e.orgId ? { orgId: e.orgId } : {}),
        })),
      }),
    onSuccess: (b) => {
      void message.success(`通报已发布，已通知${b.notified}人`);
      void qc.invalidateQueries({ queryKey: ['bulletins'] });
      onDone(b.id);
    },
    onError: (e) =>
      showFormError(
        form,
        e,
        ['title', 'content', 'recipientOrgIds', 'examples'],
        (t) => void message.error(t),
      ),
  });
  return (
    <Card size="small" title="发布通报">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ examples: [] }}
        onFinish={(v) => publish.mutate(v)}
      >
        <Form.Item name="title" label="通报标题" rules={[{ required: true, message: '请填写通报标题' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="content" label="通报正文" rules={[{ required: true, message: '请填写通报正文' }]}>
          <Input.TextArea rows={5} maxLength={5000} />
        </Form.Item>
        <Form.Item name="recipientOrgIds" label="接收组织（不选则发至全部直属下级组织）">
          <OrgTreeSelect rootId={orgId} multiple style={{ width: '100%' }} placeholder="全部直属下级组织" />
        </Form.Item>
        <Typography.Text strong>典型事例</Typography.Text>
        <Form.List name="examples">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%', margin: '8px 0 16px' }}>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start">
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: '请选择类别' }]}>
                    <Select
                      style={{ width: 90 }}
                      options={[
                        { value: '表扬', label: '表扬' },
                        { value: '批评', label: '批评' },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'orgId']}>
                    <OrgTreeSelect rootId={orgId} style={{ width: 240 }} placeholder="所在组织（可选）" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} rules={[{ required: true, message: '请填写典型事例' }]}>
                    <Input style={{ width: 360 }} placeholder="典型事例" maxLength={1000} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Space>
                <Button onClick={() => add({ kind: '表扬' })}>添加表扬</Button>
                <Button onClick={() => add({ kind: '批评' })}>添加批评</Button>
              </Space>
            </Space>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={publish.isPending}>
          发布通报
        </Button>
      </Form>
    </Card>
  );
}

/** 通报: those this organisation published and those it received; committees publish. */
export function BulletinsPage() {
  const orgId = Number(useParams().orgId);
  const org = useOrg(orgId);
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const q = useQuery({
    queryKey: ['bulletins', 'list', orgId],
    queryFn: () => inspectionApi.bulletins(orgId),
  });
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="bulletins-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {org.data?.org.name ?? ''} · 通报
        </Typography.Title>
        {q.data?.policies?.publish && (
          <Button type="primary" onClick={() => setCreating((c) => !c)}>
            {creating ? '收起' : '发布通报'}
          </Button>
        )}
      </Space>
      {creating && <NewBulletinCard orgId={orgId} onDone={(id) => navigate(`/bulletins/${id}`)} />}
      <Table
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无通报' }}
        columns={[
          {
            title: '通报',
            dataIndex: 'title',
            render: (t: string, b: BulletinRow) => <Link to={`/bulletins/${b.id}`}>{t}</Link>,
          },
          { title: '发布组织', dataIndex: 'orgName', responsive: ['md' as const] },
          { title: '印发日期', dataIndex: 'issuedOn', render: (d: string) => formatDate(d) },
          {
            title: '阅读情况',
            key: 'read',
            render: (_: unknown, b: BulletinRow) =>
              b.direction === 'published' ? (
                <span>
                  已读 {b.readOrgs}/{b.recipients} 个组织
                </span>
              ) : b.readByMe ? (
                <Tag color="green">已读</Tag>
              ) : (
                <Tag color="orange">未读</Tag>
              ),
          },
        ]}
      />
    </Space>
  );
}
