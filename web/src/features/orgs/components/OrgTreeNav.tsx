import { ApartmentOutlined, SearchOutlined } from '@ant-design/icons';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { App, Empty, Input, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode, TreeProps } from 'antd';
import { useEffect, useMemo, useState, type Key } from 'react';
import { useMatch, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../../components/http';
import { useDebouncedValue } from '../../../components/use-debounced-value';
import { childrenQuery, useOrg, useOrgSearch } from '../hooks';
import { displayName, type Org, type OrgChild } from '../types';

export interface OrgTreeNavProps {
  /** The user's scope organisation: the root of the navigator. */
  rootId: number;
  rootName: string;
  /** Called after the navigator moved to an organisation (closes the phone drawer). */
  onNavigate?: () => void;
}

interface OrgTreeNode extends TreeDataNode {
  key: string;
  orgId: number;
  fullName: string;
  children?: OrgTreeNode[];
}

const keyOf = (id: number) => String(id);

/** The lazy organisation tree: children are fetched when a node is first expanded. */
export function OrgTreeNav({ rootId, rootName, onNavigate }: OrgTreeNavProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const match = useMatch('/orgs/:id');
  const currentId = match?.params.id ? Number(match.params.id) : undefined;

  const [search, setSearch] = useState('');
  const term = useDebouncedValue(search.trim(), 300);

  const [expandedKeys, setExpandedKeys] = useState<Key[]>([keyOf(rootId)]);
  // Organisations whose children were requested; their lists live in the query cache.
  const [requested, setRequested] = useState<number[]>([]);

  const root = useOrg(rootId);
  const current = useOrg(currentId);

  // Reveal the current organisation: expand its ancestors (they load one level at a time).
  const ancestorKeys = useMemo(
    () => (current.data ? current.data.org.ancestors.map((a) => keyOf(a.id)) : []),
    [current.data],
  );
  useEffect(() => {
    if (ancestorKeys.length === 0) return;
    setExpandedKeys((keys) => {
      const missing = ancestorKeys.filter((k) => !keys.includes(k));
      return missing.length ? [...keys, ...missing] : keys;
    });
  }, [ancestorKeys]);

  const childLists = useQueries({
    queries: requested.map((id) => childrenQuery(id)),
    combine: (results) => {
      const byParent = new Map<number, OrgChild[]>();
      results.forEach((r, i) => {
        if (r.data) byParent.set(requested[i]!, r.data);
      });
      return byParent;
    },
  });

  const treeData = useMemo<OrgTreeNode[]>(() => {
    const build = (org: { id: number; fullName: string; title: string; isLeaf: boolean }): OrgTreeNode => {
      const children = childLists.get(org.id);
      return {
        key: keyOf(org.id),
        orgId: org.id,
        fullName: org.fullName,
        title: org.title,
        isLeaf: org.isLeaf,
        ...(children
          ? {
              children: children.map((c) =>
                build({ id: c.id, fullName: c.name, title: displayName(c), isLeaf: c.childCount === 0 }),
              ),
            }
          : {}),
      };
    };
    const rootOrg = root.data?.org;
    return [
      build({
        id: rootId,
        fullName: rootOrg?.name ?? rootName,
        title: rootOrg ? displayName(rootOrg) : rootName,
        isLeaf: false,
      }),
    ];
  }, [childLists, root.data, rootId, rootName]);

  // rc-tree calls this inside its own state update: only touch our state after the first await.
  const loadData: TreeProps<OrgTreeNode>['loadData'] = async (node) => {
    const id = node.orgId;
    try {
      await queryClient.fetchQuery(childrenQuery(id));
    } catch (error) {
      message.error(`加载下级组织失败：${errorMessage(error)}`);
    }
    setRequested((ids) => (ids.includes(id) ? ids : [...ids, id]));
  };

  const go = (id: number) => {
    void navigate(`/orgs/${id}`);
    onNavigate?.();
  };

  return (
    <div className="org-tree-nav" style={{ display: 'flex', flexDirection: 'column', gap: 12, padding: 12 }}>
      <Input
        allowClear
        placeholder="搜索组织名称或编码"
        prefix={<SearchOutlined />}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        aria-label="搜索组织"
        data-testid="org-search"
        maxLength={50}
      />
      {term ? (
        <OrgSearchResults term={term} onPick={go} />
      ) : (
        <Tree<OrgTreeNode>
          blockNode
          showIcon={false}
          treeData={treeData}
          loadData={loadData}
          expandedKeys={expandedKeys}
          onExpand={(keys) => setExpandedKeys(keys)}
          selectedKeys={currentId !== undefined ? [keyOf(currentId)] : []}
          onSelect={(_keys, info) => go(info.node.orgId)}
          titleRender={(node) => (
            <span data-testid={`org-tree-node-${node.orgId}`} title={node.fullName}>
              {node.orgId === rootId && <ApartmentOutlined style={{ marginRight: 6, color: '#c8102e' }} />}
              {String(node.title)}
            </span>
          )}
        />
      )}
    </div>
  );
}

function OrgSearchResults({ term, onPick }: { term: string; onPick: (id: number) => void }) {
  const { data, isFetching, error } = useOrgSearch(term);
  if (error) return <Typography.Text type="danger">{errorMessage(error)}</Typography.Text>;
  if (!data) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  if (data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有匹配的组织" />;
  return (
    <Spin spinning={isFetching}>
      <ul data-testid="org-search-results" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {data.map((org: Org) => (
          <li key={org.id}>
            <button type="button" className="org-search-item" onClick={() => onPick(org.id)} title={org.name}>
              <span className="org-search-item-name">{org.name}</span>
              <span className="org-search-item-meta">
                <Tag variant="filled" style={{ marginInlineEnd: 4 }}>
                  {org.kind}
                </Tag>
                {org.code}
                {org.status === 'dissolved' && (
                  <Tag color="red" style={{ marginInlineStart: 4 }}>
                    已撤销
                  </Tag>
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Spin>
  );
}
