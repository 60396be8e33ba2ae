import { CheckCircleOutlined, KeyOutlined, LockOutlined, PlusOutlined, StopOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { showFormError } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { useDebouncedValue } from '../../../components/use-debounced-value';
import { useCurrentUser } from '../../auth/hooks';
import { orgsApi } from '../../orgs/api';
import { accountSecurityApi, type ResetPasswordResult } from '../account-security-api';
import { adminApi, adminKeys, ROLE_LABELS, ROLES, type CreateUserInput, type UserRow } from '../api';

function OrgPicker({ value, onChange }: { value?: number; onChange?: (id: number) => void }) {
  const [q, setQ] = useState('');
  const term = useDebouncedValue(q, 250);
  const found = useQuery({
    queryKey: ['admin', 'org-picker', term],
    queryFn: ({ signal }) => orgsApi.search(term, 20, signal),
    enabled: term.trim().length > 0,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(id: number) => onChange?.(id)}
      placeholder="输入组织名称或编码搜索"
      notFoundContent={term ? '无匹配组织' : '请输入关键字'}
      loading={found.isFetching}
      options={(found.data ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.code}）` }))}
    />
  );
}

function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CreateUserInput>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: adminApi.createUser,
    onSuccess: async () => {
      message.success('账号已创建，尚无角色：请安全管理员授予角色；首次登录须修改初始口令');
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
      form.resetFields();
      onClose();
    },
    // Each error once: on its field, or (no field named) in the Alert above the form.
    onError: (e) =>
      showFormError(form, e, ['username', 'displayName', 'scopeOrgId', 'initialPassword'], setFormError),
  });
  return (
    <Modal
      title="新建账号"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="创建"
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
      <Form<CreateUserInput>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setFormError(null);
          create.mutate(v);
        }}
      >
        <Typography.Paragraph type="secondary">
          三员分立：新建的账号没有角色，由安全管理员授予。
        </Typography.Paragraph>
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="scopeOrgId" label="管辖组织" rules={[{ required: true, message: '请选择管辖组织' }]}>
          <OrgPicker />
        </Form.Item>
        <Form.Item
          name="initialPassword"
          label="初始口令"
          rules={[{ required: true, message: '请填写初始口令' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RolesModal({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const [roles, setRoles] = useState<string[]>([]);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: () => adminApi.setRoles(user!.id, roles),
    onSuccess: async () => {
      message.success('角色已更新');
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
      onClose();
    },
  });
  return (
    <Modal
      title={user ? `设置角色：${user.displayName}（${user.username}）` : ''}
      open={!!user}
      onCancel={onClose}
      onOk={() => save.mutate()}
      confirmLoading={save.isPending}
      afterOpenChange={(open) => {
        if (open && user) setRoles(user.roles);
        save.reset();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        三员分立：系统管理员、安全管理员、审计管理员互斥，且不与业务角色兼任；三员账号的角色不能变更，三员角色只授予尚无角色的账号。
      </Typography.Paragraph>
      {save.error && (
        <Alert type="error" showIcon message={errorMessage(save.error)} style={{ marginBottom: 12 }} />
      )}
      <Checkbox.Group
        value={roles}
        onChange={(v) => setRoles(v)}
        options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        data-testid="roles-checkboxes"
      />
    </Modal>
  );
}

/** The one-time initial password after a reset, shown once for the security administrator to hand over. */
function ResetResultModal({ result, user, onClose }: { result: ResetPasswordResult | null; user: UserRow | null; onClose: () => void }) {
  return (
    <Modal
      title={user ? `口令已重置：${user.displayName}（${user.username}）` : '口令已重置'}
      open={!!result}
      onCancel={onClose}
      onOk={onClose}
      okText="我已记下"
      cancelButtonProps={{ style: { display: 'none' } }}
      destroyOnHidden
    >
      <Typography.Paragraph>一次性初始口令（只显示这一次，请当面或通过安全渠道交给本人）：</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text code copyable={{ tooltips: ['复制', '已复制'] }} data-testid="initial-password" style={{ fontSize: 18 }}>
          {result?.initialPassword}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        该账号原有的登录已全部结束，锁定已解除；下次登录须先修改口令。
      </Typography.Paragraph>
    </Modal>
  );
}

/** 账号管理: the system administrator creates and disables accounts; the security administrator grants roles, unlocks, resets passwords and re-enables. */
export function UsersPage() {
  const me = useCurrentUser();
  const isSystem = me.roles.includes('system_admin');
  const isSecurity = me.roles.includes('security_admin');
  const [q, setQ] = useState('');
  const term = useDebouncedValue(q, 250);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const users = useQuery({
    queryKey: adminKeys.users(term),
    queryFn: ({ signal }) => adminApi.users(term, signal),
  });
  const [reset, setReset] = useState<{ user: UserRow; result: ResetPasswordResult } | null>(null);
  const resetPassword = useMutation({
    mutationFn: (user: UserRow) => accountSecurityApi.resetPassword(user.id),
    onSuccess: async (result, user) => {
      setReset({ user, result });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const act = useMutation({
    mutationFn: ({ id, what }: { id: number; what: 'unlock' | 'disable' | 'enable' }) =>
      what === 'unlock' ? adminApi.unlock(id) : what === 'enable' ? accountSecurityApi.enable(id) : adminApi.disable(id),
    onSuccess: async (_, v) => {
      message.success(v.what === 'unlock' ? '已解锁' : v.what === 'enable' ? '已启用，该账号可以重新登录' : '已停用，其会话已结束');
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const now = Date.now();

  return (
    <div data-testid="users-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          账号管理
        </Typography.Title>
        <Space>
          <Input.Search
            placeholder="用户名或姓名"
            allowClear
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 200 }}
          />
          {isSystem && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建账号
            </Button>
          )}
        </Space>
      </Space>
      {users.error && (
        <Alert type="error" showIcon message={errorMessage(users.error)} style={{ marginBottom: 12 }} />
      )}
      <Table<UserRow>
        rowKey="id"
        size="small"
        loading={users.isLoading}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
        columns={[
          {
            title: '用户名',
            dataIndex: 'username',
            render: (v: string) => (
              <Space>
                <UserOutlined />
                {v}
              </Space>
            ),
          },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '管辖组织', key: 'scope', render: (_, u) => u.scope.name },
          {
            title: '角色',
            dataIndex: 'roles',
            render: (roles: string[]) =>
              roles.length === 0 ? (
                <Typography.Text type="secondary">无角色</Typography.Text>
              ) : (
                roles.map((r) => <Tag key={r}>{ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r}</Tag>)
              ),
          },
          {
            title: '状态',
            key: 'state',
            render: (_, u) =>
              u.disabled ? (
                <Tag>已停用</Tag>
              ) : u.lockedUntil && Date.parse(u.lockedUntil) > now ? (
                <Tag color="red" icon={<LockOutlined />}>
                  锁定中
                </Tag>
              ) : (
                <Tag color="green">正常</Tag>
              ),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, u) => (
              <Space size="small" wrap>
                {isSecurity && u.id !== me.user.id && (
                  <Button size="small" onClick={() => setEditing(u)} disabled={u.disabled}>
                    角色
                  </Button>
                )}
                {isSecurity && u.lockedUntil && Date.parse(u.lockedUntil) > now && (
                  <Button size="small" onClick={() => act.mutate({ id: u.id, what: 'unlock' })}>
                    解锁
                  </Button>
                )}
                {isSecurity && !u.disabled && u.id !== me.user.id && (
                  <Popconfirm
                    title="重置后原口令失效、该账号立即退出登录，将生成一次性初始口令，确定重置？"
                    okText="重置"
                    cancelText="取消"
                    onConfirm={() => resetPassword.mutate(u)}
                  >
                    <Button size="small" icon={<KeyOutlined />} loading={resetPassword.isPending && resetPassword.variables?.id === u.id}>
                      重置密码
                    </Button>
                  </Popconfirm>
                )}
                {isSecurity && u.disabled && u.id !== me.user.id && (
                  <Popconfirm
                    title="启用后该账号可以重新登录，确定启用？"
                    okText="启用"
                    cancelText="取消"
                    onConfirm={() => act.mutate({ id: u.id, what: 'enable' })}
                  >
                    <Button size="small" icon={<CheckCircleOutlined />}>
                      启用
                    </Button>
                  </Popconfirm>
                )}
                {!u.disabled && u.id !== me.user.id && (
                  <Popconfirm
                    title="停用后该账号立即退出登录，确定停用？"
                    onConfirm={() => act.mutate({ id: u.id, what: 'disable' })}
                  >
                    <Button size="small" danger icon={<StopOutlined />}>
                      停用
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <RolesModal user={editing} onClose={() => setEditing(null)} />
      <ResetResultModal result={reset?.result ?? null} user={reset?.user ?? null} onClose={() => setReset(null)} />
    </div>
  );
}
