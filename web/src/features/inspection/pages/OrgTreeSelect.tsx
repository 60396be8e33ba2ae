import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { orgsApi } from '../../orgs/api';

interface Node {
  id: number;
  pId: number;
  value: number;
  title: string;
  isLeaf: boolean;
}

/**
 * Organisations strictly below `rootId`, loaded level by level as the tree opens: a picker that
 * cannot name anything outside the issuer's subtree.
 */
export function OrgTreeSelect(props: {
  rootId: number;
  value?: number | number[];
  onChange?: (v: number | number[]) => void;
  multiple?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
}) {
  const { rootId, multiple, ...rest } = props;
  const [nodes, setNodes] = useState<Node[]>([]);
  const load = async (parentId: number) => {
    const children = await orgsApi.children(parentId, false);
    setNodes((prev) => [
      ...prev,
      ...children
        .filter((c) => !prev.some((p) => p.id === c.id))
        .map((c) => ({ id: c.id, pId: parentId, value: c.id, title: c.name, isLeaf: c.childCount === 0 })),
    ]);
  };
  useEffect(() => {
    setNodes([]);
    void load(rootId);
  }, [rootId]);
  return (
    <TreeSelect
      {...rest}
      showSearch
      treeNodeFilterProp="title"
      treeDataSimpleMode={{ id: 'id', pId: 'pId' }}
      treeData={nodes}
      loadData={(n) => load(Number(n.value))}
      multiple={multiple}
      allowClear
      placeholder={props.placeholder ?? '选择组织'}
      popupMatchSelectWidth={false}
    />
  );
}
