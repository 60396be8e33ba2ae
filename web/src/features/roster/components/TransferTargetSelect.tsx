import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useState } from 'react';
import { useDebouncedValue } from '../../../components/use-debounced-value';
import { rosterApi } from '../api';

/**
 * 转入党支部: a searchable picker over the transfer-target directory (any active branch in the
 * tree, by name or code; the server answers code, name and parent name only). The value is the
 * organisation code, as the transfer APIs take it.
 */
export function TransferTargetSelect({
  value,
  onChange,
  id,
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  id?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const targets = useQuery({
    queryKey: ['roster', 'transfer-targets', q],
    queryFn: ({ signal }) => rosterApi.transferTargets(q, signal),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });
  const options = (targets.data ?? []).map((t) => ({
    value: t.code,
    label: t.name,
    title: t.name,
    parentName: t.parentName,
    code: t.code,
  }));
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear
      placeholder="输入党支部名称或编码（至少2个字）查找"
      loading={targets.isFetching}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.data.parentName ? `${o.data.parentName} · ` : ''}
            {o.data.code}
          </Typography.Text>
        </div>
      )}
      notFoundContent={
        q.length < 2 ? '请输入至少2个字' : targets.isFetching ? '查找中…' : '没有找到可接收党员的党支部'
      }
      data-testid="transfer-target-select"
    />
  );
}
