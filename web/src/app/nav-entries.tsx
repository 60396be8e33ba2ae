// Every menu entry, in order: the app's own (工作台, 组织概况, 我的, 系统) and the feature modules'.
import {
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  DashboardOutlined,
  HomeOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { MODULE_NAV } from './module-registry';
import { ORG_STAFF, type NavEntry } from './navigation';

export type NavEntryWithIcon = NavEntry & { icon?: ReactNode };

const APP_FIRST: NavEntryWithIcon[] = [
  {
    key: 'workbench',
    label: '工作台',
    group: '工作台',
    roles: ORG_STAFF,
    icon: <DashboardOutlined />,
    to: (orgId) => `/orgs/${orgId}/workbench`,
  },
  { key: 'me', label: '我的', group: '工作台', roles: ['member'], icon: <HomeOutlined />, to: () => '/me' },
  {
    key: 'org',
    label: '组织概况',
    group: '组织',
    roles: ORG_STAFF,
    icon: <BankOutlined />,
    to: (orgId) => `/orgs/${orgId}`,
  },
];

// 三员分立: each administrator sees only their own pages.
const SYSTEM: NavEntryWithIcon[] = [
  {
    key: 'admin-users',
    label: '账号管理',
    group: '系统',
    roles: ['system_admin', 'security_admin'],
    icon: <UserSwitchOutlined />,
    to: () => '/admin/users',
  },
  {
    key: 'admin-calendar',
    label: '工作日历',
    group: '系统',
    roles: ['system_admin'],
    icon: <CalendarOutlined />,
    to: (orgId) => `/orgs/${orgId}/development/settings`,
  },
  {
    key: 'admin-audit',
    label: '审计日志',
    group: '系统',
    roles: ['audit_admin'],
    icon: <AuditOutlined />,
    to: () => '/admin/audit',
  },
  {
    key: 'admin-accountability',
    label: '问责记录',
    group: '系统',
    roles: ['audit_admin'],
    icon: <AuditOutlined />,
    to: (orgId) => `/orgs/${orgId}/accountability`,
  },
];

export const NAV_ENTRIES: NavEntryWithIcon[] = [
  ...APP_FIRST,
  ...MODULE_NAV.map((m): NavEntryWithIcon => ({
    key: m.key,
    label: m.label,
    group: m.group ?? '组织',
    roles: m.roles ?? ORG_STAFF,
    ...(m.levels ? { levels: m.levels } : {}),
    ...(m.icon ? { icon: m.icon } : {}),
    to: m.to,
  })),
  ...SYSTEM,
];

export const ICONS_BY_KEY = new Map(NAV_ENTRIES.map((e) => [e.key, e.icon]));
