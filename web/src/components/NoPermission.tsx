import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';

export interface NoPermissionProps {
  /** Where "back" leads: the user's own organisation. */
  homePath: string;
  homeLabel?: string;
}

export function NoPermission({ homePath, homeLabel = '返回本组织' }: NoPermissionProps) {
  return (
    <div data-testid="no-permission">
      <Result
        status="403"
        title="无权访问"
        subTitle="该组织不在您的管辖范围内，您只能查看和管理本组织及其下级组织。如需访问，请联系上级组织管理员。"
        extra={
          <Link to={homePath}>
            <Button type="primary">{homeLabel}</Button>
          </Link>
        }
      />
    </div>
  );
}
