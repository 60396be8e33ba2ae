import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';

export interface NoPermissionProps {
  /** Where "back" leads: the user's own organisation. */
  homePath: string;
  homeLabel?: string;
  /** scope: the organisation is outside the user's subtree; role: the page is not for the user's role. */
  reason?: 'scope' | 'role';
}

const REASONS = {
  scope: '该组织不在您的管辖范围内，您只能查看和管理本组织及其下级组织。如需访问，请联系上级组织管理员。',
  role: '您的账号角色不能使用此页面。如确需使用，请联系安全管理员调整角色。',
};

export function NoPermission({ homePath, homeLabel, reason = 'scope' }: NoPermissionProps) {
  return (
    <div data-testid="no-permission">
      <Result
        status="403"
        title="无权访问"
        subTitle={REASONS[reason]}
        extra={
          <Link to={homePath}>
            <Button type="primary" data-testid="no-permission-home">
              {homeLabel ?? (reason === 'role' ? '返回首页' : '返回本组织')}
            </Button>
          </Link>
        }
      />
    </div>
  );
}
