import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate, type Location } from 'react-router-dom';
import { homePath } from '../../../app/home';
import { errorMessage } from '../../../components/http';
import type { LoginInput, Me } from '../api';
import { resetSession, useLogin, useMe } from '../hooks';

export interface LoginLocationState {
  /** The page that needed a session. */
  from?: Pick<Location, 'pathname' | 'search'>;
  /** Arrived here by signing out: forget the cached session. */
  signedOut?: boolean;
}

function targetAfterLogin(me: Me, state: LoginLocationState | null): string {
  const from = state?.from;
  if (from && from.pathname !== '/login' && from.pathname !== '/') return from.pathname + (from.search ?? '');
  return homePath(me);
}

export function LoginPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const state = (location.state ?? null) as LoginLocationState | null;
  const signedOut = state?.signedOut === true;

  const me = useMe();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (signedOut) resetSession(queryClient, null);
  }, [signedOut, queryClient]);

  // Already signed in (e.g. opened /login in a second tab): go on.
  if (me.data && !signedOut && !login.isPending) {
    return <Navigate to={targetAfterLogin(me.data, state)} replace />;
  }

  const submit = async (values: LoginInput) => {
    setError(null);
    try {
      const signedIn = await login.mutateAsync({
        username: values.username.trim(),
        password: values.password,
      });
      void navigate(targetAfterLogin(signedIn, state), { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div className="login-page">
      <div className="login-brand">
        <div className="login-emblem" aria-hidden>
          ★
        </div>
        <Typography.Title level={1} className="login-title">
          党建工作平台
        </Typography.Title>
        <Typography.Text className="login-subtitle">基层党组织建设与党员管理</Typography.Text>
      </div>
      <Card className="login-card" variant="borderless">
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 20, textAlign: 'center' }}>
          账号登录
        </Typography.Title>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
            role="alert"
          />
        )}
        <Form<LoginInput>
          layout="vertical"
          size="large"
          onFinish={submit}
          requiredMark={false}
          disabled={login.isPending}
        >
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoCapitalize="none"
              maxLength={64}
              placeholder="用户名"
            />
          </Form.Item>
          <Form.Item name="password" label="口令" rules={[{ required: true, message: '请输入口令' }]}>
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              maxLength={128}
              placeholder="口令"
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              登录
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0, textAlign: 'center' }}>
          连续多次输入错误口令将锁定账号。忘记口令请联系安全管理员。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
