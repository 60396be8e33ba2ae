import { ReloadOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { errorMessage, isApiError } from '../../../components/http';
import { NoPermission } from '../../../components/NoPermission';
import { NotFound } from '../../../components/NotFound';

export function ErrorView({
  error,
  homePath,
  what,
  retry,
}: {
  error: unknown;
  homePath: string;
  what: string;
  retry: () => void;
}) {
  if (isApiError(error) && error.status === 403) return <NoPermission homePath={homePath} />;
  if (isApiError(error) && error.status === 404)
    return <NotFound title={`${what}不存在`} subTitle={error.message} homePath={homePath} />;
  return (
    <Result
      status="error"
      title={`加载${what}失败`}
      subTitle={errorMessage(error)}
      extra={
        <Button type="primary" icon={<ReloadOutlined />} onClick={retry}>
          重试
        </Button>
      }
    />
  );
}

export function parseId(raw: string | undefined): number | undefined {
  if (!raw || !/^\d{1,15}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id > 0 ? id : undefined;
}
