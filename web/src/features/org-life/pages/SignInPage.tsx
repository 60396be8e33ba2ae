import { CheckCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Result, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage, shouldRetry } from '../../../components/http';
import { orgLifeApi } from '../api';
import { lifeKeys } from '../hooks';

/** The page a member's phone opens from the QR code: one big button. */
export function SignInPage() {
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const info = useQuery({ queryKey: lifeKeys.signIn(id), queryFn: ({ signal }) => orgLifeApi.signInInfo(id, signal), retry: shouldRetry });
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  if (info.error) return <Result status="error" title="无法打开签到页" subTitle={errorMessage(info.error)} />;
  if (!info.data) return <Skeleton active />;
  const m = info.data;
  const signedIn = state?.ok || m.myStatus === '出席';

  const submit = async () => {
    setBusy(true);
    try {
      await orgLifeApi.signIn(id, token);
      setState({ ok: true, text: '签到成功' });
    } catch (e) {
      setState({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }}>
      <Card>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>{m.title}</Typography.Title>
          <Typography.Text>{m.orgName} · {m.type}</Typography.Text>
          <Typography.Text type="secondary">{formatDate(m.heldOn)}{m.startTime ? ` ${m.startTime}` : ''}{m.place ? ` · ${m.place}` : ''}</Typography.Text>
          {signedIn ? (
            <Result status="success" icon={<CheckCircleOutlined />} title="签到成功" subTitle="您已签到，请准时参加会议" />
          ) : (
            <>
              {state && !state.ok && <Alert type="error" showIcon message={state.text} />}
              {!token && <Alert type="warning" showIcon message="缺少签到码，请扫描会场二维码" />}
              <Button type="primary" size="large" block loading={busy} disabled={!token} onClick={() => void submit()}>签到</Button>
            </>
          )}
        </Space>
      </Card>
    </div>
  );
}
