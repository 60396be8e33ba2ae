import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';

export interface NotFoundProps {
  title?: string;
  subTitle?: string;
  homePath?: string;
}

export function NotFound({
  title = '页面不存在',
  subTitle = '您访问的页面不存在或已被移除。',
  homePath = '/',
}: NotFoundProps) {
  return (
    <div data-testid="not-found">
      <Result
        status="404"
        title={title}
        subTitle={subTitle}
        extra={
          <Link to={homePath}>
            <Button type="primary">返回首页</Button>
          </Link>
        }
      />
    </div>
  );
}
